"""Benchmark: synthetic sites of 1, 10, 100 and 500 articles into tables of build times and of what a reader gets.

Each article is real length (about the seed's: 15-20 paragraphs, 25-35 segments) and made of
the seed's and the corpus's paragraphs with their numbers changed, plus sentences composed
from a vocabulary, so no two articles share segment ids; each has a complete en.po. For each
size the script runs, each in a fresh process as `make site` does:

- the pipeline's build (`explainer build --strict`'s work) and the peak resident memory of
  its process,
- the same again with nothing changed (the incremental build),
- `mkdocs build --strict` on the generated pages, for each edition (English, then Arabic),

taking the fastest of three fresh builds of each (one of the Arabic edition's, which is timed
for the table, not compared). Then, on the built site, served with gzip on 127.0.0.1 as the
audit serves it (explainer.audit.serve), headless Chromium loads one page of each type in each
edition, each in a fresh context (nothing cached), and reports what it transferred (gzip,
fonts included) and its element count; and the script reports the site's size on disk per
article (both editions together) and its heaviest generated page. The articles mention the
glossary's entries about as often as the seed article does (see mention_rate).

The share compares the pipeline's CPU time (it writes both editions' pages) with both editions'
MkDocs builds together, each measured in its own process from after its modules' imports (so
each includes reading its own configuration); the wall-time column gives the pipeline's and
the English MkDocs build's. It prints two Markdown tables and exits non-zero if, at 10 articles
or more, the pipeline took more than a fifth of MkDocs' time or its time per article grew
by more than half from one size to the next; if MkDocs' time per article at the largest size
is more than 1.3 times that at 100 articles; if a page that is not an article transfers more
than 150 KiB or holds more than 1,500 elements; if a first search transfers more than 150 KiB;
if the site takes more than 250 KB on disk
per article; or if, at what each article added between the two largest sizes, 4,000 articles
would take more than GitHub Pages' 1 GB (the projection is printed under the first table).

    python benchmarks/bench.py [--sizes 1 10 100 500] [--keep DIR] [--no-pages]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from explainer.intake.catalog import read_catalog, write_catalog
from explainer.knowledge.glossary import Glossary, load_glossary
from explainer.translation.qa import numbers_in
from explainer.intake.content import article_template, load_article, load_articles
from explainer.intake.segment import load_furniture_patterns, split_sentences
from explainer.publishing.build import clean

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED = ROOT / "content" / "articles" / "iraq-coalition-withdrawal"
CORPUS = ROOT / "tests" / "corpus"
# Corpus cases whose text is ordinary article text once normalised (the others test damage).
CORPUS_CASES = ("agency-report", "scraped-page", "run-together", "pdf-paste", "persian-keyboard", "visual-order")
# The punctuation that ends a sentence, before which the benchmark marks it as its article's own.
_TRAILING_MARKS = re.compile(r"[.!?\u061f\u2026\"\u00bb\u201d)]*$")
# The pipeline may take at most this share of MkDocs' own build time.
MAX_SHARE = 0.2

SUBJECTS = ["قال مسؤول في وزارة الخارجية", "أكد متحدث باسم الحكومة", "ذكر مصدر أمني", "أعلن نائب في البرلمان",
            "أوضح محافظ البصرة", "رأى محلل سياسي", "كشف تقرير رسمي", "نقلت وكالة الأنباء عن مسؤول"]
VERBS = ["أن المحادثات", "أن الخطة الجديدة", "أن المفاوضات", "أن اللجنة المشتركة", "أن الاتفاق المقترح", "أن الموازنة"]
PREDICATES = ["ستستأنف الأسبوع المقبل", "تواجه عقبات مالية", "حققت تقدما ملموسا", "تحتاج إلى موافقة البرلمان",
              "لن تكتمل قبل نهاية العام", "تشمل المحافظات الجنوبية", "تهدف إلى تعزيز الاستقرار"]
PLACES = ["في بغداد", "في أربيل", "في النجف", "في الموصل", "في كركوك", "في الأنبار", "في واشنطن", "في طهران"]
HEADINGS = ["خلفية الأزمة", "ردود الفعل", "الموقف الدولي", "ما الذي يحدث بعد ذلك", "أرقام ودلالات", "تحديات قائمة"]
# The synthetic translations' words: none a glossary name, a date or a number (each translation
# takes its names and numbers from its Arabic: faithful_to).
ENGLISH = ["The official said", "talks would resume", "according to the ministry", "in the capital", "soon",
           "the committee", "the budget", "before long", "the agreement", "lawmakers must approve it"]


def paragraph_pool() -> list[str]:
    """The article-text paragraphs of the seed and the corpus, in reading order and normalised."""
    from explainer.intake.normalise import normalise_arabic
    from explainer.intake.segment import segment_article

    patterns = load_furniture_patterns(ROOT / "content" / "furniture.yml")
    pool = []
    for path in [SEED / "article.ar.txt", *(CORPUS / c / "article.ar.txt" for c in CORPUS_CASES)]:
        lines = normalise_arabic(path.read_text(encoding="utf-8")).lines
        segmentation = segment_article(lines, patterns)
        pool += [lines[b.line - 1] for b in segmentation.blocks if b.kind == "paragraph"]
    return pool


def glossary_terms() -> list[tuple[str, str]]:
    """Each glossary entry's Arabic and English names, which the synthetic sentences mention."""
    return [(entry.ar, entry.en) for entry in load_glossary(ROOT / "content").entries]


# Glossary names added to each composed sentence: with the pool's own, this puts the synthetic
# articles' mentions per segment near the seed's (about 4; the reader table gives the rates).
TERMS_PER_SENTENCE = (4, 8)


def _mentions(chooser: random.Random, terms: list[tuple[str, str]]) -> str:
    names = [chooser.choice(terms)[0] for _ in range(chooser.randint(*TERMS_PER_SENTENCE))]
    return " بشأن " + " و".join(names)


def article_text(index: int, pool: list[str], terms: list[tuple[str, str]] | None = None) -> str:
    """A real-length article, different from every other index's, naming glossary entries."""
    chooser = random.Random(index)
    lines = []
    for paragraph in range(chooser.randint(18, 24)):
        if paragraph and paragraph % 5 == 0:
            lines.append(f"{chooser.choice(HEADINGS)} في التقرير {index}")
        if chooser.random() < 0.5:
            # Change every number and mark every sentence, so each is this article's own.
            source = re.sub(r"\d+", lambda m: str(chooser.randint(2, 9999)), chooser.choice(pool))
            lines.append(" ".join(_TRAILING_MARKS.sub(f" ({index}-{paragraph}-{k})\\g<0>", sentence, count=1)
                                  for k, sentence in enumerate(split_sentences(source))))
        else:
            sentences = [f"{chooser.choice(SUBJECTS)} {chooser.choice(PLACES)} {chooser.choice(VERBS)} "
                         f"{chooser.choice(PREDICATES)}{_mentions(chooser, terms) if terms else ''}، "
                         f"بحسب بيان رقم {index * 100 + paragraph}."
                         for _ in range(chooser.randint(1, 3))]
            lines.append(" ".join(sentences))
    return "\n".join(lines) + "\n"


def faithful_to(arabic: str, glossary: Glossary) -> str:
    """What a faithful English of the Arabic keeps, for the synthetic translation's random words:
    the English names of the glossary entries the Arabic names, and its numbers, so the
    translation checks meet names and numbers the two share, as in a real translation, rather
    than a mismatch in nearly every pair. (Dates are left out: a date in words would bring
    numbers of its own; the dates check costs the same either way.)"""
    names = list(dict.fromkeys(glossary[m.entry_id].en for m in glossary.matcher.find(arabic, "ar")))
    numbers = list(dict.fromkeys(f"{n.value.normalize():f}" + ("%" if n.percent else "")
                                 for n in numbers_in(arabic, "ar") if not n.loose))
    return "".join(f" {word} " + ", ".join(parts) for word, parts in (("about", names), ("counting", numbers)) if parts)


def english_ratio(catalog: Path = SEED / "en.po") -> float:
    """English words for each Arabic word in a real translation: the seed's, 1.21 (716 for 590).

    English spells out what Arabic joins to its words (the article, "and", "in", "to"), so a
    faithful English runs a fifth longer; the synthetic translations are sized by it."""
    pairs = [(str(m.id), str(m.string)) for m in read_catalog(catalog) if m.id and m.string]
    return sum(len(english.split()) for _, english in pairs) / sum(len(arabic.split()) for arabic, _ in pairs)


def synthetic_english(arabic: str, glossary: Glossary, ratio: float, chooser: random.Random) -> str:
    """A translation of arabic as long as a real one (ratio English words an Arabic word): random
    phrases of ENGLISH, then what a faithful translation keeps of it (faithful_to)."""
    kept = faithful_to(arabic, glossary)
    wanted = round(ratio * len(arabic.split())) - len(kept.split())
    phrases = [chooser.choice(ENGLISH)]
    length = len(phrases[0].split())
    while length < wanted:
        phrases.append(chooser.choice(ENGLISH))
        length += len(phrases[-1].split())
    return " ".join(phrases) + kept + "."


# The hand-written pages the navigation names (mkdocs.yml's nav), in each edition, as stand-ins.
HAND_WRITTEN = {"about.md": ("About", "حول الموقع"), "map.md": ("Map", "الخريطة")}


def make_site(root: Path, count: int) -> None:
    """A project of count synthetic articles, each with a complete en.po, in both editions."""
    root.mkdir(parents=True)
    # scripts/ holds the MkDocs hook that mkdocs.yml names.
    for name in ("mkdocs.yml", "mkdocs.ar.yml", "overrides", "scripts"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(source, root / name)
    (root / "content" / "articles").mkdir(parents=True)
    # The real glossary, so every article goes through term matching as on the site (its notes
    # and the timeline cite the seed's sentences, which a synthetic site does not have).
    for name in ("furniture.yml", "glossary.yml"):
        shutil.copy2(ROOT / "content" / name, root / "content" / name)
    # The real home page links to hand-written pages and the seed's sentences, which a
    # synthetic site does not have: a home page that lists the articles stands in.
    (root / "content" / "home.md").write_text("# Benchmark\n\n<!-- articles -->\n", encoding="utf-8")
    # The Arabic edition: the interface catalog, a home page and the hand-written pages' twins.
    shutil.copytree(ROOT / "content" / "interface", root / "content" / "interface")
    (root / "content" / "home.ar.md").write_text("# موقع تجريبي\n\n<!-- articles -->\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "content" / "ar").mkdir()
    for name, (english, arabic) in HAND_WRITTEN.items():
        (root / "docs" / name).write_text(f"# {english}\n\nA page of the benchmark site.\n", encoding="utf-8")
        (root / "content" / "ar" / name).write_text(f"# {arabic}\n\nصفحة من الموقع التجريبي.\n", encoding="utf-8")
    patterns = load_furniture_patterns(root / "content" / "furniture.yml")
    pool = paragraph_pool()
    terms = glossary_terms()
    glossary = load_glossary(ROOT / "content")
    ratio = english_ratio()
    for index in range(count):
        folder = root / "content" / "articles" / f"article-{index:04d}"
        folder.mkdir()
        (folder / "article.ar.txt").write_text(article_text(index, pool, terms), encoding="utf-8")
        # One a day from the start of 2023: 500 articles run into May 2024, over two years' pages.
        published = date(2023, 1, 1) + timedelta(days=index)
        meta = {"title": {"ar": f"مقال تجريبي رقم {index}", "en": f"Synthetic article {index}"},
                "publisher": "Benchmark", "published": published.isoformat(), "url": "", "byline": "", "summary": ""}
        (folder / "meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
        article = load_article(folder, patterns)
        catalog = article_template(article)
        chooser = random.Random(-index)
        for message in catalog:
            if message.id:
                message.string = synthetic_english(str(message.id), glossary, ratio, chooser)
        write_catalog(folder / "en.po", catalog)


# Each build runs in a fresh process, which reports the build's own time, from after its
# modules' imports to its end: wall time, CPU time (the figure compared: other work on a
# shared machine inflates wall time but not CPU time) and the process's peak resident memory.
_REPORT = """
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""
_PIPELINE = """
import json, resource, time
from pathlib import Path
from explainer.publishing.build import build
start, cpu_start = time.perf_counter(), time.process_time()
# Draft mode: synthetic articles mention dates no timeline event covers; the work is the same.
build(Path("."), strict=False)
""" + _REPORT
# What `mkdocs build --strict` does. Timed like the pipeline, from after its modules' imports:
# each build reads its own configuration (mkdocs.yml with its theme and plugins; furniture.yml).
_MKDOCS = """
import json, resource, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
start, cpu_start = time.perf_counter(), time.process_time()
config = load_config(config_file=CONFIG, strict=True)
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
""" + _REPORT
# Builds per size, of the pipeline and of MkDocs; the fastest counts (the others met other work on the machine).
REPEATS = 3


@dataclass(frozen=True)
class Run:
    """One build: its own wall and CPU time, and the peak resident memory of its process."""

    seconds: float
    cpu: float
    peak_mib: float


def mkdocs_script(config: str) -> str:
    """The MkDocs build of one edition's configuration file."""
    return f"CONFIG = {config!r}\n" + _MKDOCS


def timed(script: str, cwd: Path) -> Run:
    """Run a build script in a fresh Python process; what it reports."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"build failed in {cwd}:\n{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Run(figures["seconds"], figures["cpu"], figures["peak_kib"] / 1024)


# The page of each type that the reader table measures, by what it is: a path under the site,
# or a function of the built site that picks one (the heaviest of its kind).
def _heaviest(site: Path, pattern: str) -> str | None:
    found = [p for p in site.glob(pattern) if not p.relative_to(site).as_posix().startswith("ar/")]
    if not found:
        return None
    page = max(found, key=lambda p: (p.stat().st_size, p.as_posix()))
    return page.parent.relative_to(site).as_posix() + "/"


PAGE_TYPES: dict[str, Callable[[Path], str | None]] = {
    "home": lambda site: "",
    "archive, first page": lambda site: "articles/",
    "article (the longest)": lambda site: _heaviest(site, "articles/article-*/index.html"),
    "glossary index": lambda site: "glossary/",
    "glossary entry (the most named)": lambda site: _heaviest(site, "glossary/*/index.html"),
    "who's who": lambda site: "whos-who/",
    "timeline": lambda site: "timeline/",
    "timeline year (the fullest)": lambda site: _heaviest(site, "timeline/*/index.html"),
}
# Targets for what a reader gets on a page that is not an article, and for the site on disk.
BUDGET_KIB, BUDGET_ELEMENTS, BUDGET_DISK_KB = 150, 1500, 250
# MkDocs' time per article at the largest size may be at most this many times its time at 100.
MAX_GROWTH = 1.3


@dataclass(frozen=True)
class Load:
    """One page as a reader's browser loads it: bytes transferred (gzip, fonts included) and elements."""

    kib: float
    elements: int


@dataclass(frozen=True)
class Reader:
    """What a reader gets on a built site: each page type's load by edition ("en", "ar"), the
    site's size on disk, its heaviest generated page, and a first search's transfer."""

    loads: dict[tuple[str, str], Load]
    disk_bytes: int
    heaviest: tuple[str, int]
    # KiB a first search transfers, by edition (see first_search); None where it was not measured.
    search_kib: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    articles: int
    segments: int
    pipeline: Run
    incremental: Run
    mkdocs: Run
    mkdocs_ar: Run | None = None
    reader: Reader | None = None
    mentions: tuple[float, float] = (0.0, 0.0)
    # Glossary matches (both columns) linked, proposed to the editor and rejected, from the build's report.
    terms: tuple[int, int, int] = (0, 0, 0)

    @property
    def share(self) -> float:
        """The pipeline's build (both editions' pages) as a share of MkDocs' builds of both, in CPU time."""
        return self.pipeline.cpu / (self.mkdocs.cpu + (self.mkdocs_ar.cpu if self.mkdocs_ar else 0.0))


def site_size(site: Path) -> int:
    """Bytes of every file of the built site (both editions: the Arabic is under site/ar/)."""
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def heaviest_page(site: Path) -> tuple[str, int]:
    """The largest generated HTML page of either edition, by its site path and bytes."""
    page = max(site.rglob("*.html"), key=lambda p: (p.stat().st_size, p.as_posix()))
    return page.relative_to(site).as_posix(), page.stat().st_size


_LOADED = """() => {
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  return [entries.reduce((sum, e) => sum + (e.transferSize || 0), 0), document.getElementsByTagName("*").length];
}"""


def page_load(browser: Any, url: str) -> Load:
    """Load url in a fresh context (nothing cached) until the network is idle: bytes transferred and elements."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        transferred, elements = page.evaluate(_LOADED)
        return Load(transferred / 1024, int(elements))
    finally:
        context.close()


# A first search's queries, by edition: names every article has, and two-word phrases of common
# words (Pagefind fetches each word's index chunk and the fragments of the pages shown).
SEARCH_QUERIES = {"en": ("coalition", "Sudani", "Iraqi government", "US forces"),
                  "ar": ("التحالف", "السوداني", "الحكومة العراقية", "القوات الأمريكية")}


def first_search(browser: Any, url: str, edition: str) -> float:
    """KiB transferred by a first search on the page at url (nothing cached): the most of the
    edition's SEARCH_QUERIES."""
    from search_transfer import search_transfer  # benchmarks/, the script's own folder, is on sys.path

    return max(search_transfer(browser, url, query) for query in SEARCH_QUERIES[edition]) / 1024


def measure_reader(site: Path) -> Reader:
    """Serve the built site with gzip on 127.0.0.1 and load one page of each type in each edition."""
    from playwright.sync_api import sync_playwright

    from explainer.audit import CHROME_FLAGS, CHROMIUM, serve

    loads: dict[tuple[str, str], Load] = {}
    searches: dict[str, float | None] = {}
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        try:
            for name, pick in PAGE_TYPES.items():
                path = pick(site)
                for edition, prefix in (("en", ""), ("ar", "ar/")):
                    if path is not None and (site / prefix / path / "index.html").exists():
                        loads[(name, edition)] = page_load(browser, f"{origin}/{prefix}{path}")
            for edition, prefix in (("en", ""), ("ar", "ar/")):
                searches[edition] = first_search(browser, f"{origin}/{prefix}", edition)
        finally:
            browser.close()
    return Reader(loads, site_size(site), heaviest_page(site), searches)


def mention_rate(root: Path) -> tuple[float, float]:
    """Glossary mentions per segment in the site's articles, Arabic and English."""
    from explainer.pages.glossary_annotate import load_site_glossary
    from explainer.publishing.build import load_translations

    articles, _ = load_articles(root / "content")
    found = load_site_glossary(root / "content", articles, load_translations).occurrences
    segments = sum(len(a.segmentation.segments) for a in articles) or 1
    return (sum(o.language == "ar" for o in found) / segments, sum(o.language == "en" for o in found) / segments)


def measure(count: int, workspace: Path, pages: bool = True) -> Row:
    root = workspace / f"site-{count}"
    shutil.rmtree(root, ignore_errors=True)
    make_site(root, count)
    runs = []
    for _ in range(REPEATS):
        clean(root)
        runs.append(timed(_PIPELINE, root))
    first = min(runs, key=lambda r: r.cpu)
    unchanged = timed(_PIPELINE, root)
    built = min((timed(mkdocs_script("mkdocs.yml"), root) for _ in range(REPEATS)), key=lambda r: r.cpu)
    # The Arabic edition after the English (its site_dir, site/ar, is inside the English one's).
    arabic = timed(mkdocs_script("mkdocs.ar.yml"), root)
    report = (root / "build" / "report.json").read_text(encoding="utf-8")
    segments = sum(int(n) for n in re.findall(r'"segments": (\d+)', report))
    articles = json.loads(report)["articles"]
    terms = tuple(sum(a["terms"][status] for a in articles) for status in ("linked", "proposed", "rejected"))
    site = root / "site"
    reader = measure_reader(site) if pages else Reader({}, site_size(site), heaviest_page(site))
    return Row(count, segments, first, unchanged, built, arabic, reader, mention_rate(root), terms)  # type: ignore[arg-type]


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _optional(run: Run | None) -> str:
    return "–" if run is None else f"{run.cpu:.2f}"


def table(rows: list[Row]) -> str:
    """The builds: the pipeline's and each edition's MkDocs, with the site's size on disk."""
    lines = ["| articles | segments | pipeline build, CPU (s) | per article (ms) | peak memory (MiB) "
             "| unchanged rebuild, CPU (s) | MkDocs build, CPU (s) | pipeline / MkDocs | wall time: pipeline / MkDocs (s) "
             "| MkDocs per article (ms) | Arabic edition's MkDocs build, CPU (s) | on disk per article, both editions (KB) "
             "| heaviest page (KB) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for row in rows:
        reader = row.reader
        disk = "–" if reader is None else f"{reader.disk_bytes / 1000 / row.articles:.0f}"
        heaviest = "–" if reader is None else f"{reader.heaviest[1] / 1000:.0f} ({reader.heaviest[0]})"
        lines.append(f"| {row.articles} | {row.segments} | {row.pipeline.cpu:.2f} | "
                     f"{1000 * row.pipeline.cpu / row.articles:.1f} | {row.pipeline.peak_mib:.0f} | "
                     f"{row.incremental.cpu:.2f} | {row.mkdocs.cpu:.2f} | {row.share:.2f} | "
                     f"{row.pipeline.seconds:.2f} / {row.mkdocs.seconds:.2f} | {1000 * row.mkdocs.cpu / row.articles:.1f} | "
                     f"{_optional(row.mkdocs_ar)} | {disk} | {heaviest} |")
    return "\n".join(lines)


def _load(load: Load | None) -> str:
    return "–" if load is None else f"{load.kib:.0f} KiB, {load.elements:,}"


def reader_table(rows: list[Row]) -> str:
    """What a reader gets: each page type's transfer on load (KiB, gzip, fonts included) and its
    element count, English / Arabic edition, one column a size; and a first search's transfer."""
    measured = [row for row in rows if row.reader is not None and row.reader.loads]
    lines = ["| page: KiB on load, elements (English / Arabic) | " + " | ".join(f"{row.articles} article(s)" for row in measured) + " |",
             "| --- |" + " --- |" * len(measured)]
    for name in PAGE_TYPES:
        cells = [" / ".join(_load(row.reader.loads.get((name, edition))) for edition in ("en", "ar"))  # type: ignore[union-attr]
                 for row in measured]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    searches = [" / ".join("–" if (kib := row.reader.search_kib.get(edition)) is None else f"{kib:.0f} KiB"  # type: ignore[union-attr]
                           for edition in ("en", "ar")) for row in measured]
    lines.append("| first search, transferred | " + " | ".join(searches) + " |")
    rates = [f"{row.mentions[0]:.1f} / {row.mentions[1]:.1f}" for row in measured]
    lines.append("| glossary mentions per segment (Arabic / English) | " + " | ".join(rates) + " |")
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """What the tables fail of their targets (empty when they meet them all)."""
    failures = []
    for row in rows:
        if row.articles >= 10 and row.share > MAX_SHARE:
            failures.append(f"{row.articles} articles: the pipeline took {row.share:.0%} of MkDocs' time (at most {MAX_SHARE:.0%})")
    for small, large in zip(rows, rows[1:]):
        if small.articles >= 10:
            # Per-article time may not grow by more than half from one size to the next.
            ratio = (large.pipeline.cpu / large.articles) / (small.pipeline.cpu / small.articles)
            if ratio > 1.5:
                failures.append(f"{small.articles} → {large.articles} articles: time per article grew {ratio:.1f}×")
    hundred = next((row for row in rows if row.articles == 100), None)
    largest = rows[-1] if rows else None
    if hundred is not None and largest is not None and largest.articles > 100:
        growth = (largest.mkdocs.cpu / largest.articles) / (hundred.mkdocs.cpu / hundred.articles)
        if growth > MAX_GROWTH:
            failures.append(f"100 → {largest.articles} articles: MkDocs' time per article grew {growth:.2f}× (at most {MAX_GROWTH}×)")
    for row in rows:
        if row.reader is None:
            continue
        for (name, edition), load in row.reader.loads.items():
            if name.startswith("article"):
                continue
            if load.kib > BUDGET_KIB or load.elements > BUDGET_ELEMENTS:
                failures.append(f"{row.articles} articles: {name} ({edition}) {load.kib:.0f} KiB, {load.elements} elements "
                                f"(at most {BUDGET_KIB} KiB and {BUDGET_ELEMENTS} elements)")
        for edition, kib in row.reader.search_kib.items():
            if kib is not None and kib > BUDGET_KIB:
                failures.append(f"{row.articles} articles: a first search ({edition}) {kib:.0f} KiB (at most {BUDGET_KIB} KiB)")
        per_article = row.reader.disk_bytes / 1000 / row.articles
        if row.articles >= 100 and per_article > BUDGET_DISK_KB:
            failures.append(f"{row.articles} articles: {per_article:.0f} KB on disk per article (at most {BUDGET_DISK_KB})")
    growth_on_disk = projection(rows)
    if growth_on_disk is not None and growth_on_disk[1] > PAGES_LIMIT_BYTES:
        failures.append(f"{PROJECTED_ARTICLES:,} articles: {growth_on_disk[1] / 1e9:.3f} GB on disk, projected "
                        f"(GitHub Pages publishes at most {PAGES_LIMIT_BYTES / 1e9:.0f} GB)")
    return failures


# What the issue's 250 KB an article is for: 4,000 articles within GitHub Pages' 1 GB.
PROJECTED_ARTICLES, PAGES_LIMIT_BYTES = 4000, 1_000_000_000


def projection(rows: list[Row]) -> tuple[float, float] | None:
    """The site's growth on disk from its two largest sizes of 100 articles or more: the KB each
    article added between them, and the bytes the site would take at PROJECTED_ARTICLES
    (a site's fixed part, its theme, fonts and index pages, weighs on the average at 100
    articles; what decides how many fit is what each article adds)."""
    sized = [row for row in rows if row.reader is not None and row.articles >= 100]
    if len(sized) < 2:
        return None
    small, large = sized[-2], sized[-1]
    assert small.reader is not None and large.reader is not None
    added = (large.reader.disk_bytes - small.reader.disk_bytes) / (large.articles - small.articles)
    return added / 1000, large.reader.disk_bytes + (PROJECTED_ARTICLES - large.articles) * added


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 500])
    options.add_argument("--keep", type=Path, help="build the sites in this folder and keep them")
    options.add_argument("--no-pages", action="store_true", help="time the builds and measure the disk, without loading pages in a browser")
    args = options.parse_args(argv)
    # Under build/ (ignored by git), not /tmp: on this machine /tmp's metadata operations cost
    # several times more, which would time the file system rather than the builds.
    (ROOT / "build").mkdir(exist_ok=True)
    workspace = args.keep or Path(tempfile.mkdtemp(prefix="bench-", dir=ROOT / "build"))
    workspace.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for count in args.sizes:
            rows.append(measure(count, workspace, pages=not args.no_pages))
            print(f"measured {count} article(s)", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(workspace, ignore_errors=True)
    print(f"Machine: {machine()}\n")
    print(table(rows))
    for row in rows:
        linked, proposed, rejected = row.terms
        print(f"\nGlossary matches at {row.articles} article(s): {linked} linked, {proposed} proposed "
              f"(waiting for the editor), {rejected} rejected (by context or date)", end="")
    print()
    growth_on_disk = projection(rows)
    if growth_on_disk is not None:
        print(f"\nOn disk, both editions: {growth_on_disk[0]:.0f} KB for each article added; at {PROJECTED_ARTICLES:,} "
              f"articles, {growth_on_disk[1] / 1e6:,.0f} MB (GitHub Pages publishes at most {PAGES_LIMIT_BYTES / 1e9:.0f} GB)")
    if any(row.reader is not None and row.reader.loads for row in rows):
        print()
        print(reader_table(rows))
    failures = verdicts(rows)
    for failure in failures:
        print(f"TARGET MISSED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
