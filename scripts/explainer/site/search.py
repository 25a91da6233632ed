"""Search: an edition's built pages into a Pagefind index whose results are sentence pairs, Arabic folded one way.

Pagefind (PyPI `pagefind[bin]`, pinned; its command, from `pagefind-bin`) splits its index into chunks, so a query fetches only
the words and pages it needs. It indexes what it is given, so each built page is handed to it
rewritten for search (never written into the site): the page's title, then one section per
sentence pair (a heading whose id is the sentence's, `<h2 id="s-…">`, holding the Arabic and
the English, so a result shows the pair and opens at the sentence) and one per other section
of the page (`<h3 id="…">`, its heading). Under each heading come the search forms of its
Arabic words (folded and stemmed, below) that the words as written are not, each once and at
the heading's weight (HEADING_WEIGHT), and then the section's text, each Arabic word in its
search forms. Pagefind's sub-results are
these sections. (Measured at 500 articles: the pairs' text kept as Pagefind metadata instead
made the index 40% larger, since Pagefind indexes metadata too.)

What a first query fetches is Pagefind's code and, for each of its words, the index chunk that
holds the words it begins: INDEX_CHUNK_ENTRIES keeps the chunks small. The Arabic edition is indexed
with no language (INDEX_LANGUAGE): Pagefind's Arabic stemmer would file every word of the Iraq
family under one stem, so that a query for العراقية fetched every place any of them occurs; our
forms (folded, the clitics and article peeled, the word's own ending kept) are the one Arabic
matching, the same in both editions.

The folding (FOLD below) is the one definition: `fold_script()` writes the browser's copy
(assets/javascripts/arabic-fold.js), which folds the query the same way.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..publishing.verify import SKIP_ATTRIBUTE, VOID_ELEMENTS, PageSegment, close_element, collapse, collect_segments

BUNDLE = "pagefind"
FOLD_SCRIPT = "assets/javascripts/arabic-fold.js"
# What the bundle holds that the site's own search UI (overrides/assets/javascripts/search.js)
# does not use: Pagefind's own UIs, its highlighter and its web worker (the UI searches on the
# page's own thread: the worker would be 12 KiB more to fetch for one query's work).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")
# A section other than a pair is found by its heading and its first words, this many: a
# glossary entry by its names and definition, not by every sentence it quotes (each is found
# in its own article), so a long page's fragment stays small to fetch.
SECTION_WORDS = 200
# A pair's heading holds its Arabic, this separator and its English: the result shows them
# (a heading's text is its sub-result's title), and its words are indexed as written.
PAIR_SEPARATOR = " \u2016 "
# Pagefind's weights for the headings of a page rewritten for search (its defaults, as its index
# shows them), given explicitly: the page's title (h1), a sentence pair (h2), another section (h3).
# A heading's search forms carry its weight, so a word ranks the same whether the query meets it
# as written or in a form (the Arabic edition's written headings, with ال and و, are found through
# their forms), and Pagefind writes no weight change into the index between a pair and its forms.
HEADING_WEIGHT = {"h1": "7", "h2": "6", "h3": "5"}
# Pagefind's index chunks close once they hold this many word locations (Pagefind's default is
# 20,000, set through this variable, the one Pagefind 1.5 reads). Measured at 500 articles, a
# first two-word query fetched 164-184 KiB at 20,000; 118-132 KiB at 4,000, 126-140 at 8,000. Each
# chunk costs a line in the metadata every query fetches, so smaller is not always lighter.
INDEX_CHUNK_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
INDEX_CHUNK_ENTRIES = 4000
# The language Pagefind is told an edition's pages are in, where it is not the edition's own:
# "und" (undetermined) has no stemmer, in the index or in the browser (see the module's text).
INDEX_LANGUAGE = {"ar": "und"}


@dataclass(frozen=True)
class Fold:
    """Arabic folding for search: the tables both the index (Python) and the query (JS) use."""

    # Removed: diacritics and Quranic marks, tatweel, invisible joiners and direction marks.
    marks: str = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200C-\u200F"
    # Alef forms to bare alef, alef maqsura to ya, ta marbuta to ha.
    letters: tuple[tuple[str, str], ...] = (("\u0622", "\u0627"), ("\u0623", "\u0627"), ("\u0625", "\u0627"),
                                            ("\u0671", "\u0627"), ("\u0649", "\u064A"), ("\u0629", "\u0647"))
    # Hamza on waw and on ya: written without the hamza (the seat), or as the hamza alone.
    seats: tuple[tuple[str, str], ...] = (("\u0624", "\u0648"), ("\u0626", "\u064A"))
    hamzas: tuple[tuple[str, str], ...] = (("\u0624", "\u0621"), ("\u0626", "\u0621"))
    # Peeled from the front while a word of min_stem letters (min_after_article after ال) is left.
    clitics: str = "\u0648\u0641\u0628\u0643\u0644"
    articles: tuple[str, ...] = ("\u0627\u0644", "\u0644\u0644")
    min_stem: int = 3
    min_after_article: int = 2
    # An Arabic word, marks included.
    word: str = "[\u0620-\u064A\u0640\u064B-\u065F\u0670-\u06D3\u06D5-\u06ED\u200C-\u200F]+"


FOLD = Fold()
_MARKS = re.compile(f"[{FOLD.marks}]")
_ARABIC_WORD = re.compile(FOLD.word)
_LETTERS = str.maketrans(dict(FOLD.letters))
_SEATS = str.maketrans(dict(FOLD.seats))
_HAMZAS = str.maketrans(dict(FOLD.hamzas))


def fold(word: str, hamza: bool = False) -> str:
    """A word's letters only, each spelling variant made one: the seats of hamza kept bare, or as hamza.

    >>> fold("الأُمَمِ"), fold("مسؤول"), fold("مسئول", hamza=True), fold("مسؤول", hamza=True)
    ('الامم', 'مسوول', 'مسءول', 'مسءول')
    """
    letters = _MARKS.sub("", unicodedata.normalize("NFC", word)).translate(_LETTERS)
    return letters.translate(_HAMZAS if hamza else _SEATS)


def stem(word: str, hamza: bool = False) -> str:
    """The folded word without the conjunctions, prepositions and article in front of it.

    >>> stem("والتحالف"), stem("للسوداني"), stem("السودانى"), stem("وطن"), stem("بل")
    ('تحالف', 'سوداني', 'سوداني', 'وطن', 'بل')
    """
    w = fold(word, hamza)
    while True:
        if w.startswith(FOLD.articles) and len(w) - 2 >= FOLD.min_after_article:
            w = w[2:]
        elif w[:1] and w[0] in FOLD.clitics and len(w) - 1 >= FOLD.min_stem:
            w = w[1:]
        else:
            return w


def word_forms(word: str) -> list[str]:
    """What an Arabic word is indexed as: its stem with hamza seats bare, and with them as hamza.

    The browser stems a query with seats as hamza (fold_script), so a query typed with any
    seat, or with none, meets the text however it is written.

    >>> word_forms("المسؤولين"), word_forms("السودانى")
    (['مسوولين', 'مسءولين'], ['سوداني'])
    """
    forms = [stem(word), stem(word, hamza=True)]
    return [f for i, f in enumerate(forms) if f and f not in forms[:i]]


def search_text(text: str) -> str:
    """Text with every Arabic word replaced by its search forms; other words as they are.

    >>> search_text("قال الأمريكيون: US forces")
    'قال امريكيون: US forces'
    """
    return _ARABIC_WORD.sub(lambda m: " ".join(word_forms(m.group())) or m.group(), text)


def added_forms(text: str) -> str:
    """The search forms of text's Arabic words that the words as written are not: what a section
    whose heading already holds the text (and so has it indexed as written) still needs.

    >>> added_forms("قال داعش إن الأمريكيين US")
    'ان امريكيين'
    """
    forms = (f for word in _ARABIC_WORD.findall(text) for f in word_forms(word) if f != word)
    return " ".join(dict.fromkeys(forms))


def fold_script() -> str:
    """The browser's copy of the folding (FOLD), for the query: the same tables, the same steps."""
    tables = json.dumps({"marks": FOLD.marks, "letters": dict(FOLD.letters), "hamzas": dict(FOLD.hamzas),
                         "clitics": FOLD.clitics, "articles": list(FOLD.articles), "minStem": FOLD.min_stem,
                         "minAfterArticle": FOLD.min_after_article, "word": FOLD.word}, ensure_ascii=True)
    return _FOLD_JS.replace("TABLES", tables)


# The steps of fold() with hamza=True and stem(), and the query's words through them. Generated
# into the site by write_search (the tables come from FOLD); tests/test_reading.py checks that
# the browser and Python agree.
_FOLD_JS = """/* Generated by explainer.site.search.fold_script from its FOLD tables: do not edit. */
(function (scope) {
  "use strict";
  var T = TABLES;
  var marks = new RegExp("[" + T.marks + "]", "g");
  function fold(word) {
    var out = "";
    for (var c of word.normalize("NFC").replace(marks, "")) out += T.letters[c] || T.hamzas[c] || c;
    return out;
  }
  function stem(word) {
    var w = fold(word);
    for (;;) {
      if ((w.indexOf(T.articles[0]) === 0 || w.indexOf(T.articles[1]) === 0) && w.length - 2 >= T.minAfterArticle) {
        w = w.slice(2);
      } else if (w && T.clitics.indexOf(w.charAt(0)) >= 0 && w.length - 1 >= T.minStem) {
        w = w.slice(1);
      } else {
        return w;
      }
    }
  }
  function stemQuery(query) {
    return query.replace(new RegExp(T.word, "g"), function (word) { return stem(word) || word; });
  }
  scope.arabicFold = { fold: fold, stem: stem, stemQuery: stemQuery, word: new RegExp(T.word, "g") };
})(typeof self !== "undefined" ? self : this);
"""


# ---- the built pages ----------------------------------------------------------------------------


def sentence_pairs(page_html: str) -> list[tuple[str, str, str]]:
    """(segment id, Arabic, English) for each Arabic segment with a permalink, in page order.

    English that is not translated yet (a draft's "Translation pending") is left out.

    >>> sentence_pairs('<p lang="ar" dir="rtl" id="s-1" data-seg="s-1">نص</p>'
    ...                '<p lang="en" data-seg="s-1">Text</p>'
    ...                '<p lang="ar" dir="rtl" id="s-2" data-seg="s-2">نص</p>'
    ...                '<p lang="en" data-seg="s-2" data-status="untranslated">Translation pending</p>')
    [('s-1', 'نص', 'Text'), ('s-2', 'نص', '')]
    """
    segments, _ = collect_segments(page_html)
    english: dict[str, PageSegment] = {s.seg: s for s in segments if s.lang == "en"}
    pairs = []
    for segment in segments:
        if segment.lang != "ar" or segment.attributes.get("id") != segment.seg:
            continue
        partner = english.get(segment.seg)
        translated = partner is not None and partner.attributes.get("data-status", "translated") == "translated"
        pairs.append((segment.seg, collapse(segment.text), collapse(partner.text) if partner is not None and translated else ""))
    return pairs


@dataclass
class Section:
    """A part of a page that a search result can open at: its heading's id (or "") and its text."""

    id: str
    heading: str = ""
    text: str = ""


# Never a section's text: code, drawings, controls, the headings' and sentences' permalink signs.
_SKIPPED = frozenset(("script", "style", "template", "svg", "button", "nav", "form", "fieldset"))
_SKIPPED_CLASSES = frozenset(("headerlink", "seg-link"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Elements whose end parts words: text on either side of one is two words, not one.
_BLOCKS = _HEADINGS | frozenset(("p", "div", "li", "dt", "dd", "td", "th", "tr", "section", "article", "aside",
                                 "blockquote", "figcaption", "summary", "details", "ul", "ol", "table"))


@dataclass
class _Sections(HTMLParser):
    """The sections of a page's content, each from a heading with an id, or from the first heading
    inside an element with an id (a glossary entry's <article id>), to the next.

    The text of sentence elements (data-seg) is left out: their pairs are sections of their own.
    """

    sections: list[Section] = field(default_factory=lambda: [Section("")])
    # Each open element: its name, whether its text is skipped, its id (or "").
    _stack: list[tuple[str, bool, str]] = field(default_factory=list)
    _started: set[str] = field(default_factory=set)
    _heading: str | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _section_id(self, tag: str, own: str) -> str:
        if tag not in _HEADINGS:
            return ""
        if own:
            return own
        around = next((entry[2] for entry in reversed(self._stack) if entry[2]), "")
        return around if around and around not in self._started else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        attributes = {k: v or "" for k, v in attrs}
        skip = (bool(self._stack) and self._stack[-1][1]) or tag in _SKIPPED or SKIP_ATTRIBUTE in attributes \
            or "data-seg" in attributes or not _SKIPPED_CLASSES.isdisjoint(attributes.get("class", "").split())
        section = "" if skip else self._section_id(tag, attributes.get("id", ""))
        if section:
            self.sections.append(Section(section))
            self._started.add(section)
            self._heading = tag
        self._stack.append((tag, skip, attributes.get("id", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None
        elif self._heading:
            self.sections[-1].heading += " "  # a heading's parts (its Arabic and English) apart
        elif tag in _BLOCKS:
            self.sections[-1].text += " "
        close_element(self._stack, tag)

    def handle_data(self, data: str) -> None:
        if not self._stack or not self._stack[-1][1]:
            section = self.sections[-1]
            if self._heading:
                section.heading += data
            else:
                section.text += data


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_CONTENT = '<article class="md-content__inner'


def page_content(page_html: str) -> tuple[str, str]:
    """A built page's title and its content (Material's <article>), "" where there is none: the
    navigation around it, which grows with the site, is never parsed.

    >>> page_content('<title>A &amp; B</title><nav>…</nav><article class="md-content__inner">x</article>')
    ('A & B', '<article class="md-content__inner">x</article>')
    """
    title = _TITLE.search(page_html)
    start = page_html.find(_CONTENT)
    end = page_html.rfind("</article>")
    content = page_html[start:end + len("</article>")] if 0 <= start < end else ""
    return html.unescape(collapse(title.group(1))) if title else "", content


def page_sections(content: str) -> list[Section]:
    """The sections of a page's content (text collapsed, empty ones dropped).

    >>> sections = page_sections('<article class="md-content__inner">'
    ...     '<h1>T</h1><p>Top</p><h2 id="a">A<a class="headerlink">¶</a></h2><p>Text</p>'
    ...     '<article id="e"><h3>Entry</h3><p>Its definition</p></article></article>')
    >>> [(s.id, s.heading, s.text) for s in sections]
    [('', '', 'T Top'), ('a', 'A', 'Text'), ('e', 'Entry', 'Its definition')]
    """
    parser = _Sections()
    parser.feed(content)
    parser.close()
    sections = [Section(s.id, collapse(s.heading), collapse(s.text)) for s in parser.sections]
    return [s for s in sections if s.heading or s.text]


def _element(tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.Element(tag, attributes)
    element.text = text
    return element


def search_page(page_html: str, lang: str, site_name: str) -> str | None:
    """The page as Pagefind is given it: its title, its sentence pairs and its other sections, each
    with its words in their search forms; None for a page with nothing to find."""
    title, content = page_content(page_html)
    sections = page_sections(content)
    pairs = sentence_pairs(content)
    if title.endswith(f" - {site_name}"):
        title = title[: -len(site_name) - 3]
    if not sections and not pairs:
        return None
    body = ET.Element("main", {"data-pagefind-body": ""})

    def heading(tag: str, text: str, forms: str, **attributes: str) -> None:
        weight = {"data-pagefind-weight": HEADING_WEIGHT[tag]}
        body.append(_element(tag, text, **attributes, **weight))
        if forms:
            body.append(_element("p", forms, **weight))

    heading("h1", title, added_forms(title))
    for section in sections:
        if section.id:
            heading("h3", section.heading or section.id, added_forms(section.heading), id=section.id)
        text = " ".join(section.text.split()[:SECTION_WORDS])
        if text:
            body.append(_element("p", search_text(text)))
    for seg, arabic, english in pairs:
        heading("h2", arabic + PAIR_SEPARATOR + english if english else arabic, added_forms(f"{arabic} {english}"), id=seg)
    page = ET.Element("html", {"lang": lang})
    ET.SubElement(page, "head").append(_element("title", title))
    ET.SubElement(page, "body").append(body)
    return "<!DOCTYPE html>" + ET.tostring(page, encoding="unicode", method="html")


def edition_pages(site: Path, exclude: Iterable[str] = ()) -> Iterator[Path]:
    """The edition's pages (index.html files), not those under exclude (the other edition's folder)."""
    skipped = tuple(f"{e.strip('/')}/" for e in exclude if e.strip("/"))
    for page in sorted(site.rglob("index.html")):
        relative = page.relative_to(site).as_posix()
        if not relative.startswith((*skipped, f"{BUNDLE}/", "assets/")):
            yield page


# ---- the index ----------------------------------------------------------------------------------


class SearchIndexError(RuntimeError):
    """Pagefind failed to index an edition: its own message."""


def _index(staging: Path, bundle: Path) -> int:
    """Pagefind's command, as pip installed it (pagefind-bin), over the rewritten pages; the pages indexed.

    The command, not the Python API (PagefindIndex): the API answers one call per tenth of a
    second, and its service can be stopped while it is still writing the bundle (an empty
    pagefind-entry.json was seen under load); the command returns once everything is written.
    """
    from pagefind_bin import get_executable

    done = subprocess.run([str(get_executable()), "--site", str(staging), "--output-path", str(bundle), "--quiet"],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, INDEX_CHUNK_VARIABLE: str(INDEX_CHUNK_ENTRIES)})
    if done.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def write_search(site: Path, lang: str, site_name: str, exclude: Iterable[str] = ()) -> int:
    """Index an edition's built pages into site/pagefind/ and write the browser's folding; returns the
    number of pages indexed."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="explainer-search-") as folder:
        staging = Path(folder)
        for page in edition_pages(site, exclude):
            rewritten = search_page(page.read_text(encoding="utf-8"), INDEX_LANGUAGE.get(lang, lang), site_name)
            if rewritten is not None:
                target = staging / page.relative_to(site)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(rewritten, encoding="utf-8")
        count = _index(staging, bundle) if any(staging.iterdir()) else 0
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    if count:
        # The WebAssembly of the index's languages only ("unknown" is the one with no stemmer).
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        wanted = {f"wasm.{language['wasm'] or 'unknown'}.pagefind" for language in entry["languages"].values()}
        for wasm in bundle.glob("wasm.*.pagefind"):
            if wasm.name not in wanted:
                wasm.unlink()
    script = site / FOLD_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(fold_script(), encoding="utf-8")
    return count
