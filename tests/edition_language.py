"""Test helper: the English an Arabic-edition page shows that nobody meant it to show.

Every run of Latin script on a page of the Arabic edition, in its text and in the attributes
a reader meets (aria-label, title, alt, placeholder, aria-description, the page's description),
must be one of:

- an address or code (a URL, <code>, <kbd>, scripts and styles);
- a transliteration (an element whose lang is written in Latin script, such as ar-Latn);
- the English half of a marked bilingual pair: a lang="en" element beside a lang="ar" sibling,
  or an English segment whose Arabic partner has the same data-seg;
- English that editors wrote, marked lang="en": a value in content/'s YAML, a translation or
  translator's note in an article's en.po, a value in the site's configuration, or the text of
  a lang="en" element in the theme overrides or the hand-written Arabic pages (an autonym such
  as "English", a product name);
- Latin inside Arabic that editors and translators wrote: the hand-written pages
  (content/home.ar.md, content/ar/) and the interface catalog's translations (a name such as
  TimelineJS kept in Latin letters);
- a single letter, which is a symbol rather than a word (an index's letter heading).

Anything else is interface text the code or the theme wrote in English, and is reported with
its page and where it stands. The exclusions are kinds of markup and kinds of source, not
strings: a new English label anywhere fails, even inside a lang="en" element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from pagecheck import ConfigLoader

# Attributes whose values a reader hears or sees.
READER_ATTRIBUTES = ("aria-label", "aria-description", "aria-roledescription", "title", "alt", "placeholder")
# Meta elements whose content search engines and link previews show.
READER_META = ("description", "og:title", "og:description", "og:site_name")
# Elements whose text is code, not words.
_CODE = frozenset({"code", "kbd", "samp", "pre", "script", "style"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# A run of Latin words: letters, with digits, apostrophes, hyphens and dots inside, and spaces between.
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’.\-\u00c0-\u024f]*(?:\s+[\w'’\-\u00c0-\u024f][\w'’.\-\u00c0-\u024f]*)*")
_HAS_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_ARABIC = re.compile("[\u0600-\u06ff]")


@dataclass
class Node:
    """An element of a parsed page: enough of a DOM to know languages and siblings."""

    tag: str
    attributes: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def lang(self) -> str:
        node: Node | None = self
        while node is not None:
            if node.attributes.get("lang"):
                return node.attributes["lang"]
            node = node.parent
        return ""

    def nearest(self, attribute: str) -> Node | None:
        node: Node | None = self
        while node is not None and attribute not in node.attributes:
            node = node.parent
        return node

    def in_code(self) -> bool:
        node: Node | None = self
        while node is not None:
            if node.tag in _CODE:
                return True
            node = node.parent
        return False

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def where(self) -> str:
        parts = []
        node: Node | None = self
        while node is not None and node.tag != "#document" and len(parts) < 4:
            css = node.attributes.get("class", "").split()
            parts.append(node.tag + (f".{css[0]}" if css else "") + (f"#{node.attributes['id']}" if "id" in node.attributes else ""))
            node = node.parent
        return " < ".join(parts)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {name: value or "" for name, value in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _elements(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        if isinstance(child, Node):
            yield from _elements(child)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def editors_english(root: Path) -> str:
    """Every piece of English the editors wrote, one per line, whitespace made single."""
    pieces: list[str] = []
    for path in sorted((root / "content").rglob("*.yml")) + [root / "mkdocs.yml", root / "mkdocs.ar.yml"]:
        pieces.extend(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader)))  # noqa: S506
    for path in sorted((root / "content" / "articles").glob("*/en.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                # A translator's note wrapped over several "#" lines is one note on the page.
                pieces.extend([str(message.string or ""), " ".join(message.user_comments)])
    for path in [*sorted((root / "overrides").rglob("*.html")), *_arabic_pages(root)]:
        text = path.read_text(encoding="utf-8")
        pieces.extend(re.findall(r'\blang="en"[^>]*>([^<{]+)<', text))
        # A Markdown link marked English with attr_list: [title](address){lang=en}.
        pieces.extend(re.findall(r'\[([^\]]+)\]\([^)\s]+\)\{:?[^}]*\blang="?en"?[\s}]', text))
    return "\n".join(_normal(piece) for piece in pieces)


def _arabic_pages(root: Path) -> list[Path]:
    paths = [root / "content" / "home.ar.md", *sorted((root / "content" / "ar").rglob("*.md"))]
    return [path for path in paths if path.exists()]


def editors_arabic_prose(root: Path) -> str:
    """The Arabic editors and translators wrote: the hand-written pages, and the interface
    catalog's translations (where a name such as TimelineJS stays in Latin letters)."""
    pieces = [path.read_text(encoding="utf-8") for path in _arabic_pages(root)]
    with (root / "content" / "interface" / "ar.po").open("rb") as handle:
        for message in read_po(handle):
            forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
            # Without the {placeholders}, whose names are English but never shown.
            pieces.extend(re.sub(r"\{\w*\}", " ", str(form)) for form in forms)
    return "\n".join(_normal(piece) for piece in pieces)


def _contains(corpus: str, run: str, cache: dict[tuple[int, str], bool]) -> bool:
    key = (id(corpus), run)
    if key not in cache:
        cache[key] = re.search(rf"(?<![A-Za-z]){re.escape(run)}(?![A-Za-z])", corpus) is not None
    return cache[key]


def _is_pair_half(element: Node, partners: set[str]) -> bool:
    """Whether a lang="en" element is the English half of a marked bilingual pair."""
    if element.attributes.get("data-seg") in partners:
        return True
    parent = element.parent
    if parent is None:
        return False
    siblings = [child for child in parent.children if isinstance(child, Node)]
    index = siblings.index(element)
    beside = siblings[max(index - 1, 0):index] + siblings[index + 1:index + 2]
    return any(node.attributes.get("lang") == "ar" and _ARABIC.search(node.text()) for node in beside)


@dataclass
class LanguageCheck:
    """The corpora a page is checked against, read once."""

    english: str
    arabic_prose: str
    cache: dict[tuple[int, str], bool] = field(default_factory=dict)

    @classmethod
    def of(cls, root: Path) -> LanguageCheck:
        return cls(editors_english(root), editors_arabic_prose(root))

    def problems(self, html: str, page: str) -> list[tuple[str, str, str]]:
        """Each run of Latin script on the page that no exclusion covers: (page, where it stands, run)."""
        document = parse(html)
        elements = list(_elements(document))
        partners = {e.attributes["data-seg"] for e in elements if e.attributes.get("lang") == "ar" and "data-seg" in e.attributes}
        found: list[tuple[str, str, str]] = []
        for element in elements:
            if element.in_code():
                continue
            texts = [child for child in element.children if isinstance(child, str)]
            texts += [value for name, value in element.attributes.items() if name in READER_ATTRIBUTES]
            if element.tag == "meta" and (element.attributes.get("name") or element.attributes.get("property")) in READER_META:
                texts.append(element.attributes.get("content", ""))
            for text in texts:
                for run in self._runs(text):
                    if not self._allowed(element, run, partners):
                        found.append((page, element.where(), run))
        return found

    @staticmethod
    def _runs(text: str) -> list[str]:
        text = _URL.sub(" ", text)
        # One letter alone is a symbol (an index's letter heading), not a word.
        return [run.rstrip(".-'’") for run in _LATIN_RUN.findall(text) if len(_HAS_LATIN.findall(run)) > 1]

    def _allowed(self, element: Node, run: str, partners: set[str]) -> bool:
        lang = element.lang()
        if lang.endswith("-Latn"):
            return True
        if lang == "en" or lang.startswith("en-"):
            marked = element.nearest("lang")
            assert marked is not None
            while marked is not None and marked.attributes.get("lang", "").startswith("en"):
                if _is_pair_half(marked, partners):
                    return True
                marked = marked.parent.nearest("lang") if marked.parent is not None else None
            return _contains(self.english, _normal(run), self.cache)
        return _contains(self.arabic_prose, _normal(run), self.cache)
