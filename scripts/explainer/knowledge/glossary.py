"""Glossary loading: content/glossary.yml into checked, frozen GlossaryEntry records.

An entry says what a thing is, true whenever it is read (gloss, definition); the part it plays
in a story (roles, each for one story); facts that hold from one date, or until another
(facts, an office's holders), each with its sources; and the forms it shares with other
senses (shared), with the context rules that tell them apart (context).

Every problem in the file is collected and reported together as `file:line: what: what to do`:
a malformed file, a missing or mistyped field, a duplicate id, and a written form (variant)
that two entries both claim once normalised for matching (so "السوداني" and "السودانى" clash),
unless both mark it as shared.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, KeysView, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from ..core.fields import FieldReader
from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml
from ..intake.content import Bilingual, SourceCitation
from .dates import Period
from .termmatch import Term, TermMatcher, is_arabic, strip_marks

GLOSSARY_NAME = "glossary.yml"
Category = Literal["person", "place", "state", "organisation", "armed-group", "institution", "concept", "event"]
# The categories in the order the glossary page groups them, with their headings.
CATEGORIES: Mapping[str, tuple[str, str]] = {
    "person": ("People", "أشخاص"),
    "place": ("Places", "أماكن"),
    "state": ("States", "دول"),
    "organisation": ("Organisations", "منظمات"),
    "armed-group": ("Armed groups", "جماعات مسلحة"),
    "institution": ("Institutions", "مؤسسات"),
    "concept": ("Concepts", "مفاهيم"),
    "event": ("Events", "أحداث"),
}
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids the glossary page uses for its own headings; an entry may not take them.
RESERVED_ID_PREFIXES = ("cat-", "index-")
_FIELDS = ("id", "category", "ar", "ar_variants", "translit", "en", "en_variants", "gloss", "definition", "sources",
           "from", "roles", "facts", "office", "shared", "context")
# The actors listed on /whos-who/ with their roles.
ACTOR_CATEGORIES = ("person", "state", "organisation", "armed-group")
_ROLE_FIELDS = ("story", "en", "ar")
_FACT_FIELDS = ("en", "ar", "from", "until", "date", "later", "sources")
_HOLDER_FIELDS = ("entry", "name", "from", "until", "later", "sources")
_RULE_FIELDS = ("form", "before", "after", "near", "within", "means")
# How many words either side of a shared form a context rule reads, unless it says.
DEFAULT_WITHIN = 3
# A context rule's `means` for "none of the glossary's entries".
NO_ENTRY = "none"
_LATIN = re.compile(r"[A-Za-z]")


# A source, as meta.yml cites them; a glossary entry or note names no single fact, so fact is "".
Citation = SourceCitation


@dataclass(frozen=True)
class Role:
    """The part an entry plays in one story: shown on that story's pages and its who's who."""

    story: str
    text: Bilingual
    line: int


@dataclass(frozen=True)
class DatedFact:
    """A fact true from one date (start), until another (end) if it ended, or an event on a date.

    later: shown, marked "Later:", to readers of articles published before it began.
    """

    text: Bilingual
    start: Period
    end: Period | None
    event: bool
    later: bool
    sources: tuple[Citation, ...]
    line: int


@dataclass(frozen=True)
class Holder:
    """Who held an office from one date until another: an entry, or a name with no entry."""

    entry: str
    name: Bilingual
    start: Period
    end: Period | None
    later: bool
    sources: tuple[Citation, ...]
    line: int


@dataclass(frozen=True)
class ContextRule:
    """Where a shared form stands among these words, it means `means` (an entry id, or None for
    no entry): words within `within` words before it, after it, or on either side (near)."""

    form: tuple[str, ...]
    before: tuple[tuple[str, ...], ...]
    after: tuple[tuple[str, ...], ...]
    near: tuple[tuple[str, ...], ...]
    within: int
    means: str | None
    line: int




@dataclass(frozen=True)
class GlossaryEntry:
    """One person, place, state, organisation, armed group, institution, concept or event."""

    id: str
    category: Category
    ar: str
    ar_variants: tuple[str, ...]
    translit: str
    en: str
    en_variants: tuple[str, ...]
    gloss: Bilingual
    definition: Bilingual
    sources: tuple[Citation, ...]
    line: int
    # The entry's part in each story, from that story's articles alone.
    roles: tuple[Role, ...] = ()
    # Facts that hold from a date (and perhaps until one), each with its sources.
    facts: tuple[DatedFact, ...] = ()
    # For an office: who held it when.
    holders: tuple[Holder, ...] = ()
    # The day the thing came to be (an event's start, a body's founding): an article published
    # before it cannot mean this entry.
    exists_from: Period | None = None
    # Forms this entry shares with other senses (other entries, or plain words), as keys.
    shared: frozenset[tuple[str, ...]] = frozenset()
    # Rules that tell the senses of a shared form apart by the words around it.
    context: tuple[ContextRule, ...] = ()

    def terms(self) -> Iterator[Term]:
        """Every written form of the entry, in both languages."""
        for text in (self.ar, *self.ar_variants):
            yield Term(self.id, "ar", text)
        for text in (self.en, *self.en_variants):
            yield Term(self.id, "en", text)

    @property
    def name_pair(self) -> Bilingual:
        """The entry's name in English and in Arabic without vowel marks (as a holder is named)."""
        return Bilingual(self.en, strip_marks(self.ar))

    def role_in(self, story: str) -> Role | None:
        """The entry's part in one story, if it has one there."""
        return next((role for role in self.roles if role.story == story), None)


    @property
    def category_label(self) -> Bilingual:
        """The category's name in both languages, singular."""
        return CATEGORY_LABELS[self.category]


CATEGORY_LABELS: Mapping[str, Bilingual] = {
    "person": Bilingual("Person", "شخص"),
    "place": Bilingual("Place", "مكان"),
    "state": Bilingual("State", "دولة"),
    "organisation": Bilingual("Organisation", "منظمة"),
    "armed-group": Bilingual("Armed group", "جماعة مسلحة"),
    "institution": Bilingual("Institution", "مؤسسة"),
    "concept": Bilingual("Concept", "مفهوم"),
    "event": Bilingual("Event", "حدث"),
}


@dataclass(frozen=True)
class Glossary:
    """The checked entries of a glossary file, and the matcher compiled from all their terms."""

    path: Path
    entries: tuple[GlossaryEntry, ...]
    matcher: TermMatcher
    _by_id: Mapping[str, GlossaryEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    def __getitem__(self, entry_id: str) -> GlossaryEntry:
        return self._by_id[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    @property
    def ids(self) -> KeysView[str]:
        """Every entry's id, as a set (membership is quick)."""
        return self._by_id.keys()

    @cached_property
    def offices_held(self) -> Mapping[str, tuple[DatedFact, ...]]:
        """The offices each entry held, as facts of its own (the office's title from holder to
        end), by the holder's id, in the glossary's order: read from every office once."""
        held: dict[str, list[DatedFact]] = {}
        for office in self.entries:
            for holder in office.holders:
                held.setdefault(holder.entry, []).append(DatedFact(
                    office_title(office), holder.start, holder.end, False, holder.later, holder.sources, holder.line))
        return {entry_id: tuple(facts) for entry_id, facts in held.items()}


def period(check: FieldReader, data: LineDict, key: str, *, required: bool) -> Period | None:
    """A date at year, month or day precision, or None (with a problem if it is required or wrong)."""
    return check.date(data, key, Period.parse, _DATE_TODO, required=required)


def flag(check: FieldReader, data: LineDict, key: str) -> bool:
    """A yes/no field, false when absent."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        check.problem(data.line_of(key), f"{key} should be true or false", f"write {key}: true, or leave it out")
        return False
    return value


def items(check: FieldReader, data: LineDict, key: str, what: str) -> list[tuple[int, LineDict]]:
    """The mappings listed under key, each with its line; a problem for anything else."""
    raw = data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, LineList):
        check.problem(data.line_of(key), f"{key} should be a list", f"start each {what} with '- '")
        return []
    found = []
    for line, item in zip(raw.item_lines, raw, strict=True):
        if isinstance(item, LineDict):
            found.append((line, item))
        else:
            check.problem(line, f"a {what} should be a mapping", "give its fields (see README: glossary)")
    return found


_DATE_TODO = "write it as YYYY-MM-DD (or YYYY-MM, YYYY when that is all that is known)"


def parse_roles(entry: LineDict, check: FieldReader) -> tuple[Role, ...]:
    """An entry's roles: each a story's id and the part the entry plays in it, in both languages."""
    roles: list[Role] = []
    for line, item in items(check, entry, "roles", "role"):
        check.unknown_fields(item, _ROLE_FIELDS, "a role")
        story = check.identifier(item, "story", "coalition-withdrawal-2024 (an article's slug, or its meta.yml's story:)")
        text = Bilingual(check.text(item, "en", "give the English role"), check.text(item, "ar", "give the Arabic role"))
        if text.ar and not is_arabic(text.ar):
            check.problem(item.line_of("ar"), "the role's ar is not Arabic", "write the Arabic role in Arabic script")
        if story in {role.story for role in roles}:
            check.problem(line, f"a second role for story {story!r}", "give each story one role")
        roles.append(Role(story, text, line))
    return tuple(roles)


def _span(item: LineDict, check: FieldReader) -> tuple[Period | None, Period | None]:
    start = period(check, item, "from", required=True)
    end = period(check, item, "until", required=False)
    if start and end and end.last < start.first:
        check.problem(item.line_of("until"), f"until {end.first.isoformat()} is before from {start.first.isoformat()}",
                      "correct one of the two dates")
    return start, end


def parse_facts(entry: LineDict, check: FieldReader) -> tuple[DatedFact, ...]:
    """An entry's dated facts: a state from a date (and until one), or an event on a date."""
    facts = []
    for line, item in items(check, entry, "facts", "fact"):
        check.unknown_fields(item, _FACT_FIELDS, "a fact")
        text = Bilingual(check.text(item, "en", "give the fact in English"), check.text(item, "ar", "give the fact in Arabic"))
        if "date" in item:
            if "from" in item or "until" in item:
                check.problem(line, "a fact with date: and from:/until:",
                              "an event has date: (the day it happened); a state of affairs has from: and perhaps until:")
            start, end = period(check, item, "date", required=True), None
        else:
            start, end = _span(item, check)
        sources = check.citations(item)
        if not sources:
            check.problem(line, "a dated fact cites no source", "add sources: with publisher, title, date, url")
        if start is not None and text.en and text.ar:
            facts.append(DatedFact(text, start, end, "date" in item, flag(check, item, "later"), sources, line))
    return tuple(facts)


def parse_office(entry: LineDict, check: FieldReader) -> tuple[Holder, ...]:
    """An office's holders, each an entry (entry:) or a name (name: {en, ar}), with their dates."""
    holders = []
    for line, item in items(check, entry, "office", "holder"):
        check.unknown_fields(item, _HOLDER_FIELDS, "a holder")
        holder = check.text(item, "entry", "", required=False)
        name = (check.bilingual(item, "name", "holder's name") or Bilingual("", "")) if "name" in item else Bilingual("", "")
        if bool(holder) == bool(name.en):
            check.problem(line, "a holder needs entry: or name:, not both or neither",
                          "give the glossary id of the holder's entry, or name: {en: …, ar: …}")
        start, end = _span(item, check)
        sources = check.citations(item)
        if not sources:
            check.problem(line, "a holder cites no source", "add sources: with publisher, title, date, url")
        if start is not None:
            holders.append(Holder(holder, name, start, end, flag(check, item, "later"), sources, line))
    ordered = sorted(holders, key=lambda h: h.start.first)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.end is None or earlier.end.first > later.start.last:
            check.problem(later.line, "two holders of the office at once",
                          "give the earlier holder an until: no later than this holder's from:")
    return tuple(holders)


def _phrase(text: str) -> tuple[str, ...]:
    """A form or a context phrase as the keys matching stores it under."""
    return Term("", "ar" if is_arabic(text) else "en", text).keys()


def parse_shared(entry: LineDict, check: FieldReader) -> frozenset[tuple[str, ...]]:
    """The forms the entry shares with other senses, as keys; each must be one of its forms."""
    forms = check.texts(entry, "shared", "list the forms that may mean something else, e.g. [عمان]")
    variants = [v for key in ("ar_variants", "en_variants") if isinstance(entry.get(key), LineList) for v in entry[key]]
    own = {_phrase(str(f)) for f in (entry.get("ar"), entry.get("en"), *variants) if f}
    found = set()
    for form in forms:
        key = _phrase(form) if any(c.isalnum() for c in form) else ()
        if key not in own:
            check.problem(entry.line_of("shared"), f"shared form {form!r} is not one of the entry's forms",
                          "add it to ar_variants or en_variants, or correct it")
            continue
        found.add(key)
    return frozenset(found)


def parse_context(entry: LineDict, check: FieldReader, shared: frozenset[tuple[str, ...]]) -> tuple[ContextRule, ...]:
    """The entry's context rules, each for one of its shared forms."""
    rules = []
    for line, item in items(check, entry, "context", "context rule"):
        check.unknown_fields(item, _RULE_FIELDS, "a context rule")
        form = check.text(item, "form", "name the shared form the rule reads")
        key = _phrase(form) if form else ()
        if form and key not in shared:
            check.problem(item.line_of("form"), f"context rule for {form!r}, which is not under shared",
                          "list the form under shared:, or correct it")
        phrases = {side: tuple(_phrase(p) for p in check.texts(item, side, "list words, e.g. [العاصمة, الأردنية]"))
                   for side in ("before", "after", "near")}
        if not any(phrases.values()):
            check.problem(line, "a context rule with no words to look for", "give before:, after: or near:")
        within = item.get("within", DEFAULT_WITHIN)
        if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= 12:
            check.problem(item.line_of("within"), f"within {within!r} is not a number of words from 1 to 12",
                          "give how many words either side the rule reads")
            within = DEFAULT_WITHIN
        means = check.text(item, "means", "", required=False) or str(entry.get("id", ""))
        rules.append(ContextRule(key, phrases["before"], phrases["after"], phrases["near"], within,
                                 None if means == NO_ENTRY else means, line))
    return tuple(rules)


class GlossaryError(ContentError):
    """The glossary's problems, with the entries that could be read (so notes can still be checked)."""

    def __init__(self, problems: Sequence[Problem], partial: Glossary) -> None:
        super().__init__(problems)
        self.partial = partial


def parse_entry(entry: LineDict, check: FieldReader) -> GlossaryEntry | None:
    """One entry's fields, checked; None when it is too broken to use."""
    check.unknown_fields(entry, _FIELDS)
    entry_id = check.identifier(entry, "id", "mohammed-shia-al-sudani")
    if ENTRY_ID.match(entry_id) and entry_id.startswith(RESERVED_ID_PREFIXES):
        check.problem(entry.line_of("id"), f"id {entry_id!r} starts with a prefix the glossary page uses",
                      f"choose an id that does not start with {' or '.join(RESERVED_ID_PREFIXES)}")
    category = check.text(entry, "category", f"give one of {', '.join(CATEGORIES)}")
    if category:
        check.known(category, CATEGORIES, entry.line_of("category"), f"unknown category {category!r}",
                    f"use one of {', '.join(CATEGORIES)}")
    ar = check.text(entry, "ar", "give the Arabic term, with diacritics where they help a learner")
    if ar and not is_arabic(ar):
        check.problem(entry.line_of("ar"), f"ar {ar!r} is not Arabic", "write the Arabic term in Arabic script")
    ar_variants = check.texts(entry, "ar_variants", "list the Arabic forms as they occur in text, e.g. [السوداني]")
    for variant in ar_variants:
        if not is_arabic(variant):
            check.problem(entry.line_of("ar_variants"), f"ar_variants has {variant!r}, which is not Arabic",
                          "put English forms under en_variants")
    translit = check.text(entry, "translit", "give the IJMES-style transliteration (see README: glossary)")
    if translit and (is_arabic(translit) or not _LATIN.search(translit)):
        check.problem(entry.line_of("translit"), f"translit {translit!r} is not in Latin letters",
                      "transliterate into Latin letters with ʿ ʾ and macrons (see README: glossary)")
    en = check.text(entry, "en", "give the English term")
    en_variants = check.texts(entry, "en_variants", "list the English forms as they occur in text, e.g. [Sudani]")
    for variant in (en, *en_variants):
        if is_arabic(variant):
            check.problem(entry.line_of("en_variants" if variant != en else "en"),
                          f"English form {variant!r} is in Arabic script", "put Arabic forms under ar or ar_variants")
    gloss = check.bilingual(entry, "gloss", "gloss") or Bilingual("", "")
    for language, text in (("en", gloss.en), ("ar", gloss.ar)):
        if len(text) > 240:
            check.problem(entry.line_of("gloss"), f"gloss.{language} is {len(text)} characters long",
                          "keep the gloss to one line (under 240 characters); put the rest in the definition")
    definition = check.bilingual(entry, "definition", "definition") or Bilingual("", "")
    sources = check.citations(entry)
    shared = parse_shared(entry, check)
    if not (entry_id and category in CATEGORIES and ar and en):
        return None
    return GlossaryEntry(entry_id, category, ar, ar_variants, translit, en, en_variants,  # type: ignore[arg-type]
                         gloss, definition, sources, entry.line, roles=parse_roles(entry, check),
                         facts=parse_facts(entry, check), holders=parse_office(entry, check),
                         exists_from=period(check, entry, "from", required=False), shared=shared,
                         context=parse_context(entry, check, shared))


def parse_glossary(data: Any, path: Path) -> Glossary:
    """Check a parsed glossary file and compile its matcher; raise with every problem found."""
    name = display_path(path)
    problems: list[Problem] = []
    check = FieldReader(name, problems)
    if data is None:
        data = LineList()
        data.line, data.item_lines = 1, []
    if not isinstance(data, LineList):
        raise GlossaryError([Problem(name, getattr(data, "line", None), "expected a list of entries",
                                     "start each entry with '- id:' (see README: glossary)")], Glossary(path, (), TermMatcher(())))
    entries: list[GlossaryEntry] = []
    first_line: dict[str, int] = {}
    for line, item in zip(data.item_lines, data, strict=True):
        if not isinstance(item, LineDict):
            check.problem(line, "an entry should be a mapping of fields", "start it with '- id:' and indent its fields")
            continue
        entry = parse_entry(item, check)
        if entry is None:
            continue
        if entry.id in first_line:
            check.problem(item.line_of("id"), f"duplicate id {entry.id!r} (first at line {first_line[entry.id]})",
                          "give each entry its own id, or merge the two entries")
            continue
        first_line[entry.id] = entry.line
        entries.append(entry)
    matcher = TermMatcher(term for entry in entries for term in entry.terms())
    by_id = {entry.id: entry for entry in entries}
    for clash in matcher.clashes:
        owner, other = by_id[clash.first.entry_id], by_id[clash.second.entry_id]
        key = clash.second.keys()
        if key in owner.shared and key in other.shared:
            continue  # a form both mark as shared: context, or the editor, decides which is meant
        check.problem(other.line, f"{other.id}: the form {clash.second.text!r} is also claimed by {owner.id} "
                                  f"(line {owner.line}) as {clash.first.text!r}",
                      "keep the form in one entry only (matching ignores diacritics, hamza and case), "
                      "or mark it shared: in both entries if it has both senses")
    _check_references(entries, by_id, check)

    glossary = Glossary(path, tuple(entries), matcher)
    if problems:
        raise GlossaryError(problems, glossary)
    return glossary


def _check_references(entries: Sequence[GlossaryEntry], by_id: Mapping[str, GlossaryEntry], check: FieldReader) -> None:
    """Every id a context rule or an office holder names is an entry."""
    for entry in entries:
        for rule in entry.context:
            if rule.means is not None:
                check.known(rule.means, by_id.keys(), rule.line, f"context rule means {rule.means!r}, which is no entry",
                            f"give an entry id, or {NO_ENTRY}")
        for holder in entry.holders:
            if holder.entry:
                check.known(holder.entry, by_id.keys(), holder.line, f"holder {holder.entry!r} is no entry",
                            "give an entry id, or name: {en: …, ar: …}")


def load_glossary(content: Path) -> Glossary:
    """Load content/glossary.yml (an empty glossary when there is no file)."""
    path = content / GLOSSARY_NAME
    if not path.exists():
        return Glossary(path, (), TermMatcher(()))
    try:
        data = load_yaml(path)
    except ContentError as error:
        raise GlossaryError(error.problems, Glossary(path, (), TermMatcher(()))) from None
    return parse_glossary(data, path)


def entries_by_category(entries: Sequence[GlossaryEntry]) -> list[tuple[str, list[GlossaryEntry]]]:
    """Entries grouped in the page's category order, keeping file order within a group."""
    return [(category, [e for e in entries if e.category == category]) for category in CATEGORIES
            if any(e.category == category for e in entries)]


# ---------------------------------------------------------------------------------------------
# What an entry says as of a day: the facts true then, and those labelled as later.

@dataclass(frozen=True)
class FactAsOf:
    """A dated fact as a reader of an article published on a day may be told it.

    when is the fact's date in words ("since 27 October 2022"), without its end if that end
    had not yet come; later marks a fact that began after the day.
    """

    text: Bilingual
    start: Period
    end: Period | None
    event: bool
    later: bool


def holder_facts(glossary: Glossary, entry: GlossaryEntry) -> list[DatedFact]:
    """The entry's own facts, and one for each office it held (from the office's holders)."""
    return [*entry.facts, *glossary.offices_held.get(entry.id, ())]


def office_title(office: GlossaryEntry) -> Bilingual:
    """An office's name, as a holder's fact states it: its English name, its Arabic without vowel marks."""
    return Bilingual(office.en, strip_marks(office.ar))


def facts_as_of(glossary: Glossary, entry: GlossaryEntry, day: date) -> list[FactAsOf]:
    """What the entry's dated facts tell a reader of an article published on day, oldest first.

    A fact that began by then is told, with its end only if that end had come; a fact that
    began later is told only if it is marked later, and then labelled so. An office tells who
    held it on the day, and no one if no one did.
    """
    told: list[FactAsOf] = []
    for fact in sorted(holder_facts(glossary, entry), key=lambda f: f.start.first):
        began = fact.start.first <= day
        if not began and not fact.later:
            continue
        ended = fact.end if fact.end is not None and fact.end.last < day and began else None
        told.append(FactAsOf(fact.text, fact.start, ended, fact.event, not began))
    for holder in entry.holders:
        if holder.start.first <= day and (holder.end is None or day < holder.end.last):
            name = glossary[holder.entry].name_pair if holder.entry else holder.name
            told.append(FactAsOf(Bilingual(f"Held by {name.en}", f"يشغله {name.ar}"), holder.start, None, False, False))
    return told
