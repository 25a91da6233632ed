"""Golden tests: the pages generated for the seed in both editions (articles, glossary, who's
who, timeline and its JSON, one entry's tooltip files; the Arabic edition's under ar/), compared
with reviewed copies.

Regenerate with `make golden` (pytest --update-golden) and review the change with
`git diff tests/golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from explainer.publishing.build import render_content
from explainer.intake.content import load_articles

GOLDEN = Path(__file__).resolve().parent / "golden"


# One entry's tooltip files, in both editions, stand for the article page's tooltips: each file is
# named by its content, so a change to any tooltip shows as a page naming another file.
GOLDEN_TIPS = "glossary/mohammed-shia-al-sudani/tips/"


def golden_pages() -> dict[str, str]:
    """Every generated page of the English edition, and under ar/ the Arabic edition's pages
    made from the same content (not its hand-written pages, nor files both editions share);
    of the tooltip files, those of GOLDEN_TIPS's entry."""
    articles, _ = load_articles(ROOT / "content")
    result = render_content(ROOT / "content", articles)
    pages = {page.path: page.text for page in result.pages if "/tips/" not in page.path or page.path.startswith(GOLDEN_TIPS)}
    arabic = {f"ar/{page.path}": page.text for page in result.arabic
              if (page.path in pages and page.path.endswith(".md")) or page.path.startswith(GOLDEN_TIPS)}
    assert any(path.startswith(GOLDEN_TIPS) for path in pages) and any(path.startswith("ar/" + GOLDEN_TIPS) for path in arabic)
    return pages | arabic


PAGES = golden_pages()


@pytest.mark.parametrize("path", sorted(PAGES))
def test_generated_page_matches_golden(path: str, update_golden: bool) -> None:
    expected_file = GOLDEN / path
    if update_golden:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(PAGES[path], encoding="utf-8")
    assert expected_file.exists(), f"no golden file for {path}: run `make golden` and review it"
    assert PAGES[path] == expected_file.read_text(encoding="utf-8")


def test_no_stale_golden_files() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.suffix in (".md", ".json", ".html")}
    assert on_disk == set(PAGES), "golden files without a generated page: delete them"
