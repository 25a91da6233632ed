"""Exchange formats: catalogs and the glossary into TMX 1.4, TBX, XLIFF 2.0 and CSV, and an
XLIFF 2.0 file back into en.po.

Every format is written and read by Translate Toolkit (translate.storage), the library
Weblate and Pootle use for them, rather than by templates of our own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from translate.storage.csvl10n import csvfile
from translate.storage.tbx import tbxfile
from translate.storage.tmx import tmxfile
from translate.storage.xliff2 import Xliff2File

from ..core.problems import ContentError, Problem, display_path
from ..knowledge.glossary import GlossaryEntry
from .memory import folded

# Where the build puts the downloads, under each edition's docs folder (and so the site).
DOWNLOADS = "downloads"
SITE_TMX = "site.tmx"
GLOSSARY_TBX = "glossary.tbx"
GLOSSARY_CSV = "glossary.csv"
# An article's downloads, by the file name's ending after its slug, with what each is.
ARTICLE_FORMATS = {".tmx": "TMX 1.4", ".xlf": "XLIFF 2.0", ".csv": "CSV"}
GLOSSARY_FORMATS = {GLOSSARY_TBX: "TBX", GLOSSARY_CSV: "CSV"}
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


def tmx_bytes(pairs: Iterable[Pair]) -> bytes:
    """A TMX 1.4 memory of the translated pairs: Arabic source, English target, the segment as
    context (slug#segment) and the translator's notes."""
    store = tmxfile(sourcelanguage="ar", targetlanguage="en")
    for pair in pairs:
        if pair.translated:
            store.addtranslation(pair.arabic, "ar", pair.english, "en", comment="\n".join(pair.notes) or None,
                                 context=f"{pair.slug}#{pair.segment_id}")
    return bytes(store)


def xliff_bytes(pairs: Sequence[Pair], slug: str) -> bytes:
    """An XLIFF 2.0 file of every entry: unit id the segment id; state translated, initial
    with a target for fuzzy, no target for untranslated; notes the translator comments."""
    store = Xliff2File(sourcelanguage="ar", targetlanguage="en")
    store.setsourcelanguage("ar")
    store.settargetlanguage("en")
    store.setfilename(store.body, slug)
    for pair in pairs:
        unit = store.addsourceunit(pair.arabic)
        unit.setid(pair.segment_id)
        if pair.english:
            unit.target = pair.english
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



def article_download_name(slug: str, ending: str) -> str:
    """An article's download's file name: the slug and the format's ending."""
    return f"{slug}{ending}"


def download_files(catalogs: Sequence[tuple[str, Catalog]], entries: Sequence[GlossaryEntry],
                   kept: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """Every download, by file name under downloads/: each article's TMX, XLIFF and CSV, the
    whole site's TMX, and the glossary's TBX and CSV. kept holds files known to be unchanged
    since the last build (their inputs are), which are not made again."""
    kept = kept or {}
    files: dict[str, bytes] = {}
    every: list[Pair] = []
    for slug, catalog in catalogs:
        pairs = catalog_pairs(catalog, slug)
        every.extend(pairs)
        for ending in ARTICLE_FORMATS:
            name = article_download_name(slug, ending)
            if name in kept:
                files[name] = kept[name]
            else:
                files[name] = xliff_bytes(pairs, slug) if ending == ".xlf" else _PAIR_WRITERS[ending](pairs)
    for name, make_site in ((SITE_TMX, lambda: tmx_bytes(every)), (GLOSSARY_TBX, lambda: tbx_bytes(entries)),
                            (GLOSSARY_CSV, lambda: glossary_csv_bytes(entries))):
        files[name] = kept[name] if name in kept else make_site()
    return files


# The writers of an article's downloads that need only its pairs (XLIFF also takes the slug).
_PAIR_WRITERS = {".tmx": tmx_bytes, ".csv": pairs_csv_bytes}


def site_wide_downloads() -> tuple[str, ...]:
    """The downloads made from every article or from the glossary, not from one article."""
    return (SITE_TMX, GLOSSARY_TBX, GLOSSARY_CSV)
