"""Fields of the YAML files editors write into checked texts, en:/ar: pairs, dates, ids and sources.

One reader for every such file (meta.yml, timeline.yml, dates.yml, notes.yml, glossary.yml,
map.yml): each loader says which fields it expects and of what kind, and `FieldReader` checks
each kind the same way everywhere. It notes every problem as `file:line: field ...: what to do`
and goes on, so an editor sees all of a file's problems at once; an unknown field is answered
with the field it most likely meant.

>>> from .yamlfile import parse_yaml
>>> data = parse_yaml("title: {en: Iraq, ar: Iraq}\\ntitel: x\\n", Path("a.yml"))
>>> fields = FieldReader("a.yml")
>>> fields.unknown_fields(data, ("title",))
>>> fields.bilingual(data, "title", "title")
Bilingual(en='Iraq', ar='Iraq')
>>> for problem in fields.problems: print(problem)
a.yml:2: unknown field 'titel': did you mean 'title'?
a.yml:1: title.ar 'Iraq' has no Arabic letters: write the Arabic title in Arabic script
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from .editortext import TODO, has_arabic_letters, unshowable
from .problems import Problem, display_path
from .yamlfile import LineDict, LineList

T = TypeVar("T")

# Ids and slugs become addresses and anchors: lower-case ASCII words joined by hyphens.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SOURCE_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# What a source's date: says when the source shows none (the usual "no date" of citations).
NO_DATE = "n.d."
CITATION_FIELDS = ("publisher", "title", "date", "url")
_SOURCE_DATE_FORMS = "write it as YYYY-MM-DD (or YYYY-MM, YYYY when that is all that is known; n.d. when it has no date)"


@dataclass(frozen=True)
class Bilingual:
    """The same text in English and Arabic."""

    en: str
    ar: str

    def in_language(self, lang: str) -> str:
        """The English for an English edition, the Arabic for any other.

        >>> title = Bilingual("Iraq", "العراق")
        >>> title.in_language("en"), title.in_language("ar")
        ('Iraq', 'العراق')
        """
        return self.en if lang == "en" else self.ar


@dataclass(frozen=True)
class SourceCitation:
    """Where a fact that the article itself does not state came from."""

    fact: str
    publisher: str
    title: str
    date: str
    url: str
    note: str = ""
    # The fact in Arabic, for the Arabic edition; "" if only the English was written.
    fact_ar: str = ""


def iso_day(text: str) -> date:
    """A calendar day written YYYY-MM-DD; ValueError says what is wrong with any other text.

    >>> iso_day("2024-07-23")
    datetime.date(2024, 7, 23)
    >>> iso_day("2024-13-01")
    Traceback (most recent call last):
    ValueError: month must be in 1..12
    """
    match = _DAY.match(text)
    if match is None:
        raise ValueError("not YYYY-MM-DD")
    return date(*(int(part) for part in match.groups()))


def valid_source_date(text: str) -> bool:
    """A source's date: ISO 8601 at year, month or day precision, or n.d. when it has none.

    >>> [valid_source_date(t) for t in ("2024-07-23", "2024-07", "2024", "n.d.", "2024-13", "23/07/2024")]
    [True, True, True, True, False, False]
    """
    if text == NO_DATE:
        return True
    if not _SOURCE_DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1] * (2 - text.count("-"))
    try:
        date(*parts)
    except ValueError:
        return False
    return True


class FieldReader:
    """Reads the fields of one editors' YAML file, noting every problem with its file and line."""

    def __init__(self, path: Path | str, problems: list[Problem] | None = None) -> None:
        self.name = display_path(path) if isinstance(path, Path) else path
        self.problems: list[Problem] = [] if problems is None else problems

    def problem(self, line: int | None, what: str, todo: str) -> None:
        """Note one problem at a line of this file."""
        self.problems.append(Problem(self.name, line, what, todo))

    def known(self, value: str, choices: Collection[str], line: int | None, what: str, otherwise: str) -> bool:
        """Whether value is one of choices; if not, notes what is wrong, with the choice it most likely meant, else otherwise.

        >>> check = FieldReader("g.yml")
        >>> check.known("plase", ("person", "place"), 3, "unknown category 'plase'", "use one of person, place")
        False
        >>> check.known("place", ("person", "place"), 4, "unknown category 'place'", "use one of person, place")
        True
        >>> for problem in check.problems: print(problem)
        g.yml:3: unknown category 'plase': did you mean 'place'?
        """
        if value in choices:
            return True
        close = difflib.get_close_matches(value, choices, n=1)
        self.problem(line, what, f"did you mean {close[0]!r}?" if close else otherwise)
        return False

    def unknown_fields(self, data: LineDict, known: Sequence[str], owner: str = "") -> None:
        """Note each field of data that is not one of known, with the field it most likely meant."""
        for key in data:
            self.known(str(key), known, data.line_of(key),
                       f"{owner} has an unknown field {key!r}" if owner else f"unknown field {key!r}",
                       f"use only {', '.join(known)}")

    def value_text(self, value: Any, line: int | None, field: str, todo: str, *, required: bool = True) -> str:
        """One text an editor wrote, on one line; "" (and a problem) when it is missing or not text."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(line, f"{field} is missing", todo)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(line, f"{field} should be text", todo or f"write the {field} as text")
            return ""
        found = unshowable(str(value))
        if found:
            self.problem(line, f"{field} holds {found}", TODO)
        return " ".join(str(value).split())

    def text(self, data: LineDict, key: str, todo: str = "", *, required: bool = True, field: str = "") -> str:
        """The text under key (see value_text); field names it in messages when key alone would not."""
        return self.value_text(data.get(key), data.line_of(key), field or key, todo or f"give the {field or key}",
                               required=required)

    def texts(self, data: LineDict, key: str, todo: str) -> tuple[str, ...]:
        """A list of texts under key; () when there is none."""
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, LineList) or not all(
                isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip() for v in value):
            self.problem(data.line_of(key), f"{key} should be a list of texts", todo)
            return ()
        return tuple(self.value_text(v, line, key, todo) for v, line in zip(value, value.item_lines, strict=True))

    def en_ar(self, data: LineDict, what: str, *, owner: str = "", ar_required: bool = True) -> Bilingual:
        """The en: and ar: texts of data itself, the Arabic in Arabic script; owner is the field holding them."""
        prefix = f"{owner}." if owner else ""
        en = self.text(data, "en", f"give the English {what}", field=f"{prefix}en")
        ar = self.text(data, "ar", f"give the Arabic {what}", required=ar_required, field=f"{prefix}ar")
        if ar and not has_arabic_letters(ar):
            self.problem(data.line_of("ar"), f"{prefix}ar {ar!r} has no Arabic letters", f"write the Arabic {what} in Arabic script")
        return Bilingual(en, ar)

    def bilingual(self, data: LineDict, key: str, what: str, *, required: bool = True,
                  ar_required: bool = True) -> Bilingual | None:
        """A field holding en: and ar: texts; None when it is absent and may be, or is not a mapping."""
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, LineDict):
            self.problem(data.line_of(key), f"{key} should have en: and ar: texts", f"write {key}: then indented en: and ar: lines")
            return None
        self.unknown_fields(value, ("en", "ar"), key)
        return self.en_ar(value, what, owner=key, ar_required=ar_required)

    def english_or_both(self, data: LineDict, key: str, what: str, *, required: bool = True) -> Bilingual:
        """A text in English, or en: and ar: (ar: may be left out) so the Arabic edition has it in Arabic."""
        if isinstance(data.get(key), LineDict):
            return self.bilingual(data, key, what, ar_required=False) or Bilingual("", "")
        return Bilingual(self.text(data, key, f"give the {what}", required=required), "")

    def date(self, data: LineDict, key: str, parse: Callable[[str], T], forms: str, *, required: bool = True) -> T | None:
        """The date under key, read by parse (whose ValueError says what is wrong); forms says how to write one."""
        value = data.get(key)
        if value is None or not str(value).strip():
            if required:
                self.problem(data.line_of(key), f"{key} is missing", forms)
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(data.line_of(key), f"{key} should be a date", forms)
            return None
        text = str(value).strip()
        try:
            return parse(text)
        except ValueError as error:
            reason = f" ({error})" if str(error) else ""
            self.problem(data.line_of(key), f"{key} {text!r} is not a date{reason}", forms)
            return None

    def identifier(self, data: LineDict, key: str, example: str, *, field: str = "") -> str:
        """An id or slug under key: lower-case ASCII words joined by hyphens (returned as written)."""
        name = field or key
        value = self.text(data, key, f"give the {name}: lower-case ASCII words joined by hyphens, like {example}", field=name)
        if value and not SLUG.match(value):
            self.problem(data.line_of(key), f"{name} {value!r} is not lower-case ASCII words joined by hyphens",
                         f"write it like {example}")
        return value

    def url(self, data: LineDict, key: str, todo: str, *, required: bool = True) -> str:
        """A web address under key, starting http:// or https://."""
        value = self.text(data, key, todo, required=required)
        if value and not _URL.match(value):
            self.problem(data.line_of(key), f"{key} {value!r} is not a web address", "give the full address, starting with https://")
        return value

    def citations(self, data: LineDict, key: str = "sources", *, fact: bool = False,
                  extra: Sequence[str] = ()) -> tuple[SourceCitation, ...]:
        """The sources listed under key; with fact, each also says the fact it supports (English, or en: and ar:).

        extra names fields a source may also have, which the caller reads (meta.yml's confirmed).
        """
        raw = data.get(key)
        if raw is None:
            return ()
        fields = ("fact", *CITATION_FIELDS) if fact else CITATION_FIELDS
        if not isinstance(raw, LineList):
            self.problem(data.line_of(key), f"{key} should be a list", f"start each source with '- {fields[0]}:'")
            return ()
        found = []
        for item, line in zip(raw, raw.item_lines, strict=True):
            if not isinstance(item, LineDict):
                self.problem(line, "a source should be a mapping", f"give {', '.join(fields)}")
                continue
            self.unknown_fields(item, (*fields, "note", *extra), "a source")
            said = self.english_or_both(item, "fact", "fact") if fact else Bilingual("", "")
            values = {k: self.text(item, k, f"give the source's {k}") for k in ("publisher", "title", "date")}
            values["url"] = self.url(item, "url", "give the source's url")
            if values["date"] and not valid_source_date(values["date"]):
                self.problem(item.line_of("date"), f"date {values['date']!r} is not a date", _SOURCE_DATE_FORMS)
            note = self.text(item, "note", required=False)
            found.append(SourceCitation(fact=said.en, fact_ar=said.ar, note=note, **values))
        return tuple(found)
