"""Browser tests for reading the pair: the language switch, the partner highlight, permalinks and
cite, search in Arabic and English, no third-party requests, axe, and screenshots for review."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import pytest

from conftest import SCREENSHOTS, SEED_SLUG
from explainer.site.search import stem, word_forms

pytestmark = pytest.mark.browser
ARTICLE = f"/articles/{SEED_SLUG}/"


def site_pages(built: Path) -> dict[str, str]:
    """The pages every change must keep working: home, articles, the seed, and any later page."""
    pages = {"home": "/", "articles": "/articles/", "article": ARTICLE}
    for name in ("glossary", "timeline"):
        if (built / "site" / name / "index.html").exists():
            pages[name] = f"/{name}/"
    # A glossary entry's page and a year of the timeline (the seed's most named entry, its year).
    if (built / "site" / "glossary" / "iraq" / "index.html").exists():
        pages["entry"] = "/glossary/iraq/"
    if (built / "site" / "timeline" / "2024" / "index.html").exists():
        pages["timeline-year"] = "/timeline/2024/"
    return pages


@pytest.fixture
def open_page(browser: Any, site_url: str) -> Iterator[Any]:
    """A page in a fresh context that records console errors and blocks any other origin."""
    contexts = []

    def make(width: int = 1280, scheme: str = "light", **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
        page = context.new_page()
        page.errors = []
        page.foreign = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))

        def guard(route: Any) -> None:
            if route.request.url.startswith(site_url) or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                page.foreign.append(route.request.url)
                route.abort()
        context.route("**/*", guard)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


def clean(page: Any) -> None:
    assert page.errors == [], f"console errors: {page.errors}"
    assert page.foreign == [], f"requests to other origins: {page.foreign}"


# ---- the switch -------------------------------------------------------------------------------

SHOWN = """() => [...document.querySelectorAll('[data-seg]')].reduce((seen, e) => {
    if (e.getClientRects().length) seen[e.lang] = (seen[e.lang] || 0) + 1; return seen; }, {})"""


def test_switch_shows_one_language_and_keeps_the_choice_across_pages(open_page: Any, site_url: str) -> None:
    page = open_page()
    page.goto(site_url + ARTICLE)
    assert page.evaluate(SHOWN) == {"ar": 18, "en": 18}
    page.locator("label[for=reading-ar]").click()
    assert page.evaluate(SHOWN) == {"ar": 18}
    assert page.evaluate("localStorage.getItem('explainer.reading')") == "ar"
    page.wait_for_function("document.querySelector('.reading-status').textContent.includes('Arabic only')")
    # Another page, then back: the choice is there before the first paint.
    page.add_init_script("""document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') window.__modeAtParse = document.documentElement.dataset.reading; });
        window.__shifts = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts += e.value; })
            .observe({type: 'layout-shift', buffered: true});""")
    page.goto(site_url + "/")
    page.goto(site_url + ARTICLE, wait_until="networkidle")
    assert page.evaluate("window.__modeAtParse") == "ar"
    assert page.evaluate(SHOWN) == {"ar": 18}
    assert page.locator("#reading-ar").is_checked()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shifts") < 0.001, "the stored choice moved the page on load"
    page.locator("label[for=reading-both]").click()
    assert page.evaluate(SHOWN) == {"ar": 18, "en": 18}
    assert page.evaluate("localStorage.getItem('explainer.reading')") is None
    clean(page)


def test_switch_works_from_the_keyboard_with_visible_focus(open_page: Any, site_url: str) -> None:
    page = open_page(390)
    page.goto(site_url + ARTICLE)
    page.locator("#reading-both").focus()
    outline = page.evaluate("getComputedStyle(document.querySelector('#reading-both + label')).outlineStyle")
    assert outline != "none", "the focused option shows no focus ring"
    page.keyboard.press("ArrowRight")
    assert page.locator("#reading-ar").is_checked()
    page.keyboard.press("ArrowRight")
    assert page.locator("#reading-en").is_checked()
    assert page.evaluate(SHOWN) == {"en": 18}
    assert page.evaluate("document.documentElement.dataset.reading") == "en"
    clean(page)


# ---- a sentence and its partner --------------------------------------------------------------


def partner_lit(page: Any, seg: str) -> list[str]:
    return page.evaluate(f"""() => [...document.querySelectorAll('[data-seg="{seg}"]')]
        .filter(e => e.classList.contains('is-partner') && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)')
        .map(e => e.lang)""")


def test_hover_and_focus_light_up_the_partner(open_page: Any, site_url: str) -> None:
    page = open_page()
    page.goto(site_url + ARTICLE)
    seg = page.locator('p[lang="ar"][data-seg]').nth(2).get_attribute("data-seg")
    page.locator(f'p[lang="ar"][data-seg="{seg}"]').hover()
    page.wait_for_timeout(250)
    assert sorted(partner_lit(page, seg)) == ["ar", "en"]
    other = page.locator('p[lang="en"][data-seg]').nth(5)
    other_seg = other.get_attribute("data-seg")
    other.hover()
    page.wait_for_timeout(250)
    assert partner_lit(page, seg) == [] and sorted(partner_lit(page, other_seg)) == ["ar", "en"]
    page.mouse.move(0, 0)
    link = page.locator(f'.seg-link[href="#{seg}"]')
    link.focus()
    page.wait_for_timeout(250)
    assert sorted(partner_lit(page, seg)) == ["ar", "en"], "focusing a sentence's permalink lights the pair"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    clean(page)


def test_permalink_opens_at_the_sentence_and_marks_the_pair(open_page: Any, site_url: str) -> None:
    page = open_page(390)
    page.goto(site_url + ARTICLE)
    seg = page.locator('p[lang="ar"][data-seg]').nth(10).get_attribute("data-seg")
    page.goto(f"{site_url}{ARTICLE}#{seg}")
    page.wait_for_timeout(300)
    box = page.locator(f"#{seg}").bounding_box()
    assert 0 <= box["y"] < 900 * 0.5, "the sentence is not near the top of the screen"
    assert page.evaluate(f"getComputedStyle(document.querySelector('p[lang=en][data-seg=\"{seg}\"]')).backgroundColor") \
        != "rgba(0, 0, 0, 0)"
    clean(page)


def test_cite_copies_both_languages_with_the_address_and_says_so(open_page: Any, site_url: str) -> None:
    page = open_page(1280, permissions=["clipboard-read", "clipboard-write"])
    page.goto(site_url + ARTICLE)
    arabic = page.locator('p[lang="ar"][data-seg]').nth(3)
    seg = arabic.get_attribute("data-seg")
    english = page.locator(f'p[lang="en"][data-seg="{seg}"]').inner_text()
    arabic.hover()
    page.locator(f'.seg-cite[data-cite="{seg}"]').click()
    page.wait_for_function("document.querySelector('.reading-status').textContent.startsWith('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    lines = copied.split("\n")
    assert lines[0] == arabic.inner_text().strip() and lines[1] == english.strip()
    assert lines[2].startswith("— Iraq Explained, “Iraq plans") and lines[2].endswith(f"/articles/{SEED_SLUG}/#{seg}")
    assert page.locator(".reading-status").get_attribute("aria-live") == "polite"
    clean(page)


@pytest.mark.parametrize(("edition", "label", "title"), [
    ("", "Cite sentence 4", "Copy sentence 4 in Arabic and English, with its address"),
    ("/ar", "اقتباس الجملة 4", "نسخ الجملة 4 بالعربية والإنجليزية مع الرابط")])
def test_the_cite_buttons_are_made_by_the_script_named_in_the_editions_words(open_page: Any, site_url: str,
                                                                           edition: str, label: str, title: str) -> None:
    """The page's HTML has no cite button (a script's control is the script's to add); reading.js
    puts one under each permalink, named like it, in the edition's language."""
    page = open_page(1280)
    page.goto(site_url + edition + ARTICLE)
    assert "seg-cite" not in page.evaluate("fetch(location.href).then(r => r.text())")
    links, buttons = page.locator(".pair-tools > .seg-link"), page.locator(".pair-tools > .seg-link + .seg-cite")
    assert links.count() == buttons.count() > 10
    fourth = page.locator('.pair-tools:has(> .seg-link:text-is("4")) > .seg-cite')
    assert fourth.get_attribute("aria-label") == label and fourth.get_attribute("title") == title
    assert fourth.get_attribute("data-cite") == page.locator('.pair-tools > .seg-link:text-is("4")').get_attribute("href")[1:]
    clean(page)


def test_cite_falls_back_to_a_selection_copy_without_the_clipboard_api(open_page: Any, site_url: str) -> None:
    page = open_page(1280)
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                         "window.__copied = []; document.addEventListener('copy', () => "
                         "window.__copied.push(document.activeElement.value || String(getSelection())));")
    page.goto(site_url + ARTICLE)
    seg = page.locator('p[lang="ar"][data-seg]').first.get_attribute("data-seg")
    page.locator(f'.seg-cite[data-cite="{seg}"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.reading-status').textContent.length > 0")
    copied = page.evaluate("window.__copied")
    assert len(copied) == 1 and copied[0].endswith(f"#{seg}")
    assert page.evaluate("document.activeElement.dataset.cite") == seg, "focus returns to the button"
    clean(page)


# ---- search --------------------------------------------------------------------------------------


@pytest.fixture
def fold_page(open_page: Any, site_url: str) -> Any:
    """A page with the folding the build generated for the browser (assets/javascripts/arabic-fold.js)."""
    page = open_page()
    page.goto(site_url + "/")
    page.add_script_tag(url=site_url + "/assets/javascripts/arabic-fold.js")
    return page


def browser_stems(page: Any, words: list[str]) -> list[str]:
    return page.evaluate("words => words.map(w => arabicFold.stem(w))", words)


@pytest.mark.parametrize(("typed", "written"), [
    ("الامريكية", "الأمريكية"),      # hamza on alef dropped
    ("امريكيه", "الأمريكية"),        # and ta marbuta typed as ha, without the article
    ("التحالف", "والتحالف"),         # with or without the conjunction
    ("تحالف", "للتحالف"),           # li + al written as lil
    ("تحالف", "بالتحالف"),
    ("السوداني", "للسوداني"),
    ("السودانى", "السوداني"),        # alef maqsura typed for ya
    ("السوداني", "السودانى"),        # and written for it
    ("محمد", "مُحَمَّد"),             # diacritics
    ("العراق", "العـــراق"),          # tatweel
    ("الى", "إلى"),                  # alef maqsura and hamza below
    ("مسوول", "مسؤول"),              # hamza on waw typed as waw
    ("مسئول", "مسؤول"),              # hamza on ya for hamza on waw
    ("مسؤول", "مسئول"),              # and the other way
    ("رييس", "رئيس"),                # hamza on ya typed as ya
    ("اسلام", "آسلام"),
])
def test_fold_makes_what_is_typed_meet_what_is_written(fold_page: Any, typed: str, written: str) -> None:
    """The browser's query stem is one of the forms the index holds for the written word."""
    assert browser_stems(fold_page, [typed])[0] in word_forms(written)


def test_browser_and_index_fold_every_word_of_the_seed_alike(fold_page: Any, seed_text: str) -> None:
    """One folding: the generated script stems as explainer.site.search does, word for word."""
    words = sorted(set(re.findall(r"[\u0621-\u064A\u064B-\u0652\u0640\u0670]+", seed_text)))
    words += ["مسؤول", "مسئول", "رئيس", "إسرائيل", "آسلام", "السودانى", "العـــراق", "مُحَمَّد", "ٱلله"]
    assert browser_stems(fold_page, words) == [stem(w, hamza=True) for w in words]
    assert fold_page.evaluate("q => arabicFold.stemQuery(q)", "والتحالف US coalition") == "تحالف US coalition"


def test_stem_leaves_short_words_and_is_stable(fold_page: Any, seed_text: str) -> None:
    assert browser_stems(fold_page, ["بل", "وطن", "لها", "في"]) == ["بل", "وطن", "لها", "في"]
    words = sorted(set(re.findall(r"[\u0621-\u064A\u064B-\u0652\u0640]+", seed_text)))
    once = browser_stems(fold_page, words)
    assert browser_stems(fold_page, once) == once, "stemming a stem changes it: index and query would drift"
    assert all(once), "a word stemmed to nothing"


def open_search(page: Any, key: str = "/") -> Any:
    """Open the search dialog with a key; its box, focused."""
    page.locator("body").press(key)
    box = page.locator(".ex-search__input")
    page.wait_for_function("document.activeElement === document.querySelector('.ex-search__input')")
    return box


def run_search(page: Any, query: str) -> list[str]:
    """Type a query in the site's search; the result addresses, all of them, once they are shown."""
    if not page.evaluate("document.querySelector('.ex-search').open"):
        open_search(page)
    page.locator(".ex-search__input").fill(query)
    return shown_results(page)


def shown_results(page: Any) -> list[str]:
    """The addresses of all a search's results, once they are shown, asking for more until there are no more."""
    status = "document.querySelector('.ex-search__status').textContent"
    page.wait_for_function(f"{status} && !/Searching|جارٍ/.test({status})", timeout=20_000)
    # A few pages at a time: ask for more until there are no more.
    more = page.locator(".ex-search__more")
    while more.count():
        shown = page.locator(".ex-search__page").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.ex-search__page').length > {shown}")
    return page.locator(".ex-search__hit").evaluate_all("els => els.map(e => e.href)")


def sentence_ids(page: Any, word: str, lang: str = "ar") -> set[str]:
    # The sentence's own words: tooltips and notes inside it (data-verify-skip) do not count.
    return set(page.evaluate("""([word, lang]) => [...document.querySelectorAll(`[lang="${lang}"][data-seg]`)]
        .filter(e => {
            const own = e.cloneNode(true);
            own.querySelectorAll('[data-verify-skip]').forEach(x => x.remove());
            return own.textContent.includes(word);
        }).map(e => e.dataset.seg)""", [word, lang]))


def anchors(hrefs: list[str]) -> set[str]:
    return {unquote(urlsplit(h).fragment) for h in hrefs if urlsplit(h).fragment}


@pytest.mark.parametrize("edition", ["", "/ar"])
@pytest.mark.parametrize(("query", "written", "lang"), [
    ("التحالف", "التحالف", "ar"),        # ten times in the text: the example
    ("الامريكية", "الأمريكية", "ar"),     # typed without hamza
    ("تحالف", "التحالف", "ar"),          # without the article
    ("والتحالف", "التحالف", "ar"),       # with a conjunction the text does not have there
    ("السوداني", "السوداني", "ar"),
    ("السودانى", "السوداني", "ar"),       # alef maqsura typed for ya
    ("مسئولين", "مسؤولين", "ar"),        # hamza on ya typed for hamza on waw
    ("انهاء", "إنهاء", "ar"),            # hamza below alef left out
    ("داعش", "داعش", "ar"),
    ("coalition", "coalition", "en"),
    ("Sudani", "Sudani", "en"),
])
def test_search_finds_every_sentence_and_opens_at_it(open_page: Any, site_url: str, edition: str, query: str,
                                                      written: str, lang: str) -> None:
    """In both editions, Arabic and English queries find every sentence pair that has the word; a result opens at its sentence."""
    page = open_page()
    page.goto(site_url + edition + ARTICLE)
    expected = sentence_ids(page, written, lang)
    assert expected, f"the seed has no sentence with {written!r}"
    page.goto(site_url + edition + "/")
    found = run_search(page, query)
    assert all(url.startswith(site_url + edition + "/") for url in found), "results stay in their edition"
    assert expected <= anchors(found), f"{query!r}: missing {expected - anchors(found)}"
    link = page.locator(".ex-search__hit[href*='#s-']").first
    target = unquote(urlsplit(link.get_attribute("href")).fragment)
    link.click()
    page.wait_for_url(re.compile(f"{re.escape(edition + ARTICLE)}#{target}$"))
    page.wait_for_timeout(300)
    box = page.locator(f"#{target}").bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the result did not open at its sentence"
    assert not page.evaluate("document.querySelector('.ex-search').open"), "the dialog closes"
    clean(page)


def test_a_result_shows_the_pair_with_the_word_marked_as_written(open_page: Any, site_url: str) -> None:
    page = open_page()
    page.goto(site_url + "/")
    run_search(page, "الامريكية")
    hit = page.locator(".ex-search__hit[href*='#s-']").first
    assert hit.locator("[lang=en]").count() == 1 and hit.locator("[lang=ar][dir=rtl]").count() == 1
    marks = hit.locator("[lang=ar] mark").all_text_contents()
    assert "الأمريكية" in marks, marks
    clean(page)


def test_search_loads_only_when_the_reader_opens_it(open_page: Any, site_url: str) -> None:
    page = open_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))

    def search_files() -> list[str]:
        return [p for p in fetched if "/pagefind/" in p or p.endswith(("/search.js", "/arabic-fold.js"))]
    page.goto(site_url + ARTICLE)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert search_files() == [], f"fetched before any search: {search_files()}"
    found = anchors(run_search(page, "التحالف"))
    assert found, "no result once search was loaded on demand"
    assert any(p.endswith("/pagefind/pagefind.js") for p in search_files())
    assert any(p.endswith(".pf_meta") for p in search_files())
    clean(page)


@pytest.mark.parametrize("edition", ["", "/ar"])
def test_an_address_with_a_query_opens_search_with_its_results(open_page: Any, site_url: str, edition: str) -> None:
    """The WebSite's SearchAction (…/?q=…): the page opens with the dialog, the query in its box, and its results."""
    page = open_page(390)
    page.goto(site_url + edition + ARTICLE)
    expected = sentence_ids(page, "السوداني", "ar")
    page.goto(site_url + edition + "/?q=" + quote("السوداني"))
    found = anchors(shown_results(page))
    assert page.evaluate("document.querySelector('.ex-search').open")
    assert page.locator(".ex-search__input").input_value() == "السوداني"
    assert expected and expected <= found, f"missing {expected - found}"
    clean(page)


@pytest.mark.parametrize("edition", ["", "/ar"])
def test_search_by_keyboard_alone(open_page: Any, site_url: str, edition: str) -> None:
    """s opens it, the arrows walk the results and back to the box, Enter opens one, Escape closes."""
    page = open_page(390)
    page.goto(site_url + edition + "/")
    box = open_search(page, "s")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.ex-search').open")
    box = open_search(page, "/")
    run_search(page, "coalition")
    assert page.locator(".ex-search__status").get_attribute("role") == "status"
    assert re.search(r"\d", page.locator(".ex-search__status").text_content() or "")
    hits = page.locator(".ex-search__hit")
    assert hits.count() >= 2
    box.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('ex-search__hit')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert first == hits.nth(0).evaluate("e => e.href") and second == hits.nth(1).evaluate("e => e.href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement === document.querySelector('.ex-search__input')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(second)
    clean(page)


def test_material_s_script_is_fetched_after_the_first_paint_and_then_starts(open_page: Any, site_url: str) -> None:
    """Material's bundle waits for the first contentful paint, then starts as it would on DOMContentLoaded."""
    page = open_page(width=390)
    page.goto(site_url + ARTICLE)
    scripts = "performance.getEntriesByType('resource').filter(r => /\\/bundle\\.\\w+\\.min\\.js$/.test(r.name))"
    # window.component$ is the last thing Material's bundle sets.
    page.wait_for_function(f"window.component$ !== undefined && {scripts}.length === 1")
    first_paint, fetched = page.evaluate(f"""() => [
        performance.getEntriesByName('first-contentful-paint')[0].startTime, {scripts}.map(r => r.startTime)]""")
    assert min(fetched) > first_paint, (first_paint, fetched)
    # Started, as on DOMContentLoaded: its header components answer the scroll.
    page.mouse.wheel(0, 1500)
    page.wait_for_selector(".md-header--shadow .md-header__title--active")
    clean(page)


PALETTE = """() => [document.body.dataset.mdColorScheme,
    [...document.querySelectorAll('input[name=__palette] + label')].map(label => !label.hidden),
    document.body.hasAttribute('data-md-color-switching')]"""


def test_the_palette_toggle_switches_the_scheme_and_keeps_the_choice(open_page: Any, site_url: str) -> None:
    """The toggle (ours, not Material's component): click and Enter switch, the choice holds on the next page."""
    page = open_page(width=390, scheme="light")
    page.goto(site_url + ARTICLE)
    assert page.evaluate(PALETTE) == ["default", [True, False], False]
    page.locator("label[for=__palette_1]").click()
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate(PALETTE) == ["slate", [False, True], False]
    page.wait_for_function("document.querySelector('meta[name=color-scheme]').content === 'dark'")
    assert re.fullmatch(r"#[0-9a-f]{6}", page.evaluate("document.querySelector('meta[name=theme-color]').content"))
    page.goto(site_url + "/glossary/")
    assert page.evaluate(PALETTE) == ["slate", [False, True], False], "the choice did not hold on the next page"
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate(PALETTE) == ["default", [True, False], False]
    assert page.evaluate("document.activeElement.id") == "__palette_0"
    clean(page)


def test_until_the_reader_chooses_the_scheme_follows_the_system(open_page: Any, site_url: str) -> None:
    page = open_page(width=390, scheme="light")
    page.goto(site_url + ARTICLE)
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.emulate_media(color_scheme="light")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    page.locator("label[for=__palette_1]").click()
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate(PALETTE)[0] == "slate"
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    # Media query changes are reported before the next frame's animation callbacks run.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate(PALETTE)[0] == "slate", "the reader's choice gave way to the system's"
    clean(page)


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_first_visit_paints_in_the_system_s_scheme_before_material_s_script_runs(open_page: Any, site_url: str,
                                                                                   scheme: str) -> None:
    page = open_page(width=390, scheme=scheme)
    held: list[Any] = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))  # Material's script waits
    expected = "slate" if scheme == "dark" else "default"
    with page.expect_request("**/assets/javascripts/bundle.*.min.js"):
        page.goto(site_url + ARTICLE, wait_until="commit")
        page.wait_for_selector("footer", state="attached")
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    for _ in range(100):  # the route's handler runs when Playwright next dispatches events
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "Material's script was not requested"
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    clean(page)


def test_without_javascript_the_controls_that_need_it_are_hidden(open_page: Any, site_url: str) -> None:
    """The language switch and the cite buttons do nothing without script: hidden then, shown with it."""
    for enabled in (False, True):
        page = open_page(java_script_enabled=enabled)
        page.goto(site_url + ARTICLE)
        displays = page.locator(".reading-switch, .seg-cite").evaluate_all(
            "els => [...new Set(els.map(e => getComputedStyle(e).display === 'none'))]")
        assert displays == [not enabled], f"javascript {'on' if enabled else 'off'}: hidden {displays}"


# ---- every page: axe, console, other origins, screenshots -------------------------------------


def axe_problems(page: Any, label: str) -> list[str]:
    """axe-core's violations on the page as it stands, one line each: label, rule, elements."""
    from axe_playwright_python.sync_playwright import Axe  # loads axe-core's script: only for the tests that use it

    return [f"{label}: {violation['id']} {[node['target'] for node in violation['nodes']]}"
            for violation in Axe().run(page).response["violations"]]


def test_every_page_passes_axe_at_both_widths_and_schemes(open_page: Any, site_url: str, built_project: Path) -> None:
    problems = []
    for name, path in site_pages(built_project).items():
        for width, scheme in ((390, "light"), (1280, "dark")):
            page = open_page(width, scheme)
            page.goto(site_url + path, wait_until="networkidle")
            problems += axe_problems(page, f"{name} {width} {scheme}")
            clean(page)
    assert problems == []


def test_search_with_its_results_passes_axe_in_both_editions_and_schemes(open_page: Any, site_url: str) -> None:
    problems = []
    for edition, width, scheme in (("", 390, "light"), ("", 1280, "dark"), ("/ar", 390, "dark"), ("/ar", 1280, "light")):
        page = open_page(width, scheme)
        page.goto(site_url + edition + "/", wait_until="networkidle")
        run_search(page, "التحالف")
        problems += axe_problems(page, f"search {edition or '/'} {width} {scheme}")
        clean(page)
    assert problems == []


def test_screenshots_of_every_page_and_of_the_one_language_modes(open_page: Any, site_url: str,
                                                                 built_project: Path) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in site_pages(built_project).items():
        if name in ("home", "articles", "article"):
            continue  # test_browser.py takes these
        for width in (390, 1280):
            for scheme in ("light", "dark"):
                page = open_page(width, scheme)
                page.goto(site_url + path, wait_until="networkidle")
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"))
                clean(page)
    for mode in ("ar", "en"):
        for width, scheme in ((390, "light"), (1280, "dark")):
            page = open_page(width, scheme)
            page.add_init_script(f"localStorage.setItem('explainer.reading', '{mode}')")
            page.goto(site_url + ARTICLE, wait_until="networkidle")
            page.locator(".bilingual .para").first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / f"article-{mode}-only-{width}-{scheme}.png"))
            clean(page)
    page = open_page(1280)
    page.goto(site_url + ARTICLE, wait_until="networkidle")
    page.locator('p[lang="ar"][data-seg]').nth(1).hover()
    page.screenshot(path=str(SCREENSHOTS / "article-highlight-1280-light.png"))
    page.emulate_media(media="print")
    page.screenshot(path=str(SCREENSHOTS / "article-print-1280.png"), full_page=False)
    page.emulate_media(media="screen")
    run_search(page, "الامريكية")
    page.screenshot(path=str(SCREENSHOTS / "search-arabic-1280-light.png"))
    clean(page)
    for edition, width, scheme in (("", 390, "dark"), ("/ar", 390, "light"), ("/ar", 1280, "dark")):
        page = open_page(width, scheme)
        page.goto(site_url + edition + "/", wait_until="networkidle")
        run_search(page, "coalition" if edition else "السودانى")
        page.screenshot(path=str(SCREENSHOTS / f"search{edition.replace('/', '-')}-{width}-{scheme}.png"))
        clean(page)
