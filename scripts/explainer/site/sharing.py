"""Sharing: each built page into its card, its JSON-LD and, for an article, its feed entry.

The hook (site_hook.py) calls share_page for every page and write_feed after the build. A
page's titles in both languages come from the generator's facts (an article's front matter,
explainer.pages.sharing) or from the page and its twin, the same path in the other edition's
docs folder (extra.twin.docs_dir).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from ..pages.interface import Interface, load_interface
from ..pages.paging import first_page
from ..pages.render import format_day
from ..pages.sharing import SHARING_KEY
from .cards import Card, card_path, write_card
from .feed import FEED_NAME, FeedArticle, atom_feed
from .structured_data import Site, page_graph

# Cards already drawn are kept here, under the project, by the digest of what they show.
CARD_CACHE = "build/cards"


@dataclass(frozen=True)
class Shared:
    """What a page's <head> gets: its card's address and its JSON-LD graph."""

    card: str
    card_alt: str
    jsonld: dict[str, Any]
    drawn: bool
    feed: FeedArticle | None = None
    # Whether the page has a card file of its own (not its list's first page's).
    own_card: bool = True


@dataclass(frozen=True)
class Edition:
    """One edition's build: what it is called, where it is written, where the twin's pages are."""

    site: Site
    site_dir: Path
    project: Path
    twin_docs: Path | None


@dataclass(frozen=True)
class SharedSite:
    """What sharing every page of an edition gave: the articles for its feed, and the cards."""

    edition: Edition
    articles: tuple[FeedArticle, ...]
    cards: int
    drawn: int


def edition(config: Any) -> Edition:
    """The edition a MkDocs configuration builds."""
    twin = config["extra"].get("twin") or {}
    project = Path(config["config_file_path"]).parent
    site = Site(config["theme"]["language"], config["site_name"], config["site_url"] or "/",
                twin.get("site_name", ""), twin.get("site_url", ""), config.get("site_description") or "")
    return Edition(site, Path(config["site_dir"]), project, project / twin["docs_dir"] if twin.get("docs_dir") else None)


def twin_meta(twin_docs: Path | None, src_uri: str) -> dict[str, Any]:
    """The front matter of the page at the same path in the other edition ({} if it has none)."""
    if twin_docs is None or not (twin_docs / src_uri).is_file():
        return {}
    _, meta = get_data((twin_docs / src_uri).read_text(encoding="utf-8-sig"))
    return meta


def facts_of(meta: Mapping[str, Any]) -> dict[str, Any] | None:
    """A page's sharing facts (explainer.pages.sharing), their text unescaped; None if it has none.

    >>> facts_of({"sharing": {"kind": "article", "title": {"en": "A &amp; B"}, "end": None}})
    {'kind': 'article', 'title': {'en': 'A & B'}, 'end': None}
    """
    def unescaped(value: Any) -> Any:
        if isinstance(value, str):
            return html.unescape(value)
        if isinstance(value, Mapping):
            return {key: unescaped(item) for key, item in value.items()}
        if isinstance(value, list):
            return [unescaped(item) for item in value]
        return value

    facts = meta.get(SHARING_KEY)
    return unescaped(facts) if isinstance(facts, Mapping) else None


def plain(text: object) -> str:
    """A front-matter title or description as text: the generator HTML-escapes them.

    >>> plain("A &amp; B &lt;i&gt;")
    'A & B <i>'
    """
    return html.unescape(str(text or "")).strip()


def card_for(ed: Edition, page_url: str, meta: Mapping[str, Any], title: str, other: Mapping[str, Any]) -> Card:
    """What a page's card shows: the edition's language first."""
    site = ed.site
    facts = facts_of(meta) or {}
    if facts.get("kind") == "article":
        own, theirs = (facts["title"]["ar"], facts["title"]["en"]) if site.lang == "ar" else (facts["title"]["en"], facts["title"]["ar"])
        outlet = facts["outlet"]["ar"] if site.lang == "ar" and facts["outlet"]["ar"] else facts["outlet"]["en"]
        when = format_day(date.fromisoformat(facts["published"]), site.lang)
        return Card(site.name, site.other_name, (own, theirs), f"{outlet} · {when}")
    if not page_url:
        return Card("", "", (site.name, site.other_name), plain(meta.get("description")) or site.description)
    return Card(site.name, site.other_name, tuple(t for t in (title, plain(other.get("title"))) if t),
                plain(meta.get("description")))


def share_page(ed: Edition, page_url: str, src_uri: str, meta: Mapping[str, Any], title: str,
               titles: Mapping[str, str], card_of: Shared | None = None) -> Shared:
    """Draw (or reuse) the page's card and build its JSON-LD; an article's facts go to the feed.

    card_of: a page whose card this one shows instead of a card of its own (the first page of
    the list this page continues)."""
    other = twin_meta(ed.twin_docs, src_uri)
    if card_of is None:
        card = card_for(ed, page_url, meta, title, other)
        path = card_path(page_url)
        drawn = write_card(card, ed.site_dir / path, ed.project / CARD_CACHE)
        image, alt = ed.site.url + path, " · ".join(card.titles)
    else:
        drawn, image, alt = False, card_of.card, card_of.card_alt
    facts = facts_of(meta)
    graph = page_graph(ed.site, page_url, title, facts, image, titles, plain(other.get("title")))
    feed = FeedArticle(ed.site.url + page_url, facts) if facts and facts.get("kind") == "article" else None
    return Shared(image, alt, graph, drawn, feed, card_of is None)


def share_pages(env: Any, config: Any, files: Any) -> SharedSite:
    """Every page's card drawn (or reused) and its JSON-LD put in its meta, for overrides/main.html;
    run once MkDocs has read every page (on_env), so each page's breadcrumbs know the others' titles.

    A list's later pages (…/page/2/) show its first page's card: the same entry or archive, in
    the same words, so one image a list instead of one a page (about 12 KiB each)."""
    # tojson (the JSON-LD) still escapes <, >, & and '; Arabic stays Arabic, not \\u0627 a letter.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    ed = edition(config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    titles = {page.url: plain(page.title) for page in pages}
    # First pages before the pages that continue them, so each of those finds its card.
    pages.sort(key=lambda page: first_page(page.url) is not None)
    shared: dict[str, Shared] = {}
    for page in pages:
        first = first_page(page.url)
        one = share_page(ed, page.url, page.file.src_uri, page.meta, plain(page.title), titles,
                         shared.get(first) if first is not None else None)
        shared[page.url] = one
        page.meta["explainer_share"] = {"card": one.card, "card_alt": one.card_alt, "jsonld": one.jsonld}
    return SharedSite(ed, tuple(s.feed for s in shared.values() if s.feed), sum(s.own_card for s in shared.values()),
                      sum(s.drawn for s in shared.values()))


def write_feed(shared: SharedSite, content: Path) -> Path:
    """The edition's feed.xml, from the articles shared during the build."""
    ui: Interface = load_interface(content, shared.edition.site.lang)
    target = shared.edition.site_dir / FEED_NAME
    target.write_bytes(atom_feed(shared.edition.site, shared.articles, ui("fully translated")))
    return target
