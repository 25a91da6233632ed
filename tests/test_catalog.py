"""Catalog stage: en.po is created and updated the way `pybabel update` does it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from explainer.intake.catalog import (
    catalog_bytes, catalog_template, pending_problems, read_catalog, read_catalog_header, translations_for, update_catalog, write_catalog,
)
from explainer.core.problems import ContentError
from explainer.intake.segment import FurniturePatterns, Segment, segment_article

WHEN = datetime(2024, 7, 23, tzinfo=timezone.utc)
NO_FURNITURE = FurniturePatterns({})
ORIGINAL = [
    "تفاصيل انسحاب القوات",
    "يخطط العراق لبدء سحب قوات التحالف في سبتمبر. وتتطلع الحكومة إلى إنهاء المهمة بحلول سبتمبر 2025.",
    "وقال المتحدث إن الاجتماعات تهدف إلى تحديد كيفية انتقال المهمة.",
]
ENGLISH = {
    "تفاصيل انسحاب القوات": "Details of the withdrawal",
    "يخطط العراق لبدء سحب قوات التحالف في سبتمبر.": "Iraq plans to begin withdrawing coalition forces in September.",
    "وتتطلع الحكومة إلى إنهاء المهمة بحلول سبتمبر 2025.": "The government aims to end the mission by September 2025.",
    "وقال المتحدث إن الاجتماعات تهدف إلى تحديد كيفية انتقال المهمة.": "The spokesman said the meetings aim to decide how the mission will transition.",
}


def segments(lines: list[str]) -> tuple[Segment, ...]:
    return segment_article(lines, NO_FURNITURE).segments


def translated_catalog() -> Catalog:
    catalog = catalog_template(segments(ORIGINAL), project="test", created=WHEN)
    for message in catalog:
        if message.id:
            message.string = ENGLISH[message.id]
            message.user_comments = ["a translator's note"] if message.id.startswith("وقال") else []
    return catalog


def roundtrip(catalog: Catalog, tmp_path: Path) -> Catalog:
    path = tmp_path / "en.po"
    write_catalog(path, catalog)
    return read_catalog(path)


def test_template_has_one_entry_per_segment_with_id_as_context() -> None:
    segs = segments(ORIGINAL)
    catalog = catalog_template(segs, project="test", created=WHEN)
    entries = [(m.context, m.id, m.string or "") for m in catalog if m.id]
    assert entries == [(s.id, s.text, "") for s in segs]
    assert [m.locations for m in catalog if m.id][0] == [("article.ar.txt", 1)]


def test_update_keeps_untouched_translations_and_ids(tmp_path: Path) -> None:
    catalog = roundtrip(translated_catalog(), tmp_path)
    summary = update_catalog(catalog, catalog_template(segments(ORIGINAL), project="test", created=WHEN))
    assert (summary.kept, summary.fuzzy, summary.new, summary.obsolete) == (4, 0, 0, 0)
    result = translations_for(segments(ORIGINAL), catalog)
    assert all(t.status == "translated" for t in result.values())
    assert [t.notes for t in result.values()][-1] == ("a translator's note",)


def test_changed_segment_becomes_fuzzy_with_previous_arabic_kept(tmp_path: Path) -> None:
    catalog = roundtrip(translated_catalog(), tmp_path)
    changed = ORIGINAL[:2] + ["وقال المتحدث إن الاجتماعات تهدف إلى تحديد كيفية انتقال مهمة التحالف."]
    summary = update_catalog(catalog, catalog_template(segments(changed), project="test", created=WHEN))
    assert (summary.kept, summary.fuzzy, summary.new, summary.obsolete) == (3, 1, 0, 0)
    new_segment = segments(changed)[-1]
    message = catalog.get(new_segment.text, context=new_segment.id)
    assert message.fuzzy
    assert message.previous_id == [ORIGINAL[2]]
    assert message.string == ENGLISH[ORIGINAL[2]]
    assert message.user_comments == ["a translator's note"]
    written = catalog_bytes(catalog).decode()
    assert f'#| msgid "{ORIGINAL[2]}"' in written and "#, fuzzy" in written
    assert translations_for(segments(changed), catalog)[new_segment.id].status == "fuzzy"


def test_new_segment_is_empty_and_removed_one_is_obsolete(tmp_path: Path) -> None:
    catalog = roundtrip(translated_catalog(), tmp_path)
    edited = [ORIGINAL[0], "وأكدت مصادر أمريكية أن الاجتماعات مستمرة منذ الصباح الباكر في العاصمة."]
    summary = update_catalog(catalog, catalog_template(segments(edited), project="test", created=WHEN))
    assert summary.new == 1 and summary.kept == 1
    assert summary.obsolete >= 2
    new_segment = segments(edited)[1]
    assert not catalog.get(new_segment.text, context=new_segment.id).string
    assert "#~ msgid" in catalog_bytes(catalog).decode()


def test_moved_paragraph_keeps_its_translation(tmp_path: Path) -> None:
    catalog = roundtrip(translated_catalog(), tmp_path)
    moved = [ORIGINAL[2], ORIGINAL[0], ORIGINAL[1]]
    summary = update_catalog(catalog, catalog_template(segments(moved), project="test", created=WHEN))
    assert (summary.kept, summary.fuzzy, summary.new) == (4, 0, 0)


def test_writing_is_deterministic_and_skipped_when_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    assert write_catalog(path, translated_catalog()) is True
    first = path.read_bytes()
    assert write_catalog(path, read_catalog(path)) is False
    assert path.read_bytes() == first


def test_malformed_catalog_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "en.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgctxt "s-1"\nmsgid "نص"\nmsgstr "text"\nthis line is not PO\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_catalog(path)
    (problem,) = caught.value.problems
    assert problem.line == 7 and "malformed PO entry" in problem.what


def test_pending_problems_name_file_line_and_segment(tmp_path: Path) -> None:
    catalog = translated_catalog()
    first = segments(ORIGINAL)[1]
    catalog.get(first.text, context=first.id).string = ""
    catalog = roundtrip(catalog, tmp_path)
    problems = pending_problems(tmp_path / "en.po", translations_for(segments(ORIGINAL), catalog))
    (problem,) = problems
    text = (tmp_path / "en.po").read_text(encoding="utf-8").split("\n")
    assert text[problem.line - 1] == f'msgid "{first.text}"'
    assert str(problem).endswith(f"{first.id}: untranslated: write the English in msgstr")


def test_the_header_alone_gives_the_catalogs_dates_without_its_messages(tmp_path: Path) -> None:
    po = tmp_path / "en.po"
    po.write_text('# Translator comment\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n'
                  '"POT-Creation-Date: 2024-07-23 09:00+0000\\n"\n"PO-Revision-Date: 2024-08-01 10:30+0000\\n"\n\n'
                  '#: s-1\nmsgid "جملة"\nmsgstr "A sentence"\n', encoding="utf-8")
    header, whole = read_catalog_header(po), read_catalog(po)
    assert (header.creation_date, header.revision_date) == (whole.creation_date, whole.revision_date)
    assert header.revision_date.date().isoformat() == "2024-08-01" and len(header) == 0 and len(whole) == 1
    # No header first: the file is read whole; an unreadable header is reported, naming the file.
    po.write_text('msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    assert len(read_catalog_header(po)) == 1
    po.write_text('msgid ""\nmsgstr "Language: en\\n\n\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    with pytest.raises(ContentError, match=r"en\.po"):
        read_catalog_header(po)
