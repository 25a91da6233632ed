"""Overview graphic: the timeline's eras and events into an inline SVG, drawn as an element tree.

Two drawings of the same data: a wide one, years running left to right, and a tall one for
phones, years running down. The page's CSS shows the one that fits. Colours come from CSS
(currentColor and custom properties), so the graphic follows the light and dark schemes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..intake.content import Bilingual
from ..knowledge.dates import Period, format_period, format_span
from ..knowledge.timeline import Timeline, TimelineEvent
from .interface import ENGLISH, Interface
from .markup import html_element

Orientation = Literal["wide", "tall"]
# Rough advance of one character of the labels, in SVG units per unit of font size.
_CHAR_WIDTH = 0.56
_WIDE = 960
_TALL = 360


@dataclass(frozen=True)
class Era:
    """A stretch of years named on the overview: from the event that opens it to the next era."""

    label: Bilingual
    start: date
    # None: still running when the timeline's last news was checked.
    end: date | None
    event: TimelineEvent


def eras(timeline: Timeline) -> tuple[Era, ...]:
    """The eras the events open, in order, each ending where the next begins."""
    openers = [e for e in timeline.events if e.era is not None]
    found = []
    for index, event in enumerate(openers):
        end = openers[index + 1].date.first if index + 1 < len(openers) else None
        assert event.era is not None
        found.append(Era(event.era, event.date.first, end, event))
    return tuple(found)


def axis_span(timeline: Timeline) -> tuple[date, date]:
    """From the first day of the first event's year to the last day of the latest year the
    timeline knows anything about (an event, its end, or a note on what happened next)."""
    days = [e.date.first for e in timeline.events]
    last = [e.date.last for e in timeline.events] + [e.end.last for e in timeline.events if e.end]
    last += [e.next.date.last for e in timeline.events if e.next and e.next.date]
    return date(min(days).year, 1, 1), date(max(last).year, 12, 31)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _middle(period: Period) -> date:
    return period.first + timedelta(days=(period.last - period.first).days // 2)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * _CHAR_WIDTH


@dataclass
class _Label:
    """A label to place: its text, where it wants to be, and where its leader line starts."""

    text: str
    want: float
    anchor: float
    css: str
    position: float = 0.0


def _spread(labels: list[_Label], gap: float, low: float) -> None:
    """Place labels in order along one line, each at least gap after the previous."""
    cursor = low
    for label in sorted(labels, key=lambda label: label.want):
        label.position = max(label.want, cursor)
        cursor = label.position + gap


def overview_svg(timeline: Timeline, orientation: Orientation, published: Sequence[date],
                 ui: Interface = ENGLISH) -> ET.Element:
    """One drawing of the overview, its labels and description in the edition's language;
    published are the articles' publication dates to mark."""
    first, last = axis_span(timeline)
    total = (last - first).days + 1
    era_list = eras(timeline)
    suffix = orientation
    title_id, desc_id = f"tl-overview-title-{suffix}", f"tl-overview-desc-{suffix}"
    svg = html_element("svg", {"class": f"tl-svg tl-svg-{orientation}", "role": "img",
                           "aria-labelledby": f"{title_id} {desc_id}", "xmlns": "http://www.w3.org/2000/svg"})
    svg.append(html_element("title", {"id": title_id}, ui("The story from {first} to {last}, in eras", first=first.year, last=last.year)))
    svg.append(html_element("desc", {"id": desc_id}, describe(timeline, era_list, published, ui)))
    if orientation == "wide":
        _draw_wide(svg, timeline, era_list, published, first, total, ui)
    else:
        _draw_tall(svg, timeline, era_list, published, first, total, ui)
    return svg


def describe(timeline: Timeline, era_list: Sequence[Era], published: Sequence[date], ui: Interface = ENGLISH) -> str:
    """The graphic in words, for readers who cannot see it."""
    first, last = axis_span(timeline)
    parts = [ui("A line of years from {first} to {last}, divided into eras:", first=first.year, last=last.year)]
    for era in era_list:
        end = f"{era.end.year}" if era.end else ui("the time of the latest news")
        parts.append(ui("{era}, {start} to {end};", era=_label(era, ui), start=era.start.year, end=end))
    planned = [e for e in timeline.events if e.status != "happened"]
    parts.append(ui.plural("{count} event is marked as a dot", "{count} events are marked as dots", len(timeline.events)))
    if planned:
        parts.append(ui.plural("({count} of them, hollow, still planned or expected when the article was published)",
                               "({count} of them, hollow, still planned or expected when the article was published)",
                               len(planned)))
    parts[-1] += "."
    for day in published:
        parts.append(ui("A dashed line marks the article's publication on {date}.", date=format_period(Period.day(day), ui.lang)))
    return " ".join(parts)


def _label(era: Era, ui: Interface) -> str:
    """An era's name in the edition's language."""
    return era.label.in_language(ui.lang)


def _published_label(day: date, ui: Interface) -> str:
    return ui("Article published {date}", date=format_period(Period.day(day), ui.lang))


def _era_class(index: int, era: Era) -> str:
    planned = " tl-era-planned" if era.event.status != "happened" else ""
    return f"tl-era tl-era-{index % 4}{planned}"


def _event_dot(event: TimelineEvent, cx: float, cy: float, radius: float, ui: Interface) -> ET.Element:
    css = "tl-dot" if event.status == "happened" else "tl-dot tl-dot-planned"
    dot = html_element("circle", {"class": css, "cx": _number(cx), "cy": _number(cy), "r": _number(radius)})
    dot.append(html_element("title", {}, event.title.in_language(ui.lang)))
    return dot


def _draw_wide(svg: ET.Element, timeline: Timeline, era_list: Sequence[Era], published: Sequence[date],
               first: date, total: int, ui: Interface) -> None:
    left, right, font = 8.0, _WIDE - 8.0, 13.0
    band_top, band_height, dots_y, axis_y = 66.0, 30.0, 110.0, 124.0
    # Labels too long for their era stand above the band, on the nearest free row.
    row_heights = (band_top - 14, band_top - 32, band_top - 50)

    def x(day: date) -> float:
        return left + (right - left) * (day - first).days / total

    axis_end = first + timedelta(days=total)
    rows: list[list[tuple[float, float]]] = [[] for _ in row_heights]
    for index, era in enumerate(era_list):
        x0, x1 = x(era.start), x(era.end or axis_end)
        svg.append(html_element("rect", {"class": _era_class(index, era), "x": _number(x0), "y": _number(band_top),
                                     "width": _number(x1 - x0), "height": _number(band_height)}))
        width = _text_width(_label(era, ui), font)
        centre = (x0 + x1) / 2
        if width + 10 <= x1 - x0:
            svg.append(html_element("text", {"class": "tl-era-label", "x": _number(centre), "y": _number(band_top + 20),
                                         "text-anchor": "middle"}, _label(era, ui)))
            continue
        start = min(max(centre - width / 2, left), right - width)
        free = [i for i, r in enumerate(rows) if all(start + width + 12 < a or b + 12 < start for a, b in r)]
        row = free[0] if free else len(rows) - 1
        rows[row].append((start, start + width))
        y = row_heights[row]
        svg.append(html_element("line", {"class": "tl-leader", "x1": _number(centre), "y1": _number(band_top),
                                     "x2": _number(min(max(centre, start), start + width)), "y2": _number(y + 4)}))
        svg.append(html_element("text", {"class": "tl-era-label", "x": _number(start), "y": _number(y)}, _label(era, ui)))
    for event in timeline.events:
        if event.end:
            svg.append(html_element("line", {"class": "tl-span", "x1": _number(x(event.date.first)), "y1": _number(dots_y),
                                         "x2": _number(x(event.end.last)), "y2": _number(dots_y)}))
        svg.append(_event_dot(event, x(_middle(event.date)), dots_y, 5, ui))
    svg.append(html_element("line", {"class": "tl-axis", "x1": _number(left), "y1": _number(axis_y),
                                 "x2": _number(right), "y2": _number(axis_y)}))
    for year in range(first.year, axis_end.year):
        tick = x(date(year, 1, 1))
        svg.append(html_element("line", {"class": "tl-tick", "x1": _number(tick), "y1": _number(axis_y),
                                     "x2": _number(tick), "y2": _number(axis_y + 5)}))
    for year in _labelled_years(timeline, first, axis_end):
        svg.append(html_element("text", {"class": "tl-year", "x": _number(x(date(year, 7, 1))), "y": _number(axis_y + 19),
                                     "text-anchor": "middle"}, str(year)))
    for day in published:
        svg.append(html_element("line", {"class": "tl-published", "x1": _number(x(day)), "y1": _number(band_top - 6),
                                     "x2": _number(x(day)), "y2": _number(axis_y + 24)}))
        label = _published_label(day, ui)
        svg.append(html_element("text", {"class": "tl-published-label", "x": _number(x(day) - 4), "y": _number(axis_y + 38),
                                     "text-anchor": "end"}, label))
    svg.set("viewBox", f"0 0 {_WIDE} {_number(axis_y + 46)}")


def _draw_tall(svg: ET.Element, timeline: Timeline, era_list: Sequence[Era], published: Sequence[date],
               first: date, total: int, ui: Interface) -> None:
    top, per_year, font = 14.0, 20.0, 13.0
    axis_x, band_x, band_width, label_x = 44.0, 50.0, 20.0, 84.0
    axis_end = first + timedelta(days=total)
    bottom = top + per_year * (axis_end.year - first.year)

    def y(day: date) -> float:
        return top + (bottom - top) * (day - first).days / total

    labels: list[_Label] = []
    for index, era in enumerate(era_list):
        y0, y1 = y(era.start), y(era.end or axis_end)
        svg.append(html_element("rect", {"class": _era_class(index, era), "x": _number(band_x), "y": _number(y0),
                                     "width": _number(band_width), "height": _number(y1 - y0)}))
        labels.append(_Label(_label(era, ui), (y0 + y1) / 2 + font / 3, (y0 + y1) / 2, "tl-era-label"))
    for day in published:
        svg.append(html_element("line", {"class": "tl-published", "x1": _number(axis_x - 4), "y1": _number(y(day)),
                                     "x2": _number(band_x + band_width + 6), "y2": _number(y(day))}))
        labels.append(_Label(_published_label(day, ui), y(day) + font / 3, y(day), "tl-published-label"))
    _spread(labels, font + 4, top + font)
    for label in labels:
        svg.append(html_element("line", {"class": "tl-leader", "x1": _number(band_x + band_width + 2),
                                     "y1": _number(label.anchor), "x2": _number(label_x - 4),
                                     "y2": _number(label.position - font / 3)}))
        svg.append(html_element("text", {"class": label.css, "x": _number(label_x), "y": _number(label.position)}, label.text))
    for event in timeline.events:
        centre = band_x + band_width / 2
        if event.end:
            svg.append(html_element("line", {"class": "tl-span", "x1": _number(centre), "y1": _number(y(event.date.first)),
                                         "x2": _number(centre), "y2": _number(y(event.end.last))}))
        svg.append(_event_dot(event, centre, y(_middle(event.date)), 4, ui))
    svg.append(html_element("line", {"class": "tl-axis", "x1": _number(axis_x), "y1": _number(top),
                                 "x2": _number(axis_x), "y2": _number(bottom)}))
    for year in range(first.year, axis_end.year):
        tick = y(date(year, 1, 1))
        svg.append(html_element("line", {"class": "tl-tick", "x1": _number(axis_x - 4), "y1": _number(tick),
                                     "x2": _number(axis_x), "y2": _number(tick)}))
    for year in _labelled_years(timeline, first, axis_end):
        svg.append(html_element("text", {"class": "tl-year", "x": _number(axis_x - 7), "y": _number(y(date(year, 7, 1)) + 4),
                                     "text-anchor": "end"}, str(year)))
    height = max(bottom, max((label.position for label in labels), default=0.0)) + 12
    svg.set("viewBox", f"0 0 {_TALL} {_number(height)}")


def _labelled_years(timeline: Timeline, first: date, axis_end: date) -> list[int]:
    """The years worth a label: the first and last, and every year an event begins in."""
    years = {first.year, axis_end.year - 1} | {e.date.first.year for e in timeline.events}
    return sorted(years)


def era_caption(era: Era, locale: str) -> str:
    """An era's years in words, for the caption: '2003 – 2011', or 'from 2025'."""
    start = Period.containing(era.start, "year")
    if era.end is None:
        return ("from " if locale == "en" else "ابتداءً من ") + format_period(start, locale)
    return format_span(start, Period.containing(era.end, "year"), locale)
