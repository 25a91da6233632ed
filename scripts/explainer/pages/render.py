"""Render stage: articles and their translations into Markdown pages for docs/.

Pages are front matter plus raw HTML blocks built as element trees, so every piece of text
is escaped by construction and shows literally: Markdown, HTML or template syntax in an
article cannot run or include anything.
"""

from __future__ import annotations

import functools
import html
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import yaml
from babel.dates import format_date
from babel.units import format_unit

from ..intake.catalog import Translation, status_counts
from ..intake.content import Article
from ..intake.segment import Block, Segment
from ..knowledge.annotate import Language, Matcher, inline_children
from ..translation.exchange import DOWNLOADS, article_download_name
from .bidi import isolation_spans
from .citations import citation_list
from .interface import ENGLISH, Interface, fill
from .markup import block_lines, editors_text, html_element, one_line, to_html
from .sharing import SHARING_KEY, article_facts

PENDING_TEXT = "Translation pending"
# Elements to show under a segment's pair (editorial notes), given the article slug and segment id.
SegmentNotes = Callable[[str, str], Sequence[ET.Element]]
# libyaml's safe dumper when PyYAML has it: the same YAML, many times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Page:
    """A generated page: its path under docs/ and its Markdown text."""

    path: str
    text: str
    # Annotations left out because they crossed another one: "segment id: span: reason".
    conflicts: tuple[str, ...] = ()


def _escaped(value: object) -> object:
    """A front-matter value with its text, at any depth, on one line and HTML-escaped."""
    if isinstance(value, str):
        return html.escape(one_line(value), quote=False).replace('"', "&quot;")
    if isinstance(value, Mapping):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_escaped(item) for item in value]
    return value


def front_matter(fields: Mapping[str, object]) -> str:
    """YAML front matter, dumped (and so quoted) by PyYAML.

    MkDocs and Zensical put a page's title and description into the HTML unescaped (the title
    in <title> and the navigation, the description in an attribute), so text values are
    HTML-escaped here, in nested mappings and lists too: a title with <script> in it shows as
    written, and no generated page holds markup outside its HTML.

    >>> front_matter({"title": "<b>A & B</b>", "sharing": {"title": ["<i>"]}})
    "---\\ntitle: '&lt;b&gt;A &amp; B&lt;/b&gt;'\\nsharing:\\n  title:\\n  - '&lt;i&gt;'\\n---\\n"
    """
    dumped = yaml.dump(_escaped(dict(fields)), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + dumped + "---\n"


def _translator_notes(translation: Translation, ui: Interface = ENGLISH) -> list[ET.Element]:
    if translation.status != "translated" or not translation.notes:
        return []
    body = []
    for note in translation.notes:
        paragraph = html_element("p")
        inline_children(paragraph, note, isolation_spans("en", note))
        body.append(paragraph)
    return [html_element("details", {"class": "tnote", "lang": "en"},
                     children=[html_element("summary", _ui_lang(ui), ui("Translator’s note")), *body])]


def _ui_lang(ui: Interface) -> dict[str, str]:
    """lang and dir for interface text inside an element of another language."""
    return {} if ui.lang == "en" else {"lang": ui.lang, "dir": ui.dir}


def _pair_tools(segment: Segment, number: int | None, ui: Interface = ENGLISH) -> ET.Element:
    """The sentence's permalink (its number, or § for a heading).

    Its "cite" button is made by reading.js beside it, named from the link's label: a button
    that only a script can work is the script's to add, and a page of sentences is lighter by
    about 200 bytes a sentence without it."""
    what = ui("sentence {number}", number=number) if number is not None else ui("heading")
    link = html_element("a", {"class": "seg-link", "href": f"#{segment.id}", "aria-label": ui("Permalink to {what}", what=what)},
                    str(number) if number is not None else "§")
    return html_element("div", {"class": "pair-tools"}, children=[link])


@dataclass
class PairRenderer:
    """Renders one page's segments as aligned pairs, keeping the annotations it had to leave out."""

    matchers: Sequence[Matcher] = ()
    ui: Interface = ENGLISH
    # Annotations left out because they crossed another one: "segment id (language): span: reason".
    conflicts: list[str] = field(default_factory=list)

    def annotated(self, element: ET.Element, segment_id: str, language: Language, text: str) -> ET.Element:
        """element filled with text, the matchers' spans marked in it."""
        spans = [*isolation_spans(language, text),
                 *(span for matcher in self.matchers for span in matcher(segment_id, language, text))]
        for dropped in inline_children(element, text, spans):
            span = dropped.span
            self.conflicts.append(f"{segment_id} ({language}): <{span.tag}> over {text[span.start:span.end]!r}: {dropped.reason}")
        return element

    def arabic_segment(self, tag: str, segment: Segment) -> ET.Element:
        element = html_element(tag, {"class": "seg", "lang": "ar", "dir": "rtl", "id": segment.id, "data-seg": segment.id})
        return self.annotated(element, segment.id, "ar", segment.text)

    def english_segment(self, tag: str, segment: Segment, translation: Translation) -> ET.Element:
        attributes = {"class": "seg", "lang": "en", "data-seg": segment.id}
        if translation.status != "translated":
            # A sentence says its status only when it is not translated: most are, and an
            # attribute on each of them would be 24 bytes a sentence on every page.
            element = html_element(tag, attributes | {"data-status": translation.status})
            ui = self.ui
            pending = {"class": "pending"} if ui.lang == "en" else {"class": "pending", "lang": ui.lang, "dir": ui.dir}
            element.append(html_element("span", pending, ui(PENDING_TEXT)))
            return element
        return self.annotated(html_element(tag, attributes), segment.id, "en", one_line(translation.text))

    def pair(self, tag: str, segment: Segment, translation: Translation, number: int | None,
             notes: Sequence[ET.Element], css: str = "pair") -> ET.Element:
        english = self.english_segment(tag, segment, translation)
        translator_notes = _translator_notes(translation, self.ui)
        # The English and its translator's notes share the English column in a wrapper; a
        # sentence without notes stands in the column alone (no wrapper: an element and 30
        # bytes fewer a sentence).
        return html_element("div", {"class": css}, children=[
            self.arabic_segment(tag, segment),
            html_element("div", {"class": "en-side"}, children=[english, *translator_notes]) if translator_notes else english,
            _pair_tools(segment, number, self.ui),
            *notes,
        ])

    def block(self, block: Block, translations: Mapping[str, Translation], first_number: int = 1,
              notes: Callable[[str], Sequence[ET.Element]] = lambda segment_id: ()) -> ET.Element:
        """One heading or paragraph as aligned pairs (see render_block)."""
        if block.kind == "heading":
            (segment,) = block.segments
            return self.pair("h2", segment, translations[segment.id], None, notes(segment.id), "pair pair-heading")
        pairs = [self.pair("p", segment, translations[segment.id], first_number + offset, notes(segment.id))
                 for offset, segment in enumerate(block.segments)]
        return html_element("div", {"class": "para"}, children=pairs)


def render_block(block: Block, translations: Mapping[str, Translation], matchers: Sequence[Matcher] = (),
                 first_number: int = 1,
                 notes: Callable[[str], Sequence[ET.Element]] = lambda segment_id: (),
                 ui: Interface = ENGLISH) -> ET.Element:
    """One heading or paragraph as aligned pairs: each Arabic segment beside its English.

    Sentences are numbered from first_number; the number is the sentence's permalink.
    notes gives the elements (editorial notes) to show under a segment's pair; ui gives the
    interface strings of the edition the page belongs to.
    """
    return PairRenderer(matchers, ui).block(block, translations, first_number, notes)


@functools.lru_cache(maxsize=4096)
def format_day(day: object, locale: str) -> str:
    """A date as readers of a locale write it, by Babel.

    >>> from datetime import date
    >>> format_day(date(2024, 7, 22), "en")
    '22 July 2024'
    """
    return format_date(day, "d MMMM y", locale=locale)  # type: ignore[arg-type]


def _article_header(article: Article, translations: Mapping[str, Translation], ui: Interface = ENGLISH,
                    downloads: Mapping[str, int] | None = None) -> ET.Element:
    meta = article.meta
    counts = status_counts(translations)
    total = sum(counts.values())
    title = html_element("h1", {"class": "article-title"}, children=[
        html_element("span", {"class": "title-ar", "lang": "ar", "dir": "rtl"}, meta.title_ar),
        html_element("span", {"class": "title-en", "lang": "en"}, meta.title_en),
    ])
    rows: list[tuple[str, ET.Element | str]] = [("Publisher", editors_text(meta.publisher, ui))]
    published = meta.published.isoformat()
    rows.append(("Published", html_element("time", {"datetime": published}, format_day(meta.published, ui.lang))))
    if meta.byline:
        rows.append(("Byline", html_element("span", {"lang": "ar", "dir": "rtl"}, meta.byline)))
    # Credits on lines of their own are dropped from the text; the header still shows them.
    for credit in (c for c in article.segmentation.credits if not c.in_text):
        rows.append(("Credit", html_element("span", {"lang": "ar", "dir": "rtl"}, credit.text)))
    if meta.url:
        rows.append(("Original", html_element("a", {"href": meta.url, "hreflang": "ar", "rel": "nofollow"}, meta.url)))
    rows.append(("Translation", ui("{done} of {total} segments translated", done=counts["translated"], total=total)))
    archive = article_download_name(article.slug)
    if downloads and archive in downloads:
        rows.append(("Downloads", download_links("../../", [(archive, "TMX, XLIFF 2.0 and CSV (ZIP, {size})")], downloads, ui)))
    details = html_element("dl", {"class": "article-meta"})
    for label, value in rows:
        details.append(html_element("dt", {}, ui(label)))
        dd = html_element("dd", {}, value if isinstance(value, str) else None)
        if not isinstance(value, str):
            dd.append(value)
        details.append(dd)
    notes = []
    for note in meta.notes:
        text = editors_text(note, ui)  # an English-only note in another edition: the paragraph is English
        notes.append(html_element("p", {"class": "article-note"}, text) if isinstance(text, str)
                     else html_element("p", {"class": "article-note", **text.attrib}, text.text))
    return html_element("header", {"class": "article-head"}, children=[title, details, *notes])


def download_links(base: str, files: Sequence[tuple[str, str]], sizes: Mapping[str, int], ui: Interface = ENGLISH) -> ET.Element:
    """Links to files under downloads/, separated by middle dots: each file's name and its link
    text, an interface string with {size} (sizes gives each file's bytes); base is the path from
    the page to its edition's root.

    The files are the English edition's, at the site's root: another edition (site/ar/) links
    them one folder up, so the site holds one copy. The size is isolated (<bdi>): after a Latin
    format's name ("ZIP، 18 كيلوبايت"), the bidi algorithm would otherwise join the number
    to the Latin run, and an Arabic reader would see "18" beside the word before the name.
    """
    span = html_element("span", {"class": "downloads"})
    root = base if ui.lang == "en" else f"{base}../"
    for index, (name, label) in enumerate(files):
        link = fill(html_element("a", {"href": f"{root}{DOWNLOADS}/{name}", "download": name}), ui(label),
                    size=html_element("bdi", {}, format_size(sizes[name], ui.lang)))
        link.tail = " · " if index < len(files) - 1 else None
        span.append(link)
    return span


def format_size(size: int, locale: str) -> str:
    """A file's size for its link, in kB (1,000 bytes, at least 1) or past 1,000 kB in MB, as
    Babel writes the unit in the locale, with a no-break space: the link text wraps on a
    phone, but never between a number and its unit.

    >>> [text.replace("\N{NO-BREAK SPACE}", "_") for text in (format_size(14_380, "en"), format_size(300, "en"),
    ...                                                        format_size(1_640_000, "en"), format_size(14_380, "ar"))]
    ['14_kB', '1_kB', '1.6_MB', '14_كيلوبايت']
    """
    if size < 999_500:
        text = format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    else:
        text = format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)
    return text.replace(" ", "\N{NO-BREAK SPACE}")


def _sources_section(article: Article, ui: Interface = ENGLISH) -> list[ET.Element]:
    if not article.meta.sources:
        return []
    return [html_element("section", {"class": "article-sources", "lang": "en"} if ui.lang == "en" else {"class": "article-sources"},
                     children=[html_element("h2", {"id": "sources"}, ui("Sources for what the text does not state")),
                               citation_list(article.meta.sources, None, ui)])]


def render_article(article: Article, translations: Mapping[str, Translation], matchers: Sequence[Matcher] = (),
                   notes: SegmentNotes | None = None, ui: Interface = ENGLISH, downloads: Mapping[str, int] | None = None) -> Page:
    """The article page: header, then every block as aligned Arabic–English pairs.

    matchers find the spans (glossary terms, dates) to mark in each segment's text; notes gives
    the editorial notes to show under a segment; ui the interface strings of the edition (the
    Arabic edition's page takes its title from the Arabic and its labels from the Arabic catalog);
    downloads the sizes of the files the build writes under downloads/, by name (the header
    links the article's, when there is one).
    """
    pairs = PairRenderer(matchers, ui)
    body = html_element("article", {"class": "bilingual", "data-article": article.slug})
    body.append(_article_header(article, translations, ui, downloads))
    number = 1
    for block in article.segmentation.blocks:
        body.append(pairs.block(block, translations, number,
                                (lambda segment_id: notes(article.slug, segment_id)) if notes else (lambda segment_id: ())))
        number += len(block.segments) if block.kind != "heading" else 0
    body.extend(_sources_section(article, ui))
    block_lines(body)
    description = article.meta.summary_en or article.meta.title_en
    title = article.meta.title_en if ui.lang == "en" else article.meta.title_ar
    if ui.lang != "en":
        description = article.meta.title_ar
    status = translation_status(translations)[0]
    text = front_matter({"title": title, "description": description, "hide": ["toc"],
                         SHARING_KEY: article_facts(article, translations, status)})
    return Page(f"articles/{article.slug}/index.md", text + "\n" + to_html(body) + "\n", tuple(pairs.conflicts))


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


def newest_first(entries: Sequence[tuple[Article, Mapping[str, Translation]]]) -> list[tuple[Article, Mapping[str, Translation]]]:
    """Articles by date of publication, newest first (the slug breaks ties)."""
    return sorted(entries, key=lambda e: (e[0].meta.published, e[0].slug), reverse=True)


def article_item(article: Article, translations: Mapping[str, Translation], base: str, ui: Interface = ENGLISH) -> ET.Element:
    """One article as a list item: titles in both languages (the edition's first), date,
    publisher and translation status; base is the path from the page to the articles folder."""
    status, phrase = translation_status(translations, ui)
    titles = [html_element("span", {"class": "title-en", "lang": "en"}, article.meta.title_en),
              html_element("span", {"class": "title-ar", "lang": "ar", "dir": "rtl"}, article.meta.title_ar)]
    link = html_element("a", {"href": f"{base}{article.slug}/"}, children=titles if ui.lang == "en" else titles[::-1])
    when = html_element("time", {"datetime": article.meta.published.isoformat()}, format_day(article.meta.published, ui.lang))
    name = editors_text(article.meta.publisher, ui)
    when.tail = f" · {one_line(name)} · " if isinstance(name, str) else " · "
    publisher = [] if isinstance(name, str) else [name]
    for element in publisher:
        element.tail = " · "
    state = html_element("span", {"class": "translation-status", "data-status": status}, phrase)
    return html_element("li", {}, children=[link, html_element("p", {"class": "article-facts"}, children=[when, *publisher, state])])


def article_list(entries: Sequence[tuple[Article, Mapping[str, Translation]]], base: str,
                 ui: Interface = ENGLISH) -> ET.Element:
    """The articles, newest first: titles in both languages, date, publisher, translation status.

    base is the path from the page that shows the list to the articles folder ("" or "articles/");
    in an edition other than English its language's title comes first.
    """
    items = html_element("ul", {"class": "article-list"},
                         children=[article_item(article, translations, base, ui) for article, translations in newest_first(entries)])
    block_lines(items)
    return items
