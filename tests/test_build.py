"""A full build on a temporary copy: the contract markup, and verify catching lost text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest

from conftest import BIN, ROOT, SEED_SLUG, build_editions, copy_project, run
from explainer.intake.content import load_articles
from explainer.publishing.report import read_report
from explainer.publishing.verify import collect_segments, verify_page

pytestmark = pytest.mark.build


def article_html(root: Path) -> str:
    return (root / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")


def test_article_page_keeps_the_contract_markup(built_project: Path) -> None:
    segments, ids = collect_segments(article_html(built_project))
    arabic = [s for s in segments if s.lang == "ar"]
    english = [s for s in segments if s.lang == "en"]
    assert len(arabic) == len(english) == 18
    for ar, en in zip(arabic, english):
        assert ar.attributes["dir"] == "rtl"
        assert ar.attributes["id"] == ar.seg == en.seg
        assert "data-status" not in en.attributes, "a translated sentence needs no status"
        assert en.text.strip() and "Translation pending" not in en.text
    assert len(ids) == len(set(ids))
    headings = [s for s in arabic if s.seg.startswith("h-")]
    assert [h.text for h in headings] == ["تفاصيل انسحاب القوات", "تحديات أمنية وسياسية", "تأثير الاتفاق المحتمل"]


def test_site_has_home_articles_list_and_search_for_arabic(built_project: Path) -> None:
    site = built_project / "site"
    assert (site / "index.html").exists() and (site / "articles" / "index.html").exists()
    listing = (site / "articles" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SEED_SLUG}/"' in listing
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) >= 8
    assert not (site / "search").exists(), "Material's lunr index is gone"


def full_pages(site: Path) -> dict[Path, str]:
    """Every whole page of both editions (not the HTML fragments the map's snippets come from), by path."""
    pages = {page: page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}
    return {page: html for page, html in pages.items() if "</body>" in html}


def test_no_script_holds_the_first_paint(built_project: Path) -> None:
    """Material's bundle waits in an inert <template> for the first paint; our three scripts are deferred."""
    pages = full_pages(built_project / "site")
    assert any("ar" in page.relative_to(built_project / "site").parts for page in pages)
    for page, html in pages.items():
        held = re.findall(r'<template id="__scripts">(.*?)</template>', html, re.S)
        assert len(held) == 1, f"{page}: {len(held)} script templates"
        assert re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', held[0])[0].split("/")[-1].startswith("bundle."), page
        outside = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html.replace(held[0], ""))
        assert [re.search(r'src="[^"]*/(\w+\.js)"', tag)[1] for tag in outside] == ["glossary.js", "reading.js", "frame.js"], page
        for tag in outside:
            assert re.search(r"\s(defer|async)\b", tag), f"{page}: {tag} blocks the parser"


def test_pages_that_set_arabic_fetch_the_arabic_face_early(built_project: Path) -> None:
    """Every page of the Arabic edition, and each English page with Arabic in it, preloads the font."""
    site = built_project / "site"
    pages = full_pages(site)
    arabic_edition = [page for page in pages if page.relative_to(site).parts[0] == "ar"]
    assert len(arabic_edition) > 5
    for page, html in pages.items():
        preloads = re.findall(r'<link rel="preload" href="[^"]*/noto-naskh-arabic-400\.woff2" as="font"', html)
        content = html[html.index('<div class="md-content"'):] if '<div class="md-content"' in html else ""
        expected = page in arabic_edition or 'lang="ar"' in content
        assert len(preloads) == (1 if expected else 0), f"{page}: {len(preloads)} preloads"


def markup(path: Path) -> str:
    """A template without its {#- … -#} comments."""
    return re.sub(r"\{#-.*?-#\}\s*", "", path.read_text(encoding="utf-8"), flags=re.S)


MATERIAL = Path(material.__file__).parent / "templates"
# An icon drawn by the stylesheet in place of Material's inline include of the same icon.
CSS_ICON = '<span class="ex-icon" data-icon="{{{{ {name} }}}}"></span>'


def test_the_palette_toggle_is_material_s_without_its_component() -> None:
    """Our partials/palette.html is Material's, less data-md-component (its script would mount the
    component), with the toggle's icon drawn by the stylesheet."""
    theirs = markup(MATERIAL / "partials" / "palette.html")
    ours = markup(ROOT / "overrides" / "partials" / "palette.html")
    include = '{% include ".icons/" ~ option.toggle.icon ~ ".svg" %}'
    assert ' data-md-component="palette"' in theirs and include in theirs
    assert ours == theirs.replace(' data-md-component="palette"', "").replace(include, CSS_ICON.format(name="option.toggle.icon"))


def test_the_repository_link_is_material_s_with_its_icon_drawn_by_the_stylesheet() -> None:
    theirs = markup(MATERIAL / "partials" / "source.html")
    include = '{% include ".icons/" ~ icon ~ ".svg" %}'
    assert include in theirs
    assert markup(ROOT / "overrides" / "partials" / "source.html") == theirs.replace(include, CSS_ICON.format(name="icon"))


def test_each_icon_the_stylesheet_draws_is_material_s(built_project: Path) -> None:
    """Every data-icon on a built page has its rule in explainer.css, whose image is Material's
    .icons/<name>.svg (its comment, Font Awesome's licence, kept beside the rule)."""
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "explainer.css").read_text(encoding="utf-8")
    rules = dict(re.findall(r'\.ex-icon\[data-icon="([^"]+)"\] \{\s*--ex-icon: url\("data:image/svg\+xml;charset=utf-8,(.*?)"\);', css))
    for name, svg in rules.items():
        source = (MATERIAL / ".icons" / f"{name}.svg").read_text(encoding="utf-8").strip()
        comment = re.search(r"<!--!?(.*?)-->", source)
        assert svg == re.sub(r"<!--.*?-->", "", source).replace('"', "'"), name
        assert comment is None or f"/* {comment.group(1).strip()} */\n.ex-icon[data-icon=\"{name}\"]" in css, name
    pages = full_pages(built_project / "site")
    used = {name for html in pages.values() for name in re.findall(r'data-icon="([^"]+)"', html)}
    assert used == set(rules), "an icon with no rule, or a rule no page uses"
    for page, html in pages.items():
        header = re.search(r'<header class="md-header.*?</header>', html, re.S)
        assert header is not None and header.group().count("<svg") == 2, f"{page}: the logo and the menu's, no more"
        assert "<svg" not in html.split('class="md-nav__source"', 1)[-1].split("</div>", 1)[0], page


def test_header_is_material_s_with_the_site_s_search_in_place_of_its_own() -> None:
    """Our partials/header.html is Material's, with its search block replaced by partials/search.html."""
    theirs = markup(MATERIAL / "partials" / "header.html")
    ours = markup(ROOT / "overrides" / "partials" / "header.html")
    search = re.search(r'    \{% if "material/search" in config.plugins %\}.*?\n    \{% endif %\}\n', theirs, flags=re.S)
    assert search is not None, "Material's header no longer has the search block this override replaces"
    assert ours == theirs.replace(search.group(), '    {% include "partials/search.html" %}\n')


def test_first_paint_waits_for_one_stylesheet_of_ours(built_project: Path) -> None:
    """Material's two stylesheets and one of the site's: each more is a request before the first paint."""
    pages = [*(built_project / "site").rglob("index.html"), *(built_project / "site").rglob("404.html")]
    assert len(pages) > 10
    for page in sorted(pages):
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
        ours = [sheet for sheet in sheets if "/stylesheets/main." not in sheet and "/stylesheets/palette." not in sheet]
        assert len(sheets) - len(ours) == 2 and len(ours) == 1, f"{page}: {sheets}"


def test_report_lists_byline_and_comment_prompt_and_nothing_else(built_project: Path) -> None:
    report = read_report(built_project)[SEED_SLUG]
    assert [(d["line"], d["kind"], d["text"]) for d in report["dropped"]] == [
        (17, "byline", "م.ال"), (18, "comment_prompt", "اضف تعليق")]
    assert report["changes"] == [] and report["encoding"] == []
    assert report["translation"] == {"translated": 18}


def test_verify_names_the_first_missing_sentence(built_project: Path, tmp_path: Path) -> None:
    articles, _ = load_articles(built_project / "content")
    (article,) = articles
    report = read_report(built_project)[SEED_SLUG]
    html = article_html(built_project)
    assert verify_page(article, report, html, "page") == []
    victim = article.segmentation.segments[5]
    start = html.index(f'id="{victim.id}"')
    element_start = html.rindex("<p", 0, start)
    element_end = html.index("</p>", start) + len("</p>")
    damaged = html[:element_start] + html[element_end:]
    problems = verify_page(article, report, damaged, "page")
    assert any(f"sentence missing from page: {victim.text!r}" in str(p) and p.line == victim.line for p in problems)


def test_verify_fails_the_command_when_the_site_lost_a_sentence(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    run([str(BIN / "explainer"), "build", "--strict"], root)
    build_editions(root)
    page = root / "site" / "articles" / SEED_SLUG / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("تفاصيل انسحاب القوات", "", 1), encoding="utf-8")
    result = run([str(BIN / "explainer"), "verify"], root, check=False)
    assert result.returncode == 1
    assert "sentence missing from" in result.stderr and "تفاصيل انسحاب القوات" in result.stderr


def test_failed_strict_build_leaves_previous_output_untouched(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    run([str(BIN / "explainer"), "build", "--strict"], root)
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*.md")}
    po = root / "content" / "articles" / SEED_SLUG / "en.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgctxt "h-248c6d56"')
    end = text.index("\n\n", start)
    entry = text[start:end]
    po.write_text(text.replace(entry, entry.split("msgstr")[0] + 'msgstr ""'), encoding="utf-8")
    result = run([str(BIN / "explainer"), "build", "--strict"], root, check=False)
    assert result.returncode == 1 and "h-248c6d56: untranslated" in result.stderr
    assert {p: p.read_bytes() for p in (root / "docs").rglob("*.md")} == before
    shutil.rmtree(root)
