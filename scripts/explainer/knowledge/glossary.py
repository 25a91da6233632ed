"""Glossary loading: content/glossary.yml into checked, frozen GlossaryEntry records.

Every problem in the file is collected and reported together as `file:line: what: what to do`:
a malformed file, a missing or mistyped field, a duplicate id, and a written form (variant)
that two entries both claim once normalised for matching (so "السوداني" and "السودانى" clash).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..core.fields import FieldReader
from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml
from ..intake.content import Bilingual, SourceCitation
from .termmatch import Term, TermMatcher, is_arabic

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
_FIELDS = ("id", "category", "ar", "ar_variants", "translit", "en", "en_variants", "gloss", "role", "definition", "sources")
# Categories whose entries may carry a role: the actors listed on /whos-who/.
ACTOR_CATEGORIES = ("person", "state", "organisation", "armed-group")
_LATIN = re.compile(r"[A-Za-z]")


# A source, as meta.yml cites them; a glossary entry or note names no single fact, so fact is "".
Citation = SourceCitation


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
    # The actor's part in the story, from the articles alone (people, states, groups only).
    role: Bilingual | None = None

    def terms(self) -> Iterator[Term]:
        """Every written form of the entry, in both languages."""
        for text in (self.ar, *self.ar_variants):
            yield Term(self.id, "ar", text)
        for text in (self.en, *self.en_variants):
            yield Term(self.id, "en", text)

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
    if category and category not in CATEGORIES:
        close = difflib.get_close_matches(category, CATEGORIES, n=1)
        check.problem(entry.line_of("category"), f"unknown category {category!r}",
                      f"did you mean {close[0]}?" if close else f"use one of {', '.join(CATEGORIES)}")
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
    role = None
    if "role" in entry:
        role = check.bilingual(entry, "role", "role") or Bilingual("", "")
        if category not in ACTOR_CATEGORIES:
            check.problem(entry.line_of("role"), f"a role on a {category} entry",
                          f"give roles only to {', '.join(ACTOR_CATEGORIES)}; put the rest in the definition")
    sources = check.citations(entry)
    if not (entry_id and category in CATEGORIES and ar and en):
        return None
    return GlossaryEntry(entry_id, category, ar, ar_variants, translit, en, en_variants,  # type: ignore[arg-type]
                         gloss, definition, sources, entry.line, role)


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
        check.problem(other.line, f"{other.id}: the form {clash.second.text!r} is also claimed by {owner.id} "
                                  f"(line {owner.line}) as {clash.first.text!r}",
                      "keep the form in one entry only; matching ignores diacritics, hamza and case")
    glossary = Glossary(path, tuple(entries), matcher)
    if problems:
        raise GlossaryError(problems, glossary)
    return glossary


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
