"""Benchmark: synthetic sites of 1, 10, 100 and 500 articles into a table of pipeline and MkDocs build times.

Each article is real length (about the seed's: 15-20 paragraphs, 25-35 segments) and made of
the seed's and the corpus's paragraphs with their numbers changed, plus sentences composed
from a vocabulary, so no two articles share segment ids; each has a complete en.po. For each
size the script runs, each in a fresh process as `make site` does:

- the pipeline's build (`explainer build --strict`'s work) and the peak resident memory of
  its process,
- the same again with nothing changed (the incremental build),
- `mkdocs build --strict` on the generated pages,

taking the fastest of three fresh builds of each.

The share compares the two builds' CPU times, each measured in its own process from after
its modules' imports (so each includes reading its own configuration); the last column
gives their wall times. It prints a Markdown table and exits non-zero if, at 10 articles
or more, the pipeline took more than a fifth of MkDocs' time or its time per article grew
by more than half from one size to the next.

    python benchmarks/bench.py [--sizes 1 10 100 500] [--keep DIR]
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
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from explainer.intake.catalog import write_catalog
from explainer.intake.content import article_template, load_article
from explainer.intake.segment import load_furniture_patterns, split_sentences

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
ENGLISH = ["The official said", "talks would resume", "according to the ministry", "in Baghdad", "next week",
           "the committee", "the budget", "by the end of the year", "the agreement", "parliament must approve it"]


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


def article_text(index: int, pool: list[str]) -> str:
    """A real-length article, different from every other index's."""
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
                         f"{chooser.choice(PREDICATES)}، بحسب بيان رقم {index * 100 + paragraph}."
                         for _ in range(chooser.randint(1, 3))]
            lines.append(" ".join(sentences))
    return "\n".join(lines) + "\n"


def make_site(root: Path, count: int) -> None:
    """A project of count synthetic articles, each with a complete en.po."""
    root.mkdir(parents=True)
    # scripts/ holds the MkDocs hook that mkdocs.yml names.
    for name in ("mkdocs.yml", "overrides", "scripts"):
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
    patterns = load_furniture_patterns(root / "content" / "furniture.yml")
    pool = paragraph_pool()
    for index in range(count):
        folder = root / "content" / "articles" / f"article-{index:04d}"
        folder.mkdir()
        (folder / "article.ar.txt").write_text(article_text(index, pool), encoding="utf-8")
        published = date(2024, 1, 1) + timedelta(days=index % 365)
        meta = {"title": {"ar": f"مقال تجريبي رقم {index}", "en": f"Synthetic article {index}"},
                "publisher": "Benchmark", "published": published.isoformat(), "url": "", "byline": "", "summary": ""}
        (folder / "meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
        article = load_article(folder, patterns)
        catalog = article_template(article)
        chooser = random.Random(-index)
        for message in catalog:
            if message.id:
                message.string = " ".join(chooser.choice(ENGLISH) for _ in range(chooser.randint(8, 30))) + "."
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
config = load_config(config_file="mkdocs.yml", strict=True)
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


def timed(script: str, cwd: Path) -> Run:
    """Run a build script in a fresh Python process; what it reports."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"build failed in {cwd}:\n{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Run(figures["seconds"], figures["cpu"], figures["peak_kib"] / 1024)


@dataclass(frozen=True)
class Row:
    articles: int
    segments: int
    pipeline: Run
    incremental: Run
    mkdocs: Run
    # Glossary matches (both columns) linked, proposed to the editor and rejected, from the build's report.
    terms: tuple[int, int, int] = (0, 0, 0)

    @property
    def share(self) -> float:
        """The pipeline's build as a share of MkDocs' own, in CPU time."""
        return self.pipeline.cpu / self.mkdocs.cpu


def measure(count: int, workspace: Path) -> Row:
    root = workspace / f"site-{count}"
    shutil.rmtree(root, ignore_errors=True)
    make_site(root, count)
    runs = []
    for _ in range(REPEATS):
        shutil.rmtree(root / "docs", ignore_errors=True)
        shutil.rmtree(root / "build", ignore_errors=True)
        runs.append(timed(_PIPELINE, root))
    first = min(runs, key=lambda r: r.cpu)
    unchanged = timed(_PIPELINE, root)
    built = min((timed(_MKDOCS, root) for _ in range(REPEATS)), key=lambda r: r.cpu)
    report = (root / "build" / "report.json").read_text(encoding="utf-8")
    segments = sum(int(n) for n in re.findall(r'"segments": (\d+)', report))
    articles = json.loads(report)["articles"]
    terms = tuple(sum(a["terms"][status] for a in articles) for status in ("linked", "proposed", "rejected"))
    return Row(count, segments, first, unchanged, built, terms)  # type: ignore[arg-type]


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown CPU")
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def table(rows: list[Row]) -> str:
    lines = ["| articles | segments | pipeline build, CPU (s) | per article (ms) | peak memory (MiB) "
             "| unchanged rebuild, CPU (s) | MkDocs build, CPU (s) | pipeline / MkDocs | wall time: pipeline / MkDocs (s) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(f"| {row.articles} | {row.segments} | {row.pipeline.cpu:.2f} | "
                     f"{1000 * row.pipeline.cpu / row.articles:.1f} | {row.pipeline.peak_mib:.0f} | "
                     f"{row.incremental.cpu:.2f} | {row.mkdocs.cpu:.2f} | {row.share:.2f} | "
                     f"{row.pipeline.seconds:.2f} / {row.mkdocs.seconds:.2f} |")
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """What the table fails of its two targets (empty when it meets both)."""
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
    return failures


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 500])
    options.add_argument("--keep", type=Path, help="build the sites in this folder and keep them")
    args = options.parse_args(argv)
    # Under build/ (ignored by git), not /tmp: on this machine /tmp's metadata operations cost
    # several times more, which would time the file system rather than the builds.
    (ROOT / "build").mkdir(exist_ok=True)
    workspace = args.keep or Path(tempfile.mkdtemp(prefix="bench-", dir=ROOT / "build"))
    workspace.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for count in args.sizes:
            rows.append(measure(count, workspace))
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
    failures = verdicts(rows)
    for failure in failures:
        print(f"TARGET MISSED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
