"""Search index: Material's search_index.json into one document per sentence pair, so a result opens at the sentence.

Material indexes a page by its headings, so a hit in an article would open at the top of a
long page. Here every Arabic sentence and its English become one document whose location is
the sentence's permalink (`articles/<slug>/#s-…`): the English as its title, the Arabic as its
text (a right-to-left paragraph). Arabic matching itself (diacritics, alef and hamza forms, clitics) happens in the
browser, where one function folds both the index and the query
(overrides/assets/javascripts/arabic-fold.js).
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..publishing.verify import PageSegment, collapse, collect_segments

INDEX_PATH = "search/search_index.json"


class _Description(HTMLParser):
    """Finds the page's meta description."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.description = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name") == "description" and not self.description:
            self.description = attributes.get("content") or ""


def page_description(page_html: str) -> str:
    """The content of a page's <meta name="description">, or "".

    >>> page_description('<head><meta name="description" content="A &amp; B"></head>')
    'A & B'
    """
    parser = _Description()
    parser.feed(page_html)
    parser.close()
    return parser.description


def sentence_pairs(page_html: str) -> list[tuple[str, str, str]]:
    """(segment id, Arabic, English) for each Arabic segment with a permalink, in page order.

    English that is not translated yet (a draft's "Translation pending") is left out.

    >>> sentence_pairs('<p lang="ar" dir="rtl" id="s-1" data-seg="s-1">نص</p>'
    ...                '<p lang="en" data-seg="s-1" data-status="translated">Text</p>')
    [('s-1', 'نص', 'Text')]
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


def arabic_teaser(arabic: str) -> str:
    """The Arabic as the result's text: a right-to-left paragraph, so it reads in its own direction.

    >>> arabic_teaser("أ < ب")
    '<p lang="ar" dir="rtl">أ &lt; ب</p>'
    """
    element = ET.Element("p", {"lang": "ar", "dir": "rtl"})
    element.text = arabic
    return ET.tostring(element, encoding="unicode", method="html")


def _location(doc: Mapping[str, Any]) -> tuple[str, str]:
    page, _, anchor = str(doc["location"]).partition("#")
    return page, anchor


def sentence_documents(index: Mapping[str, Any], page_html: Callable[[str], str | None]) -> dict[str, Any]:
    """The index with each page's sentences as documents of their own.

    page_html gives a location's built HTML (None if there is none). A page with sentence
    pairs keeps its own document, with its description as text; its sentence-section
    documents are replaced by one per pair; other sections (sources) stay.
    """
    docs = list(index["docs"])
    pages: dict[str, list[tuple[str, str, str]]] = {}
    for doc in docs:
        page, anchor = _location(doc)
        if not anchor and page not in pages:
            found = page_html(page)
            pairs = sentence_pairs(found) if found else []
            if pairs:
                pages[page] = pairs
    out: list[dict[str, Any]] = []
    for doc in docs:
        page, anchor = _location(doc)
        if page not in pages:
            out.append(dict(doc))
            continue
        pairs = pages[page]
        if not anchor:
            found = page_html(page) or ""
            out.append({**doc, "text": html.escape(page_description(found), quote=False)})
            out.extend({"location": f"{page}#{seg}", "title": html.escape(english or arabic, quote=False),
                        "text": arabic_teaser(arabic)} for seg, arabic, english in pairs)
        elif anchor not in {seg for seg, _, _ in pairs}:
            out.append(dict(doc))
    return {**index, "docs": out}


def _built_page(site: Path) -> Callable[[str], str | None]:
    def read(location: str) -> str | None:
        path = site / location / "index.html" if not location or location.endswith("/") else site / location
        return path.read_text(encoding="utf-8") if path.is_file() else None
    return read


def rewrite_search_index(site: Path) -> int:
    """Rewrite the built site's search index in place; returns how many sentence documents it holds."""
    path = site / INDEX_PATH
    if not path.exists():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    rewritten = sentence_documents(index, _built_page(site))
    path.write_text(json.dumps(rewritten, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return sum(1 for doc in rewritten["docs"] if "#s-" in doc["location"] or "#h-" in doc["location"])
