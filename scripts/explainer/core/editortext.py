"""Editor-written text (YAML fields, en.po translations) into problems for characters that cannot show literally;
and which letters are Arabic script.

The Arabic source has its invisible characters removed and recorded by the normaliser. Text
an editor writes by hand is shown as written, so a character that would make it display
other than it reads (a bidi override reverses what follows it) or that cannot be shown at
all (a control character) is refused at its line instead of being dropped silently.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Embeddings, overrides and isolates reorder the text around them; marks (LRM, RLM, ALM) do not.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Tabs and line breaks are ordinary white space in a YAML or PO string; other C0 and C1
# controls (category Cc) and the bidi controls are not.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def unshowable(text: str) -> str | None:
    """What in text cannot be shown literally, described for the editor, or None.

    >>> unshowable("Iraq\u202eqarI")
    'an invisible bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5'
    >>> unshowable("plain text") is None
    True
    """
    found = _UNSHOWABLE.search(text)
    if found is None:
        return None
    char, index = found.group(), found.start() + 1
    if char in BIDI_CONTROLS:
        return f"an invisible bidi control U+{ord(char):04X} ({unicodedata.name(char)}) at character {index}"
    return f"a control character U+{ord(char):04X} at character {index}"


TODO = "delete it (retype the text around it if you cannot see it); it would make the text display other than it reads"


@functools.lru_cache(maxsize=4096)
def is_arabic_letter(char: str) -> bool:
    """Whether a character is a letter of the Arabic script.

    >>> is_arabic_letter("ب"), is_arabic_letter("b"), is_arabic_letter("،")
    (True, False, False)
    """
    return unicodedata.category(char).startswith("L") and "ARABIC" in unicodedata.name(char, "")


def has_arabic_letters(text: str) -> bool:
    """Whether text holds a letter of the Arabic script.

    >>> has_arabic_letters("بغداد 2024"), has_arabic_letters("Baghdad")
    (True, False)
    """
    return any(is_arabic_letter(c) for c in text)
