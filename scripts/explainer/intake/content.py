"""Load stage: an article folder in content/ into a checked, segmented Article."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml
from .catalog import CATALOG_NAME, SOURCE_NAME, catalog_template
from .editortext import TODO, unshowable
from .normalise import NormalisedText, normalise_arabic
from .read import SourceText, read_source
from .segment import FurniturePatterns, Segmentation, load_furniture_patterns, segment_article

META_NAME = "meta.yml"
FURNITURE_NAME = "furniture.yml"
# Slugs become addresses: lower-case ASCII words joined by hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")
_SOURCE_FIELDS = ("fact", "publisher", "title", "date", "url")


@dataclass(frozen=True)
class Bilingual:
    """The same text in English and Arabic."""

    en: str
    ar: str

    def in_language(self, lang: str) -> str:
        """The English for an English edition, the Arabic for any other.

        >>> title = Bilingual("Iraq", "العراق")
        >>> title.in_language("en"), title.in_language("ar")
        ('Iraq', 'العراق')
        """
        return self.en if lang == "en" else self.ar


@dataclass(frozen=True)
class SourceCitation:
    """Where a fact that the article itself does not state came from."""

    fact: str
    publisher: str
    title: str
    date: str
    url: str
    note: str = ""
    # The fact in Arabic, for the Arabic edition; "" if only the English was written.
    fact_ar: str = ""


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


def _text(data: LineDict, key: str, problems: list[Problem], name: str, *, required: bool, todo: str) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(name, data.line_of(key), f"{key} is missing", todo))
        return ""
    if not isinstance(value, (str, int, float)):
        problems.append(Problem(name, data.line_of(key), f"{key} should be text", todo))
        return ""
    found = unshowable(str(value))
    if found:
        problems.append(Problem(name, data.line_of(key), f"{key} holds {found}", TODO))
    return str(value).strip()


def _both(value: LineDict, problems: list[Problem], name: str, todo: str) -> Bilingual:
    """en: (required) and ar: (optional) under one field."""
    return Bilingual(_text(value, "en", problems, name, required=True, todo=todo),
                     _text(value, "ar", problems, name, required=False, todo=""))


def _english_or_both(data: LineDict, key: str, problems: list[Problem], name: str, *, required: bool,
                     todo: str) -> Bilingual:
    """A text editors write in English, or as en: and ar: so the Arabic edition has it in Arabic."""
    value = data.get(key)
    if isinstance(value, LineDict):
        return _both(value, problems, name, todo)
    return Bilingual(_text(data, key, problems, name, required=required, todo=todo), "")


def parse_sources(data: LineDict, problems: list[Problem], name: str, key: str = "sources") -> tuple[SourceCitation, ...]:
    """The list of citations under `key`, each checked; problems are appended, not raised."""
    sources: list[SourceCitation] = []
    raw_sources = data.get(key) or LineList()
    if not isinstance(raw_sources, LineList):
        problems.append(Problem(name, data.line_of(key), f"{key} should be a list",
                                "start each source with '- fact:'"))
        raw_sources = LineList()
    for entry in raw_sources:
        if not isinstance(entry, LineDict):
            problems.append(Problem(name, raw_sources.line, "a source should be a mapping",
                                    f"give {', '.join(_SOURCE_FIELDS)}"))
            continue
        fact = _english_or_both(entry, "fact", problems, name, required=True, todo="give the source's fact")
        fields = {k: _text(entry, k, problems, name, required=True, todo=f"give the source's {k}")
                  for k in _SOURCE_FIELDS if k != "fact"}
        if fields["url"] and not _URL.match(fields["url"]):
            problems.append(Problem(name, entry.line_of("url"), f"url {fields['url']!r} is not a web address",
                                    "give the full address, starting with https://"))
        note = _text(entry, "note", problems, name, required=False, todo="")
        sources.append(SourceCitation(fact=fact.en, note=note, fact_ar=fact.ar, **fields))
    return tuple(sources)


def parse_meta(data: Any, path: Path) -> ArticleMeta:
    """Validate meta.yml's data, reporting every problem at its line."""
    name = display_path(path)
    if not isinstance(data, LineDict):
        raise ContentError([Problem(name, None, "expected a mapping of fields", "see README: adding an article")])
    problems: list[Problem] = []
    title = data.get("title")
    if not isinstance(title, LineDict):
        problems.append(Problem(name, data.line_of("title"), "title should have ar: and en:",
                                "write title: then indented ar: and en: lines"))
        title = LineDict()
        title.key_lines = {}
    title_ar = _text(title, "ar", problems, name, required=True, todo="give the Arabic title")
    title_en = _text(title, "en", problems, name, required=True, todo="give the English title")
    publisher = _english_or_both(data, "publisher", problems, name, required=True, todo="name the outlet that published it")
    url = _text(data, "url", problems, name, required=False, todo="give the original address")
    if url and not _URL.match(url):
        problems.append(Problem(name, data.line_of("url"), f"url {url!r} is not a web address",
                                "give the full address, starting with https://"))
    published_text = _text(data, "published", problems, name, required=True, todo="give the date as YYYY-MM-DD")
    published = date(1970, 1, 1)
    if published_text:
        try:
            published = date.fromisoformat(published_text)
        except ValueError:
            problems.append(Problem(name, data.line_of("published"), f"published {published_text!r} is not a date",
                                    "write it as YYYY-MM-DD"))
    byline = _text(data, "byline", problems, name, required=False, todo="")
    summary_en = _text(data, "summary", problems, name, required=False,
                       todo="write a one-sentence English summary for search engines")
    notes = parse_notes(data, problems, name)
    sources = parse_sources(data, problems, name)
    story = _text(data, "story", problems, name, required=False, todo="")
    if story and not SLUG.match(story):
        problems.append(Problem(name, data.line_of("story"), f"story {story!r} is not lower-case ASCII words joined by hyphens",
                                "name the story like a slug, e.g. coalition-withdrawal-2024"))
    if problems:
        raise ContentError(problems)
    return ArticleMeta(title_ar, title_en, publisher, published, url, byline, summary_en, notes, sources, story)


def parse_notes(data: LineDict, problems: list[Problem], name: str) -> tuple[Bilingual, ...]:
    """The editors' notes: each a text in English, or en: and ar: for both editions."""
    raw_notes = data.get("notes") or LineList()
    if not isinstance(raw_notes, LineList):
        problems.append(Problem(name, data.line_of("notes"), "notes should be a list of texts",
                                "start each note with '- '"))
        return ()
    notes = []
    for line, note in zip(getattr(raw_notes, "item_lines", [None] * len(raw_notes)), raw_notes, strict=True):
        if isinstance(note, LineDict):
            text = _both(note, problems, name, "give the note in English")
        elif isinstance(note, str):
            text = Bilingual(note.strip(), "")
            if unshowable(text.en):
                problems.append(Problem(name, line, f"note holds {unshowable(text.en)}", TODO))
        else:
            problems.append(Problem(name, line, "a note should be a text, or en: and ar: texts",
                                    "write the note after '- ', or indented en: and ar: lines under it"))
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
