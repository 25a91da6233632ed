"""The Arabic edition in headless Chromium: right to left, the Arabic leading, the switch to English."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SCREENSHOTS, SEED_SLUG
from test_browser import page_factory  # noqa: F401 - the fixture, shared
from test_reading import axe_problems, run_search

pytestmark = pytest.mark.browser
ARTICLE = f"/ar/articles/{SEED_SLUG}/"


@pytest.fixture
def open_page(page_factory: Any) -> Any:
    """test_browser's pages, opened at a path, recording failed requests as errors too."""

    def make(path: str, width: int, scheme: str = "light", **options: Any) -> Any:
        page = page_factory(width, scheme, **options)
        page.on("requestfailed", lambda request: page.errors.append(f"request failed: {request.url}"))
        page.goto(path, wait_until="networkidle")
        return page

    return make


@pytest.mark.parametrize("name", ["home", "article"])
def test_arabic_pages_read_right_to_left_and_are_screenshotted(site_url: str, open_page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        for scheme in ("light", "dark"):
            page = open_page(site_url + ("/ar/" if name == "home" else ARTICLE), width, scheme)
            assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, "page scrolls sideways"
            page.screenshot(path=str(SCREENSHOTS / f"ar-{name}-{width}-{scheme}.png"))
            assert page.errors == [], f"errors on the Arabic {name} at {width}px {scheme}: {page.errors}"


def test_arabic_leads_on_the_right_in_the_arabic_article(site_url: str, open_page: Any) -> None:
    page = open_page(site_url + ARTICLE, 1280)
    pairs = page.evaluate("""() => [...document.querySelectorAll('[lang="ar"][data-seg]')].map(ar => {
        const en = document.querySelector(`[lang="en"][data-seg="${ar.dataset.seg}"]`);
        const a = ar.getBoundingClientRect(), e = en.getBoundingClientRect();
        return [a.left, e.right, Math.abs(a.top - e.top)];
    })""")
    assert len(pairs) == 18
    for arabic_left, english_right, offset in pairs:
        assert arabic_left >= english_right, "the Arabic should stand to the right of its English"
        assert offset < 12, "each sentence should be level with its partner"
    english = page.evaluate("getComputedStyle(document.querySelector('[lang=\"en\"][data-seg]')).direction")
    assert english == "ltr", "English inside the Arabic edition runs left to right"


def test_the_switch_lands_on_the_same_page_in_the_other_edition(site_url: str, open_page: Any) -> None:
    page = open_page(site_url + ARTICLE + "#s-bbd547ee", 390)
    page.click("a[data-twin]")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + f"/articles/{SEED_SLUG}/"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click("a[data-twin]")
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + ARTICLE


def test_search_in_the_arabic_edition_finds_arabic_pages(site_url: str, open_page: Any) -> None:
    page = open_page(site_url + "/ar/", 1280)
    results = run_search(page, "الترجمة")
    assert results and all(url.startswith(site_url + "/ar/") for url in results), results


def test_the_reading_tools_speak_arabic_to_screen_readers(site_url: str, open_page: Any) -> None:
    page = open_page(site_url + ARTICLE, 1280, permissions=["clipboard-read", "clipboard-write"])
    status = "document.querySelector('.reading-status').textContent"
    page.locator("label[for=reading-ar]").click()
    page.wait_for_function(f"{status}.length > 0")
    assert page.evaluate(status) == "المعروض الآن: العربية وحدها."
    page.locator("label[for=reading-both]").click()
    arabic = page.locator('p[lang="ar"][data-seg]').nth(3)
    arabic.hover()
    page.locator(f'.seg-cite[data-cite="{arabic.get_attribute("data-seg")}"]').click()
    page.wait_for_function(f"{status}.startsWith('نُسخ') || {status}.startsWith('تعذّر')")
    said = page.evaluate(status)
    assert said == "نُسخ نص الجملة 4 بالعربية والإنجليزية مع رابطه.", said
    assert page.errors == []


def test_the_twin_links_are_alternates_that_material_leaves_alone(site_url: str, open_page: Any) -> None:
    """rel=" alternate" (overrides/main.html says why): an alternate to the browser, and Material
    fetches no sitemap.xml under the page or its twin."""
    sitemaps: list[str] = []
    page = open_page(site_url + "/ar/about/", 1280)
    page.on("request", lambda request: sitemaps.append(request.url) if request.url.endswith("sitemap.xml") else None)
    page.reload(wait_until="networkidle")
    links = page.evaluate("""[...document.querySelectorAll('link[hreflang]')].map(l => [l.hreflang, l.relList.contains('alternate')])""")
    assert links == [["ar", True], ["en", True], ["x-default", True]]
    assert sitemaps == [], f"Material fetched sitemaps under the twins: {sitemaps}"


ARABIC_PAGES = ("/ar/", "/ar/articles/", ARTICLE, "/ar/glossary/", "/ar/glossary/iraq/", "/ar/timeline/", "/ar/timeline/2024/",
                "/ar/whos-who/", "/ar/about/",
                "/ar/map/", "/ar/404.html")


def test_every_arabic_page_passes_axe(site_url: str, open_page: Any) -> None:
    """axe-core on every page of the Arabic edition, on a phone in the dark and on a wide screen in
    the light (test_reading.py checks the English pages the other way round)."""
    problems = []
    for path in ARABIC_PAGES:
        for width, scheme in ((390, "dark"), (1280, "light")):
            page = open_page(site_url + path, width, scheme)
            problems += axe_problems(page, f"{path} {width} {scheme}")
            assert page.errors == [], (path, page.errors)
    assert problems == []
