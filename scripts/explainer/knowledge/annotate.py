"""Annotate stage: a segment's text and the spans found in it into inline HTML elements.

Matchers (glossary terms, dates) each return Spans over a segment's text; `inline_children`
nests them into one element tree. Text stays text: spans only wrap it, so the words on the
page are exactly the segment's words, and `explainer verify` can prove it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Language = Literal["ar", "en"]


@dataclass(frozen=True)
class Span:
    """A stretch of a segment's text [start, end) to wrap in an element.

    extra holds elements appended inside the wrapper after the wrapped text (a tooltip,
    say); they are marked data-verify-skip so verification ignores their words.
    """

    start: int
    end: int
    tag: str
    attributes: Mapping[str, str]
    priority: int = 0
    extra: tuple[ET.Element, ...] = field(default=(), compare=False)


# A matcher looks at one segment's text in one language and returns the spans it found.
Matcher = Callable[[str, Language, str], Sequence[Span]]


@dataclass(frozen=True)
class Dropped:
    """A span left out because it crossed another span's boundary."""

    span: Span
    reason: str


def nest_spans(spans: Sequence[Span]) -> tuple[list[Span], list[Dropped]]:
    """Order spans so that each either contains or follows the ones before it.

    A span that crosses a kept span's boundary is dropped (the higher priority, then the
    longer, then the earlier span is kept), and reported.

    >>> a, b, c = Span(0, 5, "a", {}), Span(2, 4, "time", {}), Span(3, 8, "a", {})
    >>> kept, dropped = nest_spans([c, b, a])
    >>> [(s.start, s.end) for s in kept], [(d.span.start, d.span.end) for d in dropped]
    ([(0, 5), (2, 4)], [(3, 8)])
    """
    ranked = sorted(spans, key=lambda s: (-s.priority, -(s.end - s.start), s.start))
    kept: list[Span] = []
    dropped: list[Dropped] = []
    for span in ranked:
        start, end = span.start, span.end
        if end <= start:
            dropped.append(Dropped(span, "empty"))
            continue
        # A loop, not next() over a generator: it runs for every span of every segment.
        for k in kept:
            # Crossing: overlapping, neither inside the other (both are non-empty).
            if k.start < start < k.end < end or start < k.start < end < k.end:
                dropped.append(Dropped(span, f"crosses {k.tag} at {k.start}-{k.end}"))
                break
        else:
            kept.append(span)
    kept.sort(key=lambda s: (s.start, -s.end, -s.priority))
    return kept, dropped


def inline_children(container: ET.Element, text: str, spans: Sequence[Span]) -> list[Dropped]:
    """Fill container with text, wrapping each span's stretch in its element."""
    kept, dropped = nest_spans(spans)
    container.text = None
    # The open elements, innermost last, each with where its span ends and the extras it closes
    # with; the container is open to the end of the text.
    stack: list[tuple[ET.Element, int, tuple[ET.Element, ...]]] = [(container, len(text), ())]
    position = 0

    def append_text(value: str) -> None:
        """Text at the current position: after the innermost open element's last child, or in it."""
        parent = stack[-1][0]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + value
        else:
            parent.text = (parent.text or "") + value

    # Each span closes the elements that end before it starts, then opens its own; the end of
    # the text (None) closes what is left.
    for span in (*kept, None):
        limit = len(text) if span is None else span.start
        while len(stack) > 1 and stack[-1][1] <= limit:
            element, end, extras = stack[-1]
            if position < end:
                append_text(text[position:end])
                position = end
            for extra in extras:
                extra.set("data-verify-skip", "")
                element.append(extra)
            stack.pop()
        if position < limit:
            append_text(text[position:limit])
            position = limit
        if span is not None:
            stack.append((ET.SubElement(stack[-1][0], span.tag, dict(span.attributes)), span.end, span.extra))
    return dropped
