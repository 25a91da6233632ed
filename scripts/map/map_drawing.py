"""Map drawing: a checked MapSpec and its Boundaries into the schematic SVG map, labelled in both languages,
its title and description in the edition's language."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from babel.lists import format_list
from map_geometry import Projection, frame_exit, map_centre, number_text, pair_text, path_data, projected_rings
from map_spec import Boundaries, MapSpec, Place, direction_of

from explainer.intake.content import Bilingual as Text
from explainer.pages.interface import ENGLISH, Interface

SVG_NS = "http://www.w3.org/2000/svg"
# Width of the drawing in SVG user units; the height follows from the extent.
WIDTH = 600.0
# Label sizes in user units, one per kind of place (the Arabic line is drawn 10% larger).
FONT_SIZES = {"iraq": 30.0, "country": 23.0, "neighbour": 18.0, "area": 19.0, "city": 20.0, "base": 18.0,
              "beyond": 20.0, "scale": 15.0}
# Below this page width the map is drawn at about 0.6 of its size: labels grow by this much.
NARROW_BELOW = "30em"
NARROW_SCALE = 1.15
LABEL_ORDER = ("neighbour", "country", "area", "beyond", "base", "city")
SCALE_KM = 200


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
    sizes = "\n".join(f".imap .k-{kind}{{font-size:{number_text(size, 1)}px}}" for kind, size in FONT_SIZES.items())
    narrow = "".join(f".imap .k-{kind}{{font-size:{number_text(size * NARROW_SCALE, 1)}px}}"
                     for kind, size in FONT_SIZES.items())
    return f"{STYLE}\n{sizes}\n@media (max-width:{NARROW_BELOW}){{{narrow}}}"


def _svg(tag: str, attributes: Mapping[str, object] | None = None, text: str | None = None) -> ET.Element:
    element = ET.Element(tag, {k: _attribute(v) for k, v in (attributes or {}).items()})
    element.text = text
    return element


def _attribute(value: object) -> str:
    return number_text(value, 1) if isinstance(value, float) else str(value)


def _label(x: float, y: float, words: Text, kind: str, anchor: str, first_line: float, classes: str = "") -> ET.Element:
    """Two lines, English then Arabic, the first `first_line` em below y.

    Offsets are in em, so the stylesheet can enlarge the labels on narrow screens without
    the lines running into each other.
    """
    text = _svg("text", {"x": x, "y": y, "text-anchor": anchor, "class": f"k-{kind} {classes}".strip()})
    text.append(_svg("tspan", {"x": x, "dy": f"{number_text(first_line, 2)}em", "lang": "en"}, words.en))
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
    return " ".join(f"{number_text(px, 1)},{number_text(py, 1)}" for px, py in points)


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
    group.append(_svg("polygon", {"points": " ".join(f"{number_text(a, 1)},{number_text(b, 1)}" for a, b in (
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
    svg = _svg("svg", {"xmlns": SVG_NS, "viewBox": f"0 0 {number_text(width, 1)} {number_text(height, 1)}",
                       "width": number_text(width, 0), "height": number_text(height, 0), "class": "imap",
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
    group.append(_svg("path", {"class": "border", "d": f"M{pair_text(x, y - 5, 1)}v5h{number_text(length, 1)}v-5"}))
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
    data: bytes = ET.tostring(svg, encoding="utf-8", xml_declaration=False)
    return data + b"\n"
