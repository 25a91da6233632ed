"""Unit tests for the reading issue's build steps: fonts, sentence search index, bidi isolation,
sentence tools in the markup, the theme fix and the audit's pure parts and gzip server."""

from __future__ import annotations

import gzip
import http.client
import io
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from typing import Any
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT
from explainer.audit import PageAudit, audited_pages, format_findings, format_table, serve, third_party
from explainer.publishing.build import load_translations
from explainer.intake.content import load_articles
from explainer.site.fonts import arabic_characters, font_source, site_characters, subset_woff2
from explainer.pages.render import render_article, render_block
from explainer.site.search import HEADING_WEIGHT, PAIR_SEPARATOR, SECTION_WORDS, edition_pages, fold_script, page_content, search_page, search_text, sentence_pairs, word_forms
from explainer.intake.segment import Block, Segment
from explainer.site.theme import drop_checkbox_autocomplete
from explainer.publishing.verify import collect_segments

# ---- fonts -----------------------------------------------------------------------------------


def test_arabic_characters_come_only_from_arabic_text() -> None:
    html = ('<p lang="en">Iraq <span lang="ar">بغداد</span></p><div lang="ar">نص <b lang="en">x</b>'
            '<script>var s = "ژ";</script></div><p>ك</p>')
    assert arabic_characters(html) == set("بغدادنص")


def test_site_characters_unite_pages_and_keep_the_space() -> None:
    assert site_characters(['<p lang="ar">اب</p>', '<p lang="ar-IQ">ت</p>']) == {" ", "ا", "ب", "ت"}


@pytest.mark.parametrize("weight", [400, 700])
def test_subset_holds_exactly_the_characters_asked_for_at_the_weight(weight: int) -> None:
    asked = set("العراق 2024،")
    font = TTFont(io.BytesIO(subset_woff2(font_source().font, asked, weight)))
    mapped = {chr(code) for code in font.getBestCmap()}
    assert asked <= mapped
    assert "ژ" not in mapped and "ب" not in mapped
    assert font["OS/2"].usWeightClass == weight
    assert "fvar" not in font and font.flavor == "woff2"


def test_font_source_ships_the_open_font_licence() -> None:
    text = font_source().licence.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text and "Noto Project Authors" in text


# ---- search index ------------------------------------------------------------------------------

ARTICLE_HTML = """<html><head><meta name="description" content="About &amp; more"></head><body>
<h2 id="h-1"><span lang="ar" dir="rtl" id="h-1" data-seg="h-1">عنوان</span></h2>
<p lang="ar" dir="rtl" id="s-1" data-seg="s-1">جملة <span data-verify-skip>tip</span>أولى</p>
<p lang="en" data-seg="s-1">First &lt;sentence&gt;</p>
<p lang="ar" dir="rtl" id="s-2" data-seg="s-2">جملة ثانية</p>
<p lang="en" data-seg="s-2" data-status="untranslated"><span class="pending">Translation pending</span></p>
</body></html>"""


def test_sentence_pairs_skip_tooltips_and_pair_by_segment() -> None:
    assert sentence_pairs(ARTICLE_HTML) == [("h-1", "عنوان", ""), ("s-1", "جملة أولى", "First <sentence>"),
                                            ("s-2", "جملة ثانية", "")]


PAGE_HTML = ("<html><head><title>An article - Site</title></head><body><nav>every page of the site</nav>"
             '<article class="md-content__inner md-typeset"><h1 id="t">An article</h1>'
             '<fieldset class="reading-switch"><legend>Show</legend></fieldset>'
             + ARTICLE_HTML.split("<body>")[1].split("</body>")[0]
             + '<a class="seg-link" href="#s-1">1</a>'
             '<h2 id="sources">Sources<a class="headerlink" href="#sources">¶</a></h2><p>Reuters, «التحالف الدولي»</p>'
             "</article></body></html>")


def test_search_page_has_a_section_per_pair_and_per_other_part_with_arabic_in_search_forms() -> None:
    page = search_page(PAGE_HTML, "en", "Site")
    assert page is not None
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>").replace('data-pagefind-body=""', 'data-pagefind-body="1"'))
    assert root.get("lang") == "en" and root.findtext("head/title") == "An article"
    main = root.find("body/main")
    assert main is not None and main.get("data-pagefind-body") is not None
    headings = [(e.tag, e.get("id"), e.text) for e in main if e.tag != "p"]
    assert headings == [("h1", None, "An article"), ("h3", "t", "An article"), ("h3", "sources", "Sources"),
                        ("h2", "h-1", "عنوان"), ("h2", "s-1", f"جملة أولى{PAIR_SEPARATOR}First <sentence>"),
                        ("h2", "s-2", "جملة ثانية")]
    words = " ".join(e.text or "" for e in main if e.tag == "p")
    assert "تحالف دولي" in words and "Reuters" in words, "Arabic in search forms, other words kept"
    assert "جمله اولي" in words, "a pair's Arabic in search forms (as written, it is in its heading)"
    for left_out in ("every page of the site", "Show", "¶", "tip", " 1 "):
        assert left_out not in words, f"{left_out!r}: navigation, controls, permalinks and tooltips are not searched"


def test_a_heading_s_search_forms_carry_its_weight() -> None:
    """The title's, a section heading's and a pair's Arabic search forms weigh what their heading
    does: in the Arabic edition a written heading (with ال, و) is found through its forms."""
    page = search_page('<title>التحالف الدولي - Site</title><article class="md-content__inner">'
                       '<h2 id="a">والعراقيون</h2><p>نص</p>'
                       '<p lang="ar" dir="rtl" id="s-1" data-seg="s-1">الأمم</p><p lang="en" data-seg="s-1">Nations</p>'
                       "</article>", "und", "Site")
    assert page is not None
    main = ET.fromstring(page.removeprefix("<!DOCTYPE html>").replace('data-pagefind-body=""', 'data-pagefind-body="1"')).find("body/main")
    assert main is not None
    parts = [(e.tag, e.text, e.get("data-pagefind-weight")) for e in main]
    assert parts == [("h1", "التحالف الدولي", HEADING_WEIGHT["h1"]), ("p", "تحالف دولي", HEADING_WEIGHT["h1"]),
                     ("h3", "والعراقيون", HEADING_WEIGHT["h3"]), ("p", "عراقيون", HEADING_WEIGHT["h3"]),
                     ("p", "نص", None),
                     ("h2", f"الأمم{PAIR_SEPARATOR}Nations", HEADING_WEIGHT["h2"]), ("p", "امم", HEADING_WEIGHT["h2"])]


def test_a_long_section_is_indexed_by_its_first_words() -> None:
    long = ('<title>G</title><article class="md-content__inner"><article id="e"><h3>Entry</h3><p>'
            + " ".join(f"w{i}" for i in range(SECTION_WORDS + 50)) + "</p></article></article>")
    page = search_page(long, "en", "Site") or ""
    assert f"w{SECTION_WORDS - 1}<" in page and f"w{SECTION_WORDS}" not in page and 'id="e"' in page


def test_a_page_without_content_is_not_indexed() -> None:
    assert page_content("<title>T</title><p>x</p>") == ("T", "")
    assert search_page("<title>T</title><p>x</p>", "en", "Site") is None


def test_index_forms_cover_hamza_seats_both_ways_and_keep_other_words() -> None:
    assert word_forms("مسؤولين") == ["مسوولين", "مسءولين"]
    assert word_forms("مسئولين") == ["مسيولين", "مسءولين"]
    assert set(word_forms("مسؤولين")) & set(word_forms("مسئولين")), "the two spellings share a form"
    assert search_text("قالت Reuters إن الأمريكيين") == "قالت Reuters ان امريكيين"


def test_the_browser_s_folding_is_generated_from_the_python_tables() -> None:
    script = fold_script()
    assert "TABLES" not in script and '"clitics": "\\u0648\\u0641\\u0628\\u0643\\u0644"' in script
    assert '"\\u0649": "\\u064a"' in script, "alef maqsura folds to ya"


def test_an_edition_indexes_its_own_pages_only(tmp_path: Path) -> None:
    for name in ("index.html", "a/index.html", "ar/index.html", "ar/a/index.html", "assets/x/index.html",
                 "pagefind/index.html", "404.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in edition_pages(tmp_path, ["ar/"])]
    assert found == ["a/index.html", "index.html"]
    assert [p.relative_to(tmp_path / "ar").as_posix() for p in edition_pages(tmp_path / "ar")] == ["a/index.html", "index.html"]


# ---- markup: bidi isolation and sentence tools -------------------------------------------------


def _rendered(block: Block, translations: dict) -> ET.Element:
    return render_block(block, translations)


def test_latin_inside_arabic_is_isolated_and_the_comma_stays_outside() -> None:
    from explainer.intake.catalog import Translation

    segment = Segment(id="s-abc", kind="sentence", text="قالت Reuters، إن U.S. Army تنسحب.", line=1)
    translation = Translation("s-abc", "Reuters said the U.S. Army is leaving.", "translated", (), None)
    element = _rendered(Block("paragraph", 1, (segment,)), {"s-abc": translation})
    html = ET.tostring(element, encoding="unicode", method="html")
    assert "قالت <bdi>Reuters</bdi>، إن <bdi>U.S. Army</bdi> تنسحب." in html
    segments, _ = collect_segments(html)
    assert [s.text for s in segments if s.lang == "ar"] == [segment.text], "isolation must not change the words"


def test_arabic_inside_english_is_isolated_with_its_language() -> None:
    from explainer.intake.catalog import Translation

    segment = Segment(id="s-abc", kind="sentence", text="السوداني.", line=1)
    translation = Translation("s-abc", "Sudani (السوداني), the prime minister.", "translated", (), None)
    html = ET.tostring(_rendered(Block("paragraph", 1, (segment,)), {"s-abc": translation}), encoding="unicode", method="html")
    assert 'Sudani (<bdi lang="ar" dir="rtl">السوداني</bdi>), the prime minister.' in html


def test_every_pair_has_its_permalink_numbered_in_reading_order_and_no_cite_button() -> None:
    """The cite button is reading.js's to make (tests/test_reading.py checks it is there, named)."""
    articles, _ = load_articles(ROOT / "content")
    article = articles[0]
    page = render_article(article, load_translations(article))
    body = page.text[page.text.index("<article"):]
    root = ET.fromstring(body)
    pairs = [p for p in root.iter("div") if "pair" in (p.get("class") or "").split()]
    assert len(pairs) == len(article.segmentation.segments)
    numbers = []
    for pair in pairs:
        arabic = next(e for e in pair.iter() if e.get("lang") == "ar" and e.get("data-seg"))
        link = next(e for e in pair.iter("a") if e.get("class") == "seg-link")
        assert link.get("href") == f"#{arabic.get('id')}" and not list(pair.iter("button"))
        if arabic.get("id", "").startswith("s-"):
            numbers.append(int(link.text or "0"))
            assert link.get("aria-label") == f"Permalink to sentence {link.text}"
        else:
            assert link.text == "§"
    assert numbers == list(range(1, len(numbers) + 1))


# ---- theme fix --------------------------------------------------------------------------------


def test_checkbox_autocomplete_dropped_but_text_inputs_keep_theirs() -> None:
    html = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    fixed, count = drop_checkbox_autocomplete(html)
    assert count == 1
    assert 'id="__drawer">' in fixed and 'class="md-search__input" autocomplete="off"' in fixed


# ---- audit ------------------------------------------------------------------------------------


def test_third_party_detection_compares_scheme_host_and_port() -> None:
    urls = ["http://127.0.0.1:9/", "https://127.0.0.1:9/", "http://localhost:9/", "http://127.0.0.1:9/x?y#z"]
    assert third_party(urls, "http://127.0.0.1:9") == ("https://127.0.0.1:9/", "http://localhost:9/")


def test_table_and_findings_name_every_shortfall() -> None:
    good = PageAudit("", dict.fromkeys(("performance", "accessibility", "best-practices", "seo"), 100), 80.0, (), (), ())
    bad = PageAudit("articles/a/", {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": None},
                    151.0, ("https://x.example/a.js",), ("color-contrast (2 nodes)",), ("line 3: bad",))
    table = format_table([good, bad]).splitlines()
    assert table[2] == "| / | 100 | 100 | 100 | 100 | 80.0 | 0 | 0 | 0 |"
    assert table[3] == "| /articles/a/ | 98 | 100 | 100 | – | 151.0 | 1 | 1 | 1 |"
    assert good.passes() and not bad.passes()
    findings = format_findings([good, bad])
    assert findings == ["/articles/a/: Lighthouse performance 98", "/articles/a/: Lighthouse seo –",
                        "/articles/a/: 151.0 KiB transferred, over the 150 KiB budget",
                        "/articles/a/: third-party request https://x.example/a.js",
                        "/articles/a/: axe color-contrast (2 nodes)", "/articles/a/: Nu line 3: bad"]


def test_audited_pages_skip_what_was_not_built(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("")
    assert audited_pages(tmp_path) == [""]


def _get(url: str, gzip_ok: bool) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gzip_server_compresses_text_as_github_pages_does(tmp_path: Path) -> None:
    page = "<!doctype html><title>x</title>" + "<p>text</p>" * 200
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page)
    (tmp_path / "404.html").write_text("missing")
    (tmp_path / "f.woff2").write_bytes(b"wOF2" * 100)
    with serve(tmp_path) as origin:
        status, headers, body = _get(origin + "/a/", gzip_ok=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode() == page and int(headers["Content-Length"]) == len(body) < len(page)
        status, headers, body = _get(origin + "/a/", gzip_ok=False)
        assert "Content-Encoding" not in headers and body.decode() == page
        status, headers, body = _get(origin + "/f.woff2", gzip_ok=True)
        assert "Content-Encoding" not in headers and body == b"wOF2" * 100
        status, _, body = _get(origin + "/nothing/", gzip_ok=False)
        assert status == 404 and body == b"missing"
        status, _, _ = _get(origin + "/../etc/passwd", gzip_ok=False)
        assert status == 404


def test_gzip_server_keeps_the_connection_for_the_next_file(tmp_path: Path) -> None:
    """As GitHub Pages does: a page's files come over one connection, not one connection each."""
    (tmp_path / "a.css").write_text("p{color:red}" * 50)
    (tmp_path / "404.html").write_text("missing")
    with serve(tmp_path) as origin:
        connection = http.client.HTTPConnection(urlsplit(origin).netloc)
        try:
            statuses = []
            for path in ("/a.css", "/missing.css", "/a.css"):
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                statuses.append((response.status, response.version, response.getheader("Connection")))
                socket = connection.sock
                assert socket is not None, f"the server closed the connection after {path}"
        finally:
            connection.close()
    assert statuses == [(200, 11, None), (404, 11, None), (200, 11, None)]


def test_the_index_comes_in_small_chunks_with_a_pair_s_words_at_one_weight(tmp_path: Path) -> None:
    """Pagefind closes an index chunk at INDEX_CHUNK_ENTRIES word locations, not its default 20,000,
    so a query fetches less; and a pair's words weigh the same as written and in their forms, so
    each page's locations of a word open with one weight and change it nowhere. Decoded here: each
    chunk is gzip of "pagefind_dcd" and CBOR, a list of words, each a word and its pages, each a
    page number and its locations (a weight is a negative number: -(24 x weight) - 1)."""
    import random

    from explainer.site.search import INDEX_CHUNK_ENTRIES, write_search

    draw = random.Random(7)
    site = tmp_path / "site"
    for n in range(12):
        # 60 pairs of 25 words each: "والتحالف" is indexed as written and as its form, "تحالف".
        pairs = "".join(f'<p lang="ar" dir="rtl" id="s-{i}" data-seg="s-{i}">والتحالف</p><p lang="en" data-seg="s-{i}">'
                        + " ".join(f"w{draw.randrange(3000)}" for _ in range(24)) + "</p>" for i in range(60))
        page = site / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<title>P{n}</title><article class="md-content__inner"><h1>P{n}</h1>{pairs}</article>',
                        encoding="utf-8")
    assert write_search(site, "en", "Site") == 12
    words: dict[str, list[list[int]]] = {}
    sizes = []
    for chunk in sorted((site / "pagefind" / "index").glob("*.pf_index")):
        data = gzip.decompress(chunk.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        decoded, end = _cbor(data, len(b"pagefind_dcd"))
        assert end == len(data)
        # A word: [word, pages, ...]; a page: [number, locations, ...].
        sizes.append(sum(len(word[1]) + sum(len(page[1]) for page in word[1]) for word in decoded[0]))
        words.update({word[0]: [page[1] for page in word[1]] for word in decoded[0]})
    # 12 pages x 60 pairs x 25 words, each word's pages with their numbers and weights: about 45,000.
    assert len(sizes) >= 8 and sum(sizes) > 30_000
    assert all(size < INDEX_CHUNK_ENTRIES + 1_000 for size in sizes), sizes
    weight = -24 * int(HEADING_WEIGHT["h2"]) - 1
    for form in ("تحالف", "والتحالف"):
        assert len(words[form]) == 12 and all(loc[0] == weight and min(loc[1:]) >= 0 and len(loc) == 61 for loc in words[form])


def _cbor(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR item at data[at:] and where it ends: the kinds a Pagefind index chunk holds
    (unsigned and negative integers, text, arrays), a minimal reader."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    value = info
    if info >= 24:
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 3:
        return data[at:at + value].decode("utf-8"), at + value
    assert major == 4, f"unexpected CBOR major type {major}"
    items = []
    for _ in range(value):
        item, at = _cbor(data, at)
        items.append(item)
    return items, at


def test_a_failing_pagefind_is_reported_with_its_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind_bin

    from explainer.site.search import SearchIndexError, write_search

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PAGE_HTML, encoding="utf-8")
    failing = tmp_path / "pagefind-that-fails"
    failing.write_text("#!/bin/sh\necho 'no space left' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(pagefind_bin, "get_executable", lambda: failing)
    with pytest.raises(SearchIndexError, match=r"pagefind failed \(3\): no space left"):
        write_search(site, "en", "Site")
