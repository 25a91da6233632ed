"""The map stage: its geometry, content/map.yml's checks, and the committed SVG and list it drew."""

from __future__ import annotations

import math
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, SEED_SLUG
from explainer.pages.interface import load_interface
from explainer.core.problems import ContentError


# The map's scripts import each other as the script runs them, from their own folder.
sys.path.insert(0, str(ROOT / "scripts" / "map"))
import draw_map as dm  # noqa: E402
import map_drawing as drawing  # noqa: E402
import map_geometry as geo  # noqa: E402
import map_spec  # noqa: E402
SVG = "{http://www.w3.org/2000/svg}"
SVG_PATH = dm.OUTPUT_DIR / dm.SVG_NAME
SVG_AR_PATH = dm.OUTPUT_DIR / dm.SVG_NAME_AR
LIST_PATH = dm.OUTPUT_DIR / dm.LIST_NAME
EXTENT = geo.Extent(west=36.0, east=50.0, south=28.6, north=38.4)


# --- Projection -----------------------------------------------------------------------------

def test_projection_maps_the_extent_onto_the_drawing() -> None:
    projection = geo.Projection.fit(EXTENT, 600.0)
    assert projection(EXTENT.west, EXTENT.north) == pytest.approx((0.0, 0.0))
    assert projection(EXTENT.east, EXTENT.south) == pytest.approx((600.0, projection.height))
    # A degree of longitude is shorter than one of latitude by the cosine of the middle parallel.
    x1, y1 = projection(40.0, 33.0)
    x2, y2 = projection(41.0, 34.0)
    assert (x2 - x1) / (y1 - y2) == pytest.approx(math.cos(math.radians(33.5)))


def test_scale_is_about_111_km_per_degree_of_latitude() -> None:
    projection = geo.Projection.fit(EXTENT, 600.0)
    one_degree = projection(40.0, 33.0)[1] - projection(40.0, 34.0)[1]
    assert one_degree / projection.units_per_km() == pytest.approx(111.32)


# --- Clipping -------------------------------------------------------------------------------

def test_clip_keeps_a_ring_inside_and_cuts_one_across_the_edge() -> None:
    inside = [(1.0, 1.0), (4.0, 1.0), (4.0, 4.0), (1.0, 4.0)]
    assert geo.clip_ring(inside + inside[:1], 0, 0, 10, 10) == inside
    across = [(5.0, 5.0), (15.0, 5.0), (15.0, 8.0), (5.0, 8.0)]
    clipped = geo.clip_ring(across, 0, 0, 10, 10)
    assert geo.ring_area(clipped) == pytest.approx(15.0)
    assert max(x for x, _ in clipped) == pytest.approx(10.0)


def test_clip_drops_a_ring_outside() -> None:
    assert geo.clip_ring([(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], 0, 0, 10, 10) == []


@given(st.lists(st.tuples(st.floats(-50, 50), st.floats(-50, 50)), min_size=3, max_size=30))
def test_clipped_points_lie_in_the_rectangle(ring: list[tuple[float, float]]) -> None:
    for x, y in geo.clip_ring(ring, -10, -10, 10, 10):
        assert -10 - 1e-9 <= x <= 10 + 1e-9 and -10 - 1e-9 <= y <= 10 + 1e-9


# --- Simplification -------------------------------------------------------------------------

def test_simplify_drops_points_on_a_straight_line_and_keeps_a_corner() -> None:
    line = [(0.0, 0.0), (1.0, 0.05), (2.0, 0.0), (3.0, 0.0), (3.0, 3.0)]
    assert geo.simplify(line, 0.5) == [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0)]
    assert geo.simplify(line, 0.01) == line


@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=2, max_size=40),
       st.floats(0.1, 5.0))
def test_every_dropped_point_is_within_tolerance(points: list[tuple[float, float]], tolerance: float) -> None:
    simple = geo.simplify(points, tolerance)
    assert simple[0] == points[0] and simple[-1] == points[-1]
    assert all(p in points for p in simple)
    for point in points:
        nearest = min(geo.distance_to_segment(point, a, b) for a, b in zip(simple, simple[1:] or simple))
        assert nearest <= tolerance + 1e-9


def test_simplify_ring_keeps_a_square_and_drops_a_speck() -> None:
    square = [(0.0, 0.0), (5.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    assert sorted(geo.simplify_ring(square, 0.5)) == sorted([(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)])
    assert geo.simplify_ring([(0.0, 0.0), (0.1, 0.0), (0.1, 0.1), (0.0, 0.0)], 0.5) == []


# --- Path data ------------------------------------------------------------------------------

def test_path_data_is_a_move_then_relative_lines() -> None:
    data = geo.path_data([[(10.0, 10.0), (20.0, 10.0), (20.0, 25.5)]])
    assert data == "M10 10l10 0 0 15.5z"
    assert geo.path_data([[(0.04, 0.0), (0.0, 0.04), (0.02, 0.02)]]) == "", "a ring that rounds to a point is dropped"


@given(st.lists(st.lists(st.tuples(st.floats(-500, 500), st.floats(-500, 500)), min_size=3, max_size=20),
                min_size=1, max_size=3))
def test_path_data_reads_back_as_the_points_to_within_rounding(rings: list[list[tuple[float, float]]]) -> None:
    parsed = geo.parse_path_data(geo.path_data(rings))
    assert len(parsed) <= len(rings)
    for ring in parsed:
        for x, y in ring:
            # Relative steps are taken between rounded points, so errors do not add up along a ring.
            assert any(abs(x - px) <= 0.05 + 1e-6 and abs(y - py) <= 0.05 + 1e-6 for r in rings for px, py in r)


def test_numbers_are_written_short() -> None:
    assert [geo.number_text(v, 1) for v in (600.0, 0.5, -0.5, -0.04, 12.25)] == ["600", ".5", "-.5", "0", "12.2"]


# --- Directions -----------------------------------------------------------------------------

def test_compass_points_name_the_nearest_of_eight() -> None:
    assert map_spec.compass_point(0).en == "north"
    assert map_spec.compass_point(350).en == "north"
    assert map_spec.compass_point(130).en == "south-east"
    assert map_spec.compass_point(130).ar == "الجنوب الشرقي"
    assert geo.initial_bearing((44.0, 33.0), (44.0, 50.0)) == pytest.approx(0.0, abs=1e-9)
    assert geo.initial_bearing((44.0, 0.0), (50.0, 0.0)) == pytest.approx(90.0)


def test_ray_leaves_the_frame_on_its_edge() -> None:
    assert geo.frame_exit((50.0, 50.0), (1.0, 0.0), 0, 0, 100, 80) == pytest.approx((100.0, 50.0))
    assert geo.frame_exit((50.0, 50.0), (1.0, 1.0), 0, 0, 100, 80) == pytest.approx((80.0, 80.0))
    assert geo.frame_exit((50.0, 50.0), (0.0, -1.0), 0, 0, 100, 80) == pytest.approx((50.0, 0.0))


# --- content/map.yml ------------------------------------------------------------------------

def test_every_problem_in_map_yml_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "map.yml"
    path.write_text(
        "title: {en: A map, ar: خريطة}\n"
        "extent: {west: 50, east: 40, south: 28, north: 38}\n"
        "article: seed\n"
        "places:\n"
        "  - id: Bad Id\n"
        "    kind: town\n"
        "    en: Somewhere\n"
        "    ar: Somewhere\n"
        "    at: [44]\n"
        "  - id: far\n"
        "    kind: beyond\n"
        "    en: Far\n"
        "    ar: بعيد\n"
        "    at: [60, 20]\n"
        "    note: {en: No direction here, ar: هنا}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        map_spec.load_map_spec(path)
    messages = [str(p) for p in caught.value.problems]
    expected = [(2, "extent is empty"), (5, "place id 'Bad Id' is not lower-case ASCII words joined by hyphens"), (6, "kind 'town'"), (8, "ar 'Somewhere' has no Arabic letters"),
                (9, "at should be"),
                (15, "does not say where the place lies"), (10, "position is not cited")]
    for line, what in expected:
        assert any(f"map.yml:{line}: " in m and what in m for m in messages), (line, what, messages)


def test_the_committed_list_is_what_the_script_makes_from_content() -> None:
    spec = map_spec.load_map_spec()
    expected = dm.places_html(spec, dm.sentence_numbers(spec.article))
    assert LIST_PATH.read_text(encoding="utf-8") == expected, "run `make map` and commit docs/assets/map/"


def test_a_sentence_id_missing_from_the_article_is_reported() -> None:
    spec = map_spec.load_map_spec()
    numbers = dm.sentence_numbers(spec.article)
    numbers.pop(spec.places[0].segments[0])
    with pytest.raises(ContentError, match="is not in the article"):
        dm.places_html(spec, numbers)


# --- The committed SVG ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def svg() -> ET.Element:
    return ET.parse(SVG_PATH).getroot()


def test_svg_is_an_accessible_image(svg: ET.Element) -> None:
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby", "").split()
    named = {element.get("id"): element for element in svg.iter() if element.get("id")}
    assert [named[i].tag for i in ids] == [f"{SVG}title", f"{SVG}desc"]
    assert all((named[i].text or "").strip() for i in ids)
    assert all(i.startswith("imap-") for i in named), "ids must not clash with the page's"


def test_svg_has_a_viewbox_matching_its_size(svg: ET.Element) -> None:
    x, y, width, height = map(float, svg.get("viewBox", "").split())
    assert (x, y) == (0, 0)
    assert abs(float(svg.get("width")) - width) < 1 and abs(float(svg.get("height")) - height) < 1


def test_svg_labels_every_place_in_english_and_arabic(svg: ET.Element) -> None:
    labels = [[(t.get("lang"), t.text) for t in text.iter(f"{SVG}tspan")] for text in svg.iter(f"{SVG}text")]
    for place in map_spec.load_map_spec().places:
        assert [("en", place.label.en), ("ar", place.label.ar)] in labels, f"{place.id}: run `make map`"


def test_svg_shades_every_area_and_mentions_it_in_its_description(svg: ET.Element) -> None:
    shaded = {path.get("data-iso") for group in svg.iter(f"{SVG}g") if group.get("class") == "shade"
              for path in group}
    description = svg.find(f"{SVG}desc").text
    for place in map_spec.load_map_spec().places:
        assert set(place.area) <= shaded, f"{place.id}: run `make map`"
        assert place.label.en in description


def test_svg_geometry_stays_in_the_frame(svg: ET.Element) -> None:
    _, _, width, height = map(float, svg.get("viewBox").split())
    paths = [p for p in svg.iter(f"{SVG}path") if p.get("d", "").startswith("M") and "l" in p.get("d")]
    assert len(paths) >= 5
    for path in paths:
        for ring in geo.parse_path_data(path.get("d")):
            for x, y in ring:
                assert -5 <= x <= width + 5 and -5 <= y <= height + 5


def test_svg_colours_come_from_classes_not_attributes(svg: ET.Element) -> None:
    painted = [e for e in svg.iter() if e.get("fill") or e.get("stroke") or e.get("style")]
    assert painted == [], "colours belong in the stylesheet, so dark mode can change them"
    assert "[data-md-color-scheme=slate] .imap" in svg.find(f"{SVG}style").text


@pytest.mark.skipif(not (dm.DATA_DIR / "countries").is_dir(), reason="boundary data not installed: run `make map`")
def test_the_committed_svg_is_what_the_script_draws_from_the_pinned_data() -> None:
    spec = map_spec.load_map_spec()
    boundaries = map_spec.load_boundaries(dm.DATA_DIR, spec)
    assert SVG_PATH.read_bytes() == drawing.svg_bytes(drawing.draw_svg(spec, boundaries)), "run `make map` and commit docs/assets/map/"
    arabic = drawing.svg_bytes(drawing.draw_svg(spec, boundaries, load_interface(ROOT / "content", "ar")))
    assert SVG_AR_PATH.read_bytes() == arabic, "run `make map` and commit docs/assets/map/"


def test_the_arabic_edition_s_svg_is_the_same_drawing_titled_and_described_in_arabic(svg: ET.Element) -> None:
    arabic = ET.parse(SVG_AR_PATH).getroot()
    assert arabic.get("lang") == "ar" and svg.get("lang") == "en"
    spec = map_spec.load_map_spec()
    assert arabic.find(f"{SVG}title").text == spec.title.ar
    description = arabic.find(f"{SVG}desc").text
    assert not re.search(r"[A-Za-z]{2,}", description.replace("Natural Earth", "")), description
    for place in spec.places:
        assert place.label.ar in description, place.id
    # Everything but the title and the description is the same drawing.
    strip = lambda root: [ET.tostring(child) for child in root if child.tag not in (f"{SVG}title", f"{SVG}desc")]  # noqa: E731
    assert strip(arabic) == strip(svg)


def test_missing_boundary_data_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="make map"):
        map_spec.load_boundaries(tmp_path, map_spec.load_map_spec())


# --- The built page -------------------------------------------------------------------------

@pytest.mark.build
def test_map_page_shows_the_map_and_links_to_sentences_that_exist(built_project: Path) -> None:
    page = (built_project / "site" / "map" / "index.html").read_text(encoding="utf-8")
    article = (built_project / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert page.count('role="img" aria-labelledby="imap-title imap-desc"') == 1
    links = re.findall(rf'href="\.\./articles/{SEED_SLUG}/#([a-z0-9-]+)"', page)
    assert links, "the list under the map links to the article's sentences"
    for anchor in set(links):
        assert f'id="{anchor}"' in article
    for place in map_spec.load_map_spec().places:
        assert place.label.ar in page and place.label.en in page
