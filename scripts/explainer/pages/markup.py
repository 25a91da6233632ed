"""Element trees into HTML: every page's markup is built as elements, so text is escaped by construction.

The page modules build `ET.Element` trees with `html_element` and turn them into HTML with
`to_html`; editors' text goes in through `one_line` (no line breaks that would end a raw HTML
block) and `editors_text` (the edition's language, or the English marked as English).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from ..intake.content import Bilingual
from ..intake.read import arabic_share
from .interface import ENGLISH, Interface

# Elements that have no end tag in HTML.
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Line breaks (and the spaces around them) and tabs in an editor's text.
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029\x85\x0b\x0c]\s*|\t")

def one_line(text: str) -> str:
    """Editor's text as it goes into a page: line breaks and tabs become spaces.

    A blank line would end the raw HTML block and let Markdown read the rest, and Markdown
    expands tabs; a browser shows either as a space anyway.

    >>> one_line("first\\n\\nsecond")
    'first second'
    """
    return text if text.isprintable() else _LINE_BREAKS.sub(" ", text)


def html_element(tag: str, attributes: Mapping[str, str] | None = None, text: str | None = None,
             children: Iterable[ET.Element] = ()) -> ET.Element:
    # Every page's elements are made here (90,000 at 100 articles): the values are checked in
    # one isprintable() over them all (a string is printable when each of its characters is),
    # and most are, so they go in as they are.
    if not attributes:
        element = ET.Element(tag)
    elif "".join(attributes.values()).isprintable():
        element = ET.Element(tag, dict(attributes))
    else:
        element = ET.Element(tag, {name: one_line(value) for name, value in attributes.items()})
    if text is not None:
        element.text = one_line(text)
    if children:
        element.extend(children)
    return element


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;")


def to_html(element: ET.Element) -> str:
    """An element tree as HTML, every text and attribute value escaped.

    The same markup as ET.tostring(method="html") for the elements we build (it also escapes
    < in attribute values), at a third of the cost: rendering 500 articles spends most of its
    time here.

    >>> to_html(ET.fromstring('<p class="a&amp;b">x &lt; y<br/>z</p>'))
    '<p class="a&amp;b">x &lt; y<br>z</p>'
    """
    parts: list[str] = []
    append = parts.append  # bound once: this runs for every element

    # Whether a string needs escaping is asked with `in` (a few C-level scans), not a regex:
    # 500,000 strings at 100 articles, most of them short and clean, where a regex search's
    # call costs more than the scans. Text needs &, < and > escaped; attribute values " too.
    def write(node: ET.Element) -> None:
        tag = node.tag
        # A loop over items() rather than a join over a generator: most elements have one or two
        # attributes, and the generator's setup cost more than the strings (a fifth of to_html).
        start = "<" + tag
        for name, value in node.items():
            if "&" in value or "<" in value or ">" in value or '"' in value:
                value = _escape_attribute(value)
            start += f' {name}="{value}"'
        append(start + ">")
        text = node.text
        if text:
            append(_escape_text(text) if "&" in text or "<" in text or ">" in text else text)
        for child in node:
            write(child)
            tail = child.tail
            if tail:
                append(_escape_text(tail) if "&" in tail or "<" in tail or ">" in tail else tail)
        if tag not in _VOID_ELEMENTS:
            append(f"</{tag}>")

    write(element)
    return "".join(parts)


def block_lines(element: ET.Element) -> None:
    """Put each block child on a line of its own, so golden diffs are readable."""
    if len(element) and element.tag not in ("p", "h1", "h2", "summary", "a", "span", "dd", "dt", "li"):
        element.text = (element.text or "") + "\n"
        for child in element:
            block_lines(child)
            child.tail = (child.tail or "") + "\n"


def editors_text(text: Bilingual, ui: Interface = ENGLISH) -> ET.Element | str:
    """What editors wrote in English and, optionally, Arabic (meta.yml's publisher, notes and
    source facts), for the edition's page: its own language's text, or the English marked as
    English where the page is in another language."""
    if ui.lang == "ar" and text.ar:
        return text.ar
    attributes = language_attributes(text.en, ui)
    return html_element("span", attributes, text.en) if attributes else text.en


def language_attributes(text: str, ui: Interface = ENGLISH) -> dict[str, str]:
    """lang (and dir) for a text an editor or a web page gave, where it is not in the page's language.

    Arabic in the English edition (a publisher or a headline read from an Arabic page) is marked
    Arabic and isolated right to left; English in another edition is marked English, which the
    edition's stylesheet runs left to right.

    >>> language_attributes("صحيفة النهار"), language_attributes("Reuters"), language_attributes("Reuters", Interface("ar", {}))
    ({'lang': 'ar', 'dir': 'rtl'}, {}, {'lang': 'en'})
    """
    if arabic_share(text) >= 0.5:
        return {} if ui.lang == "ar" else {"lang": "ar", "dir": "rtl"}
    return {} if ui.lang == "en" else {"lang": "en"}
