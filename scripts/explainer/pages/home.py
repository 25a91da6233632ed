"""Home stage: the hand-written content/home.md and the list of articles into docs/index.md.

The home page's prose is the editors' own Markdown, kept in content/ like every other input;
the build puts the latest articles (at most LATEST) and a link to the archive of all of them
where home.md has the marker line, or at its end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..core.problems import ContentError, Problem, display_path
from ..intake.catalog import Translation
from ..intake.content import Article
from .interface import ENGLISH, Interface
from .markup import html_element, to_html
from .render import Page, article_list, newest_first

HOME_NAME = "home.md"
# The line in home.md that the article list replaces.
LIST_MARKER = "<!-- articles -->"
# The home page lists at most this many articles, the newest; the archive (/articles/) has them all.
LATEST = 10


def render_home(home: str, entries: Sequence[tuple[Article, Mapping[str, Translation]]], ui: Interface = ENGLISH) -> Page:
    """docs/index.md: home.md with the latest articles, newest first, and a link to the archive, at its marker.

    >>> render_home("# Home\\n\\n<!-- articles -->\\n\\nMore.\\n", []).text
    '# Home\\n\\n<ul class="article-list"></ul>\\n<p class="archive-link"><a href="articles/">All articles, by month</a></p>\\n\\nMore.\\n'
    """
    latest = newest_first(entries)[:LATEST]
    more = html_element("p", {"class": "archive-link"}, children=[html_element("a", {"href": "articles/"}, ui(
        "All articles, by month") if len(entries) <= LATEST else ui("All {count} articles, by month", count=len(entries)))])
    listing = to_html(article_list(latest, "articles/", ui)) + "\n" + to_html(more)
    lines = home.split("\n")
    if LIST_MARKER in (line.strip() for line in lines):
        text = "\n".join(listing if line.strip() == LIST_MARKER else line for line in lines)
    else:
        text = home.rstrip("\n") + "\n\n" + listing + "\n"
    return Page("index.md", text)


def read_home(content: Path, name: str = HOME_NAME) -> str | None:
    """The text of content/home.md (or an edition's, home.ar.md), or None when the site has none."""
    path = content / name
    if not path.exists():
        return None
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([Problem(display_path(path), None, f"cannot read the home page ({error})",
                                    "save it as UTF-8 Markdown")]) from None
