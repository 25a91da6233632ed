"""Page facts: a news page's markup into the facts it states about its article (headline, date,
publisher, author, address), each with where in the page it was read.

Structured data first (JSON-LD, <meta>, RDFa, <time> in the article), then the address, then
the article's visible dateline; never the site's furniture (a header's "today", a sidebar).
"""

from __future__ import annotations

import ipaddress
import json
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html

from ..core.editortext import BIDI_CONTROLS

# How many words of a block a message quotes.
_FIRST_WORDS = 8

# JSON-LD types that are an article.
_ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                            "OpinionNewsArticle", "BackgroundNewsArticle", "Report", "WebPage"})

# Dates in an address: /2021/03/14/, /2013/middle_east/8/3/ (a section between year and month), /2021-03-14-.
_ADDRESS_DATES = (
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?:[a-z_-]+/)?(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$|[-_.])"),
    re.compile(r"(?:^|[/_-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:$|[/_.-])"),
)

# A headline's separator from the site's name: "headline - site", "site | headline".
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|:«»]\s+|\s*::\s*|\s+\|\s*")

# A bare domain given as a name ("example.com").
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)

# Where a date or a name in the markup belongs to the site, not the article: headers' "today" widgets,
# sidebars, lists of other stories, comments.
_NOT_ARTICLE = re.compile(r"today|date-now|current-date|sidebar|widget|related|comment|breaking|ticker|weather|"
                          r"most-read|popular|latest|footer|masthead|top-bar|topbar", re.IGNORECASE)

# Control characters and bidi controls, which a value from the page must not carry into meta.yml.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "\u200b-\u200f\ufeff]")


@dataclass(frozen=True)
class Fact:
    """A value read from the page, and where in the page it was read."""

    value: str
    where: str


def first_words(text: str) -> str:
    """The first words of a text, an ellipsis after them when there are more."""
    words = text.split()
    return " ".join(words[:_FIRST_WORDS]) + ("…" if len(words) > _FIRST_WORDS else "")


# ---------------------------------------------------------------------------------------------
# The facts: JSON-LD, <meta>, <link>, <time>.

def _json_ld_blocks(tree: lxml.html.HtmlElement) -> list[Any]:
    """Each JSON-LD block of the page, parsed; None for a block that is not valid JSON."""
    blocks = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            blocks.append(json.loads(script.text or ""))
        except ValueError:
            blocks.append(None)
    return blocks


def json_ld_objects(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph lists flattened; blocks that are not valid JSON are skipped."""
    found: list[dict[str, Any]] = []
    for data in _json_ld_blocks(tree):
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack.extend(graph if isinstance(graph, list) else [])
    return found


def unreadable_json_ld(tree: lxml.html.HtmlElement) -> int:
    """How many of the page's JSON-LD blocks are not valid JSON (json_ld_objects skips them)."""
    return sum(1 for data in _json_ld_blocks(tree) if data is None)


def _types(item: dict[str, Any]) -> set[str]:
    """A JSON-LD object's @type, one or several, as a set."""
    kind = item.get("@type", ())
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object that describes the article (not the site, the breadcrumbs or the organisation).

    Its publisher and author given by reference ({"@id": …}, as Yoast's @graph gives them) are
    replaced by the objects they name.
    """
    ranked = sorted((o for o in objects if _types(o) & _ARTICLE_TYPES), key=lambda o: "WebPage" in _types(o))
    if not ranked:
        return {}
    named = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    return {key: _resolved(value, named) if key in ("publisher", "author") else value for key, value in ranked[0].items()}


def _resolved(value: Any, named: dict[str, dict[str, Any]]) -> Any:
    """A JSON-LD value with each reference ({"@id": …} alone) replaced by the object it names."""
    if isinstance(value, list):
        return [_resolved(item, named) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return named.get(value["@id"], value)
    return value


def meta_fact(tree: lxml.html.HtmlElement, *names: str) -> Fact | None:
    """The first of the <meta> tags named (by property, name or itemprop, any case) that has content."""
    for wanted in names:
        for element in tree.xpath("//meta[@content]"):
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
            if key == wanted.lower() and (element.get("content") or "").strip():
                return Fact(clean_text(element.get("content")), f"the page's <meta> {wanted}")
    return None


def clean_text(text: str | None) -> str:
    """A value from the page as one line of plain text."""
    return " ".join(UNSHOWABLE.sub("", text or "").split())


def _name_of(value: Any) -> str:
    """The name in a JSON-LD value: a text, or an object's name, or the first of a list."""
    if isinstance(value, list):
        return next((n for n in map(_name_of, value) if n), "")
    if isinstance(value, dict):
        return _name_of(value.get("name", ""))
    return clean_text(value) if isinstance(value, str) else ""


def _host_is_ip(address: str) -> bool:
    """Whether an address's host is a bare IP (or localhost), a server's rather than a site's."""
    host = urllib.parse.urlsplit(address).hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost"
    return True


def _web_address(address: str) -> bool:
    """Whether address is a full http(s) address on a named host."""
    parts = urllib.parse.urlsplit(address)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not _host_is_ip(address) and " " not in address


def page_address(tree: lxml.html.HtmlElement, fetched_from: str = "") -> Fact | None:
    """The page's own address: rel=canonical (a relative one read against the address fetched or og:url), else og:url.

    An address on a bare IP is not one: it is a server's, not the article's.
    """
    og = meta_fact(tree, "og:url")
    base = fetched_from or (og.value if og else "")
    for link in tree.xpath("//link[@href]"):
        if "canonical" not in (link.get("rel") or "").lower().split():
            continue
        href = clean_text(link.get("href"))
        absolute = urllib.parse.urljoin(base, href) if base else href
        if _web_address(absolute):
            against = "" if absolute == href else f" (relative, read against {'the address fetched' if fetched_from else 'og:url'})"
            return Fact(absolute, f"the page's rel=canonical link{against}")
    return og if og and _web_address(og.value) else None


def is_site_name(text: str, site: str) -> bool:
    """Whether text names the site rather than a person: the site's name, or a bare domain."""
    return not text or _DOMAIN.match(text) is not None or (bool(site) and folded(text) == folded(site))


def folded(text: str) -> str:
    """Text as compared: case folded, its white space collapsed."""
    return " ".join(text.casefold().split())


def page_publisher(tree: lxml.html.HtmlElement, article: dict[str, Any]) -> Fact | None:
    """The outlet, as a reader names it: JSON-LD publisher.name, else og:site_name; never a bare domain."""
    candidates = [Fact(_name_of(article.get("publisher")), "the page's JSON-LD publisher.name"), meta_fact(tree, "og:site_name")]
    return next((c for c in candidates if c and c.value and not _DOMAIN.match(c.value)), None)


def page_author(tree: lxml.html.HtmlElement, article: dict[str, Any], site: str) -> Fact | None:
    """The author the page names: JSON-LD author, <meta> author, a rel=author link; the site's name does not count."""
    links = tree.xpath('//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]')
    candidates = [Fact(_name_of(article.get("author")), "the page's JSON-LD author"),
                  meta_fact(tree, "author", "article:author", "dc.creator"),
                  Fact(clean_text(links[0].text_content()), "the page's rel=author link") if links else None]
    return next((c for c in candidates if c and not is_site_name(c.value, site) and "://" not in c.value), None)


def trim_site_name(title: str, site: str) -> str:
    """A headline without the site's name that a <title> adds before or after it.

    >>> trim_site_name("جسر جديد في الموصل - صحيفة النهار", "صحيفة النهار")
    'جسر جديد في الموصل'
    >>> trim_site_name("صحيفة النهار | جسر جديد في الموصل", "صحيفة النهار")
    'جسر جديد في الموصل'
    """
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title.strip()
    head, tail = title[: separators[-1].start()], title[separators[-1].end():]
    if _names_site(tail, site):
        return trim_site_name(head, site)
    head, tail = title[: separators[0].start()], title[separators[0].end():]
    if _names_site(head, site):
        return trim_site_name(tail, site)
    return title.strip()


def _names_site(part: str, site: str) -> bool:
    """Whether a piece of a <title> is the site's name (or part of it), or a bare domain."""
    part = folded(part)
    return bool(_DOMAIN.match(part)) or bool(site and part and (part == folded(site) or part in folded(site)))


def page_title(tree: lxml.html.HtmlElement, article: dict[str, Any], site: str) -> Fact | None:
    """The headline: JSON-LD headline, og:title, the <h1>, the <title>; the site's name trimmed."""
    headings = [h for h in tree.xpath("//h1") if not _in_furniture(h)]
    titles = tree.xpath("//title")
    candidates = [Fact(clean_text(article.get("headline") if isinstance(article.get("headline"), str) else ""), "the page's JSON-LD headline"),
                  meta_fact(tree, "og:title", "twitter:title"),
                  Fact(clean_text(headings[0].text_content()), "the page's <h1>") if headings else None,
                  Fact(clean_text(titles[0].text_content()), "the page's <title>") if titles else None]
    for fact in candidates:
        if fact and fact.value:
            trimmed = trim_site_name(fact.value, site)
            if trimmed != fact.value:
                return Fact(trimmed, f"{fact.where}, the site's name trimmed")
            return fact
    return None


# ---------------------------------------------------------------------------------------------
# The publication date.

def _iso_day(text: str) -> str | None:
    """The calendar day at the start of an ISO 8601 date or date-time, as YYYY-MM-DD."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def _in_furniture(element: lxml.html.HtmlElement) -> bool:
    """Whether an element sits in the site's furniture: navigation, a sidebar, a header widget, comments."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if ancestor.tag in ("nav", "aside", "footer") and not _has_article_ancestor(ancestor):
            return True
        if ancestor.tag == "header" and not _has_article_ancestor(ancestor):
            return True
        if _NOT_ARTICLE.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
            return True
    return False


def _has_article_ancestor(element: lxml.html.HtmlElement) -> bool:
    """Whether an element sits inside an <article> or an element marked as an Article."""
    return any(a.tag == "article" or "Article" in (a.get("itemtype") or "") for a in element.iterancestors())


def structured_date(tree: lxml.html.HtmlElement, article: dict[str, Any]) -> Fact | None:
    """The date the page's structured data states: JSON-LD datePublished, article:published_time, dc:date, <time> in the article."""
    jsonld = _iso_day(str(article.get("datePublished", "")))
    if jsonld:
        return Fact(jsonld, "the page's JSON-LD datePublished")
    for name in ("article:published_time", "datePublished", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued"):
        meta = meta_fact(tree, name)
        if meta and _iso_day(meta.value):
            return Fact(_iso_day(meta.value) or "", meta.where)
    for element in tree.xpath("//*[@property][@content]"):
        properties = element.get("property", "").split()
        if {"dc:date", "dc:created", "dcterms:date", "dcterms:created"} & set(properties) and _iso_day(element.get("content", "")):
            return Fact(_iso_day(element.get("content", "")) or "", "the page's RDFa dc:date")
    for element in tree.xpath("//time[@datetime]"):
        if (_has_article_ancestor(element) or element.get("itemprop") == "datePublished") and not _in_furniture(element):
            day = _iso_day(element.get("datetime", ""))
            if day:
                return Fact(day, "the <time datetime> in the page's article")
    return None


def publication_date(tree: lxml.html.HtmlElement, article: dict[str, Any], addresses: Sequence[str],
                     lines: tuple[str, ...], read_day: Callable[[str], date | None]) -> Fact | None:
    """The publication date: from the page's structured data, else its address, else the article's visible dateline."""
    found = structured_date(tree, article)
    if found:
        return found
    for address in addresses:
        day = address_date(address) if address else None
        if day:
            return Fact(day, "the page's address")
    return dateline_date(tree, lines, read_day)


def address_date(address: str) -> str | None:
    """The date an address holds, as YYYY-MM-DD.

    >>> address_date("https://news.example/2013/middle_east/8/3/story"), address_date("https://news.example/story-42")
    ('2013-08-03', None)
    """
    path = urllib.parse.urlsplit(address).path
    for pattern in _ADDRESS_DATES:
        match = pattern.search(path)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
            except ValueError:
                continue
    return None


def dateline_date(tree: lxml.html.HtmlElement, lines: tuple[str, ...], read_day: Callable[[str], date | None]) -> Fact | None:
    """The date the article's visible dateline states, outside the site's header, sidebars and widgets."""
    found = _article_container(tree, lines)
    blocks = _short_blocks(*found) if found else []
    # The first paragraph's opening counts only as a dateline: "عمّان - 14 كانون الأول 2019 - …".
    opening = [m.group(1) for m in (re.match(r"^(.{0,60}?)\s[-–—:]\s", line) for line in lines[:1]) if m]
    for block in [*blocks, *opening]:
        day = read_day(block)
        if day:
            return Fact(day.isoformat(), f"the article's visible dateline «{first_words(block)}»")
    return None


def _article_container(tree: lxml.html.HtmlElement, lines: tuple[str, ...]) -> tuple[lxml.html.HtmlElement, lxml.html.HtmlElement] | None:
    """The element around the article (its <article>, else the nearest holder of its <h1> and first paragraph), and that paragraph."""
    paragraphs: list[lxml.html.HtmlElement] = tree.xpath("//p")
    starts = [clean_text(p.text_content())[:40] for p in paragraphs]
    first = next((p for p, start in zip(paragraphs, starts, strict=True)
                  if start and any(start in line for line in lines[:2])), None)
    if first is None:
        return None
    for ancestor in first.iterancestors():
        if ancestor.tag == "article":
            return ancestor, first
    headings = [h for h in tree.xpath("//h1") if not _in_furniture(h)]
    holders = set(headings[0].iterancestors()) if headings else set()
    container = next((a for a in first.iterancestors() if a in holders), first.getparent())
    return (container, first) if container is not None else None


def _short_blocks(container: lxml.html.HtmlElement, first: lxml.html.HtmlElement) -> list[str]:
    """The container's short text blocks (datelines, bylines) before the article's first paragraph, outside the site's furniture."""
    found = []
    for element in container.iter():
        if element is first:
            break
        if not isinstance(element.tag, str) or _NOT_ARTICLE.search(f"{element.get('class', '')} {element.get('id', '')}"):
            continue
        text = clean_text(element.text_content())
        if text and len(text.split()) <= 12 and not _in_furniture(element):
            found.append(text)
    return found


