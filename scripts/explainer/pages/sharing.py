"""Sharing stage: what feeds, structured data and link-preview cards say about a page, as front matter.

The generator knows an article's two titles, its outlet, both dates and how far it is
translated; MkDocs knows none of it. Each generated page that feeds or structured data need
carries these facts under one front-matter key, SHARING_KEY. The site hook
(explainer.site.sharing) turns them into the Atom feed, the JSON-LD and the card. Like the title
and description, their text is HTML-escaped in the front matter (render.front_matter), so no
generated page holds markup outside its HTML; the hook unescapes it, and the JSON-LD (tojson),
the feed (lxml) and the card each escape or draw it as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..intake.catalog import Translation, read_catalog_header
from ..intake.content import Article
from ..knowledge.glossary import GlossaryEntry
from ..knowledge.timeline import TimelineEvent

SHARING_KEY = "sharing"


@dataclass(frozen=True)
class TranslationDates:
    """When our translation was begun and last changed, from its catalog's header."""

    created: date
    revised: date


def translation_dates(article: Article) -> TranslationDates:
    """en.po's POT-Creation-Date and PO-Revision-Date (which Poedit and Weblate set on saving);
    the original's date for either that is missing, and never a revision before the creation."""
    published = article.meta.published
    if not article.catalog_path.exists():
        return TranslationDates(published, published)
    catalog = read_catalog_header(article.catalog_path)
    created = catalog.creation_date.date() if isinstance(catalog.creation_date, datetime) else published
    revised = catalog.revision_date.date() if isinstance(catalog.revision_date, datetime) else created
    return TranslationDates(created, max(created, revised))


def article_facts(article: Article, translations: Mapping[str, Translation], status: str,
                  dates: TranslationDates | None = None) -> dict[str, Any]:
    """An article page's facts: both titles, summary, outlet, the original's date and address,
    our translation's dates and status (translated, partial or untranslated)."""
    meta = article.meta
    dates = dates or translation_dates(article)
    return {"kind": "article", "slug": article.slug,
            "title": {"en": meta.title_en, "ar": meta.title_ar},
            "summary": meta.summary_en,
            "outlet": {"en": meta.publisher.en, "ar": meta.publisher.ar},
            "published": meta.published.isoformat(), "url": meta.url,
            "translated": dates.created.isoformat(), "modified": dates.revised.isoformat(),
            "status": status}


def glossary_facts(entries: Sequence[GlossaryEntry]) -> dict[str, Any]:
    """The glossary page's facts: each entry's id, names and one-line glosses in both languages."""
    return {"kind": "glossary", "terms": [
        {"id": e.id, "en": e.en, "ar": e.ar, "translit": e.translit, "gloss": {"en": e.gloss.en, "ar": e.gloss.ar}}
        for e in entries]}


def timeline_facts(events: Sequence[TimelineEvent]) -> dict[str, Any]:
    """The timeline page's facts: each event's id, titles, dates at their precision and status."""
    return {"kind": "timeline", "events": [
        {"id": e.id, "title": {"en": e.title.en, "ar": e.title.ar},
         "description": {"en": e.description.en, "ar": e.description.ar},
         "start": e.date.iso, "end": e.end.iso if e.end else None, "status": e.status}
        for e in events]}

