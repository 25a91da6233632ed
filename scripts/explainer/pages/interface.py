"""Interface stage: content/interface/<lang>.po into the interface strings of an edition.

The site's own words (headings, labels, "Translation pending") go through the same PO workflow
as the articles: msgid the English interface string, msgstr the edition's. English is the
identity; any other edition reads its catalog with babel.messages and reports every entry that
is missing, untranslated or fuzzy as `file:line: what: what to do`.
"""

from __future__ import annotations

import gettext
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..core.problems import ContentError, Problem, display_path
from ..intake.catalog import read_catalog

INTERFACE_DIR = "interface"


def english_plural(count: int) -> int:
    """English's two forms: msgid for one, msgid_plural for any other count."""
    return 0 if count == 1 else 1


def context_key(msgid: str, context: str | None = None) -> str:
    """How a message is looked up: msgctxt and msgid joined by EOT, as gettext's own catalogs do."""
    return f"{context}\x04{msgid}" if context else msgid


@dataclass(frozen=True)
class Interface:
    """An edition's interface strings: lang, and msgid → msgstr (empty for English).

    A plural entry maps its singular msgid to every form the catalog's Plural-Forms asks for, and
    plural_index picks the form for a count; an entry with a msgctxt is keyed by context_key.
    """

    lang: str = "en"
    messages: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    path: str = ""
    plural_index: Callable[[int], int] = english_plural
    # When set, a string the catalog lacks is recorded here (and shows in English) instead of
    # failing at once, so a build can report every missing string together.
    missing: list[Problem] | None = field(default=None, compare=False)

    def __call__(self, msgid: str, *, context: str | None = None, **values: object) -> str:
        """The string in this edition's language, with {placeholders} filled.

        >>> Interface()("{done} of {total}", done=1, total=2)
        '1 of 2'
        >>> Interface("ar", {"Publisher": "الناشر"})("Publisher")
        'الناشر'
        >>> Interface("ar", {context_key("P", "badge"): "ش"})("P", context="badge")
        'ش'
        """
        found = msgid if self.lang == "en" else self.messages.get(context_key(msgid, context))
        if found is None:
            text = self._missing(msgid, msgid, None, context)
        elif not isinstance(found, str):
            text = self._missing(msgid, msgid, "it is a plural entry: the code asks for one form", context)
        else:
            text = found
        return text.format(**values) if values else text

    def plural(self, msgid: str, msgid_plural: str, count: int, *, context: str | None = None, **values: object) -> str:
        """The form of a counted phrase that fits count, with {count} and any other placeholder filled
        (context, as for a single string, tells apart entries with the same msgid).

        >>> Interface().plural("{count} sentence", "{count} sentences", 1)
        '1 sentence'
        >>> forms = ("لا جمل", "جملة واحدة", "جملتان", "{count} جمل", "{count} جملة", "{count} جملة")
        >>> arabic = plural_rule(Catalog(locale="ar"))
        >>> [Interface("ar", {"{count} sentence": forms}, plural_index=arabic).plural(
        ...     "{count} sentence", "{count} sentences", n) for n in (1, 2, 3, 11)]
        ['جملة واحدة', 'جملتان', '3 جمل', '11 جملة']
        """
        english = msgid if count == 1 else msgid_plural
        forms = english if self.lang == "en" else self.messages.get(context_key(msgid, context))
        if forms is None:
            text = self._missing(msgid, english, None, context)
        elif isinstance(forms, str):
            text = forms if self.lang == "en" else self._missing(
                msgid, english, f"it is counted: give it msgid_plural {msgid_plural!r} and every plural form", context)
        else:
            text = forms[self.plural_index(count)]
        return text.format(count=count, **values)

    def _missing(self, msgid: str, english: str, why: str | None, context: str | None = None) -> str:
        """Report a string the catalog cannot give: record it and show the English, or fail now."""
        where = f" (msgctxt {context!r})" if context else ""
        if why:
            problem = Problem(self.path, None, f"the interface string {msgid!r}{where} does not fit the code: {why}",
                              f"correct its entry in {self.path}")
        else:
            problem = Problem(self.path, None, f"no translation of the interface string {msgid!r}{where}",
                              f"add it to {self.path} (msgid the English, msgstr the translation)")
        if self.missing is None:
            raise ContentError([problem])
        if problem not in self.missing:
            self.missing.append(problem)
        return english

    @property
    def dir(self) -> str:
        """The writing direction of the edition's language."""
        return "rtl" if self.lang in ("ar", "fa", "he", "ur") else "ltr"


ENGLISH = Interface()


def interface_path(content: Path, lang: str) -> Path:
    """Where an edition's interface catalog lives."""
    return content / INTERFACE_DIR / f"{lang}.po"


_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def plural_rule(catalog: Catalog) -> Callable[[int], int]:
    """A catalog's Plural-Forms as a function from a count to the index of its form (gettext's own
    reading of the expression; Babel supplies the CLDR rule of the catalog's language when the
    header has none).

    >>> arabic = plural_rule(Catalog(locale="ar"))
    >>> [arabic(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 103)]
    [0, 1, 2, 3, 3, 4, 4, 5, 3]
    """
    return gettext.c2py(catalog.plural_expr)


def _message_problems(message: Message, name: str, line: int | None) -> list[Problem]:
    """What keeps one entry from being shown: forms not translated, fuzzy, or placeholders the code does not fill."""
    ids = tuple(str(i) for i in message.id) if isinstance(message.id, (list, tuple)) else (str(message.id),)
    forms = tuple(str(f or "") for f in message.string) if isinstance(message.string, (list, tuple)) else (message.string or "",)
    msgid = ids[0]
    if not any(forms):
        return [Problem(name, line, f"interface string {msgid!r} is not translated", "write its translation in msgstr")]
    if not all(forms):
        missing = ", ".join(f"msgstr[{index}]" for index, form in enumerate(forms) if not form)
        return [Problem(name, line, f"interface string {msgid!r} lacks plural forms {missing}",
                        "write every form; the header's Plural-Forms says which count takes which")]
    if message.fuzzy:
        return [Problem(name, line, f"interface string {msgid!r} is marked fuzzy",
                        "check the translation, then remove the fuzzy flag")]
    given = {p for text in ids for p in _PLACEHOLDER.findall(text)}
    problems = []
    for form in forms:
        used = set(_PLACEHOLDER.findall(form))
        extra, lost = used - given, (given - used if len(forms) == 1 else set())
        if extra or lost:
            problems.append(Problem(name, line, f"interface string {msgid!r}: the translation "
                                    + (f"uses {{{', '.join(sorted(extra))}}}, which the code does not fill" if extra
                                       else f"leaves out {{{', '.join(sorted(lost))}}}"),
                                    f"keep the placeholders of msgid as they are: {', '.join(sorted(given)) or 'none'}"))
            break
    return problems


def interface_problems(path: Path) -> list[Problem]:
    """Every entry of an interface catalog that a reader would see in English, or that the build
    could not fill: untranslated (any plural form), fuzzy, or with placeholders of its own."""
    catalog = read_catalog(path)
    name = display_path(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno + 1 if message.lineno is not None else None
        problems.extend(_message_problems(message, name, line))
    return problems


def load_interface(content: Path, lang: str) -> Interface:
    """An edition's interface strings, failing with every untranslated entry listed. A string the
    code asks for and the catalog lacks is collected in its `missing` (see check_complete)."""
    if lang == "en":
        return ENGLISH
    path = interface_path(content, lang)
    problems = interface_problems(path)
    if problems:
        raise ContentError(problems)
    catalog = read_catalog(path)
    messages: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            messages[context_key(str(message.id[0]), message.context)] = tuple(str(form) for form in message.string or ())
        else:
            messages[context_key(str(message.id), message.context)] = str(message.string)
    return Interface(lang, messages, display_path(path), plural_rule(catalog), missing=[])


def check_complete(ui: Interface) -> None:
    """Fail with every interface string the code asked for and the catalog lacked."""
    if ui.missing:
        raise ContentError(list(ui.missing))


def template_strings(content: Path, lang: str, english: Mapping[str, str]) -> dict[str, str]:
    """The templates' interface strings (English by the name templates use, as mkdocs.yml's
    extra.ui lists them) in an edition's language, every one required.

    >>> template_strings(Path("."), "en", {"show": "Show"})
    {'show': 'Show'}
    """
    interface = load_interface(content, lang)
    strings = {name: interface(msgid) for name, msgid in english.items()}
    check_complete(interface)
    return strings


def fill(element: ET.Element, template: str, **parts: ET.Element | str | None) -> ET.Element:
    """Append an interface string to an element, each {name} in it replaced by parts[name]: an
    element (a link, a date, English marked as such) or text (None adds nothing). So a translation
    can put a link or a date wherever its language wants it.

    >>> link = ET.Element("a", {"href": "#s-1"}); link.text = "sentence 1"
    >>> ET.tostring(fill(ET.Element("p"), "In {where}: {count} times.", where=link, count="3"), encoding="unicode")
    '<p>In <a href="#s-1">sentence 1</a>: 3 times.</p>'
    """
    pieces = _PLACEHOLDER.split(template)
    for index, piece in enumerate(pieces):
        if index % 2:
            part = parts[piece]
            if isinstance(part, ET.Element):
                element.append(part)
                continue
            piece = part or ""
        if not piece:
            continue
        if len(element):
            element[-1].tail = (element[-1].tail or "") + piece
        else:
            element.text = (element.text or "") + piece
    return element
