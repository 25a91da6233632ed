"""Timeline data: every date in the seed tied or dismissed, and every editor's mistake reported
as file:line: what: what to do, all at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BIN, ROOT, SEED_SLUG, copy_project, run
from explainer.publishing.build import load_translations
from explainer.intake.content import load_articles
from explainer.core.problems import ContentError, Problem
from explainer.knowledge.timeline import Timeline, load_timeline

TIMELINE = Path("content") / "timeline.yml"
DATES = Path("content") / "articles" / SEED_SLUG / "dates.yml"
SOURCE = Path("content") / "articles" / SEED_SLUG / "article.ar.txt"


def seed_timeline(root: Path = ROOT) -> Timeline:
    articles, _ = load_articles(root / "content")
    return load_timeline(root / "content", articles, load_translations)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the content, with the working directory there so paths read as an editor's."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace text in a file and return the 1-based line where the change starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        seed_timeline(root)
    return list(caught.value.problems)


def test_every_date_in_the_seed_is_tied_or_dismissed_in_both_columns() -> None:
    timeline = seed_timeline()
    assert timeline.pending == ()
    for link in timeline.links:
        if link.event is None:
            assert link.reason, f"{link.text} in {link.segment} has neither event nor reason"
        else:
            assert timeline.event(link.event).fit(link.mention.value), f"{link.text} does not fit {link.event}"
    arabic = {(link.segment, link.mention.value.iso, link.event) for link in timeline.links if link.language == "ar"}
    english = {(link.segment, link.mention.value.iso, link.event) for link in timeline.links if link.language == "en"}
    assert arabic == english and len(arabic) >= 12


def test_events_run_from_the_invasion_to_the_planned_end() -> None:
    timeline = seed_timeline()
    dates = [event.date.first for event in timeline.events]
    assert dates == sorted(dates)
    assert timeline.events[0].date.iso == "2003" and timeline.events[-1].date.iso == "2025-09"
    for event in timeline.events:
        if event.status == "planned" and event.date.first.year <= 2025:
            assert event.next is not None and event.next.sources, f"{event.id}: say what became of it"


def test_a_date_in_a_sentence_that_two_events_fit_must_be_named(project: Path) -> None:
    edit(project / DATES, "  event: is-attacks-in-iran-and-russia-2024", "  dismiss: placeholder")
    edit(project / DATES, "- segment: s-36f3ee3a\n  text: الأشهر الأخيرة\n  dismiss: placeholder\n", "")
    (problem,) = problems_of(project)
    assert problem.file == str(SOURCE) and problem.line == 10
    assert "'الأشهر الأخيرة' / 'Recent months' (../2024-07) in segment s-36f3ee3a fits 2 events" in problem.what
    assert "is-attacks-in-iran-and-russia-2024, oman-mosque-attack-2024" in problem.what
    assert str(DATES) in problem.todo


def test_a_date_on_no_event_is_pending_with_its_line(project: Path) -> None:
    edit(project / TIMELINE, "segments: [iraq-coalition-withdrawal#s-58d99bfd]", "segments: []")
    timeline = seed_timeline(project)
    (problem,) = timeline.pending
    assert (problem.file, problem.line) == (str(SOURCE), 12)
    assert problem.what == "date 'يناير 2024' / 'January 2024' (2024-01) in segment s-58d99bfd is on no timeline event"
    assert "iraq-coalition-withdrawal#s-58d99bfd" in problem.todo and str(DATES) in problem.todo
    untied = [link for link in timeline.links if link.segment == "s-58d99bfd"]
    assert len(untied) == 2 and all(link.event is None for link in untied)


# (name, file to edit, old text, new text, expected start of the message)
MISTAKES = [
    ("missing segment", TIMELINE, "iraq-coalition-withdrawal#s-58d99bfd", "iraq-coalition-withdrawal#s-58d99bfe",
     "event talks-on-coalition-begin-2024 cites segment iraq-coalition-withdrawal#s-58d99bfe, which is not in the article"),
    ("missing article", TIMELINE, "segments: [iraq-coalition-withdrawal#s-58d99bfd]", "segments: [iraq-withdrawal#s-58d99bfd]",
     "event talks-on-coalition-begin-2024 cites article 'iraq-withdrawal', which does not exist"),
    ("two dates", TIMELINE, 'date: "2011"', 'date: ["2011", "2012"]', "two dates for one event (2011, 2012)"),
    ("malformed date", TIMELINE, 'date: "2024-07-15"', 'date: "2024-15-07"', "date '2024-15-07' is not a date"),
    ("week as a date", TIMELINE, 'date: "2024-07-15"', 'date: "2024-W29"', "date '2024-W29' is a week"),
    ("end before start", TIMELINE, 'end: "2024-07-23"', 'end: "2024-07-21"', "end 2024-07-21 is not after date 2024-07-22"),
    ("status", TIMELINE, "  status: happened\n  title:\n    en: The Islamic State's first", "  status: planed\n  title:\n    en: The Islamic State's first",
     "status 'planed' is not one of happened, planned, expected"),
    ("planned but past", TIMELINE, "  status: happened\n  title:\n    en: The Islamic State's first", "  status: planned\n  title:\n    en: The Islamic State's first",
     "event oman-mosque-attack-2024 has status planned, but its date 2024-07-15 had passed"),
    ("happened but ahead", TIMELINE, "  date: \"2024-09\"\n  status: planned", "  date: \"2024-09\"\n  status: happened",
     "event withdrawal-planned-to-start-2024 has status happened, but its date 2024-09 is after"),
    ("unknown field", TIMELINE, "  segments: [iraq-coalition-withdrawal#s-58d99bfd]", "  segment: [iraq-coalition-withdrawal#s-58d99bfd]",
     "an event has an unknown field 'segment'"),
    ("duplicate id", TIMELINE, "- id: us-withdrawal-2011", "- id: us-invasion-2003",
     "event id 'us-invasion-2003' is used twice (also line"),
    ("title not in Arabic", TIMELINE, "    ar: القوات الأمريكية تغادر العراق", "    ar: US forces leave Iraq",
     "title.ar 'US forces leave Iraq' has no Arabic letters"),
    ("misspelt field of next", TIMELINE, "    sources:\n      - publisher: Reuters, via Dunya News",
     "    source:\n      - publisher: Reuters, via Dunya News", "next has an unknown field 'source'"),
    ("tied to an event of another date", DATES, "event: is-attacks-in-iran-and-russia-2024",
     "event: withdrawal-planned-to-start-2024",
     "two dates for one event: 'الأشهر الأخيرة' / 'Recent months' in s-36f3ee3a means ../2024-07, "
     "but event withdrawal-planned-to-start-2024 is dated 2024-09"),
    ("tied to an event of another year", DATES, "  dismiss: The year", "  event: us-invasion-2003\n  # dismiss: The year",
     "two dates for one event: 'بعام 2023' / '2023' in s-e20f191e means 2023, but event us-invasion-2003 is dated 2003"),
    ("tied to no event", DATES, "event: is-attacks-in-iran-and-russia-2024", "event: is-attacks-in-iran",
     "no event 'is-attacks-in-iran' in timeline.yml"),
    ("stale entry", DATES, "text: بعام 2023", "text: بعام 2022", "no date 'بعام 2022' in segment s-e20f191e"),
    ("segment of another article", DATES, "segment: s-e20f191e", "segment: s-e20f191f", "segment 's-e20f191f' is not in the article"),
    ("both event and dismiss", DATES, "  dismiss: The year", "  event: us-invasion-2003\n  dismiss: The year",
     "an entry needs either event: or dismiss:, not both or neither"),
]


@pytest.mark.parametrize(("name", "file", "old", "new", "what"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_named_at_its_line(project: Path, name: str, file: Path, old: str, new: str, what: str) -> None:
    line = edit(project / file, old, new)
    problems = problems_of(project)
    matching = [p for p in problems if p.what.startswith(what)]
    assert matching, f"no problem starting {what!r} in {[str(p) for p in problems]}"
    problem = matching[0]
    assert problem.file == str(file)
    # At the line changed, or at the start of the entry it belongs to.
    assert problem.line is not None and line - 3 <= problem.line <= line + old.count("\n") + 1
    assert problem.todo and str(problem).startswith(f"{file}:{problem.line}: ")


def test_what_happened_next_needs_sources(project: Path) -> None:
    text = (project / TIMELINE).read_text(encoding="utf-8")
    start = text.index("    sources:\n      - publisher: Reuters, via Dunya News")
    end = text.index("\n\n", start)
    (project / TIMELINE).write_text(text[:start] + text[end + 1:], encoding="utf-8")
    next_line = text[:text.index("  next:\n    date: \"2024-09-27\"")].count("\n") + 1
    problems = [p for p in problems_of(project) if p.what == "what happened next cites no source"]
    assert [(p.file, p.line) for p in problems] == [(str(TIMELINE), next_line)]


def test_every_problem_is_reported_at_once(project: Path) -> None:
    edit(project / TIMELINE, 'date: "2011"', 'date: ["2011", "2012"]')
    edit(project / TIMELINE, 'date: "2024-07-15"', 'date: "2024-15-07"')
    edit(project / TIMELINE, "iraq-coalition-withdrawal#s-58d99bfd", "iraq-coalition-withdrawal#s-58d99bfe")
    edit(project / DATES, "text: بعام 2023", "text: بعام 2022")
    problems = problems_of(project)
    whats = " | ".join(p.what for p in problems)
    for expected in ("two dates for one event", "is not a date", "which is not in the article", "no date 'بعام 2022'"):
        assert expected in whats


def test_check_and_build_report_timeline_problems(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    edit(root / TIMELINE, 'date: "2024-07-15"', 'date: "2024-15-07"')
    for command in (["check"], ["build"], ["build", "--strict"]):
        result = run([str(BIN / "explainer"), *command], root, check=False)
        assert result.returncode == 1, command
        assert f"{TIMELINE}:" in result.stderr and "date '2024-15-07' is not a date" in result.stderr


def test_an_untied_date_fails_check_and_strict_build_but_not_a_draft(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    edit(root / DATES, "- segment: s-e20f191e\n  text: بعام 2023\n", "- segment: s-e20f191e\n  text: بعام 2023\n", 1)
    text = (root / DATES).read_text(encoding="utf-8")
    start = text.index("- segment: s-e20f191e")
    end = text.index("\n\n", start)
    (root / DATES).write_text(text[:start] + text[end + 2:], encoding="utf-8")
    message = "date 'بعام 2023' / '2023' (2023) in segment s-e20f191e is on no timeline event"
    check = run([str(BIN / "explainer"), "check"], root, check=False)
    assert check.returncode == 1 and f"{SOURCE}:9: {message}" in check.stderr
    strict = run([str(BIN / "explainer"), "build", "--strict"], root, check=False)
    assert strict.returncode == 1 and message in strict.stderr
    draft = run([str(BIN / "explainer"), "build"], root)
    assert "not ready" in draft.stderr
    page = (root / "docs" / "articles" / SEED_SLUG / "index.md").read_text(encoding="utf-8")
    assert '<time class="date" datetime="2023">بعام 2023</time>' in page


def test_dismissed_dates_are_marked_but_not_linked() -> None:
    timeline = seed_timeline()
    match = timeline.matcher()
    articles, _ = load_articles(ROOT / "content")
    segment = next(s for s in articles[0].segmentation.segments if s.id == "s-e20f191e")
    spans = match(segment.id, "ar", segment.text)
    dismissed = [s for s in spans if segment.text[s.start:s.end] == "بعام 2023"]
    assert [s.tag for s in dismissed] == ["time"]
    linked = [s for s in spans if segment.text[s.start:s.end] == "2017"]
    assert sorted(s.tag for s in linked) == ["a", "time"]
    assert match(segment.id, "ar", segment.text + " ") == ()  # another text, not this segment's


