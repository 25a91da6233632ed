"""Exchange formats: catalogs and the glossary into TMX 1.4, TBX, XLIFF 2.0 and CSV, the
downloads zipped, and an XLIFF 2.0 file back into en.po.

Every format is written and read by Translate Toolkit (translate.storage), the library
Weblate and Pootle use for them, rather than by templates of our own; the archives by
Python's zipfile.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from translate.storage.csvl10n import csvfile
from translate.storage.tbx import tbxfile
from translate.storage.tmx import tmxfile, tmxunit
from translate.storage.xliff2 import Xliff2File, Xliff2Unit

from ..core.problems import ContentError, Problem, display_path
from ..knowledge.glossary import GlossaryEntry
from .memory import folded

# Where the build puts the downloads, under the English edition's docs folder (and so the
# site's root): the Arabic edition's pages link the same files.
DOWNLOADS = "downloads"
# The whole site's memory, zipped: it grows with every article (3.3 MB at 100, 0.3 zipped).
SITE_TMX = "site.tmx"
SITE_ARCHIVE = "site.tmx.zip"
# The glossary's files stay plain: they grow with the glossary, not the articles (17 and 5 KB
# at 34 entries), and a plain .tbx or .csv opens in a CAT tool or a spreadsheet as it is.
GLOSSARY_TBX = "glossary.tbx"
GLOSSARY_CSV = "glossary.csv"
# An article's TMX, XLIFF and CSV go in one ZIP, named after its slug: a sixth of their size
# (the same sentences in three markups compress well).
ARTICLE_ARCHIVE = ".zip"
# The archives' members carry no time of their own, so an unchanged file zips to the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ZIP_UNIX = 3  # the system the permissions are for, whatever system zips
_ZIP_MODE = 0o100644 << 16  # a regular file, read-write for its owner, readable by all
_CSV_FIELDS = ["id", "source", "target", "translator_comments"]
_NOTE_CATEGORY = "translator"


@dataclass(frozen=True)
class Pair:
    """One catalog entry as the exchange formats carry it."""

    slug: str
    segment_id: str
    arabic: str
    english: str
    fuzzy: bool
    notes: tuple[str, ...]

    @property
    def translated(self) -> bool:
        return bool(self.english.strip()) and not self.fuzzy


def catalog_pairs(catalog: Catalog, slug: str) -> list[Pair]:
    """The catalog's entries (not obsolete ones), in file order."""
    return [Pair(slug, m.context or "", str(m.id), str(m.string or ""), m.fuzzy, tuple(m.user_comments))
            for m in catalog if m.id]


def tmx_memory(pairs: Iterable[Pair]) -> tmxfile:
    """A TMX 1.4 memory of the translated pairs: Arabic source, English target, the segment as
    context (slug#segment) and the translator's notes."""
    store = tmxfile(sourcelanguage="ar", targetlanguage="en")
    for pair in pairs:
        if pair.translated:
            # The unit addtranslation makes (note, context, then the Arabic and English tuv), put
            # together in that order: addtranslation looks each language up among the unit's
            # nodes before adding it, half the time of making a memory.
            unit = tmxunit(None)
            unit.xmlelement.set("srclang", "ar")
            comment = "\n".join(pair.notes)
            if comment:
                unit.addnote(comment)
            unit.setcontext(f"{pair.slug}#{pair.segment_id}")
            unit.xmlelement.append(unit.createlanguageNode("ar", pair.arabic, "source"))
            unit.xmlelement.append(unit.createlanguageNode("en", pair.english, "target"))
            store.addunit(unit)
    return store


def merged_tmx_bytes(memories: Iterable[tmxfile]) -> bytes:
    """One TMX file of the memories' units, in order: the same file as one memory of all their
    pairs, from units already made (each a copy, so the memories stay as they were)."""
    store = tmxfile(sourcelanguage="ar", targetlanguage="en")
    for memory in memories:
        # The memory's body (its units' elements, in order) copied at once: a third of the time
        # of copying each unit's element on its own. Every tmxfile has a body from the start.
        assert memory.body is not None
        for element in list(copy.deepcopy(memory.body)):
            store.addunit(tmxunit.createfromxmlElement(element))
    return bytes(store)


def xliff_bytes(pairs: Sequence[Pair], slug: str) -> bytes:
    """An XLIFF 2.0 file of every entry: unit id the segment id; state translated, initial
    with a target for fuzzy, no target for untranslated; notes the translator comments."""
    store = Xliff2File(sourcelanguage="ar", targetlanguage="en")
    store.setsourcelanguage("ar")
    store.settargetlanguage("en")
    store.setfilename(store.body, slug)
    for pair in pairs:
        # The unit addsourceunit and the target setter make, its source and target nodes
        # added in order: they look for the nodes already there before adding each one.
        unit = Xliff2Unit(None)
        unit.xmlelement.append(unit.createlanguageNode("ar", pair.arabic, "source"))
        store.addunit(unit)
        unit.setid(pair.segment_id)
        if pair.english:
            unit.xmlelement.append(unit.createlanguageNode("en", pair.english, "target"))
            unit.markfuzzy(pair.fuzzy)
        else:
            unit.xmlelement.set("state", "initial")
        if pair.notes:
            unit.addnote("\n".join(pair.notes), origin=_NOTE_CATEGORY)
    return bytes(store)


def pairs_csv_bytes(pairs: Iterable[Pair]) -> bytes:
    """A spreadsheet of the translated pairs: segment id, Arabic, English, notes."""
    store = csvfile(fieldnames=_CSV_FIELDS)
    for pair in pairs:
        if pair.translated:
            _csv_row(store, pair.segment_id, pair.arabic, pair.english, " ".join(pair.notes))
    return bytes(store)


def _csv_row(store: csvfile, row_id: str, source: str, target: str, note: str) -> None:
    unit = store.addsourceunit(source)
    unit.target = target
    unit.id = row_id
    if note:
        unit.addnote(note)


def tbx_bytes(entries: Iterable[GlossaryEntry]) -> bytes:
    """A TBX termbase of the glossary: each entry's Arabic and English forms, its gloss as a note."""
    store = tbxfile(sourcelanguage="ar", targetlanguage="en")
    for entry in entries:
        unit = store.addsourceunit(entry.ar)
        unit.set_source_terms([entry.ar, *entry.ar_variants])
        unit.set_target_terms([entry.en, *entry.en_variants], "en")
        unit.setid(entry.id)
        unit.addnote(entry.gloss.en)
    return bytes(store)


def glossary_csv_bytes(entries: Iterable[GlossaryEntry]) -> bytes:
    """A spreadsheet of the glossary: id, Arabic, English, the English gloss."""
    store = csvfile(fieldnames=_CSV_FIELDS)
    for entry in entries:
        _csv_row(store, entry.id, entry.ar, entry.en, entry.gloss.en)
    return bytes(store)


@dataclass(frozen=True)
class ImportSummary:
    """What importing an XLIFF file changed in a catalog."""

    changed: int
    unchanged: int

    def __str__(self) -> str:
        return f"{self.changed} entr{'y' if self.changed == 1 else 'ies'} changed, {self.unchanged} unchanged"


def read_xliff(path: Path) -> Xliff2File:
    """An XLIFF 2.0 file, or a problem at the file naming what is wrong."""
    name = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(name, None, f"cannot read the file ({error.strerror})", "give the path of an .xlf file")]) from None
    try:
        store: Xliff2File = Xliff2File.parsestring(data)
    except (SyntaxError, ValueError) as error:  # lxml's XMLSyntaxError is a SyntaxError
        line = getattr(error, "lineno", None)
        raise ContentError([Problem(name, line, f"not an XLIFF 2.0 file ({error})",
                                    "export it again as XLIFF 2.0 from your tool")]) from None
    return store


def import_xliff(catalog: Catalog, store: Xliff2File, name: str) -> ImportSummary:
    """Lay an XLIFF 2.0 file's targets, states and notes over the catalog's entries of the same
    segment id; every unit that does not fit is reported and nothing is changed."""
    by_id = {m.context: m for m in catalog if m.id and m.context}
    problems = []
    updates = []
    for unit in store.units:
        unit_id = unit.getid() or ""
        message = by_id.get(unit_id)
        if message is None:
            problems.append(Problem(name, None, f"{unit_id}: no such segment in the catalog",
                                    "export the XLIFF again from this article's en.po ('explainer xliff export')"))
            continue
        if folded(str(unit.source or "")) != folded(str(message.id)):
            problems.append(Problem(name, None, f"{unit_id}: the Arabic differs from the catalog's",
                                    "run 'explainer update', export the XLIFF again and translate the new Arabic"))
            continue
        target = str(unit.target or "")
        notes = unit.getnotes(_NOTE_CATEGORY)
        updates.append((message, target, bool(target) and unit.isfuzzy(), notes.split("\n") if notes else []))
    if problems:
        raise ContentError(problems)
    changed = 0
    for message, target, fuzzy, notes in updates:
        before = (message.string, message.fuzzy, list(message.user_comments))
        message.string = target
        if fuzzy:
            message.flags.add("fuzzy")
        else:
            message.flags.discard("fuzzy")
        message.user_comments = notes
        changed += (message.string, message.fuzzy, list(message.user_comments)) != before
    return ImportSummary(changed, len(updates) - changed)



def article_download_name(slug: str) -> str:
    """An article's download's file name: the slug and .zip."""
    return f"{slug}{ARTICLE_ARCHIVE}"


def zip_bytes(members: Mapping[str, bytes]) -> bytes:
    """A ZIP archive of the members (name → bytes), deflated, in name order, with a fixed time
    and permissions: the same members give the same bytes, on any machine that zips."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.create_system = _ZIP_UNIX
            info.external_attr = _ZIP_MODE
            archive.writestr(info, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def article_files(pairs: Sequence[Pair], slug: str, memory: tmxfile | None = None) -> dict[str, bytes]:
    """An article's TMX, XLIFF and CSV, by file name (the slug and the format's ending);
    memory is its TMX memory if already made (tmx_memory)."""
    return {f"{slug}.tmx": bytes(memory or tmx_memory(pairs)), f"{slug}.xlf": xliff_bytes(pairs, slug),
            f"{slug}.csv": pairs_csv_bytes(pairs)}


def download_files(catalogs: Sequence[tuple[str, Catalog]], entries: Sequence[GlossaryEntry],
                   kept: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """Every download, by file name under downloads/: each article's TMX, XLIFF and CSV in
    one ZIP, the whole site's TMX zipped, and the glossary's TBX and CSV. kept holds files
    known to be unchanged since the last build (their inputs are), which are not made again."""
    kept = kept or {}
    files: dict[str, bytes] = {}
    every: list[list[Pair]] = []
    # Each article's TMX memory, made once for its own file and the site's.
    memories: dict[str, tmxfile] = {}
    for slug, catalog in catalogs:
        pairs = catalog_pairs(catalog, slug)
        every.append(pairs)
        name = article_download_name(slug)
        if name in kept:
            files[name] = kept[name]
        else:
            memories[slug] = tmx_memory(pairs)
            files[name] = zip_bytes(article_files(pairs, slug, memories[slug]))

    def site_tmx() -> bytes:
        return merged_tmx_bytes(memories[slug] if slug in memories else tmx_memory(pairs)
                                for (slug, _), pairs in zip(catalogs, every, strict=True))

    for name, make_site in ((SITE_ARCHIVE, lambda: zip_bytes({SITE_TMX: site_tmx()})),
                            (GLOSSARY_TBX, lambda: tbx_bytes(entries)), (GLOSSARY_CSV, lambda: glossary_csv_bytes(entries))):
        files[name] = kept[name] if name in kept else make_site()
    return files


def site_wide_downloads() -> tuple[str, ...]:
    """The downloads made from every article or from the glossary, not from one article."""
    return (SITE_ARCHIVE, GLOSSARY_TBX, GLOSSARY_CSV)
