"""The Arabic edition: interface catalog, article contract on a built site, twins, sitemap."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from explainer.intake.content import Bilingual
from explainer.pages.interface import Interface, check_complete, interface_problems, load_interface
from explainer.core.problems import ContentError
from explainer.pages.markup import editors_text
from explainer.site.sitemap import SITEMAP_NS, XHTML_NS
from explainer.publishing.verify import collect_segments, verify_twins

from conftest import BIN, ROOT, SEED_SLUG, copy_project, run
from edition_language import LanguageCheck

ARTICLE = Path("articles") / SEED_SLUG / "index.html"
CATALOG = ROOT / "content" / "interface" / "ar.po"


def arabic(msgid: str) -> str:
    """The Arabic of an interface string, as the committed catalog has it."""
    with CATALOG.open("rb") as handle:
        message = read_po(handle).get(msgid)
    assert message is not None and message.string, f"{msgid!r} missing from {CATALOG}"
    return str(message.string)


def test_interface_check_names_every_untranslated_or_fuzzy_string_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ar.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: ar\\n"\n\n'
                    'msgid "Publisher"\nmsgstr "الناشر"\n\n'
                    'msgid "Published"\nmsgstr ""\n\n'
                    '#, fuzzy\nmsgid "Original"\nmsgstr "الأصل"\n', encoding="utf-8")
    problems = interface_problems(path)
    assert [(p.line, p.what) for p in problems] == [
        (9, "interface string 'Published' is not translated"),
        (13, "interface string 'Original' is marked fuzzy"),
    ]
    assert str(problems[0]).startswith(f"{path}:9: ")
    content = tmp_path / "content"
    (content / "interface").mkdir(parents=True)
    shutil.copy2(path, content / "interface" / "ar.po")
    with pytest.raises(ContentError) as error:
        load_interface(content, "ar")
    assert len(error.value.problems) == 2


def test_committed_interface_catalog_is_complete() -> None:
    assert interface_problems(CATALOG) == []


def test_a_string_missing_from_the_catalog_fails_with_what_to_add() -> None:
    with pytest.raises(ContentError, match="add it to ar.po"):
        Interface("ar", {}, "ar.po")("Publisher")


def test_every_arabic_page_is_arabic_and_right_to_left(built_project: Path) -> None:
    pages = sorted((built_project / "site" / "ar").rglob("*.html"))
    documents = [p for p in pages if p.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype")]
    assert len(documents) >= 9
    for page in documents:
        start = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8"))
        assert start is not None and 'lang="ar"' in start.group() and 'dir="rtl"' in start.group(), page
    english = (built_project / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en" dir="ltr"', english)


def test_arabic_article_keeps_the_contract_with_arabic_labels_first(built_project: Path) -> None:
    html = (built_project / "site" / "ar" / ARTICLE).read_text(encoding="utf-8")
    segments, _ = collect_segments(html)
    arabic_segments = [s for s in segments if s.lang == "ar"]
    english = {s.seg: s for s in segments if s.lang == "en"}
    assert arabic_segments and len(arabic_segments) == len(english)
    for segment in arabic_segments:
        assert segment.attributes["dir"] == "rtl" and segment.attributes["id"] == segment.seg
        assert english[segment.seg].attributes.get("data-status", "translated") in ("translated", "untranslated", "fuzzy")
    # The Arabic segment comes before its partner in the document.
    assert html.index(f'id="{arabic_segments[0].seg}"') < html.index(f'lang="en" data-seg="{arabic_segments[0].seg}"')
    labels = re.findall(r"<dt>([^<]*)</dt>", html)
    assert labels[:2] == [arabic("Publisher"), arabic("Published")]
    assert "<title>" in html and re.search(r"<title>[^<]*[\u0600-\u06ff]", html), "the page title should be Arabic"
    english_page = (built_project / "site" / ARTICLE).read_text(encoding="utf-8")
    assert re.findall(r"<dt>([^<]*)</dt>", english_page)[:2] == ["Publisher", "Published"]


def test_pending_segment_says_so_in_arabic(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    po = root / "content" / "articles" / SEED_SLUG / "en.po"
    text = po.read_text(encoding="utf-8")
    first = re.search(r'msgstr "Iraq plans[^\n]*"', text)
    assert first is not None
    po.write_text(text.replace(first.group(), 'msgstr ""'), encoding="utf-8")
    run([str(BIN / "explainer"), "build"], root)
    page = (root / "docs-ar" / "articles" / SEED_SLUG / "index.md").read_text(encoding="utf-8")
    assert page.count(arabic("Translation pending")) == 1
    assert "Translation pending" not in page


def test_untranslated_interface_string_fails_the_build_at_its_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    catalog = root / "content" / "interface" / "ar.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(f'msgstr "{arabic("Publisher")}"', 'msgstr ""'),
                       encoding="utf-8")
    # The problem points at the msgstr line, the line below the msgid (index() counts from 0).
    line = catalog.read_text(encoding="utf-8").split("\n").index('msgid "Publisher"') + 2
    result = run([str(BIN / "explainer"), "build"], root, check=False)
    assert result.returncode == 1
    assert f"content/interface/ar.po:{line}: interface string 'Publisher' is not translated" in result.stderr


def test_every_page_switches_to_its_twin_and_back(built_project: Path) -> None:
    site = built_project / "site"
    assert verify_twins(site) == []
    html = (site / "ar" / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../about/"' in html and 'hreflang="en"' in html
    alternates = dict(re.findall(r'<link rel=" ?alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {"ar": "http://127.0.0.1:8000/ar/about/", "en": "http://127.0.0.1:8000/about/",
                          "x-default": "http://127.0.0.1:8000/about/"}


def test_a_page_without_its_twin_is_reported(tmp_path: Path, built_project: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_project / "site", site)
    shutil.rmtree(site / "ar" / "map")
    problems = verify_twins(site)
    assert any("leads to no page (ar/map/index.html)" in str(p) for p in problems)


def test_sitemap_lists_both_editions_with_their_alternates(built_project: Path) -> None:
    for sitemap in (built_project / "site" / "sitemap.xml", built_project / "site" / "ar" / "sitemap.xml"):
        root = ET.parse(sitemap).getroot()
        urls = root.findall(f"{{{SITEMAP_NS}}}url")
        locations = [u.findtext(f"{{{SITEMAP_NS}}}loc") for u in urls]
        assert "http://127.0.0.1:8000/about/" in locations and "http://127.0.0.1:8000/ar/about/" in locations
        for url in urls:
            links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML_NS}}}link")}
            assert set(links) == {"en", "ar"} and url.findtext(f"{{{SITEMAP_NS}}}loc") in links.values()
            assert links["ar"] == links["en"].replace("8000/", "8000/ar/", 1)


def test_each_edition_has_its_own_search_index(built_project: Path) -> None:
    """Pagefind's bundle in each edition, indexing that edition's pages only: the English edition's
    in English (Pagefind's English stemmer), the Arabic edition's in no language (our folding alone),
    each with the WebAssembly of its language and no other."""
    import json

    site = built_project / "site"
    arabic_pages = list((site / "ar").rglob("index.html"))
    english_pages = [p for p in site.rglob("index.html") if not p.is_relative_to(site / "ar")]
    for folder, lang, wasm, pages in ((site, "en", "en", english_pages), (site / "ar", "und", "unknown", arabic_pages)):
        entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang]
        assert 0 < entry["languages"][lang]["page_count"] <= len(pages) < len(english_pages) + len(arabic_pages)
        assert [p.name for p in (folder / "pagefind").glob("wasm.*")] == [f"wasm.{wasm}.pagefind"]
        assert (folder / "assets" / "javascripts" / "arabic-fold.js").is_file()


def test_navigation_and_reading_switch_speak_arabic(built_project: Path) -> None:
    html = (built_project / "site" / "ar" / ARTICLE).read_text(encoding="utf-8")
    nav = html[html.index("md-nav--primary"):html.index("md-content")]
    titles = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*<', nav)]
    for msgid in ("Articles", "Glossary", "Timeline", "Who's who"):
        assert arabic(msgid) in titles and msgid not in titles, (msgid, titles)
    assert f"<legend>{arabic('Show')}</legend>" in html and f'<label for="reading-both">{arabic("Both")}</label>' in html
    english = (built_project / "site" / ARTICLE).read_text(encoding="utf-8")
    assert "<legend>Show</legend>" in english


def test_a_template_string_missing_from_the_catalog_is_named(tmp_path: Path) -> None:
    from explainer.pages.interface import template_strings

    content = tmp_path / "content"
    (content / "interface").mkdir(parents=True)
    (content / "interface" / "ar.po").write_text('msgid ""\nmsgstr ""\n"Language: ar\\n"\n\nmsgid "Show"\nmsgstr "العرض"\n',
                                                  encoding="utf-8")
    with pytest.raises(ContentError, match="'Both'"):
        template_strings(content, "ar", {"show": "Show", "both": "Both"})


# ---- Every word of the Arabic edition's interface is Arabic --------------------------------

def arabic_pages(site: Path) -> dict[str, str]:
    """Every page of the Arabic edition (not the theme's assets), by path under site/ar/."""
    folder = site / "ar"
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*.html")) if path.relative_to(folder).parts[0] != "assets"}


def test_every_arabic_page_speaks_arabic(built_project: Path) -> None:
    """No English interface text on any Arabic page, in its text or in what a screen reader says
    (tests/edition_language.py says what English may stand there, and why)."""
    check = LanguageCheck.of(built_project)
    pages = arabic_pages(built_project / "site")
    assert {"index.html", "404.html", "glossary/index.html", "timeline/index.html", "whos-who/index.html",
            f"articles/{SEED_SLUG}/index.html", "map/index.html"} <= set(pages)
    problems = [f"{page}: {where}: {run!r}" for path, html in pages.items()
                for page, where, run in check.problems(html, path)]
    assert problems == [], "English interface text on Arabic pages (route it through content/interface/ar.po):\n" + \
        "\n".join(problems)


@pytest.fixture(scope="module")
def language_check() -> LanguageCheck:
    """The check with the project's own editors' text, read once for the cases below."""
    return LanguageCheck.of(ROOT)


@pytest.mark.parametrize(("html", "found"), [
    # Interface words, marked English or not, fail; so does a screen reader's label.
    ('<p>ورد <span>3 occurrences</span></p>', ["occurrences"]),
    ('<p lang="en"><a href="#s-1">sentence 4</a> (Arabic 1, English 1)</p>', ["sentence 4", "Arabic 1", "English 1"]),
    ('<section aria-label="What happened next: الانسحاب"><p>نص</p></section>', ["What happened next"]),
    ('<svg><title>The story from 2003 to 2026</title></svg>', ["The story from 2003 to 2026"]),
    # The English half of a marked pair, a translation beside its Arabic partner, the editors'
    # English marked as such, a transliteration, an address and code pass.
    ('<div><p lang="ar">نص</p><p lang="en">Anything the pair says</p></div>', []),
    ('<p lang="ar" data-seg="s-1">نص</p><div><p lang="en" data-seg="s-1">Any translation</p></div>', []),
    ('<li><span lang="en">Middle East Monitor (reporting Reuters)</span>، ٢٠٢٢</li>', []),
    ('<span lang="ar-Latn">Muḥammad Shiyāʿ al-Sūdānī</span> <a href="#">https://example.org/page</a> <code>make map</code>', []),
    # Marked English that no editor wrote is still the code's English.
    ('<li><span lang="en">Middle East Monitor (reporting Reuters)</span> Title as given</li>', ["Title as given"]),
])
def test_the_language_check_tells_interface_english_from_content(language_check: LanguageCheck, html: str,
                                                                  found: list[str]) -> None:
    problems = language_check.problems(f'<html lang="ar" dir="rtl"><body>{html}</body></html>', "page")
    assert sorted(run for _, _, run in problems) == sorted(found)


# ---- Plural forms, contexts and the catalog's checks ---------------------------------------

PLURAL_HEADER = ('msgid ""\nmsgstr ""\n"Language: ar\\n"\n'
                 '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : '
                 'n%100>=11 ? 4 : 5);\\n"\n\n')


def test_counts_read_as_arabic_counts_them(built_project: Path) -> None:
    ui = load_interface(ROOT / "content", "ar")
    forms = [ui.plural("{count} segment", "{count} segments", n) for n in (1, 2, 3, 10, 11, 99, 100, 102, 103)]
    assert forms == ["مقطع واحد", "مقطعين", "3 مقاطع", "10 مقاطع", "11 مقطعًا", "99 مقطعًا", "100 مقطع", "102 مقطع",
                     "103 مقاطع"]
    assert ui.plural("{count} occurrence", "{count} occurrences", 2) == "مرتين"
    english = Interface()
    assert [english.plural("{count} segment", "{count} segments", n) for n in (1, 2)] == ["1 segment", "2 segments"]
    # The counts stand on each entry's page (the glossary's index gives the count alone).
    israel = (built_project / "site" / "ar" / "glossary" / "israel" / "index.html").read_text(encoding="utf-8")
    assert "ورد مرتين (العربية: 1، الإنجليزية: 1) في مقطع واحد من مقال واحد:" in israel


def test_a_plural_entry_lacking_forms_and_a_stray_placeholder_are_reported_at_their_lines(tmp_path: Path) -> None:
    catalog = (PLURAL_HEADER
               + 'msgid "{count} article"\nmsgid_plural "{count} articles"\nmsgstr[0] "{count} مقال"\n'
                 'msgstr[1] "مقال واحد"\nmsgstr[2] "مقالين"\nmsgstr[3] ""\nmsgstr[4] ""\nmsgstr[5] "{count} مقال"\n\n'
                 'msgid "In {title}:"\nmsgstr "في {name}:"\n\n'
                 'msgid "Cite {what}"\nmsgstr "اقتباس"\n')
    (tmp_path / "ar.po").write_text(catalog, encoding="utf-8")
    assert [(p.line, p.what) for p in interface_problems(tmp_path / "ar.po")] == [
        (7, "interface string '{count} article' lacks plural forms msgstr[3], msgstr[4]"),
        (16, "interface string 'In {title}:': the translation uses {name}, which the code does not fill"),
        (19, "interface string 'Cite {what}': the translation leaves out {what}"),
    ]


def test_every_missing_string_is_reported_together_and_a_context_tells_strings_apart(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "interface").mkdir(parents=True)
    (content / "interface" / "ar.po").write_text(
        PLURAL_HEADER + 'msgctxt "category badge: person"\nmsgid "P"\nmsgstr "ش"\n\n'
                        'msgid "{count} entry"\nmsgid_plural "{count} entries"\n'
        + "".join(f'msgstr[{i}] "{{count}} مدخل"\n' for i in range(6)), encoding="utf-8")
    ui = load_interface(content, "ar")
    assert ui("P", context="category badge: person") == "ش"
    assert ui("P", context="category badge: place") == "P"  # missing: shown in English and recorded
    assert ui("Sources") == "Sources"
    assert ui.plural("{count} entry", "{count} entries", 5) == "5 مدخل"
    ui("{count} entry")  # a counted string asked for as one
    with pytest.raises(ContentError) as error:
        check_complete(ui)
    assert [p.what for p in error.value.problems] == [
        "no translation of the interface string 'P' (msgctxt 'category badge: place')",
        "no translation of the interface string 'Sources'",
        "the interface string '{count} entry' does not fit the code: it is a plural entry: the code asks for one form",
    ]


def test_editors_notes_publisher_and_facts_read_in_each_edition_s_language(built_project: Path) -> None:
    """meta.yml's notes, publisher and source facts with en: and ar: show in the edition's language; one in
    English only shows in the Arabic edition as English, marked as such."""
    meta = (ROOT / "content" / "articles" / SEED_SLUG / "meta.yml").read_text(encoding="utf-8")
    assert "  ar: >-" in meta, "the seed's notes have Arabic"
    pages = {edition: (built_project / "site" / edition / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
             for edition in ("", "ar")}
    assert "<p class=\"article-note\">The text reached us without a headline" in pages[""]
    assert "<p class=\"article-note\">وصلنا النص بلا عنوان" in pages["ar"]
    assert "The text reached us" not in pages["ar"] and "وصلنا النص" not in pages[""]
    assert "موقع إخباري عربي لم نتعرّف عليه" in pages["ar"] and "Unidentified Arabic news site" in pages[""]
    assert "المصدر والتاريخ: النص يعيد صياغة" in pages["ar"] and "Origin and date" not in pages["ar"]
    assert "Origin and date: the text reworks" in pages[""]
    for page in pages.values():
        assert ".:" not in page, "a fact's full stop before the citation's colon"
    arabic = load_interface(ROOT / "content", "ar")
    fallback = editors_text(Bilingual("Only in English.", ""), arabic)
    assert not isinstance(fallback, str) and fallback.attrib == {"lang": "en"} and fallback.text == "Only in English."
    assert editors_text(Bilingual("English.", "عربي."), arabic) == "عربي."
