"""The benchmark script: a smoke run at two articles, and the articles it makes. Timing is not asserted here."""

from __future__ import annotations

import importlib.util
import sys
import re
from pathlib import Path

import pytest

from conftest import ROOT, run
from explainer.intake.content import load_articles

BENCH = ROOT / "benchmarks" / "bench.py"
spec = importlib.util.spec_from_file_location("bench", BENCH)
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
sys.modules["bench"] = bench  # dataclasses look their module up here
spec.loader.exec_module(bench)


def test_synthetic_articles_are_real_length_distinct_and_fully_translated(tmp_path: Path) -> None:
    bench.make_site(tmp_path / "site", 4)
    articles, _ = load_articles(tmp_path / "site" / "content")
    assert len(articles) == 4
    ids = [s.id for a in articles for s in a.segmentation.segments]
    assert len(ids) == len(set(ids)), "two synthetic articles share a segment"
    for article in articles:
        assert 20 <= len(article.segmentation.segments) <= 80
        assert 3000 <= len(article.source.text) <= 20000
        po = article.catalog_path.read_text(encoding="utf-8")
        assert 'msgstr ""\n\n' not in po.split("\n\n", 1)[1]
    # The translations run as long as a real one: the seed's English words an Arabic word (1.21).
    ratio = bench.english_ratio()
    assert 1.1 < ratio < 1.4
    synthetic = bench.english_ratio(articles[0].catalog_path)
    assert ratio <= synthetic < ratio + 0.3, synthetic


def test_bench_smoke_run_prints_the_tables(tmp_path: Path) -> None:
    result = run([sys.executable, str(BENCH), "--sizes", "2", "--keep", str(tmp_path / "work")], ROOT, check=False)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Machine: ") and "Python 3." in lines[0], result.stderr
    row = next(line for line in lines if line.startswith("| 2 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 13 and float(cells[2]) > 0 and float(cells[6]) > 0 and " / " in cells[8]
    assert float(cells[10]) > 0, "the Arabic edition's MkDocs build is timed"
    assert float(cells[11]) > 0 and cells[12].endswith(".html)")
    site = tmp_path / "work" / "site-2" / "site"
    assert (site / "articles" / "article-0001" / "index.html").exists()
    assert (site / "ar" / "articles" / "article-0001" / "index.html").exists()
    # The reader table: each page type, both editions, with KiB and elements; a first search's KiB in each.
    reader = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in lines
              if line.startswith("| ") and line.count("|") == 3}
    for name in ("home", "archive, first page", "article (the longest)", "glossary index",
                 "glossary entry (the most named)", "who's who", "timeline"):
        assert re.fullmatch(r"\d+ KiB, [\d,]+ / \d+ KiB, [\d,]+", reader[name]), (name, reader[name])
    english_search, arabic_search = (int(kib.removesuffix(" KiB")) for kib in reader["first search, transferred"].split(" / "))
    assert 20 < english_search < 300 and 20 < arabic_search < 300, reader["first search, transferred"]
    arabic, english = (float(rate) for rate in reader["glossary mentions per segment (Arabic / English)"].split(" / "))
    assert arabic > 1 and english > 1, "the synthetic articles name glossary entries"


def test_the_pages_and_disk_budgets_are_checked() -> None:
    light, heavy = bench.Load(40.0, 600), bench.Load(160.0, 2400)
    loads = {("home", "en"): light, ("glossary index", "ar"): heavy, ("article (the longest)", "en"): heavy}
    reader = bench.Reader(loads, 300 * 1000 * 100, ("x.html", 1), {"en": 149.5, "ar": 151.2})
    rows = [bench.Row(100, 3000, run_of(1.0), run_of(0.5), run_of(10.0), reader=reader),
            bench.Row(500, 15000, run_of(5.0), run_of(2.5), run_of(70.0))]
    assert bench.verdicts(rows) == [
        "100 → 500 articles: MkDocs' time per article grew 1.40× (at most 1.3×)",
        "100 articles: glossary index (ar) 160 KiB, 2400 elements (at most 150 KiB and 1500 elements)",
        "100 articles: a first search (ar) 151 KiB (at most 150 KiB)",
        "100 articles: 300 KB on disk per article (at most 250)",
    ]


def test_the_site_s_growth_on_disk_is_projected_to_four_thousand_articles() -> None:
    """What each article adds, from the two largest sizes, decides whether 4,000 fit in 1 GB."""
    def row(articles: int, kb: float) -> object:
        return bench.Row(articles, articles * 30, run_of(1.0), run_of(0.5), run_of(10.0),
                         reader=bench.Reader({}, int(kb * 1000 * articles), ("x.html", 1)))
    fits = [row(10, 900), row(100, 255), row(500, 234)]
    added, projected = bench.projection(fits)
    assert added == pytest.approx((234 * 500 - 255 * 100) / 400) and projected == pytest.approx(
        234e3 * 500 + 3500 * added * 1000)
    assert bench.verdicts(fits) == ["100 articles: 255 KB on disk per article (at most 250)"]
    grows = [row(100, 240), row(500, 249)]  # under 250 on average, but each article adds 251 KB
    assert bench.verdicts(grows) == ["4,000 articles: 1.004 GB on disk, projected (GitHub Pages publishes at most 1 GB)"]
    assert bench.projection([row(100, 240)]) is None


def run_of(seconds: float) -> object:
    return bench.Run(seconds + 0.2, seconds, 30.0)


@pytest.mark.parametrize(("rows", "missed"), [
    ([(10, 0.1, 1.0), (100, 1.0, 10.0), (500, 5.0, 50.0)], []),
    ([(10, 0.3, 1.0)], ["10 articles: the pipeline took 30% of MkDocs' time (at most 20%)"]),
    ([(100, 1.0, 10.0), (500, 8.0, 50.0)], ["100 → 500 articles: time per article grew 1.6×"]),
    ([(1, 0.5, 1.0)], []),  # one article: start-up costs dominate, no target
])
def test_the_targets_are_checked(rows: list[tuple[int, float, float]], missed: list[str]) -> None:
    measured = [bench.Row(n, n * 30, run_of(p), run_of(p / 2), run_of(m)) for n, p, m in rows]
    assert bench.verdicts(measured) == missed
