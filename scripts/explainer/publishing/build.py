"""Build: every article in content/ into generated pages in docs/, and the build report."""

from __future__ import annotations

import contextlib
import gc
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from ..core.problems import ContentError, Problem
from ..intake.catalog import Translation, pending_problems, read_catalog, translation_problems, translations_for
from ..intake.content import Article, load_articles
from ..knowledge.annotate import Matcher
from ..knowledge.timeline import Timeline, load_timeline
from ..pages.archive import render_archive
from ..pages.edition import ARABIC_DOCS, render_arabic_edition
from ..pages.glossary_annotate import Occurrence, SiteGlossary, load_site_glossary
from ..pages.glossary_page import render_entry_pages, render_glossary_page
from ..pages.home import read_home, render_home
from ..pages.interface import check_complete, interface_path, load_interface
from ..pages.render import Page, SegmentNotes, render_article
from ..pages.timeline_page import JSON_PATHS, render_timeline, render_timeline_pages
from ..pages.whos_who import render_whos_who
from ..translation.exchange import DOWNLOADS, article_download_name, download_files, site_wide_downloads
from ..translation.qa import Finding, findings_problems, found_names, site_findings
from .manifest import (
    MANIFEST_PATH,
    ArticleScan,
    RenderedArticle,
    article_digests,
    content_fingerprint,
    manifest_bytes,
    manifest_entries,
    reusable_articles,
    reusable_scans,
    site_fingerprint,
)
from .publish import JOURNAL, publish, recover
from .report import REPORT_PATH, article_report, report_bytes

# Folders and files under docs/ that the build owns: regenerated each time, never committed.
# A name with a suffix is a file: index.md is the home page, made from content/home.md; a page
# that stands alone is a file, so the navigation takes its title from the page.
GENERATED_PATHS = ("articles", "glossary", "timeline", "whos-who.md", "index.md", DOWNLOADS)
# What the build writes under build/, in the same all-or-nothing publish as the pages.
BUILD_FILES = (REPORT_PATH.as_posix(), MANIFEST_PATH.as_posix())


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: pages, the per-article report, what is not ready, what it wrote and rendered."""

    pages: tuple[Page, ...]
    reports: tuple[dict[str, Any], ...]
    pending: tuple[Problem, ...]
    written: tuple[str, ...]
    # Slugs of the articles rendered afresh (the others were unchanged and reused).
    rendered: tuple[str, ...] = ()
    # Problems that do not stop a build (a glossary entry that matches nothing).
    warnings: tuple[Problem, ...] = ()
    # The Arabic edition's pages, by path under docs-ar/ (explainer.pages.edition).
    arabic: tuple[Page, ...] = ()
    # What scanning each article found (its dates and glossary occurrences), by slug.
    scans: Mapping[str, ArticleScan] = field(default_factory=dict)
    # The translation downloads (TMX, XLIFF and CSV zipped, TBX, CSV) by file name, for the
    # English edition's downloads/, which both editions' pages link.
    downloads: Mapping[str, bytes] = field(default_factory=dict)


def load_translations(article: Article, catalogs: dict[str, Catalog] | None = None) -> dict[str, Translation]:
    """The article's translations from its catalog (all untranslated if there is none yet);
    catalogs, when given, keeps the catalog read, by slug (the downloads are made from it)."""
    catalog = read_catalog(article.catalog_path) if article.catalog_path.exists() else Catalog(locale="en")
    if catalogs is not None:
        catalogs[article.slug] = catalog
    translations = translations_for(article.segmentation.segments, catalog)
    problems = translation_problems(article.catalog_path, translations)
    if problems:
        raise ContentError(problems)
    return translations


def render_site(articles: Sequence[Article], matchers: Sequence[Matcher] = (), notes: SegmentNotes | None = None, *,
                home: str | None = None, reuse: Mapping[str, RenderedArticle] | None = None,
                translations_of: Callable[[Article], Mapping[str, Translation]] | None = None,
                downloads: Mapping[str, int] | None = None) -> BuildResult:
    """Render the articles, their list and the home page in memory: nothing is written, so a
    failure leaves docs/ as it was.

    home is content/home.md's text (no home page without it); reuse holds the pages of
    articles unchanged since the last build, which are not rendered again; translations_of
    gives an article's translations (by default read from its catalog); downloads the sizes of
    the files under downloads/, by name, which the article pages link.
    """
    reuse = reuse or {}
    translations_of = translations_of or load_translations
    pages: list[Page] = []
    reports: list[dict[str, Any]] = []
    pending: list[Problem] = []
    entries = []
    problems: list[Problem] = []
    rendered: list[str] = []
    for article in articles:
        try:
            translations = translations_of(article)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        entries.append((article, translations))
        if article.slug in reuse:
            pages.append(reuse[article.slug].page)
            reports.append(dict(reuse[article.slug].report))
        else:
            page = render_article(article, translations, matchers, notes, downloads=downloads)
            pages.append(page)
            reports.append(article_report(article, translations) | {"annotation_conflicts": list(page.conflicts)})
            rendered.append(article.slug)
        pending.extend(pending_problems(article.catalog_path, translations))
    if problems:
        raise ContentError(problems)
    pages.extend(render_archive(entries))
    if home is not None:
        pages.append(render_home(home, entries))
    return BuildResult(tuple(pages), tuple(reports), tuple(pending), (), tuple(rendered))


def site_timeline(content: Path, articles: Sequence[Article]) -> Timeline:
    """The timeline checked against the articles, every date they mention tied or dismissed."""
    return load_timeline(content, articles, load_translations)


def render_content(content: Path, articles: Sequence[Article], reuse: Mapping[str, RenderedArticle] | None = None,
                   scanned: Mapping[str, ArticleScan] | None = None) -> BuildResult:
    """Every page of the site: the articles with term links, notes and dates marked; the home
    page; the glossary, who's who and the timeline. Dates tied to no event yet are pending,
    like untranslated segments.

    Each article is scanned for dates and glossary terms once, and the glossary, the timeline
    and both editions' pages use what was found; scanned holds an earlier build's scans of
    articles unchanged since, which are not scanned again.
    """
    # Each catalog is read once, though the glossary, the timeline and the pages all need it.
    cache: dict[str, Mapping[str, Translation]] = {}
    catalogs: dict[str, Catalog] = {}

    def translations_of(article: Article) -> Mapping[str, Translation]:
        if article.slug not in cache:
            cache[article.slug] = load_translations(article, catalogs)
        return cache[article.slug]

    scanned = scanned or {}
    glossary = load_site_glossary(content, articles, translations_of, {s: scan.occurrences for s, scan in scanned.items()})
    # Every catalog has been read (the glossary reads them all, and reports every broken one):
    # the downloads are made before the pages, which link them with their sizes.
    downloads = download_files([(a.slug, catalogs[a.slug]) for a in articles], glossary.glossary.entries,
                               kept_downloads(content.parent / "docs", articles, reuse or {}))
    sizes = {name: len(data) for name, data in downloads.items()}
    timeline = load_timeline(content, articles, translations_of, {s: scan.dates for s, scan in scanned.items()})
    matchers, notes = [glossary.matcher(), timeline.matcher()], glossary.note_maker()
    result = render_site(articles, matchers, notes, home=read_home(content), reuse=reuse, translations_of=translations_of,
                         downloads=sizes)
    timeline_pages = render_timeline(timeline)
    timeline_data = tuple(page for page in timeline_pages if page.path in JSON_PATHS.values())
    # The article pages' tooltips: files under glossary/, each edition's in its own language.
    shared = (render_glossary_page(glossary, downloads=sizes), *render_entry_pages(glossary), *glossary.tooltip_pages(),
              render_whos_who(glossary), *timeline_pages)
    arabic: tuple[Page, ...] = ()
    if interface_path(content, "ar").exists():  # a site has an Arabic edition when it has its interface strings
        entries = [(article, translations_of(article)) for article in articles]
        ui = load_interface(content, "ar")
        arabic_shared = (render_glossary_page(glossary, ui, sizes), *render_entry_pages(glossary, ui), *glossary.tooltip_pages(ui),
                         render_whos_who(glossary, ui),
                         *render_timeline_pages(timeline, ui), *timeline_data)
        # Term links naming the edition's tooltips and editorial notes in its language; dates are marked the same.
        arabic_matchers = [glossary.matcher(ui), *matchers[1:]]
        unchanged = {slug: rendered.arabic for slug, rendered in (reuse or {}).items() if rendered.arabic is not None}
        arabic = render_arabic_edition(content, content.parent / "docs", entries, arabic_matchers, glossary.note_maker(ui), ui,
                                       arabic_shared, unchanged, sizes)
        check_complete(ui)
    # The translation checks on every translated pair: errors are not ready to publish, like
    # untranslated segments; warnings are shown.
    findings, reports = translation_checks([(a, translations_of(a)) for a in articles], glossary, timeline,
                                           reuse or {}, result.reports)
    # What became of each article's glossary matches (linked, proposed, rejected), in its report.
    reports = tuple(report | {"terms": glossary.counts(str(report["slug"]))} for report in reports)
    return replace(result, pages=(*result.pages, *shared), reports=reports,
                   pending=result.pending + timeline.pending + glossary.pending + tuple(p for p in findings if not p.warning),
                   warnings=glossary.warnings + tuple(p for p in findings if p.warning), arabic=arabic,
                   scans=article_scans(articles, glossary, timeline), downloads=downloads)


def translation_checks(entries: Sequence[tuple[Article, Mapping[str, Translation]]], glossary: SiteGlossary,
                       timeline: Timeline, reuse: Mapping[str, RenderedArticle],
                       reports: Sequence[dict[str, Any]]) -> tuple[list[Problem], tuple[dict[str, Any], ...]]:
    """The translation checks' findings on every article, as problems, and the articles' reports
    with each one's findings but length under "checks". An unchanged article's findings but length
    (whose bounds are the whole site's) are its last report's; the dates and names the timeline
    and the glossary found are used, not looked for again."""
    known = {slug: [Finding(**f) for f in rendered.report["checks"]] for slug, rendered in reuse.items()
             if "checks" in rendered.report}
    found = site_findings(entries, glossary.glossary, timeline.mentions, found_names(entries, glossary.occurrences), known)
    problems = [p for a, translations in entries for p in findings_problems(a, translations, found[a.slug])]
    checked = tuple(report | {"checks": [{"segment_id": f.segment_id, "check": f.check, "what": f.what}
                                         for f in found[report["slug"]] if f.check != "length"]} for report in reports)
    return problems, checked


def kept_downloads(docs: Path, articles: Sequence[Article], reuse: Mapping[str, RenderedArticle]) -> dict[str, bytes]:
    """The last build's downloads of the articles unchanged since (their folder, the shared
    inputs and the code are the same), and the site-wide ones when every article is unchanged."""
    folder = docs / DOWNLOADS
    names = [article_download_name(a.slug) for a in articles if a.slug in reuse]
    if articles and all(a.slug in reuse for a in articles):
        names.extend(site_wide_downloads())
    kept = {}
    for name in names:
        with contextlib.suppress(OSError):
            kept[name] = (folder / name).read_bytes()
    return kept


def article_scans(articles: Sequence[Article], glossary: SiteGlossary, timeline: Timeline) -> dict[str, ArticleScan]:
    """What the glossary and the timeline found in each article, by slug, for the manifest."""
    occurrences: defaultdict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in glossary.occurrences:
        occurrences[occurrence.slug].append(occurrence)
    return {a.slug: ArticleScan(timeline.mentions.get(a.slug, {}), tuple(occurrences[a.slug])) for a in articles}


def cross_article_state(articles: Sequence[Article]) -> list[str]:
    """What an article's page draws from the other articles: their segment ids, since a date
    in a sentence two articles share is marked once. Editing a translation changes none of
    it; changing a sentence anywhere renders every article again."""
    return [f"{a.slug}:{' '.join(s.id for s in a.segmentation.segments)}" for a in articles]


def owned_paths() -> tuple[str, ...]:
    """Everything the build owns, relative to the project root."""
    return (*(f"docs/{path}" for path in GENERATED_PATHS), ARABIC_DOCS, *BUILD_FILES)


def build(root: Path, *, strict: bool) -> BuildResult:
    """Load content/, render every changed page, and publish docs/ and build/ under root at once.

    The same input gives byte-identical files. In strict mode an untranslated or fuzzy segment
    fails the build before anything is written; any failure leaves the last build's output.
    """
    with _collector_paused():
        return _build(root, strict=strict)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: what a build makes lives until its end, so collecting
    meanwhile finds nothing and costs a tenth of the build. It resumes after, even on failure."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(root: Path, *, strict: bool) -> BuildResult:
    recover(root)
    content = root / "content"
    articles, _ = load_articles(content)
    # An article's scans depend on its folder and the shared inputs; its page on other articles too.
    shared = content_fingerprint(content)
    fingerprint = site_fingerprint(content, cross_article_state(articles), base=shared)
    entries = manifest_entries(root)
    # Each article's folder is read and hashed once, under both fingerprints.
    digests = {a.slug: article_digests(a, fingerprint, shared) for a in articles}
    result = render_content(content, articles, reuse=reusable_articles(root, articles, fingerprint, entries, digests),
                            scanned=reusable_scans(articles, shared, entries, digests))
    if strict and result.pending:
        raise ContentError(result.pending)
    files = {f"docs/{page.path}": page.text.encode("utf-8") for page in result.pages}
    files.update({f"{ARABIC_DOCS}/{page.path}": page.text.encode("utf-8") for page in result.arabic})
    # One copy of the downloads, the English edition's: the Arabic edition's pages link it (../).
    files.update({f"docs/{DOWNLOADS}/{name}": data for name, data in result.downloads.items()})
    by_path = {page.path: page for page in result.pages}
    pages = {a.slug: by_path[f"articles/{a.slug}/index.md"] for a in articles}
    arabic_by_path = {page.path: page for page in result.arabic}
    arabic_pages = {a.slug: arabic_by_path[f"articles/{a.slug}/index.md"] for a in articles if arabic_by_path}
    reports = {report["slug"]: report for report in result.reports}
    # The translation findings an article's report keeps for the next build stay in the manifest:
    # build/report.json says what the pipeline changed and dropped.
    files[REPORT_PATH.as_posix()] = report_bytes([{k: v for k, v in r.items() if k != "checks"} for r in result.reports])
    files[MANIFEST_PATH.as_posix()] = manifest_bytes(articles, pages, reports, fingerprint, result.scans, digests,
                                                     arabic_pages)
    written = publish(root, files, owned_paths())
    return replace(result, written=written)


def clean(root: Path) -> None:
    """Remove everything the build generates."""
    recover(root)
    for entry in owned_paths():
        path = root / entry
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    (root / JOURNAL).unlink(missing_ok=True)
