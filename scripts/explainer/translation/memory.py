"""Translation memory: the site's translated sentences into suggestions for a new or updated catalog.

Sentences are compared in the pipeline's matching form (intake.normalise.matching_form:
diacritics, tatweel, hamza seats, alef forms, ta marbuta and alef maqsura folded, Eastern
Arabic digits as ASCII), with runs of spaces as one. An exact match is filled in as fuzzy,
with a translator comment naming where it came from; a near match (difflib's ratio of at
least NEAR on the folded texts) likewise, with the other sentence's Arabic as the previous
msgid (#| msgid), so a PO editor shows what differs. Only empty entries are filled: a
translation a person made is never touched.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..core.problems import ContentError, Problem
from ..intake.catalog import CATALOG_NAME, MEMORY_NOTE, read_catalog
from ..intake.content import article_folders
from ..intake.normalise import matching_form

# How alike two folded sentences must be to count as a near match: difflib.SequenceMatcher.ratio().
NEAR = 0.8


def folded(text: str) -> str:
    """A sentence as the memory compares it: its matching form, spaces collapsed.

    >>> folded("قالَ  المسؤولُ ٢٠٢٤") == folded("قال المسؤول 2024")
    True
    """
    return " ".join(matching_form(text).text.split())


@dataclass(frozen=True)
class Remembered:
    """A translated sentence the memory holds, and where it was translated."""

    arabic: str
    english: str
    slug: str
    segment_id: str

    @property
    def where(self) -> str:
        return f"{self.slug}#{self.segment_id}"


@dataclass(frozen=True)
class Suggestion:
    """What the memory offers for one sentence: an exact or near match."""

    kind: str  # "exact" or "near"
    source: Remembered
    ratio: float


class TranslationMemory:
    """Translated sentences, looked up by their folded Arabic: exactly, then by similarity."""

    def __init__(self, remembered: Iterable[Remembered]) -> None:
        self._exact: dict[str, Remembered] = {}
        for item in remembered:
            self._exact.setdefault(folded(item.arabic), item)

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, item: Remembered) -> None:
        """Remember one more translated sentence (the first of equal ones is kept)."""
        self._exact.setdefault(folded(item.arabic), item)

    def lookup(self, arabic: str) -> Suggestion | None:
        """The exact match, else the nearest with a ratio of at least NEAR, else None."""
        key = folded(arabic)
        if key in self._exact:
            return Suggestion("exact", self._exact[key], 1.0)
        best: Suggestion | None = None
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for other, item in self._exact.items():
            # Cheap upper bounds first: most sentences are nowhere near.
            if 2 * min(len(key), len(other)) / (len(key) + len(other) or 1) < NEAR:
                continue
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < NEAR or matcher.quick_ratio() < NEAR:
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR and (best is None or ratio > best.ratio):
                best = Suggestion("near", item, ratio)
        return best


def remembered_in(catalog: Catalog, slug: str) -> list[Remembered]:
    """A catalog's translated entries (neither empty nor fuzzy)."""
    return [Remembered(str(m.id), str(m.string), slug, m.context or "") for m in catalog
            if m.id and m.string and not m.fuzzy]


def site_memory(content: Path, *, exclude: str) -> TranslationMemory:
    """The translated sentences of every article's catalog under content/ but exclude's."""
    items: list[Remembered] = []
    problems: list[Problem] = []
    for folder in article_folders(content):
        path = folder / CATALOG_NAME
        if folder.name == exclude or not path.exists():
            continue
        try:
            items.extend(remembered_in(read_catalog(path), folder.name))
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return TranslationMemory(items)


@dataclass(frozen=True)
class MemorySummary:
    """How many entries the memory filled, by kind."""

    exact: int
    near: int

    def __str__(self) -> str:
        return f"translation memory: {self.exact} exact, {self.near} near match(es) filled in as fuzzy"


def fill_catalog(catalog: Catalog, memory: TranslationMemory, slug: str) -> MemorySummary:
    """Fill the catalog's empty entries from the memory and from the article's own translated
    sentences (a sentence that repeats), in order; return how many of each kind.

    Every filled entry is fuzzy with a translator comment naming its source; a near match
    keeps the other Arabic as the previous msgid. Entries with any English are left alone.
    """
    own = TranslationMemory(remembered_in(catalog, slug))
    exact = near = 0
    for message in catalog:
        if not message.id:
            continue
        if str(message.string or "").strip():
            suggestion = _babel_repeat(message, own)
            if suggestion is None:
                continue
            _note(message, suggestion)
        else:
            suggestion = own.lookup(str(message.id)) or memory.lookup(str(message.id))
            if suggestion is None:
                continue
            _fill(message, suggestion)
        # A sentence filled here is not a person's translation: later repeats match what it came from.
        if suggestion.kind == "exact":
            exact += 1
        else:
            near += 1
    return MemorySummary(exact, near)


def _babel_repeat(message: Message, own: TranslationMemory) -> Suggestion | None:
    """The sentence of this article that `pybabel update`'s own fuzzy matching filled a new entry
    from (its previous msgid is a sentence still in the article, translated): a repeat, exact
    or near, to be named like the memory's matches. A changed sentence (its previous msgid gone
    from the article) is not one."""
    if not message.fuzzy or not message.previous_id or any(c.startswith(MEMORY_NOTE) for c in message.user_comments):
        return None
    previous = str(message.previous_id[0])
    found = own.lookup(previous)
    if found is None or found.kind != "exact":
        return None
    if folded(previous) == folded(str(message.id)):
        message.previous_id = []
        return Suggestion("exact", found.source, 1.0)
    return Suggestion("near", found.source, difflib.SequenceMatcher(None, folded(previous), folded(str(message.id))).ratio())


def _fill(message: Message, suggestion: Suggestion) -> None:
    message.string = suggestion.source.english
    message.flags.add("fuzzy")
    _note(message, suggestion)


def _note(message: Message, suggestion: Suggestion) -> None:
    source = suggestion.source
    detail = "exact" if suggestion.kind == "exact" else f"near, {suggestion.ratio:.0%} alike"
    message.user_comments = [*_without_memory_notes(message.user_comments), f"{MEMORY_NOTE} {source.where} ({detail})"]
    if suggestion.kind == "near":
        message.previous_id = [source.arabic]


def _without_memory_notes(comments: Sequence[str]) -> list[str]:
    return [c for c in comments if not c.strip().startswith(MEMORY_NOTE)]
