"""The `explainer` command: new, update, build, check and verify, for editors and for make."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

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
from .intake.content import FURNITURE_NAME, META_NAME, SLUG, Article, article_folders, article_template, load_article, load_articles
from .intake.normalise import normalise_arabic
from .intake.pagefacts import Fact
from .intake.read import read_source
from .intake.segment import FurniturePatterns, Segmentation, load_furniture_patterns, segment_article
from .intake.webpage import WebPage, fetch_page, read_page
from .knowledge.dates import stated_day
from .knowledge.glossary import GlossaryError, load_glossary
from .knowledge.senses import TERMS_NAME, review_article_terms
from .pages.edition import ARABIC_DOCS
from .pages.glossary_annotate import load_site_glossary
from .pages.interface import interface_path, interface_problems
from .publishing import build as build_stage
from .publishing.report import article_report, read_report, summarise
from .publishing.verify import site_links, verify_anchors, verify_link_targets, verify_site, verify_twins
from .translation.exchange import catalog_pairs, import_xliff, read_xliff, xliff_bytes
from .translation.memory import MemorySummary, fill_catalog, site_memory
from .translation.qa import found_names, site_problems
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
#     optional note. confirmed: false marks a fact read from a web page that an editor has
#     yet to check against the page; `explainer check` warns until it is true.
# page: the web page the draft was made from (its address and the SHA-256 of its bytes)
#   and the text blocks extraction left out of it, which the build report lists.
# story: optional, the story this article belongs to (lower-case words joined by hyphens);
#   the glossary's roles for that story show on its pages. Without it, the slug.
"""


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def command_new(root: Path, args: argparse.Namespace) -> int:
    """Create content/articles/SLUG from an Arabic text file or a news page; refuse without writing anything."""
    content = root / "content"
    target = content / "articles" / args.slug
    problems = _new_argument_problems(args, target)
    page: WebPage | None = None
    if args.source:
        problems += [Problem(f"--{name}", None, f"--{name} is missing", f"give {what} (with --source it cannot be read from a page)")
                     for name, what in (("published", "the date as YYYY-MM-DD"), ("publisher", "the outlet's name"))
                     if not getattr(args, name)]
        try:
            text = read_source(Path(args.source)).text
        except ContentError as error:
            problems.extend(error.problems)
    else:
        try:
            page = _read_web_page(args)
            text = page.text
            problems += _missing_facts(page, args)
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    patterns = load_furniture_patterns(content / FURNITURE_NAME)
    segmentation = segment_article(normalise_arabic(text).lines, patterns)
    meta = _page_meta(page, args, segmentation) if page else _text_meta(args, segmentation)
    filled = _write_new_article(target, Path(args.source).read_bytes() if args.source else text.encode("utf-8"), meta, patterns)
    article = load_article(target, patterns)
    print(f"created {display_path(target)}: {len(article.segmentation.segments)} segments to translate; {filled}")
    if page:
        for line in page_summary(page, args):
            print(line)
    translations = translations_for(article.segmentation.segments, read_catalog(article.catalog_path))
    for line in summarise(article_report(article, translations)):
        print(line)
    for line in glossary_lines(content, article):
        print(line)
    confirm = "confirm the facts read from the page (then set their source's confirmed: true), " if page else ""
    print(f"next: check the titles and {confirm}add sources in {display_path(target / META_NAME)}, "
          f"then translate {display_path(target / CATALOG_NAME)}")
    return 0


def _new_argument_problems(args: argparse.Namespace, target: Path) -> list[Problem]:
    """What is wrong with `explainer new`'s slug, date and address, before anything is read."""
    problems: list[Problem] = []
    if not SLUG.match(args.slug):
        problems.append(Problem(args.slug, None, "not a valid slug", "use lower-case ASCII words joined by hyphens, e.g. iraq-coalition-withdrawal"))
    elif target.exists():
        problems.append(Problem(display_path(target), None, "an article with this slug exists", "choose another slug, or edit the existing one"))
    if args.published:
        try:
            date.fromisoformat(args.published)
        except ValueError:
            problems.append(Problem("--published", None, f"{args.published!r} is not a date", "write it as YYYY-MM-DD"))
    if args.url and not args.url.startswith(("http://", "https://")):
        problems.append(Problem("--url", None, f"{args.url!r} is not a web address", "give the full address, starting with https://"))
    return problems


def _read_web_page(args: argparse.Namespace) -> WebPage:
    """The page of --html FILE, or the one fetched from --url."""
    if args.html:
        path = Path(args.html)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ContentError([Problem(display_path(path), None, f"cannot read file ({error.strerror or error})",
                                        "check the path and its permissions")]) from None
        return read_page(display_path(path), data, stated_day)
    if not args.url.startswith(("http://", "https://")):
        raise ContentError([])  # already reported by _new_argument_problems
    data, charset, final = fetch_page(args.url)
    return read_page(args.url, data, stated_day, fetched_from=final, header_charset=charset)


def _missing_facts(page: WebPage, args: argparse.Namespace) -> list[Problem]:
    """The facts a draft needs that neither the page nor the command line gives."""
    needed = (
        (page.published, args.published, "no publication date found (structured data, address or visible dateline)",
         "read it on the page and give it: --published YYYY-MM-DD"),
        (page.publisher, args.publisher, "no publisher found (JSON-LD publisher.name or og:site_name)",
         "give the outlet's name as readers know it: --publisher NAME"),
        (page.address, args.url, "no address of its own found (rel=canonical or og:url)",
         "give the article's address: --url https://…"),
    )
    return [Problem(page.name, None, what, todo) for found, given, what, todo in needed if found is None and not given]


def _text_meta(args: argparse.Namespace, segmentation: Segmentation) -> dict[str, Any]:
    """meta.yml's fields for an article made from a text file: what the command line gave."""
    return {
        "title": {"ar": args.title_ar or provisional_title(segmentation),
                  "en": args.title or args.slug.replace("-", " ").capitalize()},
        "publisher": args.publisher,
        "published": args.published,
        "url": args.url or "",
        "byline": segmentation.byline or "",
        "summary": "",
        "sources": [],
    }


def _page_meta(page: WebPage, args: argparse.Namespace, segmentation: Segmentation) -> dict[str, Any]:
    """meta.yml's fields for an article made from a news page: the command line's values first, then the page's, each cited."""
    facts = chosen_facts(page, args)
    meta = _text_meta(args, segmentation)
    title = facts["headline"][0] if "headline" in facts else meta["title"]["ar"]
    meta["title"]["ar"] = title
    meta.update({"publisher": facts["publisher"][0], "published": facts["date"][0], "url": facts["address"][0],
                 "byline": facts["author"][0] if "author" in facts else meta["byline"]})
    if page.lead_from_description:
        meta["notes"] = [{"en": "The first paragraph is the page's summary (its description), which the page keeps "
                                "outside the article's body."}]
    # One source for every fact the page gave, each with where in the page it was read.
    read = [f"{kind} from {where}" for kind, (_, where) in facts.items() if where is not None]
    meta["sources"] = [{"fact": "From the page itself: " + "; ".join(read), "publisher": meta["publisher"], "title": title,
                        "date": meta["published"], "url": meta["url"], "confirmed": False}] if read else []
    meta["page"] = {"address": page.fetched_from or meta["url"], "sha256": page.sha256, "left_out": list(page.left_out)}
    return meta


def chosen_facts(page: WebPage, args: argparse.Namespace) -> dict[str, tuple[str, str | None]]:
    """Each fact's value and where the page gave it (None where the command line gave it); the command line wins."""
    chosen: dict[str, tuple[str, str | None]] = {}
    for kind, given, found in (("date", args.published, page.published), ("publisher", args.publisher, page.publisher),
                               ("headline", args.title_ar, page.title), ("author", None, page.author),
                               # --url with --html names the address; alone, it is where to fetch the page from,
                               # and the page's own address, without a site's tracking parameters, is better.
                               ("address", args.url if args.html else None,
                                page.address or (Fact(page.fetched_from, "the address fetched") if page.fetched_from else None))):
        if given:
            chosen[kind] = (given, None)
        elif found:
            chosen[kind] = (found.value, found.where)
    return chosen


def page_summary(page: WebPage, args: argparse.Namespace) -> list[str]:
    """What `explainer new` found on the page and where, and what it could not find, for the editor."""
    lines = [f"read {page.name} ({page.encoding}; SHA-256 {page.sha256[:12]}…)"]
    facts = chosen_facts(page, args)
    for kind in ("headline", "date", "publisher", "author", "address"):
        if kind not in facts:
            lines.append(f"  {kind}: not found on the page")
        else:
            value, where = facts[kind]
            lines.append(f"  {kind}: {value} ({'from the command line' if where is None else 'from ' + where})")
    lines += [f"  note: {note}" for note in page.notes]
    if page.lead_from_description:
        lines.append("  lead: the article's body lacks the page's description; added as its first paragraph (see notes in meta.yml)")
    lines.append(f"  left out of the page: {len(page.left_out)} text block(s) (navigation, teasers, comments…), listed in the build report")
    return lines


def _write_new_article(target: Path, source: bytes, meta: dict[str, Any], patterns: FurniturePatterns) -> MemorySummary:
    """Write the article's folder: staged beside the target, then renamed, so a refusal or a crash leaves nothing behind;
    return what the translation memory filled in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    holder = Path(tempfile.mkdtemp(prefix=".new-", dir=target.parent))
    staging = holder / target.name
    try:
        staging.mkdir()
        (staging / SOURCE_NAME).write_bytes(source)
        (staging / META_NAME).write_text(
            META_HEADER + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        article = load_article(staging, patterns)
        catalog = article_template(article)
        # Each sentence is looked up in the other articles' translations (explainer.translation.memory).
        filled = fill_catalog(catalog, site_memory(target.parent.parent, exclude=target.name), target.name)
        write_catalog(staging / CATALOG_NAME, catalog)
        staging.rename(target)
    finally:
        shutil.rmtree(holder, ignore_errors=True)
    return filled


def glossary_lines(content: Path, article: Article) -> list[str]:
    """What the glossary makes of a new article: the entries it would link, the proposed matches
    waiting for the editor (with their sentences), and names no entry covers."""
    try:
        glossary = load_glossary(content)
    except GlossaryError as error:
        return [f"glossary: not read ({len(error.problems)} problem(s)); 'explainer check' lists them"]
    found = review_article_terms(glossary, article, {})
    lines = [f"glossary: would link {len(found.linked)} entr{'y' if len(found.linked) == 1 else 'ies'}"
             + (": " + ", ".join(f"{glossary[e].en} ({n})" for e, n in found.linked.items()) if found.linked else "")]
    if found.problems:
        lines.append(f"glossary: {len(found.proposed)} proposed match(es) wait for your decision "
                     f"in {display_path(article.folder / TERMS_NAME)}:")
        lines += [f"  {problem}" for problem in found.problems]
    if found.rejected:
        lines.append(f"glossary: {len(found.rejected)} match(es) of shared forms mean no entry here (context or date)")
    if found.uncovered:
        lines.append("glossary: names no entry covers (add entries to content/glossary.yml where a reader needs one): "
                     + "، ".join(found.uncovered))
    return lines


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
              "dates on no timeline event, glossary matches waiting for a decision in terms.yml, translation check "
              "errors); 'explainer build --strict' lists them", file=sys.stderr)
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
        problems.extend(Problem(display_path(article.folder / META_NAME), None, f"source not yet confirmed: {fact}",
                                "check it against the page, then set its confirmed: true", warning=True)
                        for fact in article.meta.unconfirmed)
    try:
        site = load_site_glossary(root / "content", articles, build_stage.load_translations)
        # Each proposed match with its sentence, for the editor to decide in the article's terms.yml.
        problems.extend((*site.warnings, *site.pending))
        # The translation checks: errors fail check as they fail 'build --strict'.
        entries = [(article, site.translations[article.slug]) for article in articles]
        problems.extend(p for found in site_problems(entries, site.glossary, None, found_names(entries, site.occurrences)).values()
                        for p in found)
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
    site = load_site_glossary(root / "content", articles, build_stage.load_translations)
    rows = site_status(root / "content", articles, build_stage.load_translations, site.glossary, site.occurrences)
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
    links = site_links(site)  # every page read once for both link checks
    problems = verify_site(root, site, articles, reports) + verify_anchors(site, links) + verify_link_targets(site, links)
    if (root / ARABIC_DOCS).is_dir():  # the build made an Arabic edition: check it and the links between the two
        problems += verify_site(root, site / "ar", articles, reports) + verify_twins(site)
    if problems:
        _print_problems(problems)
        return 1
    print(f"verified {len(articles)} article page(s) in each edition: every sentence of the source is on the page, "
          "in order; every link to a #fragment lands; every relative link leads to a file or page; "
          "every tooltip file a term names is there; every page switches to its twin and back")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per task."""
    top = argparse.ArgumentParser(prog="explainer", description=__doc__)
    top.add_argument("--root", type=Path, default=Path("."), help="project folder (default: the current one)")
    commands = top.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create content/articles/SLUG from a news page or an Arabic text file")
    new.add_argument("slug")
    given = new.add_mutually_exclusive_group()
    given.add_argument("--html", help="the article's page, saved from a browser (Save page as…, HTML only)")
    given.add_argument("--source", help="the Arabic article, UTF-8 text, one paragraph per line")
    new.add_argument("--url", help="the original address; without --html or --source, the page is fetched from it")
    new.add_argument("--published", help="publication date, YYYY-MM-DD (default: the page's)")
    new.add_argument("--publisher", help="the outlet that published it (default: the page's)")
    new.add_argument("--title", help="the English title")
    new.add_argument("--title-ar", help="the Arabic title (default: the page's headline, or the start of the text)")
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
    if args.command == "new" and not (args.html or args.source or args.url):
        parser().error("new: give the article as --html FILE, --url URL or --source FILE")
    try:
        return int(args.run(args.root, args))
    except ContentError as error:
        _print_problems(error.problems)
        return 1


if __name__ == "__main__":
    sys.exit(main())
