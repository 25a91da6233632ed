"""Status: every article into one row of what is left to do (translation, checks, dates, names, matches to decide),
as a table for editors or JSON for tools (`explainer status [--json]`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import ContentError, Problem, display_path
from ..intake.catalog import Translation, status_counts
from ..intake.content import Article
from ..knowledge.dates import month_names, weekday_names
from ..knowledge.glossary import Glossary, load_glossary
from ..knowledge.senses import review_article_terms
from ..knowledge.termmatch import TermMatcher
from ..knowledge.timeline import load_timeline
from .qa import Occurrence, found_names, site_problems

TranslationLoader = Callable[[Article], Mapping[str, Translation]]

# A run of capitalised words, as names are written: "Matthew Miller", "al-Sudani", "Anbar".
_NAME = re.compile(r"(?:(?:al|el|bin|ibn|abu|abd)-)?[A-Z][\w’'\-]*(?:\s+(?:(?:of|the|al|bin|ibn|abu|de|del)\s+)?"
                   r"(?:(?:al|el|bin|ibn|abu|abd)-)?[A-Z][\w’'\-]*)*")
# Where a sentence starts inside a segment: after . ! ? and spaces, an opening quote or bracket allowed.
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)[\"“(\[]?")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True)
class ArticleStatus:
    """One article's row: its segments by status, its check findings, its dates, names and glossary matches left."""

    slug: str
    translated: int
    fuzzy: int
    untranslated: int
    errors: int
    warnings: int
    # Dates tied to no timeline event; None when the timeline itself has errors.
    undated: int | None
    # Capitalised names in the English, not at a sentence's start, that no glossary entry matches.
    uncovered: tuple[str, ...]
    # Glossary matches proposed to the editor and not yet decided in terms.yml.
    proposed: int


@dataclass(frozen=True)
class Column:
    """A column of the status table: its JSON key, its heading and its value for a row."""

    key: str
    heading: str
    value: Callable[[ArticleStatus], object]


# The table's columns, left to right; --json gives each row with the same keys. A new column
# is one more Column appended here.
COLUMNS: list[Column] = [
    Column("article", "article", lambda s: s.slug),
    Column("translated", "translated", lambda s: s.translated),
    Column("fuzzy", "fuzzy", lambda s: s.fuzzy),
    Column("untranslated", "untranslated", lambda s: s.untranslated),
    Column("check_errors", "check errors", lambda s: s.errors),
    Column("check_warnings", "check warnings", lambda s: s.warnings),
    Column("dates_on_no_event", "dates on no event", lambda s: s.undated),
    Column("names_not_in_glossary", "names not in the glossary", lambda s: len(s.uncovered)),
    Column("proposed", "proposed matches", lambda s: s.proposed),
]


def uncovered_names(english: str, matcher: TermMatcher) -> list[str]:
    """Capitalised names in an English text, not at a sentence's start, that no glossary term covers.

    >>> uncovered_names("Iraq said Matthew Miller met the Iraqi Prime Minister in Baghdad. Officials agreed.",
    ...                 TermMatcher(()))
    ['Matthew Miller', 'Iraqi Prime Minister', 'Baghdad']
    """
    starts = {m.end() for m in _SENTENCE_START.finditer(english)}
    covered = [(m.start, m.end) for m in matcher.find(english, "en")]
    calendar = {*month_names("en"), *weekday_names("en")}
    names = []
    for match in _NAME.finditer(english):
        start, text = match.start(), match.group()
        if start in starts:  # the sentence's first word is capitalised anyway: keep what follows
            rest = text.split(None, 1)
            if len(rest) < 2:
                continue
            start, text = match.start() + len(text) - len(rest[1]), rest[1]
        text = _POSSESSIVE.sub("", text)
        end = start + len(text)
        if text.lower() in calendar or text == "I":
            continue
        if any(a < end and start < b for a, b in covered):
            continue
        names.append(text)
    return names


def _article_of(problem: Problem, articles: Sequence[Article]) -> str | None:
    for article in articles:
        if problem.file.startswith(display_path(article.folder)):
            return article.slug
    return None


def site_status(content: Path, articles: Sequence[Article], translations_of: TranslationLoader,
                glossary: Glossary | None = None, occurrences: Iterable[Occurrence] | None = None) -> list[ArticleStatus]:
    """Every article's row, in the articles' order; occurrences are where the site's glossary
    found its entries, after the editors' decisions on shared forms (else the matcher's own)."""
    glossary = glossary or load_glossary(content)
    entries = [(article, translations_of(article)) for article in articles]
    named = None if occurrences is None else found_names(entries, occurrences)
    undated: Counter[str] | None
    try:
        timeline = load_timeline(content, articles, translations_of)
        undated = Counter(_article_of(p, articles) or "" for p in timeline.pending)
        findings = site_problems(entries, glossary, timeline.mentions, named)
    except ContentError:
        undated = None
        findings = site_problems(entries, glossary, None, named)
    rows = []
    for article, translations in entries:
        counts = status_counts(translations)
        found = findings[article.slug]
        names: dict[str, None] = {}
        for translation in translations.values():
            if translation.status == "translated":
                names.update(dict.fromkeys(uncovered_names(translation.text, glossary.matcher)))
        rows.append(ArticleStatus(article.slug, counts["translated"], counts["fuzzy"], counts["untranslated"],
                                  sum(not p.warning for p in found), sum(p.warning for p in found),
                                  None if undated is None else undated[article.slug], tuple(names),
                                  len(review_article_terms(glossary, article, translations).proposed)))
    return rows


def status_table(rows: Sequence[ArticleStatus]) -> str:
    """The rows as a plain-text table, then each article's names that no glossary entry covers."""
    cells = [[c.heading for c in COLUMNS], *([_cell(c.value(row)) for c in COLUMNS] for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(line, widths, strict=True))).rstrip()
             for line in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    for row in rows:
        if row.uncovered:
            lines.append(f"\n{row.slug}: names not in the glossary: {', '.join(row.uncovered)}")
    return "\n".join(lines)


def _cell(value: object) -> str:
    return "?" if value is None else str(value)  # None: not known (the timeline has errors)


def status_json(rows: Sequence[ArticleStatus]) -> str:
    """The rows as JSON: one object per article with the table's columns, and the names listed."""
    data = [{**{c.key: c.value(row) for c in COLUMNS}, "names": list(row.uncovered)} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2)
