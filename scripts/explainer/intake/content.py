"""Load stage: an article folder in content/ into a checked, segmented Article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from ..core.fields import SLUG as SLUG
from ..core.fields import Bilingual as Bilingual
from ..core.fields import FieldReader, iso_day
from ..core.fields import SourceCitation as SourceCitation
from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml
from .catalog import CATALOG_NAME, SOURCE_NAME, catalog_template
from .normalise import NormalisedText, normalise_arabic
from .read import SourceText, read_source
from .segment import FurniturePatterns, Segmentation, load_furniture_patterns, segment_article
from .webpage import PageRecord, parse_page_record, unconfirmed_sources

META_NAME = "meta.yml"
FURNITURE_NAME = "furniture.yml"


@dataclass(frozen=True)
class ArticleMeta:
    """What an editor records about an article in meta.yml."""

    title_ar: str
    title_en: str
    # The outlet; its ar is "" where only the English was written.
    publisher: Bilingual
    published: date
    url: str
    byline: str
    summary_en: str
    # The editors' notes on the text; ar is "" where only the English was written.
    notes: tuple[Bilingual, ...]
    sources: tuple[SourceCitation, ...]
    page: PageRecord | None = None
    # The facts of the sources marked confirmed: false: read from a web page, not yet checked by an editor.
    unconfirmed: tuple[str, ...] = ()
    # The story the article belongs to, whose roles its pages show; "" for a story of its own
    # (named by the article's slug).
    story: str = ""


@dataclass(frozen=True)
class Article:
    """An article read, normalised and segmented, ready to catalog and render."""

    slug: str
    folder: Path
    meta: ArticleMeta
    source: SourceText
    normalised: NormalisedText
    segmentation: Segmentation

    @property
    def source_path(self) -> Path:
        return self.folder / SOURCE_NAME

    @property
    def catalog_path(self) -> Path:
        return self.folder / CATALOG_NAME


def parse_meta(data: Any, path: Path) -> ArticleMeta:
    """Validate meta.yml's data, reporting every problem at its line."""
    fields = FieldReader(path)
    if not isinstance(data, LineDict):
        raise ContentError([Problem(fields.name, None, "expected a mapping of fields", "see README: adding an article")])
    title = fields.bilingual(data, "title", "title") or Bilingual("", "")
    publisher = fields.english_or_both(data, "publisher", "name of the outlet that published it")
    url = fields.url(data, "url", "give the original address", required=False)
    published = fields.date(data, "published", iso_day, "write it as YYYY-MM-DD")
    byline = fields.text(data, "byline", required=False)
    summary_en = fields.text(data, "summary", "write a one-sentence English summary for search engines", required=False)
    notes = parse_notes(data, fields)
    sources = fields.citations(data, fact=True, extra=("confirmed",))
    page = parse_page_record(data, fields.problems, fields.name)
    unconfirmed = unconfirmed_sources(data, fields.problems, fields.name)
    story = fields.identifier(data, "story", "coalition-withdrawal-2024") if "story" in data else ""
    if fields.problems:
        raise ContentError(fields.problems)
    return ArticleMeta(title.ar, title.en, publisher, published or date(1970, 1, 1), url, byline, summary_en, notes, sources,
                       page, unconfirmed, story)


def parse_notes(data: LineDict, fields: FieldReader) -> tuple[Bilingual, ...]:
    """The editors' notes: each a text in English, or en: and ar: for both editions."""
    raw_notes = data.get("notes") or LineList()
    if not isinstance(raw_notes, LineList):
        fields.problem(data.line_of("notes"), "notes should be a list of texts", "start each note with '- '")
        return ()
    notes = []
    for line, note in zip(getattr(raw_notes, "item_lines", [None] * len(raw_notes)), raw_notes, strict=True):
        if isinstance(note, LineDict):
            fields.unknown_fields(note, ("en", "ar"), "a note")
            text = fields.en_ar(note, "note", ar_required=False)
        elif isinstance(note, str):
            text = Bilingual(fields.value_text(note, line, "note", "write the note after '- '", required=False), "")
        else:
            fields.problem(line, "a note should be a text, or en: and ar: texts",
                           "write the note after '- ', or indented en: and ar: lines under it")
            continue
        if text.en:
            notes.append(text)
    return tuple(notes)


def load_article(folder: Path, patterns: FurniturePatterns) -> Article:
    """Read, normalise and segment one article folder; every problem is reported together."""
    problems: list[Problem] = []
    meta: ArticleMeta | None = None
    source: SourceText | None = None
    slug = folder.name
    if not SLUG.match(slug):
        problems.append(Problem(display_path(folder), None, f"folder name {slug!r} is not a slug",
                                "rename it to lower-case words joined by hyphens"))
    try:
        meta = parse_meta(load_yaml(folder / META_NAME), folder / META_NAME)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        source = read_source(folder / SOURCE_NAME)
    except ContentError as error:
        problems.extend(error.problems)
    if problems or meta is None or source is None:
        raise ContentError(problems)
    normalised = normalise_arabic(source.text)
    segmentation = segment_article(normalised.lines, patterns)
    if not segmentation.segments:
        raise ContentError([Problem(display_path(folder / SOURCE_NAME), None, "no article text left after dropping furniture",
                                    "check content/furniture.yml: a pattern may be too broad")])
    return Article(slug, folder, meta, source, normalised, segmentation)


def article_folders(content: Path) -> list[Path]:
    """The article folders under content/articles, in name order."""
    root = content / "articles"
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_articles(content: Path) -> tuple[list[Article], FurniturePatterns]:
    """Load every article under content/, collecting all problems before raising."""
    patterns = load_furniture_patterns(content / FURNITURE_NAME)
    articles: list[Article] = []
    problems: list[Problem] = []
    for folder in article_folders(content):
        try:
            articles.append(load_article(folder, patterns))
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return articles, patterns


def article_template(article: Article) -> Catalog:
    """The template catalog of an article's current segments, dated by its publication."""
    day = article.meta.published
    created = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return catalog_template(article.segmentation.segments, project=article.slug, created=created)
