"""Browser tests: the built site in headless Chromium, as a reader on a desktop or a phone sees it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import SCREENSHOTS, SEED_SLUG

pytestmark = pytest.mark.browser
ARTICLE = f"/articles/{SEED_SLUG}/"
PAGES = {"home": "/", "articles": "/articles/", "article": ARTICLE}


@pytest.fixture
def page_factory(browser: Any) -> Iterator[Any]:
    pages = []

    def make(width: int, scheme: str = "light") -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
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
