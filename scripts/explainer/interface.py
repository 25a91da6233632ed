"""Interface stage: content/interface/<lang>.po into the interface strings of an edition.

The site's own words (headings, labels, "Translation pending") go through the same PO workflow
as the articles: msgid the English interface string, msgstr the edition's. English is the
identity; any other edition reads its catalog with babel.messages and reports every entry that
is missing, untranslated or fuzzy as `file:line: what: what to do`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import read_catalog
from .problems import ContentError, Problem, display_path

INTERFACE_DIR = "interface"


@dataclass(frozen=True)
class Interface:
    """An edition's interface strings: lang, and msgid → msgstr (empty for English)."""

    lang: str = "en"
    messages: Mapping[str, str] = field(default_factory=dict)
    path: str = ""

    def __call__(self, msgid: str, **values: object) -> str:
        """The string in this edition's language, with {placeholders} filled.

        >>> Interface()("{done} of {total}", done=1, total=2)
        '1 of 2'
        >>> Interface("ar", {"Publisher": "الناشر"})("Publisher")
        'الناشر'
        """
        text = msgid if self.lang == "en" else self.messages.get(msgid)
        if text is None:
            raise ContentError([Problem(self.path, None, f"no translation of the interface string {msgid!r}",
                                        f"add it to {self.path} (msgid the English, msgstr the translation)")])
        return text.format(**values) if values else text

    @property
    def dir(self) -> str:
        """The writing direction of the edition's language."""
        return "rtl" if self.lang in ("ar", "fa", "he", "ur") else "ltr"


ENGLISH = Interface()


def interface_path(content: Path, lang: str) -> Path:
    """Where an edition's interface catalog lives."""
    return content / INTERFACE_DIR / f"{lang}.po"


def interface_problems(path: Path) -> list[Problem]:
    """Every entry of an interface catalog that a reader would see in English: untranslated or fuzzy."""
    catalog = read_catalog(path)
    name = display_path(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno + 1 if message.lineno is not None else None
        if not message.string:
            problems.append(Problem(name, line, f"interface string {message.id!r} is not translated",
                                    "write its translation in msgstr"))
        elif message.fuzzy:
            problems.append(Problem(name, line, f"interface string {message.id!r} is marked fuzzy",
                                    "check the translation, then remove the fuzzy flag"))
    return problems


def load_interface(content: Path, lang: str) -> Interface:
    """An edition's interface strings, failing with every untranslated entry listed."""
    if lang == "en":
        return ENGLISH
    path = interface_path(content, lang)
    problems = interface_problems(path)
    if problems:
        raise ContentError(problems)
    catalog = read_catalog(path)
    return Interface(lang, {str(m.id): str(m.string) for m in catalog if m.id}, display_path(path))


# The interface strings the theme's templates show (overrides/), by the name templates use.
TEMPLATE_STRINGS = {"show": "Show", "both": "Both"}


def template_strings(content: Path, lang: str) -> dict[str, str]:
    """The templates' interface strings in an edition's language, every one required.

    >>> template_strings(Path("."), "en")["show"]
    'Show'
    """
    interface = load_interface(content, lang)
    missing = [msgid for msgid in TEMPLATE_STRINGS.values() if lang != "en" and msgid not in interface.messages]
    if missing:
        raise ContentError([Problem(interface.path, None, f"no translation of the interface string {msgid!r}",
                                    f"add it to {interface.path} (msgid the English, msgstr the translation)")
                            for msgid in missing])
    return {name: interface(msgid) for name, msgid in TEMPLATE_STRINGS.items()}


_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z]")


def mark_english(element: ET.Element, ui: Interface) -> ET.Element:
    """In an edition other than English, mark as lang="en" every element whose own words are
    English and that says no language itself (interface text not translated yet, English names),
    so it is read and laid out as English; elements with a lang are left as they are.

    >>> tree = ET.fromstring('<p>See <a href="#">sentence 4</a> <span lang="ar">نص</span></p>')
    >>> ET.tostring(mark_english(tree, Interface("ar")), encoding="unicode")
    '<p lang="en">See <a href="#">sentence 4</a> <span lang="ar">نص</span></p>'
    """
    if ui.lang == "en" or element.get("lang"):
        return element
    own = (element.text or "") + "".join(child.tail or "" for child in element)
    if _LATIN_LETTER.search(own) and not _ARABIC_LETTER.search(own):
        element.set("lang", "en")
        return element
    for child in element:
        mark_english(child, ui)
    return element
