"""Feeds, structured data and link-preview cards: the feed read by feedparser, every page's JSON-LD
read by extruct, the cards' Arabic compared with a reference shaping by HarfBuzz."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import extruct
import feedparser
import pytest
import uharfbuzz as hb
import yaml
from babel.messages.pofile import read_po
from fontTools.pens.freetypePen import FreeTypePen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from lxml import html as lxml_html
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from conftest import BIN, ROOT, SEED_SLUG, copy_project, run
from explainer.site import cards
from explainer.site.cards import Card, ShapingMissing, card_png, line_image, write_card
from explainer.site.feed import FEED_LIMIT, FeedArticle, atom_feed, feed_articles
from explainer.site.fonts import font_source
from explainer.site.structured_data import Site

SITE = Site("en", "Iraq Explained", "https://x.example/", "العراق بوضوح", "https://x.example/ar/", "About Iraq.")
SITE_AR = Site("ar", "العراق بوضوح", "https://x.example/ar/", "Iraq Explained", "https://x.example/")
META = yaml.safe_load((ROOT / "content" / "articles" / SEED_SLUG / "meta.yml").read_text(encoding="utf-8"))
ARTICLE_PAGE = f"articles/{SEED_SLUG}/index.html"


def facts(slug: str, published: str, status: str = "translated", url: str = "") -> dict[str, Any]:
    """An article's facts as explainer.pages.sharing.article_facts writes them (our own test data)."""
    return {"kind": "article", "slug": slug, "title": {"en": f"Title {slug}", "ar": f"عنوان {slug}"},
            "summary": f"Summary of {slug}.", "outlet": {"en": "Outlet", "ar": "منفذ"}, "published": published,
            "url": url, "translated": published, "modified": "2025-01-02", "status": status}


# ------------------------------------------------------------------ the feed, from facts


def test_the_feed_keeps_the_newest_finished_translations_newest_first() -> None:
    articles = [FeedArticle(f"https://x.example/articles/a{n}/", facts(f"a{n}", f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"))
                for n in range(60)]
    articles.append(FeedArticle("https://x.example/articles/draft/", facts("draft", "2025-06-01", "partial")))
    chosen = feed_articles(articles)
    assert len(chosen) == FEED_LIMIT and "draft" not in {a.facts["slug"] for a in chosen}
    published = [a.facts["published"] for a in chosen]
    assert published == sorted(published, reverse=True)
    parsed = feedparser.parse(atom_feed(SITE, articles, "fully translated"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.id for e in parsed.entries] == [a.url for a in chosen]


def test_each_entry_has_both_titles_dates_outlet_address_and_status() -> None:
    article = FeedArticle("https://x.example/ar/articles/a/", facts("a", "2024-07-23", url="https://outlet.example/n/1"))
    for site, first in ((SITE, "Title a"), (SITE_AR, "عنوان a")):
        parsed = feedparser.parse(atom_feed(site, [article], "label"))
        assert not parsed.bozo, parsed.get("bozo_exception")
        (entry,) = parsed.entries
        assert entry.title.startswith(first) and "Title a" in entry.title and "عنوان a" in entry.title
        assert entry.summary == "Summary of a."
        assert entry.published_parsed[:3] == (2024, 7, 23) and entry.updated_parsed[:3] == (2025, 1, 2)
        assert entry.author_detail.name == ("منفذ" if site is SITE_AR else "Outlet")
        assert [link.href for link in entry.links if link.rel == "via"] == ["https://outlet.example/n/1"]
        assert [(t.term, t.label) for t in entry.tags] == [("translated", "label")]
        assert entry.contributors[0].name == site.name
    assert parsed.feed.language == "ar"


def test_the_feed_is_the_same_bytes_for_the_same_articles() -> None:
    articles = [FeedArticle("https://x.example/articles/a/", facts("a", "2024-07-23"))]
    assert atom_feed(SITE, articles, "x") == atom_feed(SITE, list(articles), "x")
    empty = feedparser.parse(atom_feed(SITE, [], "x"))
    assert not empty.bozo and empty.entries == []


# ------------------------------------------------------------------ cards: shaping against a reference


def reference_line(text: str, size: int, weight: int) -> Image.Image:
    """The text shaped by HarfBuzz (uharfbuzz) in the same face, its glyphs rasterised by FreeType:
    the ink as an L image (255 where there is ink), cropped."""
    path = str(font_source().font)
    face = hb.Face(hb.Blob.from_file_path(path))
    font = hb.Font(face)
    font.set_variations({"wght": weight})
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    tt = TTFont(path)
    glyphs, order = tt.getGlyphSet(location={"wght": weight}), tt.getGlyphOrder()
    pen, x = FreeTypePen(glyphs), 0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyphs[order[info.codepoint]].draw(TransformPen(pen, (1, 0, 0, 1, x + position.x_offset, position.y_offset)))
        x += position.x_advance
    scale = size / face.upem
    alpha = pen.image(width=0, height=0, contain=True, transform=(scale, 0, 0, scale, 0, 0)).getchannel("A")
    return alpha.crop(alpha.getbbox())


def ink(image: Image.Image) -> Image.Image:
    """Black-on-white text as ink, cropped."""
    inverted = ImageChops.invert(image)
    return inverted.crop(inverted.getbbox())


def similarity(reference: Image.Image, drawn: Image.Image) -> float:
    """Overlap of the two inks (intersection over union), softened by a small blur so that hinting
    and sub-pixel placement do not count; drawn is scaled to the reference's size."""
    def mask(image: Image.Image) -> Image.Image:
        return image.filter(ImageFilter.GaussianBlur(2)).point(lambda v: 255 if v > 40 else 0)
    a, b = mask(reference), mask(drawn.resize(reference.size))
    return ImageChops.multiply(a, b).histogram()[255] / ImageChops.lighter(a, b).histogram()[255]


def unshaped_line(text: str, size: int, weight: int) -> Image.Image:
    """What Pillow draws without libraqm: each letter's isolated form, left to right."""
    font = ImageFont.truetype(str(font_source().font), size, layout_engine=ImageFont.Layout.BASIC)
    font.set_variation_by_axes([weight])
    image = Image.new("L", (3000, size * 3), 255)
    ImageDraw.Draw(image).text((10, size * 2), text, font=font, fill=0, anchor="ls")
    return ink(image)


@pytest.mark.parametrize("weight", [400, 700])
def test_the_cards_arabic_matches_harfbuzz_shaping_and_an_unshaped_line_does_not(weight: int) -> None:
    text = META["title"]["ar"]
    reference = reference_line(text, 48, weight)
    drawn = ink(line_image(text, 48, weight))
    assert abs(drawn.width - reference.width) <= reference.width * 0.015, (drawn.size, reference.size)
    assert similarity(reference, drawn) > 0.65
    # The check can fail: letters unjoined (no shaping) or in reverse order are told apart.
    unshaped = unshaped_line(text, 48, weight)
    assert abs(unshaped.width - reference.width) > reference.width * 0.1 or similarity(reference, unshaped) < 0.5
    assert similarity(reference, unshaped) < 0.5
    assert similarity(reference, ink(line_image(text[::-1], 48, weight))) < 0.5


def test_no_card_is_drawn_without_shaping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards.features, "check", lambda feature: False)
    with pytest.raises(ShapingMissing, match="libfribidi0"):
        card_png(Card("Iraq Explained", "العراق بوضوح", ("Title", "عنوان")))


def test_a_card_is_drawn_once_and_copied_until_what_it_shows_changes(tmp_path: Path) -> None:
    card = Card("Iraq Explained", "العراق بوضوح", ("Title", "عنوان"), "Outlet · 23 July 2024")
    target = tmp_path / "site" / "assets" / "cards" / "a.png"
    assert write_card(card, target, tmp_path / "cache") is True
    first = target.read_bytes()
    target.unlink()
    assert write_card(card, target, tmp_path / "cache") is False and target.read_bytes() == first
    changed = Card("Iraq Explained", "العراق بوضوح", ("Title", "عنوان آخر"), "Outlet · 23 July 2024")
    assert write_card(changed, target, tmp_path / "cache") is True and target.read_bytes() != first


# ------------------------------------------------------------------ on the built site


def html_pages(site: Path) -> list[Path]:
    """Every page MkDocs wrote, but the 404 pages: its index.html files (not the map's fragments
    under assets/ nor the glossary's tooltip files, which pages fetch into themselves)."""
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.relative_to(site).parts)


def edition_root(site: Path, page: Path) -> Path:
    return site / "ar" if page.relative_to(site).parts[0] == "ar" else site


def page_address(site: Path, page: Path) -> str:
    """The page's address under site_url (http://127.0.0.1:8000/ when the tests build)."""
    path = page.relative_to(site).as_posix()
    return "http://127.0.0.1:8000/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def json_ld(page: Path, site: Path) -> dict[str, dict[str, Any]]:
    """The page's JSON-LD graph, read by extruct, by @type (the last of each type) and by @id."""
    data = extruct.extract(page.read_text(encoding="utf-8"), base_url=page_address(site, page), syntaxes=["json-ld"])
    (graph,) = data["json-ld"]
    assert graph["@context"] == "https://schema.org"
    nodes: dict[str, dict[str, Any]] = {}
    for node in graph["@graph"]:
        nodes[node["@type"]] = node
        nodes[node["@id"]] = node
    return nodes


def test_every_page_links_its_editions_feed_and_the_feeds_parse(built_project: Path) -> None:
    site = built_project / "site"
    for page in html_pages(site) + [site / "404.html", site / "ar" / "404.html"]:
        tree = lxml_html.fromstring(page.read_bytes())
        links = [link for link in tree.xpath("//head/link[@type='application/atom+xml']")
                 if "alternate" in link.get("rel", "").split()]
        assert len(links) == 1, page
        target = urljoin(page_address(site, page), links[0].get("href"))
        root = page_address(site, edition_root(site, page) / "index.html")
        assert target == root + "feed.xml", (page, target)
    for feed in (site / "feed.xml", site / "ar" / "feed.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert len(parsed.entries) == 1


def test_the_seed_articles_feed_entry_carries_the_articles_facts(built_project: Path) -> None:
    catalog = read_po(io.BytesIO((ROOT / "content" / "articles" / SEED_SLUG / "en.po").read_bytes()))
    for feed, lang in ((built_project / "site" / "feed.xml", "en"), (built_project / "site" / "ar" / "feed.xml", "ar")):
        (entry,) = feedparser.parse(feed.read_bytes()).entries
        first, second = (META["title"]["ar"], META["title"]["en"]) if lang == "ar" else (META["title"]["en"], META["title"]["ar"])
        assert entry.title == f"{first} — {second}"
        assert entry.summary == " ".join(META["summary"].split())
        assert date(*entry.published_parsed[:3]) == date.fromisoformat(META["published"])
        assert date(*entry.updated_parsed[:3]) == catalog.revision_date.date()
        assert entry.author_detail.name == META["publisher"][lang]
        assert entry.link.endswith(f"/articles/{SEED_SLUG}/") and ("/ar/" in entry.link) == (lang == "ar")
        assert [t.term for t in entry.tags] == ["translated"]


def test_every_page_has_json_ld_with_the_site_the_page_and_its_card(built_project: Path) -> None:
    site = built_project / "site"
    for page in html_pages(site):
        nodes = json_ld(page, site)
        webpage = nodes.get("WebPage") or nodes["CollectionPage"]
        assert webpage["url"] == page_address(site, page)
        home = "/ar/" if edition_root(site, page) != site else ":8000/"
        assert nodes["Organization"]["name"] == "Iraq Explained" and webpage["isPartOf"]["@id"].endswith(home + "#website")
        # The WebSite and its search in full on the home page, named by its @id elsewhere.
        assert ("WebSite" in nodes) == (page.parent == edition_root(site, page)), page
        if "WebSite" in nodes:
            assert nodes["WebSite"]["url"].endswith(home) and nodes["WebSite"]["@id"] == webpage["isPartOf"]["@id"]
            action = nodes["WebSite"]["potentialAction"]
            assert action["@type"] == "SearchAction" and action["query-input"] == "required name=search_term_string"
            assert action["target"]["urlTemplate"] == nodes["WebSite"]["url"] + "?q={search_term_string}"
        card = site / webpage["image"].removeprefix("http://127.0.0.1:8000/")
        with Image.open(card) as image:
            assert image.size == (1200, 630) and image.format == "PNG", card
        assert card.stat().st_size < 100 * 1024, card
        head = page.read_text(encoding="utf-8")
        assert f'<meta property="og:image" content="{webpage["image"]}">' in head
        assert '<meta name="twitter:card" content="summary_large_image">' in head
        if page.parent != edition_root(site, page):
            crumbs = nodes["BreadcrumbList"]["itemListElement"]
            assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1)) and crumbs[-1]["item"] == webpage["url"]


@pytest.mark.parametrize("edition", ["", "ar/"])
def test_the_article_is_a_news_article_translating_the_original(built_project: Path, edition: str) -> None:
    site = built_project / "site"
    nodes = json_ld(site / edition / ARTICLE_PAGE, site)
    article = nodes["NewsArticle"] if "translationOfWork" in nodes["NewsArticle"] else None
    assert article is not None
    catalog = read_po(io.BytesIO((ROOT / "content" / "articles" / SEED_SLUG / "en.po").read_bytes()))
    # Google's recommended Article properties: headline, image, datePublished, dateModified, author.name.
    assert article["headline"] == META["title"]["en"] and len(article["headline"]) <= 110
    assert article["image"] == [nodes["WebPage"]["image"]]
    assert article["datePublished"] == catalog.creation_date.date().isoformat()
    assert article["dateModified"] == catalog.revision_date.date().isoformat()
    assert article["author"]["name"] and article["inLanguage"] == "en"
    organization = nodes["Organization"]["@id"]
    assert article["publisher"] == {"@id": organization} and article["translator"] == {"@id": organization}
    original = article["translationOfWork"]
    assert original["@type"] == "NewsArticle" and original["inLanguage"] == "ar"
    assert original["headline"] == META["title"]["ar"] and original["datePublished"] == META["published"]
    assert original["publisher"]["name"] == META["publisher"]["ar" if edition else "en"]
    assert ("url" in original) == bool(META["url"])
    names = [c["name"] for c in nodes["BreadcrumbList"]["itemListElement"]]
    assert len(names) == 3 and names[-1] == nodes["WebPage"]["name"]


def test_the_glossary_is_a_defined_term_set_in_both_languages(built_project: Path) -> None:
    entries = yaml.safe_load((ROOT / "content" / "glossary.yml").read_text(encoding="utf-8"))
    site = built_project / "site"
    for edition in ("", "ar/"):
        terms = json_ld(site / edition / "glossary" / "index.html", site)["DefinedTermSet"]["hasDefinedTerm"]
        assert [t["termCode"] for t in terms] and sorted(t["termCode"] for t in terms) == sorted(e["id"] for e in entries)
        by_id = {e["id"]: e for e in entries}
        for term in terms:
            assert term["@type"] == "DefinedTerm"
            names = {n["@language"]: n["@value"] for n in term["name"]}
            assert names == {"en": by_id[term["termCode"]]["en"], "ar": by_id[term["termCode"]]["ar"]}
            assert {d["@language"] for d in term["description"]} == {"en", "ar"}


def test_the_timeline_events_carry_status_and_dates_at_their_precision(built_project: Path) -> None:
    events = yaml.safe_load((ROOT / "content" / "timeline.yml").read_text(encoding="utf-8"))
    page = built_project / "site" / "timeline" / "index.html"
    data = extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"][0]["@graph"]
    found = {node["@id"].rsplit("#", 1)[1]: node for node in data if node["@type"] == "Event"}
    assert found and set(found) == {e["id"] for e in events}
    for event in events:
        node = found[event["id"]]
        assert node["startDate"] == str(event["date"]) and node.get("endDate") == (str(event["end"]) if "end" in event else None)
        assert node["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["status"] in node["disambiguatingDescription"].lower()
        assert {n["@language"] for n in node["name"]} == {"en", "ar"}


def test_an_unchanged_pages_card_is_not_drawn_again(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    run([str(BIN / "explainer"), "build", "--strict"], root)
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict"]

    def drawn() -> tuple[int, int]:
        log = run(mkdocs, root).stderr
        found = re.search(r"(\d+) card\(s\), (\d+) drawn", log)
        assert found, log
        return int(found.group(1)), int(found.group(2))

    total, first = drawn()
    assert total == first > 5
    card = (root / "site" / "assets" / "cards" / "about.png").read_bytes()
    assert drawn() == (total, 0)
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: About", "title: About us"), encoding="utf-8")
    assert drawn() == (total, 1)
    assert (root / "site" / "assets" / "cards" / "about.png").read_bytes() != card
    shutil.rmtree(root / "build" / "cards")
    assert drawn() == (total, total)
