"""Golden tests: the Markdown generated for the seed, compared with reviewed copies.

Regenerate with `make golden` (pytest --update-golden) and review the change with
`git diff tests/golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from explainer.build import render_site
from explainer.content import load_articles
from explainer.home import read_home

GOLDEN = Path(__file__).resolve().parent / "golden"


def golden_pages() -> dict[str, str]:
    articles, _ = load_articles(ROOT / "content")
    return {page.path: page.text for page in render_site(articles, home=read_home(ROOT / "content")).pages}


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
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    assert on_disk == set(PAGES), "golden files without a generated page: delete them"
