"""Normalise stage: decoded Arabic text into display-ready text, with every change recorded."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..core.editortext import is_arabic_letter

TATWEEL = "\u0640"

# Invisible characters that carry no text: bidi embeddings, overrides, isolates and marks,
# zero-width spaces and joiners, stray byte-order marks, soft hyphens.
INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)

# Letters of Persian, Urdu and other Arabic-script languages that look like Arabic letters
# and arrive in text pasted from PDFs and Persian keyboards; mapped only inside Arabic words.
LOOKALIKES = {
    "\u06be": "\u0647",  # ھ heh doachashmee -> ه
    "\u06c1": "\u0647",  # ہ heh goal -> ه
    "\u06d5": "\u0647",  # ە ae -> ه
    "\u06cc": "\u064a",  # ی farsi yeh -> ي (but ى at a word's end: see FARSI_YEH)
    "\u06d2": "\u064a",  # ے yeh barree -> ي
    "\u06a9": "\u0643",  # ک keheh -> ك
    "\u06aa": "\u0643",  # ڪ swash kaf -> ك
    "\u06c3": "\u0629",  # ۃ teh marbuta goal -> ة
}
# Farsi yeh has no dots at the end of a word, where it looks like alef maksura; it becomes ى
# there and ي elsewhere, so the word looks exactly as it did (على stays على, not the name علي).
FARSI_YEH = "\u06cc"
ALEF_MAKSURA = "\u0649"

# Extended (Persian/Urdu) digits, mapped to the Arabic-Indic digits with the same value.
PERSIAN_DIGITS = {chr(0x06F0 + i): chr(0x0660 + i) for i in range(10)}

# Runs of two or more spaces inside a line.
_SPACE_RUN = re.compile(" {2,}")
# Words run together at a punctuation mark, as in "انتهى.وقال" or "بغداد،وقال": a word of at
# least two Arabic letters (or a number), the mark, then an Arabic letter. One-letter words
# before a full stop are initials or abbreviations (م.ال, د.ب.أ, ق.م) and are left alone.
# What comes before the mark is checked after it, so that the pattern begins with the mark and
# the regex engine skips to the next mark instead of trying every position (eight times as fast).
_RUN_TOGETHER = re.compile(r"([.\u060c\u061b\u061f!:])"
                           r"(?:(?<=[\u0621-\u064a][\u0621-\u064a\u064b-\u0652].)|(?<=[0-9\u0660-\u0669].))"
                           r"(?=[\u0621-\u064a])")
# In text stored in visual order (pasted from some PDFs) every line runs backwards: the
# definite article sits at the end of words (قارعلا) and ة or ى, which only end words, start them.
# A word starts where no non-space precedes it: one lookbehind, where "at the start or after a
# space" tried two alternatives at every position (a third faster).
_REVERSED_WORD = re.compile(r"(?<!\S)(?:[\u0629\u0649][\u0621-\u064a]{2,}|[\u0621-\u064a]{2,}\u0644\u0627)(?=\s|$)")
_LOGICAL_WORD = re.compile(r"(?<!\S)(?:[\u0621-\u064a]{2,}[\u0629\u0649]|\u0627\u0644[\u0621-\u064a]{2,})(?=\s|$)")
# Evidence needed before a whole text is taken to be in visual order.
_MIN_REVERSED_WORDS = 5
# Runs that a visual-order line keeps left to right: numbers and Latin words.
_LTR_RUN = re.compile(r"[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9](?:[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9.,:/%\u066b\u066c-]*"
                      r"[0-9A-Za-z\u0660-\u0669\u06f0-\u06f9])?")
# Brackets and guillemets swap sides when a visual-order line is put back in reading order.
_MIRRORED = str.maketrans("()[]{}<>\u00ab\u00bb", ")(][}{><\u00bb\u00ab")


@dataclass(frozen=True)
class Change:
    """One change the normaliser made: what, and where in the source (1-based)."""

    line: int
    column: int
    kind: str
    before: str
    after: str

    def describe(self) -> str:
        """A one-line account of the change.

        >>> Change(2, 5, "tatweel removed", "\u0640", "").describe()
        "line 2, column 5: tatweel removed: 'U+0640' -> ''"
        """
        def codes(s: str) -> str:
            return " ".join(f"U+{ord(c):04X}" for c in s)
        return f"line {self.line}, column {self.column}: {self.kind}: {codes(self.before)!r} -> {codes(self.after)!r}"


@dataclass(frozen=True)
class NormalisedText:
    """Text after normalisation and the list of changes that produced it from the source."""

    text: str
    changes: tuple[Change, ...]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def change_counts(self) -> dict[str, int]:
        """How many changes of each kind."""
        return dict(Counter(c.kind for c in self.changes))


def _is_presentation_form(char: str) -> bool:
    code = ord(char)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE


def _is_space(char: str) -> bool:
    return char != " " and (unicodedata.category(char) == "Zs" or char == "\t")


def _ends_word(line: str, index: int) -> bool:
    """Whether the character at index is the last letter of its word."""
    following = line[index + 1] if index + 1 < len(line) else ""
    return not (following and unicodedata.category(following).startswith(("L", "M")))


def _separate_run_together(text: str, number: int, changes: list[Change]) -> str:
    """Put the missing space after a punctuation mark that joins two words ("انتهى.وقال")."""
    matches = list(_RUN_TOGETHER.finditer(text))
    if not matches:
        return text
    for match in matches:
        changes.append(Change(number, match.start() + 1, "space added after punctuation between run-together words",
                              match.group(1), match.group(1) + " "))
    return _RUN_TOGETHER.sub(r"\1 ", text)


def is_visual_order(text: str) -> bool:
    """Whether a text looks stored in visual order (each line backwards), as from some PDFs.

    >>> is_visual_order("قارعلا يف ةموكحلا تنلعأ ةيلاقتنالا ةلحرملا ءدب نع ةيمسرلا ةلاكولا")
    True
    >>> is_visual_order("أعلنت الحكومة في العراق عن بدء المرحلة الانتقالية")
    False
    """
    reversed_words = len(_REVERSED_WORD.findall(text))
    if reversed_words < _MIN_REVERSED_WORDS:
        return False  # the usual case: no need to count the other way
    return reversed_words > 3 * len(_LOGICAL_WORD.findall(text))


def to_logical_order(line: str) -> str:
    """A visual-order line back in reading order: reversed, with numbers and Latin words kept left to right.

    >>> to_logical_order("قارعلا يف 2024 ماع")
    'عام 2024 في العراق'
    """
    backwards = line[::-1]
    return _LTR_RUN.sub(lambda m: m.group()[::-1], backwards).translate(_MIRRORED)


def _touches_arabic(line: str, index: int) -> bool:
    """Whether the character at index sits in an Arabic word (an Arabic letter beside it)."""
    before = line[index - 1] if index > 0 else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    return any(c and is_arabic_letter(c) for c in (before, after))


# Every character normalise_line may change; a line without any (most lines) skips the scan.
_NEEDS_WORK = re.compile(
    "[" + re.escape("".join(sorted(INVISIBLE | set(LOOKALIKES) | set(PERSIAN_DIGITS) | {TATWEEL})))
    + "\ufb50-\ufdff\ufe70-\ufefe\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)


def normalise_line(line: str, number: int) -> tuple[str, list[Change]]:
    """Normalise one line; number is its 1-based line number, used in the changes.

    >>> normalise_line("\u0627\u0644\u0640\u0639\u0631\u0627\u0642\u200f", 1)[0] == "\u0627\u0644\u0639\u0631\u0627\u0642"
    True
    """
    changes: list[Change] = []
    composed = unicodedata.normalize("NFC", line)
    if composed != line:
        changes.append(Change(number, 1, "composed to NFC", line, composed))
    if not _NEEDS_WORK.search(composed):
        return _tidy_spaces(_separate_run_together(composed, number, changes), number, changes), changes
    out: list[str] = []
    for index, char in enumerate(composed):
        column = index + 1
        if char in INVISIBLE:
            changes.append(Change(number, column, f"invisible {unicodedata.name(char, 'control').lower()} removed", char, ""))
        elif char == TATWEEL:
            changes.append(Change(number, column, "tatweel removed", char, ""))
        elif _is_presentation_form(char):
            # Isolated vowel-mark forms decompose to a space (or tatweel) and the mark: keep the mark.
            base = unicodedata.normalize("NFKC", char).replace(TATWEEL, "")
            base = base.strip(" ") if base.strip(" ") else base
            changes.append(Change(number, column, "presentation form to base letters", char, base))
            out.append(base)
        elif char in LOOKALIKES and _touches_arabic(composed, index):
            after = ALEF_MAKSURA if char == FARSI_YEH and _ends_word(composed, index) else LOOKALIKES[char]
            changes.append(Change(number, column, "look-alike letter to Arabic", char, after))
            out.append(after)
        elif char in PERSIAN_DIGITS:
            changes.append(Change(number, column, "Persian digit to Arabic-Indic", char, PERSIAN_DIGITS[char]))
            out.append(PERSIAN_DIGITS[char])
        elif _is_space(char):
            changes.append(Change(number, column, "unusual space to plain space", char, " "))
            out.append(" ")
        elif unicodedata.category(char) == "Cc":
            changes.append(Change(number, column, "control character removed", char, ""))
        else:
            out.append(char)
    text = unicodedata.normalize("NFC", "".join(out))
    return _tidy_spaces(_separate_run_together(text, number, changes), number, changes), changes


def _tidy_spaces(text: str, number: int, changes: list[Change]) -> str:
    """The line without spaces at its edges, and with runs of spaces made one."""
    if "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text  # the usual case
    stripped = text.strip(" ")
    if stripped != text:
        changes.append(Change(number, 1, "space at line edge removed", text[: len(text) - len(text.lstrip(" "))] or " ", ""))
    for match in _SPACE_RUN.finditer(stripped):
        changes.append(Change(number, match.start() + 1, "repeated spaces collapsed", match.group(), " "))
    return _SPACE_RUN.sub(" ", stripped)


def normalise_arabic(text: str) -> NormalisedText:
    """Normalise every line of a text for display and matching; diacritics are kept.

    NFC; presentation forms to base letters; tatweel removed; look-alike letters of other
    Arabic-script languages mapped inside Arabic words; invisible controls removed; spaces
    made plain and single; a space put back after a mark that runs two words together;
    a text stored in visual order put back in reading order. Digits are kept as written
    (Arabic-Indic ٠-٩ stay, Persian ۰-۹ become Arabic-Indic). Line count is preserved so
    line numbers stay valid.

    >>> result = normalise_arabic("\ufefb\u0639\u0631\u0627\u06cc\u0642")
    >>> result.text == "\u0644\u0627\u0639\u0631\u0627\u064a\u0642"
    True
    >>> sorted(result.change_counts())
    ['look-alike letter to Arabic', 'presentation form to base letters']
    """
    lines: list[str] = []
    changes: list[Change] = []
    for number, line in enumerate(text.split("\n"), start=1):
        normalised, line_changes = normalise_line(line, number)
        lines.append(normalised)
        changes.extend(line_changes)
    if is_visual_order("\n".join(lines)):
        for index, line in enumerate(lines):
            if any(is_arabic_letter(c) for c in line):
                logical = to_logical_order(line)
                changes.append(Change(index + 1, 1, "visual-order line put in reading order", line, logical))
                lines[index] = _separate_run_together(logical, index + 1, changes)
    return NormalisedText("\n".join(lines), tuple(changes))


# Matching ignores what writers vary freely, as Lucene's ArabicNormalizer does: harakat,
# superscript alef, Quranic marks and tatweel are dropped; alef with hamza or madda and alef
# wasla read as alef, alef maksura as yeh, teh marbuta as heh. Digits of every Arabic script
# read as ASCII digits, spaces of every kind as one space, Latin letters as lower case.
_MATCH_DROPPED = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", TATWEEL] + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_MATCH_FOLDED = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u0629": "\u0647",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}


@dataclass(frozen=True)
class MatchingText:
    """Text folded for matching, and where each folded character stands in the original."""

    text: str
    original: str

    @cached_property
    def offsets(self) -> Sequence[int]:
        """offsets[i] is the index in original of text[i]; one more entry for the end. Worked
        out when asked: most callers want the folded text alone."""
        # Each character folds to one character or to none, so when none is dropped (most text
        # carries no harakat) every folded character stands where it stood.
        if len(self.text) == len(self.original):
            return range(len(self.original) + 1)
        return [*[index for index, char in enumerate(self.original) if char not in _MATCH_DROPPED], len(self.original)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The original's [start, end) for the folded text's [start, end), marks included."""
        return self.offsets[start], self.offsets[end]


class _MatchingFold(dict):  # type: ignore[type-arg]
    """str.translate's table for the matching form, filled on first sight of each character:
    a dropped mark maps to None, every other character to the one character it reads as."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if char in _MATCH_DROPPED:
            folded = None
        elif char in _MATCH_FOLDED:
            folded = _MATCH_FOLDED[char]
        elif char.isspace():
            folded = " "
        else:
            lower = char.lower()
            # A letter whose lower case is two characters ("İ") stays itself: one in, one out.
            folded = lower if len(lower) == 1 else char
        self[code] = folded
        return folded


_MATCHING_FOLD = _MatchingFold()


def matching_form(text: str) -> MatchingText:
    """Fold text for diacritic- and spelling-blind matching, keeping a map back to the original.

    >>> folded = matching_form("في أيلولَ ٢٠٢٤")
    >>> folded.text == "في ايلول 2024"
    True
    >>> start, end = folded.source_span(3, 8)
    >>> "في أيلولَ ٢٠٢٤"[start:end] == "أيلولَ"
    True
    """
    # Not cached: a build folds each sentence once, and a cache would hold every sentence of the site.
    return MatchingText(text.translate(_MATCHING_FOLD), text)
