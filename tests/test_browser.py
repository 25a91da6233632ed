"""Browser tests: the built site in headless Chromium, as a reader on a desktop or a phone sees it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SCREENSHOTS, SEED_SLUG

pytestmark = pytest.mark.browser
ARTICLE = f"/articles/{SEED_SLUG}/"
PAGES = {"home": "/", "articles": "/articles/", "article": ARTICLE, "timeline": "/timeline/"}


@pytest.fixture
def page_factory(browser: Any) -> Iterator[Any]:
    pages = []

    def make(width: int, scheme: str = "light", **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        pages.append(context)
        return page

    yield make
    for context in pages:
        context.close()


def boxes(page: Any) -> list[tuple[dict[str, float], dict[str, float]]]:
    """Bounding boxes of each Arabic segment and its English partner, in reading order."""
    return page.evaluate("""() => [...document.querySelectorAll('[lang="ar"][data-seg]')].map(ar => {
        const en = document.querySelector(`[lang="en"][data-seg="${ar.dataset.seg}"]`);
        const a = ar.getBoundingClientRect(), e = en.getBoundingClientRect();
        return [{top: a.top, left: a.left, right: a.right, bottom: a.bottom},
                {top: e.top, left: e.left, right: e.right, bottom: e.bottom}];
    })""")


def test_wide_screen_puts_each_sentence_level_with_its_partner(site_url: str, page_factory: Any) -> None:
    page = page_factory(1280)
    page.goto(site_url + ARTICLE)
    pairs = boxes(page)
    assert len(pairs) == 18
    for arabic, english in pairs:
        assert abs(arabic["top"] - english["top"]) < 12, "sentence not level with its partner"
        assert arabic["left"] >= english["right"], "Arabic should stand to the right of the English"


def test_phone_interleaves_each_arabic_sentence_with_its_english(site_url: str, page_factory: Any) -> None:
    page = page_factory(390)
    page.goto(site_url + ARTICLE)
    pairs = boxes(page)
    for (arabic, english), (next_arabic, _) in zip(pairs, pairs[1:] + pairs[-1:]):
        assert english["top"] >= arabic["bottom"] - 1, "English should follow its Arabic"
        if next_arabic is not arabic:
            assert next_arabic["top"] >= english["bottom"] - 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"


def test_translator_note_opens_from_the_keyboard(site_url: str, page_factory: Any) -> None:
    page = page_factory(1280)
    page.goto(site_url + ARTICLE)
    summary = page.locator("details.tnote > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.tnote").first.evaluate("d => d.open")
    assert page.locator("details.tnote > p").first.is_visible()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_load_without_console_errors_and_are_screenshotted(site_url: str, page_factory: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        for scheme in ("light", "dark"):
            page = page_factory(width, scheme)
            page.goto(site_url + PAGES[name], wait_until="networkidle")
            assert page.evaluate("document.documentElement.lang") == "en"
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"))
            assert page.errors == [], f"console errors on {name} at {width}px {scheme}: {page.errors}"


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("width", "shown", "hidden"), [(1280, "wide", "tall"), (390, "tall", "wide")])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_timeline_overview_fits_the_screen_and_reads_in_both_schemes(site_url: str, page_factory: Any, width: int,
                                                                     shown: str, hidden: str, scheme: str) -> None:
    page = page_factory(width, scheme)
    page.goto(site_url + "/timeline/")
    assert page.locator(f"svg.tl-svg-{shown}").is_visible() and not page.locator(f"svg.tl-svg-{hidden}").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    labels = page.evaluate(f"""() => [...document.querySelectorAll('svg.tl-svg-{shown} text')].map(t => {{
        const r = t.getBoundingClientRect(); return {{text: t.textContent, left: r.left, right: r.right, top: r.top,
        bottom: r.bottom, fill: getComputedStyle(t).fill}}; }})""")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    svg_box = page.locator(f"svg.tl-svg-{shown}").bounding_box()
    for index, label in enumerate(labels):
        assert label["bottom"] - label["top"] >= 11, f"{label['text']!r} is too small to read"
        assert svg_box["x"] - 1 <= label["left"] and label["right"] <= svg_box["x"] + svg_box["width"] + 1, label["text"]
        assert _contrast(label["fill"], background) >= 4.5, f"{label['text']!r}: {label['fill']} on {background}"
        for other in labels[index + 1:]:
            apart = (label["right"] <= other["left"] or other["right"] <= label["left"]
                     or label["bottom"] <= other["top"] + 2 or other["bottom"] <= label["top"] + 2)
            assert apart, f"{label['text']!r} overlaps {other['text']!r}"


def test_planned_events_look_different_from_what_happened(site_url: str, page_factory: Any) -> None:
    page = page_factory(1280)
    page.goto(site_url + "/timeline/2024/")  # the year holds both kinds
    style = "e => [getComputedStyle(e).borderLeftStyle, getComputedStyle(e).backgroundColor]"
    planned = page.locator('[data-status="planned"]').first.evaluate(style)
    happened = page.locator('[data-status="happened"]').first.evaluate(style)
    assert planned != happened and planned[0] == "dashed"
    assert page.locator('[data-status="planned"] .tl-status').first.is_visible()


def test_a_date_in_the_article_opens_its_event(site_url: str, page_factory: Any) -> None:
    page = page_factory(390)
    page.goto(site_url + ARTICLE)
    page.locator('[lang="ar"] a.date-link', has_text="الأسبوع الماضي").click()
    page.wait_for_url("**/timeline/2024/#oman-mosque-attack-2024")
    event = page.locator("#oman-mosque-attack-2024")
    assert event.is_visible() and event.evaluate("e => e.matches(':target')")
    box = event.bounding_box()
    assert 0 <= box["y"] < 900, "the event should be in view"
