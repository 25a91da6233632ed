"""Benchmark: glossary matching at 1,000 entries over 100 articles, from real-looking text.

Entries and articles are synthesised from the seed article's own words (Arabic, and English
from its translation): multi-word terms with and without the article, and texts that use
them with clitics, so the matcher does its real work. Prints timings and the machine; nothing
here is asserted. Run with `make bench-glossary`.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from explainer.publishing.build import load_translations  # noqa: E402
from explainer.intake.content import load_articles  # noqa: E402
from explainer.knowledge.glossary import load_glossary  # noqa: E402
from explainer.knowledge.termmatch import _TOKEN, Term, TermMatcher, is_arabic  # noqa: E402

ENTRIES = 1000
ARTICLES = 100
WORDS_PER_ARTICLE = 800
CLITICS = ["", "", "", "و", "ب", "ل", "ف", "وب", "ول"]


def vocabulary() -> tuple[list[str], list[str], list[Term]]:
    articles, _ = load_articles(ROOT / "content")
    arabic: list[str] = []
    english: list[str] = []
    for article in articles:
        translations = load_translations(article)
        for segment in article.segmentation.segments:
            arabic += [w for w in segment.text.split() if is_arabic(w) and w.isalpha()]
            english += [w for w in translations[segment.id].text.split() if w.isalpha()]
    real = [t for e in load_glossary(ROOT / "content").entries for t in e.terms()]
    return arabic, english, real


def synthetic_terms(arabic: list[str], english: list[str], real: list[Term], rng: random.Random) -> list[Term]:
    """ENTRIES entries: the real ones, then invented one- to four-word terms in both languages."""
    terms = list(real)
    seen = {(t.language, t.keys()) for t in terms}
    entry = 0
    while len({t.entry_id for t in terms}) < ENTRIES:
        entry += 1
        for language, words in (("ar", arabic), ("en", english)):
            for _ in range(3):
                size = rng.choice([1, 2, 2, 3, 3, 4])
                parts = rng.sample(words, size)
                if language == "ar" and rng.random() < 0.5 and not parts[0].startswith("ال"):
                    parts[0] = "ال" + parts[0]
                term = Term(f"synthetic-{entry}", language, " ".join(parts))  # type: ignore[arg-type]
                key = (language, term.keys())
                if key not in seen:
                    seen.add(key)
                    terms.append(term)
    return terms


def synthetic_articles(arabic: list[str], english: list[str], terms: list[Term], rng: random.Random) -> list[tuple[str, str]]:
    """ARTICLES (Arabic, English) texts of running words with terms dropped in, clitics and all."""
    by_language = {lang: [t.text for t in terms if t.language == lang] for lang in ("ar", "en")}
    texts = []
    for _ in range(ARTICLES):
        ar_words: list[str] = []
        en_words: list[str] = []
        while len(ar_words) < WORDS_PER_ARTICLE:
            if rng.random() < 0.15:
                term = rng.choice(by_language["ar"]).split()
                term[0] = rng.choice(CLITICS) + term[0] if not term[0].startswith("ال") else term[0]
                ar_words += term
                en_words += rng.choice(by_language["en"]).split()
            else:
                ar_words.append(rng.choice(arabic))
                en_words.append(rng.choice(english))
            if rng.random() < 0.06:
                ar_words[-1] += "،"
                en_words[-1] += ","
        texts.append((" ".join(ar_words) + ".", " ".join(en_words) + "."))
    return texts


def machine() -> str:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {model or 'unknown CPU'}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    rng = random.Random(20240723)
    arabic, english, real = vocabulary()
    terms = synthetic_terms(arabic, english, real, rng)
    articles = synthetic_articles(arabic, english, terms, rng)
    started = time.perf_counter()
    matcher = TermMatcher(terms)
    compiled = time.perf_counter() - started
    characters = sum(len(a) + len(e) for a, e in articles)
    runs = []
    found = 0
    for _ in range(5):
        started = time.perf_counter()
        found = sum(len(matcher.find(a, "ar")) + len(matcher.find(e, "en")) for a, e in articles)
        runs.append(time.perf_counter() - started)
    best = min(runs)
    print(f"machine: {machine()}")
    print(f"entries: {len({t.entry_id for t in terms})} ({len(terms)} terms, {len(matcher.clashes)} clashes skipped)")
    print(f"articles: {len(articles)} in Arabic and English, {characters:,} characters, "
          f"{sum(len(_TOKEN.findall(a)) for a, _ in articles):,} Arabic tokens")
    print(f"compile: {compiled * 1000:.1f} ms")
    print(f"match all: best {best * 1000:.0f} ms, median {statistics.median(runs) * 1000:.0f} ms of {len(runs)} runs; "
          f"{found:,} occurrences; {characters / best / 1e6:.2f} M characters/s; "
          f"{best / len(articles) * 1000:.1f} ms per article (both languages)")
    # Linearity: the same article repeated 1, 2, 4 and 8 times.
    sample = articles[0][0]
    for factor in (1, 2, 4, 8):
        text = " ".join([sample] * factor)
        started = time.perf_counter()
        for _ in range(3):
            matcher.find(text, "ar")
        elapsed = (time.perf_counter() - started) / 3
        print(f"  length x{factor}: {len(text):,} characters in {elapsed * 1000:.1f} ms "
              f"({elapsed / len(text) * 1e6:.2f} µs per character)")


if __name__ == "__main__":
    main()
