"""Glossary annotation: the glossary, notes and articles into term links with tooltips, notes
under sentences, and the list of every occurrence the glossary page refers back to.

Every occurrence of a term is found and counted. On the article page only the first
occurrence of an entry in each paragraph, in each column, becomes a link to the entry's page
(README: glossary explains why). Its tooltip shows the Arabic, transliteration, English and
gloss, the entry's dated facts as of the article's publication (later ones labelled so) and
its role in the article's story; it is not on the page but in a small file of its own,
glossary/<entry-id>/tips/<name>.html, named by its content, which every page showing the same
tooltip names and glossary.js fetches when the reader first opens the term. A match of a
shared form that nothing settled (knowledge/senses.py) is not linked: a draft marks it for the
editor.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..core.problems import ContentError, Problem, display_path
from ..intake.catalog import Translation
from ..intake.content import Article
from ..knowledge.annotate import Language, Matcher, Span
from ..knowledge.dates import Period, format_period
from ..knowledge.glossary import FactAsOf, Glossary, GlossaryEntry, GlossaryError, Role, facts_as_of, load_glossary
from ..knowledge.notes import EditorialNote, load_notes, notes_by_segment
from ..knowledge.senses import Status, TermDecision, article_decisions, proposal_problems, segment_texts
from ..knowledge.termmatch import Term
from .citations import citation_list
from .interface import ENGLISH, Interface
from .markup import to_html
from .render import Page

# Where the glossary page is, seen from an article page (/articles/<slug>/).
GLOSSARY_FROM_ARTICLE = "../../glossary/"
# An entry's tooltips: files in this folder of its page's, glossary/<entry-id>/tips/<name>.html.
TIPS_DIR = "tips"
# Hex digits of a tooltip's SHA-256 that name its file: an entry has a few distinct tooltips,
# so two sharing a name (one chance in 2^40 for each pair) is not to be expected.
_TIP_NAME_LENGTH = 10
# A letter for each category, shown beside its name, so categories never rest on colour alone.
CATEGORY_BADGES = {"person": "P", "place": "L", "state": "S", "organisation": "O",
                   "armed-group": "A", "institution": "I", "concept": "C", "event": "E"}
# Nesting order of a term's link among other spans over the same words (a date's link is 2 too).
_TERM_PRIORITY = 2

TranslationLoader = Callable[[Article], Mapping[str, Translation]]


@dataclass(frozen=True)
class Occurrence:
    """One place a glossary term occurs: article, segment, column and stretch of text."""

    entry_id: str
    slug: str
    segment_id: str
    language: Language
    start: int
    end: int
    # Linked on the page: the entry's first occurrence in its paragraph and column.
    linked: bool
    # linked: settled to entry_id; proposed: waiting for the editor (entry_id is the proposal);
    # rejected: the words stand for no entry here (entry_id is what they first seemed to be).
    status: Status = "linked"
    # The entries a shared form may stand for, where it is one.
    candidates: tuple[str, ...] = ()

    @property
    def settled(self) -> bool:
        """Whether the occurrence stands for its entry (neither proposed nor rejected)."""
        return self.status == "linked"


def find_occurrences(glossary: Glossary, article: Article, translations: Mapping[str, Translation]) -> list[Occurrence]:
    """Every occurrence of every entry in one article, in reading order, settled or proposed
    (senses.py); terms.yml's problems raise ContentError."""
    decisions, stale = article_decisions(glossary, article, translations)
    if stale:
        raise ContentError(stale)
    blocks = {segment: block for block, segment, _, _ in segment_texts(article, translations)}
    occurrences: list[Occurrence] = []
    seen: set[tuple[int, Language, str]] = set()
    for d in decisions:
        key = (blocks[d.segment], d.language, d.entry)
        first = d.status == "linked" and key not in seen
        if d.status == "linked":
            seen.add(key)
        occurrences.append(Occurrence(d.entry, article.slug, d.segment, d.language, d.start, d.end, first, d.status,
                                      d.candidates if len(d.candidates) > 1 or d.status != "linked" else ()))
    return occurrences


def _element(tag: str, attributes: Mapping[str, str], text: str | None = None) -> ET.Element:
    element = ET.Element(tag, dict(attributes))
    element.text = text
    return element


def badge_letter(category: str, ui: Interface) -> str:
    """The letter standing for a category in the edition's language, e.g. "P" for person."""
    return ui(CATEGORY_BADGES[category], context=f"category badge: {category}")


def category_badge(entry: GlossaryEntry, ui: Interface = ENGLISH) -> ET.Element:
    """The category as a letter and a word in the edition's language, e.g. "P Person"."""
    label = _element("span", {"class": f"gl-cat gl-cat-{entry.category}"})
    label.append(_element("span", {"class": "gl-badge", "aria-hidden": "true"}, badge_letter(entry.category, ui)))
    label[-1].tail = entry.category_label.in_language(ui.lang)
    return label


def tooltip(entry: GlossaryEntry, tip_id: str, ui: Interface = ENGLISH, facts: Sequence[FactAsOf] = (),
            role: Role | None = None) -> ET.Element:
    """The tooltip of a term link: Arabic, transliteration, English, category and gloss, then the
    entry's dated facts as of the article's date and its role in the article's story, in the
    edition's language first (the Arabic edition's tooltip is Arabic, its English marked)."""
    english = {} if ui.lang == "en" else {"lang": "en", "dir": "ltr"}
    arabic = {"lang": "ar", "dir": "rtl"}
    tip = _element("span", {"class": "gl-tip", "role": "tooltip", "id": tip_id, **(arabic if ui.lang == "ar" else {"lang": "en", "dir": "ltr"})})
    head = _element("span", {"class": "gl-tip-head"})
    head.append(_element("span", {"class": "gl-tip-ar", **arabic}, entry.ar))
    head.append(_element("span", {"class": "gl-tip-tr", "lang": "ar-Latn"}, entry.translit))
    tip.append(head)
    names = _element("span", {"class": "gl-tip-en"})
    names.append(_element("span", {"class": "gl-tip-name", **english}, entry.en))
    names.append(category_badge(entry, ui))
    tip.append(names)
    glosses = [_element("span", {"class": "gl-tip-gloss", **english}, entry.gloss.en),
               _element("span", {"class": "gl-tip-gloss", **arabic}, entry.gloss.ar)]
    tip.extend(glosses if ui.lang == "en" else glosses[::-1])
    for fact in facts:
        lines = [fact_element(fact, "en", english), fact_element(fact, "ar", arabic)]
        tip.extend(lines if ui.lang == "en" else lines[::-1])
    if role is not None:
        roles = [_element("span", {"class": "gl-tip-role", **english}, role.text.en),
                 _element("span", {"class": "gl-tip-role", **arabic}, role.text.ar)]
        tip.extend(roles if ui.lang == "en" else roles[::-1])
    tip.append(_element("span", {"class": "gl-tip-more", "aria-hidden": "true"}, ui("Tap again for the glossary entry")))
    return tip


# How a fact's dates read, in each language: since a day, from one to another, on a day.
_WHEN = {"en": {"since": "Since {}", "from": "From {}", "span": "{} to {}", "later": "Later:"},
         "ar": {"since": "منذ {}", "from": "ابتداءً من {}", "span": "من {} إلى {}", "later": "لاحقًا:"}}


def date_words(period: Period, language: str) -> str:
    """A fact's date as the glossary writes dates: "27 October 2022", "27 تشرين الأول/أكتوبر 2022"."""
    if language == "en":
        return format_period(period, "en")
    levant, egypt = format_period(period, "ar_IQ"), format_period(period, "ar")
    if period.precision == "year":
        return egypt
    # Both month names, as Iraqi and Levantine readers and others know them: تشرين الأول/أكتوبر.
    year = str(period.first.year)
    day = f"{period.first.day} " if period.precision == "day" else ""
    month_levant = levant.removeprefix(day).removesuffix(year).strip()
    month_egypt = egypt.removeprefix(day).removesuffix(year).strip()
    return f"{day}{month_levant}/{month_egypt} {year}" if month_levant != month_egypt else egypt


def fact_when(fact: FactAsOf, language: str) -> str:
    """The date part of a fact as of an article: since, from … to, or the day of an event."""
    words = _WHEN[language]
    start = date_words(fact.start, language)
    if fact.event:
        return start
    if fact.end is not None:
        return words["span"].format(start, date_words(fact.end, language))
    return words["from" if fact.later else "since"].format(start)


def fact_element(fact: FactAsOf, language: str, attributes: Mapping[str, str]) -> ET.Element:
    """One dated fact in a tooltip: "Since 27 October 2022: Prime Minister of Iraq.", a later one
    labelled "Later:"."""
    line = _element("span", {"class": "gl-tip-fact" + (" gl-tip-later" if fact.later else ""), **attributes})
    text = fact.text.en if language == "en" else fact.text.ar
    stop = "" if text.endswith((".", "!", "?", "؟")) else "."
    sentence = f"{fact_when(fact, language)}: {text}{stop}"
    if fact.later:
        line.append(_element("span", {"class": "gl-later"}, _WHEN[language]["later"]))
        line[-1].tail = f" {sentence}"
    else:
        line.text = sentence
    return line


def entry_href(entry_id: str) -> str:
    """An entry's page, seen from an article page: "../../glossary/iraq/"."""
    return f"{GLOSSARY_FROM_ARTICLE}{entry_id}/"


def tip_path(entry_id: str, name: str) -> str:
    """Where a tooltip's file is, under the edition's docs folder: glossary/<entry-id>/tips/<name>.html."""
    return f"glossary/{entry_id}/{TIPS_DIR}/{name}.html"


def tooltip_id(entry_id: str) -> str:
    """The id an entry's tooltip has on the page it is shown on, which its links name in aria-describedby."""
    return f"gt-{entry_id}"


def tooltip_file(tip: ET.Element) -> tuple[str, str]:
    """A tooltip as the name and text of its file: the name is the start of the text's SHA-256,
    so pages that show the same tooltip name one file. Its words are not the article's
    (data-verify-skip: the sentence's copy leaves them out once it is on the page)."""
    tip.set("data-verify-skip", "")
    text = to_html(tip) + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_TIP_NAME_LENGTH], text


def term_span(entry: GlossaryEntry, start: int, end: int, tip_name: str | None = None) -> Span:
    """A linked term: a link to the entry's page. The entry's first link on a page names its
    tooltip's file (data-tip, tip_name), which glossary.js fetches and shows beside whichever of
    the entry's terms the reader opens; without the script it is a plain link to the entry.
    Nothing styles a term by its category, so a page of several hundred terms does not carry it."""
    attributes = {"class": "gl", "href": entry_href(entry.id)}
    if tip_name is not None:
        attributes["data-tip"] = tip_name
    return Span(start, end, "a", attributes, priority=_TERM_PRIORITY)


def note_element(note: EditorialNote, glossary: Glossary, ui: Interface = ENGLISH) -> ET.Element:
    """An editorial note under its sentence: English and Arabic side by side (the edition's
    language first), then its sources."""
    aside = _element("aside", {"class": "enote", "role": "note", "aria-label": ui("Editor’s note")})
    halves = (("en", "Editor’s note", "See", note.text.en), ("ar", "ملاحظة المحرر", "انظر", note.text.ar))
    for language, label, see_label, text in halves if ui.lang == "en" else halves[::-1]:
        attributes = {"class": f"enote-{language}", "lang": language} | ({"dir": "rtl"} if language == "ar" else {})
        part = _element("div", attributes)
        paragraph = _element("p", {})
        paragraph.append(_element("strong", {}, label))
        paragraph[-1].tail = f" {text}"
        part.append(paragraph)
        if note.see:
            see = _element("p", {"class": "enote-see"}, f"{see_label}: ")
            for index, entry_id in enumerate(note.see):
                entry = glossary[entry_id]
                link = _element("a", {"href": entry_href(entry_id)}, entry.en if language == "en" else entry.ar)
                link.tail = "، " if language == "ar" and index < len(note.see) - 1 else (", " if index < len(note.see) - 1 else "")
                see.append(link)
            part.append(see)
        aside.append(part)
    if note.sources:
        # In the English edition the sources say they are English; in another, the page's language is theirs.
        sources = _element("div", {"class": "enote-sources", "lang": "en"} if ui.lang == "en" else {"class": "enote-sources"})
        sources.append(_element("p", {}, ui("Sources")))
        sources.append(citation_list(note.sources, "enote-source-list", ui))
        aside.append(sources)
    return aside


class _RenderIndex(NamedTuple):
    """What the render matcher looks up, site-wide: each indexed segment's text, its occurrences,
    and where each page names its entries' tooltips (segment, language, start), by (slug, entry)."""

    texts: dict[tuple[str, Language], str]
    by_segment: dict[tuple[str, Language], list[Occurrence]]
    carriers: dict[tuple[str, str], tuple[str, Language, int]]


@dataclass(frozen=True)
class SiteGlossary:
    """The glossary and notes checked against the articles, with every occurrence found."""

    glossary: Glossary
    notes: tuple[EditorialNote, ...]
    articles: tuple[Article, ...]
    translations: Mapping[str, Mapping[str, Translation]]
    occurrences: tuple[Occurrence, ...]
    warnings: tuple[Problem, ...]

    def occurrences_of(self, entry_id: str) -> list[Occurrence]:
        """Every settled occurrence of one entry, in article and reading order."""
        return list(self._by_entry.get(entry_id, ()))

    @cached_property
    def _by_entry(self) -> dict[str, list[Occurrence]]:
        # Grouped once: the glossary page and who's who ask for every entry's occurrences.
        grouped: dict[str, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            if occurrence.settled:
                grouped.setdefault(occurrence.entry_id, []).append(occurrence)
        return grouped

    @cached_property
    def pending(self) -> tuple[Problem, ...]:
        """The proposed matches waiting for the editor: errors in `explainer check` and strict builds."""
        found: list[Problem] = []
        for article in self.articles:
            proposed = [TermDecision(o.slug, o.segment_id, o.language, o.start, o.end,
                                     self._text(o)[o.start:o.end], o.entry_id, o.candidates or (o.entry_id,), "proposed", "open")
                        for o in self._by_article.get(article.slug, ()) if o.status == "proposed"]
            found.extend(proposal_problems(article, proposed, self.glossary))
        return tuple(found)

    def counts(self, slug: str) -> dict[str, int]:
        """How many matches in an article were linked, proposed and rejected."""
        statuses = [o.status for o in self._by_article.get(slug, ())]
        return {status: statuses.count(status) for status in ("linked", "proposed", "rejected")}

    @cached_property
    def _by_article(self) -> dict[str, list[Occurrence]]:
        grouped: dict[str, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            grouped.setdefault(occurrence.slug, []).append(occurrence)
        return grouped

    def _text(self, occurrence: Occurrence) -> str:
        return self._render_index.texts.get((occurrence.segment_id, occurrence.language), "")

    def stories(self) -> dict[str, list[Article]]:
        """The articles of each story, by story id, in article order."""
        grouped: dict[str, list[Article]] = {}
        for article in self.articles:
            grouped.setdefault(article.meta.story or article.slug, []).append(article)
        return grouped

    def told(self, entry: GlossaryEntry, slug: str) -> tuple[tuple[FactAsOf, ...], Role | None]:
        """What an entry's tooltip tells on an article's page: its facts as of the article's date
        and its role in the article's story."""
        article = self._articles[slug]
        return (tuple(facts_as_of(self.glossary, entry, article.meta.published)),
                entry.role_in(article.meta.story or article.slug))

    def tip_name(self, entry_id: str, slug: str, ui: Interface = ENGLISH) -> str:
        """The name of the file that holds an entry's tooltip on an article's page, in the edition of ui."""
        return self._tip_file(entry_id, slug, ui)[0]

    def tooltip_pages(self, ui: Interface = ENGLISH) -> list[Page]:
        """Every tooltip the article pages of an edition name, one file each however many pages
        name it: glossary/<entry-id>/tips/<name>.html. Made from the occurrences, so the
        pages of articles reused from the last build name files this build writes too."""
        files = {}
        for slug, entry_id in self._render_index.carriers:
            name, text = self._tip_file(entry_id, slug, ui)
            files[tip_path(entry_id, name)] = text
        return [Page(path, text) for path, text in sorted(files.items())]

    def _tip_file(self, entry_id: str, slug: str, ui: Interface) -> tuple[str, str]:
        # Each article's tooltip of an entry is asked for twice, by its page's matcher and by
        # tooltip_pages: what it is told is worked out (and hashed) once.
        found = self._article_tips.get((entry_id, slug, ui.lang))
        if found is not None:
            return found
        # Articles told the same of an entry (its facts as of their dates, its role in their
        # stories) share its tooltip: it is made once.
        entry = self.glossary[entry_id]
        facts, role = self.told(entry, slug)
        key = (entry_id, facts, role, ui.lang)
        made = self._tip_files.get(key)
        if made is None:
            made = self._tip_files[key] = tooltip_file(tooltip(entry, tooltip_id(entry_id), ui, facts, role))
        self._article_tips[(entry_id, slug, ui.lang)] = made
        return made

    @cached_property
    def _tip_files(self) -> dict[tuple[str, tuple[FactAsOf, ...], Role | None, str], tuple[str, str]]:
        return {}

    @cached_property
    def _article_tips(self) -> dict[tuple[str, str, str], tuple[str, str]]:
        return {}

    @cached_property
    def _articles(self) -> dict[str, Article]:
        return {article.slug: article for article in self.articles}

    @cached_property
    def _render_index(self) -> _RenderIndex:
        # Built once: the same for every edition, whose matchers differ only in their language.
        by_segment: dict[tuple[str, Language], list[Occurrence]] = {}
        texts: dict[tuple[str, Language], str] = {}
        for article in self.articles:
            for _, segment_id, language, text in segment_texts(article, self.translations[article.slug]):
                texts[(segment_id, language)] = text
        # The occurrence that names its entry's tooltip on its article's page: the first linked one.
        carriers: dict[tuple[str, str], tuple[str, Language, int]] = {}
        for occurrence in self.occurrences:
            if occurrence.status == "rejected":
                continue
            by_segment.setdefault((occurrence.segment_id, occurrence.language), []).append(occurrence)
            if occurrence.linked:
                carriers.setdefault((occurrence.slug, occurrence.entry_id),
                                    (occurrence.segment_id, occurrence.language, occurrence.start))
        return _RenderIndex(texts, by_segment, carriers)

    def matcher(self, ui: Interface = ENGLISH) -> Matcher:
        """The render matcher: a link for each linked occurrence in a segment, the entry's first on
        the page naming its tooltip's file in the edition of ui."""
        texts, by_segment, carriers = self._render_index
        carrying = frozenset(carriers.values())
        glossary = self.glossary

        def match(segment_id: str, language: Language, text: str) -> list[Span]:
            key = (segment_id, language)
            spans: list[Span] = []
            if texts.get(key) == text:
                for o in by_segment.get(key, []):
                    if o.status == "proposed":
                        spans.append(proposed_span(o))
                    elif o.linked:
                        named = (segment_id, language, o.start) in carrying
                        spans.append(term_span(glossary[o.entry_id], o.start, o.end,
                                               self.tip_name(o.entry_id, o.slug, ui) if named else None))
            else:  # a text this build did not index: link each term of one sense, with no tooltip file made for it
                for m in glossary.matcher.find(text, language):
                    entry = glossary[m.entry_id]
                    if len(m.claimants) > 1 or Term(m.entry_id, language, m.term).keys() in entry.shared:
                        continue
                    spans.append(term_span(entry, m.start, m.end))
            return spans

        return match

    def note_maker(self, ui: Interface = ENGLISH) -> Callable[[str, str], list[ET.Element]]:
        """Fresh note elements for (article slug, segment id), in file order, in the edition's language."""
        grouped = notes_by_segment(self.notes)

        def make(slug: str, segment_id: str) -> list[ET.Element]:
            return [note_element(note, self.glossary, ui) for note in grouped.get((slug, segment_id), [])]

        return make


def proposed_span(occurrence: Occurrence) -> Span:
    """A proposed match in a draft: not linked, marked for the editor with the entries it may be."""
    return Span(occurrence.start, occurrence.end, "span",
                {"class": "gl-proposed", "data-gl-proposed": " ".join(occurrence.candidates or (occurrence.entry_id,))},
                priority=_TERM_PRIORITY)


def unmatched_warnings(glossary: Glossary, occurrences: Sequence[Occurrence]) -> list[Problem]:
    """A warning for each entry that occurs nowhere: its variants may not fit the text. An entry
    whose shared form occurs, though it meant another sense there, does occur."""
    found = {o.entry_id for o in occurrences if o.settled} | {c for o in occurrences for c in o.candidates}
    name = display_path(glossary.path)
    return [Problem(name, entry.line, f"entry {entry.id!r} matches nothing in any article",
                    "check its ar/en forms against the text (add the form that occurs), or remove the entry",
                    warning=True)
            for entry in glossary.entries if entry.id not in found]


def load_site_glossary(content: Path, articles: Sequence[Article], load_translations: TranslationLoader,
                       scanned: Mapping[str, Sequence[Occurrence]] | None = None) -> SiteGlossary:
    """Load and check glossary, notes and translations together, reporting every problem at once.

    scanned holds, by slug, the occurrences an earlier build found in articles unchanged since,
    with the same glossary: they are not looked for again.
    """
    problems: list[Problem] = []
    translations: dict[str, Mapping[str, Translation]] = {}
    for article in articles:
        try:
            translations[article.slug] = load_translations(article)
        except ContentError as error:
            problems.extend(error.problems)
    try:
        glossary = load_glossary(content)
    except GlossaryError as error:
        # Notes are still checked, against the entries that could be read.
        problems.extend(error.problems)
        glossary = error.partial
    notes: tuple[EditorialNote, ...] = ()
    try:
        notes = load_notes(content, articles, glossary)
    except ContentError as error:
        problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    scanned = scanned or {}
    occurrences = [o for article in articles
                   for o in (scanned[article.slug] if article.slug in scanned
                             else find_occurrences(glossary, article, translations[article.slug]))]
    return SiteGlossary(glossary, notes, tuple(articles), translations, tuple(occurrences),
                        tuple(unmatched_warnings(glossary, occurrences)))

