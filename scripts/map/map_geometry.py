"""Map geometry: degrees into the drawing's user units (projection), rings clipped to the frame and simplified,
and rings into compact SVG path data; bearings, and where a ray leaves the frame."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Douglas–Peucker tolerance in user units: at 390 px wide one unit is about 0.6 px.
TOLERANCE = 0.6
# Rings smaller than this (square user units) are islands too small to see.
MIN_AREA = 2.0
# Coordinates are written with this many decimals.
DECIMALS = 1
MEAN_EARTH_KM_PER_DEGREE = 111.32

Point = tuple[float, float]
Ring = list[Point]


@dataclass(frozen=True)
class Extent:
    """The map's frame, in degrees."""

    west: float
    east: float
    south: float
    north: float


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
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
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


def distance_to_segment(p: Point, a: Point, b: Point) -> float:
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
            d = distance_to_segment(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring:
    """A closed ring simplified as two lines split at the point farthest from its start; [] if it vanishes."""
    points = list(ring)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:
        return []
    start = points[0]
    split = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - start[0], points[i][1] - start[1]))
    result = simplify(points[:split + 1], tolerance)[:-1] + simplify([*points[split:], start], tolerance)[:-1]
    return result if len(result) >= 3 else []


def ring_area(ring: Sequence[Point]) -> float:
    """The unsigned area inside a ring (shoelace formula)."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, list(ring[1:]) + list(ring[:1]), strict=True))) / 2


def number_text(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = "0" if text == "-0" else text
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def pair_text(dx: float, dy: float, decimals: int) -> str:
    x, y = number_text(dx, decimals), number_text(dy, decimals)
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
        moves = [f"M{pair_text(rounded[0][0] / scale, rounded[0][1] / scale, decimals)}l"]
        steps = [pair_text((b[0] - a[0]) / scale, (b[1] - a[1]) / scale, decimals) for a, b in itertools.pairwise(rounded)]
        parts.append(moves[0] + "".join(s if s.startswith("-") or i == 0 else " " + s for i, s in enumerate(steps)) + "z")
    return "".join(parts)


def parse_path_data(data: str) -> list[list[Point]]:
    """The absolute points of path data made by path_data (used to check it)."""
    rings: list[list[Point]] = []
    for command, body in re.findall(r"([Mlz])([^Mlz]*)", data):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", body)]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=False))
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
