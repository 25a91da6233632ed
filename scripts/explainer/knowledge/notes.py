"""Editorial notes: content/notes.yml into checked notes, each tied to one segment of one article.

A note gives context a reader needs and the article assumes, in both languages, with sources
for outside facts. Its segment must exist and every glossary id it points to must be an entry;
all problems are reported together as `file:line: what: what to do`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.fields import FieldReader
from ..core.problems import ContentError, Problem
from ..core.yamlfile import LineDict, LineList, load_yaml
from ..intake.content import Article, Bilingual
from .glossary import Citation, Glossary

NOTES_NAME = "notes.yml"
_FIELDS = ("segment", "en", "ar", "see", "sources")


@dataclass(frozen=True)
class EditorialNote:
    """Context for one segment: the note in both languages, related entries and sources."""

    slug: str
    segment_id: str
    text: Bilingual
    see: tuple[str, ...]
    sources: tuple[Citation, ...]
    line: int


def _segment_ids(articles: Sequence[Article]) -> dict[str, set[str]]:
    return {a.slug: {s.id for s in a.segmentation.segments} for a in articles}


def parse_notes(data: Any, path: Path, articles: Sequence[Article], glossary: Glossary) -> tuple[EditorialNote, ...]:
    """Check a parsed notes file against the articles and the glossary; raise with every problem."""
    check = FieldReader(path)
    name = check.name
    if data is None:
        return ()
    if not isinstance(data, LineList):
        raise ContentError([Problem(name, getattr(data, "line", None), "expected a list of notes",
                                    "start each note with '- segment: slug#segment-id'")])
    segments = _segment_ids(articles)
    notes: list[EditorialNote] = []
    for line, item in zip(data.item_lines, data, strict=True):
        if not isinstance(item, LineDict):
            check.problem(line, "a note should be a mapping of fields", "start it with '- segment:' and indent its fields")
            continue
        check.unknown_fields(item, _FIELDS, "a note")
        ref = check.text(item, "segment", "give the segment as slug#segment-id (the msgctxt in the article's en.po)")
        slug, _, segment_id = ref.partition("#")
        if ref and (not segment_id or slug not in segments):
            known = ", ".join(sorted(segments)) or "none"
            check.problem(item.line_of("segment"), f"segment {ref!r} names no article",
                          f"write slug#segment-id; articles: {known}")
        elif ref and segment_id not in segments[slug]:
            check.problem(item.line_of("segment"), f"segment {segment_id!r} is not in article {slug!r}",
                          "copy the id from the msgctxt in its en.po (the text may have changed: run explainer update)")
        text = check.en_ar(item, "note")
        see = check.texts(item, "see", "list glossary ids, e.g. [advise-and-assist]")
        for entry_id in see:
            check.known(entry_id, glossary.ids, item.line_of("see"),
                        f"unknown glossary id {entry_id!r}", "use an id from content/glossary.yml")
        notes.append(EditorialNote(slug, segment_id, text, see, check.citations(item), item.line))
    if check.problems:
        raise ContentError(check.problems)
    return tuple(notes)


def load_notes(content: Path, articles: Sequence[Article], glossary: Glossary) -> tuple[EditorialNote, ...]:
    """Load content/notes.yml (no notes when there is no file)."""
    path = content / NOTES_NAME
    if not path.exists():
        return ()
    return parse_notes(load_yaml(path), path, articles, glossary)


def notes_by_segment(notes: Sequence[EditorialNote]) -> Mapping[tuple[str, str], list[EditorialNote]]:
    """Notes keyed by (article slug, segment id), in file order."""
    grouped: dict[tuple[str, str], list[EditorialNote]] = {}
    for note in notes:
        grouped.setdefault((note.slug, note.segment_id), []).append(note)
    return grouped
