"""Theme fixes: a page as Material renders it into valid HTML, where no template block can reach."""

from __future__ import annotations

import re

# Material's drawer and search toggles (base.html, outside any block) carry autocomplete="off",
# which HTML allows only on text-like inputs; the Nu HTML Checker reports it as an error.
_CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"")


def drop_checkbox_autocomplete(html: str) -> tuple[str, int]:
    """The page without autocomplete attributes on checkboxes, and how many were dropped.

    >>> drop_checkbox_autocomplete('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">')
    ('<input class="md-toggle" type="checkbox" id="__drawer">', 1)
    >>> drop_checkbox_autocomplete('<input type="text" autocomplete="off">')[1]
    0
    """
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        fixed, found = _AUTOCOMPLETE.subn("", match.group())
        count += found
        return fixed

    return _CHECKBOX.sub(fix, html), count
