"""Verify stage: built HTML pages against the normalised sources, proving no text was lost."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..core.problems import Problem, display_path
from ..intake.content import Article
from ..intake.segment import split_sentences

_SPACES = re.compile(r"\s+")
# Elements whose text never counts as article text (tooltips, notes added around a segment).
SKIP_ATTRIBUTE = "data-verify-skip"
# Elements that have no end tag, so never go on a parser's stack of open elements.
VOID_ELEMENTS = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])


def close_element(stack: list[Any], tag: str) -> None:
    """Pop the innermost open element named tag, and any left open inside it, from a parser's stack.

    Stack entries are tuples whose first item is the tag name.

    >>> stack = [("div",), ("p",), ("span",)]
    >>> close_element(stack, "p"); stack
    [('div',)]
    """
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == tag:
            del stack[index:]
            return


def collapse(text: str) -> str:
    """Text with every run of white space made one space, and trimmed."""
    return _SPACES.sub(" ", text).strip()


@dataclass
class PageSegment:
    """A segment element as found on a built page."""

    seg: str
    lang: str
    attributes: dict[str, str]
    text: str = ""


@dataclass
class _SegmentCollector(HTMLParser):
    """Collects elements with data-seg, in document order, and their text."""

    segments: list[PageSegment] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    _stack: list[tuple[str, PageSegment | None, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag in VOID_ELEMENTS:
            return
        parent_skip = bool(self._stack) and self._stack[-1][2]
        current = None
        if "data-seg" in attributes and not parent_skip:
            current = PageSegment(attributes["data-seg"], attributes.get("lang", ""), attributes)
            self.segments.append(current)
        elif self._stack:
            current = self._stack[-1][1]
        self._stack.append((tag, current, parent_skip or SKIP_ATTRIBUTE in attributes))

    def handle_endtag(self, tag: str) -> None:
        close_element(self._stack, tag)

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1][1] is not None and not self._stack[-1][2]:
            self._stack[-1][1].text += data


def collect_segments(html: str) -> tuple[list[PageSegment], list[str]]:
    """The data-seg elements of a page in order, and every id on it."""
    collector = _SegmentCollector()
    collector.feed(html)
    collector.close()
    return collector.segments, collector.ids


def expected_lines(article: Article, report: Mapping[str, Any]) -> list[tuple[int, str]]:
    """The normalised source's non-blank lines, less the lines the report lists as dropped."""
    lines = article.normalised.lines
    problems = []
    dropped = set()
    for entry in report["dropped"]:
        number = entry["line"]
        if number > len(lines) or lines[number - 1] != entry["text"]:
            problems.append(number)
        dropped.add(number)
    if problems:
        raise ValueError(f"report lists lines {problems} as dropped but the source differs there: rebuild")
    return [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and n not in dropped]


def verify_page(article: Article, report: Mapping[str, Any], html: str, page_name: str) -> list[Problem]:
    """Check that a built article page holds all of its source's text, in order, and its contract markup."""
    problems: list[Problem] = []
    segments, ids = collect_segments(html)
    arabic = [s for s in segments if s.lang == "ar"]
    english = {s.seg for s in segments if s.lang == "en"}
    source = display_path(article.source_path)
    for segment in arabic:
        if segment.attributes.get("dir") != "rtl" or segment.attributes.get("id") != segment.seg:
            problems.append(Problem(page_name, None, f"Arabic segment {segment.seg} lacks dir=\"rtl\" or id=\"{segment.seg}\"",
                                    "fix the renderer (scripts/explainer/pages/render.py)"))
        if segment.seg not in english:
            problems.append(Problem(page_name, None, f"Arabic segment {segment.seg} has no English partner",
                                    "fix the renderer (scripts/explainer/pages/render.py)"))
    duplicates = sorted(i for i, n in Counter(ids).items() if n > 1)
    if duplicates:
        problems.append(Problem(page_name, None, f"duplicate ids {', '.join(duplicates)}", "fix the renderer"))
    page_text = collapse(" ".join(s.text for s in arabic))
    lines = expected_lines(article, report)
    expected_text = collapse(" ".join(line for _, line in lines))
    if page_text != expected_text:
        problems.append(_first_missing(lines, page_text, page_name, source))
    return problems


def _first_missing(lines: Sequence[tuple[int, str]], page_text: str, page_name: str, source: str) -> Problem:
    """Name the first source sentence that is not on the page where it should be."""
    position = 0
    for number, line in lines:
        for sentence in split_sentences(collapse(line)):
            found = page_text.find(sentence, position)
            if found < 0:
                return Problem(source, number, f"sentence missing from {page_name}: {sentence!r}",
                               "rebuild; if it persists, the renderer or a furniture pattern lost it")
            if page_text[position:found].strip():
                return Problem(page_name, None, f"text not in the source before line {number}: "
                               f"{page_text[position:found].strip()[:80]!r}", "rebuild; the page does not match the source")
            position = found + len(sentence)
    extra = page_text[position:].strip()
    return Problem(page_name, None, f"page has text that is not in {source}: {extra[:80]!r}",
                   "rebuild; the page does not match the source")


def verify_site(root: Path, site: Path, articles: Sequence[Article], reports: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    """Verify every article page of a built site."""
    problems: list[Problem] = []
    for article in articles:
        page = site / "articles" / article.slug / "index.html"
        name = display_path(page)
        if article.slug not in reports:
            problems.append(Problem(str(root / "build/report.json"), None, f"no report for {article.slug}", "run 'explainer build'"))
            continue
        if not page.exists():
            problems.append(Problem(name, None, "page was not built", "run 'mkdocs build' after 'explainer build'"))
            continue
        problems.extend(verify_page(article, reports[article.slug], page.read_text(encoding="utf-8"), name))
    return problems


@dataclass
class _LinkCollector(HTMLParser):
    """Collects every id on a page, every link's href, and the tooltip files that term links name
    (data-tip, a file in the tips/ folder of the page the link leads to)."""

    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(str(attributes["href"]))
            if attributes.get("data-tip"):
                self.tips.append(posixpath.join(str(attributes["href"]), "tips", f"{attributes['data-tip']}.html"))


def _page_links(path: Path) -> _LinkCollector:
    collector = _LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector


@dataclass(frozen=True)
class SiteLinks:
    """Every whole page of a built site, by path under it: the file, and its ids and links."""

    pages: Mapping[str, Path]
    parsed: Mapping[str, _LinkCollector]


def site_links(site: Path) -> SiteLinks:
    """Read every whole page of the site once, for the link checks."""
    pages = _documents(site)
    return SiteLinks(pages, {name: _page_links(path) for name, path in pages.items()})


def verify_anchors(site: Path, links: SiteLinks | None = None) -> list[Problem]:
    """Check that every link within the site to a #fragment lands on an element with that id
    (links: the site's pages, when they have been read already).

    MkDocs checks the links it writes; raw-HTML links (dates to /timeline/, the timeline back
    to sentences) are checked here.
    """
    links = links or site_links(site)
    pages, parsed = links.pages, links.parsed
    problems = []
    for name, page in parsed.items():
        folder = posixpath.dirname(name)
        for href in page.hrefs:
            target, _, fragment = href.partition("#")
            if not fragment or re.match(r"^[a-z][a-z0-9+.-]*:|^//", target):
                continue
            resolved = posixpath.normpath(posixpath.join(folder, target)) if target else name
            if not resolved.endswith(".html"):
                resolved = posixpath.join(resolved, "index.html").removeprefix("./")
            if resolved not in parsed:
                problems.append(Problem(display_path(pages[name]), None, f"link {href!r} leads to no page",
                                        "rebuild; if it persists, fix the link's generator"))
            elif fragment not in parsed[resolved].ids:
                problems.append(Problem(display_path(pages[name]), None, f"link {href!r}: no id {fragment!r} on {resolved}",
                                        "rebuild; if it persists, fix the link's generator"))
    return problems


def _documents(site: Path) -> dict[str, Path]:
    """The site's HTML pages by path under site. Whole documents only: HTML fragments copied as
    assets (the map's included list) are parts of other pages, and their relative links resolve
    from those pages."""
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))
            if p.read_text(encoding="utf-8")[:200].lstrip().lower().startswith("<!doctype")}


def verify_link_targets(site: Path, links: SiteLinks | None = None) -> list[Problem]:
    """Check that every relative link with no #fragment leads to a file or a page of the site,
    and every tooltip file a term link names is there (links: the site's pages, when they have
    been read already).

    The Arabic edition's pages link files of the English edition's (the downloads, one copy at
    the site's root), outside their own build, which MkDocs cannot check; site is the folder
    served as the root, so a link from site/ar/ up to ../downloads/ resolves in it.
    """
    links = links or site_links(site)
    problems = []
    for name, path in links.pages.items():
        for href in links.parsed[name].hrefs:
            target, hashed, _ = href.partition("#")
            # A #fragment's page is checked with its id (verify_anchors); another site's is not
            # ours; an address from the root (the 404 page's) depends on where the site is served.
            if hashed or not target or re.match(r"^[a-z][a-z0-9+.-]*:|^/", target):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            found = site / resolved
            if resolved.startswith("../") or not (found.is_file() or (found / "index.html").is_file()):
                problems.append(Problem(display_path(path), None, f"link {href!r} leads to no file or page in {display_path(site)}",
                                        "rebuild both editions; if it persists, fix the link's generator"))
        for tip in links.parsed[name].tips:
            if not (site / posixpath.normpath(posixpath.join(posixpath.dirname(name), tip))).is_file():
                problems.append(Problem(display_path(path), None, f"tooltip file {tip!r} is missing",
                                        "rebuild; if it persists, check that the site copies docs/glossary/*/tips/"))
    return problems


@dataclass
class _TwinCollector(HTMLParser):
    """Collects the page's switch to its twin (a[data-twin]) and its hreflang alternates."""

    switch: str | None = None
    alternates: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "a" and "data-twin" in attributes:
            self.switch = attributes.get("href", "")
        elif tag == "link" and "alternate" in attributes.get("rel", "").split() and attributes.get("hreflang"):
            self.alternates[attributes["hreflang"]] = attributes.get("href", "")


def _resolve(site: Path, name: str, href: str) -> str:
    """A page's relative link as a file under site: 'ar/about/index.html'."""
    target = href.split("#", 1)[0]
    folder = posixpath.dirname(name)
    resolved = posixpath.normpath(target if target.startswith("/") else posixpath.join("/" + folder, target)).lstrip("/")
    return resolved if resolved.endswith(".html") else posixpath.join(resolved, "index.html").lstrip("/")


def verify_twins(site: Path, edition: str = "ar") -> list[Problem]:
    """Check that every page of both editions has a switch to its twin and alternates in its head,
    and that the twin's switch leads back to it (the 404 page's switch leads to the other home)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.read_text(encoding="utf-8")[:200].lstrip().lower().startswith("<!doctype"))
    found: dict[str, _TwinCollector] = {}
    for name in pages:
        collector = _TwinCollector()
        collector.feed((site / name).read_text(encoding="utf-8"))
        found[name] = collector
    problems = []
    todo = "rebuild both editions; if it persists, fix overrides/main.html or add the missing page"
    for name, page in found.items():
        where = display_path(site / name)
        if page.switch is None or len(page.alternates) < 2:
            problems.append(Problem(where, None, "no switch to the page in the other edition, or no hreflang alternates", todo))
            continue
        twin = _resolve(site, name, page.switch)
        if twin not in found:
            problems.append(Problem(where, None, f"the switch {page.switch!r} leads to no page ({twin})", todo))
        elif posixpath.basename(name) == "404.html":
            pass  # a missing page has no twin path: its switch leads to the other edition's home
        elif (back := found[twin].switch) is None or _resolve(site, twin, back) != name:
            problems.append(Problem(where, None, f"the twin {twin} does not switch back to this page", todo))
        elif name.startswith(f"{edition}/") == twin.startswith(f"{edition}/"):
            problems.append(Problem(where, None, f"the switch leads to {twin}, in the same edition", todo))
    return problems
