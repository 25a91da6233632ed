"""Build manifest: each article's input digest, rendered pages and scans, so an unchanged article
is neither rendered nor scanned again.

An article's digest covers every file in its folder, every shared input in content/ outside
the articles (furniture.yml, the glossary, the timeline, the home page), and the source of
the explainer package itself (the renderer's version): a change to any of them renders the
article again. A page is reused only if the file in docs/ (or, for the Arabic edition's page of
the article, in docs-ar/) still has the digest recorded.

The dates an article mentions and its glossary occurrences (its scans) depend on the same
inputs but not on other articles, so they are kept under a digest without the cross-article
state: editing one article's sentence scans that article again, not every article.

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

from ..intake.content import Article
from ..knowledge.dates import DateMention, DateValue
from ..knowledge.timeline import Mentions
from ..pages.edition import ARABIC_DOCS
from ..pages.glossary_annotate import Occurrence
from ..pages.render import Page

MANIFEST_PATH = Path("build") / "manifest.json"
# Bump to drop every manifest written by an incompatible version.
_FORMAT = 4
# The whole explainer package, every subpackage: a change anywhere in the code renders again.
_PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RenderedArticle:
    """An article's page and report from an earlier build, still valid, and its page in the
    Arabic edition when that is still valid too."""

    page: Page
    report: Mapping[str, Any]
    arabic: Page | None = None


@dataclass(frozen=True)
class ArticleScan:
    """What scanning an article found: the dates its segments mention and every glossary occurrence."""

    dates: Mentions
    occurrences: tuple[Occurrence, ...]

    def to_json(self) -> dict[str, list[list[Any]]]:
        return {"dates": [[segment, language, m.start, m.end, m.text, m.value.iso, m.basis]
                          for (segment, language), mentions in self.dates.items() for m in mentions],
                "occurrences": [[o.entry_id, o.segment_id, o.language, o.start, o.end, o.linked, o.status, list(o.candidates)]
                                for o in self.occurrences]}

    @classmethod
    def from_json(cls, slug: str, data: Mapping[str, Any]) -> ArticleScan:
        """The scan that to_json wrote; ValueError, KeyError or TypeError if it is not one."""
        dates: dict[tuple[str, Any], list[DateMention]] = {}
        for segment, language, start, end, text, iso, basis in data["dates"]:
            dates.setdefault((segment, language), []).append(DateMention(start, end, text, DateValue.parse(iso), basis))
        occurrences = tuple(Occurrence(entry_id, slug, segment, language, start, end, linked, status, tuple(candidates))
                            for entry_id, segment, language, start, end, linked, status, candidates in data["occurrences"])
        return cls({key: tuple(found) for key, found in dates.items()}, occurrences)


def _digest_files(digest: hashlib._Hash, base: Path, files: Iterable[Path]) -> None:
    for path in sorted(files, key=lambda p: p.relative_to(base).as_posix()):
        name = path.relative_to(base).as_posix().encode("utf-8")
        data = path.read_bytes()
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)


def content_fingerprint(content: Path) -> str:
    """Digest of what every article's scans depend on besides its folder: the package's code
    and content/ outside the articles."""
    digest = hashlib.sha256(f"manifest {_FORMAT}".encode())
    _digest_files(digest, _PACKAGE, _PACKAGE.rglob("*.py"))
    articles = content / "articles"
    shared = [p for p in content.rglob("*") if p.is_file() and articles not in p.parents]
    _digest_files(digest, content, shared)
    return digest.hexdigest()


def site_fingerprint(content: Path, extra: Sequence[str] = (), *, base: str | None = None) -> str:
    """Digest of what every page depends on: content_fingerprint (base, when worked out already)
    and any extra state that pages draw from across articles."""
    digest = hashlib.sha256((base or content_fingerprint(content)).encode())
    for item in extra:
        digest.update(len(item).to_bytes(8, "big") + item.encode("utf-8"))
    return digest.hexdigest()


def article_digests(article: Article, *fingerprints: str) -> tuple[str, ...]:
    """Digests of an article's folder under each fingerprint, the folder read once: everything
    its page is made from (with site_fingerprint) or its scans (with content_fingerprint)."""
    folder = hashlib.sha256()
    _digest_files(folder, article.folder, (p for p in article.folder.rglob("*") if p.is_file()))
    return tuple(hashlib.sha256(fingerprint.encode() + folder.digest()).hexdigest() for fingerprint in fingerprints)


Digests = Mapping[str, tuple[str, ...]]
"""Per article slug, its digests under the site and the content fingerprint, in that order
(article_digests(article, fingerprint, scan_fingerprint)): worked out once per build."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_entries(root: Path) -> dict[str, Any]:
    """The last build's entry for each article, by slug: none if its manifest is missing,
    unreadable or of another format."""
    try:
        manifest = json.loads((root / MANIFEST_PATH).read_text(encoding="utf-8"))
        entries = manifest["articles"] if manifest.get("format") == _FORMAT else {}
    except (OSError, ValueError, KeyError, AttributeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def reusable_articles(root: Path, articles: Sequence[Article], fingerprint: str,
                      entries: Mapping[str, Any] | None = None, digests: Digests | None = None) -> dict[str, RenderedArticle]:
    """The articles whose inputs are unchanged since the last build, with what it made of them.

    entries are the last manifest's (read from root when not given); digests the articles'
    (the first of each under fingerprint; worked out here when not given)."""
    entries = manifest_entries(root) if entries is None else entries
    reusable = {}
    for article in articles:
        entry = entries.get(article.slug)
        inputs = digests[article.slug][0] if digests is not None else article_digests(article, fingerprint)[0]
        if not isinstance(entry, dict) or entry.get("inputs") != inputs:
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


def reusable_scans(articles: Sequence[Article], scan_fingerprint: str, entries: Mapping[str, Any],
                   digests: Digests | None = None) -> dict[str, ArticleScan]:
    """The scans of the articles unchanged since the last build (with the same code and shared
    content), from its manifest entries; digests the articles' (the second of each under
    scan_fingerprint; worked out here when not given)."""
    scans = {}
    for article in articles:
        entry = entries.get(article.slug)
        scan = entry.get("scan") if isinstance(entry, dict) else None
        inputs = digests[article.slug][1] if digests is not None else article_digests(article, scan_fingerprint)[0]
        if not isinstance(scan, dict) or scan.get("inputs") != inputs:
            continue
        try:
            scans[article.slug] = ArticleScan.from_json(article.slug, scan)
        except (ValueError, KeyError, TypeError):
            continue  # written by hand or damaged: scan the article again
    return scans


def manifest_bytes(articles: Sequence[Article], pages: Mapping[str, Page], reports: Mapping[str, Mapping[str, Any]],
                   fingerprint: str, scans: Mapping[str, ArticleScan], digests: Digests,
                   arabic_pages: Mapping[str, Page]) -> bytes:
    """The manifest for this build: per article, its input digest, its pages, its report and its
    scans with their own input digest (both digests from digests)."""
    entries = {}
    for article in articles:
        page = pages[article.slug]
        inputs, scan_inputs = digests[article.slug]
        entries[article.slug] = {
            "inputs": inputs,
            "page": page.path,
            "page_sha256": _sha256(page.text.encode("utf-8")),
            "report": reports[article.slug],
        }
        arabic = arabic_pages.get(article.slug)
        if arabic is not None:
            entries[article.slug] |= {"arabic_page": arabic.path, "arabic_page_sha256": _sha256(arabic.text.encode("utf-8"))}
        if article.slug in scans:
            entries[article.slug]["scan"] = {"inputs": scan_inputs, **scans[article.slug].to_json()}
    data = {"format": _FORMAT, "fingerprint": fingerprint, "articles": entries}
    # One line, no indent: json's C encoder only runs without one, and nobody reads this file.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
