"""The /timeline/ page with its overview graphic, its page for each year, and its TimelineJS JSON, checked against the data."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_date

from conftest import ROOT, SEED_SLUG
from explainer.publishing.build import load_translations
from explainer.intake.content import load_articles
from explainer.pages.overview import axis_span, eras
from explainer.knowledge.timeline import Timeline, load_timeline
from explainer.pages.timeline_page import render_timeline, render_timeline_page, render_year_pages, timelinejs


def seed() -> Timeline:
    articles, _ = load_articles(ROOT / "content")
    return load_timeline(ROOT / "content", articles, load_translations)


class _Tree(HTMLParser):
    """The page's raw HTML as (tag, attributes, text inside, parent index) records."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[dict[str, object]] = []
        self.stack: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.nodes.append({"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "text": "",
                           "parents": list(self.stack)})
        self.stack.append(len(self.nodes) - 1)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.nodes[self.stack.pop()]["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for index in self.stack:
            self.nodes[index]["text"] = str(self.nodes[index]["text"]) + data


def nodes(text: str) -> list[dict[str, object]]:
    tree = _Tree()
    tree.feed(text)
    return tree.nodes


TIMELINE = seed()
# The first page: introduction, overview drawing, links to the years.
OVERVIEW = render_timeline_page(TIMELINE).text
YEAR_PAGES = {page.path: page.text for page in render_year_pages(TIMELINE)}
# Every year's page, in order: every event, each once.
PAGE = "".join(YEAR_PAGES[path] for path in sorted(YEAR_PAGES))
NODES = nodes(PAGE)


def inside(node_index: int, tag: str) -> list[dict[str, object]]:
    return [n for n in NODES if node_index in n["parents"] and n["tag"] == tag]  # type: ignore[operator]


def test_each_event_is_one_element_with_its_id_date_and_status() -> None:
    items = [(i, n) for i, n in enumerate(NODES) if "tl-event" in str(n["attrs"].get("class", "")).split()]  # type: ignore[union-attr]
    assert [n["attrs"]["id"] for _, n in items] == [e.id for e in TIMELINE.events]  # type: ignore[index]
    for (index, node), event in zip(items, TIMELINE.events):
        assert node["attrs"]["data-status"] == event.status  # type: ignore[index]
        times = inside(index, "time")
        assert times[0]["attrs"]["datetime"] == event.value.html_attributes["datetime"]  # type: ignore[index]
        assert times[0]["attrs"].get("data-interval") == event.value.html_attributes.get("data-interval")  # type: ignore[index]
        planned_label = "Planned when the article was published" in str(node["text"])
        assert planned_label == (event.status == "planned")


def test_month_dates_are_given_with_standard_and_iraqi_month_names() -> None:
    event = next(e for e in TIMELINE.events if e.date.precision == "month")
    index = next(i for i, n in enumerate(NODES) if n["attrs"].get("id") == event.id)  # type: ignore[union-attr]
    text = str(NODES[index]["text"])
    for locale in ("en_GB", "ar", "ar_IQ"):
        assert format_date(event.date.first, "MMMM y", locale=locale) in text
    assert format_date(event.date.first, "MMMM", locale="ar") != format_date(event.date.first, "MMMM", locale="ar_IQ")


def test_each_year_has_a_page_holding_its_events_linked_from_the_first_page() -> None:
    years = sorted({e.date.first.year for e in TIMELINE.events})
    assert sorted(YEAR_PAGES) == [f"timeline/{year}/index.md" for year in years]
    assert re.findall(r'<a href="(\d{4})/"', OVERVIEW) == [str(year) for year in years]
    assert 'class="tl-event"' not in OVERVIEW, "the first page holds no events"
    for event in TIMELINE.events:
        page = YEAR_PAGES[f"timeline/{event.date.first.year}/index.md"]
        assert page.count(f'id="{event.id}"') == 1
        others = [text for path, text in YEAR_PAGES.items() if path != f"timeline/{event.date.first.year}/index.md"]
        assert all(f'id="{event.id}"' not in text for text in others)
    for year in years:
        page = YEAR_PAGES[f"timeline/{year}/index.md"]
        assert re.findall(r'<a href="\.\./(\d{4})/"', page) == [str(y) for y in years]
        assert f'<a href="../{year}/" aria-label="{year}: ' in page and 'aria-current="page"' in page


def test_back_references_name_real_segments() -> None:
    articles, _ = load_articles(ROOT / "content")
    segments = {s.id for s in articles[0].segmentation.segments}
    refs = re.findall(r'href="\.\./\.\./articles/([a-z0-9-]+)/#([sh]-[0-9a-f]{8})"', PAGE)
    assert refs and {slug for slug, _ in refs} == {SEED_SLUG}
    assert {segment for _, segment in refs} <= segments
    for event in TIMELINE.events:
        for ref in event.segments:
            assert f'href="../../articles/{ref.slug}/#{ref.segment}"' in PAGE


def test_the_publication_marker_splits_what_had_happened_from_what_was_ahead() -> None:
    marker = PAGE.index('class="tl-publication"')
    for event in TIMELINE.events:
        before = PAGE.index(f'id="{event.id}"') < marker
        assert before == (event.date.first <= TIMELINE.articles[SEED_SLUG].published)


def test_the_overview_is_an_image_with_a_text_alternative_for_the_whole_span() -> None:
    start, end = axis_span(TIMELINE)
    assert (start.year, end.year) == (2003, 2026)
    svgs = re.findall(r"<svg .*?</svg>", OVERVIEW, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        root = ET.fromstring(svg.replace(' xmlns="http://www.w3.org/2000/svg"', ""))
        assert root.get("role") == "img" and re.match(r"0 0 \d+ \d+", root.get("viewBox", ""))
        title_id, desc_id = root.get("aria-labelledby", "").split()
        ids = {child.get("id"): child for child in root}
        assert ids[title_id].tag == "title" and ids[desc_id].tag == "desc"
        description = ids[desc_id].text or ""
        for era in eras(TIMELINE):
            assert era.label.en in description
        assert len(root.findall("rect")) == len(eras(TIMELINE))
        labels = {t.text for t in root.findall("text")}
        assert {"2003", "2026"} <= labels
        assert len(root.findall("circle")) == len(TIMELINE.events)
        assert "fill=" not in svg and "style=" not in svg, "colours belong to CSS, for dark mode"
    assert "<figcaption>" in OVERVIEW


def test_timelinejs_json_carries_every_event_and_era() -> None:
    for language in ("en", "ar"):
        data = timelinejs(TIMELINE, language)
        assert [e["unique_id"] for e in data["events"]] == [e.id for e in TIMELINE.events]
        assert len(data["eras"]) == len(eras(TIMELINE))
        for entry, event in zip(data["events"], TIMELINE.events):
            assert entry["start_date"]["year"] == str(event.date.first.year)
            assert ("month" in entry["start_date"]) == (event.date.precision in ("month", "day"))
            assert entry["text"]["headline"] == getattr(event.title, language)
            assert ("end_date" in entry) == (event.end is not None)
    pages = {p.path: p.text for p in render_timeline(TIMELINE)}
    assert json.loads(pages["timeline/timeline.ar.json"])["events"][0]["text"]["headline"] == TIMELINE.events[0].title.ar


def test_text_from_the_data_is_escaped_everywhere(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "timeline.yml"
    hostile = '<script>alert(1)</script> & "Q"'
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: US forces leave Iraq", f"en: '{hostile}'"), encoding="utf-8")
    articles, _ = load_articles(tmp_path / "content")
    timeline = load_timeline(tmp_path / "content", articles, load_translations)
    pages = {p.path: p.text for p in render_timeline(timeline)}
    assert "<script>" not in pages["timeline/index.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in pages["timeline/index.md"]
    data = json.loads(pages["timeline/timeline.json"])
    assert any(e["text"]["headline"] == hostile for e in data["events"])
    assert all("<script>" not in e["text"]["text"] for e in data["events"])


def test_a_site_without_a_timeline_still_builds(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content" / "timeline.yml").unlink()
    (tmp_path / "content" / "articles" / SEED_SLUG / "dates.yml").unlink()
    articles, _ = load_articles(tmp_path / "content")
    timeline = load_timeline(tmp_path / "content", articles, load_translations)
    assert timeline.events == ()
    assert len(timeline.pending) == len({(link.segment, link.mention.value.iso) for link in timeline.links}) > 10
    page = render_timeline_page(timeline).text
    assert "<svg" not in page
    assert 'class="tl-event"' not in page and "No events yet" in page
    assert json.loads(render_timeline(timeline)[1].text)["events"] == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_json_dates_are_strings_as_timelinejs_documents(language: str) -> None:
    for entry in timelinejs(TIMELINE, language)["events"]:
        assert all(isinstance(v, str) for v in entry["start_date"].values())


def test_a_year_of_many_articles_marks_each_month_not_each_article() -> None:
    from dataclasses import replace
    from datetime import date, timedelta

    from explainer.knowledge.timeline import ArticleInfo
    from explainer.pages.archive import ARCHIVE_PAGE_SIZE
    from explainer.pages.timeline_page import MARKED_ARTICLES

    seed_article = TIMELINE.articles[SEED_SLUG]
    extra = {f"extra-{n:03d}": ArticleInfo(f"extra-{n:03d}", seed_article.title, date(2024, 1, 1) + timedelta(days=n), {})
             for n in range(40)}  # 40 articles from January to early February 2024, and the seed's in July
    many = replace(TIMELINE, articles={**TIMELINE.articles, **extra})
    assert len(extra) + 1 > MARKED_ARTICLES
    page = {p.path: p.text for p in render_year_pages(many)}["timeline/2024/index.md"]
    markers = re.findall(r'<li class="tl-publication">(.*?)</li>', page, flags=re.S)
    assert len(markers) == 3, "one marker a month: January, February, July"
    assert "31 articles published in January 2024" in markers[0]
    assert "9 articles published in February 2024" in markers[1] and "1 article published in July 2024" in markers[2]
    # Newest first in the archive: July (1) and February (9) begin on its first page; January on the first too,
    # its oldest days on the second.
    assert ARCHIVE_PAGE_SIZE == 30
    assert 'href="../../articles/#m-2024-01"' in markers[0] and 'href="../../articles/#m-2024-07"' in markers[2]
    # A month's marker stands where its first article appeared among the events (July's: the seed's day).
    for event in TIMELINE.events:
        if event.date.first.year == 2024:
            position = page.index(f'id="{event.id}"')
            july = page.index("published in July 2024")
            assert (position < july) == (event.date.first <= seed_article.published), event.id
