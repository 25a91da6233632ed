"""Feed: the articles' facts into an edition's Atom feed (feed.xml), written by feedgen.

Each entry carries both titles (the edition's language first), the summary, the original's
date as <published> and our translation's last change as <updated>, the original's outlet as
<author> with its address as <link rel="via">, the site as <contributor> (the translator), and
the translation's status as a <category>. An article whose translation is not finished is
left out; the newest FEED_LIMIT articles by the original's date are in, newest first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension  # type: ignore[import-untyped]
from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]
from feedgen.util import xml_elem  # type: ignore[import-untyped]

from .structured_data import Site

FEED_NAME = "feed.xml"
FEED_LIMIT = 50
FEED_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class FeedArticle:
    """An article page's address and its facts (explainer.pages.sharing.article_facts)."""

    url: str
    facts: Mapping[str, Any]


class _Links(BaseEntryExtension):  # type: ignore[misc]
    """An entry's links with their rel, hreflang and title. feedgen 1.0.0 writes an entry's links
    with their href alone (python-feedgen#135, open), so a via link would read as alternate."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def add(self, **attributes: str) -> None:
        self.links.append(attributes)

    def extend_atom(self, entry: Any) -> Any:
        for attributes in self.links:
            xml_elem("link", entry, **attributes)
        return entry


def _moment(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC)


def entry_title(facts: Mapping[str, Any], lang: str) -> str:
    """Both titles, the edition's language first.

    >>> entry_title({"title": {"en": "Iraq", "ar": "العراق"}}, "ar")
    'العراق — Iraq'
    """
    first, second = (facts["title"]["ar"], facts["title"]["en"]) if lang == "ar" else (facts["title"]["en"], facts["title"]["ar"])
    return f"{first} — {second}"


def feed_articles(articles: Sequence[FeedArticle], limit: int = FEED_LIMIT) -> list[FeedArticle]:
    """The finished translations, newest original first, at most limit of them."""
    done = [a for a in articles if a.facts["status"] == "translated"]
    return sorted(done, key=lambda a: (a.facts["published"], a.facts["slug"]), reverse=True)[:limit]


def atom_feed(site: Site, articles: Sequence[FeedArticle], status_label: str) -> bytes:
    """The edition's Atom feed as UTF-8 bytes; byte for byte the same for the same articles."""
    chosen = feed_articles(articles)
    feed = FeedGenerator()
    feed.id(site.url)
    feed.title(site.name)
    feed.subtitle(site.description or site.name)
    feed.language(site.lang)
    feed.link(href=site.url, rel="alternate", type="text/html")
    feed.link(href=site.url + FEED_NAME, rel="self", type=FEED_TYPE)
    feed.author({"name": site.name, "uri": site.url})
    feed.generator("explainer (python-feedgen)")
    feed.register_extension("links", BaseExtension, _Links, atom=True, rss=False)
    # Deterministic: the feed changes only when an entry does, never with the clock.
    newest = max((a.facts["modified"] for a in chosen), default="2000-01-01")
    feed.updated(_moment(newest))
    for article in chosen:
        facts = article.facts
        entry = feed.add_entry(order="append")
        entry.id(article.url)
        entry.title(entry_title(facts, site.lang))
        # Written as <link href>: an Atom link without rel is the alternate (RFC 4287, 4.2.7.2).
        entry.link(href=article.url, rel="alternate", type="text/html")
        outlet = facts["outlet"]["ar"] if site.lang == "ar" and facts["outlet"]["ar"] else facts["outlet"]["en"]
        author = {"name": outlet}
        if facts["url"]:
            entry.links.add(href=facts["url"], rel="via", hreflang="ar", title=outlet)
            author["uri"] = facts["url"]
        entry.author(author)
        entry.contributor({"name": site.name, "uri": site.url})
        entry.summary(facts["summary"])
        entry.published(_moment(facts["published"]))
        entry.updated(_moment(facts["modified"]))
        entry.category(term=facts["status"], scheme=site.url + "#translation-status", label=status_label)
    data: bytes = feed.atom_str(pretty=True)
    return data
