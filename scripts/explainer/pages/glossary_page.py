"""Glossary pages: the checked glossary into docs/glossary/index.md, the index, and a page for each
entry, docs/glossary/<id>/index.md, with every occurrence.

The index holds two lists of names (Arabic alphabetical order, ignoring the article ال, by ICU's
Arabic collation; and English order, ignoring a leading "al-" or "the"), each name with its
category and count, linked to its entry's page; no occurrences, so it grows with the glossary,
not with the articles. An entry's page holds the entry as one element whose id is the entry's
id (Arabic, transliteration, English, gloss, definition, the forms it is matched by, its
sources), then back-references to every sentence it occurs in, by article, newest first, as a
concordance gives them: each article's title, date and the entry's counts in it once, then the
numbers of its sentences and headings, each a link to its segment; in pages of at most
OCCURRENCE_PAGE_ELEMENTS elements of links.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import icu

from ..intake.content import Article
from ..knowledge.glossary import CATEGORIES, GlossaryEntry
from ..knowledge.termmatch import arabic_skeleton
from ..translation.exchange import GLOSSARY_CSV, GLOSSARY_TBX, SITE_ARCHIVE
from .citations import citation_list
from .glossary_annotate import Occurrence, SiteGlossary, badge_letter, category_badge
from .interface import ENGLISH, Interface, fill
from .markup import block_lines, html_element, to_html
from .paging import budget_chunks, link_between, page_path, pager, root_from
from .render import Page, download_links, format_day, front_matter
from .sharing import SHARING_KEY, glossary_facts

GLOSSARY_DIR = "glossary"
GLOSSARY_PATH = f"{GLOSSARY_DIR}/index.md"
# An entry's page lists its articles until their links make this many elements (an article's
# item, its title's link and a link for each sentence the entry is in); the rest go to its next
# pages. With the theme's own elements (about 160 with the entry) and two pagers (at most 44),
# a page stays under 1,500 elements; a page fewer is a copy of the theme (23 KB) fewer on disk.
OCCURRENCE_PAGE_ELEMENTS = 1200
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


def render_index(entries: Sequence[GlossaryEntry], *, arabic: bool, counts: Mapping[str, int] | None = None,
                 anchors: bool = False, ui: Interface = ENGLISH) -> ET.Element:
    """An alphabetical index of links to the entries' pages, under letter headings: each name
    with its other language's, its category and how many times the articles name it.

    With anchors, each item carries its entry's id, so an old link to glossary/#<id> lands on
    the item that links on to the entry's page.
    """
    attributes = {"class": "gl-index", "lang": "ar", "dir": "rtl"} if arabic else {"class": "gl-index", "lang": "en"}
    index = html_element("div", attributes)
    for letter, group in _index_groups(entries, arabic=arabic):
        section = html_element("div", {"class": "gl-index-group"}, children=[html_element("p", {"class": "gl-index-letter"}, letter)])
        items = html_element("ul")
        for entry in group:
            link = html_element("a", {"href": f"{entry.id}/"}, entry.ar if arabic else entry.en)
            other = html_element("span", {"class": "gl-index-other", "lang": "en", "dir": "ltr"} if arabic else
                             {"class": "gl-index-other", "lang": "ar", "dir": "rtl"}, entry.en if arabic else entry.ar)
            link.tail = " "
            children = [link, other]
            if counts is not None:
                other.tail = " "
                badge = category_badge(entry, ui)
                badge.set("lang", ui.lang)
                if ui.dir == "rtl":
                    badge.set("dir", "rtl")
                badge.tail = " "
                count = counts.get(entry.id, 0)
                children += [badge, html_element("span", {"class": "gl-index-count", "lang": ui.lang}, ui.plural(
                    "{count} occurrence", "{count} occurrences", count))]
            items.append(html_element("li", {"id": entry.id} if anchors else {}, children=children))
        section.append(items)
        index.append(section)
    return index


def segment_label(kind: str, number: int, ui: Interface = ENGLISH) -> str:
    """A segment as a back-reference names it: "sentence 3" or "heading 1"."""
    return ui("sentence {number}", number=number) if kind == "sentence" else ui("heading {number}", number=number)


def _segment_numbers(article: Article) -> dict[str, tuple[str, int]]:
    """Each segment's kind and number, sentences and headings counted separately."""
    numbers: dict[str, tuple[str, int]] = {}
    counts = {"sentence": 0, "heading": 0}
    for segment in article.segmentation.segments:
        counts[segment.kind] += 1
        numbers[segment.id] = (segment.kind, counts[segment.kind])
    return numbers


def _count_text(arabic: int, english: int, ui: Interface) -> str:
    return ui("Arabic {arabic}, English {english}", arabic=arabic, english=english)


def occurrence_totals(occurrences: Sequence[Occurrence], ui: Interface = ENGLISH) -> ET.Element:
    """How often an entry occurs: occurrences (Arabic, English), in how many segments of how many articles."""
    if not occurrences:
        return html_element("p", {}, ui("Not found in any article yet."))
    arabic = sum(1 for o in occurrences if o.language == "ar")
    segments = {(o.slug, o.segment_id) for o in occurrences}
    slugs = {o.slug for o in occurrences}
    return html_element("p", {"class": "gl-refs-total"}, ui(
        "{occurrences} ({counts}) in {segments} of {articles}:",
        occurrences=ui.plural("{count} occurrence", "{count} occurrences", len(occurrences)),
        counts=_count_text(arabic, len(occurrences) - arabic, ui),
        segments=ui.plural("{count} segment", "{count} segments", len(segments)),
        articles=ui.plural("{count} article", "{count} articles", len(slugs))))


def _add_text(element: ET.Element, text: str) -> None:
    """Append text after the element's last child (or to its text when it has none)."""
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


# The segments an entry occurs in, by kind, as a concordance lists them: the kind's name once
# ("sentences"), then the numbers, each a link to its segment.
_KIND_NAMES = {"sentence": ("sentence", "sentences"), "heading": ("heading", "headings")}
_KIND_CONTEXT = "before the numbers of the segments an entry occurs in"


def _article_references(article: Article, mine: Sequence[Occurrence], numbers: Mapping[str, tuple[str, int]],
                        base: str, ui: Interface) -> ET.Element:
    """One article's item: its title (a link), its date and the entry's counts in it, then the
    number of each sentence and heading it occurs in, linked to that segment, in order."""
    arabic = sum(1 for o in mine if o.language == "ar")
    title = article.meta.title_en if ui.lang == "en" else article.meta.title_ar
    item = fill(html_element("li"), ui("{title}, {date} ({counts}):"),
                title=html_element("a", {"href": f"{base}{article.slug}/"}, title),
                date=format_day(article.meta.published, ui.lang), counts=_count_text(arabic, len(mine) - arabic, ui))
    # The segments in order, by kind: a kind's numbers run in the article's order.
    by_kind: dict[str, list[str]] = {}
    for segment_id in sorted({o.segment_id for o in mine if o.segment_id in numbers}, key=lambda s: numbers[s][1]):
        by_kind.setdefault(numbers[segment_id][0], []).append(segment_id)
    for group, kind in enumerate(k for k in _KIND_NAMES if k in by_kind):
        found = by_kind[kind]
        # Each link's text is its number alone: "sentences" before them and the article's item
        # around them say what it numbers (WCAG 2.4.4, the purpose of a link in its context).
        # The kind's name is kept on the line of its first number (a no-break space).
        _add_text(item, (ui("; ", context="between the sentences an entry occurs in") if group else " ")
                  + ui.plural(*_KIND_NAMES[kind], len(found), context=_KIND_CONTEXT) + "\u00a0")
        for index, segment_id in enumerate(found):
            link = html_element("a", {"href": f"{base}{article.slug}/#{segment_id}"}, str(numbers[segment_id][1]))
            link.tail = " " if index < len(found) - 1 else None
            item.append(link)
    return item


def render_back_references(occurrences: Sequence[Occurrence], articles: Sequence[Article],
                           ui: Interface = ENGLISH, base: str = "../articles/",
                           totals: bool = True, numbers: dict[str, dict[str, tuple[str, int]]] | None = None) -> ET.Element:
    """Where an entry occurs: totals (unless totals is false), then for each of articles, in
    their order, that the entry occurs in, its item (see _article_references).

    base is the path from the page to the articles folder; numbers keeps each article's segment
    numbers by slug, for a caller that lists the same articles for many entries.
    """
    numbers = {} if numbers is None else numbers
    refs = html_element("div", {"class": "gl-refs"})
    if totals or not occurrences:
        refs.append(occurrence_totals(occurrences, ui))
    if not occurrences:
        return refs
    by_article: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        by_article.setdefault(occurrence.slug, []).append(occurrence)
    listing = html_element("ul")
    for article in articles:
        mine = by_article.get(article.slug)
        if not mine:
            continue
        if article.slug not in numbers:
            numbers[article.slug] = _segment_numbers(article)
        listing.append(_article_references(article, mine, numbers[article.slug], base, ui))
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
                 ui: Interface = ENGLISH, *, heading: str = "h3", references: bool = True) -> ET.Element:
    """One entry as one element carrying its id; in the Arabic edition the Arabic comes first.

    heading is the tag of its names (h1 on the entry's own page); without references, the
    sentences it occurs in are left to the caller (the entry's page lists them in pages).
    """
    names = [html_element("span", {"class": "gl-entry-name", "lang": "en"}, entry.en),
             html_element("span", {"class": "gl-entry-arabic", "lang": "ar", "dir": "rtl"}, entry.ar)]
    title = html_element(heading, {"class": "gl-entry-title"}, children=names if ui.lang == "en" else names[::-1])
    meta = html_element("p", {"class": "gl-entry-meta"}, children=[category_badge(entry, ui)])
    meta[-1].tail = " · "
    meta.append(html_element("span", {"class": "gl-translit", "lang": "ar-Latn"}, entry.translit))
    texts = [html_element("div", {"class": "gl-entry-en", "lang": "en"}, children=[
                 html_element("p", {"class": "gl-gloss"}, entry.gloss.en),
                 html_element("p", {"class": "gl-definition"}, entry.definition.en)]),
             html_element("div", {"class": "gl-entry-ar", "lang": "ar", "dir": "rtl"}, children=[
                 html_element("p", {"class": "gl-gloss"}, entry.gloss.ar),
                 html_element("p", {"class": "gl-definition"}, entry.definition.ar)])]
    body = html_element("div", {"class": "gl-entry-body"}, children=texts if ui.lang == "en" else texts[::-1])
    element = html_element("article", {"class": f"gl-entry gl-{entry.category}", "id": entry.id,
                                    "data-category": entry.category},
                       children=[title, meta, body, _forms(entry, ui)])
    if references:
        element.append(render_back_references(occurrences, articles, ui))
    if entry.sources:
        element.append(html_element("div", {"class": "gl-sources"}, children=[
            html_element("p", {}, ui("Sources")), citation_list(entry.sources, "gl-source-list", ui)]))
    return element


def _legend(ui: Interface = ENGLISH) -> ET.Element:
    legend = html_element("p", {"class": "gl-legend"}, ui("Categories: "))
    for number, category in enumerate(CATEGORIES):
        badge = html_element("span", {"class": f"gl-cat gl-cat-{category}"}, children=[
            html_element("span", {"class": "gl-badge", "aria-hidden": "true"}, badge_letter(category, ui))])
        badge[-1].tail = CATEGORIES[category][0 if ui.lang == "en" else 1]
        badge.tail = " " if number < len(CATEGORIES) - 1 else ""
        legend.append(badge)
    return legend


def render_glossary_page(site: SiteGlossary, ui: Interface = ENGLISH, downloads: Mapping[str, int] | None = None) -> Page:
    """docs/glossary/index.md: introduction, links to the glossary's and the site's downloads
    (downloads: the sizes of the files the build writes, by name), and both indexes of the
    entries, each name linked to its entry's page with its category and count (every
    occurrence is on the entry's page).

    The index in the edition's language carries each entry's id, so links to glossary/#<id>
    land on the name that leads on to its page. The Arabic edition's page has its title,
    introduction and headings from the interface catalog (the Arabic index was first already).
    """
    entries = site.glossary.entries
    counts = {e.id: len(site.occurrences_of(e.id)) for e in entries}
    pages = ui("Each name leads to its entry’s page, which lists the sentences it occurs in, newest article first.")
    intro = html_element("div", {"class": "gl-intro"}, children=[html_element("p", {}, ui(
        "Every person, place, state, organisation, armed group, institution, concept and event the articles "
        "name: {entries}, each with its Arabic, a transliteration, its English, a definition in both "
        "languages, every sentence it occurs in, and sources for what the articles do not say.",
        entries=ui.plural("{count} entry", "{count} entries", len(entries)))), html_element("p", {}, pages),
        _legend(ui)]) if ui.lang != "en" else html_element(
        "div", {"class": "gl-intro"}, children=[
        html_element("p", {"lang": "ar", "dir": "rtl", "class": "gl-title-ar"}, "مسرد الأسماء والمصطلحات"),
        html_element("p", {}, f"Every person, place, state, organisation, armed group, institution, concept and event "
                          f"the articles name: {len(entries)} entries. Each gives the Arabic (with vowel marks where "
                          "they help), a transliteration (IJMES style: ʿ for ʿayn, ʾ for hamza, macrons for long "
                          "vowels), the English, a definition in both languages, every sentence it occurs in, "
                          "and sources for what the articles do not say."),
        html_element("p", {}, pages),
        _legend(),
    ])
    files = [(GLOSSARY_TBX, "termbase (TBX, {size})"), (GLOSSARY_CSV, "spreadsheet (CSV, {size})"),
             (SITE_ARCHIVE, "the whole site's translation memory (TMX, zipped, {size})")]
    if downloads and all(name in downloads for name, _ in files):
        intro.append(html_element("p", {"class": "gl-downloads"}, f"{ui('Downloads')}: ",
                                  children=[download_links("../", files, downloads, ui)]))
    indexes = (render_index(entries, arabic=True, counts=counts, anchors=ui.lang == "ar", ui=ui),
               render_index(entries, arabic=False, counts=counts, anchors=ui.lang != "ar", ui=ui))
    for element in (intro, *indexes):
        block_lines(element)
    parts = [front_matter({"title": ui("Glossary"), "description": ui("Who and what the articles name, in Arabic and English, "
                                                                     "with every place each one occurs."),
                          SHARING_KEY: glossary_facts(entries)}),
             f"# {ui('Glossary')}", to_html(intro),
             f"## {ui('Index in Arabic order')} {{#index-ar}}", to_html(indexes[0]),
             f"## {ui('Index in English order')} {{#index-en}}", to_html(indexes[1])]
    return Page(GLOSSARY_PATH, "\n\n".join(p.strip("\n") for p in parts) + "\n")


def _name(entry: GlossaryEntry, ui: Interface) -> str:
    return entry.en if ui.lang == "en" else entry.ar


def _entry_page(entry: GlossaryEntry, occurrences: Sequence[Occurrence], totals: str, chunk: Sequence[Article], number: int,
                total: int, ui: Interface, numbers: dict[str, dict[str, tuple[str, int]]]) -> Page:
    """One page of an entry's own: the first with the entry itself, every page with the entry's
    totals (HTML), a run of the articles it occurs in (chunk, with their occurrences) and a pager."""
    base = "../../" + root_from(number) + "articles/"
    description = entry.gloss.en if ui.lang == "en" else entry.gloss.ar
    if number == 1:
        title = _name(entry, ui)
        head = render_entry(entry, occurrences, chunk, ui, heading="h1", references=False)
        block_lines(head)
        # Not in the sidebar, where Material keeps the table of contents' toggle: without it a
        # table's label would name no control (Nu), so the page has none (its heading is raw HTML).
        parts = [front_matter({"title": title, "description": description, "hide": ["toc"]}), to_html(head),
                 to_html(html_element("h2", {"id": "occurrences"}, ui("Where it occurs")))]
    else:
        title = ui("{name}: where it occurs, page {number} of {total}", name=_name(entry, ui), number=number, total=total)
        back = html_element("p", {"class": "gl-entry-back"}, children=[
            html_element("a", {"href": link_between(number, 1)}, ui("The entry: {name}", name=_name(entry, ui)))])
        parts = [front_matter({"title": title, "description": description, "hide": ["toc"]}), f"# {title}",
                 to_html(back)]
    parts.append(totals)
    top = pager(number, total, ui, ui("Pages of this entry’s occurrences"))
    refs = render_back_references(occurrences, chunk, ui, base, totals=False, numbers=numbers) if occurrences else None
    bottom = pager(number, total, ui, ui("Pages of this entry’s occurrences, at their end"))
    for element in (top, refs, bottom):
        if element is not None:
            block_lines(element)
            parts.append(to_html(element))
    return Page(page_path(f"{GLOSSARY_DIR}/{entry.id}", number), "\n\n".join(p.strip("\n") for p in parts) + "\n")


def render_entry_pages(site: SiteGlossary, ui: Interface = ENGLISH) -> list[Page]:
    """Each entry's own pages, /glossary/<id>/ and on: its definitions, then the articles it
    occurs in, newest first, each with links to its sentences, as many a page as OCCURRENCE_PAGE_ELEMENTS allows."""
    newest = sorted(site.articles, key=lambda a: (a.meta.published, a.slug), reverse=True)
    pages: list[Page] = []
    numbers: dict[str, dict[str, tuple[str, int]]] = {}
    for entry in site.glossary.entries:
        occurrences = site.occurrences_of(entry.id)
        by_slug: dict[str, list[Occurrence]] = {}
        for occurrence in occurrences:
            by_slug.setdefault(occurrence.slug, []).append(occurrence)
        named = [article for article in newest if article.slug in by_slug]
        weights = [2 + len({o.segment_id for o in by_slug[article.slug]}) for article in named]
        runs = budget_chunks(named, weights, OCCURRENCE_PAGE_ELEMENTS)
        totals = to_html(occurrence_totals(occurrences, ui))
        for number, run in enumerate(runs, start=1):
            mine = [o for article in run for o in by_slug[article.slug]]
            pages.append(_entry_page(entry, mine, totals, run, number, len(runs), ui, numbers))
    return pages
