"""Render stage: articles and their translations into Markdown pages for docs/.

Pages are front matter plus raw HTML blocks built as element trees, so every piece of text
is escaped by construction and shows literally: Markdown, HTML or template syntax in an
article cannot run or include anything.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import yaml
from babel.dates import format_date

from .annotate import Language, Matcher, inline_children
from .bidi import isolation_spans
from .catalog import Translation, status_counts
from .content import Article, Bilingual
from .interface import ENGLISH, Interface
from .segment import Block, Segment

PENDING_TEXT = "Translation pending"
# Elements to show under a segment's pair (editorial notes), given the article slug and segment id.
SegmentNotes = Callable[[str, str], Sequence[ET.Element]]
# What HTML needs escaped in text and in attribute values; most strings hold none of it.
_NEEDS_ESCAPE = re.compile('[&<>"]')
# Elements that have no end tag in HTML.
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# libyaml's safe dumper when PyYAML has it: the same YAML, many times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Line breaks (and the spaces around them) and tabs in an editor's text.
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029\x85\x0b\x0c]\s*|\t")
# Annotation conflicts met while rendering the current page; see render_article.
_conflicts: list[str] = []


@dataclass(frozen=True)
class Page:
    """A generated page: its path under docs/ and its Markdown text."""

    path: str
    text: str
    # Annotations left out because they crossed another one: "segment id: span: reason".
    conflicts: tuple[str, ...] = ()


def one_line(text: str) -> str:
    """Editor's text as it goes into a page: line breaks and tabs become spaces.

    A blank line would end the raw HTML block and let Markdown read the rest, and Markdown
    expands tabs; a browser shows either as a space anyway.

    >>> one_line("first\\n\\nsecond")
    'first second'
    """
    return text if text.isprintable() else _LINE_BREAKS.sub(" ", text)


def _element(tag: str, attributes: Mapping[str, str] | None = None, text: str | None = None,
             children: Iterable[ET.Element] = ()) -> ET.Element:
    element = ET.Element(tag, {name: value if value.isprintable() else one_line(value)
                               for name, value in (attributes or {}).items()})
    element.text = None if text is None else one_line(text)
    element.extend(children)
    return element


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;")


def to_html(element: ET.Element) -> str:
    """An element tree as HTML, every text and attribute value escaped.

    The same markup as ET.tostring(method="html") for the elements we build (it also escapes
    < in attribute values), at a third of the cost: rendering 500 articles spends most of its
    time here.

    >>> to_html(ET.fromstring('<p class="a&amp;b">x &lt; y<br/>z</p>'))
    '<p class="a&amp;b">x &lt; y<br>z</p>'
    """
    parts: list[str] = []
    append, needs_escape = parts.append, _NEEDS_ESCAPE.search  # bound once: this runs for every element

    def write(node: ET.Element) -> None:
        tag = node.tag
        if node.attrib:
            append(f"<{tag}" + "".join(
                f' {name}="{_escape_attribute(value) if needs_escape(value) else value}"' for name, value in node.items()) + ">")
        else:
            append(f"<{tag}>")
        text = node.text
        if text:
            append(_escape_text(text) if needs_escape(text) else text)
        for child in node:
            write(child)
            tail = child.tail
            if tail:
                append(_escape_text(tail) if needs_escape(tail) else tail)
        if tag not in _VOID_ELEMENTS:
            append(f"</{tag}>")

    write(element)
    return "".join(parts)


_html = to_html


def _block_lines(element: ET.Element) -> None:
    """Put each block child on a line of its own, so golden diffs are readable."""
    if len(element) and element.tag not in ("p", "h1", "h2", "summary", "a", "span", "dd", "dt", "li"):
        element.text = (element.text or "") + "\n"
        for child in element:
            _block_lines(child)
            child.tail = (child.tail or "") + "\n"


def front_matter(fields: Mapping[str, object]) -> str:
    """YAML front matter, dumped (and so quoted) by PyYAML.

    MkDocs and Zensical put a page's title and description into the HTML unescaped (the title
    in <title> and the navigation, the description in an attribute), so text values are
    HTML-escaped here: a title with <script> in it shows as written.

    >>> front_matter({"title": "<b>A & B</b>"})
    "---\\ntitle: '&lt;b&gt;A &amp; B&lt;/b&gt;'\\n---\\n"
    """
    escaped = {key: html.escape(one_line(value), quote=False).replace('"', "&quot;") if isinstance(value, str) else value
               for key, value in fields.items()}
    dumped = yaml.dump(escaped, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + dumped + "---\n"


def _annotated(element: ET.Element, segment_id: str, language: Language, text: str,
               matchers: Sequence[Matcher]) -> ET.Element:
    spans = [*isolation_spans(language, text), *(span for matcher in matchers for span in matcher(segment_id, language, text))]
    for dropped in inline_children(element, text, spans):
        span = dropped.span
        _conflicts.append(f"{segment_id} ({language}): <{span.tag}> over {text[span.start:span.end]!r}: {dropped.reason}")
    return element


def _arabic_segment(tag: str, segment: Segment, matchers: Sequence[Matcher]) -> ET.Element:
    element = _element(tag, {"class": "seg", "lang": "ar", "dir": "rtl", "id": segment.id, "data-seg": segment.id})
    return _annotated(element, segment.id, "ar", segment.text, matchers)


def _english_segment(tag: str, segment: Segment, translation: Translation, matchers: Sequence[Matcher],
                     ui: Interface = ENGLISH) -> ET.Element:
    attributes = {"class": "seg", "lang": "en", "data-seg": segment.id, "data-status": translation.status}
    if translation.status != "translated":
        element = _element(tag, attributes)
        pending = {"class": "pending"} if ui.lang == "en" else {"class": "pending", "lang": ui.lang, "dir": ui.dir}
        element.append(_element("span", pending, ui(PENDING_TEXT)))
        return element
    return _annotated(_element(tag, attributes), segment.id, "en", one_line(translation.text), matchers)


def _translator_notes(translation: Translation, ui: Interface = ENGLISH) -> list[ET.Element]:
    if translation.status != "translated" or not translation.notes:
        return []
    body = []
    for note in translation.notes:
        paragraph = _element("p")
        inline_children(paragraph, note, isolation_spans("en", note))
        body.append(paragraph)
    return [_element("details", {"class": "tnote", "lang": "en"},
                     children=[_element("summary", _ui_lang(ui), ui("Translator’s note")), *body])]


def _ui_lang(ui: Interface) -> dict[str, str]:
    """lang and dir for interface text inside an element of another language."""
    return {} if ui.lang == "en" else {"lang": ui.lang, "dir": ui.dir}


def _pair_tools(segment: Segment, number: int | None, ui: Interface = ENGLISH) -> ET.Element:
    """The sentence's permalink (its number, or § for a heading) and its "cite" button."""
    what = ui("sentence {number}", number=number) if number is not None else ui("heading")
    link = _element("a", {"class": "seg-link", "href": f"#{segment.id}", "aria-label": ui("Permalink to {what}", what=what)},
                    str(number) if number is not None else "§")
    cite = _element("button", {"type": "button", "class": "seg-cite", "data-cite": segment.id,
                               "aria-label": ui("Cite {what}", what=what),
                               "title": ui("Copy {what} in Arabic and English, with its address", what=what)})
    return _element("div", {"class": "pair-tools"}, children=[link, cite])


def _pair(tag: str, segment: Segment, translation: Translation, matchers: Sequence[Matcher], number: int | None,
          notes: Sequence[ET.Element], css: str = "pair", ui: Interface = ENGLISH) -> ET.Element:
    return _element("div", {"class": css}, children=[
        _arabic_segment(tag, segment, matchers),
        _element("div", {"class": "en-side"},
                 children=[_english_segment(tag, segment, translation, matchers, ui), *_translator_notes(translation, ui)]),
        _pair_tools(segment, number, ui),
        *notes,
    ])


def render_block(block: Block, translations: Mapping[str, Translation], matchers: Sequence[Matcher] = (),
                 first_number: int = 1,
                 notes: Callable[[str], Sequence[ET.Element]] = lambda segment_id: (),
                 ui: Interface = ENGLISH) -> ET.Element:
    """One heading or paragraph as aligned pairs: each Arabic segment beside its English.

    Sentences are numbered from first_number; the number is the sentence's permalink.
    notes gives the elements (editorial notes) to show under a segment's pair; ui gives the
    interface strings of the edition the page belongs to.
    """
    if block.kind == "heading":
        (segment,) = block.segments
        return _pair("h2", segment, translations[segment.id], matchers, None, notes(segment.id), "pair pair-heading", ui)
    pairs = [_pair("p", segment, translations[segment.id], matchers, first_number + offset, notes(segment.id), ui=ui)
             for offset, segment in enumerate(block.segments)]
    return _element("div", {"class": "para"}, children=pairs)


@functools.lru_cache(maxsize=4096)
def format_day(day: object, locale: str) -> str:
    """A date as readers of a locale write it, by Babel.

    >>> from datetime import date
    >>> format_day(date(2024, 7, 22), "en")
    '22 July 2024'
    """
    return format_date(day, "d MMMM y", locale=locale)  # type: ignore[arg-type]


def _article_header(article: Article, translations: Mapping[str, Translation], ui: Interface = ENGLISH) -> ET.Element:
    meta = article.meta
    counts = status_counts(translations)
    total = sum(counts.values())
    title = _element("h1", {"class": "article-title"}, children=[
        _element("span", {"class": "title-ar", "lang": "ar", "dir": "rtl"}, meta.title_ar),
        _element("span", {"class": "title-en", "lang": "en"}, meta.title_en),
    ])
    rows: list[tuple[str, ET.Element | str]] = [("Publisher", editors_text(meta.publisher, ui))]
    published = meta.published.isoformat()
    rows.append(("Published", _element("time", {"datetime": published}, format_day(meta.published, ui.lang))))
    if meta.byline:
        rows.append(("Byline", _element("span", {"lang": "ar", "dir": "rtl"}, meta.byline)))
    # Credits on lines of their own are dropped from the text; the header still shows them.
    for credit in (c for c in article.segmentation.credits if not c.in_text):
        rows.append(("Credit", _element("span", {"lang": "ar", "dir": "rtl"}, credit.text)))
    if meta.url:
        rows.append(("Original", _element("a", {"href": meta.url, "hreflang": "ar", "rel": "nofollow"}, meta.url)))
    rows.append(("Translation", ui("{done} of {total} segments translated", done=counts["translated"], total=total)))
    details = _element("dl", {"class": "article-meta"})
    for label, value in rows:
        details.append(_element("dt", {}, ui(label)))
        dd = _element("dd", {}, value if isinstance(value, str) else None)
        if not isinstance(value, str):
            dd.append(value)
        details.append(dd)
    notes = []
    for note in meta.notes:
        text = editors_text(note, ui)  # an English-only note in another edition: the paragraph is English
        notes.append(_element("p", {"class": "article-note"}, text) if isinstance(text, str)
                     else _element("p", {"class": "article-note", **text.attrib}, text.text))
    return _element("header", {"class": "article-head"}, children=[title, details, *notes])


def editors_text(text: Bilingual, ui: Interface = ENGLISH) -> ET.Element | str:
    """What editors wrote in English and, optionally, Arabic (meta.yml's publisher, notes and
    source facts), for the edition's page: its own language's text, or the English marked as
    English where the page is in another language."""
    if ui.lang == "en":
        return text.en
    if ui.lang == "ar" and text.ar:
        return text.ar
    return _element("span", {"lang": "en"}, text.en)  # runs left to right by the edition's stylesheet


def _sources_section(article: Article, ui: Interface = ENGLISH) -> list[ET.Element]:
    from .citations import citation_list  # citations builds on this module

    if not article.meta.sources:
        return []
    return [_element("section", {"class": "article-sources", "lang": "en"} if ui.lang == "en" else {"class": "article-sources"},
                     children=[_element("h2", {"id": "sources"}, ui("Sources for what the text does not state")),
                               citation_list(article.meta.sources, None, ui)])]


def render_article(article: Article, translations: Mapping[str, Translation], matchers: Sequence[Matcher] = (),
                   notes: SegmentNotes | None = None, ui: Interface = ENGLISH) -> Page:
    """The article page: header, then every block as aligned Arabic–English pairs.

    matchers find the spans (glossary terms, dates) to mark in each segment's text; notes gives
    the editorial notes to show under a segment; ui the interface strings of the edition (the
    Arabic edition's page takes its title from the Arabic and its labels from the Arabic catalog).
    """
    _conflicts.clear()
    body = _element("article", {"class": "bilingual", "data-article": article.slug})
    body.append(_article_header(article, translations, ui))
    number = 1
    for block in article.segmentation.blocks:
        body.append(render_block(block, translations, matchers, number,
                                 (lambda segment_id: notes(article.slug, segment_id)) if notes else (lambda segment_id: ()), ui))
        number += len(block.segments) if block.kind != "heading" else 0
    body.extend(_sources_section(article, ui))
    _block_lines(body)
    description = article.meta.summary_en or article.meta.title_en
    title = article.meta.title_en if ui.lang == "en" else article.meta.title_ar
    if ui.lang != "en":
        description = article.meta.title_ar
    text = front_matter({"title": title, "description": description, "hide": ["toc"]})
    return Page(f"articles/{article.slug}/index.md", text + "\n" + _html(body) + "\n", tuple(_conflicts))


def translation_status(translations: Mapping[str, Translation], ui: Interface = ENGLISH) -> tuple[str, str]:
    """An article's translation status as a word for styling and a phrase for readers.

    >>> translation_status({})
    ('untranslated', 'not yet translated')
    """
    counts = status_counts(translations)
    total, done = sum(counts.values()), counts["translated"]
    if total and done == total:
        return "translated", ui("fully translated")
    if done:
        return "partial", ui("{done} of {total} segments translated", done=done, total=total)
    return "untranslated", ui("not yet translated")


def article_list(entries: Sequence[tuple[Article, Mapping[str, Translation]]], base: str,
                 ui: Interface = ENGLISH) -> ET.Element:
    """Every article, newest first: titles in both languages, date, publisher, translation status.

    base is the path from the page that shows the list to the articles folder ("" or "articles/");
    in an edition other than English its language's title comes first.
    """
    items = _element("ul", {"class": "article-list"})
    ordered = sorted(entries, key=lambda e: (e[0].meta.published, e[0].slug), reverse=True)
    for article, translations in ordered:
        status, phrase = translation_status(translations, ui)
        titles = [_element("span", {"class": "title-en", "lang": "en"}, article.meta.title_en),
                  _element("span", {"class": "title-ar", "lang": "ar", "dir": "rtl"}, article.meta.title_ar)]
        link = _element("a", {"href": f"{base}{article.slug}/"}, children=titles if ui.lang == "en" else titles[::-1])
        when = _element("time", {"datetime": article.meta.published.isoformat()}, format_day(article.meta.published, ui.lang))
        name = editors_text(article.meta.publisher, ui)
        when.tail = f" · {one_line(name)} · " if isinstance(name, str) else " · "
        publisher = [] if isinstance(name, str) else [name]
        for element in publisher:
            element.tail = " · "
        state = _element("span", {"class": "translation-status", "data-status": status}, phrase)
        items.append(_element("li", {}, children=[link, _element("p", {"class": "article-facts"}, children=[when, *publisher, state])]))
    _block_lines(items)
    return items


def render_article_index(entries: Sequence[tuple[Article, Mapping[str, Translation]]], ui: Interface = ENGLISH) -> Page:
    """The list of articles, newest first, with date, publisher, titles and translation status."""
    title = ui("Articles")
    text = front_matter({"title": title, "description": ui("Every article on the site, newest first, in Arabic and English.")})
    return Page("articles/index.md", text + f"\n# {title}\n\n" + _html(article_list(entries, "", ui)) + "\n")
