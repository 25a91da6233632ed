"""Test helpers: an Article from bare text, and a generated page through Python-Markdown as the site builds it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import markdown
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT
from explainer.intake.content import Article, ArticleMeta, Bilingual
from explainer.intake.normalise import normalise_arabic
from explainer.intake.read import SourceText
from explainer.intake.segment import FurniturePatterns, load_furniture_patterns, segment_article

PATTERNS: FurniturePatterns = load_furniture_patterns(ROOT / "content" / "furniture.yml")


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags only matter to MkDocs."""


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions and their settings exactly as mkdocs.yml lists them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


_EXTENSIONS = site_extensions()


def page_to_html(page_text: str) -> tuple[str, dict[str, Any]]:
    """A generated page's body as the site's Markdown renders it, and its front matter."""
    body, meta = get_data(page_text)
    names, settings = _EXTENSIONS
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(body), meta


def article_from_text(text: str, slug: str = "test-article", folder: Path | None = None,
                      patterns: FurniturePatterns = PATTERNS) -> Article:
    """An Article made from decoded text, as load_article makes one from a folder."""
    folder = folder or ROOT / "content" / "articles" / slug
    source = SourceText(folder / "article.ar.txt", text, had_bom=False, crlf=False)
    normalised = normalise_arabic(text)
    meta = ArticleMeta("عنوان", "Title", Bilingual("Publisher", ""), date(2024, 7, 23), "", "", "", (), ())
    return Article(slug, folder, meta, source, normalised, segment_article(normalised.lines, patterns))
