"""Paging: a long list split into pages of a bounded size, and the links between them.

A page that would grow with the whole site (the archive of articles, an entry's occurrences)
holds at most a page's budget of items; the rest go to numbered pages after it, linked by a
pager (<nav>) that names its position: the previous and next pages, the first and the last, and
those near it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import TypeVar

from .interface import ENGLISH, Interface
from .markup import html_element

T = TypeVar("T")
# The folder under a paginated page that holds its pages after the first: page/2/, page/3/, …
PAGE_FOLDER = "page"
# A pager links to the first and last pages and to this many either side of the current one, so
# it holds as few links with a hundred pages as with ten: a page's budget of elements is spent on
# its list, not on links to every other page.
PAGER_REACH = 2


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """items in runs of at most size, in order; one empty run when there are none.

    >>> chunks([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    >>> chunks([], 2)
    [[]]
    """
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def budget_chunks(items: Sequence[T], weights: Sequence[int], budget: int) -> list[Sequence[T]]:
    """items in runs whose weights (one for each item) add up to at most budget, in order (an
    item heavier than the budget on its own makes a run of one); one empty run when there are none.

    >>> budget_chunks([3, 4, 2, 9, 1], [3, 4, 2, 9, 1], 7)
    [[3, 4], [2], [9], [1]]
    """
    runs: list[Sequence[T]] = []
    start, total = 0, 0
    for index, cost in enumerate(weights):
        if index > start and total + cost > budget:
            runs.append(items[start:index])
            start, total = index, 0
        total += cost
    if start < len(items):
        runs.append(items[start:])
    return runs or [items[:0]]


def page_path(base: str, number: int) -> str:
    """The Markdown path of page number (from 1) of a paginated page whose first page is base/index.md.

    >>> page_path("articles", 1), page_path("articles", 3)
    ('articles/index.md', 'articles/page/3/index.md')
    """
    return f"{base}/index.md" if number == 1 else f"{base}/{PAGE_FOLDER}/{number}/index.md"


# A page after the first of a paginated list, by its address: …/page/2/, …/page/3/.
_LATER_PAGE = re.compile(rf"^(.*/)?{PAGE_FOLDER}/[0-9]+/$")


def first_page(page_url: str) -> str | None:
    """The first page of the paginated list page_url continues (page_path's pages, by their
    address); None for any other page.

    >>> first_page("glossary/washington/page/3/"), first_page("articles/page/2/"), first_page("page/2/")
    ('glossary/washington/', 'articles/', '')
    >>> first_page("articles/page-2/") is None, first_page("glossary/washington/") is None
    (True, True)
    """
    match = _LATER_PAGE.match(page_url)
    return None if match is None else match.group(1) or ""


def link_between(current: int, target: int) -> str:
    """The relative address from page current to page target of the same paginated page.

    >>> link_between(1, 2), link_between(2, 1), link_between(2, 5), link_between(1, 1)
    ('page/2/', '../../', '../5/', './')
    """
    if current == target:
        return "./"
    if current == 1:
        return f"{PAGE_FOLDER}/{target}/"
    return "../../" if target == 1 else f"../{target}/"


def root_from(number: int) -> str:
    """The relative address from page number back to the folder of the first page.

    >>> root_from(1), root_from(4)
    ('', '../../')
    """
    return "" if number == 1 else "../../"


def pager_numbers(current: int, total: int, reach: int = PAGER_REACH) -> list[int | None]:
    """The page numbers a pager links to: the first, the last, and those within reach of the
    current one; None where pages are left out (never a single one, which is shown instead).

    >>> pager_numbers(6, 14)
    [1, None, 4, 5, 6, 7, 8, None, 14]
    >>> pager_numbers(2, 9)
    [1, 2, 3, 4, None, 9]
    >>> pager_numbers(4, 7)
    [1, 2, 3, 4, 5, 6, 7]
    """
    shown = sorted({1, total, *range(max(1, current - reach), min(total, current + reach) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) == 2:
            numbers.append(number - 1)
        elif numbers and number - (numbers[-1] or 0) > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def pager(current: int, total: int, ui: Interface = ENGLISH, label: str | None = None,
          href: Callable[[int, int], str] = link_between) -> ET.Element | None:
    """Links to the previous and next pages and to pages by number (see pager_numbers), the
    current one marked with aria-current; None when there is one page only."""
    if total <= 1:
        return None
    nav = html_element("nav", {"class": "pager", "aria-label": label or ui("Pages")})
    items = html_element("ul")
    if current > 1:
        items.append(html_element("li", {"class": "pager-newer"}, children=[
            html_element("a", {"href": href(current, current - 1), "rel": "prev"}, ui("Previous page"))]))
    for number in pager_numbers(current, total):
        if number is None:
            items.append(html_element("li", {"class": "pager-gap", "aria-hidden": "true"}, "…"))
            continue
        attributes = {"href": href(current, number), "aria-label": ui("Page {number}", number=number)}
        if number == current:
            attributes["aria-current"] = "page"
        items.append(html_element("li", {}, children=[html_element("a", attributes, str(number))]))
    if current < total:
        items.append(html_element("li", {"class": "pager-older"}, children=[
            html_element("a", {"href": href(current, current + 1), "rel": "next"}, ui("Next page"))]))
    nav.append(items)
    return nav
