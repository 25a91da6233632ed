"""The map page in headless Chromium: the map fits a phone, its labels are whole and apart, dark mode recolours it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SCREENSHOTS

pytestmark = pytest.mark.browser
MAP = "/map/"

LABEL_BOXES = """() => {
    const map = document.querySelector('svg.imap').getBoundingClientRect();
    const labels = [...document.querySelectorAll('svg.imap text')].map(text => {
        const box = text.getBBox();
        const matrix = text.getScreenCTM();
        const corner = (x, y) => new DOMPoint(x, y).matrixTransform(matrix);
        const a = corner(box.x, box.y), b = corner(box.x + box.width, box.y + box.height);
        return {text: text.textContent, left: a.x, top: a.y, right: b.x, bottom: b.y};
    });
    const marks = [...document.querySelectorAll('svg.imap .mark, svg.imap .arrow')].map(mark => {
        const box = mark.getBoundingClientRect();
        return {text: mark.getAttribute('class'), left: box.left, top: box.top, right: box.right, bottom: box.bottom};
    });
    return {map: {left: map.left, top: map.top, right: map.right, bottom: map.bottom}, labels, marks};
}"""


@pytest.fixture
def open_map(browser: Any, site_url: str) -> Iterator[Any]:
    contexts = []

    def open_(width: int, scheme: str) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(site_url + MAP)
        return page

    yield open_
    for context in contexts:
        context.close()


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width * height if width > 0 and height > 0 else 0.0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_map_fits_and_its_labels_are_whole_and_apart(open_map: Any, width: int, scheme: str) -> None:
    page = open_map(width, scheme)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"map-{width}-{scheme}.png"), full_page=True)
    assert page.errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "page scrolls sideways"
    boxes = page.evaluate(LABEL_BOXES)
    frame = boxes["map"]
    assert frame["right"] - frame["left"] <= width
    for label in boxes["labels"]:
        assert frame["left"] - 1 <= label["left"] and label["right"] <= frame["right"] + 1, f"{label['text']} is cut off"
        assert frame["top"] - 1 <= label["top"] and label["bottom"] <= frame["bottom"] + 1, f"{label['text']} is cut off"
    labels = boxes["labels"]
    overlaps = [f"{a['text']} / {b['text']}" for i, a in enumerate(labels) for b in labels[i + 1:] if _overlap(a, b)]
    overlaps += [f"{a['text']} / {b['text']}" for a in labels for b in boxes["marks"] if _overlap(a, b)]
    assert not overlaps, "labels overlap each other or a marker: " + "; ".join(overlaps)


def test_dark_mode_recolours_the_map(open_map: Any) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page = open_map(1280, scheme)
        colours[scheme] = page.evaluate("""() => ['.sea', '.iraq', 'text'].map(selector =>
            getComputedStyle(document.querySelector('svg.imap ' + selector)).fill)""")
    assert all(light != dark for light, dark in zip(colours["light"], colours["dark"])), colours


def test_map_is_announced_by_its_title_and_description(open_map: Any) -> None:
    page = open_map(1280, "light")
    svg = page.locator("svg.imap")
    assert svg.get_attribute("role") == "img"
    name = page.evaluate("""() => document.querySelector('svg.imap').getAttribute('aria-labelledby')
        .split(' ').map(id => document.getElementById(id).textContent).join(' ')""")
    assert "Iraq" in name and "Baghdad" in name and "Anbar" in name
