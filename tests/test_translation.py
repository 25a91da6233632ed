"""Translation checks, translation memory, `explainer status` and the exchange formats."""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from conftest import ROOT, SEED_SLUG
from translate.storage.csvl10n import csvfile
from translate.storage.tbx import tbxfile
from translate.storage.tmx import tmxfile
from translate.storage.xliff2 import Xliff2File

from explainer.cli import main
from explainer.intake.catalog import read_catalog, translations_for, write_catalog
from explainer.intake.content import load_articles
from explainer.knowledge.glossary import load_glossary
from explainer.publishing.verify import verify_link_targets
from explainer.translation.exchange import catalog_pairs, download_files, xliff_bytes, zip_bytes
from explainer.translation.memory import NEAR, folded
from explainer.translation.qa import LengthBounds, check_pair, numbers_in
from explainer.translation.status import uncovered_names

SEED_CATALOG = ROOT / "content" / "articles" / SEED_SLUG / "en.po"
SEED_SOURCE = ROOT / "content" / "articles" / SEED_SLUG / "article.ar.txt"


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project's content/ (the seed article, glossary, timeline) to change, as the
    working directory, so messages name files as an editor would."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def explainer(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def edit_catalog(root: Path, slug: str, changes: dict[str, tuple[str, str]], flags: dict[str, str] | None = None) -> dict[str, int]:
    """Replace text in the English of the given segments (id → (old, new)); return each entry's line."""
    path = root / "content" / "articles" / slug / "en.po"
    catalog = read_catalog(path)
    for message in catalog:
        if message.context in changes:
            old, new = changes[message.context]
            assert old in message.string, (message.context, old)
            message.string = message.string.replace(old, new)
        if flags and message.context in flags:
            message.flags.add(flags[message.context])
    write_catalog(path, catalog)
    return {str(m.context): m.lineno for m in read_catalog(path) if m.context}


# ---------------------------------------------------------------------------------------------
# The checks

# One planted mistake per check, each in another sentence of the seed: (segment, old, new, check).
PLANTED = [
    ("s-3d653d2d", "about 2,500 US troops", "about 25,000 US troops", "numbers"),
    ("s-651f1548", "spokesman Matthew Miller told", "spokesman told", "names"),
    ("s-58d99bfd", "in January 2024", "in June 2024", "dates"),
    ("s-b25265bd", '"advise and assist"', "advise-and-assist", "quotations"),
    ("s-c82ebb1b", "the Iraqi sources expect", "the Iraqi sources (المصادر) expect", "leftovers"),
]


def test_the_seed_passes_every_check(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(content_copy, "check") == 0
    assert "checked 1 article(s): no errors" in capsys.readouterr().out


def test_each_planted_mistake_is_caught_at_its_segment(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = edit_catalog(content_copy, SEED_SLUG, {segment: (old, new) for segment, old, new, _ in PLANTED})
    assert explainer(content_copy, "check") == 1
    catalog = f"content/articles/{SEED_SLUG}/en.po"
    # The catalog's errors (the timeline also reports the English's June 2024 as a date on no event).
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith(f"{catalog}:")]
    for segment, _, _, check in PLANTED:
        prefix = f"{catalog}:{lines[segment]}: {segment}: {check}: "
        assert any(line.startswith(prefix) for line in errors), (prefix, errors)
    # Nothing else: every error is one of the planted ones (the number shows twice, once from each side).
    found = {tuple(line.split(": ")[1:3]) for line in errors}
    assert found == {(segment, check) for segment, _, _, check in PLANTED}
    assert sum(": numbers: " in line for line in errors) == 2
    assert "'25,000' (25,000)" in "\n".join(errors) and "'2500' (2,500)" in "\n".join(errors)


def test_a_finding_accepted_with_a_flag_is_not_reported(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_catalog(content_copy, SEED_SLUG, {"s-d36da207": ("about 900 troops", "about 9,000 troops")}, {"s-d36da207": "ignore-numbers"})
    assert explainer(content_copy, "check") == 0
    # The flag survives `explainer update` (pybabel update's merge), as Weblate and Poedit keep it.
    assert explainer(content_copy, "update") == 0
    assert "#, ignore-names, ignore-numbers\n" in (content_copy / "content" / "articles" / SEED_SLUG / "en.po").read_text(encoding="utf-8")


def test_check_errors_fail_a_strict_build_and_not_a_draft(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        shutil.copy2(ROOT / name, content_copy / name)
    edit_catalog(content_copy, SEED_SLUG, {"s-d36da207": ("about 900 troops", "about 9,000 troops"),
                                           "s-58d99bfd": ("in January 2024", "in June 2024")})
    assert explainer(content_copy, "build", "--strict") == 1
    err = capsys.readouterr().err
    assert ": s-d36da207: numbers: the Arabic says '900'" in err
    # The build takes the dates the timeline found instead of looking again; the same finding.
    assert ": s-58d99bfd: dates: the Arabic's 'يناير 2024' (January 2024) is not in the English" in err
    assert explainer(content_copy, "build") == 0
    first = capsys.readouterr().err
    assert "translation check errors" in first
    # Built again unchanged, the article is not rendered or checked again: the findings kept with
    # its report in the manifest still count, and still fail a strict build.
    manifest = (content_copy / "build" / "manifest.json").read_text(encoding="utf-8")
    assert "the Arabic says '900' (900); the English does not" in manifest
    assert "checks" not in (content_copy / "build" / "report.json").read_text(encoding="utf-8")
    assert explainer(content_copy, "build") == 0
    out, err = capsys.readouterr()
    draft = [line for line in first.splitlines() if line.startswith("draft: ")]
    assert "rendered 0 of 1 article(s)" in out and draft and draft[0] in err
    assert explainer(content_copy, "build", "--strict") == 1
    assert ": s-d36da207: numbers: the Arabic says '900'" in capsys.readouterr().err


@pytest.mark.parametrize(("arabic", "english"), [
    ("نحو ٢٥٠٠ جندي", "about 2,500 troops"),                      # Eastern digits, thousands separator
    ("بلغت النسبة ٣٫٥ في المئة", "the rate was 3.5%"),           # Arabic decimal, percent word and sign
    ("نحو 40% من الأصوات", "about 40 per cent of the votes"),
    ("في ثلاث قواعد", "at three bases"),                          # number words in both columns
    ("أربعة مصادر", "4 sources"),                                 # a word in one column, digits in the other
    ("قتل خمسة عشر شخصا", "15 people were killed"),
    ("ثلاثة آلاف جندي", "3,000 soldiers"),
    ("2.5 مليون نازح", "2.5 million displaced people"),
    ("مليون شخص", "a million people"),
    ("ألف عنصر", "1,000 fighters"),
    ("الاجتماعات بين الجانبين", "the meetings between the two sides"),  # the dual: "two" need not match
])
def test_numbers_that_agree(arabic: str, english: str) -> None:
    assert [f for f in check_pair("s-1", arabic, english, date(2024, 7, 23), load_glossary(ROOT / "content"), None)
            if f.check == "numbers"] == []


@pytest.mark.parametrize(("arabic", "english", "what"), [
    ("نحو ٢٥٠٠ جندي", "about 25,000 troops", "'25,000' (25,000)"),
    ("بلغت النسبة ٣٫٥ في المئة", "the rate was 3.5", "(3.5%)"),
    ("في ثلاث قواعد", "at four bases", "'four' (4)"),
    ("قتل 12 شخصا", "twelve people and 3 others were killed", "'3' (3)"),
])
def test_numbers_that_differ(arabic: str, english: str, what: str) -> None:
    findings = [f.what for f in check_pair("s-1", arabic, english, date(2024, 7, 23), load_glossary(ROOT / "content"), None)
                if f.check == "numbers"]
    assert any(what in f for f in findings), findings


def test_number_words_do_not_take_look_alikes() -> None:
    # لست ("I am not") is not ست (six); العشرة is not a bare number; واحدة keeps its و.
    assert [n.text for n in numbers_in("لست أدري، واحدة فقط", "ar")] == ["واحده"]


def test_dates_and_leftovers_findings() -> None:
    glossary = load_glossary(ROOT / "content")
    findings = check_pair("s-1", "بدأت المفاوضات في يناير 2024", "Talks  began in in March 2024 (early", date(2024, 7, 23), glossary, None)
    by_check = {(f.check, f.what) for f in findings}
    assert ("dates", "the Arabic's 'يناير 2024' (January 2024) is not in the English") in by_check
    assert ("dates", "the English's 'March 2024' (March 2024) is not in the Arabic") in by_check
    leftovers = {what for check, what in by_check if check == "leftovers"}
    assert leftovers == {"1 '(' but 0 ')'", "doubled word 'in in'", "two spaces in a row"}


def test_names_found_inside_a_longer_term_count() -> None:
    # "US" in "US-led coalition", which the page links to the coalition, still names the United States.
    glossary = load_glossary(ROOT / "content")
    findings = check_pair("s-1", "مهمة التحالف بقيادة الولايات المتحدة", "the mission of the US-led coalition",
                          date(2024, 7, 23), glossary, None)
    assert [f for f in findings if f.check == "names"] == []


def test_length_bounds_come_from_the_sites_pairs() -> None:
    pairs = [("ب" * 100, "e" * n) for n in (110, 115, 120, 120, 125, 125, 130, 130, 135, 140)]
    bounds = LengthBounds.from_pairs(pairs)
    assert bounds is not None and bounds.low < 1.1 and 1.4 < bounds.high < 1.7
    assert LengthBounds.from_pairs(pairs[:9]) is None  # too few pairs to say
    glossary = load_glossary(ROOT / "content")
    short = check_pair("s-1", "ب" * 100, "e" * 60, date(2024, 7, 23), glossary, bounds)
    assert [(f.check, f.warning) for f in short] == [("length", True)]
    assert check_pair("s-1", "ب" * 100, "e" * 125, date(2024, 7, 23), glossary, bounds) == []


# ---------------------------------------------------------------------------------------------
# Translation memory

SEED_LINES = SEED_SOURCE.read_text(encoding="utf-8").splitlines()
# A sentence of the seed (its heading "تفاصيل انسحاب القوات"), the same with one word changed, and
# a sentence of our own that the second article says twice.
EXACT = "تفاصيل انسحاب القوات"
SEED_SENTENCE = ("رغم أن عدد القوات المتوقع انسحابها بموجب الاتفاق غير واضح بعد، تتوقع المصادر العراقية أن يغادر "
                 "معظم الجنود في نهاية المطاف.")
NEAR_SENTENCE = SEED_SENTENCE.replace("معظم الجنود", "أغلب الجنود")
OWN = "وقال مسؤول في وزارة الدفاع العراقية إن الجدول الزمني لم يحدد بعد."


def new_article(root: Path, slug: str, lines: list[str]) -> int:
    source = root / f"{slug}.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return explainer(root, "new", slug, "--source", str(source), "--published", "2024-07-30",
                     "--publisher", "Test Agency", "--title", "A second article")


def by_arabic(path: Path) -> dict[str, list]:
    catalog = read_catalog(path)
    found: dict[str, list] = {}
    for message in catalog:
        if message.id:
            found.setdefault(str(message.id), []).append(message)
    return found


def test_memory_fills_exact_and_near_matches_as_fuzzy(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert folded(NEAR_SENTENCE) != folded(SEED_SENTENCE)
    assert new_article(content_copy, "second", [EXACT, f"{NEAR_SENTENCE} {OWN}"]) == 0
    assert "translation memory: 1 exact, 1 near match(es)" in capsys.readouterr().out
    messages = by_arabic(content_copy / "content" / "articles" / "second" / "en.po")
    seed = {str(m.id): m for m in read_catalog(SEED_CATALOG) if m.id}
    exact, near, own = messages[EXACT][0], messages[NEAR_SENTENCE][0], messages[OWN][0]
    assert exact.string == seed[EXACT].string and exact.fuzzy and not exact.previous_id
    assert exact.user_comments == [f"translation memory: {SEED_SLUG}#h-248c6d56 (exact)"]
    assert near.string == seed[SEED_SENTENCE].string and near.fuzzy
    assert near.previous_id == [SEED_SENTENCE]
    assert near.user_comments[0].startswith(f"translation memory: {SEED_SLUG}#s-c82ebb1b (near, ")
    assert own.string == "" and not own.fuzzy
    text = (content_copy / "content" / "articles" / "second" / "en.po").read_text(encoding="utf-8")
    assert f'#| msgid "{SEED_SENTENCE}"\n' in text  # one line: Babel would wrap it mid-string
    # `explainer update` keeps the previous msgid (Babel reads "#|" as a translator comment and
    # drops it on update; catalog.py puts it back) and changes nothing.
    assert explainer(content_copy, "update") == 0 and explainer(content_copy, "update") == 0
    assert (content_copy / "content" / "articles" / "second" / "en.po").read_text(encoding="utf-8") == text
    # The memory's note is for the translator: once confirmed, it does not show on the page.
    catalog = read_catalog(content_copy / "content" / "articles" / "second" / "en.po")
    catalog.get(EXACT, context=exact.context).flags.discard("fuzzy")
    articles, _ = load_articles(content_copy / "content")
    second = next(a for a in articles if a.slug == "second")
    confirmed = translations_for(second.segmentation.segments, catalog)[exact.context]
    assert confirmed.status == "translated" and confirmed.notes == ()


def test_update_fills_repeats_and_never_overwrites_a_persons_translation(content_copy: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert new_article(content_copy, "second", [EXACT, OWN]) == 0
    path = content_copy / "content" / "articles" / "second" / "en.po"
    catalog = read_catalog(path)
    for message in catalog:
        if message.id == EXACT:  # the translator chose other words than the seed's, and confirmed
            message.string = "How the troops would leave"
            message.flags.discard("fuzzy")
            message.user_comments = []
        elif message.id == OWN:
            message.string = "An Iraqi defence ministry official said the timetable had not yet been set."
    write_catalog(path, catalog)
    # The editor adds a paragraph that says the article's own sentence again, and the seed's heading.
    source = content_copy / "content" / "articles" / "second" / "article.ar.txt"
    source.write_text(source.read_text(encoding="utf-8") + f"{OWN} {EXACT}.\n", encoding="utf-8")
    capsys.readouterr()
    assert explainer(content_copy, "update") == 0
    messages = by_arabic(path)
    first, repeat = messages[OWN]
    assert (first.string, first.fuzzy) == ("An Iraqi defence ministry official said the timetable had not yet been set.", False)
    assert (repeat.string, repeat.fuzzy) == (first.string, True)
    assert repeat.user_comments == [f"translation memory: second#{first.context} (exact)"]
    # The person's translation of the seed's heading is kept as they wrote it.
    assert (messages[EXACT][0].string, messages[EXACT][0].fuzzy) == ("How the troops would leave", False)
    assert "translation memory: 1 exact, 1 near" in capsys.readouterr().out  # "تفاصيل انسحاب القوات." is near the heading
    # Running update again changes nothing: filled entries are no longer empty.
    assert explainer(content_copy, "update") == 0
    assert "(unchanged)" in capsys.readouterr().out.splitlines()[-1]


def test_near_threshold_is_stated() -> None:
    assert NEAR == 0.8


# ---------------------------------------------------------------------------------------------
# Status

def test_status_table_and_json(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_catalog(content_copy, SEED_SLUG, {"s-d36da207": ("about 900 troops", "about 9,000 troops")})
    assert new_article(content_copy, "second", [OWN]) == 0
    capsys.readouterr()
    assert explainer(content_copy, "status", "--json") == 0
    rows = {row["article"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[SEED_SLUG] | {"names": None} == {
        "article": SEED_SLUG, "translated": 18, "fuzzy": 0, "untranslated": 0, "check_errors": 2, "check_warnings": 0,
        "dates_on_no_event": 0, "names_not_in_glossary": 2, "proposed": 0, "names": None}
    assert rows[SEED_SLUG]["names"] == ["Iraqi", "Western"]
    assert (rows["second"]["translated"], rows["second"]["untranslated"]) == (0, 1)
    assert explainer(content_copy, "status") == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() [:4] == ["article", "translated", "fuzzy", "untranslated"]
    assert table[2].split() == [SEED_SLUG, "18", "0", "0", "2", "0", "0", "2", "0"]


# A sentence of our own whose عمان may be Amman or Oman: the glossary proposes both to the editor.
UNDECIDED = "ونفذ التنظيم هجوما في عمان قبل أيام."


def test_status_counts_the_matches_proposed_and_not_yet_decided(content_copy: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert new_article(content_copy, "undecided", [UNDECIDED, OWN]) == 0
    capsys.readouterr()
    assert explainer(content_copy, "status", "--json") == 0
    rows = {row["article"]: row for row in json.loads(capsys.readouterr().out)}
    assert (rows["undecided"]["proposed"], rows[SEED_SLUG]["proposed"]) == (1, 0)
    assert explainer(content_copy, "status") == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].endswith("proposed matches")
    assert [line.split()[-1] for line in table[2:4]] == ["0", "1"]
    # Once the editor decides it in terms.yml, nothing is left to decide.
    terms = content_copy / "content" / "articles" / "undecided" / "terms.yml"
    terms.write_text("- text: عمان\n  entry: amman\n", encoding="utf-8")
    assert explainer(content_copy, "status", "--json") == 0
    rows = {row["article"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["undecided"]["proposed"] == 0


def test_uncovered_names_skip_sentence_starts_months_and_glossary_terms() -> None:
    glossary = load_glossary(ROOT / "content")
    text = "Officials met in September. Then Matthew Miller and Jane Roe spoke with al-Sudani in Basra."
    assert uncovered_names(text, glossary.matcher) == ["Jane Roe", "Basra"]


# ---------------------------------------------------------------------------------------------
# Exchange formats

@pytest.fixture(scope="module")
def downloads() -> dict[str, bytes]:
    return download_files([(SEED_SLUG, read_catalog(SEED_CATALOG))], load_glossary(ROOT / "content").entries)


def unzipped(data: bytes) -> dict[str, bytes]:
    """A ZIP archive's members by name, each read back (zipfile checks its CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_every_download_parses(downloads: dict[str, bytes]) -> None:
    assert sorted(downloads) == sorted([f"{SEED_SLUG}.zip", "site.tmx.zip", "glossary.tbx", "glossary.csv"])
    files = unzipped(downloads[f"{SEED_SLUG}.zip"])
    assert sorted(files) == [f"{SEED_SLUG}.csv", f"{SEED_SLUG}.tmx", f"{SEED_SLUG}.xlf"]
    site = unzipped(downloads["site.tmx.zip"])
    assert list(site) == ["site.tmx"]
    for name, data in {**files, **site, "glossary.tbx": downloads["glossary.tbx"]}.items():
        if not name.endswith(".csv"):
            ET.fromstring(data)  # well-formed XML
    seed = [m for m in read_catalog(SEED_CATALOG) if m.id]
    memory = tmxfile.parsestring(files[f"{SEED_SLUG}.tmx"])
    assert [(u.source, u.target) for u in memory.units] == [(str(m.id), m.string) for m in seed]
    assert memory.units[0].getcontext() == f"{SEED_SLUG}#{seed[0].context}"
    assert tmxfile.parsestring(site["site.tmx"]).units[5].target == seed[5].string
    glossary = load_glossary(ROOT / "content").entries
    terms = tbxfile.parsestring(downloads["glossary.tbx"])
    assert [(u.getid(), u.source, u.target) for u in terms.units] == [(e.id, e.ar, e.en) for e in glossary]
    assert [t.text for t in terms.units[0].get_source_terms()] == [glossary[0].ar, *glossary[0].ar_variants]
    rows = csvfile.parsestring(files[f"{SEED_SLUG}.csv"]).units
    assert [(r.id, r.source, r.target) for r in rows] == [(m.context, m.id, m.string) for m in seed]
    assert [(r.id, r.target) for r in csvfile.parsestring(downloads["glossary.csv"]).units] == [(e.id, e.en) for e in glossary]
    xliff = Xliff2File.parsestring(files[f"{SEED_SLUG}.xlf"])
    assert [(u.getid(), u.source, u.target, u.isfuzzy()) for u in xliff.units] == [(m.context, m.id, m.string, False) for m in seed]
    root = ET.fromstring(files[f"{SEED_SLUG}.xlf"])
    assert root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff" and root.get("version") == "2.0"
    assert (root.get("srcLang"), root.get("trgLang")) == ("ar", "en")


def test_archives_are_the_same_bytes_whenever_and_in_whatever_order_they_are_made() -> None:
    members = {"b.xlf": "<x>نص</x>".encode(), "a.tmx": b"<tmx/>" * 50, "c.csv": b"id,source\n"}
    made = zip_bytes(members)
    assert zip_bytes(dict(reversed(members.items()))) == made
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(members)
        # No time of the build in them, and files anyone may read, unpacked on any system.
        assert {(i.date_time, i.create_system, i.external_attr >> 16, i.compress_type) for i in infos} == \
            {((1980, 1, 1, 0, 0, 0), 3, 0o100644, zipfile.ZIP_DEFLATED)}
    assert unzipped(made) == members
    assert len(made) < sum(len(data) for data in members.values())  # deflated: the repeated TMX shrinks


def test_xliff_round_trip_into_en_po(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "content" / "articles" / SEED_SLUG / "en.po"
    before = path.read_bytes()
    exported = content_copy / "out.xlf"
    assert explainer(content_copy, "xliff", "export", SEED_SLUG, "--output", str(exported)) == 0
    assert explainer(content_copy, "xliff", "import", SEED_SLUG, str(exported)) == 0
    assert path.read_bytes() == before  # nothing lost on the way: flags, comments, order, wrapping
    # A CAT tool's edits come back: a changed target, a segment marked fuzzy (state initial).
    store = Xliff2File.parsestring(exported.read_bytes())
    units = {u.getid(): u for u in store.units}
    units["s-d36da207"].target = "Their part: keeping a military presence in Iraq (about 900 troops stay in Syria)."
    units["h-248c6d56"].markfuzzy(True)
    exported.write_bytes(bytes(store))
    assert explainer(content_copy, "xliff", "import", SEED_SLUG, str(exported)) == 0
    assert "2 entries changed, 16 unchanged" in capsys.readouterr().out
    catalog = {m.context: m for m in read_catalog(path) if m.id}
    assert catalog["s-d36da207"].string.startswith("Their part:") and not catalog["s-d36da207"].fuzzy
    assert "ignore-names" in catalog["s-d36da207"].flags  # flags the XLIFF cannot carry are kept
    assert catalog["h-248c6d56"].fuzzy


def test_xliff_import_refuses_units_that_do_not_fit(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = read_catalog(content_copy / "content" / "articles" / SEED_SLUG / "en.po")
    pairs = catalog_pairs(catalog, SEED_SLUG)
    stranger = Catalog(locale="en")
    stranger.add("جملة لا وجود لها", "A sentence that is not there", context="s-00000000")
    stranger.add("نص آخر", "Other text", context=pairs[0].segment_id)
    bad = content_copy / "bad.xlf"
    bad.write_bytes(xliff_bytes(catalog_pairs(stranger, SEED_SLUG), SEED_SLUG))
    before = (content_copy / "content" / "articles" / SEED_SLUG / "en.po").read_bytes()
    assert explainer(content_copy, "xliff", "import", SEED_SLUG, str(bad)) == 1
    err = capsys.readouterr().err
    assert "bad.xlf: s-00000000: no such segment in the catalog" in err
    assert f"bad.xlf: {pairs[0].segment_id}: the Arabic differs from the catalog's" in err
    assert (content_copy / "content" / "articles" / SEED_SLUG / "en.po").read_bytes() == before
    (content_copy / "broken.xlf").write_text("<xliff", encoding="utf-8")
    assert explainer(content_copy, "xliff", "import", SEED_SLUG, str(content_copy / "broken.xlf")) == 1
    assert "broken.xlf:1: not an XLIFF 2.0 file" in capsys.readouterr().err


@pytest.mark.build
def test_the_built_site_links_its_downloads(built_project: Path) -> None:
    """One copy of the downloads, at the site's root: both editions' pages link it, each link
    saying the format and the file's size."""
    folder = built_project / "site" / "downloads"
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{SEED_SLUG}.zip", "site.tmx.zip", "glossary.tbx", "glossary.csv"])
    assert not (built_project / "site" / "ar" / "downloads").exists()
    for edition, up in (("site", ""), ("site/ar", "../")):
        page = (built_project / edition / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
        glossary = (built_project / edition / "glossary" / "index.html").read_text(encoding="utf-8")
        for name, html in ((f"{SEED_SLUG}.zip", page), ("glossary.tbx", glossary), ("glossary.csv", glossary),
                           ("site.tmx.zip", glossary)):
            prefix = ("../../" if html is page else "../") + up
            link = re.search(rf'<a href="{re.escape(prefix)}downloads/{re.escape(name)}" download="{re.escape(name)}">(.*?)</a>', html)
            assert link, (edition, name)
            kilobytes = max(1, round((folder / name).stat().st_size / 1000))
            unit = "kB" if edition == "site" else "كيلوبايت"
            # The size isolated, so an Arabic reader sees it after the format's Latin name.
            assert f"<bdi>{kilobytes}\N{NO-BREAK SPACE}{unit}</bdi>)" in link.group(1), (edition, name, link.group(1))
    assert "TMX, XLIFF 2.0 and CSV (ZIP, " in (built_project / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    files = unzipped((folder / f"{SEED_SLUG}.zip").read_bytes())
    assert all(ET.fromstring(data) is not None for name, data in files.items() if not name.endswith(".csv"))


def test_downloads_follow_the_catalog_from_build_to_build(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        shutil.copy2(ROOT / name, content_copy / name)
    downloads = content_copy / "docs" / "downloads"
    assert explainer(content_copy, "build") == 0
    before = {p.name: p.read_bytes() for p in downloads.iterdir()}
    assert not (content_copy / "docs-ar" / "downloads").exists()  # the Arabic pages link the English edition's
    # Nothing changed: the files are kept as they were (made again, they would be the same bytes).
    assert explainer(content_copy, "build") == 0
    assert {p.name: p.read_bytes() for p in downloads.iterdir()} == before
    # A translator rewords a sentence: its article's archive and the site's memory follow; the glossary's do not.
    edit_catalog(content_copy, SEED_SLUG, {"s-d36da207": ("For their part", "On their side")})
    assert explainer(content_copy, "build") == 0
    after = {p.name: p.read_bytes() for p in downloads.iterdir()}
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {f"{SEED_SLUG}.zip", "site.tmx.zip"}
    units = {u.getcontext(): u.target for u in tmxfile.parsestring(unzipped(after["site.tmx.zip"])["site.tmx"]).units}
    assert units[f"{SEED_SLUG}#s-d36da207"].startswith("On their side")
    assert "On their side" in unzipped(after[f"{SEED_SLUG}.zip"])[f"{SEED_SLUG}.csv"].decode("utf-8")


@pytest.mark.build
def test_verify_follows_each_edition_s_links_to_the_one_copy(built_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_project / "site", site)
    assert verify_link_targets(site) == []
    (site / "downloads" / f"{SEED_SLUG}.zip").unlink()
    messages = [str(p) for p in verify_link_targets(site)]
    assert len(messages) == 2, messages
    assert any(f"site/articles/{SEED_SLUG}/index.html" in m and f"'../../downloads/{SEED_SLUG}.zip'" in m for m in messages)
    assert any(f"site/ar/articles/{SEED_SLUG}/index.html" in m and f"'../../../downloads/{SEED_SLUG}.zip'" in m for m in messages)
