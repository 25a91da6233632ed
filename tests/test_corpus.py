"""The corpus: articles with what real Arabic news text carries, and what the pipeline makes of each.

Each tests/corpus/<case>/ holds article.ar.txt as an editor would paste it and expected.yml:
the blocks and sentences, the dropped lines, the agency credits and how many changes of each
kind the normaliser made. `make golden` rewrites expected.yml; review it with git diff.
tests/corpus/README.md says where each text came from and under what licence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from explainer.publishing.build import render_site
from explainer.intake.catalog import Translation
from explainer.intake.read import read_source
from explainer.pages.render import render_article
from explainer.publishing.verify import collect_segments, verify_page
from pagecheck import article_from_text, page_to_html

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def analysis(case: str) -> dict[str, Any]:
    """What the pipeline makes of a corpus article, in the shape of expected.yml."""
    source = read_source(CORPUS / case / "article.ar.txt")
    article = article_from_text(source.text, case, CORPUS / case)
    return {
        "blocks": [{block.kind: [s.text for s in block.segments]} for block in article.segmentation.blocks],
        "dropped": [{"line": d.line, "kind": d.kind, "text": d.text} for d in article.segmentation.dropped],
        "credits": [{"line": c.line, "text": c.text, "in_text": c.in_text} for c in article.segmentation.credits],
        "changes": dict(sorted(article.normalised.change_counts().items())),
    }


def test_the_corpus_is_documented() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert len(CASES) >= 6
    for case in CASES:
        assert f"`{case}`" in readme, f"tests/corpus/README.md does not say where {case} came from"


@pytest.mark.parametrize("case", CASES)
def test_corpus_article_segments_as_expected(case: str, update_golden: bool) -> None:
    expected_file = CORPUS / case / "expected.yml"
    got = analysis(case)
    if update_golden:
        expected_file.write_text(yaml.safe_dump(got, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    assert expected_file.exists(), f"no expected.yml for {case}: run `make golden` and review it"
    assert got == yaml.safe_load(expected_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES)
def test_corpus_article_reaches_its_page_whole_and_literal(case: str) -> None:
    """Rendered and converted as the site does, every kept line is on the page, and no markup ran."""
    article = article_from_text(read_source(CORPUS / case / "article.ar.txt").text, case, CORPUS / case)
    translations = {s.id: Translation(s.id, "", "untranslated", (), 1) for s in article.segmentation.segments}
    page = render_article(article, translations)
    html, _ = page_to_html(page.text)
    report = {"dropped": [{"line": d.line, "text": d.text} for d in article.segmentation.dropped]}
    assert verify_page(article, report, html, page.path) == []
    segments, _ = collect_segments(html)
    assert [s.seg for s in segments if s.lang == "ar"] == [s.id for s in article.segmentation.segments]
    assert "<script>" not in html and "<b>" not in html


def test_the_corpus_builds_as_a_site_of_many_articles() -> None:
    articles = [article_from_text(read_source(CORPUS / c / "article.ar.txt").text, c, CORPUS / c) for c in CASES]
    pages = render_site(articles).pages
    assert {f"articles/{c}/index.md" for c in CASES} <= {p.path for p in pages}
