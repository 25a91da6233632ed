"""The built site: dates on article pages and the timeline link to each other, both ways."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import BIN, SEED_SLUG, run
from explainer.publishing.verify import verify_anchors, verify_link_targets

pytestmark = pytest.mark.build


class _Elements(HTMLParser):
    """Every element's tag and attributes, with the link and time elements it sits inside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[dict[str, str]]]] = []
        self._open: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes, [a for _, a in self._open]))
        if tag not in ("meta", "link", "img", "br", "input", "hr", "source", "path", "circle", "rect", "line"):
            self._open.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return


def elements(path: Path) -> list[tuple[str, dict[str, str], list[dict[str, str]]]]:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.elements


def test_every_date_link_on_the_article_lands_on_its_event(built_project: Path) -> None:
    site = built_project / "site"
    article = elements(site / "articles" / SEED_SLUG / "index.html")
    # Each year's page, by its year, with the ids of its events.
    events = {page.parent.name: {a["id"] for tag, a, _ in elements(page) if tag == "li" and "tl-event" in a.get("class", "").split()}
              for page in (site / "timeline").glob("*/index.html")}
    times = [(a, parents) for tag, a, parents in article if tag == "time" and "date" in a.get("class", "").split()]
    assert len(times) >= 26
    linked = 0
    for attributes, parents in times:
        assert any("data-seg" in p for p in parents), "a date outside the article's sentences"
        links = [p for p in parents if "date-link" in p.get("class", "").split()]
        if links:
            linked += 1
            href = links[-1]["href"]
            year = re.fullmatch(r"\.\./\.\./timeline/(\d{4})/#(.+)", href)
            assert year and year[2] in events[year[1]], href
    assert linked == len(times) - 2  # "بعام 2023" and "2023" are dismissed: marked, not linked


def test_every_back_reference_lands_on_its_sentence(built_project: Path) -> None:
    site = built_project / "site"
    article = elements(site / "articles" / SEED_SLUG / "index.html")
    segments = {a["id"] for _, a, _ in article if "data-seg" in a and "id" in a}
    refs = [a["href"] for page in (site / "timeline").glob("*/index.html")
            for tag, a, _ in elements(page) if tag == "a" and a.get("href", "").startswith("../../articles/")]
    fragments = [href.split("#", 1)[1] for href in refs if "#" in href]
    assert len(fragments) >= 14
    assert set(fragments) <= segments


def test_the_json_is_published_beside_the_page(built_project: Path) -> None:
    for name in ("timeline.json", "timeline.ar.json"):
        data = json.loads((built_project / "site" / "timeline" / name).read_text(encoding="utf-8"))
        assert len(data["events"]) >= 12 and data["eras"]


def test_verify_catches_a_date_link_that_leads_nowhere(built_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_project / "site", site)
    assert verify_anchors(site) == []
    page = site / "timeline" / "2024" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="oman-mosque-attack-2024"', 'id="oman"'), encoding="utf-8")
    article = site / "articles" / SEED_SLUG / "index.html"
    article.write_text(article.read_text(encoding="utf-8").replace('id="s-58d99bfd"', 'id="gone"', 1), encoding="utf-8")
    messages = [str(p) for p in verify_anchors(site)]
    assert any("../../timeline/2024/#oman-mosque-attack-2024" in m and "articles/" in m for m in messages)
    assert any("../../articles/iraq-coalition-withdrawal/#s-58d99bfd" in m and "timeline" in m for m in messages)


def test_verify_catches_a_missing_tooltip_file(built_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_project / "site", site)
    assert verify_link_targets(site) == []
    (tip,) = (site / "ar" / "glossary" / "iraq" / "tips").glob("*.html")
    tip.unlink()
    (message,) = [str(p) for p in verify_link_targets(site)]
    assert f"ar/articles/{SEED_SLUG}/index.html" in message and f"tooltip file '../../glossary/iraq/tips/{tip.name}' is missing" in message


def test_explainer_verify_fails_on_a_broken_date_link(built_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_project, root)
    page = root / "site" / "timeline" / "2003" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="us-invasion-2003"', 'id="x"'), encoding="utf-8")
    result = run([str(BIN / "explainer"), "verify"], root, check=False)
    assert result.returncode == 1 and "no id 'us-invasion-2003' on timeline/2003/index.html" in result.stderr
