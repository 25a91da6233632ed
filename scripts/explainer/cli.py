"""The `explainer` command: new, update, build, check and verify, for editors and for make."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog

from .core.problems import ContentError, Problem, display_path
from .intake.catalog import (
    CATALOG_NAME,
    SOURCE_NAME,
    pending_problems,
    read_catalog,
    translations_for,
    update_catalog,
    write_catalog,
)
from .intake.content import FURNITURE_NAME, META_NAME, SLUG, article_folders, article_template, load_article, load_articles
from .intake.normalise import normalise_arabic
from .intake.read import read_source
from .intake.segment import Segmentation, load_furniture_patterns, segment_article
from .pages.edition import ARABIC_DOCS
from .pages.glossary_annotate import load_site_glossary
from .pages.interface import interface_path, interface_problems
from .publishing import build as build_stage
from .publishing.report import article_report, read_report, summarise
from .publishing.verify import verify_anchors, verify_site, verify_twins
from .translation.exchange import catalog_pairs, import_xliff, read_xliff, xliff_bytes
from .translation.memory import fill_catalog, site_memory
from .translation.qa import site_problems
from .translation.status import site_status, status_json, status_table

META_HEADER = """\
# About this article. Edit freely; `explainer check` validates it.
# title: the headline in Arabic (ar) and English (en). publisher: the outlet (or its
#   name in English, en:, and for the Arabic edition, ar:).
# published: YYYY-MM-DD. url: the original address. byline: as printed.
# summary: one English sentence for search engines and link previews.
# notes: what a reader should know about the text itself: each a text in English, or en:
#   and ar: so the Arabic edition shows it in Arabic.
# sources: where each fact above came from when the text does not state it:
#   - fact (a text in English, or en: and ar:), publisher, title, date, url, and an
#     optional note.
"""


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def command_new(root: Path, args: argparse.Namespace) -> int:
    """Create content/articles/SLUG from an Arabic text file; refuse without writing anything."""
    content = root / "content"
    target = content / "articles" / args.slug
    problems: list[Problem] = []
    if not SLUG.match(args.slug):
        problems.append(Problem(args.slug, None, "not a valid slug", "use lower-case ASCII words joined by hyphens, e.g. iraq-coalition-withdrawal"))
    elif target.exists():
        problems.append(Problem(display_path(target), None, "an article with this slug exists", "choose another slug, or edit the existing one"))
    try:
        date.fromisoformat(args.published)
    except ValueError:
        problems.append(Problem("--published", None, f"{args.published!r} is not a date", "write it as YYYY-MM-DD"))
    if args.url and not args.url.startswith(("http://", "https://")):
        problems.append(Problem("--url", None, f"{args.url!r} is not a web address", "give the full address, starting with https://"))
    source_path = Path(args.source)
    try:
        read_source(source_path)
    except ContentError as error:
        problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    patterns = load_furniture_patterns(content / FURNITURE_NAME)
    segmentation = segment_article(normalise_arabic(read_source(source_path).text).lines, patterns)
    meta = {
        "title": {"ar": args.title_ar or provisional_title(segmentation),
                  "en": args.title or args.slug.replace("-", " ").capitalize()},
        "publisher": args.publisher,
        "published": args.published,
        "url": args.url or "",
        "byline": segmentation.byline or "",
        "summary": "",
        "sources": [],
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    # Staged beside the target, then renamed: a refusal or a crash leaves nothing behind.
    holder = Path(tempfile.mkdtemp(prefix=".new-", dir=target.parent))
    staging = holder / args.slug
    try:
        staging.mkdir()
        shutil.copyfile(source_path, staging / SOURCE_NAME)
        (staging / META_NAME).write_text(
            META_HEADER + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        article = load_article(staging, patterns)
        catalog = article_template(article)
        filled = fill_catalog(catalog, site_memory(content, exclude=args.slug), args.slug)
        write_catalog(staging / CATALOG_NAME, catalog)
        staging.rename(target)
    finally:
        shutil.rmtree(holder, ignore_errors=True)
    article = load_article(target, patterns)
    print(f"created {display_path(target)}: {len(article.segmentation.segments)} segments to translate; {filled}")
    translations = translations_for(article.segmentation.segments, read_catalog(article.catalog_path))
    for line in summarise(article_report(article, translations)):
        print(line)
    print(f"next: check the titles and add sources in {display_path(target / META_NAME)}, "
          f"then translate {display_path(target / CATALOG_NAME)}")
    return 0


def provisional_title(segmentation: Segmentation) -> str:
    """A stand-in Arabic title for the editor to replace: the first dozen words of the text."""
    words = segmentation.segments[0].text.split() if segmentation.segments else []
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def command_update(root: Path, args: argparse.Namespace) -> int:
    """Bring every article's catalog in line with its source, as `pybabel update` does."""
    articles, _ = load_articles(root / "content")
    for article in articles:
        path = article.catalog_path
        catalog = read_catalog(path) if path.exists() else Catalog(locale="en")
        summary = update_catalog(catalog, article_template(article))
        # New sentences are looked up in the other articles' translations (and this one's own).
        filled = fill_catalog(catalog, site_memory(root / "content", exclude=article.slug), article.slug)
        changed = write_catalog(path, catalog)
        print(f"{display_path(path)}: {summary}; {filled}{'' if changed else ' (unchanged)'}")
    return 0


def _article_catalog(root: Path, slug: str) -> Path:
    """The catalog of the article slug, or a problem naming the articles there are."""
    path = root / "content" / "articles" / slug / CATALOG_NAME
    if not path.exists():
        known = ", ".join(folder.name for folder in article_folders(root / "content")) or "none"
        raise ContentError([Problem(display_path(path), None, f"no article {slug!r} with a catalog", f"give one of: {known}")])
    return path


def command_xliff_export(root: Path, args: argparse.Namespace) -> int:
    """Write an article's catalog as XLIFF 2.0, for tools that prefer it to PO."""
    path = _article_catalog(root, args.slug)
    pairs = catalog_pairs(read_catalog(path), args.slug)
    output = Path(args.output or f"{args.slug}.xlf")
    output.write_bytes(xliff_bytes(pairs, args.slug))
    print(f"wrote {display_path(output)}: {len(pairs)} segment(s) of {display_path(path)}")
    return 0


def command_xliff_import(root: Path, args: argparse.Namespace) -> int:
    """Lay a translated XLIFF 2.0 file over an article's en.po: targets, fuzzy states and notes."""
    path = _article_catalog(root, args.slug)
    catalog = read_catalog(path)
    summary = import_xliff(catalog, read_xliff(Path(args.file)), display_path(Path(args.file)))
    changed = write_catalog(path, catalog)
    print(f"{display_path(path)}: {summary}{'' if changed else ' (unchanged)'}")
    return 0


def command_build(root: Path, args: argparse.Namespace) -> int:
    """Generate the pages in docs/ and build/report.json."""
    result = build_stage.build(root, strict=args.strict)
    for report in result.reports:
        for line in summarise(report):
            print(line)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    print(f"rendered {len(result.rendered)} of {len(result.reports)} article(s) (the others were unchanged); "
          f"wrote {len(result.written)} file(s) to {display_path(root / 'docs')} and {display_path(root / 'build')}")
    if result.pending:
        print(f"draft: {len(result.pending)} item(s) not ready (segments showing 'translation pending', "
              "dates on no timeline event, translation check errors); 'explainer build --strict' lists them", file=sys.stderr)
    return 0


def command_check(root: Path, args: argparse.Namespace) -> int:
    """Validate all content without writing anything; pending translations are warnings."""
    articles, _ = load_articles(root / "content")
    problems: list[Problem] = []
    for article in articles:
        try:
            translations = build_stage.load_translations(article)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        pending = pending_problems(article.catalog_path, translations)
        problems.extend(Problem(p.file, p.line, p.what, p.todo, warning=True) for p in pending)
        if not article.meta.sources:
            problems.append(Problem(display_path(article.folder / META_NAME), None, "no sources listed",
                                    "cite where the date and publisher came from", warning=True))
    try:
        glossary = load_site_glossary(root / "content", articles, build_stage.load_translations)
        problems.extend(glossary.warnings)
        # The translation checks: errors fail check as they fail 'build --strict'.
        entries = [(article, glossary.translations[article.slug]) for article in articles]
        problems.extend(p for found in site_problems(entries, glossary.glossary).values() for p in found)
    except ContentError as error:
        problems.extend(p for p in error.problems if p not in problems)
    # The Arabic edition's interface strings: every one translated.
    if interface_path(root / "content", "ar").exists():
        try:
            problems.extend(interface_problems(interface_path(root / "content", "ar")))
        except ContentError as error:
            problems.extend(error.problems)
    try:
        # Every date the articles mention must be tied to an event or dismissed.
        problems.extend(build_stage.site_timeline(root / "content", articles).pending)
    except ContentError as error:
        problems.extend(error.problems)
    if problems:
        _print_problems(problems)
    if any(not p.warning for p in problems):
        return 1
    print(f"checked {len(articles)} article(s): no errors")
    return 0


def command_status(root: Path, args: argparse.Namespace) -> int:
    """One row per article: segments by status, check findings, dates on no event, names the glossary lacks."""
    articles, _ = load_articles(root / "content")
    rows = site_status(root / "content", articles, build_stage.load_translations)
    print(status_json(rows) if args.json else status_table(rows))
    return 0


def command_verify(root: Path, args: argparse.Namespace) -> int:
    """Prove the built site holds every article's text: run after mkdocs build."""
    articles, _ = load_articles(root / "content")
    try:
        reports = read_report(root)
    except (OSError, ValueError, KeyError):
        raise ContentError([Problem("build/report.json", None, "missing or unreadable", "run 'explainer build' first")]) from None
    site = root / args.site
    # Both editions hold every article page; the English site holds the Arabic one under ar/.
    problems = verify_site(root, site, articles, reports) + verify_anchors(site)
    if (root / ARABIC_DOCS).is_dir():  # the build made an Arabic edition: check it and the links between the two
        problems += verify_site(root, site / "ar", articles, reports) + verify_twins(site)
    if problems:
        _print_problems(problems)
        return 1
    print(f"verified {len(articles)} article page(s) in each edition: every sentence of the source is on the page, "
          "in order; every link to a #fragment lands; every page switches to its twin and back")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per task."""
    top = argparse.ArgumentParser(prog="explainer", description=__doc__)
    top.add_argument("--root", type=Path, default=Path("."), help="project folder (default: the current one)")
    commands = top.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create content/articles/SLUG from an Arabic text file")
    new.add_argument("slug")
    new.add_argument("--source", required=True, help="the Arabic article, UTF-8 text, one paragraph per line")
    new.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
    new.add_argument("--publisher", required=True, help="the outlet that published it")
    new.add_argument("--url", help="the original address")
    new.add_argument("--title", help="the English title")
    new.add_argument("--title-ar", help="the Arabic title (default: the start of the text, to replace)")
    new.set_defaults(run=command_new)
    commands.add_parser("update", help="bring every en.po in line with its source").set_defaults(run=command_update)
    build = commands.add_parser("build", help="generate the pages in docs/")
    build.add_argument("--strict", action="store_true", help="fail, listing them, if any segment is untranslated or fuzzy")
    build.set_defaults(run=command_build)
    commands.add_parser("check", help="validate all content without writing").set_defaults(run=command_check)
    status = commands.add_parser("status", help="what is left to do in every article, as a table")
    status.add_argument("--json", action="store_true", help="the same table as JSON, for tools")
    status.set_defaults(run=command_status)
    xliff = commands.add_parser("xliff", help="an article's catalog to and from XLIFF 2.0").add_subparsers(dest="direction", required=True)
    export = xliff.add_parser("export", help="write content/articles/SLUG/en.po as XLIFF 2.0")
    export.add_argument("slug")
    export.add_argument("--output", help="the file to write (default: SLUG.xlf)")
    export.set_defaults(run=command_xliff_export)
    imported = xliff.add_parser("import", help="bring a translated XLIFF 2.0 file back into content/articles/SLUG/en.po")
    imported.add_argument("slug")
    imported.add_argument("file")
    imported.set_defaults(run=command_xliff_import)
    verify = commands.add_parser("verify", help="check the built site against the sources")
    verify.add_argument("--site", default="site", help="the built site folder (default: site)")
    verify.set_defaults(run=command_verify)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; editor-caused problems are printed as file:line: what: what to do."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args.root, args))
    except ContentError as error:
        _print_problems(error.problems)
        return 1


if __name__ == "__main__":
    sys.exit(main())
