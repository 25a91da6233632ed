"""The `explainer` command as editors use it: new, update, check, build --strict."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED_SLUG

from explainer.cli import main

SEED = ROOT / "content" / "articles" / SEED_SLUG / "article.ar.txt"


def explainer(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def new(project: Path, source: Path, slug: str = "test-article") -> int:
    return explainer(project, "new", slug, "--source", str(source), "--published", "2024-07-23",
                     "--publisher", "Test Agency", "--url", "https://example.org/a", "--title", "A test")


def test_new_creates_source_meta_and_untranslated_catalog(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(project, SEED) == 0
    folder = project / "content" / "articles" / "test-article"
    assert sorted(p.name for p in folder.iterdir()) == ["article.ar.txt", "en.po", "meta.yml"]
    assert (folder / "article.ar.txt").read_bytes() == SEED.read_bytes()
    meta = (folder / "meta.yml").read_text(encoding="utf-8")
    assert "publisher: Test Agency" in meta and "byline: م.ال" in meta and "published: '2024-07-23'" in meta
    po = (folder / "en.po").read_text(encoding="utf-8")
    assert po.count('\nmsgctxt "') == 18 and po.count('msgstr ""') == 19
    out = capsys.readouterr().out
    assert "18 segments to translate" in out and "dropped line 17 (byline): م.ال" in out


@pytest.mark.parametrize(("data", "message"), [
    (b"", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "file is binary"),
    (b"An English text, not Arabic at all.\n", "file is not Arabic text"),
    ("نص عربي".encode("utf-16"), "file is UTF-16"),
])
def test_new_refuses_bad_sources_and_writes_nothing(project: Path, tmp_path: Path, data: bytes, message: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "input.txt"
    source.write_bytes(data)
    assert new(project, source) == 1
    assert message in capsys.readouterr().err
    assert list((project / "content" / "articles").iterdir()) == []


def test_new_refuses_existing_slug_and_bad_arguments(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(project, SEED) == 0
    before = sorted(p.name for p in (project / "content" / "articles").iterdir())
    assert new(project, SEED) == 1
    assert "an article with this slug exists" in capsys.readouterr().err
    code = explainer(project, "new", "Bad Slug", "--source", str(SEED), "--published", "23/07/2024", "--publisher", "X")
    err = capsys.readouterr().err
    assert code == 1 and "not a valid slug" in err and "'23/07/2024' is not a date" in err
    assert sorted(p.name for p in (project / "content" / "articles").iterdir()) == before


def test_build_strict_lists_every_pending_segment(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new(project, SEED)
    capsys.readouterr()
    assert explainer(project, "build", "--strict") == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if ": untranslated:" in line]
    assert len(lines) == 18
    assert lines[0].startswith("content/articles/test-article/en.po:") or "/en.po:" in lines[0]
    assert not (project / "docs" / "articles").exists()


def test_draft_build_marks_pending_segments(project: Path) -> None:
    new(project, SEED)
    assert explainer(project, "build") == 0
    page = (project / "docs" / "articles" / "test-article" / "index.md").read_text(encoding="utf-8")
    assert page.count('data-status="untranslated"') == 18
    assert page.count("Translation pending") == 18


def test_update_after_source_edit(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new(project, SEED)
    folder = project / "content" / "articles" / "test-article"
    po = folder / "en.po"
    text = po.read_text(encoding="utf-8").replace('msgstr ""', 'msgstr "English."')
    po.write_text(text.replace('msgstr "English."', 'msgstr ""', 1), encoding="utf-8")  # keep the header empty
    source = folder / "article.ar.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("في سبتمبر 2024،", "في أيلول 2024،"), encoding="utf-8")
    capsys.readouterr()
    assert explainer(project, "update") == 0
    assert "17 kept, 1 fuzzy, 0 new, 0 obsolete" in capsys.readouterr().out
    assert explainer(project, "build", "--strict") == 1
    assert ": fuzzy (the Arabic changed):" in capsys.readouterr().err


def test_check_reports_every_problem_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new(project, SEED)
    folder = project / "content" / "articles" / "test-article"
    (folder / "meta.yml").write_text("title:\n  en: Only English\npublished: 2024-13-01\nurl: ftp://x\n", encoding="utf-8")
    assert explainer(project, "check") == 1
    err = capsys.readouterr().err
    meta = "content/articles/test-article/meta.yml"
    for expected in (f"{meta}:2: title.ar is missing: give the Arabic title", f"{meta}:1: publisher is missing",
                     f"{meta}:3: published '2024-13-01' is not a date", f"{meta}:4: url 'ftp://x' is not a web address"):
        assert expected in err.replace(str(project) + "/", "")


def test_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "check"]) == 0
    assert "no errors" in capsys.readouterr().out
