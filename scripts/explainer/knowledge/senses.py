"""Senses: which entry, if any, each glossary match in an article stands for.

Most forms have one sense and link to their entry. A form the glossary marks as shared (عمان:
Oman or Amman; السوداني: al-Sudani or "Sudanese") is settled, in this order, by:

1. the article's date: an entry whose thing did not exist yet (its `from:`) is not meant;
2. the editor, in content/articles/<slug>/terms.yml (`entry:` an id, or `reject:` a reason),
   for one segment or, without `segment:`, for the whole article;
3. the entries' context rules in content/glossary.yml (words before, after or near the form);
4. in the English column, what the same segment's Arabic was settled to.

What none of these decides is proposed, not published: a draft shows it unlinked and marked;
`explainer check` and a strict build list it for the editor to decide in terms.yml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from ..core.fields import FieldReader
from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml
from ..intake.catalog import SOURCE_NAME, Translation
from ..intake.content import Article
from .annotate import Language
from .glossary import ContextRule, Glossary
from .termmatch import Term, TermMatch, arabic_key, arabic_skeleton, is_arabic, proclitic_stems, word_keys

TERMS_NAME = "terms.yml"
Status = Literal["linked", "proposed", "rejected"]
# How a match was settled: by its form alone, the article's date, the editor, a context rule,
# or (English) the same segment's Arabic; "open" while it waits for the editor.
Basis = Literal["form", "date", "editor", "context", "arabic", "open"]
_RULING_FIELDS = ("segment", "text", "entry", "reject")
_TOKEN = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640])+(?:['’][^\W_]+)?")
# A sentence shown with a proposal is cut to this many characters either side of the form.
_CONTEXT_CHARS = 60


@dataclass(frozen=True)
class TermRuling:
    """An entry of an article's terms.yml: the editor's decision on a form, in one segment or all."""

    segment: str
    text: str
    entry: str | None
    reason: str
    line: int

    @property
    def keys(self) -> tuple[str, ...]:
        return _keys(self.text)


@dataclass(frozen=True)
class TermDecision:
    """One glossary match in an article and what it was settled to.

    entry is the entry it links to (status linked), the entry proposed (proposed), or the
    entry the words first seemed to be (rejected: they stand for no entry, or for none here).
    """

    slug: str
    segment: str
    language: Language
    start: int
    end: int
    words: str
    entry: str
    candidates: tuple[str, ...]
    status: Status
    basis: Basis


# A text's forms repeat (every التحالف of every article): each is cut into keys once.
@lru_cache(maxsize=65536)
def _keys(text: str) -> tuple[str, ...]:
    """A form, or the words of a match, as the keys matching stores them under."""
    return Term("", "ar" if is_arabic(text) else "en", text).keys()


def load_term_rulings(path: Path, segment_ids: Sequence[str], glossary: Glossary) -> tuple[TermRuling, ...]:
    """Read an article's terms.yml, if it has one; every problem in it is reported together."""
    if not path.exists():
        return ()
    data = load_yaml(path)
    if data is None:
        return ()
    problems: list[Problem] = []
    check = FieldReader(display_path(path), problems)
    if not isinstance(data, LineList):
        raise ContentError([Problem(check.name, None, "expected a list of decisions",
                                    "start each with '- text:' and give entry: or reject:")])
    rulings = []
    for line, item in zip(data.item_lines, data, strict=True):
        if not isinstance(item, LineDict):
            check.problem(line, "a decision should be a mapping", "give text, entry or reject, and optionally segment")
            continue
        check.unknown_fields(item, _RULING_FIELDS, "a decision")
        segment = check.text(item, "segment", "", required=False)
        text = check.text(item, "text", "give the words as they stand in the Arabic or the English")
        entry = check.text(item, "entry", "", required=False)
        reason = check.text(item, "reject", "", required=False)
        if segment:
            check.known(segment, segment_ids, item.line_of("segment"), f"segment {segment!r} is not in the article",
                        "copy the id from the proposal or the article page")
        if bool(entry) == bool(reason):
            check.problem(line, "a decision needs entry: or reject:, not both or neither",
                          "give the id of the entry the words mean, or reject: with the reason they mean none")
        elif entry:
            check.known(entry, glossary.ids, item.line_of("entry"),
                        f"no entry {entry!r} in the glossary", "add the entry, or fix the id")
        if text and not any(c.isalnum() for c in text):
            check.problem(item.line_of("text"), f"text {text!r} has no words", "copy the words from the article")
            continue
        rulings.append(TermRuling(segment, text, entry or None, reason, line))
    if problems:
        raise ContentError(problems)
    return tuple(rulings)


@lru_cache(maxsize=65536)
def _key_set(word: str, language: Language) -> frozenset[str]:
    """Every key a word may stand for (clitics taken off)."""
    return frozenset(word_keys(word, language)[3])


@dataclass(frozen=True)
class _Words:
    """The words of a text around a match, as far as the context rules reach: the keys each may
    stand for, by its index in the text, and where each first word of a rule's phrase stands
    among them, to find a phrase by its first word instead of trying every position."""

    count: int  # the words of the whole text
    keys: Mapping[int, frozenset[str]]
    positions: Mapping[str, list[int]]


def _words(tokens: Sequence[re.Match[str]], lo: int, hi: int, language: Language, firsts: frozenset[str]) -> _Words:
    """The words lo to hi (exclusive) of a text's tokens with every key each may stand for; and
    where each of firsts (the keys that begin a context rule's phrase) stands among them."""
    keys = {index: _key_set(tokens[index].group(), language) for index in range(lo, hi)}
    positions: dict[str, list[int]] = {}
    for index, found in keys.items():
        if not found.isdisjoint(firsts):
            for key in found & firsts:
                positions.setdefault(key, []).append(index)
    return _Words(len(tokens), keys, positions)


def _phrase_at(words: _Words, phrase: tuple[str, ...], lo: int, hi: int) -> bool:
    """Whether the phrase's keys stand in order somewhere wholly within the words lo to hi (exclusive)."""
    lo, hi = max(lo, 0), min(hi, words.count) - len(phrase)
    if not phrase:  # a phrase of no words (punctuation alone) stands anywhere in reach
        return lo <= hi
    return any(lo <= i <= hi and all(phrase[j] in words.keys[i + j] for j in range(1, len(phrase)))
               for i in words.positions.get(phrase[0], ()))


def rule_applies(rule: ContextRule, words: _Words, first: int, last: int) -> bool:
    """Whether a context rule's words stand within its reach of the form at words first to last."""
    before = (first - rule.within, first)
    after = (last + 1, last + 1 + rule.within)
    return (any(_phrase_at(words, p, *before) for p in rule.before)
            or any(_phrase_at(words, p, *after) for p in rule.after)
            or any(_phrase_at(words, p, *before) or _phrase_at(words, p, *after) for p in rule.near))


@dataclass
class _Text:
    """A segment's text in one language, cut into words the first time a context rule is tried
    on it: most texts have no match a rule must settle."""

    text: str

    @cached_property
    def tokens(self) -> list[re.Match[str]]:
        """The text's words, in order."""
        return list(_TOKEN.finditer(self.text))

    @cached_property
    def ends(self) -> list[int]:
        """Where each word ends, in order: the words of a match are found by bisection."""
        return list(map(re.Match.end, self.tokens))

    def words_of(self, match: TermMatch) -> range:
        """The indices of the words a match's stretch of text overlaps."""
        tokens, first = self.tokens, bisect_right(self.ends, match.start)
        last = first
        while last < len(tokens) and tokens[last].start() < match.end:
            last += 1
        return range(first, last)


@dataclass
class _Decider:
    """Settles the matches of one article, segment by segment."""

    glossary: Glossary
    article: Article
    rulings: Sequence[TermRuling]
    # Which rulings settled something: a ruling that settles nothing is stale.
    used: set[int]
    # What _sense worked out, by form and claimants.
    _senses: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...], bool]] = field(default_factory=dict)

    @cached_property
    def _firsts(self) -> frozenset[str]:
        """The keys that begin a phrase of a context rule: the only words a rule looks for first."""
        return frozenset(phrase[0] for entry in self.glossary.entries for rule in entry.context
                         for phrase in (*rule.before, *rule.after, *rule.near) if phrase)

    @cached_property
    def _reach(self) -> int:
        """How many words either side of a form the farthest-reaching context rule reads."""
        return max((rule.within for entry in self.glossary.entries for rule in entry.context), default=0)

    @cached_property
    def _rules(self) -> dict[str, list[tuple[ContextRule, frozenset[str] | None]]]:
        """Each entry's context rules, each with the keys its phrases begin with: a rule none of
        whose keys the text holds applies nowhere in it, and is passed over without reading
        each phrase. None for a rule with a phrase of no words, which stands anywhere."""
        return {entry.id: [(rule, None if not all(phrases) else frozenset(p[0] for p in phrases))
                           for rule in entry.context for phrases in [(*rule.before, *rule.after, *rule.near)]]
                for entry in self.glossary.entries}

    def segment(self, segment: str, texts: Sequence[tuple[Language, str]]) -> list[TermDecision]:
        """Every match in one segment's texts (Arabic first), settled or proposed."""
        decided: list[TermDecision] = []
        for language, text in texts:
            # The text's words, read only if a context rule is to be tried on them.
            words = _Text(text)
            for match in self.glossary.matcher.find(text, language):
                decided.append(self.decide(segment, language, text, match, words, decided))
        return decided

    def _sense(self, match: TermMatch) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        """The match's claimants that existed by the article's date, its form's keys, and whether
        the form is shared among those claimants; worked out once for each form and claimants."""
        found = self._senses.get((match.term, match.claimants))
        if found is None:
            published = self.article.meta.published
            existing = tuple(c for c in match.claimants
                             if (since := self.glossary[c].exists_from) is None or since.first <= published)
            keys = _keys(match.term)
            shared = len(existing) > 1 or any(keys in self.glossary[c].shared for c in existing)
            found = self._senses[(match.term, match.claimants)] = (existing, keys, shared)
        return found

    def decide(self, segment: str, language: Language, text: str, match: TermMatch,
               words: _Text, earlier: Sequence[TermDecision]) -> TermDecision:
        """What one match stands for; words is the text, cut into words if a context rule is tried."""
        existing, keys, shared = self._sense(match)
        candidates = existing or match.claimants

        def made(entry: str | None, status: Status, basis: Basis) -> TermDecision:
            return TermDecision(self.article.slug, segment, language, match.start, match.end,
                                text[match.start:match.end], entry or candidates[0], candidates, status, basis)

        if not existing:
            return made(None, "rejected", "date")
        if not shared:
            return made(existing[0], "linked", "form")
        ruled = self._ruling(segment, keys, _keys(text[match.start:match.end]))
        if ruled is not None:
            return made(ruled.entry, "linked" if ruled.entry else "rejected", "editor")
        meanings = self._context(existing, keys, language, words, match)
        if len(meanings) == 1:
            (meaning,) = meanings
            return made(meaning, "linked" if meaning else "rejected", "context")
        if language == "en":
            followed = {d.entry if d.status == "linked" else None for d in earlier
                        if d.language == "ar" and d.status != "proposed"
                        and set(d.candidates) & set(existing)}
            if len(followed) == 1:
                (meaning,) = followed
                return made(meaning, "linked" if meaning else "rejected", "arabic")
        return made(existing[0], "proposed", "open")

    def _ruling(self, segment: str, *forms: tuple[str, ...]) -> TermRuling | None:
        """The editor's decision for these words here: one for the segment before one for the article."""
        for wanted in (segment, ""):
            for index, ruling in enumerate(self.rulings):
                if ruling.segment == wanted and ruling.keys in forms:
                    self.used.add(index)
                    return ruling
        return None

    def _context(self, claimants: Iterable[str], keys: tuple[str, ...], language: Language, text: _Text,
                 match: TermMatch) -> set[str | None]:
        """What the context rules of the claimants say the form means here (one answer, or several)."""
        tokens, positions = text.tokens, text.words_of(match)
        if not positions:
            return set()
        # Only the words within the rules' reach of the form are read.
        reach = self._reach
        words = _words(tokens, max(positions[0] - reach, 0), min(positions[-1] + 1 + reach, len(tokens)),
                       language, self._firsts)
        return {rule.means for c in claimants for rule, firsts in self._rules[c]
                if rule.form == keys and (firsts is None or not firsts.isdisjoint(words.positions))
                and rule_applies(rule, words, positions[0], positions[-1])}


def decide_terms(glossary: Glossary, article: Article, texts: Sequence[tuple[str, Language, str]],
                 rulings: Sequence[TermRuling] = ()) -> tuple[list[TermDecision], list[Problem]]:
    """Every glossary match in an article's (segment, language, text)s, settled or proposed, and
    a problem for each of terms.yml's decisions that settled nothing (the text may have changed)."""
    decider = _Decider(glossary, article, rulings, set())
    by_segment: dict[str, list[tuple[Language, str]]] = {}
    for segment, language, text in texts:
        by_segment.setdefault(segment, []).append((language, text))
    decisions = [d for segment, versions in by_segment.items()
                 for d in decider.segment(segment, sorted(versions, key=lambda v: v[0] != "ar"))]
    name = display_path(article.folder / TERMS_NAME)
    stale = [Problem(name, ruling.line, f"no shared form {ruling.text!r} "
                                        f"{'in segment ' + ruling.segment if ruling.segment else 'in the article'}",
                     "copy the words of a proposed match from `explainer check`, or remove the decision")
             for index, ruling in enumerate(rulings) if index not in decider.used]
    return decisions, stale


def proposal_problems(article: Article, decisions: Iterable[TermDecision], glossary: Glossary) -> list[Problem]:
    """A problem for each proposed match waiting for the editor, with its sentence."""
    lines = {s.id: s.line for s in article.segmentation.segments}
    texts = {s.id: s.text for s in article.segmentation.segments}
    source, terms = display_path(article.folder / SOURCE_NAME), display_path(article.folder / TERMS_NAME)
    problems = []
    for d in decisions:
        if d.status != "proposed":
            continue
        names = " or ".join(glossary[c].en for c in d.candidates)
        sentence = texts.get(d.segment, "") if d.language == "ar" else ""
        shown = f" in «{excerpt(sentence, d.words)}»" if sentence else ""
        problems.append(Problem(source, lines.get(d.segment),
                                f"proposed match {d.words!r} ({d.language}) in segment {d.segment}{shown}: {names}?",
                                f"decide in {terms}: segment: {d.segment}, text: {d.words}, then entry: "
                                f"{' or '.join(d.candidates)} (or another entry's id), or reject: why it means none"))
    return problems


def excerpt(sentence: str, words: str) -> str:
    """The part of a sentence around the words, cut at word boundaries where it is long."""
    at = sentence.find(words)
    if at < 0 or len(sentence) <= 2 * _CONTEXT_CHARS + len(words):
        return sentence
    start, end = max(0, at - _CONTEXT_CHARS), min(len(sentence), at + len(words) + _CONTEXT_CHARS)
    start = sentence.rfind(" ", 0, start) + 1 if start else 0
    stop = sentence.find(" ", end)
    end = len(sentence) if stop < 0 else stop
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


@dataclass(frozen=True)
class TermReview:
    """What the glossary makes of one article, for the editor: the entries it links, the matches
    waiting for a decision, and what was rejected (by the editor, a rule or the date)."""

    slug: str
    linked: Mapping[str, int]
    proposed: tuple[TermDecision, ...]
    rejected: tuple[TermDecision, ...]
    problems: tuple[Problem, ...]
    # Names the article seems to mention that no entry covers (uncovered_names).
    uncovered: tuple[str, ...] = ()


def review(glossary: Glossary, article: Article, decisions: Sequence[TermDecision]) -> TermReview:
    """The decisions of one article gathered for the editor (see TermReview)."""
    linked: dict[str, int] = {}
    for d in decisions:
        if d.status == "linked":
            linked[d.entry] = linked.get(d.entry, 0) + 1
    proposed = tuple(d for d in decisions if d.status == "proposed")
    return TermReview(article.slug, dict(sorted(linked.items())), proposed,
                      tuple(d for d in decisions if d.status == "rejected"),
                      tuple(proposal_problems(article, proposed, glossary)))


# Words after which Arabic news names a person or a place: titles and kinds of place. What
# follows one (skipping nisba adjectives such as السوداني) up to a small word or punctuation is
# taken for a name, for `explainer new` to list where no entry covers it.
NAME_CUES = frozenset(arabic_key(w) for w in (
    "الرئيس", "رئيس", "الملك", "الأمير", "الشيخ", "وزير", "وزيرة", "الوزير", "السفير", "الجنرال", "اللواء",
    "العميد", "الفريق", "المتحدث", "الناطق", "النائب", "القائد", "الزعيم", "الأمين", "المبعوث", "محافظ",
    "مدينة", "محافظة", "بلدة", "قرية", "منطقة", "العاصمة", "مخيم", "قاعدة", "حزب", "حركة", "تنظيم", "جماعة"))
_SMALL_WORDS = frozenset(arabic_key(w) for w in (
    "في", "من", "إلى", "على", "عن", "أن", "إن", "قد", "الذي", "التي", "الذين", "وقال", "قال", "قالت", "مع",
    "بعد", "قبل", "خلال", "حيث", "كما", "هذا", "هذه", "ذلك", "تلك", "لدى", "عند", "بين", "حول", "باسم", "أو",
    "ثم", "لم", "لن", "ما", "لا", "كان", "كانت", "أمس", "اليوم", "الوزراء", "الجمهورية", "الحكومة", "الدولة",
    "الخارجية", "الداخلية", "الدفاع", "العام", "عام", "الأركان", "السابق", "الحالي"))
_NAME_BREAK = re.compile(r"[.,،:;؛!?؟()«»\"\u2026\n]")
_MAX_NAME_WORDS = 3


def uncovered_names(article: Article, decisions: Sequence[TermDecision]) -> list[str]:
    """Names the article's Arabic seems to mention (after a title or a kind of place) that no
    glossary match covers, in order of first mention; a guide for the editor, not a verdict."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for d in decisions:
        if d.language == "ar":
            covered.setdefault(d.segment, []).append((d.start, d.end))
    names: dict[str, None] = {}
    for segment in article.segmentation.segments:
        text, spans = segment.text, covered.get(segment.id, [])
        words = list(_TOKEN.finditer(text))
        for index, word in enumerate(words):
            if not proclitic_stems(arabic_skeleton(word.group())) & NAME_CUES and arabic_key(word.group()) not in NAME_CUES:
                continue
            taken: list[re.Match[str]] = []
            for following in words[index + 1:]:
                gap = text[(taken[-1] if taken else word).end():following.start()]
                key = arabic_key(following.group())
                if _NAME_BREAK.search(gap) or key in _SMALL_WORDS or key in NAME_CUES or len(taken) == _MAX_NAME_WORDS:
                    break
                if not taken and key.startswith("ال") and key.endswith(("ي", "يه")):
                    continue  # a nisba adjective (الرئيس السوداني عمر البشير): the name follows it
                taken.append(following)
            if not taken or any(s < taken[-1].end() and taken[0].start() < e for s, e in spans):
                continue
            names.setdefault(text[taken[0].start():taken[-1].end()])
    return list(names)


def segment_texts(article: Article, translations: Mapping[str, Translation]) -> list[tuple[int, str, Language, str]]:
    """(block index, segment id, language, text) for every segment's Arabic and ready English."""
    texts: list[tuple[int, str, Language, str]] = []
    for index, block in enumerate(article.segmentation.blocks):
        for segment in block.segments:
            texts.append((index, segment.id, "ar", segment.text))
            translation = translations.get(segment.id)
            if translation is not None and translation.status == "translated":
                texts.append((index, segment.id, "en", translation.text))
    return texts


def article_decisions(glossary: Glossary, article: Article,
                      translations: Mapping[str, Translation]) -> tuple[list[TermDecision], list[Problem]]:
    """Every match in an article settled or proposed, with its terms.yml read; and the problems of
    terms.yml (a decision that settles nothing). A malformed terms.yml raises ContentError."""
    rulings = load_term_rulings(article.folder / TERMS_NAME, [s.id for s in article.segmentation.segments], glossary)
    return decide_terms(glossary, article, [(s, lang, t) for _, s, lang, t in segment_texts(article, translations)], rulings)


def review_article_terms(glossary: Glossary, article: Article, translations: Mapping[str, Translation]) -> TermReview:
    """What the glossary makes of one article, for `explainer new`, `check` and `status`: the
    entries it links (with counts), the proposed matches waiting for the editor (and a problem
    for each, with its sentence), what was rejected, and terms.yml's problems."""
    try:
        decisions, stale = article_decisions(glossary, article, translations)
    except ContentError as error:
        return TermReview(article.slug, {}, (), (), tuple(error.problems))
    found = review(glossary, article, decisions)
    return TermReview(found.slug, found.linked, found.proposed, found.rejected, (*stale, *found.problems),
                      tuple(uncovered_names(article, decisions)))
