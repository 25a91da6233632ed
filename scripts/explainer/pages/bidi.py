"""Bidi isolation: a segment's text into spans that isolate runs of the other direction.

Latin words inside Arabic and Arabic words inside English are wrapped in <bdi>, so the
Unicode bidi algorithm lays each run out on its own and neutral characters beside it (a
comma, a closing bracket, the full stop at the end of a sentence) take the direction of the
sentence around them: they land on the correct side instead of sticking to the run.
"""

from __future__ import annotations

import re

from ..knowledge.annotate import Language, Span

# A run of Latin words: starts and ends with a Latin letter or digit; inside it only
# Latin letters, digits, spaces and the marks that join words (U.S., F-16, Al-Sudani's).
# A full stop at the end stays outside: it belongs to the Arabic sentence.
_LATIN_RUN = re.compile(
    r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"
    r"(?:[A-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9 .,'’&/\-]*[A-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9])?"
)
# A run of Arabic words: Arabic letters and marks, with the spaces, digits (either kind) and
# Arabic punctuation inside it, so a quoted "حوالي 2500 جندي" stays one phrase; it starts
# and ends with a letter or mark.
_ARABIC_LETTER = r"\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF\u0750-\u077F\u08A0-\u08FF"
_ARABIC_MARK = r"\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF"
_ARABIC_RUN = re.compile(
    rf"[{_ARABIC_LETTER}](?:[{_ARABIC_LETTER}{_ARABIC_MARK}\u0640\u0660-\u06690-9%\u060C\u061B ]*[{_ARABIC_LETTER}{_ARABIC_MARK}])?"
)
# Isolation yields to every other annotation: a glossary term that crosses a run wins.
PRIORITY = -10


def isolation_spans(language: Language, text: str) -> list[Span]:
    """Spans isolating each run of the other script in a segment's text.

    >>> [(s.start, s.end, s.tag) for s in isolation_spans("ar", "قالت Reuters، إن F-16.")]
    [(5, 12, 'bdi'), (17, 21, 'bdi')]
    >>> [(s.start, s.end, dict(s.attributes)) for s in isolation_spans("en", "Sudani (السوداني).")]
    [(8, 16, {'lang': 'ar', 'dir': 'rtl'})]
    >>> [(s.start, s.end) for s in isolation_spans("en", '"حوالي 2500 جندي" means about 2,500 troops')]
    [(1, 16)]
    >>> isolation_spans("ar", "في سبتمبر 2024")
    []
    """
    if language == "ar":
        return [Span(m.start(), m.end(), "bdi", {}, PRIORITY) for m in _LATIN_RUN.finditer(text)]
    return [Span(m.start(), m.end(), "bdi", {"lang": "ar", "dir": "rtl"}, PRIORITY) for m in _ARABIC_RUN.finditer(text)]
