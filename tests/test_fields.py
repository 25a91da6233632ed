"""The one reader of editors' YAML fields: each kind of field checked the same way, every problem at its line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from explainer.core.fields import Bilingual, FieldReader, SourceCitation, iso_day
from explainer.core.problems import ContentError
from explainer.core.yamlfile import LineDict, parse_yaml
from explainer.intake.content import parse_meta


def read(text: str) -> tuple[FieldReader, LineDict]:
    data = parse_yaml(text, Path("f.yml"))
    assert isinstance(data, LineDict)
    return FieldReader("f.yml"), data


def messages(fields: FieldReader) -> list[str]:
    return [str(p) for p in fields.problems]


def test_an_unknown_field_is_answered_with_the_likely_one() -> None:
    fields, data = read("title: x\nsumary: y\nzzz: z\n")
    fields.unknown_fields(data, ("title", "summary"), "an article")
    assert messages(fields) == [
        "f.yml:2: an article has an unknown field 'sumary': did you mean 'summary'?",
        "f.yml:3: an article has an unknown field 'zzz': use only title, summary",
    ]


def test_a_value_not_among_the_choices_is_answered_with_the_likely_one_or_the_advice() -> None:
    fields = FieldReader("f.yml")
    segments = ("s-3d653d2d", "s-e20f191e")
    assert fields.known("s-e20f191e", segments, 1, "segment 's-e20f191e' is not in the article", "copy the id") is True
    assert fields.known("s-e20f191f", segments, 2, "segment 's-e20f191f' is not in the article", "copy the id") is False
    assert fields.known("x", segments, 3, "segment 'x' is not in the article", "copy the id") is False
    assert messages(fields) == [
        "f.yml:2: segment 's-e20f191f' is not in the article: did you mean 's-e20f191e'?",
        "f.yml:3: segment 'x' is not in the article: copy the id",
    ]


def test_a_text_is_one_line_and_missing_wrong_or_unshowable_text_is_named() -> None:
    fields, data = read("a: '  two\n\n  lines '\nb: ''\nc: [1, 2]\nd: yes\ne: 'x\u202ey'\nf: 1991\n")
    assert fields.text(data, "a") == "two lines"
    assert fields.text(data, "b", "give the b") == ""
    assert fields.text(data, "c", "write c") == ""
    assert fields.text(data, "d", "write d") == ""
    assert fields.text(data, "e") == "x\u202ey"
    assert fields.text(data, "f") == "1991"
    assert fields.text(data, "missing", required=False) == ""
    got = messages(fields)
    assert got[:3] == ["f.yml:4: b is missing: give the b", "f.yml:5: c should be text: write c",
                       "f.yml:6: d should be text: write d"]
    assert got[3].startswith("f.yml:7: e holds an invisible bidi control U+202E") and "delete it" in got[3]
    assert len(got) == 4


def test_an_ar_text_must_be_in_arabic_script_wherever_it_is() -> None:
    fields, data = read("title: {en: Baghdad, ar: Baghdad}\npublisher: {en: P, ar: ناشر}\nnote:\n  en: N\n  ar: '2024'\n")
    assert fields.bilingual(data, "title", "title") == Bilingual("Baghdad", "Baghdad")
    assert fields.english_or_both(data, "publisher", "name of the outlet") == Bilingual("P", "ناشر")
    fields.en_ar(data["note"], "note", owner="note")
    assert messages(fields) == [
        "f.yml:1: title.ar 'Baghdad' has no Arabic letters: write the Arabic title in Arabic script",
        "f.yml:5: note.ar '2024' has no Arabic letters: write the Arabic note in Arabic script",
    ]


def test_a_bilingual_field_names_its_missing_half_and_its_misspelt_key() -> None:
    fields, data = read("title:\n  en: Iraq\n  arr: العراق\nera: just text\n")
    assert fields.bilingual(data, "title", "title") == Bilingual("Iraq", "")
    assert fields.bilingual(data, "era", "era", required=False) is None
    assert fields.bilingual(data, "absent", "absent", required=False) is None
    assert messages(fields) == [
        "f.yml:3: title has an unknown field 'arr': did you mean 'ar'?",
        "f.yml:2: title.ar is missing: give the Arabic title",
        "f.yml:4: era should have en: and ar: texts: write era: then indented en: and ar: lines",
    ]


def test_english_only_or_both_leaves_the_arabic_optional() -> None:
    fields, data = read("a: Only English\nb: {en: Both}\n")
    assert fields.english_or_both(data, "a", "a") == Bilingual("Only English", "")
    assert fields.english_or_both(data, "b", "b") == Bilingual("Both", "")
    assert fields.english_or_both(data, "c", "outlet") == Bilingual("", "")
    assert messages(fields) == ["f.yml:1: c is missing: give the outlet"]


def test_dates_are_read_by_the_caller_s_parser_and_its_reason_is_shown() -> None:
    fields, data = read("a: '2024-07-23'\nb: '2024-13-01'\nc: 23/07/2024\nd: [1, 2]\n")
    assert fields.date(data, "a", iso_day, "write it as YYYY-MM-DD") == date(2024, 7, 23)
    assert fields.date(data, "b", iso_day, "write it as YYYY-MM-DD") is None
    assert fields.date(data, "c", iso_day, "write it as YYYY-MM-DD") is None
    assert fields.date(data, "d", iso_day, "write it as YYYY-MM-DD") is None
    assert fields.date(data, "e", iso_day, "write it as YYYY-MM-DD", required=False) is None
    assert fields.date(data, "f", iso_day, "write it as YYYY-MM-DD") is None
    assert messages(fields) == [
        "f.yml:2: b '2024-13-01' is not a date (month must be in 1..12): write it as YYYY-MM-DD",
        "f.yml:3: c '23/07/2024' is not a date (not YYYY-MM-DD): write it as YYYY-MM-DD",
        "f.yml:4: d should be a date: write it as YYYY-MM-DD",
        "f.yml:1: f is missing: write it as YYYY-MM-DD",
    ]


def test_ids_are_lower_case_ascii_words_joined_by_hyphens() -> None:
    fields, data = read("id: us-invasion-2003\nbad: Bad Id\n")
    assert fields.identifier(data, "id", "us-invasion-2003") == "us-invasion-2003"
    assert fields.identifier(data, "bad", "us-invasion-2003", field="place id") == "Bad Id"
    assert messages(fields) == [
        "f.yml:2: place id 'Bad Id' is not lower-case ASCII words joined by hyphens: write it like us-invasion-2003"]


def test_citations_are_checked_the_same_way_with_or_without_a_fact() -> None:
    fields, data = read(
        "sources:\n"
        "  - {fact: {en: F, ar: حقيقة}, publisher: P, title: T, date: n.d., url: 'https://example.org/a'}\n"
        "  - {publisher: P, title: T, date: 23/07/2024, url: example.org, notes: x}\n"
        "  - just a text\n"
        "other: {publisher: P}\n")
    found = fields.citations(data, fact=True)
    assert found[0] == SourceCitation("F", "P", "T", "n.d.", "https://example.org/a", fact_ar="حقيقة")
    assert len(found) == 2
    assert messages(fields) == [
        "f.yml:3: a source has an unknown field 'notes': did you mean 'note'?",
        "f.yml:3: fact is missing: give the fact",
        "f.yml:3: url 'example.org' is not a web address: give the full address, starting with https://",
        "f.yml:3: date '23/07/2024' is not a date: write it as YYYY-MM-DD (or YYYY-MM, YYYY when that is all "
        "that is known; n.d. when it has no date)",
        "f.yml:4: a source should be a mapping: give fact, publisher, title, date, url",
    ]
    fields.problems.clear()
    assert fields.citations(data, "other") == ()
    assert messages(fields) == ["f.yml:5: other should be a list: start each source with '- publisher:'"]


def test_meta_yml_refuses_an_arabic_publisher_that_is_not_arabic(tmp_path: Path) -> None:
    path = tmp_path / "meta.yml"
    text = "title: {ar: عنوان, en: Title}\npublisher:\n  en: An outlet\n  ar: An outlet\npublished: '2024-01-01'\n"
    with pytest.raises(ContentError) as caught:
        parse_meta(parse_yaml(text, path), path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.what) == (4, "publisher.ar 'An outlet' has no Arabic letters")
    assert problem.todo == "write the Arabic name of the outlet that published it in Arabic script"


def test_notes_yml_refuses_an_arabic_note_that_is_not_arabic(tmp_path: Path) -> None:
    from explainer.knowledge.glossary import parse_glossary
    from explainer.knowledge.notes import parse_notes

    path = tmp_path / "notes.yml"
    text = "- segment: seed#s-00000000\n  en: A note.\n  ar: A note.\n  sea: [x]\n"
    with pytest.raises(ContentError) as caught:
        parse_notes(parse_yaml(text, path), path, [], parse_glossary(None, tmp_path / "glossary.yml"))
    got = {(p.line, p.what, p.todo) for p in caught.value.problems}
    assert (3, "ar 'A note.' has no Arabic letters", "write the Arabic note in Arabic script") in got
    assert (4, "a note has an unknown field 'sea'", "did you mean 'see'?") in got
