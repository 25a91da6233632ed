"""The pages at scale in headless Chromium, in both editions: the archive's pages and an entry's
page of a site of 35 synthetic articles (benchmarks/bench.py's), and the seed's entry pages."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import BIN, ROOT, SCREENSHOTS, build_editions, run
from test_browser import page_factory  # noqa: F401 - the fixture, shared

pytestmark = pytest.mark.browser
ARTICLES = 35  # past one page of the archive (30)
# The most named entry's links make about 300 elements at 35 articles, under an entry page's
# budget (glossary_page.OCCURRENCE_PAGE_ELEMENTS, 1,200): the site is built with this one
# instead, so that entries run over several pages, past the pager's first five.
ENTRY_PAGE_BUDGET = 45
BUILD = ("import sys, explainer.pages.glossary_page as entries\n"
         f"entries.OCCURRENCE_PAGE_ELEMENTS = {ENTRY_PAGE_BUDGET}\n"
         "from explainer.cli import main\n"
         "sys.exit(main(['build']))")
spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench
spec.loader.exec_module(bench)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of 35 synthetic articles, built in draft (their dates are tied to no event) in
    both editions, with entry pages of ENTRY_PAGE_BUDGET elements of links."""
    root = tmp_path_factory.mktemp("many") / "project"
    bench.make_site(root, ARTICLES)
    run([str(BIN / "python"), "-c", BUILD], root)
    build_editions(root)
    return root


@pytest.fixture(scope="module")
def many_url(many: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(many / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


LISTED = """() => [...document.querySelectorAll('.md-content ul.article-list > li')].map(li =>
    [li.querySelector('a').getAttribute('href'), li.querySelector('time').getAttribute('datetime'),
     li.querySelector('a > span').getAttribute('lang'), li.querySelector('.translation-status').textContent])"""


@pytest.mark.parametrize("edition", ["", "/ar"])
def test_the_archive_pages_thirty_newest_first_by_month(many_url: str, page_factory: Any, edition: str) -> None:
    page = page_factory(390)
    page.goto(f"{many_url}{edition}/articles/", wait_until="networkidle")
    first = page.evaluate(LISTED)
    assert len(first) == 30
    assert [date for _, date, _, _ in first] == sorted((date for _, date, _, _ in first), reverse=True)
    assert {lang for _, _, lang, _ in first} == {"en" if edition == "" else "ar"}, "the edition's title first"
    assert all(status for *_, status in first)
    # One heading a month, each over its own month's articles.
    months = page.evaluate("[...document.querySelectorAll('.md-content h2[id^=m-]')].map(h => h.id)")
    assert months == sorted({f"m-{date[:7]}" for _, date, _, _ in first}, reverse=True)
    pager = page.locator("nav.pager").first
    assert pager.locator("a[aria-current=page]").inner_text() == "1"
    pager.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"/articles/page/2/$"))
    second = page.evaluate(LISTED)
    assert len(second) == ARTICLES - 30
    assert second[0][1] <= first[-1][1], "the second page goes on from the first, older"
    slugs = {href.strip("/").split("/")[-1] for href, *_ in first + second}
    assert len(slugs) == ARTICLES, "every article once across the pages"
    assert page.locator("nav.pager").first.locator("a[aria-current=page]").inner_text() == "2"
    # Each listed article's link opens it.
    page.locator(".md-content ul.article-list > li a").first.click()
    page.wait_for_url(re.compile(r"/articles/article-\d{4}/$"))
    # The months index leads to the page where each month begins: from the second page, the
    # newest month is on the first, and a month that runs over both pages begins on the first.
    page.go_back()
    newest = f"m-{first[0][1][:7]}"
    page.locator(f"nav.archive-index a[href$='#{newest}']").click()
    page.wait_for_url(re.compile(rf"/articles/#{newest}$"))
    assert page.locator(f"h2#{newest}").is_visible()
    spanning = f"m-{second[0][1][:7]}"
    assert page.locator(f"h2#{spanning}").count() == 1, "the month that the second page goes on with begins here"
    assert page.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"archive-page-2{edition.replace('/', '-')}-390.png"))


@pytest.mark.parametrize("edition", ["", "/ar"])
def test_an_entry_page_lists_its_articles_newest_first_in_pages(many: Path, many_url: str, page_factory: Any,
                                                               edition: str) -> None:
    paged = {folder.name: len(list((folder / "page").glob("*/index.html"))) + 1
             for folder in (many / "site" / "glossary").glob("*/") if (folder / "page").is_dir()}
    assert paged, "an entry whose links pass a page's budget has a second page"
    entry = max(paged, key=lambda name: paged[name])
    assert paged[entry] >= 6, "the most named entry runs past the pager's first five pages"
    page = page_factory(1280)
    page.goto(f"{many_url}{edition}/glossary/{entry}/", wait_until="networkidle")
    # The pager links to the first pages and the last, and leaves out those between.
    pager = page.locator("nav.pager").first
    assert pager.locator("a[aria-label]").all_inner_texts() == ["1", "2", "3", str(paged[entry])]
    assert pager.locator("li.pager-gap").count() == 1
    assert page.locator("h1.gl-entry-title").is_visible()
    assert page.locator(f"article.gl-entry#{entry}").count() == 1
    articles = page.evaluate("""[...document.querySelectorAll('.gl-refs > ul > li > a:first-child')].map(a => a.getAttribute('href'))""")
    assert len(articles) >= 2
    numbers = [int(re.search(r"article-(\d{4})", href)[1]) for href in articles]  # type: ignore[index]
    assert numbers == sorted(numbers, reverse=True), "newest first (the synthetic articles appear a day apart)"
    # A sentence's link opens the article at that sentence.
    sentence = page.locator(".gl-refs > ul > li > a + a").first
    target = sentence.get_attribute("href").split("#")[1]
    # Its text is the sentence's number, in a box a finger can tap (24 px each way at least),
    # after the article's date and the word for sentences.
    assert re.fullmatch(r"\d+", sentence.inner_text())
    box = sentence.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24
    line = page.locator(".gl-refs > ul > li").first.inner_text()
    assert re.search(r"\d{1,2} \w+ 20\d\d", line) and ("sentence" in line if edition == "" else "الجمل" in line), line
    sentence.click()
    page.wait_for_url(re.compile(rf"/articles/article-\d{{4}}/#{target}$"))
    assert page.evaluate("document.querySelector(':target').id") == target
    page.go_back()
    page.locator("nav.pager").first.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(rf"/glossary/{entry}/page/2/$"))
    rest = page.evaluate("""[...document.querySelectorAll('.gl-refs > ul > li > a:first-child')].map(a => a.getAttribute('href'))""")
    assert rest and len(rest) + len(articles) == len(set(articles + rest)), "no article on both pages"
    named = sum(1 for page in (many / "site" / "articles").glob("article-*/index.html")
                if f'href="../../glossary/{entry}/"' in page.read_text(encoding="utf-8"))
    pages = sorted((many / "site" / "glossary" / entry).glob("**/index.html"))
    listed = {href for page in pages for href in re.findall(r'<li><a href="[./]*articles/(article-\d{4})/">', page.read_text(encoding="utf-8"))}
    assert len(listed) == named, "every article that names the entry, on one of its pages"
    assert page.locator("p.gl-entry-back a").get_attribute("href") == "../../"
    assert page.errors == []


@pytest.mark.parametrize("edition", ["", "ar"])
def test_a_lists_later_pages_show_its_first_pages_card(many: Path, edition: str) -> None:
    """The archive's and an entry's page 2 share page 1's card (og:image and its alt): no card file of their own."""
    site = many / "site" / edition
    image = re.compile(r'<meta property="og:image" content="([^"]+)">\s*(?:<[^>]+>\s*){3}<meta property="og:image:alt" content="([^"]+)">')
    later = sorted(site.glob("glossary/*/page/2/index.html"))
    assert later, "an entry runs over pages"
    for first, second in ((site / "articles", site / "articles/page/2"), (later[0].parents[2], later[0].parent)):
        shown, shown_later = (image.search((folder / "index.html").read_text(encoding="utf-8")) for folder in (first, second))
        assert shown is not None and shown_later is not None, second
        assert shown_later.groups() == shown.groups(), second
        card = site / "assets" / "cards" / second.relative_to(site)
        assert (site / "assets" / "cards" / f"{first.relative_to(site)}.png").is_file()
        assert not card.with_suffix(".png").exists() and not card.exists(), card
    assert not list((site / "assets" / "cards").rglob("page/*.png"))


@pytest.mark.parametrize("edition", ["", "/ar"])
def test_a_link_to_the_old_glossary_anchor_leads_on_to_the_entry_page(site_url: str, page_factory: Any, edition: str) -> None:
    page = page_factory(390)
    page.goto(f"{site_url}{edition}/glossary/#mohammed-shia-al-sudani", wait_until="networkidle")
    item = page.locator("li#mohammed-shia-al-sudani")
    assert item.is_visible() and page.evaluate("document.querySelector(':target').id") == "mohammed-shia-al-sudani"
    assert item.locator(".gl-cat-person").count() == 1 and item.locator(".gl-index-count").count() == 1
    assert item.locator("a").first.get_attribute("href") == "mohammed-shia-al-sudani/"
    item.locator("a").first.click()
    page.wait_for_url(re.compile(r"/glossary/mohammed-shia-al-sudani/$"))
    # The back-references the glossary page used to carry are on the entry's page.
    refs = page.locator(".gl-refs a[href*='articles/iraq-coalition-withdrawal/#s-d9cb3b0e']")
    assert refs.count() == 1
    refs.click()
    page.wait_for_url(re.compile(r"/articles/iraq-coalition-withdrawal/#s-d9cb3b0e$"))
    assert page.errors == []
