"""Catalog stage: an article's segments into its English gettext catalog (en.po), and back."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, read_po, write_po

from ..core.editortext import TODO, unshowable
from ..core.problems import ContentError, Problem, display_path
from .segment import Segment

SOURCE_NAME = "article.ar.txt"
CATALOG_NAME = "en.po"

Status = Literal["translated", "untranslated", "fuzzy"]
# Translator comments that start with this are the translation memory's note on where a filled-in
# translation came from (explainer.translation.memory): for the translator, never shown on the page.
MEMORY_NOTE = "translation memory:"


@dataclass(frozen=True)
class Translation:
    """A segment's English as the catalog has it, and how far it can be trusted."""

    segment_id: str
    text: str
    status: Status
    notes: tuple[str, ...]
    catalog_line: int | None
    # The entry's flags other than fuzzy, such as Weblate's ignore-<check> (explainer.translation.qa).
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class UpdateSummary:
    """What bringing a catalog in line with its source did, like `pybabel update` reports."""

    kept: int
    fuzzy: int
    new: int
    obsolete: int

    def __str__(self) -> str:
        return f"{self.kept} kept, {self.fuzzy} fuzzy, {self.new} new, {self.obsolete} obsolete"


def catalog_template(segments: Sequence[Segment], *, project: str, created: datetime) -> Catalog:
    """A catalog with one untranslated entry per segment: msgctxt the id, msgid the Arabic."""
    template = Catalog(locale="en", project=project, version="1", fuzzy=False,
                       header_comment=f"# English translation of the Arabic article {project}.\n"
                                      "# msgctxt is the segment's id on the page; msgid the Arabic; msgstr the English.\n"
                                      "# Notes for readers and translators go in translator comments (# lines).",
                       creation_date=created, revision_date=created,
                       msgid_bugs_address="", last_translator="", language_team="English")
    for segment in segments:
        template.add(segment.text, context=segment.id, locations=[(SOURCE_NAME, segment.line)],
                     auto_comments=[segment.kind])
    return template


def _message_key(message: Message) -> tuple[str, str | None]:
    return (str(message.id), message.context)


def update_catalog(catalog: Catalog, template: Catalog) -> UpdateSummary:
    """Update catalog in place from template, as `pybabel update` does.

    Untouched segments keep their translation; a changed one becomes fuzzy with the previous
    Arabic kept (#| msgid); a new one is empty; a removed one becomes obsolete.
    """
    before = {_message_key(m): m for m in catalog if m.id}
    previous = {key: list(m.previous_id) for key, m in before.items() if m.fuzzy and m.previous_id}
    old_obsolete = set(catalog.obsolete)
    catalog.update(template, update_creation_date=False)
    kept = fuzzy = new = 0
    for message in catalog:
        if not message.id:
            continue
        if _message_key(message) in before:
            kept += 1
            # Babel's update drops the previous msgid of an entry it keeps: a fuzzy entry keeps it
            # until the translator confirms it, as msgmerge does.
            if message.fuzzy and not message.previous_id and _message_key(message) in previous:
                message.previous_id = previous[_message_key(message)]
        elif message.fuzzy and message.previous_id:
            fuzzy += 1
        else:
            new += 1
    obsolete = len(set(catalog.obsolete) - old_obsolete)
    return UpdateSummary(kept, fuzzy, new, obsolete)


def read_catalog(path: Path) -> Catalog:
    """Read a PO file strictly, reporting a malformed one at its line."""
    name = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(name, None, f"cannot read catalog ({error.strerror})",
                                    "run 'explainer update' to create it")]) from None
    try:
        # The header's Language decides the locale (read_po is a fifth faster without one given).
        catalog = read_po(io.BytesIO(data), locale=None, abort_invalid=True)
    except PoFileError as error:
        raise ContentError([Problem(name, error.lineno + 1, f"malformed PO entry ({error.args[0].rsplit(' on ', 1)[0]})",
                                    "open the file in Poedit, or fix the quoting by hand")]) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ContentError([Problem(name, None, f"unreadable catalog ({error})",
                                    "save it as UTF-8 PO; Poedit does this")]) from None
    if catalog.locale is None:
        catalog.locale = "en"
    for message in [*catalog, *catalog.obsolete.values()]:
        _read_previous(message)
    return catalog


def read_catalog_header(path: Path) -> Catalog:
    """A catalog's header alone (its dates, language, translator), without its messages: the PO
    header is the file's first entry, which ends at the first blank line. A file whose first
    entry is not the header is read whole."""
    data = path.read_bytes()
    head = re.split(rb"\r?\n[ \t]*\r?\n", data, maxsplit=1)[0]
    if not re.search(rb'^msgid ""\s*$', head, re.MULTILINE):
        return read_catalog(path)
    try:
        return read_po(io.BytesIO(head + b"\n"), locale=None, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError):
        return read_catalog(path)  # reports the problem at its line


# A previous-msgid comment's first line, as Babel reads it into a translator comment: | msgid "…".
_PREVIOUS = re.compile(r'^\|\s*(?P<key>msgctxt|msgid|msgid_plural)\s+(?P<text>".*")$')
# Each quoted part of it (Babel writes a multi-line msgid's parts on one comment line).
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _read_previous(message: Message) -> None:
    """Babel reads "#| msgid" lines (the Arabic before a change) as translator comments
    (python-babel/babel#206): take them back into previous_id, in one line or in several."""
    lines = [c for c in message.user_comments if c.startswith("|")]
    if not lines:
        return
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    parts: dict[str, list[str]] = {}
    key = None
    for line in lines:
        match = _PREVIOUS.match(line)
        if match:
            key = match["key"]
            parts[key] = _QUOTED.findall(match["text"])
        elif key and line[1:].strip().startswith('"'):
            parts[key].extend(_QUOTED.findall(line[1:]))
    message.previous_id = [denormalize("\n".join(parts[k])) for k in ("msgid", "msgid_plural") if k in parts]


_NO_WRAP = 2**31 - 1


def catalog_bytes(catalog: Catalog) -> bytes:
    """The catalog as PO bytes, obsolete entries and previous msgids included."""
    buffer = io.BytesIO()
    # No wrapping: width=0 leaves msgids whole but wraps comments at 76 columns, and Babel wraps
    # a previous msgid ("#| msgid") as a comment, splitting it mid-string into lines no PO
    # reader takes. A width no line reaches writes the same file with every "#|" on one line.
    write_po(buffer, catalog, width=_NO_WRAP, include_previous=True)
    return buffer.getvalue()


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write the catalog when its text changed; return whether it did."""
    data = catalog_bytes(catalog)
    if path.exists() and path.read_bytes() == data:
        return False
    temporary = path.with_suffix(".po.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def translations_for(segments: Sequence[Segment], catalog: Catalog) -> dict[str, Translation]:
    """Each segment's translation, looked up by its id and its Arabic.

    A segment whose entry is missing, or whose Arabic no longer matches, is untranslated:
    'explainer update' brings the catalog in line and marks near matches fuzzy.
    """
    result: dict[str, Translation] = {}
    for segment in segments:
        message = catalog.get(segment.text, context=segment.id)
        if message is None:
            result[segment.id] = Translation(segment.id, "", "untranslated", (), None)
            continue
        text = str(message.string or "")
        status: Status = "fuzzy" if message.fuzzy else ("translated" if text.strip() else "untranslated")
        line = message.lineno  # Babel counts from 1, at the msgid line
        # PO writers wrap long comments into several "#" lines: read them back as one note.
        note = " ".join(c.strip() for c in message.user_comments if c.strip() and not c.strip().startswith(MEMORY_NOTE))
        flags = frozenset(message.flags - {"fuzzy"})
        result[segment.id] = Translation(segment.id, text, status, (note,) if note else (), line, flags)
    return result


def pending_problems(catalog_path: Path, translations: Mapping[str, Translation]) -> list[Problem]:
    """One problem per segment that is not ready to publish, for `explainer build --strict`."""
    name = display_path(catalog_path)
    problems = []
    for t in translations.values():
        if t.catalog_line is None:
            problems.append(Problem(name, None, f"{t.segment_id}: not in the catalog",
                                    "run 'explainer update', then translate it"))
        elif t.status == "untranslated":
            problems.append(Problem(name, t.catalog_line, f"{t.segment_id}: untranslated",
                                    "write the English in msgstr"))
        elif t.status == "fuzzy":
            problems.append(Problem(name, t.catalog_line, f"{t.segment_id}: fuzzy (the Arabic changed)",
                                    "check the English against the new Arabic, then remove the fuzzy flag"))
    return problems


def status_counts(translations: Mapping[str, Translation]) -> Counter[str]:
    """How many segments are translated, fuzzy and untranslated."""
    return Counter(t.status for t in translations.values())


def translation_problems(catalog_path: Path, translations: Mapping[str, Translation]) -> list[Problem]:
    """One problem per translation or note in en.po that holds a character that cannot be shown."""
    problems = []
    for translation in translations.values():
        for part, text in [("msgstr", translation.text), *(("translator comment", n) for n in translation.notes)]:
            found = unshowable(text)
            if found:
                problems.append(Problem(display_path(catalog_path), translation.catalog_line,
                                        f"{translation.segment_id}: {part} holds {found}", TODO))
    return problems
