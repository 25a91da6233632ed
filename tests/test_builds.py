"""Builds of several articles: the home page's list, and deterministic, atomic, incremental output."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

import explainer.publishing.build as build_module
import explainer.pages.edition as edition_module
import explainer.pages.glossary_annotate as glossary_annotate_module
import explainer.publishing.manifest as manifest_module
import explainer.publishing.publish as publish_module
import explainer.knowledge.timeline as timeline_module
from conftest import BIN, ROOT, SEED_SLUG, copy_project, run
from explainer.publishing.build import GENERATED_PATHS, build
from explainer.cli import main
from explainer.intake.content import load_articles
from explainer.publishing.publish import JOURNAL

CORPUS = ROOT / "tests" / "corpus"


def add_article(root: Path, slug: str, case: str, published: str, translate: int | None = None) -> Path:
    """Create an article from a corpus text with `explainer new`; translate its first segments."""
    assert main(["--root", str(root), "new", slug, "--source", str(CORPUS / case / "article.ar.txt"),
                 "--published", published, "--publisher", f"Publisher of {slug}",
                 "--title", f"Title of {slug}", "--title-ar", f"عنوان {case}"]) == 0
    folder = root / "content" / "articles" / slug
    if translate:
        po = folder / "en.po"
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="en")
        for message in list(catalog)[1:translate + 1]:
            message.string = f"English for {message.context}"
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with three articles of different dates and translation states."""
    root = copy_project(tmp_path / "project")
    add_article(root, "agency-report", "agency-report", "2024-09-02", translate=2)
    add_article(root, "water-reserves", "scraped-page", "2023-01-15")
    return root


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every generated file, the Arabic edition's too: its bytes, inode and modification time."""
    docs = root / "docs"
    files = [p for p in docs.rglob("*") if p.is_file()
             and p.relative_to(docs).parts[0] in GENERATED_PATHS]
    files += [p for p in (root / "docs-ar").rglob("*") if p.is_file()]
    files += [root / "build" / "report.json", root / "build" / "manifest.json"]
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in files if p.exists()}


def contents(root: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _, _) in snapshot(root).items()}


def test_home_lists_every_article_newest_first_below_the_hand_written_text(project: Path) -> None:
    build(project, strict=False)
    home = (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.startswith((project / "content" / "home.md").read_text(encoding="utf-8").split("<!-- articles -->")[0])
    assert "## How to read the article page" in home and "<!-- articles -->" not in home
    items = re.findall(r"<li>.*?</li>", home)
    assert [re.search(r'href="articles/([^/]+)/"', item).group(1) for item in items] == [
        "agency-report", SEED_SLUG, "water-reserves"]
    agency, seed, water = items
    assert '<time datetime="2024-09-02">2 September 2024</time> · Publisher of agency-report' in agency
    assert 'lang="ar" dir="rtl">عنوان agency-report</span>' in agency and "Title of agency-report" in agency
    assert 'data-status="partial">2 of ' in agency
    assert 'data-status="translated">fully translated<' in seed
    assert 'data-status="untranslated">not yet translated<' in water


def test_same_input_gives_byte_identical_output_wherever_and_however_it_runs(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "copy"
    shutil.copytree(project / "content", other / "content")
    shutil.copytree(project / "docs", other / "docs")  # the hand-written pages the Arabic edition shares
    for root, seed in ((project, "1"), (other, "12345")):
        environment = {"PYTHONHASHSEED": seed}
        run([str(BIN / "explainer"), "build"], root, extra_env=environment)
    assert contents(project) == contents(other)
    assert any(path.startswith("docs/articles/agency-report/") for path in contents(project))


def test_a_second_build_of_the_same_input_touches_nothing(project: Path) -> None:
    build(project, strict=False)
    before = snapshot(project)
    result = build(project, strict=False)
    assert result.written == () and result.rendered == ()
    assert snapshot(project) == before


def fail_on(slug: str) -> Callable[..., object]:
    real = build_module.render_article

    def render(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.slug == slug:
            raise RuntimeError("injected failure while rendering")
        return real(article, *args, **kwargs)
    return render


def test_a_build_that_fails_while_rendering_leaves_the_last_output(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, strict=False)
    before = snapshot(project)
    (project / "content" / "articles" / "water-reserves" / "article.ar.txt").write_text(
        "خبر جديد كليا عن المياه.\n", encoding="utf-8")
    monkeypatch.setattr(build_module, "render_article", fail_on("water-reserves"))
    with pytest.raises(RuntimeError, match="injected"):
        build(project, strict=False)
    assert snapshot(project) == before
    assert gc.isenabled(), "the build paused the cycle collector and did not resume it"


def test_a_build_that_fails_while_staging_leaves_the_last_output(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, strict=False)
    before = snapshot(project)
    (project / "content" / "furniture.yml").write_text(
        (project / "content" / "furniture.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (project / "content" / "home.md").write_text("# A new home\n", encoding="utf-8")
    real = Path.write_bytes
    calls = []

    def disk_full(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, data)
    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(OSError, match="No space"):
        build(project, strict=False)
    monkeypatch.undo()
    assert snapshot(project) == before
    assert not list((project / "build").glob(".staging-*")) and not (project / JOURNAL).exists()


def built_afresh(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a first build of the project's content makes, in another folder."""
    expected_root = copy_project(tmp_path / "expected")
    shutil.rmtree(expected_root / "content")
    shutil.copytree(project / "content", expected_root / "content")
    build(expected_root, strict=False)
    return contents(expected_root)


def test_a_build_killed_while_swapping_is_finished_by_the_next_one(project: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, strict=False)
    (project / "content" / "home.md").write_text("# Home\n\nChanged.\n", encoding="utf-8")
    po = project / "content" / "articles" / SEED_SLUG / "en.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Iraq plans to begin", "Iraq intends to begin"), encoding="utf-8")
    expected = built_afresh(project, tmp_path)

    real_swap = publish_module._swap

    def killed_after_first_entry(root: Path, staging: Path, entries: list[str]) -> None:
        real_swap(root, staging, entries[:1])
        raise SystemExit("killed")  # the process dies with the journal written and one entry swapped
    monkeypatch.setattr(publish_module, "_swap", killed_after_first_entry)
    with pytest.raises(SystemExit):
        build(project, strict=False)
    monkeypatch.undo()
    assert (project / JOURNAL).exists()
    assert publish_module.recover(project) is True
    assert contents(project) == expected
    assert not (project / JOURNAL).exists() and not list((project / "build").glob(".staging-*"))


def tooltip_files(root: Path) -> tuple[set[str], set[str]]:
    """The tooltip files the article pages of both editions name, and those the build wrote."""
    named, written = set(), set()
    for docs in (root / "docs", root / "docs-ar"):
        for page in (docs / "articles").glob("*/index.md"):
            named |= {f"{docs.name}/glossary/{entry}/tips/{name}.html" for entry, name in
                      re.findall(r'href="\.\./\.\./glossary/([a-z0-9-]+)/" data-tip="([0-9a-f]+)"', page.read_text(encoding="utf-8"))}
        written |= {p.relative_to(root).as_posix() for p in (docs / "glossary").glob("*/tips/*.html")}
    return named, written


def test_an_unchanged_article_is_not_rendered_or_rewritten(project: Path) -> None:
    build(project, strict=False)
    before = snapshot(project)
    po = project / "content" / "articles" / "agency-report" / "en.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr ""\n\n#', 'msgstr "Newly translated"\n\n#', 1), encoding="utf-8")
    result = build(project, strict=False)
    assert result.rendered == ("agency-report",)
    after = snapshot(project)
    for slug in (SEED_SLUG, "water-reserves"):
        page = f"docs/articles/{slug}/index.md"
        assert after[page] == before[page], f"{page} was rewritten"
    changed = "docs/articles/agency-report/index.md"
    assert after[changed][0] != before[changed][0] and b"Newly translated" in after[changed][0]
    assert after["docs/index.md"][0] != before["docs/index.md"][0]  # its translation count changed
    # The pages reused as they were name tooltip files that this build wrote too.
    named, written = tooltip_files(project)
    assert named == written and any(path.startswith("docs-ar/") for path in named)
    assert all(after[path] == before[path] for path in written), "a tooltip file was rewritten"


def record_scans(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Record the articles searched for glossary terms (by slug) and the texts searched for dates."""
    articles: list[str] = []
    texts: list[str] = []
    find_occurrences, find_dates = glossary_annotate_module.find_occurrences, timeline_module.find_dates

    def occurrences(glossary, article, translations):  # type: ignore[no-untyped-def]
        articles.append(article.slug)
        return find_occurrences(glossary, article, translations)

    def dates(text, language, published):  # type: ignore[no-untyped-def]
        texts.append(text)
        return find_dates(text, language, published)
    monkeypatch.setattr(glossary_annotate_module, "find_occurrences", occurrences)
    monkeypatch.setattr(timeline_module, "find_dates", dates)
    return articles, texts


def test_only_a_changed_article_is_scanned_again(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, strict=False)
    source = project / "content" / "articles" / "water-reserves" / "article.ar.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nوقال مسؤول في بغداد أمس إن المياه ستصل في أيلول 2025.\n",
                      encoding="utf-8")
    articles, texts = record_scans(monkeypatch)
    result = build(project, strict=False)
    # A changed sentence renders every article again (pages draw on other articles' sentences),
    # but only the changed article's dates and terms are looked for: the others' come from the manifest.
    assert result.rendered == ("agency-report", SEED_SLUG, "water-reserves")
    assert articles == ["water-reserves"]
    (water,) = [a for a in load_articles(project / "content")[0] if a.slug == "water-reserves"]
    assert texts == [s.text for s in water.segmentation.segments]  # untranslated: Arabic only
    assert any(m.text == "أيلول 2025" for found in result.scans["water-reserves"].dates.values() for m in found)
    monkeypatch.undo()
    assert contents(project) == built_afresh(project, tmp_path)


def test_the_manifest_keeps_each_articles_scans(project: Path) -> None:
    result = build(project, strict=False)
    content = project / "content"
    articles, _ = load_articles(content)
    assert result.scans[SEED_SLUG].dates and result.scans[SEED_SLUG].occurrences
    kept = manifest_module.reusable_scans(articles, manifest_module.content_fingerprint(content),
                                          manifest_module.manifest_entries(project))
    assert kept == result.scans


def test_a_damaged_scan_in_the_manifest_is_scanned_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, strict=False)
    before = contents(project)
    manifest = project / "build" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["articles"][SEED_SLUG]["scan"]["dates"] = [["s-00000000", "ar", "not a number"]]
    manifest.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    articles, _ = record_scans(monkeypatch)
    result = build(project, strict=False)
    assert articles == [SEED_SLUG] and result.rendered == ()
    assert contents(project) == before


@pytest.mark.parametrize("change", ["furniture", "renderer", "hand-edited page"])
def test_shared_inputs_and_the_renderer_invalidate_every_article(project: Path, tmp_path: Path, change: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, strict=False)
    slugs = ("agency-report", SEED_SLUG, "water-reserves")
    if change == "furniture":
        path = project / "content" / "furniture.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# a comment changes nothing on the pages\n", encoding="utf-8")
    elif change == "renderer":
        package = tmp_path / "package"
        shutil.copytree(manifest_module._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
        render_py = package / "pages" / "render.py"
        render_py.write_text(render_py.read_text(encoding="utf-8") + "\n# new version\n")
        monkeypatch.setattr(manifest_module, "_PACKAGE", package)
    else:
        page = project / "docs" / "articles" / SEED_SLUG / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nhand edit\n", encoding="utf-8")
        slugs = (SEED_SLUG,)
    before = snapshot(project)
    result = build(project, strict=False)
    assert result.rendered == slugs
    if change != "hand-edited page":
        # Rendered again to the same bytes: the files are not rewritten.
        assert all(snapshot(project)[f"docs/articles/{s}/index.md"] == before[f"docs/articles/{s}/index.md"] for s in slugs)
    else:
        assert b"hand edit" not in (project / "docs" / "articles" / SEED_SLUG / "index.md").read_bytes()


def test_a_removed_article_leaves_no_page_behind(project: Path) -> None:
    build(project, strict=False)
    shutil.rmtree(project / "content" / "articles" / "water-reserves")
    build(project, strict=False)
    assert not (project / "docs" / "articles" / "water-reserves").exists()
    assert "water-reserves" not in (project / "docs" / "index.md").read_text(encoding="utf-8")
    assert sorted(os.listdir(project / "docs" / "articles")) == sorted(["agency-report", SEED_SLUG, "index.md"])


def test_a_removed_article_s_own_tooltips_go_with_it(project: Path) -> None:
    # The agency report names Baghdad in no story: its tooltip, without the seed's role, is its own.
    build(project, strict=False)
    _, before = tooltip_files(project)
    agency = re.search(r'glossary/baghdad/" data-tip="([0-9a-f]+)"',
                       (project / "docs" / "articles" / "agency-report" / "index.md").read_text(encoding="utf-8"))
    assert agency and f"docs/glossary/baghdad/tips/{agency[1]}.html" in before
    shutil.rmtree(project / "content" / "articles" / "agency-report")
    build(project, strict=False)
    named, written = tooltip_files(project)
    assert named == written and f"docs/glossary/baghdad/tips/{agency[1]}.html" not in written
    assert any(path.startswith("docs/glossary/baghdad/tips/") for path in written), "the seed's Baghdad stays"


def test_state_shared_across_articles_invalidates_through_the_fingerprint(project: Path) -> None:
    from explainer.publishing.build import cross_article_state
    from explainer.intake.content import load_articles
    from explainer.publishing.manifest import reusable_articles, site_fingerprint

    build(project, strict=False)
    articles, _ = load_articles(project / "content")
    content = project / "content"
    shared = cross_article_state(articles)
    assert set(reusable_articles(project, articles, site_fingerprint(content, shared))) == {a.slug for a in articles}
    assert site_fingerprint(content, ["glossary state 1"]) != site_fingerprint(content, ["glossary state 2"])
    assert reusable_articles(project, articles, site_fingerprint(content, ["glossary state 1"])) == {}


@pytest.fixture
def arabic_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the articles whose Arabic-edition page is rendered, build after build."""
    rendered: list[str] = []
    real = edition_module.render_article

    def render(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        rendered.append(article.slug)
        return real(article, *args, **kwargs)
    monkeypatch.setattr(edition_module, "render_article", render)
    return rendered


def test_the_arabic_edition_renders_only_what_changed(project: Path, arabic_renders: list[str]) -> None:
    build(project, strict=False)
    assert sorted(arabic_renders) == sorted(["agency-report", SEED_SLUG, "water-reserves"])
    arabic_renders.clear()
    before = snapshot(project)
    build(project, strict=False)
    assert arabic_renders == [], "an unchanged article's Arabic page was rendered again"
    assert snapshot(project) == before
    po = project / "content" / "articles" / "agency-report" / "en.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr ""\n\n#', 'msgstr "Newly translated"\n\n#', 1), encoding="utf-8")
    build(project, strict=False)
    assert arabic_renders == ["agency-report"]
    page = f"docs-ar/articles/{SEED_SLUG}/index.md"
    assert snapshot(project)[page] == before[page]
    assert b"Newly translated" in (project / "docs-ar" / "articles" / "agency-report" / "index.md").read_bytes()


@pytest.mark.parametrize("change", ["interface catalog", "hand-edited Arabic page"])
def test_the_interface_catalog_and_a_hand_edit_render_arabic_pages_again(project: Path, arabic_renders: list[str],
                                                                         change: str) -> None:
    build(project, strict=False)
    arabic_renders.clear()
    if change == "interface catalog":
        catalog = project / "content" / "interface" / "ar.po"
        catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "الناشر"', 'msgstr "جهة النشر"'), encoding="utf-8")
        expected = ["agency-report", SEED_SLUG, "water-reserves"]
    else:
        page = project / "docs-ar" / "articles" / SEED_SLUG / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nhand edit\n", encoding="utf-8")
        expected = [SEED_SLUG]
    result = build(project, strict=False)
    assert sorted(arabic_renders) == sorted(expected)
    assert result.rendered == (tuple(sorted(expected)) if change == "interface catalog" else ())
    text = (project / "docs-ar" / "articles" / SEED_SLUG / "index.md").read_text(encoding="utf-8")
    assert "hand edit" not in text and ("جهة النشر" in text) == (change == "interface catalog")
