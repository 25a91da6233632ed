"""The generated Markdown also builds with Zensical, keeping the page contract on every segment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BIN, SEED_SLUG, copy_project, run
from explainer.intake.content import load_articles
from explainer.publishing.report import read_report
from explainer.publishing.verify import collect_segments, verify_page
from test_builds import add_article

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with a second, partly translated article, built by explainer then Zensical."""
    root = copy_project(tmp_path_factory.mktemp("zensical"))
    add_article(root, "agency-report", "agency-report", "2024-09-02", translate=3)
    run([str(BIN / "explainer"), "build"], root)
    result = run([str(BIN / "zensical"), "build", "--strict", "--clean"], root)
    assert "Traceback" not in result.stdout + result.stderr
    return root


@pytest.mark.parametrize("slug", [SEED_SLUG, "agency-report"])
def test_zensical_article_page_keeps_the_contract_markup(zensical_site: Path, slug: str) -> None:
    html = (zensical_site / "site" / "articles" / slug / "index.html").read_text(encoding="utf-8")
    articles = {a.slug: a for a in load_articles(zensical_site / "content")[0]}
    expected = [s.id for s in articles[slug].segmentation.segments]
    segments, ids = collect_segments(html)
    arabic = [s for s in segments if s.lang == "ar"]
    english = [s for s in segments if s.lang == "en"]
    assert [s.seg for s in arabic] == [s.seg for s in english] == expected
    for ar in arabic:
        assert ar.attributes["dir"] == "rtl" and ar.attributes["id"] == ar.seg == ar.attributes["data-seg"]
    statuses = {en.attributes.get("data-status", "translated") for en in english}
    assert statuses <= {"translated", "untranslated", "fuzzy"}
    assert statuses == ({"translated"} if slug == SEED_SLUG else {"translated", "untranslated"})
    assert len(ids) == len(set(ids))
    # And every sentence of the source is on Zensical's page, in order.
    assert verify_page(articles[slug], read_report(zensical_site)[slug], html, "zensical page") == []


def test_zensical_copies_the_tooltip_files_the_article_pages_name(zensical_site: Path) -> None:
    html = (zensical_site / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    named = re.findall(r'href="\.\./\.\./glossary/([a-z0-9-]+)/" data-tip="([0-9a-f]+)"', html)
    assert len(named) > 20
    for entry, name in named:
        tip = zensical_site / "site" / "glossary" / entry / "tips" / f"{name}.html"
        assert tip.read_text(encoding="utf-8").startswith(f'<span class="gl-tip" role="tooltip" id="gt-{entry}"'), tip


def test_zensical_home_lists_every_article(zensical_site: Path) -> None:
    home = (zensical_site / "site" / "index.html").read_text(encoding="utf-8")
    # The list of articles, newest first (the explainer above it links to the seed too).
    listing = home[home.index('class="article-list"'):]
    assert listing.index('href="articles/agency-report/"') < listing.index(f'href="articles/{SEED_SLUG}/"')
