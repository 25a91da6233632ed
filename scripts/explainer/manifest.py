"""Build manifest: each article's input digest and rendered pages, so an unchanged article is not rendered again.

An article's digest covers every file in its folder, every shared input in content/ outside
the articles (furniture.yml, the glossary, the timeline, the home page), and the source of
the explainer package itself (the renderer's version): a change to any of them renders the
article again. A page is reused only if the file in docs/ (or, for the Arabic edition's page of
the article, in docs-ar/) still has the digest recorded.

So an article's page may depend on nothing else. A matcher whose spans on one article
depend on other articles (a term's first mention across the site, a date marked once) must
hand what it depends on to site_fingerprint's `extra`, or such pages go stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content import Article
from .edition import ARABIC_DOCS
from .render import Page

MANIFEST_PATH = Path("build") / "manifest.json"
# Bump to drop every manifest written by an incompatible version.
_FORMAT = 2
_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class RenderedArticle:
    """An article's page and report from an earlier build, still valid, and its page in the
    Arabic edition when that is still valid too."""

    page: Page
    report: Mapping[str, Any]
    arabic: Page | None = None


def _digest_files(digest: "hashlib._Hash", base: Path, files: Iterable[Path]) -> None:
    for path in sorted(files, key=lambda p: p.relative_to(base).as_posix()):
        name = path.relative_to(base).as_posix().encode("utf-8")
        data = path.read_bytes()
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)


def site_fingerprint(content: Path, extra: Sequence[str] = ()) -> str:
    """Digest of what every page depends on: the package's code, content/ outside the articles,
    and any extra state that pages draw from across articles."""
    digest = hashlib.sha256(f"manifest {_FORMAT}".encode())
    for item in extra:
        digest.update(len(item).to_bytes(8, "big") + item.encode("utf-8"))
    _digest_files(digest, _PACKAGE, _PACKAGE.glob("*.py"))
    articles = content / "articles"
    shared = [p for p in content.rglob("*") if p.is_file() and articles not in p.parents]
    _digest_files(digest, content, shared)
    return digest.hexdigest()


def article_digest(article: Article, fingerprint: str) -> str:
    """Digest of everything an article's page is made from."""
    digest = hashlib.sha256(fingerprint.encode())
    _digest_files(digest, article.folder, (p for p in article.folder.rglob("*") if p.is_file()))
    return digest.hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reusable_articles(root: Path, articles: Sequence[Article], fingerprint: str) -> dict[str, RenderedArticle]:
    """The articles whose inputs are unchanged since the last build, with what it made of them."""
    try:
        manifest = json.loads((root / MANIFEST_PATH).read_text(encoding="utf-8"))
        entries = manifest["articles"] if manifest.get("format") == _FORMAT else {}
    except (OSError, ValueError, KeyError, AttributeError):
        return {}
    reusable = {}
    for article in articles:
        entry = entries.get(article.slug)
        if not isinstance(entry, dict) or entry.get("inputs") != article_digest(article, fingerprint):
            continue
        data = _unchanged(root / "docs", entry["page"], entry["page_sha256"])
        if data is None:
            continue
        page = Page(entry["page"], data, tuple(entry["report"].get("annotation_conflicts", ())))
        arabic = entry.get("arabic_page")
        arabic_data = _unchanged(root / ARABIC_DOCS, arabic, entry.get("arabic_page_sha256")) if arabic else None
        reusable[article.slug] = RenderedArticle(page, entry["report"],
                                                 Page(arabic, arabic_data) if arabic and arabic_data is not None else None)
    return reusable


def _unchanged(folder: Path, path: str, sha256: object) -> str | None:
    """The text of a page as the last build wrote it, or None if it is gone or was edited since."""
    try:
        data = (folder / path).read_bytes()
    except OSError:
        return None
    return data.decode("utf-8") if _sha256(data) == sha256 else None


def manifest_bytes(articles: Sequence[Article], pages: Mapping[str, Page], reports: Mapping[str, Mapping[str, Any]],
                   fingerprint: str, arabic_pages: Mapping[str, Page] | None = None) -> bytes:
    """The manifest for this build: per article, its input digest, its pages and its report."""
    entries = {}
    for article in articles:
        page = pages[article.slug]
        entries[article.slug] = {
            "inputs": article_digest(article, fingerprint),
            "page": page.path,
            "page_sha256": _sha256(page.text.encode("utf-8")),
            "report": reports[article.slug],
        }
        arabic = (arabic_pages or {}).get(article.slug)
        if arabic is not None:
            entries[article.slug] |= {"arabic_page": arabic.path, "arabic_page_sha256": _sha256(arabic.text.encode("utf-8"))}
    data = {"format": _FORMAT, "fingerprint": fingerprint, "articles": entries}
    # One line, no indent: json's C encoder only runs without one, and nobody reads this file.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
