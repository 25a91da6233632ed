"""Glossary page: the checked glossary and every occurrence into docs/glossary/index.md.

Two indexes (Arabic alphabetical order, ignoring the article ال, by ICU's Arabic collation; and
English order, ignoring a leading "al-" or "the"), then the entries grouped by category. Each
entry is one element whose id is the entry's id, holding the Arabic, transliteration, English,
gloss, definition, the forms it is matched by, back-references to every sentence it occurs
in, with counts, and its sources.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import icu

from ..intake.content import Article
from ..knowledge.glossary import CATEGORIES, GlossaryEntry, entries_by_category
from ..knowledge.termmatch import arabic_skeleton
from ..translation.exchange import GLOSSARY_CSV, GLOSSARY_TBX, SITE_TMX
from .citations import citation_list
from .glossary_annotate import Occurrence, SiteGlossary, badge_letter, category_badge
from .interface import ENGLISH, Interface
from .markup import block_lines, html_element, to_html
from .render import Page, download_links, front_matter
from .sharing import SHARING_KEY, glossary_facts

GLOSSARY_PATH = "glossary/index.md"
_ARTICLE = "\u0627\u0644"  # ال
_ENGLISH_LEADERS = re.compile(r"^(?:the\s+|al-)", re.IGNORECASE)


@lru_cache(maxsize=2)
def _collator(locale: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(locale))


def arabic_sort_form(term: str) -> str:
    """The term as it is alphabetised: without diacritics and without a leading article.

    >>> arabic_sort_form("الوِلَايَات المُتَّحِدَة") == "ولايات المتحدة"
    True
    """
    plain = arabic_skeleton(term)
    return plain[len(_ARTICLE):] if plain.startswith(_ARTICLE) and len(plain) > 3 else plain


def arabic_sort_key(term: str) -> bytes:
    """ICU's Arabic collation key of the term's sort form.

    >>> words = ["واشنطن", "العراق", "إيران", "بغداد"]
    >>> sorted(words, key=arabic_sort_key) == ["إيران", "بغداد", "العراق", "واشنطن"]
    True
    """
    return bytes(_collator("ar").getSortKey(arabic_sort_form(term)))


def english_sort_form(term: str) -> str:
    """The English term as it is alphabetised: "al-Sudani" under S, "the Islamic State" under I.

    >>> english_sort_form("al-Sudani"), english_sort_form("The Islamic State")
    ('Sudani', 'Islamic State')
    """
    return _ENGLISH_LEADERS.sub("", term)


def english_sort_key(term: str) -> bytes:
    """ICU's English collation key of the term's sort form."""
    return bytes(_collator("en").getSortKey(english_sort_form(term)))


def _index_groups(entries: Iterable[GlossaryEntry], *, arabic: bool) -> list[tuple[str, list[GlossaryEntry]]]:
    """Entries in collation order, grouped under their first letter."""
    key = (lambda e: arabic_sort_key(e.ar)) if arabic else (lambda e: english_sort_key(e.en))
    groups: list[tuple[str, list[GlossaryEntry]]] = []
    for entry in sorted(entries, key=key):
        form = arabic_sort_form(entry.ar) if arabic else english_sort_form(entry.en)
        letter = form[:1].upper()
        if not groups or groups[-1][0] != letter:
            groups.append((letter, []))
        groups[-1][1].append(entry)
    return groups


SEARCH_EXCLUDE = "data-search-exclude"


def render_index(entries: Sequence[GlossaryEntry], *, arabic: bool) -> ET.Element:
    """An alphabetical index of links to the entries, under letter headings."""
    attributes = {"class": "gl-index", "lang": "ar", "dir": "rtl"} if arabic else {"class": "gl-index", "lang": "en"}
    # Indexes, back-references, definitions and source lists are kept out of the search index
    # (Material honours data-search-exclude): every page downloads that index, so it holds the
    # names, transliterations and one-line glosses a reader searches by, not every paragraph.
    attributes[SEARCH_EXCLUDE] = ""
    index = html_element("div", attributes)
    for letter, group in _index_groups(entries, arabic=arabic):
        section = html_element("div", {"class": "gl-index-group"}, children=[html_element("p", {"class": "gl-index-letter"}, letter)])
        items = html_element("ul")
        for entry in group:
            link = html_element("a", {"href": f"#{entry.id}"}, entry.ar if arabic else entry.en)
            other = html_element("span", {"class": "gl-index-other", "lang": "en", "dir": "ltr"} if arabic else
                             {"class": "gl-index-other", "lang": "ar", "dir": "rtl"}, entry.en if arabic else entry.ar)
            link.tail = " "
            items.append(html_element("li", {}, children=[link, other]))
        section.append(items)
        index.append(section)
    return index


def segment_label(kind: str, number: int, ui: Interface = ENGLISH) -> str:
    """A segment as a back-reference names it: "sentence 3" or "heading 1"."""
    return ui("sentence {number}", number=number) if kind == "sentence" else ui("heading {number}", number=number)


def _segment_labels(article: Article, ui: Interface = ENGLISH) -> dict[str, str]:
    """Each segment's label, sentences and headings counted separately."""
    labels: dict[str, str] = {}
    counts = {"sentence": 0, "heading": 0}
    for segment in article.segmentation.segments:
        counts[segment.kind] += 1
        labels[segment.id] = segment_label(segment.kind, counts[segment.kind], ui)
    return labels


def _count_text(arabic: int, english: int, ui: Interface) -> str:
    return ui("Arabic {arabic}, English {english}", arabic=arabic, english=english)


def render_back_references(occurrences: Sequence[Occurrence], articles: Sequence[Article],
                           ui: Interface = ENGLISH) -> ET.Element:
    """Where an entry occurs: totals, then for each article a link to each sentence, with counts."""
    refs = html_element("div", {"class": "gl-refs", SEARCH_EXCLUDE: ""})
    if not occurrences:
        refs.append(html_element("p", {}, ui("Not found in any article yet.")))
        return refs
    arabic = sum(1 for o in occurrences if o.language == "ar")
    segments = {(o.slug, o.segment_id) for o in occurrences}
    slugs = {o.slug for o in occurrences}
    refs.append(html_element("p", {"class": "gl-refs-total"}, ui(
        "{occurrences} ({counts}) in {segments} of {articles}:",
        occurrences=ui.plural("{count} occurrence", "{count} occurrences", len(occurrences)),
        counts=_count_text(arabic, len(occurrences) - arabic, ui),
        segments=ui.plural("{count} segment", "{count} segments", len(segments)),
        articles=ui.plural("{count} article", "{count} articles", len(slugs)))))
    separator = ui("; ", context="between the sentences an entry occurs in")
    by_article: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        by_article.setdefault(occurrence.slug, []).append(occurrence)
    listing = html_element("ul")
    for article in articles:
        mine = by_article.get(article.slug)
        if not mine:
            continue
        labels = _segment_labels(article, ui)
        title = article.meta.title_en if ui.lang == "en" else article.meta.title_ar
        item = html_element("li", {}, children=[html_element("a", {"href": f"../articles/{article.slug}/"}, title)])
        item[-1].tail = ": "
        counts: dict[str, list[int]] = {}
        for occurrence in mine:
            counts.setdefault(occurrence.segment_id, [0, 0])[occurrence.language == "en"] += 1
        order = [s.id for s in article.segmentation.segments if s.id in counts]
        for number, segment_id in enumerate(order):
            link = html_element("a", {"href": f"../articles/{article.slug}/#{segment_id}"}, labels[segment_id])
            link.tail = f" ({_count_text(counts[segment_id][0], counts[segment_id][1], ui)})" + (separator if number < len(order) - 1 else "")
            item.append(link)
        listing.append(item)
    refs.append(listing)
    return refs


def _forms(entry: GlossaryEntry, ui: Interface = ENGLISH) -> ET.Element:
    forms = html_element("p", {"class": "gl-forms"}, ui("Found as: "))
    arabic = html_element("span", {"lang": "ar", "dir": "rtl"}, "، ".join((entry.ar, *entry.ar_variants)))
    english = ", ".join((entry.en, *entry.en_variants))
    forms.append(arabic)
    arabic.tail = " · "
    if ui.lang == "en":
        arabic.tail += english
    else:
        forms.append(html_element("span", {"lang": "en"}, english))
    return forms


def render_entry(entry: GlossaryEntry, occurrences: Sequence[Occurrence], articles: Sequence[Article],
                 ui: Interface = ENGLISH) -> ET.Element:
    """One entry as one element carrying its id; in the Arabic edition the Arabic comes first."""
    names = [html_element("span", {"class": "gl-entry-name", "lang": "en"}, entry.en),
             html_element("span", {"class": "gl-entry-arabic", "lang": "ar", "dir": "rtl"}, entry.ar)]
    title = html_element("h3", {"class": "gl-entry-title"}, children=names if ui.lang == "en" else names[::-1])
    meta = html_element("p", {"class": "gl-entry-meta"}, children=[category_badge(entry, ui)])
    meta[-1].tail = " · "
    meta.append(html_element("span", {"class": "gl-translit", "lang": "ar-Latn"}, entry.translit))
    texts = [html_element("div", {"class": "gl-entry-en", "lang": "en"}, children=[
                 html_element("p", {"class": "gl-gloss"}, entry.gloss.en),
                 html_element("p", {"class": "gl-definition", SEARCH_EXCLUDE: ""}, entry.definition.en)]),
             html_element("div", {"class": "gl-entry-ar", "lang": "ar", "dir": "rtl"}, children=[
                 html_element("p", {"class": "gl-gloss"}, entry.gloss.ar),
                 html_element("p", {"class": "gl-definition", SEARCH_EXCLUDE: ""}, entry.definition.ar)])]
    body = html_element("div", {"class": "gl-entry-body"}, children=texts if ui.lang == "en" else texts[::-1])
    element = html_element("article", {"class": f"gl-entry gl-{entry.category}", "id": entry.id,
                                    "data-category": entry.category},
                       children=[title, meta, body, _forms(entry, ui), render_back_references(occurrences, articles, ui)])
    if entry.sources:
        element.append(html_element("div", {"class": "gl-sources", SEARCH_EXCLUDE: ""}, children=[
            html_element("p", {}, ui("Sources")), citation_list(entry.sources, "gl-source-list", ui)]))
    return element


def _category_heading(category: str, ui: Interface = ENGLISH) -> str:
    english, arabic = CATEGORIES[category]
    if ui.lang == "ar":
        # The heading says its language, so it and the English line under it are marked as a pair.
        return f'## {arabic} {{#cat-{category} lang="ar"}}\n\n' + to_html(html_element("p", {"class": "gl-cat-heading-en", "lang": "en"}, english))
    return f"## {english} {{#cat-{category}}}\n\n" + to_html(html_element("p", {"class": "gl-cat-heading-ar", "lang": "ar", "dir": "rtl"}, arabic))


def _legend(ui: Interface = ENGLISH) -> ET.Element:
    legend = html_element("p", {"class": "gl-legend"}, ui("Categories: "))
    for number, category in enumerate(CATEGORIES):
        badge = html_element("span", {"class": f"gl-cat gl-cat-{category}"}, children=[
            html_element("span", {"class": "gl-badge", "aria-hidden": "true"}, badge_letter(category, ui))])
        badge[-1].tail = CATEGORIES[category][0 if ui.lang == "en" else 1]
        badge.tail = " " if number < len(CATEGORIES) - 1 else ""
        legend.append(badge)
    return legend


def render_glossary_page(site: SiteGlossary, ui: Interface = ENGLISH) -> Page:
    """docs/glossary/index.md: introduction, both indexes, and every entry by category.

    The Arabic edition's page has its title, introduction and headings from the interface
    catalog, and the Arabic first in every entry (the Arabic index was first already).
    """
    entries = site.glossary.entries
    by_entry: Mapping[str, list[Occurrence]] = {e.id: site.occurrences_of(e.id) for e in entries}
    intro = html_element("div", {"class": "gl-intro"}, children=[html_element("p", {}, ui(
        "Every person, place, state, organisation, armed group, institution, concept and event the articles "
        "name: {entries}, each with its Arabic, a transliteration, its English, a definition in both "
        "languages, every sentence it occurs in, and sources for what the articles do not say.",
        entries=ui.plural("{count} entry", "{count} entries", len(entries)))), _legend(ui)]) if ui.lang != "en" else html_element(
        "div", {"class": "gl-intro"}, children=[
        html_element("p", {"lang": "ar", "dir": "rtl", "class": "gl-title-ar"}, "مسرد الأسماء والمصطلحات"),
        html_element("p", {}, f"Every person, place, state, organisation, armed group, institution, concept and event "
                          f"the articles name: {len(entries)} entries. Each gives the Arabic (with vowel marks where "
                          "they help), a transliteration (IJMES style: ʿ for ʿayn, ʾ for hamza, macrons for long "
                          "vowels), the English, a definition in both languages, every sentence it occurs in, "
                          "and sources for what the articles do not say."),
        _legend(),
    ])
    intro.append(html_element("p", {"class": "gl-downloads"}, f"{ui('Downloads')}: ", children=[download_links("../", [
        (GLOSSARY_TBX, ui("termbase (TBX)")), (GLOSSARY_CSV, ui("spreadsheet (CSV)")),
        (SITE_TMX, ui("the whole site's translation memory (TMX)"))])]))
    indexes = (render_index(entries, arabic=True), render_index(entries, arabic=False))
    for element in (intro, *indexes):
        block_lines(element)
    parts = [front_matter({"title": ui("Glossary"), "description": ui("Who and what the articles name, in Arabic and English, "
                                                                     "with every place each one occurs."),
                          SHARING_KEY: glossary_facts(entries)}),
             f"# {ui('Glossary')}", to_html(intro),
             f"## {ui('Index in Arabic order')} {{#index-ar}}", to_html(indexes[0]),
             f"## {ui('Index in English order')} {{#index-en}}", to_html(indexes[1])]
    for category, members in entries_by_category(entries):
        parts.append(_category_heading(category, ui))
        for entry in members:
            element = render_entry(entry, by_entry[entry.id], site.articles, ui)
            block_lines(element)
            parts.append(to_html(element))
    return Page(GLOSSARY_PATH, "\n\n".join(p.strip("\n") for p in parts) + "\n")
