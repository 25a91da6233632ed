"""Edition stage: the site's content into the Arabic edition's pages, for docs-ar/.

The Arabic edition is the whole site again for readers who read Arabic first: the same paths
as the English edition (so every page has a twin at the same place under /ar/), its interface
strings from content/interface/ar.po, its article pages with the Arabic leading, and its
hand-written pages (home, about, map) from content/home.ar.md and content/ar/.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from ..core.problems import ContentError, Problem, display_path
from ..intake.catalog import Translation
from ..intake.content import Article
from ..knowledge.annotate import Matcher
from .archive import render_archive
from .home import read_home, render_home
from .interface import Interface
from .render import Page, SegmentNotes, render_article

ARABIC_DOCS = "docs-ar"
ARABIC_HOME = "home.ar.md"
# Hand-written Arabic pages, by path under docs-ar/, from content/ar/.
HAND_WRITTEN_DIR = "ar"
# Files the English docs/ holds by hand that the Arabic pages use as they are (the map's drawing).
SHARED_ASSETS = "assets/map"


def hand_written_pages(content: Path, english_docs: Path, generated: Collection[str] = ()) -> list[Page]:
    """The Arabic edition's own pages: every .md under content/ar/ at the same path. Every
    hand-written English page under docs/ (not one of the generated paths) that has no
    Arabic version is reported: each page needs its twin."""
    folder = content / HAND_WRITTEN_DIR
    pages = []
    problems = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        try:
            pages.append(Page(path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(display_path(path), None, f"cannot read the page ({error})", "save it as UTF-8 Markdown"))
    written = {page.path for page in pages}
    for path in sorted(english_docs.glob("*.md")):
        if path.name not in written and path.name not in generated:
            problems.append(Problem(display_path(path), None, "this page has no Arabic twin",
                                    f"write it in Arabic as {display_path(folder / path.name)}"))
    if problems:
        raise ContentError(problems)
    return pages


def shared_assets(english_docs: Path) -> list[Page]:
    """The English docs/ assets the Arabic pages include (the map's SVG and list), as they are."""
    folder = english_docs / SHARED_ASSETS
    return [Page(path.relative_to(english_docs).as_posix(), path.read_text(encoding="utf-8"))
            for path in sorted(folder.rglob("*")) if path.is_file()] if folder.is_dir() else []


def render_arabic_edition(content: Path, english_docs: Path,
                          entries: Sequence[tuple[Article, Mapping[str, Translation]]],
                          matchers: Sequence[Matcher], notes: SegmentNotes | None, ui: Interface,
                          shared: Sequence[Page], reuse: Mapping[str, Page] | None = None,
                          downloads: Mapping[str, int] | None = None) -> tuple[Page, ...]:
    """Every page of the Arabic edition, by path under docs-ar/.

    shared are generated pages that serve both editions as they are; reuse holds the Arabic
    pages of articles unchanged since the last build (explainer.publishing.manifest), not rendered
    again; downloads the sizes of the English edition's downloads, which the pages link.
    """
    reuse = reuse or {}
    pages = [reuse[article.slug] if article.slug in reuse
             else render_article(article, translations, matchers, notes, ui, downloads)
             for article, translations in entries]
    pages.extend(render_archive(entries, ui))
    home = read_home(content, ARABIC_HOME)
    if home is not None:
        pages.append(render_home(home, entries, ui))
    pages.extend(shared)
    pages.extend(hand_written_pages(content, english_docs, {page.path for page in pages}))
    pages.extend(shared_assets(english_docs))
    return tuple(pages)
