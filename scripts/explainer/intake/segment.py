"""Segment stage: normalised article text into headings, sentences and dropped furniture."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml

# Characters that end a sentence: Latin and Arabic question marks, full stops, ellipsis.
_TERMINALS = frozenset(".!?\u061f\u06d4\u2026")
# What may follow a terminal and still belong to its sentence: more terminals, closing quotes.
_TRAILERS = frozenset(".!?\u061f\u06d4\u2026\"'\u201d\u2019\u00bb\u203a)]")
# Every character split_sentences looks at: terminals and quotation marks of any kind.
_SENTENCE_MARKS = re.compile("[" + re.escape(".!?\u061f\u06d4\u2026\"\u00ab\u00bb\u201c\u201d\u2039\u203a") + "]")
# Any quotation mark at all.
_ANY_QUOTE = re.compile('["\u00ab\u00bb\u201c\u201d\u2039\u203a]')
# Quotation marks that open and close a quotation, which we never split inside.
_QUOTE_PAIRS = {"\u00ab": "\u00bb", "\u201c": "\u201d", "\u2039": "\u203a"}
# A heading ends without any of these.
_HEADING_FORBIDDEN_ENDINGS = frozenset(".!?\u061f\u06d4\u2026\u060c\u061b,;:")
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 90
# A byline is only looked for this close to the start and the end of the text.
_BYLINE_FIRST_LINES = 2
_BYLINE_LAST_LINES = 3
# Kinds of page furniture a line can be, as named in content/furniture.yml.
FURNITURE_KINDS = ("byline", "credit", "published_on", "comment_prompt", "share", "read_also", "link", "separator",
                   "app_promotion", "teaser")
# Kinds that only count near the start or end of the text (see _BYLINE_*_LINES).
_EDGE_KINDS = frozenset({"byline", "credit", "published_on"})
# furniture.yml's other keys: names of news agencies, substituted for {agency} in patterns;
# patterns for credits inside article text (kept and reported); and how many title-like
# lines at the end of a text make a run of teasers for other stories.
_SETTINGS = ("agencies", "inline_credit", "teaser_min_run")
_AGENCY_PLACEHOLDER = "{agency}"

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
class Credit:
    """A news agency's credit: on a line of its own (dropped as furniture) or inside the text (kept)."""

    line: int
    text: str
    in_text: bool


@dataclass(frozen=True)
class Segmentation:
    """An article's text as blocks of segments, the lines that were dropped, and agency credits."""

    blocks: tuple[Block, ...]
    dropped: tuple[DroppedLine, ...]
    credits: tuple[Credit, ...] = ()

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(s for b in self.blocks for s in b.segments)

    @property
    def byline(self) -> str | None:
        return next((d.text for d in self.dropped if d.kind == "byline"), None)


@dataclass(frozen=True)
class FurniturePatterns:
    """The patterns for each kind of page furniture, in the order they are tried."""

    # Each kind's patterns as regular expressions, {agency} expanded.
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Credits inside kept text: searched for, reported, never dropped.
    inline_credits: tuple[re.Pattern[str], ...] = ()
    # How many title-like lines at the end of a text are a list of other stories.
    teaser_min_run: int = 2
    # Each pattern's text as furniture.yml writes it (before {agency} is expanded).
    written: Mapping[str, str] = field(default_factory=dict)

    # Filled by __post_init__ (the dataclass is frozen): every pattern in one alternation, and
    # each alternative's (kind, pattern as written).
    _joined: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)
    _order: list[tuple[str, str]] = field(init=False, repr=False, compare=False, default_factory=list)

    def __post_init__(self) -> None:
        # Every pattern joined into one alternation, tried in the same order: one regex call
        # per line instead of one per pattern.
        order = [(kind, source) for kind, sources in self.sources.items() for source in sources]
        object.__setattr__(self, "_joined", _join(source for _, source in order))
        object.__setattr__(self, "_order", [(kind, self.written.get(source, source)) for kind, source in order])

    def match(self, line: str, *, byline_allowed: bool) -> tuple[str, str] | None:
        """The (kind, pattern) that a line matches, or None for article text."""
        joined: re.Pattern[str] | None = self._joined
        if joined is not None:
            found = joined.fullmatch(line)
            if found is None:
                return None
            # Exactly one top-level group took part (lastgroup would name a pattern's own inner group).
            name = next(name for name, value in found.groupdict().items() if value is not None)
            kind, pattern = self._order[int(name[1:])]
            if byline_allowed or kind not in _EDGE_KINDS:
                return kind, pattern
            # A byline or credit pattern matched away from the edges: try the other kinds alone.
        for kind, sources in self.sources.items():
            if kind in _EDGE_KINDS and not byline_allowed:
                continue
            for source in sources:
                if re.fullmatch(source, line):  # re caches the compiled pattern
                    return kind, self.written.get(source, source)
        return None

    def credits_in(self, line: str) -> list[str]:
        """The agency credits that a line of article text carries, such as بغداد (رويترز) -."""
        found: list[str] = []
        for pattern in self.inline_credits:
            named = "agency" in pattern.groupindex
            found.extend(m.group("agency") if named else m.group() for m in pattern.finditer(line))
        return found


def _join(sources: Iterable[str]) -> re.Pattern[str] | None:
    """The patterns as one alternation of named groups p0, p1, …; None if they cannot be joined."""
    try:
        return re.compile("|".join(f"(?P<p{i}>{source})" for i, source in enumerate(sources)))
    except re.error:  # global flags or named groups inside a pattern: they are tried one by one
        return None


def _pattern_list(data: LineDict, key: str, name: str, problems: list[Problem], agency: str) -> list[tuple[int, str, str]]:
    """A kind's patterns as (line, pattern with {agency} expanded, pattern as written)."""
    entries = data[key]
    if not isinstance(entries, LineList) or not all(isinstance(e, str) for e in entries):
        problems.append(Problem(name, data.line_of(key), f"{key} is not a list of patterns",
                                "give a list of quoted patterns, one per line starting with '- '"))
        return []
    return [(line, entry.replace(_AGENCY_PLACEHOLDER, agency), entry) for line, entry in zip(entries.item_lines, entries, strict=True)]


def _compile_each(entries: Sequence[tuple[int, str, str]], name: str, problems: list[Problem]) -> list[re.Pattern[str]]:
    """Each pattern compiled; a bad one is reported at its line."""
    compiled = []
    for line, source, _ in entries:
        try:
            compiled.append(re.compile(source))
        except re.error as error:
            problems.append(Problem(name, line, f"bad pattern ({error})",
                                    "fix the regular expression; quote it with single quotes"))
    return compiled


def load_furniture_patterns(path: Path) -> FurniturePatterns:
    """Load and check content/furniture.yml, reporting every bad entry at its line."""
    data = load_yaml(path)
    name = display_path(path)
    problems: list[Problem] = []
    if not isinstance(data, LineDict):
        raise ContentError([Problem(name, None, "expected a mapping of kind: [patterns]",
                                    "see the comment at the top of the file")])
    agency = "(?!)"  # matches nothing when no agencies are listed
    if "agencies" in data:
        names = _compile_each(_pattern_list(data, "agencies", name, problems, ""), name, problems)
        if names:
            agency = "(?:" + "|".join(f"(?:{n.pattern})" for n in names) + ")"
    kinds: dict[str, list[tuple[int, str, str]]] = {}
    inline: list[re.Pattern[str]] = []
    min_run = 2
    for kind in data:
        if kind == "agencies":
            continue
        if kind == "teaser_min_run":
            min_run = data[kind]
            if not isinstance(min_run, int) or isinstance(min_run, bool) or min_run < 1:
                problems.append(Problem(name, data.line_of(kind), f"teaser_min_run {min_run!r} is not a whole number of at least 1",
                                        "write how many title-like lines at the end make a list of other stories, e.g. 2"))
                min_run = 2
        elif kind == "inline_credit":
            inline = _compile_each(_pattern_list(data, kind, name, problems, agency), name, problems)
        elif kind not in FURNITURE_KINDS:
            problems.append(Problem(name, data.line_of(kind), f"unknown kind {kind!r}",
                                    f"use one of {', '.join(FURNITURE_KINDS + _SETTINGS)}"))
        else:
            kinds[kind] = _pattern_list(data, kind, name, problems, agency)
    every = [entry for entries in kinds.values() for entry in entries]
    # Each on its own: a pattern with an unbalanced parenthesis could still compile once joined.
    _compile_each(every, name, problems)
    if problems:
        raise ContentError(problems)
    return FurniturePatterns({kind: tuple(source for _, source, _ in entries) for kind, entries in kinds.items()},
                             tuple(inline), min_run, {source: written for _, source, written in every})


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


def _quote_pairs(text: str) -> dict[str, str]:
    """The quote pairs as this paragraph uses them: some Arabic keyboards type ” to open and “ to close."""
    pairs = dict(_QUOTE_PAIRS)
    for opening, closing in _QUOTE_PAIRS.items():
        first_close, first_open = text.find(closing), text.find(opening)
        if first_close >= 0 and (first_open < 0 or first_close < first_open):
            del pairs[opening]
            pairs[closing] = opening
    return pairs


def _is_initial(text: str, start: int, index: int) -> bool:
    """Whether the full stop at index follows a one-letter word (an initial such as د.)."""
    return index - start >= 1 and text[index - 1].isalnum() and (index - 1 == start or text[index - 2].isspace())


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
    if _ANY_QUOTE.search(text):
        track_quotes = _quotes_balanced(text)
        pairs = _quote_pairs(text)
        closers = frozenset(pairs.values())
    else:  # most sentences quote no one
        track_quotes, pairs, closers = False, {}, frozenset()
    sentences: list[str] = []
    start = 0
    depth = 0
    resume = 0
    # Only quotes and terminals matter: jump from one to the next instead of reading every character.
    for match in _SENTENCE_MARKS.finditer(text):
        i = match.start()
        if i < resume:
            continue
        char = text[i]
        if track_quotes:
            if char == '"':
                depth += -1 if depth and _ascii_quote_closes(text, i) else 1
            elif char in pairs:
                depth += 1
            elif char in closers:
                depth = max(0, depth - 1)
        if char in _TERMINALS and not (char == "." and _is_initial(text, start, i)):
            end = i + 1
            while end < len(text) and (text[end] in _TRAILERS or text[end] in closers):
                if track_quotes and (text[end] == '"' or text[end] in closers):
                    depth = max(0, depth - 1)
                end += 1
            if depth == 0 and (end == len(text) or text[end].isspace()):
                sentences.append(text[start:end].strip())
                start = end
            resume = end
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


def _teaser_lines(numbered: Sequence[tuple[int, str]], kinds: Sequence[str | None], min_run: int) -> set[int]:
    """Indexes of lines that list other stories: after a teaser header, or a run of titles at the end.

    A header ("الأكثر قراءة") takes the title-like lines that follow it. Without one, a run of at
    least min_run title-like lines with no article text after them is taken too: an article never
    ends on subheadings.
    """
    teasers: set[int] = set()
    for index, kind in enumerate(kinds):
        if kind == "teaser":
            following = index + 1
            while following < len(numbered) and (kinds[following] is not None or is_heading(numbered[following][1])):
                if kinds[following] is None:
                    teasers.add(following)
                following += 1
    run: list[int] = []
    for index in range(len(numbered) - 1, -1, -1):
        if kinds[index] is not None:
            continue
        if index in teasers or not is_heading(numbered[index][1]):
            break
        run.append(index)
    article_before = any(kinds[i] is None and i not in teasers and not is_heading(numbered[i][1])
                         for i in range(min(run, default=0)))
    if len(run) >= min_run and article_before:
        teasers.update(run)
    return teasers


def _edge_indexes(indexes: Sequence[int]) -> list[int]:
    """The first and last few of the given line indexes, where bylines and credits stand."""
    return sorted(set(indexes[:_BYLINE_FIRST_LINES]) | set(indexes[-_BYLINE_LAST_LINES:]))


def segment_article(lines: Iterable[str], patterns: FurniturePatterns) -> Segmentation:
    """Segment normalised lines (one paragraph per line) into blocks and dropped furniture.

    Bylines and credits are looked for at the edges of what is left once the other furniture
    is set aside, then again once the teasers at the end are: so a credit line above a list
    of other stories is still the article's last line.
    """
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    matches = [patterns.match(line, byline_allowed=False) for _, line in numbered]

    def match_edges(excluded: set[int]) -> None:
        for index in _edge_indexes([i for i, m in enumerate(matches) if m is None and i not in excluded]):
            matches[index] = patterns.match(numbered[index][1], byline_allowed=True)

    match_edges(set())
    teasers = _teaser_lines(numbered, [m[0] if m else None for m in matches], patterns.teaser_min_run)
    match_edges(teasers)
    blocks: list[Block] = []
    dropped: list[DroppedLine] = []
    credits: list[Credit] = []
    seen: Counter[str] = Counter()
    for index, (number, line) in enumerate(numbered):
        furniture = matches[index] or (("teaser", "title-like line at the end of the text") if index in teasers else None)
        if furniture:
            dropped.append(DroppedLine(number, furniture[0], line, furniture[1]))
            if furniture[0] == "credit":
                credits.append(Credit(number, line, in_text=False))
            continue
        credits.extend(Credit(number, credit, in_text=True) for credit in patterns.credits_in(line))
        if is_heading(line):
            blocks.append(Block("heading", number, (Segment(segment_id("heading", line, seen), "heading", line, number),)))
        else:
            segments = tuple(
                Segment(segment_id("sentence", sentence, seen), "sentence", sentence, number)
                for sentence in split_sentences(line)
            )
            blocks.append(Block("paragraph", number, segments))
    return Segmentation(tuple(blocks), tuple(dropped), tuple(credits))
