"""Web intake: a saved news page's bytes into the article's text and the facts its markup states, each with where it came from.

The article body is trafilatura's (comments left out); the facts (headline, date, publisher,
author, address) are read here from the page's structured data and markup, because a citation
needs to say where each came from and trafilatura's metadata does not. The page is parsed by
lxml and never run: scripts are dropped unread, and everything taken from it is plain text.
"""

from __future__ import annotations

import codecs
import hashlib
import ipaddress
import json
import multiprocessing
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection
from typing import Any

import lxml.etree
import lxml.html

from ..core.problems import ContentError, Problem
from ..core.yamlfile import LineDict, LineList
from .editortext import BIDI_CONTROLS
from .read import arabic_share, looks_like_html

# Far above any article page (a news page with its inline scripts is 100–800 KB).
MAX_PAGE_BYTES = 5 * 1024 * 1024
# Extraction of a sound page takes well under a second; a page that takes longer is hostile or broken.
EXTRACTION_SECONDS = 20.0
FETCH_SECONDS = 20.0
# Fewer words than this in the extracted text is a teaser, a login wall or a video caption, not an article.
MIN_ARTICLE_WORDS = 40
# Share of the article's letters that must be Arabic.
_MIN_ARABIC_SHARE = 0.5
# More of the text than this in links is a list of other stories, not an article.
_MAX_LINK_SHARE = 0.5
# How many words of a left-out block the report shows.
_FIRST_WORDS = 8

# A charset declared in the page's first bytes: <meta charset=…> or http-equiv's content="…; charset=…".
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
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
# Tags whose content is never text of the page.
_UNREAD = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "button", "select")
# Tags that start and end a block of text (the rest are inline).
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
                     "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                     "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
                     "th", "tr", "ul", "br", "caption", "label", "option"})
# Where a date or a name in the markup belongs to the site, not the article: headers' "today" widgets,
# sidebars, lists of other stories, comments.
_NOT_ARTICLE = re.compile(r"today|date-now|current-date|sidebar|widget|related|comment|breaking|ticker|weather|"
                          r"most-read|popular|latest|footer|masthead|top-bar|topbar", re.IGNORECASE)
# Control characters and bidi controls, which a value from the page must not carry into meta.yml.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "\u200b-\u200f\ufeff]")


@dataclass(frozen=True)
class Fact:
    """A value read from the page, and where in the page it was read."""

    value: str
    where: str


@dataclass(frozen=True)
class WebPage:
    """A news page read: its article's lines, the facts its markup states, and what was left out."""

    name: str
    # The address it was fetched from, or "" for a saved file.
    fetched_from: str
    sha256: str
    encoding: str
    # The article as lines: paragraphs and subheadings, the lead first when it came from the description.
    lines: tuple[str, ...]
    title: Fact | None
    published: Fact | None
    publisher: Fact | None
    author: Fact | None
    address: Fact | None
    lead_from_description: bool
    # The first words of each text block of the page that is not in the article.
    left_out: tuple[str, ...]
    # What was changed in the facts on the way (control characters removed…), for the editor.
    notes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The article as article.ar.txt holds it: one line per paragraph or subheading."""
        return "\n".join(self.lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Bytes into a tree.

def _refuse(name: str, what: str, todo: str) -> ContentError:
    return ContentError([Problem(name, None, what, todo)])


_RESAVE = "save the article's page again from a browser (Save page as…, HTML only), or paste its text into a file and use --source"


def decode_page(name: str, data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """The page's text, and how it was decoded and why (see declared_encoding)."""
    if len(data) > MAX_PAGE_BYTES:
        raise _refuse(name, f"page is {len(data) / 1024 / 1024:.1f} MB, more than the {MAX_PAGE_BYTES // 1024 // 1024} MB "
                      "that any article's page takes", "save the page as HTML only, without its images and scripts")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _refuse(name, "file is not HTML (it holds binary data)", "give the article's page, saved as HTML")
    encoding, why = declared_encoding(data, header_charset)
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise _refuse(name, f"page declares an unknown charset {encoding!r} ({why})", _RESAVE) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise _refuse(name, f"page is not {codec} as {why} says (byte 0x{data[error.start]:02x} at offset {error.start})",
                      _RESAVE) from None
    if not looks_like_html(text):
        raise _refuse(name, "file is not HTML (it starts with no <html>, <head> or <body> and has no tags)",
                      "give the article's page saved from a browser (Save page as…, HTML only), or use --source for a text file")
    return text, f"{encoding.lower()}, from {why}"


def declared_encoding(data: bytes, header_charset: str | None) -> tuple[str, str]:
    """The page's encoding and where it was declared: a byte-order mark, the server's charset, the page's <meta>, else UTF-8.

    A saved page loses its server's header, and a page whose <meta> names a legacy charset
    while its bytes are valid UTF-8 with letters outside ASCII was served as UTF-8: no
    windows-1256 Arabic text is also valid UTF-8.

    >>> declared_encoding('<meta charset="windows-1256"><p>نص'.encode("utf-8"), None)
    ('utf-8', "its bytes, which are UTF-8 although the page's <meta> says windows-1256")
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "its UTF-8 byte-order mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "its UTF-16 byte-order mark"
    if header_charset:
        return header_charset, "the server's Content-Type"
    declared = _DECLARED_CHARSET.search(data[:16384])
    if not declared:
        return "utf-8", "no charset declared, so UTF-8"
    encoding = declared.group(1).decode("ascii")
    if _is_utf8_text(data) and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return "utf-8", f"its bytes, which are UTF-8 although the page's <meta> says {encoding}"
    return encoding, "the page's <meta> charset"


def _is_utf8_text(data: bytes) -> bool:
    """Whether data is valid UTF-8 holding characters outside ASCII."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def parse_page(name: str, text: str) -> lxml.html.HtmlElement:
    """The page as a tree, without what a browser never shows as text: scripts (but JSON-LD), styles, templates, frames."""
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError) as error:
        raise _refuse(name, f"page cannot be parsed ({error})", _RESAVE) from None
    unread = " | ".join(f"//{tag}" for tag in _UNREAD if tag not in ("head", "script", "button", "select"))
    for element in tree.xpath(f"//script[not(@type='application/ld+json')] | {unread}"):
        element.drop_tree()
    return tree


# ---------------------------------------------------------------------------------------------
# The facts: JSON-LD, <meta>, <link>, <time>.

def json_ld_objects(tree: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph lists flattened; unreadable blocks are skipped."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                stack.extend(graph if isinstance(graph, list) else [])
    return found


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", ())
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object that describes the article (not the site, the breadcrumbs or the organisation)."""
    ranked = sorted((o for o in objects if _types(o) & _ARTICLE_TYPES), key=lambda o: "WebPage" in _types(o))
    return ranked[0] if ranked else {}


def _meta(tree: lxml.html.HtmlElement, *names: str) -> Fact | None:
    """The first of the <meta> tags named (by property, name or itemprop, any case) that has content."""
    for wanted in names:
        for element in tree.xpath("//meta[@content]"):
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
            if key == wanted.lower() and (element.get("content") or "").strip():
                return Fact(_clean(element.get("content")), f"the page's <meta> {wanted}")
    return None


def _clean(text: str | None) -> str:
    """A value from the page as one line of plain text."""
    return " ".join(_UNSHOWABLE.sub("", text or "").split())


def _name_of(value: Any) -> str:
    """The name in a JSON-LD value: a text, or an object's name, or the first of a list."""
    if isinstance(value, list):
        return next((n for n in map(_name_of, value) if n), "")
    if isinstance(value, dict):
        return _name_of(value.get("name", ""))
    return _clean(value) if isinstance(value, str) else ""


def _host_is_ip(address: str) -> bool:
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
    og = _meta(tree, "og:url")
    base = fetched_from or (og.value if og else "")
    for link in tree.xpath("//link[@href]"):
        if "canonical" not in (link.get("rel") or "").lower().split():
            continue
        href = _clean(link.get("href"))
        absolute = urllib.parse.urljoin(base, href) if base else href
        if _web_address(absolute):
            against = "" if absolute == href else f" (relative, read against {'the address fetched' if fetched_from else 'og:url'})"
            return Fact(absolute, f"the page's rel=canonical link{against}")
    return og if og and _web_address(og.value) else None


def is_site_name(text: str, site: str) -> bool:
    """Whether text names the site rather than a person: the site's name, or a bare domain."""
    return not text or _DOMAIN.match(text) is not None or (bool(site) and _folded(text) == _folded(site))


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def page_publisher(tree: lxml.html.HtmlElement, article: dict[str, Any]) -> Fact | None:
    """The outlet, as a reader names it: JSON-LD publisher.name, else og:site_name; never a bare domain."""
    candidates = [Fact(_name_of(article.get("publisher")), "the page's JSON-LD publisher.name"), _meta(tree, "og:site_name")]
    return next((c for c in candidates if c and c.value and not _DOMAIN.match(c.value)), None)


def page_author(tree: lxml.html.HtmlElement, article: dict[str, Any], site: str) -> Fact | None:
    """The author the page names: JSON-LD author, <meta> author, a rel=author link; the site's name does not count."""
    links = tree.xpath('//a[contains(concat(" ", normalize-space(@rel), " "), " author ")]')
    candidates = [Fact(_name_of(article.get("author")), "the page's JSON-LD author"),
                  _meta(tree, "author", "article:author", "dc.creator"),
                  Fact(_clean(links[0].text_content()), "the page's rel=author link") if links else None]
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
    part = _folded(part)
    return bool(_DOMAIN.match(part)) or bool(site and part and (part == _folded(site) or part in _folded(site)))


def page_title(tree: lxml.html.HtmlElement, article: dict[str, Any], site: str) -> Fact | None:
    """The headline: JSON-LD headline, og:title, the <h1>, the <title>; the site's name trimmed."""
    headings = [h for h in tree.xpath("//h1") if not _in_furniture(h)]
    titles = tree.xpath("//title")
    candidates = [Fact(_clean(article.get("headline") if isinstance(article.get("headline"), str) else ""), "the page's JSON-LD headline"),
                  _meta(tree, "og:title", "twitter:title"),
                  Fact(_clean(headings[0].text_content()), "the page's <h1>") if headings else None,
                  Fact(_clean(titles[0].text_content()), "the page's <title>") if titles else None]
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
    return any(a.tag == "article" or "Article" in (a.get("itemtype") or "") for a in element.iterancestors())


def structured_date(tree: lxml.html.HtmlElement, article: dict[str, Any]) -> Fact | None:
    """The date the page's structured data states: JSON-LD datePublished, article:published_time, dc:date, <time> in the article."""
    jsonld = _iso_day(str(article.get("datePublished", "")))
    if jsonld:
        return Fact(jsonld, "the page's JSON-LD datePublished")
    for name in ("article:published_time", "datePublished", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued"):
        meta = _meta(tree, name)
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
            return Fact(day.isoformat(), f"the article's visible dateline «{_first_words(block)}»")
    return None


def _article_container(tree: lxml.html.HtmlElement, lines: tuple[str, ...]) -> tuple[lxml.html.HtmlElement, lxml.html.HtmlElement] | None:
    """The element around the article (its <article>, else the nearest holder of its <h1> and first paragraph), and that paragraph."""
    paragraphs: list[lxml.html.HtmlElement] = tree.xpath("//p")
    starts = [_clean(p.text_content())[:40] for p in paragraphs]
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
        text = _clean(element.text_content())
        if text and len(text.split()) <= 12 and not _in_furniture(element):
            found.append(text)
    return found


# ---------------------------------------------------------------------------------------------
# The article's text, by trafilatura, in a child process with a time limit.

def _body_lines(tree: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """trafilatura's article body as (kind, text) pairs: 'heading' or 'paragraph'."""
    import trafilatura  # imported here: it takes a second, and only `explainer new` needs it

    document = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False, include_images=False,
                                           include_links=False, with_metadata=False, output_format="python")
    body = getattr(document, "body", None)
    if body is None:
        return []
    found: list[tuple[str, str]] = []
    for element in body:
        kind = "heading" if element.tag == "head" else "paragraph"
        items = element.findall(".//item") if element.tag == "list" else [element]
        for item in items:
            found.extend((kind, text) for text in _split_at_breaks(item))
    return found


def _split_at_breaks(element: Any) -> Iterator[str]:
    """An element's text, one piece per line break (<lb/>) it holds."""
    pieces = [element.text or ""]
    for child in element.iterdescendants():
        if child.tag == "lb":
            pieces.append("")
        else:
            pieces[-1] += child.text or ""
        pieces[-1] += child.tail or ""
    yield from (text for text in map(_clean, pieces) if text)


def _extract_in_child(tree: lxml.html.HtmlElement, sender: Connection) -> None:
    try:
        sender.send(("ok", _body_lines(tree)))
    except Exception as error:
        sender.send(("error", f"{type(error).__name__}: {error}"))


def extract_body(name: str, tree: lxml.html.HtmlElement, seconds: float = EXTRACTION_SECONDS) -> list[tuple[str, str]]:
    """The article body, extracted in a child process that is stopped after `seconds`.

    The child is forked, so it shares the parsed tree without copying it, and whatever the
    extractor does to the tree stays in the child.
    """
    import trafilatura  # noqa: F401 - imported before the fork, so the child does not import it again

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_extract_in_child, args=(tree, sender), daemon=True)
    child.start()
    sender.close()
    try:
        ready = receiver.poll(seconds)
        status, result = receiver.recv() if ready else ("timeout", None)
    except EOFError:
        status, result = "error", "the extractor stopped without an answer"
    finally:
        child.kill()
        child.join()
        receiver.close()
    if status == "timeout":
        raise _refuse(name, f"extraction took longer than {seconds:g} seconds", _RESAVE)
    if status == "error":
        raise _refuse(name, f"extraction cannot parse the page ({result})", _RESAVE)
    return [(str(kind), str(text)) for kind, text in result or ()]


# ---------------------------------------------------------------------------------------------
# What was left out.

def text_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    """Every block of visible text in the page's body, in order (scripts, styles and forms' controls unread)."""
    body = tree.find("body")
    blocks: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = _clean("".join(run))
        if text:
            blocks.append(text)
        run.clear()

    def walk(element: Any) -> None:
        unread = not isinstance(element.tag, str) or element.tag in _UNREAD
        block = not unread and element.tag in _BLOCKS
        if block:
            flush()
        if not unread:
            run.append(element.text or "")
            for child in element:
                walk(child)
        if block:
            flush()
        run.append(element.tail or "")

    if body is not None:
        walk(body)
    flush()
    return blocks


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:_FIRST_WORDS]) + ("…" if len(words) > _FIRST_WORDS else "")


def left_out(blocks: list[str], lines: tuple[str, ...], title: str) -> tuple[str, ...]:
    """The first words of each block of the page that is neither in the article's lines nor its headline."""
    kept = _folded(" ".join((*lines, title)))
    return tuple(_first_words(b) for b in blocks if _folded(b) not in kept and re.search(r"\w", b))


# ---------------------------------------------------------------------------------------------
# What meta.yml records of the page.

@dataclass(frozen=True)
class PageRecord:
    """The web page an article was made from: its address, the SHA-256 of its bytes, the text blocks extraction left out."""

    address: str
    sha256: str
    left_out: tuple[str, ...]


def _leave_it(name: str, line: int, what: str) -> Problem:
    return Problem(name, line, what, "leave it as 'explainer new' wrote it, or delete the page: field")


def parse_page_record(data: LineDict, problems: list[Problem], name: str) -> PageRecord | None:
    """meta.yml's page: the web page `explainer new --html/--url` read, as it recorded it; problems are appended."""
    raw = data.get("page")
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        problems.append(_leave_it(name, data.line_of("page"), "page should have address:, sha256: and left_out:"))
        return None
    address, sha256, left_out = raw.get("address") or "", raw.get("sha256"), raw.get("left_out") or LineList()
    # The address read may be a bare IP's (a page fetched from a test server): it is a record, not a citation.
    if not isinstance(address, str) or (address and not re.fullmatch(r"https?://\S+", address)):
        problems.append(_leave_it(name, raw.line_of("address"), f"page address {address!r} is not a web address"))
    if not isinstance(sha256, str) or not re.fullmatch(r"[0-9a-f]{64}", sha256):
        problems.append(_leave_it(name, raw.line_of("sha256"), "page sha256 is not 64 hexadecimal digits"))
    if not isinstance(left_out, LineList) or not all(isinstance(block, str) for block in left_out):
        problems.append(_leave_it(name, raw.line_of("left_out"), "page left_out should be a list of texts"))
        left_out = LineList()
    return PageRecord(str(address), str(sha256), tuple(left_out))


def unconfirmed_sources(data: LineDict, problems: list[Problem], name: str) -> tuple[str, ...]:
    """The facts of the sources marked confirmed: false, which `explainer new` writes for what it read from a page."""
    found = []
    for entry in data.get("sources") or ():
        confirmed = entry.get("confirmed", True) if isinstance(entry, LineDict) else True
        if not isinstance(confirmed, bool):
            problems.append(Problem(name, entry.line_of("confirmed"), "confirmed should be true or false",
                                    "write confirmed: true once you have checked the fact against the page"))
        elif not confirmed:
            found.append(str(entry.get("fact", "")))
    return tuple(found)


# ---------------------------------------------------------------------------------------------
# The page read.

def _lead(tree: lxml.html.HtmlElement, lines: list[str]) -> str | None:
    """The page's description when the body lacks it: a lead kept outside the article's body."""
    description = _meta(tree, "description", "og:description")
    if description is None:
        return None
    # A description is often the first paragraph cut short: "…", "[…]" or a full stop where a comma was.
    lead = re.sub(r"[\s.…،,:]*(?:\[…\]|\[\.\.\.\])?[\s.…]*$", "", description.value)
    words = _folded(lead).split()
    opening = set(_folded(" ".join(lines[:2])).split())
    if (len(words) < 6 or _folded(lead) in _folded(" ".join(lines)) or arabic_share(lead) < _MIN_ARABIC_SHARE
            or sum(w in opening for w in words) >= 0.8 * len(words)):
        return None
    return description.value


def _article_lines(name: str, tree: lxml.html.HtmlElement, body: list[tuple[str, str]], title: str) -> tuple[list[str], bool]:
    """The article's lines, the headline dropped from their start, the lead added when the body lacks it."""
    lines = [text for _, text in body]
    headlines = {_folded(t) for t in (title, *(h.text_content() for h in tree.xpath("//h1")))} - {""}
    while lines and _folded(lines[0]) in headlines:
        lines.pop(0)
    lead = _lead(tree, lines)
    if lead:
        lines.insert(0, lead)
    words = sum(len(line.split()) for line in lines)
    if words < MIN_ARTICLE_WORDS:
        raise _refuse(name, f"page holds no article ({words} words of article text found: a login wall, a section "
                      "front or a video page?)", "save the article's own page while signed in, or paste its text into a file and use --source")
    linked = link_share(tree, lines)
    if linked > _MAX_LINK_SHARE:
        raise _refuse(name, f"page holds no article ({linked:.0%} of its text is links to other pages: a section front?)",
                      "save the article's own page, not a list of articles")
    share = arabic_share(" ".join(lines))
    if share < _MIN_ARABIC_SHARE:
        raise _refuse(name, f"page's article is not in Arabic (only {share:.0%} of its letters are Arabic)",
                      "check that you saved the Arabic original, not a translation")
    return lines, lead is not None


def link_share(tree: lxml.html.HtmlElement, lines: list[str]) -> float:
    """Share of the text's characters that are the words of links: high on a list of other stories."""
    text = _folded(" ".join(lines))
    anchors = {_folded(a.text_content()) for a in tree.xpath("//body//a")}
    covered = sum(len(anchor) * text.count(anchor) for anchor in anchors if anchor)
    return min(covered / len(text), 1.0) if text else 0.0


def read_page(name: str, data: bytes, read_day: Callable[[str], date | None], *, fetched_from: str = "",
              header_charset: str | None = None) -> WebPage:
    """Read a news page's bytes into its article and facts; refuse, writing nothing, a page that holds no Arabic article."""
    text, encoding = decode_page(name, data, header_charset)
    tree = parse_page(name, text)
    body = extract_body(name, tree)
    objects = json_ld_objects(tree)
    article = _article_object(objects)
    publisher = page_publisher(tree, article)
    site = publisher.value if publisher else ""
    title = page_title(tree, article, site)
    lines, lead_added = _article_lines(name, tree, body, title.value if title else "")
    address = page_address(tree, fetched_from)
    published = structured_date(tree, article)
    for candidate in (address.value if address else "", fetched_from):
        day = address_date(candidate) if published is None and candidate else None
        if day:
            published = Fact(day, "the page's address")
    published = published or dateline_date(tree, tuple(lines), read_day)
    metadata = " ".join(tree.xpath("//head//text() | //head//@content | //h1//text()"))
    controls = len(_UNSHOWABLE.findall(metadata))
    notes = (f"{controls} invisible control character(s) (bidi controls…) in the page's headline and metadata removed",) if controls else ()
    return WebPage(name=name, fetched_from=fetched_from, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding,
                   lines=tuple(lines), title=title, published=published, publisher=publisher,
                   author=page_author(tree, article, site), address=address, lead_from_description=lead_added,
                   left_out=left_out(text_blocks(tree), tuple(lines), title.value if title else ""), notes=notes)


def fetch_page(address: str, seconds: float = FETCH_SECONDS) -> tuple[bytes, str | None, str]:
    """The page at address alone (nothing it links to): its bytes, its server's charset, and the address it ended at."""
    request = urllib.request.Request(address, headers={"Accept": "text/html,application/xhtml+xml",
                                                       "User-Agent": "explainer-new/1 (one page, for an editor)"})
    no_network = "with no network, save the page from a browser (Save page as…, HTML only) and use --html FILE"
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml"):
                raise _refuse(address, f"address serves {kind}, not a web page", "give the article page's address")
            data = response.read(MAX_PAGE_BYTES + 1)
            return data, response.headers.get_content_charset(), response.geturl()
    except urllib.error.HTTPError as error:
        raise _refuse(address, f"the site answered {error.code} {error.reason}", f"check the address; {no_network}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise _refuse(address, f"cannot fetch the page ({reason})", no_network) from None
