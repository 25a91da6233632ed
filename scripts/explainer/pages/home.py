"""Home stage: the hand-written content/home.md and the list of articles into docs/index.md.

The home page's prose is the editors' own Markdown, kept in content/ like every other input;
the build puts the list of every article where home.md has the marker line, or at its end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..core.problems import ContentError, Problem, display_path
from ..intake.catalog import Translation
from ..intake.content import Article
from .interface import ENGLISH, Interface
from .markup import to_html
from .render import Page, article_list

HOME_NAME = "home.md"
# The line in home.md that the article list replaces.
LIST_MARKER = "<!-- articles -->"


def render_home(home: str, entries: Sequence[tuple[Article, Mapping[str, Translation]]], ui: Interface = ENGLISH) -> Page:
    """docs/index.md: home.md with the list of articles, newest first, at its marker.

    >>> render_home("# Home\\n\\n<!-- articles -->\\n\\nMore.\\n", []).text
    '# Home\\n\\n<ul class="article-list"></ul>\\n\\nMore.\\n'
    """
    listing = to_html(article_list(entries, "articles/", ui))
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
