"""Property tests: any text goes through read → normalise → segment → render → Markdown unchanged but for the documented normalisation.

Hypothesis writes articles and translations out of Arabic words, punctuation, the damage
pasted text carries and every kind of syntax a page could execute or include; each one
either is refused with a ContentError or reaches the page literally.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from explainer.intake.catalog import Translation, translation_problems
from explainer.core.editortext import unshowable
from explainer.intake.normalise import normalise_arabic
from explainer.core.problems import ContentError
from explainer.intake.read import decode_source
from explainer.pages.render import render_article
from explainer.publishing.verify import collapse, collect_segments, verify_page
from pagecheck import article_from_text, page_to_html

ARABIC_WORDS = ["العراق", "الحكومة", "قال", "وزير", "الخارجية", "بغداد", "اتفاق", "القوات", "في", "على", "إلى",
                "مُحَمَّد", "السُّودَانِيّ", "٢٠٢٤", "2025", "٣٫٥", "أ ف ب", "(رويترز)", "رويترز", "اقرأ أيضا|", "قد يهمك|",
                "الأكثر قراءة", "د.", "م.ال", "انتهى.وقال", "بغداد،وأضاف", "لا", "ﻻ", "ﺍﻟﻌﺮﺍﻕ", "الـــعراق", "فی", "کتاب",
                "ھذا", "۲۰۲۴", "قارعلا", "ةموكحلا"]
# Syntax that Markdown, HTML, Jinja, snippets or MkDocs could act on, and characters that
# Python-Markdown uses itself (STX/ETX mark its placeholders).
HOSTILE = ["<script>alert(1)</script>", "<b>", "</p>", "<!--", "-->", "&amp;", "&lt;", "&#x27;", "{{ config }}",
           "{% include 'x' %}", "{#", "--8<--", '--8<-- "/etc/passwd"', "!include ../mkdocs.yml", "**", "__", "_x_", "*",
           "`", "```", "~~~", "[link](javascript:alert(1))", "![i](x.png)", "*[HTML]: x", "{: .cls }", "#", "##", ">",
           "    ", "\t", "|", "\\", "---", "===", "1.", "-", "+", "\x02", "\x03", "wzxhzdk:0", "\u202e", "\u2066",
           "\u200f", "\u200b", "\ufeff", "\u00a0", "\u0640", "\x00", "\x85", "\u2028", "]]>", '"', "'", "«", "»", "“", "”"]
PUNCTUATION = [".", "،", "؟", "!", ":", "؛", "…", " ", " ", " "]

arabic = st.sampled_from(ARABIC_WORDS)
piece = st.one_of(arabic, arabic, st.sampled_from(HOSTILE), st.sampled_from(PUNCTUATION), arabic, st.text(max_size=6))
line = st.lists(piece, max_size=14).map(" ".join)
article_text = st.lists(line, min_size=1, max_size=8).map("\n".join)
english = st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(["Iraq", "the", "said", ".", "\n", "\n\n"]),
                             st.text(max_size=5)), max_size=10).map(" ".join)
# What an editor can put in msgstr and see on the page (the rest is refused: see below).
showable_english = english.map(lambda text: "".join(c for c in text if unshowable(c) is None))

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def through_the_pipeline(text: str, translations: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The article made from text's UTF-8 bytes, its page as HTML, and the translations used; None if refused."""
    try:
        source = decode_source(Path("article.ar.txt"), text.encode("utf-8"))
    except ContentError:
        return None
    article = article_from_text(source.text)
    if not article.segmentation.segments:
        return None  # load_article refuses it: "no article text left after dropping furniture"
    english_texts = translations or []
    given_translations = {
        segment.id: Translation(segment.id, english_texts[i % len(english_texts)] if english_texts else "",
                                "translated" if english_texts else "untranslated", (), 1)
        for i, segment in enumerate(article.segmentation.segments)
    }
    refused = translation_problems(Path("en.po"), given_translations)
    if refused:
        # The build refuses these at their catalog line; they never reach a page.
        assert {p.what.split(":")[0] for p in refused} == {t.segment_id for t in given_translations.values() if unshowable(t.text)}
        return None
    page = render_article(article, given_translations)
    body, meta = page_to_html(page.text)
    return article, body, given_translations


@SETTINGS
@given(article_text)
def test_any_article_text_reaches_the_page_whole_and_literal(text: str) -> None:
    outcome = through_the_pipeline(text)
    assume(outcome is not None)
    article, body, _ = outcome
    report = {"dropped": [{"line": d.line, "text": d.text} for d in article.segmentation.dropped]}
    assert verify_page(article, report, body, "page") == []
    segments, _ = collect_segments(body)
    assert [s.seg for s in segments if s.lang == "ar"] == [s.id for s in article.segmentation.segments]
    assert "<script" not in body and 'href="javascript' not in body


@SETTINGS
@given(st.lists(english, min_size=1, max_size=4))
def test_a_translation_that_cannot_show_literally_is_refused_at_its_segment(translations: list[str]) -> None:
    article = article_from_text("قال الوزير. وأضاف أن الاتفاق قريب. ثم غادر.")
    given_translations = {s.id: Translation(s.id, translations[i % len(translations)], "translated", (), 10 + i)
                          for i, s in enumerate(article.segmentation.segments)}
    problems = translation_problems(Path("en.po"), given_translations)
    refused = {t.segment_id: t.catalog_line for t in given_translations.values() if unshowable(t.text)}
    assert {p.what.split(":")[0]: p.line for p in problems} == refused
    assert all(str(p).startswith(f"en.po:{p.line}: s-") and "delete it" in str(p) for p in problems)


@SETTINGS
@given(article_text, st.lists(showable_english, min_size=1, max_size=4))
def test_any_translation_shows_literally_beside_its_segment(text: str, translations: list[str]) -> None:
    outcome = through_the_pipeline(text, translations)
    assume(outcome is not None)
    article, body, given_translations = outcome
    segments, _ = collect_segments(body)
    shown = {s.seg: s.text for s in segments if s.lang == "en"}
    for segment in article.segmentation.segments:
        assert collapse(shown[segment.id]) == collapse(given_translations[segment.id].text)
    # No element came from the translations: every tag on the page is one the renderer makes.
    assert set(re.findall(r"<([a-z0-9]+)", body)) <= {"article", "header", "h1", "h2", "span", "dl", "dt", "dd", "time",
                                                      "div", "p", "a", "details", "summary", "section", "ul", "li",
                                                      "button", "bdi"}


@SETTINGS
@given(article_text)
def test_normalisation_is_recorded_and_idempotent(text: str) -> None:
    normalised = normalise_arabic(text)
    assert len(normalised.lines) == len(text.split("\n"))
    if normalised.text != text:
        assert normalised.changes
    assert normalise_arabic(normalised.text).text == normalised.text


# meta.yml's loader refuses text that unshowable() flags (tested in test_hostile.py).
showable_text = st.text(max_size=60).map(lambda text: "".join(c for c in text if unshowable(c) is None))


@SETTINGS
@given(showable_text, showable_text)
def test_any_title_and_summary_show_literally(title: str, summary: str) -> None:
    from dataclasses import replace

    article = article_from_text("قال الوزير إن الاتفاق قريب.")
    article = replace(article, meta=replace(article.meta, title_en=title, summary_en=summary))
    translations = {s.id: Translation(s.id, "", "untranslated", (), 1) for s in article.segmentation.segments}
    page = render_article(article, translations)
    body, meta = page_to_html(page.text)
    # MkDocs and Zensical put these into HTML as they are: they must arrive escaped.
    assert html.unescape(meta["title"]) == collapse_lines(title)
    assert "<" not in meta["title"] and "<" not in meta["description"] and '"' not in meta["description"]
    heading = re.search(r'<span class="title-en" lang="en">(.*?)</span>', body, re.S)
    assert heading is not None and collapse(html.unescape(heading.group(1))) == collapse(title)


def collapse_lines(text: str) -> str:
    from explainer.pages.markup import one_line

    return one_line(text)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["p", "span", "h2", "div", "br", "a"]), showable_text, showable_text), max_size=10))
def test_the_serialiser_writes_what_elementtree_writes(nodes: list[tuple[str, str, str]]) -> None:
    import xml.etree.ElementTree as ET

    from explainer.pages.markup import to_html

    root = ET.Element("article", {"class": "bilingual"})
    parent = root
    for tag, text, attribute in nodes:
        # ElementTree leaves < unescaped in attribute values; to_html escapes it.
        child = ET.SubElement(parent, tag, {"data-x": attribute.replace("<", "")})
        child.text = None if tag == "br" else text
        child.tail = text
        if tag in ("div", "span"):
            parent = child
    assert to_html(root) == ET.tostring(root, encoding="unicode", method="html")
