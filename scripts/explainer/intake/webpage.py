"""Web intake: a saved or fetched news page's bytes into the article's lines, the facts its markup states, and what was left out.

The article body is trafilatura's (comments left out), extracted in a child process with a
time limit; the facts (headline, date, publisher, author, address) are read by pagefacts.py,
because a citation must say where each came from and trafilatura's metadata does not. The
page is parsed by lxml and never run: scripts are dropped unread, and everything taken from
it is plain text.
"""

from __future__ import annotations

import codecs
import hashlib
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
from .pagefacts import (
    UNSHOWABLE,
    Fact,
    article_object,
    clean_text,
    first_words,
    folded,
    json_ld_objects,
    meta_fact,
    page_address,
    page_author,
    page_publisher,
    page_title,
    publication_date,
    unreadable_json_ld,
)
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
# A description that shares fewer words (of three letters or more) with the headline and the
# body is the site's blurb, not the article's lead.
_MIN_LEAD_SHARED = 3
# More of the text than this in links is a list of other stories, not an article.
_MAX_LINK_SHARE = 0.5

# A charset declared in the page's first bytes: <meta charset=…> or http-equiv's content="…; charset=…".
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Tags whose content is never text of the page.
_UNREAD = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "button", "select")
# Tags that start and end a block of text (the rest are inline).
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
                     "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                     "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td",
                     "th", "tr", "ul", "br", "caption", "label", "option"})


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
    """The one problem that refuses the page, as an error to raise."""
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
    yield from (text for text in map(clean_text, pieces) if text)


def _extract_in_child(tree: lxml.html.HtmlElement, sender: Connection) -> None:
    """In the child process: send back the body's lines, or what went wrong."""
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
        """End the block being gathered."""
        text = clean_text("".join(run))
        if text:
            blocks.append(text)
        run.clear()

    def walk(element: Any) -> None:
        """Gather element's text, starting a block at each block element."""
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


def left_out(blocks: list[str], lines: tuple[str, ...], title: str) -> tuple[str, ...]:
    """The first words of each block of the page that is neither in the article's lines nor its headline."""
    kept = folded(" ".join((*lines, title)))
    return tuple(first_words(b) for b in blocks if folded(b) not in kept and re.search(r"\w", b))


# ---------------------------------------------------------------------------------------------
# What meta.yml records of the page.

@dataclass(frozen=True)
class PageRecord:
    """The web page an article was made from: its address, the SHA-256 of its bytes, the text blocks extraction left out."""

    address: str
    sha256: str
    left_out: tuple[str, ...]


def _leave_it(name: str, line: int, what: str) -> Problem:
    """A problem with meta.yml's page record, which editors leave as it was written."""
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

def _lead(tree: lxml.html.HtmlElement, lines: list[str], title: str) -> str | None:
    """The page's description when the body lacks it: a lead kept outside the article's body.

    Not the description when it repeats the body's opening (cut short, "…", a full stop where a
    comma was), nor when it shares fewer than _MIN_LEAD_SHARED words with the headline and the
    body: a site's own blurb ("موقع إخباري شامل…") is no lead.
    """
    description = meta_fact(tree, "description", "og:description")
    if description is None:
        return None
    lead = re.sub(r"[\s.…،,:]*(?:\[…\]|\[\.\.\.\])?[\s.…]*$", "", description.value)
    words = folded(lead).split()
    opening = set(folded(" ".join(lines[:2])).split())
    article = {w for w in folded(" ".join((title, *lines))).split() if len(w) >= 3}
    if (len(words) < 6 or folded(lead) in folded(" ".join(lines)) or arabic_share(lead) < _MIN_ARABIC_SHARE
            or sum(w in opening for w in words) >= 0.8 * len(words) or len(article & set(words)) < _MIN_LEAD_SHARED):
        return None
    return description.value


def _article_lines(name: str, tree: lxml.html.HtmlElement, body: list[tuple[str, str]], title: str) -> tuple[list[str], bool]:
    """The article's lines, the headline dropped from their start, the lead added when the body lacks it."""
    lines = [text for _, text in body]
    headlines = {folded(t) for t in (title, *(h.text_content() for h in tree.xpath("//h1")))} - {""}
    while lines and folded(lines[0]) in headlines:
        lines.pop(0)
    lead = _lead(tree, lines, title)
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


def _reading_notes(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """What reading the page's facts changed or skipped, for the editor: control characters removed, JSON-LD unread."""
    metadata = " ".join(tree.xpath("//head//text() | //head//@content | //h1//text()"))
    controls = len(UNSHOWABLE.findall(metadata))
    unread = unreadable_json_ld(tree)
    return tuple(note for count, note in (
        (controls, f"{controls} invisible control character(s) (bidi controls…) in the page's headline and metadata removed"),
        (unread, f"{unread} JSON-LD block(s) of the page are not valid JSON and were not read"),
    ) if count)


def link_share(tree: lxml.html.HtmlElement, lines: list[str]) -> float:
    """Share of the text's characters that are the words of links: high on a list of other stories."""
    text = folded(" ".join(lines))
    anchors = {folded(a.text_content()) for a in tree.xpath("//body//a")}
    covered = sum(len(anchor) * text.count(anchor) for anchor in anchors if anchor)
    return min(covered / len(text), 1.0) if text else 0.0


def read_page(name: str, data: bytes, read_day: Callable[[str], date | None], *, fetched_from: str = "",
              header_charset: str | None = None) -> WebPage:
    """Read a news page's bytes into its article and facts; refuse, writing nothing, a page that holds no Arabic article."""
    text, encoding = decode_page(name, data, header_charset)
    tree = parse_page(name, text)
    body = extract_body(name, tree)
    objects = json_ld_objects(tree)
    article = article_object(objects)
    publisher = page_publisher(tree, article)
    site = publisher.value if publisher else ""
    title = page_title(tree, article, site)
    lines, lead_added = _article_lines(name, tree, body, title.value if title else "")
    address = page_address(tree, fetched_from)
    published = publication_date(tree, article, (address.value if address else "", fetched_from), tuple(lines), read_day)
    notes = _reading_notes(tree)
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
