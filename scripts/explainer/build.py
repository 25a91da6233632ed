"""Build: every article in content/ into generated pages in docs/, and the build report."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from .catalog import Translation, pending_problems, read_catalog, translations_for
from .annotate import Matcher
from .content import Article, load_articles
from .editortext import translation_problems
from .problems import ContentError, Problem
from .render import Page, render_article, render_article_index
from .report import article_report, write_report

# Folders under docs/ that the build owns: regenerated each time, never committed.
GENERATED_DIRS = ("articles",)


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: pages, the per-article report, and what is not ready."""

    pages: tuple[Page, ...]
    reports: tuple[dict[str, Any], ...]
    pending: tuple[Problem, ...]
    written: tuple[str, ...]


def load_translations(article: Article) -> dict[str, Translation]:
    """The article's translations from its catalog (all untranslated if there is none yet)."""
    catalog = read_catalog(article.catalog_path) if article.catalog_path.exists() else Catalog(locale="en")
    translations = translations_for(article.segmentation.segments, catalog)
    problems = translation_problems(article.catalog_path, translations)
    if problems:
        raise ContentError(problems)
    return translations


def render_site(articles: Sequence[Article], matchers: Sequence[Matcher] = ()) -> BuildResult:
    """Render every page in memory: nothing is written, so a failure leaves docs/ as it was."""
    pages: list[Page] = []
    reports: list[dict[str, Any]] = []
    pending: list[Problem] = []
    entries = []
    problems: list[Problem] = []
    for article in articles:
        try:
            translations = load_translations(article)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        entries.append((article, translations))
        page = render_article(article, translations, matchers)
        pages.append(page)
        reports.append(article_report(article, translations) | {"annotation_conflicts": list(page.conflicts)})
        pending.extend(pending_problems(article.catalog_path, translations))
    if problems:
        raise ContentError(problems)
    pages.append(render_article_index(entries))
    return BuildResult(tuple(pages), tuple(reports), tuple(pending), ())


def write_pages(docs: Path, pages: Sequence[Page]) -> tuple[str, ...]:
    """Write pages that changed and delete generated files no page claims.

    Unchanged files are not touched, so `mkdocs serve` sees no event and cannot loop.
    """
    written = []
    wanted = {page.path for page in pages}
    for page in pages:
        target = docs / page.path
        data = page.text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        temporary.replace(target)
        written.append(page.path)
    for folder in GENERATED_DIRS:
        root = docs / folder
        if not root.exists():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return tuple(written)


def build(root: Path, *, strict: bool) -> BuildResult:
    """Load content/, render every page, and write docs/ and build/report.json under root.

    In strict mode an untranslated or fuzzy segment fails the build before anything is written.
    """
    articles, _ = load_articles(root / "content")
    result = render_site(articles)
    if strict and result.pending:
        raise ContentError(result.pending)
    written = write_pages(root / "docs", result.pages)
    write_report(root, result.reports)
    return BuildResult(result.pages, result.reports, result.pending, written)


def clean(root: Path) -> None:
    """Remove everything the build generates."""
    for folder in GENERATED_DIRS:
        shutil.rmtree(root / "docs" / folder, ignore_errors=True)
