"""Segment stage: normalised article text into headings, sentences and dropped furniture."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .problems import ContentError, Problem, display_path
from .yamlfile import LineDict, LineList, load_yaml

# Characters that end a sentence: Latin and Arabic question marks, full stops, ellipsis.
_TERMINALS = frozenset(".!?\u061f\u06d4\u2026")
# What may follow a terminal and still belong to its sentence: more terminals, closing quotes.
_TRAILERS = frozenset(".!?\u061f\u06d4\u2026\"'\u201d\u2019\u00bb)]")
# Quotation marks that open and close a quotation, which we never split inside.
_QUOTE_PAIRS = {"\u00ab": "\u00bb", "\u201c": "\u201d"}
# A heading ends without any of these.
_HEADING_FORBIDDEN_ENDINGS = frozenset(".!?\u061f\u06d4\u2026\u060c\u061b,;:")
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 90
# A byline is only looked for this close to the start and the end of the text.
_BYLINE_FIRST_LINES = 2
_BYLINE_LAST_LINES = 3
# A single letter then a full stop is an initial (د. for Dr), not a sentence end.
_INITIAL = re.compile(r"(?:^|\s)\w$")

FURNITURE_KINDS = ("byline", "comment_prompt", "share", "read_also", "separator", "app_promotion")

SegmentKind = Literal["heading", "sentence"]


@dataclass(frozen=True)
class Segment:
    """One translatable unit: a heading or a sentence, with its stable id and source line."""

    id: str
    kind: SegmentKind
    text: str
    line: int


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph: one source line holding one or more segments."""

    kind: Literal["heading", "paragraph"]
    line: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class DroppedLine:
    """A line kept out of the article text because it is page furniture."""

    line: int
    kind: str
    text: str
    pattern: str


@dataclass(frozen=True)
class Segmentation:
    """An article's text as blocks of segments, and the lines that were dropped."""

    blocks: tuple[Block, ...]
    dropped: tuple[DroppedLine, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for b in self.blocks for s in b.segments)

    @property
    def byline(self) -> str | None:
        return next((d.text for d in self.dropped if d.kind == "byline"), None)


@dataclass(frozen=True)
class FurniturePatterns:
    """Compiled patterns for each kind of page furniture, in the order they are tried."""

    patterns: Mapping[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def match(self, line: str, *, byline_allowed: bool) -> tuple[str, str] | None:
        """The (kind, pattern) that a line matches, or None for article text."""
        for kind, compiled in self.patterns.items():
            if kind == "byline" and not byline_allowed:
                continue
            for pattern in compiled:
                if pattern.fullmatch(line):
                    return kind, pattern.pattern
        return None


def load_furniture_patterns(path: Path) -> FurniturePatterns:
    """Load and compile content/furniture.yml, reporting every bad entry at its line."""
    data = load_yaml(path)
    name = display_path(path)
    problems: list[Problem] = []
    if not isinstance(data, LineDict):
        raise ContentError([Problem(name, None, "expected a mapping of kind: [patterns]",
                                    "see the comment at the top of the file")])
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    for kind, entries in data.items():
        if kind not in FURNITURE_KINDS:
            problems.append(Problem(name, data.line_of(kind), f"unknown kind {kind!r}",
                                    f"use one of {', '.join(FURNITURE_KINDS)}"))
            continue
        if not isinstance(entries, LineList):
            problems.append(Problem(name, data.line_of(kind), f"{kind} is not a list",
                                    "give a list of quoted patterns, one per line starting with '- '"))
            continue
        patterns = []
        for line, entry in zip(entries.item_lines, entries):
            try:
                patterns.append(re.compile(str(entry)))
            except re.error as error:
                problems.append(Problem(name, line, f"bad pattern ({error})",
                                        "fix the regular expression; quote it with single quotes"))
        compiled[kind] = tuple(patterns)
    if problems:
        raise ContentError(problems)
    return FurniturePatterns(compiled)


def segment_id(kind: SegmentKind, text: str, seen: Counter[str]) -> str:
    """A stable id from a segment's text: unchanged text keeps its id wherever it moves.

    >>> seen = Counter()
    >>> a = segment_id("sentence", "نص", seen); b = segment_id("sentence", "نص", seen)
    >>> a.startswith("s-"), b == a + "-2"
    (True, True)
    """
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    base = f"{'h' if kind == 'heading' else 's'}-{digest}"
    seen[base] += 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def _quotes_balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    return all(text.count(o) == text.count(c) for o, c in _QUOTE_PAIRS.items())


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? ؟ … and never at the Arabic comma.

    Quotations are not split, nor initials such as د. before a name.

    >>> split_sentences("قال الوزير. وأضاف: هل هذا صحيح؟ نعم، صحيح")
    ['قال الوزير.', 'وأضاف: هل هذا صحيح؟', 'نعم، صحيح']
    >>> split_sentences('قال: "أولا. ثانيا." ثم غادر.')
    ['قال: "أولا. ثانيا."', 'ثم غادر.']
    >>> split_sentences("بلغت النسبة 2.5 في المئة.")
    ['بلغت النسبة 2.5 في المئة.']
    """
    track_quotes = _quotes_balanced(text)
    sentences: list[str] = []
    start = 0
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if track_quotes:
            if char == '"':
                depth += -1 if depth and _ascii_quote_closes(text, i) else 1
            elif char in _QUOTE_PAIRS:
                depth += 1
            elif char in _QUOTE_PAIRS.values():
                depth = max(0, depth - 1)
        if char in _TERMINALS and not (char == "." and _INITIAL.search(text[start:i])):
            end = i + 1
            while end < len(text) and text[end] in _TRAILERS:
                if track_quotes and text[end] in ('"', *_QUOTE_PAIRS.values()):
                    depth = max(0, depth - 1)
                end += 1
            if depth == 0 and (end == len(text) or text[end].isspace()):
                sentences.append(text[start:end].strip())
                start = end
            i = end
            continue
        i += 1
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _ascii_quote_closes(text: str, index: int) -> bool:
    """An ASCII quote closes when it is not followed by a letter (it is followed by space or punctuation)."""
    return index + 1 >= len(text) or not text[index + 1].isalnum()


def is_heading(line: str) -> bool:
    """A subheading: a short line with no final punctuation.

    >>> is_heading("تفاصيل انسحاب القوات"), is_heading("قال الوزير إن الاتفاق قريب.")
    (True, False)
    """
    return (
        line[-1] not in _HEADING_FORBIDDEN_ENDINGS
        and line[-1] not in _TRAILERS
        and len(line.split()) <= _HEADING_MAX_WORDS
        and len(line) <= _HEADING_MAX_CHARS
    )


def segment_article(lines: Iterable[str], patterns: FurniturePatterns) -> Segmentation:
    """Segment normalised lines (one paragraph per line) into blocks and dropped furniture."""
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    last_index = len(numbered) - 1
    blocks: list[Block] = []
    dropped: list[DroppedLine] = []
    seen: Counter[str] = Counter()
    for index, (number, line) in enumerate(numbered):
        byline_allowed = index < _BYLINE_FIRST_LINES or index > last_index - _BYLINE_LAST_LINES
        furniture = patterns.match(line, byline_allowed=byline_allowed)
        if furniture:
            dropped.append(DroppedLine(number, furniture[0], line, furniture[1]))
        elif is_heading(line):
            blocks.append(Block("heading", number, (Segment(segment_id("heading", line, seen), "heading", line, number),)))
        else:
            segments = tuple(
                Segment(segment_id("sentence", sentence, seen), "sentence", sentence, number)
                for sentence in split_sentences(line)
            )
            blocks.append(Block("paragraph", number, segments))
    return Segmentation(tuple(blocks), tuple(dropped))
