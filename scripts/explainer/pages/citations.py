"""Citations: sources into the list items that cite them, in an edition's language.

One source is cited the same way on every page (article, glossary, notes, timeline). Its
publisher, title and note are the editors' English and stay English; in an edition in
another language they are marked lang="en", and the date and the punctuation around them
are the edition's (the pattern is an interface string, so the translation orders it). The
fact it supports is the edition's language where the editors gave it (fact: en:, ar:).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ..intake.content import Bilingual, SourceCitation
from ..knowledge.dates import Period, format_period
from .interface import ENGLISH, Interface, fill
from .markup import editors_text, html_element, language_attributes


def format_source_date(text: str, locale: str = "en") -> str:
    """A source's date in a locale's words, at the precision it was given; other text as it is.

    >>> format_source_date("2024-07-23"), format_source_date("2024-07", "ar"), format_source_date("2024")
    ('23 July 2024', 'يوليو 2024', '2024')
    >>> format_source_date("n.d.")
    'n.d.'
    """
    try:
        return format_period(Period.parse(text), locale)
    except ValueError:
        return text


def citation_item(source: SourceCitation, ui: Interface = ENGLISH) -> ET.Element:
    """One source: (the fact it supports:) publisher, “title” (linked), date. (note)"""
    title = html_element("a", {"href": source.url, "rel": "nofollow", **language_attributes(source.title, ui)}, source.title)
    parts = {"publisher": editors_text(Bilingual(source.publisher, ""), ui), "title": title,
             "date": format_source_date(source.date, ui.lang)}
    item = html_element("li")
    if source.fact:
        # A fact written as a sentence loses its full stop before the pattern's colon.
        fact = editors_text(Bilingual(source.fact.removesuffix("."), source.fact_ar.removesuffix(".")), ui)
        fill(item, ui("{fact}: {publisher}, “{title}”, {date}."), fact=fact, **parts)
    else:
        fill(item, ui("{publisher}, “{title}”, {date}."), **parts)
    if source.note:
        # In another edition the note is a line of its own: English run on after an Arabic date
        # would wrap from one side of the line to the other.
        fill(item, " {note}", note=source.note if ui.lang == "en" else html_element("span", {"class": "cite-note", "lang": "en"}, source.note))
    return item


def citation_list(sources: Sequence[SourceCitation], css: str | None = None, ui: Interface = ENGLISH,
                  attributes: dict[str, str] | None = None) -> ET.Element:
    """Sources as a list, each cited by citation_item."""
    listing = html_element("ul", {**({"class": css} if css else {}), **(attributes or {})})
    listing.extend(citation_item(source, ui) for source in sources)
    return listing
