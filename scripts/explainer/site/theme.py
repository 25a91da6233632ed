"""Theme fixes: a page as Material renders it into valid HTML, where no template block can reach."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

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


# Material's settings for its bundle, a JSON object its base.html writes with Jinja's tojson.
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def drop_material_search(html: str) -> str:
    """The page without Material's search in its settings (__config): the address of its search
    worker, and the search box's words among its translations.

    The bundle starts the worker only for a search box of Material's own, which the site has
    not (its search is Pagefind's), and the build removes the file (explainer.site.unused_assets):
    the address would name a missing file, and the words would be read by nothing, on every page.
    The settings are written back as tojson wrote them.

    >>> drop_material_search('<script id="__config" type="application/json">{"base": ".", '
    ...                    '"search": "assets/javascripts/workers/search.a7633da7.min.js", '
    ...                    '"translations": {"clipboard.copy": "Copy", "search.result.none": "None"}}</script>')
    '<script id="__config" type="application/json">{"base": ".", "translations": {"clipboard.copy": "Copy"}}</script>'
    """
    match = _CONFIG.search(html)
    if match is None:
        return html
    try:
        settings = json.loads(match.group(2))
    except ValueError:
        return html
    if not isinstance(settings, dict):
        return html
    words = settings.get("translations")
    if "search" not in settings and not (isinstance(words, dict) and any(key.startswith("search.") for key in words)):
        return html
    settings.pop("search", None)
    if isinstance(words, dict):
        settings["translations"] = {key: value for key, value in words.items() if not key.startswith("search.")}
    return html[:match.start(2)] + str(htmlsafe_json_dumps(settings, sort_keys=True)) + html[match.end(2):]


_HTML_START = re.compile(r"<html\b([^>]*)>")


def html_direction(html: str, direction: str) -> str:
    """The page with dir on its <html> element, which Material sets only on <body>.

    A right-to-left edition needs it on the root, so the whole document, its scroll bars and
    anything outside <body> run right to left.

    >>> html_direction('<!doctype html><html lang="ar" class="no-js"><body dir="rtl">', "rtl")
    '<!doctype html><html lang="ar" dir="rtl" class="no-js"><body dir="rtl">'
    >>> html_direction('<html lang="ar" dir="rtl">', "rtl")
    '<html lang="ar" dir="rtl">'
    """
    match = _HTML_START.search(html)
    if match is None or " dir=" in match.group(1):
        return html
    attributes = re.sub(r'(\blang="[^"]*")', rf'\1 dir="{direction}"', match.group(1), count=1)
    if attributes == match.group(1):
        attributes += f' dir="{direction}"'
    return html[:match.start()] + f"<html{attributes}>" + html[match.end():]


def section_titles_from_index_pages(pages: Iterable[Any]) -> int:
    """Title each navigation section after its index page; return how many changed.

    MkDocs names a section after its folder ("Glossary"), in English whatever the edition's
    language; the page's own title ("المسرد") is the edition's. Run it once the pages' titles
    are known and before any page is written: MkDocs' on_env.
    """
    changed = 0
    for page in pages:
        section = getattr(page, "parent", None)
        if getattr(page, "is_index", False) and section is not None and page.title and section.title != page.title:
            section.title = page.title
            changed += 1
    return changed


# Where white space is the text itself: preformatted text and form fields keep every space.
_KEEPS_SPACE = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
# A line break and the indentation and blank lines after it, or spaces left at a line's end
# (ASCII white space only: a no-break space is text).
_INDENTATION = re.compile(r"[ \t]*\n[ \t\r\n]*")


def collapse_indentation(html: str) -> str:
    """The page with each line break's indentation and blank lines reduced to the line break.

    Material's templates indent every tag and leave a blank line for each Jinja statement: 5 to
    10 % of a page's bytes, on every page. Where HTML collapses white space, a line break reads
    as the spaces it replaces, so the page shows the same text and the same gaps; inside <pre>
    and <textarea> nothing changes. (minify-html would save twice as much, but it also drops
    quotes and reorders attributes, which every reader of our pages' source would meet.)

    >>> collapse_indentation('<ul>\\n    <li>one\\n\\n      two</li>  \\n</ul>')
    '<ul>\\n<li>one\\ntwo</li>\\n</ul>'
    >>> collapse_indentation('<p>a</p>\\n  <pre>x\\n    y</pre>\\n  <p>b</p>')
    '<p>a</p>\\n<pre>x\\n    y</pre>\\n<p>b</p>'
    """
    parts = _KEEPS_SPACE.split(html)
    # split() gives text, then each kept block and its tag name, in turn.
    out = []
    for index in range(0, len(parts), 3):
        out.append(_INDENTATION.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
