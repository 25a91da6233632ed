"""The glossary on a built site: links both ways, tooltip files named by the article pages, notes,
and, in headless Chromium, tooltips fetched and wired for assistive technology when they open on
focus, hover and tap, closing with Escape, in both editions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, SCREENSHOTS, SEED_SLUG
from explainer.intake.content import article_folders, load_articles
from explainer.knowledge.glossary import load_glossary
from explainer.knowledge.notes import load_notes

ARTICLE = f"/articles/{SEED_SLUG}/"


class _Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def elements(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def ids(path: Path) -> set[str]:
    return {a["id"] for _, a in elements(path) if "id" in a}


def term_links(page: Path) -> list[dict[str, str]]:
    """The attributes of every term link on a page (a.gl)."""
    return [a for tag, a in elements(page) if tag == "a" and "gl" in a.get("class", "").split()]


@pytest.mark.build
@pytest.mark.parametrize("edition", ["", "ar"])
def test_every_term_link_reaches_its_entry_s_page_and_names_its_tooltip_once(built_project: Path, edition: str) -> None:
    site = built_project / "site" / edition
    entry_ids = {e.id for e in load_glossary(ROOT / "content").entries}
    checked = 0
    for folder in article_folders(built_project / "content"):
        page = site / "articles" / folder.name / "index.html"
        links = term_links(page)
        named: dict[str, str] = {}
        for link in links:
            href = link["href"]
            entry = re.fullmatch(r"\.\./\.\./glossary/([a-z0-9-]+)/", href)
            assert entry and entry[1] in entry_ids, f"{href} names no glossary entry"
            assert (page.parent / href / "index.html").resolve().is_file(), f"{href}: no entry page"
            assert link["class"] == "gl", f"{href}: a term link is class gl alone (its category is in its tooltip)"
            # The page holds no tooltip, so no link names one until the script has put it there.
            assert "aria-describedby" not in link, href
            if "data-tip" in link:
                assert entry[1] not in named, f"{entry[1]}: two links name its tooltip"
                named[entry[1]] = link["data-tip"]
            checked += 1
        assert set(named) == {re.search(r"glossary/([a-z0-9-]+)/", link["href"])[1] for link in links}  # type: ignore[index]
        assert not [a for _, a in elements(page) if a.get("role") == "tooltip"]
        for entry_id, name in named.items():
            tip = site / "glossary" / entry_id / "tips" / f"{name}.html"
            (tag, attributes), *_ = elements(tip)
            assert attributes["role"] == "tooltip" and attributes["id"] == f"gt-{entry_id}" and "data-verify-skip" in attributes
            assert attributes["lang"] == (edition or "en"), tip
    assert checked >= 30


@pytest.mark.build
def test_the_seed_page_names_fewer_tooltips_than_it_has_term_links(built_project: Path) -> None:
    for edition in ("", "ar"):
        links = term_links(built_project / "site" / edition / "articles" / SEED_SLUG / "index.html")
        assert len(links) > 2 * len([link for link in links if "data-tip" in link]), "the seed names most entries more than twice"


def open_term(page: Any, link: Any, how: str = "hover") -> Any:
    """Open a term's tooltip (hover, focus or tap) and return it once the script has shown it."""
    getattr(link, how)()
    page.wait_for_function("l => l.hasAttribute('aria-describedby')", arg=link.element_handle())
    tip = tooltip_of(page, link)
    tip.wait_for(state="visible")
    return tip


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "/ar"])
def test_every_term_shows_its_own_entry_s_tooltip(site_url: str, page_factory: Any, edition: str) -> None:
    page = page_factory(1280)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/tips/" in request.url else None)
    page.goto(site_url + edition + ARTICLE, wait_until="networkidle")
    assert fetched == [], "no tooltip is fetched before the reader opens a term"
    assert page.locator("[aria-describedby^='gt-']").count() == 0
    links = page.locator("a.gl")
    # The first 40 terms: links that name a tooltip and links that borrow their entry's, in both columns.
    for index in range(min(links.count(), 40)):
        link = links.nth(index)
        tip = open_term(page, link)
        entry = link.get_attribute("href").split("/")[-2]
        assert tip.get_attribute("id") == f"gt-{entry}", f"term {index}"
        assert tip.evaluate("(t, l) => t.previousSibling === l", link.element_handle()), f"term {index}"
        assert page.locator(".gl-tip.gl-tip-open").count() == 1, f"term {index}: one tooltip open at a time"
    # Each tooltip file was fetched once, however many terms showed it.
    assert len(fetched) == len(set(fetched)) > 0
    assert page.errors == []
@pytest.mark.build
def test_every_back_reference_reaches_a_segment_and_counts_add_up(built_project: Path) -> None:
    site = built_project / "site"
    entry_pages = sorted((site / "glossary").glob("*/index.html"))
    assert len(entry_pages) == len(load_glossary(ROOT / "content").entries)
    checked = 0
    unfound = []
    for entry_page in entry_pages:
        html = entry_page.read_text(encoding="utf-8")
        references = re.findall(r'href="\.\./\.\./articles/([a-z0-9-]+)/#([a-z0-9-]+)"', html)
        for slug, segment in references:
            page = site / "articles" / slug / "index.html"
            segment_elements = {a["id"] for t, a in elements(page) if "data-seg" in a and "id" in a}
            assert segment in segment_elements, f"back-reference to missing segment {slug}#{segment}"
        if "Not found in any article yet." in html:
            unfound.append(entry_page.parent.name)
            continue
        # The entry's total equals the sum of its articles' Arabic and English counts, and its
        # segments are the numbers linked under them, each named by its kind before the numbers.
        total = re.search(r"(\d+) occurrences? \(Arabic (\d+), English (\d+)\) in (\d+) segments?", html)
        assert total, f"{entry_page}: an entry without its count"
        items = re.findall(r'<li><a href="\.\./\.\./articles/[a-z0-9-]+/">[^<]+</a>, \d{1,2} [A-Z][a-z]+ \d{4} '
                           r'\(Arabic (\d+), English (\d+)\): (sentences?|headings?)\u00a0(.*?)</li>', html)
        assert items, f"{entry_page}: no article's item"
        assert sum(int(a) for a, *_ in items) == int(total.group(2))
        assert sum(int(e) for _, e, *_ in items) == int(total.group(3))
        assert int(total.group(1)) == int(total.group(2)) + int(total.group(3))
        groups = [re.findall(r'#[a-z0-9-]+">(\d+)</a>', group) for item in items for group in re.split(r"; headings?\u00a0", item[3])]
        assert sum(len(n) for n in groups) == len(references) == int(total.group(4))
        assert all(n and n == sorted(n, key=int) for n in groups), "an article's sentences, then its headings, each in order"
        checked += len(references)
    assert checked >= 30
    # Amman's form occurs in the seed only as Oman's: it is found in no article yet, and says so.
    assert unfound == ["amman"]


@pytest.mark.build
def test_the_glossary_index_gives_each_entry_its_category_and_count_and_no_occurrences(built_project: Path) -> None:
    html = (built_project / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    glossary = load_glossary(ROOT / "content")
    assert "articles/" not in html.split('<div class="gl-index"', 1)[1], "the index lists no occurrences"
    for entry in glossary.entries:
        entry_page = (built_project / "site" / "glossary" / entry.id / "index.html").read_text(encoding="utf-8")
        found = re.search(r"(\d+) occurrences? \(", entry_page)
        count = int(found.group(1)) if found else 0
        assert found or "Not found in any article yet." in entry_page, entry.id
        items = re.findall(rf'<li(?: id="{entry.id}")?><a href="{entry.id}/">.*?</li>', html)
        assert len(items) == 2, f"{entry.id}: once in each index"
        for item in items:
            assert f"gl-cat-{entry.category}" in item
            assert f">{count} occurrence" in item


@pytest.mark.build
def test_glossary_entries_hold_all_their_parts(built_project: Path) -> None:
    glossary = load_glossary(ROOT / "content")
    for entry in glossary.entries:
        html = (built_project / "site" / "glossary" / entry.id / "index.html").read_text(encoding="utf-8")
        block = re.search(rf'<article class="gl-entry[^"]*" id="{entry.id}".*?</article>', html, flags=re.S)
        assert block, entry.id
        text = block.group()
        assert '<h1 class="gl-entry-title">' in text
        assert f'lang="ar" dir="rtl">{entry.ar}<' in text
        assert entry.translit in text and entry.definition.en[:40] in text
        assert 'id="occurrences"' in html
        assert "gl-refs-total" in html or (entry.id == "amman" and "Not found in any article yet." in html), entry.id


@pytest.mark.build
def test_each_editorial_note_is_under_its_sentence(built_project: Path) -> None:
    articles, _ = load_articles(built_project / "content")
    notes = load_notes(built_project / "content", articles, load_glossary(built_project / "content"))
    assert notes
    for note in notes:
        html = (built_project / "site" / "articles" / note.slug / "index.html").read_text(encoding="utf-8")
        start = html.index(f'id="{note.segment_id}"')
        following = re.search(r'<div class="pair[" ]', html[start:])
        pair_end = start + following.start() if following else len(html)
        assert note.text.en[:40] in html[start:pair_end], f"note for {note.segment_id} is not under it"


@pytest.fixture
def page_factory(browser: Any) -> Iterator[Any]:
    contexts = []

    def make(width: int, scheme: str = "light", touch: bool = False) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                      has_touch=touch, is_mobile=touch)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


def tooltip_of(page: Any, link: Any) -> Any:
    return page.locator(f"#{link.get_attribute('aria-describedby')}")


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "/ar"])
def test_tooltip_opens_on_keyboard_focus_and_closes_with_escape(site_url: str, page_factory: Any, edition: str) -> None:
    page = page_factory(1280)
    page.goto(site_url + edition + ARTICLE)
    # Tab from the start of the article to its first term link, as a keyboard user would.
    page.locator("h1.article-title").first.click()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.gl')"):
            break
    page.wait_for_function("document.activeElement.hasAttribute('aria-describedby')")
    focused = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tip = page.locator(f"#{focused}")
    tip.wait_for(state="visible")
    assert tip.get_attribute("role") == "tooltip"
    assert tip.evaluate("t => t.previousSibling === document.activeElement"), "the tooltip is not the focused term's"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # Focus stays on the link (nothing traps or moves it), and the next Tab moves on.
    assert page.evaluate("(window.__focused = document.activeElement).getAttribute('aria-describedby')") == focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement !== window.__focused")
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "/ar"])
def test_tooltip_opens_on_hover_and_stays_on_screen_on_a_phone(site_url: str, page_factory: Any, edition: str) -> None:
    page = page_factory(390)
    page.goto(site_url + edition + ARTICLE)
    for index in (0, 3, 7):
        link = page.locator("a.gl").nth(index)
        link.scroll_into_view_if_needed()
        tip = open_term(page, link)
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"tooltip {index} leaves the screen: {box}"
    # The pointer can move onto the tooltip without closing it, and leaving both closes it.
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.wait_for_timeout(600)
    assert tip.is_visible()
    page.mouse.move(2, 2)
    tip.wait_for(state="hidden")
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "/ar"])
def test_first_tap_opens_the_tooltip_and_second_tap_follows_the_link(site_url: str, page_factory: Any, edition: str) -> None:
    page = page_factory(390, touch=True)
    page.goto(site_url + edition + ARTICLE)
    link = page.locator("a.gl").nth(2)
    link.scroll_into_view_if_needed()
    tip = open_term(page, link, "tap")
    assert page.url.endswith(ARTICLE)
    # A tap elsewhere closes it; the next tap on the term opens it again, and a second one follows it.
    page.locator("h1.article-title").first.tap()
    tip.wait_for(state="hidden")
    open_term(page, link, "tap")
    href = link.get_attribute("href")
    link.tap()
    page.wait_for_url(re.compile(r"/glossary/[a-z0-9-]+/$"))
    assert page.url.endswith(href.removeprefix("../.."))
    assert page.errors == []


@pytest.mark.browser
def test_without_the_script_a_term_is_a_link_to_its_entry_s_page(site_url: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + ARTICLE)
        link = page.locator(".seg[lang='en'] a.gl").first
        entry = link.get_attribute("href").split("/")[-2]
        link.click()
        page.wait_for_url(re.compile(rf"/glossary/{entry}/$"))
        assert page.locator(f"article.gl-entry#{entry}").count() == 1
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["", "/ar"])
def test_an_open_tooltip_passes_axe(site_url: str, page_factory: Any, edition: str) -> None:
    from test_reading import axe_problems

    problems = []
    for width, scheme in ((390, "dark"), (1280, "light")):
        page = page_factory(width, scheme)
        page.goto(site_url + edition + ARTICLE, wait_until="networkidle")
        link = page.locator(".seg[lang='ar'] a.gl").nth(4)
        link.scroll_into_view_if_needed()
        open_term(page, link, "focus")
        problems += axe_problems(page, f"{edition or '/'} {width} {scheme}, a tooltip open")
        # Another entry's tooltip open after the first closed: both are on the page, each named by its links.
        page.keyboard.press("Escape")
        open_term(page, page.locator(".seg[lang='en'] a.gl").nth(1), "hover")
        problems += axe_problems(page, f"{edition or '/'} {width} {scheme}")
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_tooltips_and_glossary(site_url: str, page_factory: Any, width: int, scheme: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # A tooltip opened by hovering on a wide screen and by a tap on a phone, in each edition.
    for edition in ("", "/ar"):
        page = page_factory(width, scheme, touch=width < 600)
        page.goto(site_url + edition + ARTICLE, wait_until="networkidle")
        link = page.locator(".seg[lang='ar'] a.gl").nth(4)
        link.scroll_into_view_if_needed()
        open_term(page, link, "tap" if width < 600 else "hover")
        page.screenshot(path=str(SCREENSHOTS / f"article-tooltip{edition.replace('/', '-')}-{width}-{scheme}.png"))
        assert page.errors == []
    page = page_factory(width, scheme)
    page.goto(site_url + "/glossary/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENSHOTS / f"glossary-{width}-{scheme}.png"))
    page.goto(site_url + "/glossary/mohammed-shia-al-sudani/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENSHOTS / f"glossary-entry-{width}-{scheme}.png"))
    assert page.errors == []
