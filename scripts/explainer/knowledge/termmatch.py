"""Term matching: a text and many glossary terms into the stretches of text where each term occurs.

Every term of every entry is compiled once into a trie of normalised tokens (one for Arabic,
one for English). A text is cut into tokens with their offsets; each token gets a handful of
keys (itself, and for Arabic the forms left after taking off clitics it may carry); the trie
is walked from each token. The work is linear in the length of the text (times the longest
term's token count and the few keys per token), however many entries there are.

Arabic keys are blind to diacritics, tatweel, the hamza seat and alef forms, ta marbuta/ha and
alef maqsura/ya (character folding from PyArabic), and aware of clitics: the conjunctions و ف
and prepositions ب ك ل before the first word (ل before ال is written لل), and an attached
pronoun on the last word. The article ال is part of the word: العراق matches بالعراق and
للعراق, but حماس does not match الحماس ("the enthusiasm"). English keys are blind to case,
except for terms written in capitals (US must not match "us"), possessives and plurals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import pyarabic.araby as araby

Language = Literal["ar", "en"]

# A token: letters, digits and the marks that sit on Arabic letters (harakat, shadda, superscript
# alef, Quranic marks, tatweel), with an English possessive or contraction kept on the word.
_TOKEN = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])+(?:['’][^\W_]+)?")
# What may stand between two tokens of one multi-word term: spaces and hyphens, nothing else,
# so a term never runs across a comma, a full stop or a quotation mark.
_JOINER = re.compile(r"[ \u00a0\-\u2010\u2011]+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
# Hamza on a seat (waw, ya) folds to the bare hamza; alef maqsura to ya (Egyptian spelling writes
# final ya as ى), before PyArabic folds the alef forms (it would make ى an alef).
_SKELETON_FOLD = str.maketrans({"\u0624": "\u0621", "\u0626": "\u0621", "\u0649": "\u064a"})
# The final fold applied to every key: ta marbuta as ha, alef maqsura as ya.
_FINAL_FOLD = str.maketrans({"\u0629": "\u0647", "\u0649": "\u064a"})
_ARTICLE = "\u0627\u0644"  # ال
_CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
_PREPOSITIONS = ("\u0628", "\u0643", "\u0644")  # ب ك ل
_LAM = "\u0644"
# Attached pronouns, longest first. ي ("my") is left out on purpose: it is rare in news and
# would turn every nisba adjective (العراقي "Iraqi") into its noun (العراق "Iraq").
_ENCLITICS = ("\u0647\u0645\u0627", "\u0643\u0645\u0627", "\u0647\u0645", "\u0647\u0646", "\u0647\u0627",
              "\u0643\u0645", "\u0643\u0646", "\u0646\u0627", "\u0647", "\u0643")
_TA = "\u062a"
_TA_MARBUTA = "\u0629"
_ALEF = "\u0627"
_ALEF_MAQSURA = "\u0649"
# A stem left after taking off clitics must keep at least this many letters.
_MIN_STEM = 2
# Marks a key that must match case-exactly (an English term written in capitals).
_EXACT = "="


def is_arabic(text: str) -> bool:
    """Whether text contains an Arabic letter.

    >>> is_arabic("Iraq"), is_arabic("العراق")
    (False, True)
    """
    return bool(_ARABIC_LETTER.search(text))


def strip_marks(text: str) -> str:
    """Arabic text without its vowel marks and tatweel, as a name is written in running text.

    >>> strip_marks("مُحَمَّد شِيَاع") == "محمد شياع"
    True
    """
    return str(araby.strip_diacritics(araby.strip_tatweel(text)))


def arabic_skeleton(word: str) -> str:
    """An Arabic word without diacritics and tatweel, with hamza, alef and ya forms folded.

    Ta marbuta is still itself here, because clitic analysis needs it.

    >>> arabic_skeleton("مُسْؤُولٌ") == "مسءول", arabic_skeleton("الأنبـــار") == "الانبار"
    (True, True)
    """
    word = araby.strip_diacritics(araby.strip_tatweel(word)).translate(_SKELETON_FOLD)
    return str(araby.normalize_alef(word))


def arabic_key(word: str) -> str:
    """The key an Arabic word is matched by: its skeleton with ة as ه and ى as ي.

    >>> arabic_key("مُهِمَّة") == arabic_key("مهمه"), arabic_key("مستوى") == arabic_key("مستوي")
    (True, True)
    """
    return arabic_skeleton(word).translate(_FINAL_FOLD)


def _fold(stem: str) -> str:
    return stem.translate(_FINAL_FOLD)


def proclitic_stems(skeleton: str) -> set[str]:
    """The forms of a word (as a skeleton) left after taking off و ف, then ب ك ل (لل = ل + ال).

    The article is kept: it belongs to the term.

    >>> sorted(proclitic_stems("وللعراق")) == sorted(["وللعراق", "للعراق", "لعراق", "العراق"])
    True
    """
    stems = {skeleton}
    for conjunction in ("", *_CONJUNCTIONS):
        if not skeleton.startswith(conjunction):
            continue
        rest = skeleton[len(conjunction):]
        if len(rest) < _MIN_STEM:
            continue
        stems.add(rest)
        for preposition in _PREPOSITIONS:
            if not rest.startswith(preposition):
                continue
            after = rest[1:]
            if len(after) >= _MIN_STEM:
                stems.add(after)
            if preposition == _LAM and after.startswith(_LAM) and len(after) > _MIN_STEM:
                stems.add(_ARTICLE + after[1:])
    return stems


def enclitic_stems(skeleton: str) -> set[str]:
    """The forms of a word (as a skeleton) left after taking off an attached pronoun.

    A word with the article carries no pronoun. A ta marbuta written ت before the pronoun and
    an alef maqsura written ا are given back.

    >>> sorted(enclitic_stems("مهمتها")) == sorted(["مهمت", "مهمة"])
    True
    >>> enclitic_stems("الحكومة")
    set()
    """
    if skeleton.startswith(_ARTICLE):
        return set()
    stems: set[str] = set()
    for pronoun in _ENCLITICS:
        if skeleton.endswith(pronoun) and len(skeleton) - len(pronoun) >= _MIN_STEM:
            stem = skeleton[: -len(pronoun)]
            stems.add(stem)
            if stem.endswith(_TA):
                stems.add(stem[:-1] + _TA_MARBUTA)
            elif stem.endswith(_ALEF):
                stems.add(stem[:-1] + _ALEF_MAQSURA)
    return stems


def _english_base(token: str) -> str:
    """An English token without its possessive ending."""
    token = token.replace("’", "'")
    if token.lower().endswith("'s"):
        token = token[:-2]
    return token


def english_keys(token: str) -> set[str]:
    """The keys an English token matches as it stands: its lower case, and itself if in capitals.

    >>> sorted(english_keys("US")), sorted(english_keys("us")), sorted(english_keys("Iraq's"))
    (['=US', 'us'], ['us'], ['iraq'])
    """
    base = _english_base(token)
    keys = {base.casefold()}
    if len(base) > 1 and base.isupper():
        keys.add(_EXACT + base)
    return keys


def english_singulars(token: str) -> set[str]:
    """Keys of the singular an English plural may stand for (forces, countries, coalitions').

    >>> sorted(english_singulars("countries")), sorted(english_singulars("forces"))
    (['countrie', 'country'], ['forc', 'force'])
    """
    word = _english_base(token).casefold()
    singulars = set()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        singulars.add(word[:-1])
        if word.endswith("ies"):
            singulars.add(word[:-3] + "y")
        elif word.endswith("es"):
            singulars.add(word[:-2])
    return singulars


def term_key(token: str, language: Language) -> str:
    """The one key a token of a glossary term is stored under."""
    if language == "ar" and is_arabic(token):
        return arabic_key(token)
    base = _english_base(token)
    if language == "en" and len(base) > 1 and base.isupper():
        return _EXACT + base
    return base.casefold()


# A word's keys as a middle, first, last and only word of a term, each in order of preference.
WordKeys = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _preferred(keys: Iterable[str]) -> tuple[str, ...]:
    """Keys in the order a word tries them when two match different terms: capitals as
    written first (US before us), then the longest, the word with the least taken off (forces
    before force), then alphabetical, so that the choice never depends on set order.

    >>> _preferred({"us", "=US"}), _preferred({"force", "forces", "forc"})
    (('=US', 'us'), ('forces', 'force', 'forc'))
    """
    return tuple(sorted(set(keys), key=lambda key: (not key.startswith(_EXACT), -len(key), key)))


def _arabic_token(word: str) -> WordKeys:
    """The keys of an Arabic word as a middle, first, last and only word of a term."""
    skeleton = arabic_skeleton(word)
    exact = {_fold(skeleton)}
    heads = proclitic_stems(skeleton)
    tails = enclitic_stems(skeleton) | {skeleton}
    first = {_fold(s) for s in heads}
    last = {_fold(s) for s in tails}
    only = first | last | {_fold(s) for head in heads for s in enclitic_stems(head)}
    return _preferred(exact), _preferred(first), _preferred(last), _preferred(only)


def _other_token(word: str, language: Language) -> WordKeys:
    """The keys of an English (or other non-Arabic) word as a middle, first, last and only word."""
    exact = english_keys(word) if language == "en" else {_english_base(word).casefold()}
    last = _preferred(exact | (english_singulars(word) if language == "en" else set()))
    return _preferred(exact), _preferred(exact), last, last


# Words repeat: a text's vocabulary is far smaller than its length, so each word is analysed once.
@lru_cache(maxsize=65536)
def word_keys(word: str, language: Language) -> WordKeys:
    """The keys of a word of a text in the language, as a middle, first, last and only word of a term."""
    return _arabic_token(word) if is_arabic(word) else _other_token(word, language)


def _joined(text: str, previous: re.Match[str], token: re.Match[str]) -> bool:
    """Whether only spaces or hyphens stand between a token and the next."""
    gap = text[previous.end():token.start()]
    return gap == " " or _JOINER.fullmatch(gap) is not None


@dataclass(frozen=True)
class Term:
    """One written form of a glossary entry, in one language."""

    entry_id: str
    language: Language
    text: str

    def keys(self) -> tuple[str, ...]:
        """The term as the sequence of token keys it is stored under in the trie."""
        return tuple(term_key(m.group(), self.language) for m in _TOKEN.finditer(self.text))


@dataclass(frozen=True)
class TermMatch:
    """A term found in a text: the stretch [start, end) and the entry it belongs to."""

    start: int
    end: int
    entry_id: str
    term: str
    # Every entry that claims the same words, in the order they were added (entry_id first):
    # more than one only for a form the glossary marks as shared by several senses.
    entries: tuple[str, ...] = ()

    @property
    def claimants(self) -> tuple[str, ...]:
        """The entries these words may stand for: entry_id alone, unless others share the form."""
        return self.entries or (self.entry_id,)


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    term: Term | None = None
    # Other entries' terms with the same keys, in the order added (a shared form, or a clash).
    others: list[Term] = field(default_factory=list)


# What a word that begins no term can begin: most words.
_BEGINS_NOTHING: tuple[_Node | None, tuple[_Node, ...]] = (None, ())


@dataclass(frozen=True)
class TermClash:
    """Two terms of different entries that match the very same words."""

    first: Term
    second: Term


class TermMatcher:
    """All terms compiled into one token trie per language; `find` scans a text once."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._roots: dict[Language, _Node] = {"ar": _Node(), "en": _Node()}
        self._depth = 0
        self.clashes: list[TermClash] = []
        self.size = 0
        self._start_cache: dict[Language, dict[str, tuple[_Node | None, tuple[_Node, ...]]]] = {"ar": {}, "en": {}}
        for term in terms:
            self._add(term)

    def _add(self, term: Term) -> None:
        keys = term.keys()
        if not keys:
            raise ValueError(f"term {term.text!r} has no words")
        node = self._roots[term.language]
        for key in keys:
            node = node.children.setdefault(key, _Node())
        if node.term is not None:
            if node.term.entry_id != term.entry_id and all(t.entry_id != term.entry_id for t in node.others):
                self.clashes.append(TermClash(node.term, term))
                node.others.append(term)
            return
        node.term = term
        self.size += 1
        self._depth = max(self._depth, len(keys))

    def _starts(self, word: str, language: Language) -> tuple[_Node | None, tuple[_Node, ...]]:
        """What a term starting at this word can be: the node of the one-word term it is, if
        any, and the trie nodes of the longer terms it can begin. Most words begin none; each
        word is looked up once per matcher."""
        found = self._start_cache[language].get(word)
        if found is None:
            root = self._roots[language]
            _, first, _, only = word_keys(word, language)
            single = next((node for node in map(root.children.get, only)
                           if node is not None and node.term is not None), None)
            frontier = tuple(n for n in map(root.children.get, first) if n is not None and n.children)
            found = self._start_cache[language][word] = (single, frontier) if single or frontier else _BEGINS_NOTHING
        return found

    def find(self, text: str, language: Language) -> list[TermMatch]:
        """Every term in the text, leftmost first; where terms overlap the longest wins.

        >>> m = TermMatcher([Term("state-dept", "ar", "وزارة الخارجية الأمريكية"),
        ...                  Term("foreign-ministry", "ar", "الخارجية")])
        >>> [(x.entry_id, x.start, x.end) for x in m.find("وقال المتحدث باسم وزارة الخارجية الأمريكية", "ar")]
        [('state-dept', 18, 42)]
        """
        words = list(_TOKEN.finditer(text))
        matches: list[TermMatch] = []
        # The words seen before, looked up here: this loop runs for every word of the site.
        seen = self._start_cache[language].get
        index, count = 0, len(words)
        while index < count:
            word = words[index].group()
            begins = seen(word) or self._starts(word, language)
            if begins is _BEGINS_NOTHING:
                index += 1
                continue
            found = self._longest_at(text, words, index, language, *begins)
            if found is None:
                index += 1
                continue
            end_index, node = found
            term = node.term
            assert term is not None
            claimants = (term.entry_id, *(t.entry_id for t in node.others)) if node.others else ()
            matches.append(TermMatch(words[index].start(), words[end_index].end(), term.entry_id, term.text, claimants))
            index = end_index + 1
        return matches

    def _longest_at(self, text: str, words: Sequence[re.Match[str]], index: int, language: Language,
                    single: _Node | None, frontier: tuple[_Node, ...]) -> tuple[int, _Node] | None:
        """The longest term starting at words[index], whose one-word term's node and trie nodes
        are single and frontier: (index of its last word, the node holding the term)."""
        best = None if single is None else (index, single)
        position = index + 1
        while (frontier and position < len(words) and position - index < self._depth
               and _joined(text, words[position - 1], words[position])):
            inner, _, last, _ = word_keys(words[position].group(), language)
            ending = next((child for node in frontier for key in last
                           if (child := node.children.get(key)) is not None and child.term is not None), None)
            if ending is not None:
                best = (position, ending)
            frontier = tuple(c for n in frontier for k in inner if (c := n.children.get(k)) is not None and c.children)
            position += 1
        return best
