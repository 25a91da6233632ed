"""Translation checks: each translated Arabic–English pair into findings of what the English may
have lost or changed (numbers, dates, names, quotations, leftovers, length).

A finding is an error or a warning; an error fails `explainer build --strict`. A translator
accepts one on purpose with Weblate's flag `#, ignore-<check>` on the entry, which Weblate,
Poedit and `pybabel update` keep.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from typing import Protocol

from ..core.problems import Problem, display_path
from ..intake.catalog import Translation
from ..intake.content import Article
from ..intake.normalise import matching_form
from ..knowledge.dates import DateMention, find_dates, format_value
from ..knowledge.glossary import Glossary
from ..knowledge.termmatch import Language, Term, TermMatcher
from ..knowledge.timeline import Mentions

# Every check, with whether its findings are errors, and what the translator should do.
CHECKS: Mapping[str, tuple[bool, str]] = {
    "numbers": (True, "write the same number in the English, or accept with '#, ignore-numbers'"),
    "dates": (True, "give the same date in the English, or accept with '#, ignore-dates'"),
    "names": (True, "name it in the English as the glossary does, or accept with '#, ignore-names'"),
    "quotations": (True, "keep the quotation marks in the English, or accept with '#, ignore-quotations'"),
    "leftovers": (True, "correct the English, or accept with '#, ignore-leftovers'"),
    "length": (False, "check nothing was left out or added, or accept with '#, ignore-length'"),
}
IGNORE_PREFIX = "ignore-"

# A number in digits (matching form: Eastern Arabic digits are already ASCII): thousands
# separated by , or ٬ (2,500), a decimal part after . or ٫ (2.5, ٢٫٥). Not after a digit or a
# separator: checked after the first digit, so the pattern begins with a digit and the regex
# engine skips to the next digit instead of trying every position (four times as fast).
_NUMBER = re.compile(r"(?P<int>\d(?<![\d.,٫٬]\d)(?:\d{0,2}(?:[,٬]\d{3})+|\d*))(?:[.٫](?P<dec>\d+))?(?!\d)")
# What may follow a number: a percent sign or word, or a scale word (matching form).
_PERCENT = re.compile(r"\s*(?:%|٪|percent\b|per\s+cent\b|(?:في\s+|ب)ال(?:مئه|مائه)(?!\w))")
_SCALE_WORDS = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                "الف": 1000, "الاف": 1000, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9}
_SCALE = re.compile(r"\s+(?P<scale>" + "|".join(sorted(_SCALE_WORDS, key=len, reverse=True)) + r")(?!\w)")
_ANY_DIGIT = re.compile(r"\d")
# The thousands separators a number in digits may carry (2,500; ٢٬٥٠٠), taken out before it is read.
_THOUSANDS = str.maketrans("", "", ",٬")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# The number words each column may write for digits in the other (matching form: ة as ه, أ as ا).
_AR_UNITS = {"واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2,
             "اثني": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
             "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9}
_AR_TEN = {"عشر", "عشره"}
_AR_TENS = {stem + ending: value for stem, value in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60),
                                                     ("سبع", 70), ("ثمان", 80), ("تسع", 90)) for ending in ("ون", "ين")}
_AR_HUNDREDS = {"مئه": 100, "مائه": 100, "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200}
_AR_SCALES = {"الف": 1000, "الفان": 2000, "الفين": 2000, "مليون": 10**6, "مليونان": 2 * 10**6, "مليونين": 2 * 10**6,
              "مليار": 10**9}
# The plural a unit from three to ten takes before a scale: ثلاثة آلاف, خمسة ملايين.
_AR_PLURAL_SCALES = {"الاف": 1000, "ملايين": 10**6, "مليارات": 10**9}
_EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
             "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
             "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_AR_WORDS = frozenset({*_AR_UNITS, *_AR_TEN, *_AR_TENS, *_AR_HUNDREDS, *_AR_SCALES, *_AR_PLURAL_SCALES})
# Whether a text may hold a number word at all (most sentences hold none): checked before reading its words.
# ست (six) as a word of its own: no letter before its س, checked after the س so that every
# alternative begins with a letter and the regex engine skips to the positions one may begin at.
# A word that holds a shorter one (ثلاثه holds ثلاث) is left out: the shorter is found wherever
# it is, and half as many alternatives are tried at each position (twice as fast).
_HINT_WORDS = {w for w in _AR_WORDS if len(w) > 2}
_AR_HINT = re.compile("|".join(sorted(w for w in _HINT_WORDS if not any(v != w and v in w for v in _HINT_WORDS)))
                      + "|س(?<![^\\W\\d_]س)ت(?![^\\W\\d_])")
_EN_HINT = re.compile(r"\b(?:" + "|".join(sorted({*_EN_UNITS, *_EN_SCALES}, key=len, reverse=True)) + r")\b")
# One and two are left out as words on their own: Arabic says "two" with the dual (الجانبين, the
# two sides) and "one" in many turns of phrase, so only digits and words from three up must match.
_LOOSE = frozenset({Decimal(1), Decimal(2)})

# Arabic script (letters, marks, digits, punctuation and presentation forms) left in English.
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")
# Possessive: the word runs to the spaces and the spaces to the next word, so giving any back
# could never match; the regex engine is told not to try (a fifth faster).
_DOUBLED_WORD = re.compile(r"\b(?P<word>[^\W\d_]++)\s++(?P=word)\b")
_DOUBLED_SPACE = re.compile(r" {2,}")
_BRACKETS = (("(", ")"), ("[", "]"), ("“", "”"))
# Hamza on a seat as arabic_key folds it, for looking up term keys in a text's matching form.
_HAMZA_SEATS = str.maketrans({"\u0624": "\u0621", "\u0626": "\u0621"})
# Pairs shorter than this (in Arabic characters) say too little for a length ratio: headings, datelines.
MIN_LENGTH = 40
# Fewer translated pairs than this, and the site has no length bounds yet.
MIN_PAIRS = 10


@dataclass(frozen=True)
class Finding:
    """One thing a check found in a pair, at its segment."""

    segment_id: str
    check: str
    what: str

    @property
    def warning(self) -> bool:
        return not CHECKS[self.check][0]

    def problem(self, file: str, line: int | None) -> Problem:
        """As `file:line: segment-id: check: what: what to do`."""
        return Problem(file, line, f"{self.segment_id}: {self.check}: {self.what}", CHECKS[self.check][1], self.warning)


@dataclass(frozen=True)
class LengthBounds:
    """How much longer than its Arabic an English may be, from the site's own translated pairs.

    Tukey's fences on the ratios' logarithms: below the lower quartile, or above the upper one,
    by more than one and a half times the distance between them.
    """

    low: float
    high: float
    pairs: int

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> LengthBounds | None:
        """Bounds from (Arabic, English) pairs, or None with fewer than MIN_PAIRS long enough to count.

        >>> pairs = [("ا" * 50, "e" * n) for n in (55, 60, 62, 64, 65, 66, 68, 70, 72, 75)]
        >>> bounds = LengthBounds.from_pairs(pairs)
        >>> round(bounds.low, 2), round(bounds.high, 2), bounds.pairs
        (1.0, 1.73, 10)
        """
        logs = [math.log(len(en) / len(ar)) for ar, en in pairs if len(ar) >= MIN_LENGTH and en]
        if len(logs) < MIN_PAIRS:
            return None
        q1, _, q3 = statistics.quantiles(logs, n=4)
        spread = 1.5 * (q3 - q1)
        return cls(math.exp(q1 - spread), math.exp(q3 + spread), len(logs))


@dataclass(frozen=True)
class _Number:
    value: Decimal
    percent: bool
    text: str
    # A word for one or two on its own: it may match a digit, but need not be matched.
    loose: bool = False

    # Worked out once: a pair's check compares each number's key three or four times.
    @cached_property
    def key(self) -> tuple[Decimal, bool]:
        return (self.value.normalize(), self.percent)


def _digits(folded: str) -> list[_Number]:
    numbers: list[_Number] = []
    if not _ANY_DIGIT.search(folded):
        return numbers
    for match in _NUMBER.finditer(folded):
        digits = match["int"].translate(_THOUSANDS) + (f".{match['dec']}" if match["dec"] else "")
        try:
            value = Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            continue
        end = match.end()
        scale = _SCALE.match(folded, end)
        if scale:
            value *= _SCALE_WORDS[scale["scale"]]
            end = scale.end()
        percent = _PERCENT.match(folded, end)
        if percent:
            end = percent.end()
        numbers.append(_Number(value, percent is not None, folded[match.start():end].strip()))
    return numbers


# Words repeat across the site's sentences: each is looked at once.
@lru_cache(maxsize=65536)
def _arabic_stem(word: str) -> str:
    """The word as a number word of the table, once a leading و or ف, then ب ك or ل, is taken
    off (واحدة stays itself, وواحدة and بثلاث lose theirs); else the word as it is."""
    candidates = [word]
    for conjunction in ("", "و", "ف"):
        rest = word[len(conjunction):] if word.startswith(conjunction) else None
        if rest is None:
            continue
        candidates.append(rest)
        if rest[:1] in ("ب", "ك", "ل"):
            candidates.append(rest[1:])
    # ست (six) only as written: لست is "I am not", وست rare.
    return next((c for c in candidates if c in _AR_WORDS and (c == word or len(c) >= 3)), word)


def _arabic_words(folded: str) -> list[_Number]:
    """Numbers written in words in Arabic: ثلاث, خمسة عشر, خمسة وعشرون, ثلاثة آلاف, مليون, ألف."""
    words = [(word, _arabic_stem(word)) for word in _WORD.findall(folded)]
    numbers = []
    index = 0
    while index < len(words):
        _, stem = words[index]
        value: int | None = None
        used = 1
        following = words[index + 1][1] if index + 1 < len(words) else ""
        after = words[index + 1][0] if index + 1 < len(words) else ""
        if stem in _AR_UNITS:
            value = _AR_UNITS[stem]
            if following in _AR_TEN:
                value, used = value + 10, 2
            elif after.startswith("و") and after[1:] in _AR_TENS:
                value, used = value + _AR_TENS[after[1:]], 2
            elif following in _AR_PLURAL_SCALES and 3 <= value <= 10:
                value, used = value * _AR_PLURAL_SCALES[following], 2
            elif value in (1, 2) and following not in _AR_TEN:
                value = value if stem not in ("احد", "احدي", "اثنا", "اثني") else None
        elif stem in _AR_TEN:
            value = 10
        elif stem in _AR_TENS:
            value = _AR_TENS[stem]
        elif stem in _AR_HUNDREDS:
            value = _AR_HUNDREDS[stem]
        elif stem in _AR_SCALES:
            value = _AR_SCALES[stem]
        if value is not None:
            phrase = " ".join(w for w, _ in words[index:index + used])
            numbers.append(_Number(Decimal(value), False, phrase, Decimal(value) in _LOOSE and used == 1))
        index += used
    return numbers


def _english_words(folded: str) -> list[_Number]:
    """Numbers written in words in English: three, twenty-five, three hundred, two million."""
    words = _WORD.findall(folded)
    numbers = []
    index = 0
    while index < len(words):
        parts = words[index].split("-")
        if not all(p in _EN_UNITS or p in _EN_SCALES for p in parts):
            index += 1
            continue
        start = index
        total, current = 0, 0
        while index < len(words) and all(p in _EN_UNITS or p in _EN_SCALES for p in words[index].split("-")):
            for part in words[index].split("-"):
                if part in _EN_UNITS:
                    current += _EN_UNITS[part]
                elif part == "hundred":
                    current = max(current, 1) * 100
                else:
                    total += max(current, 1) * _EN_SCALES[part]
                    current = 0
            index += 1
        value = Decimal(total + current)
        numbers.append(_Number(value, False, " ".join(words[start:index]), value in _LOOSE and index - start == 1))
    return numbers


def numbers_in(text: str, language: str) -> list[_Number]:
    """The numbers a text states, in digits or in words, in order (a word for one or two alone is loose).

    >>> [(str(n.value), n.percent) for n in numbers_in("نحو ٢٬٥٠٠ جندي و3٫5 مليون دولار و25 في المئة", "ar")]
    [('2500', False), ('3500000.0', False), ('25', True)]
    >>> [str(n.value) for n in numbers_in("about 2,500 troops at three bases, twenty-five in all", "en")]
    ['2500', '3', '25']
    """
    folded = matching_form(text).text
    digits = _digits(folded)
    # A number in digits, with its scale and percent words, is blanked before words are read:
    # "2.5 million" is one number, not 2.5 and a million.
    rest = folded
    for number in digits:
        rest = rest.replace(number.text, " " * len(number.text), 1)
    read, hint = (_arabic_words, _AR_HINT) if language == "ar" else (_english_words, _EN_HINT)
    return digits + (read(rest) if hint.search(rest) else [])


def _check_numbers(arabic: str, english: str) -> list[str]:
    ar, en = numbers_in(arabic, "ar"), numbers_in(english, "en")
    ar_keys, en_keys = {n.key for n in ar}, {n.key for n in en}
    if ar_keys == en_keys:
        return []  # the usual case: each says every number the other does
    found = []
    for number in _unique(ar):
        if not number.loose and number.key not in en_keys:
            found.append(f"the Arabic says {number.text!r} ({_shown(number)}); the English does not")
    for number in _unique(en):
        if not number.loose and number.key not in ar_keys:
            found.append(f"the English says {number.text!r} ({_shown(number)}); the Arabic does not")
    return found


def _unique(numbers: Sequence[_Number]) -> list[_Number]:
    seen: set[tuple[Decimal, bool]] = set()
    result = []
    for number in numbers:
        if number.key not in seen:
            seen.add(number.key)
            result.append(number)
    return result


def _shown(number: _Number) -> str:
    value = number.value.normalize()
    text = f"{value:,f}" if value == value.to_integral() else f"{value:f}"
    return text + ("%" if number.percent else "")


def _check_dates(arabic: Sequence[DateMention], english: Sequence[DateMention]) -> list[str]:
    ar = {m.value: m.text for m in arabic}
    en = {m.value: m.text for m in english}
    found = [f"the Arabic's {text!r} ({format_value(value, 'en')}) is not in the English" for value, text in ar.items() if value not in en]
    found += [f"the English's {text!r} ({format_value(value, 'en')}) is not in the Arabic" for value, text in en.items() if value not in ar]
    return found


def _check_names(ar: Mapping[str, str], en: Mapping[str, str], arabic: str, english: str, glossary: Glossary) -> list[str]:
    found = [f"the Arabic names {text!r} (glossary: {entry}); the English does not"
             for entry, text in ar.items() if entry not in en and not _names_inside(glossary, entry, english, "en")]
    found += [f"the English names {text!r} (glossary: {entry}); the Arabic does not"
              for entry, text in en.items() if entry not in ar and not _names_inside(glossary, entry, arabic, "ar")]
    return found


def names_in(text: str, language: Language, glossary: Glossary) -> dict[str, str]:
    """The glossary entries a text names, each with the words that name it first."""
    found: dict[str, str] = {}
    for match in glossary.matcher.find(text, language):
        found.setdefault(match.entry_id, text[match.start:match.end])
    return found


def _names_inside(glossary: Glossary, entry_id: str, text: str, language: Language) -> bool:
    """Whether one of the entry's forms is in text even where a longer term took its words
    ("US" inside "US-led coalition", which the page links to the coalition)."""
    terms = tuple(term for term in glossary[entry_id].terms() if term.language == language)
    matcher, heads = _entry_matcher(terms)
    # Most texts hold none of the entry's first words: look for them before matching.
    folded = _folded(text, language)
    return any(head in folded for head in heads) and bool(matcher.find(text, language))


@lru_cache(maxsize=64)
def _folded(text: str, language: Language) -> str:
    """A text as _entry_matcher's heads are folded; a pair's text is asked about once for each entry it lacks."""
    return matching_form(text).text.translate(_HAMZA_SEATS) if language == "ar" else text.casefold()


@lru_cache(maxsize=4096)
def _entry_matcher(terms: tuple[Term, ...]) -> tuple[TermMatcher, tuple[str, ...]]:
    """The entry's terms compiled, and what each term's first word leaves in any text that holds
    it, folded as arabic_key or casefold (an Arabic word may end in ت for ة before a pronoun)."""
    heads = tuple((term.keys()[0][:-1] if term.language == "ar" else term.keys()[0].lstrip("=").casefold())
                  for term in terms if term.keys())
    return TermMatcher(terms), heads


def quotations(text: str) -> int:
    """How many passages a text quotes: pairs of " or “ ” (either way round), and « ».

    >>> quotations('قال إن "الاجتماعات تهدف" و«أخرى»'), quotations("no “quote” here, or \\"here\\"")
    (2, 2)
    """
    return text.count('"') // 2 + min(text.count("“"), text.count("”")) + min(text.count("«"), text.count("»"))


def _check_quotations(arabic: str, english: str) -> list[str]:
    ar, en = quotations(arabic), quotations(english)
    if en < ar:
        return [f"the Arabic quotes {ar} passage(s), the English {en}"]
    return []


def _check_leftovers(english: str) -> list[str]:
    found = [f"Arabic script {run!r} in the English" for run in _ARABIC_SCRIPT.findall(english)]
    for opening, closing in _BRACKETS:
        if english.count(opening) != english.count(closing):
            found.append(f"{english.count(opening)} {opening!r} but {english.count(closing)} {closing!r}")
    if english.count('"') % 2:
        found.append(f"an odd number ({english.count(chr(34))}) of '\"'")
    found += [f"doubled word {word!r}" for word in _doubled_words(english)]
    if _DOUBLED_SPACE.search(english.strip()):
        found.append("two spaces in a row")
    if english != english.strip():
        found.append("space at the start or end")
    return found


def _doubled_words(text: str) -> list[str]:
    """Each word said twice in a row, with only spaces between, whatever its case.

    >>> _doubled_words("in in the The end, end")
    ['in in', 'the The']
    """
    # Matched on the lower case, which keeps every offset (no English letter changes length).
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text
    return [text[m.start():m.end()] for m in _DOUBLED_WORD.finditer(lowered)]


def _check_length(arabic: str, english: str, bounds: LengthBounds | None) -> list[str]:
    if bounds is None or len(arabic) < MIN_LENGTH or not english:
        return []
    ratio = len(english) / len(arabic)
    if bounds.low <= ratio <= bounds.high:
        return []
    return [f"the English is {ratio:.2f} times the Arabic's length; the site's {bounds.pairs} pairs allow "
            f"{bounds.low:.2f} to {bounds.high:.2f}"]


# The dates found in a segment's Arabic and English, when the timeline has already found them.
FoundDates = tuple[Sequence[DateMention], Sequence[DateMention]]
# The glossary entries a segment's Arabic and English name (entry id → words), when already found.
FoundNames = tuple[Mapping[str, str], Mapping[str, str]]
# What the build found before the checks run, by slug, then (segment id, language).
SegmentDates = Mapping[str, Mentions]
SegmentNames = Mapping[str, Mapping[tuple[str, Language], Mapping[str, str]]]


def check_pair(segment_id: str, arabic: str, english: str, published: date, glossary: Glossary,
               bounds: LengthBounds | None, dates: FoundDates | None = None, names: FoundNames | None = None) -> list[Finding]:
    """Every check on one pair, in the order of CHECKS; flags are not applied here. dates and
    names are what the build already found in the pair, so they are not looked for again."""
    def found_dates() -> FoundDates:
        return dates if dates is not None else (find_dates(arabic, "ar", published), find_dates(english, "en", published))

    results: dict[str, Callable[[], list[str]]] = {
        "numbers": lambda: _check_numbers(arabic, english),
        "dates": lambda: _check_dates(*found_dates()),
        "names": lambda: _check_names(*(names if names is not None else
                                        (names_in(arabic, "ar", glossary), names_in(english, "en", glossary))),
                                      arabic, english, glossary),
        "quotations": lambda: _check_quotations(arabic, english),
        "leftovers": lambda: _check_leftovers(english),
        "length": lambda: _check_length(arabic, english, bounds),
    }
    return [Finding(segment_id, check, what) for check, run in results.items() for what in run()]


def translated_pairs(article: Article, translations: Mapping[str, Translation]) -> list[tuple[str, str]]:
    """The article's (Arabic, English) pairs whose English is translated, not fuzzy."""
    return [(s.text, translations[s.id].text) for s in article.segmentation.segments
            if s.id in translations and translations[s.id].status == "translated"]


def site_bounds(entries: Iterable[tuple[Article, Mapping[str, Translation]]]) -> LengthBounds | None:
    """The length bounds from every translated pair of the site."""
    return LengthBounds.from_pairs(pair for article, translations in entries for pair in translated_pairs(article, translations))


def article_findings(article: Article, translations: Mapping[str, Translation], glossary: Glossary,
                     bounds: LengthBounds | None, mentions: Mentions | None = None,
                     named: Mapping[tuple[str, Language], Mapping[str, str]] | None = None,
                     known: Sequence[Finding] | None = None) -> list[Finding]:
    """Every finding on the article's translated pairs, less those its entries' flags accept.

    mentions are the dates the timeline found in the article's segments, and named the glossary
    entries found in them, by (segment, language), so they are not looked for again; without
    them each pair's are found here. known are the article's findings of every check but length
    from an earlier build with the same inputs: then only the length (whose bounds come from
    the whole site) is checked again."""
    earlier: dict[str, list[Finding]] = {}
    for finding in known or ():
        earlier.setdefault(finding.segment_id, []).append(finding)
    findings = []
    for segment in article.segmentation.segments:
        translation = translations.get(segment.id)
        if translation is None or translation.status != "translated":
            continue
        if known is not None:
            found = [*earlier.get(segment.id, ()), *(Finding(segment.id, "length", what)
                                                     for what in _check_length(segment.text, translation.text, bounds))]
        else:
            dates = None if mentions is None else (mentions.get((segment.id, "ar"), ()), mentions.get((segment.id, "en"), ()))
            names = None if named is None else (named.get((segment.id, "ar"), {}), named.get((segment.id, "en"), {}))
            found = check_pair(segment.id, segment.text, translation.text, article.meta.published, glossary, bounds, dates, names)
        findings += [f for f in found if IGNORE_PREFIX + f.check not in translation.flags]
    return findings


def findings_problems(article: Article, translations: Mapping[str, Translation], findings: Iterable[Finding]) -> list[Problem]:
    """The findings as problems at their entries in the article's catalog."""
    name = display_path(article.catalog_path)
    return [f.problem(name, translations[f.segment_id].catalog_line) for f in findings]


def site_findings(entries: Sequence[tuple[Article, Mapping[str, Translation]]], glossary: Glossary,
                  mentions: SegmentDates | None = None, named: SegmentNames | None = None,
                  known: Mapping[str, Sequence[Finding]] | None = None) -> dict[str, list[Finding]]:
    """Every article's findings, by slug, with length bounds from the whole site; mentions are
    the timeline's dates by slug (Timeline.mentions) and named the glossary's occurrences, when
    the build has found them; known the findings but length of articles unchanged since an
    earlier build."""
    bounds = site_bounds(entries)
    known = known or {}
    return {article.slug: article_findings(article, translations, glossary, bounds,
                                           None if mentions is None else mentions.get(article.slug, {}),
                                           None if named is None else named.get(article.slug, {}),
                                           known.get(article.slug))
            for article, translations in entries}


class Occurrence(Protocol):
    """Where the site's glossary found an entry, after the editors' decisions on shared forms
    (terms.yml): explainer.pages.glossary_annotate.Occurrence."""

    @property
    def entry_id(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def segment_id(self) -> str: ...
    @property
    def language(self) -> Language: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def found_names(entries: Sequence[tuple[Article, Mapping[str, Translation]]],
                occurrences: Iterable[Occurrence]) -> dict[str, dict[tuple[str, Language], dict[str, str]]]:
    """The glossary entries each segment's Arabic and English name, with their words, from the
    glossary's occurrences: by slug, then (segment, language), then entry id. A shared form
    (عمان, Oman or Amman) names the entry the editors decided, not every entry that claims it."""
    texts = {(a.slug, s.id, "ar"): s.text for a, _ in entries for s in a.segmentation.segments}
    texts.update({(a.slug, t.segment_id, "en"): t.text for a, translations in entries for t in translations.values()})
    found: dict[str, dict[tuple[str, Language], dict[str, str]]] = {a.slug: {} for a, _ in entries}
    for o in occurrences:
        words = texts.get((o.slug, o.segment_id, o.language), "")[o.start:o.end]
        found.setdefault(o.slug, {}).setdefault((o.segment_id, o.language), {}).setdefault(o.entry_id, words)
    return found


def site_problems(entries: Sequence[tuple[Article, Mapping[str, Translation]]], glossary: Glossary,
                  mentions: SegmentDates | None = None, named: SegmentNames | None = None) -> dict[str, list[Problem]]:
    """Every article's findings as problems, by slug (for `explainer check` and `status`)."""
    found = site_findings(entries, glossary, mentions, named)
    return {article.slug: findings_problems(article, translations, found[article.slug]) for article, translations in entries}
