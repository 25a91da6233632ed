"""Archive: every article, newest first, by year and month, in pages of at most ARCHIVE_PAGE_SIZE.

/articles/ is the archive's first page, /articles/page/2/ its second, and so on. Each page lists
its articles under a heading for their month (date, both titles, publisher, translation status),
names its place among the pages, links to every other page, and lists every month of the
archive with a link to the page where that month's articles begin. No page lists the whole site:
what one holds is bounded by the page size and the number of months.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

from babel.dates import format_date

from ..intake.catalog import Translation
from ..intake.content import Article
from .interface import ENGLISH, Interface
from .markup import block_lines, html_element, to_html
from .paging import chunks, link_between, page_path, pager, root_from
from .render import Page, article_item, front_matter, newest_first

ARCHIVE = "articles"
# At most this many articles on one page of the archive.
ARCHIVE_PAGE_SIZE = 30
Entry = tuple[Article, Mapping[str, Translation]]


@lru_cache(maxsize=1024)
def month_name(month: date, locale: str, pattern: str = "MMMM y") -> str:
    """A month as readers of a locale name it, by Babel.

    >>> month_name(date(2024, 7, 1), "en")
    'July 2024'
    """
    return format_date(month, pattern, locale=locale)


def month_id(day: date) -> str:
    """The anchor of a month's heading on the archive.

    >>> month_id(date(2024, 7, 22))
    'm-2024-07'
    """
    return f"m-{day.year}-{day.month:02d}"


def month_pages(articles: Sequence[tuple[date, str]]) -> dict[date, int]:
    """The archive's page on which each month's articles begin, from every article's (date, slug).

    >>> month_pages([(date(2024, 7, day), f"a{day}") for day in range(1, 32)])
    {datetime.date(2024, 7, 1): 1}
    """
    ordered = sorted(articles, reverse=True)
    found: dict[date, int] = {}
    for index, (published, _) in enumerate(ordered):
        found.setdefault(published.replace(day=1), index // ARCHIVE_PAGE_SIZE + 1)
    return found


def month_address(month: date, pages: Mapping[date, int]) -> str:
    """A month's heading on the archive, from the archive's folder (see month_pages).

    >>> month_address(date(2024, 7, 1), {date(2024, 7, 1): 3})
    'page/3/#m-2024-07'
    """
    page = pages.get(month, 1)
    return ("" if page == 1 else link_between(1, page)) + f"#{month_id(month)}"


def _months_index(pages: Sequence[Sequence[Entry]], current: int, ui: Interface) -> ET.Element:
    """Every year of the archive with its months, each linked to the page where it begins."""
    first_page: dict[date, int] = {}
    for number, entries in enumerate(pages, start=1):
        for article, _ in entries:
            first_page.setdefault(article.meta.published.replace(day=1), number)
    years: dict[int, list[date]] = {}
    for month in first_page:
        years.setdefault(month.year, []).append(month)
    listing = html_element("ul", {"class": "archive-months"})
    for year, months in years.items():
        links = html_element("span", {"class": "archive-month-links"})
        for index, month in enumerate(months):
            page = first_page[month]
            address = ("" if page == current else link_between(current, page)) + f"#{month_id(month)}"
            link = html_element("a", {"href": address, "aria-label": month_name(month, ui.lang)},
                                month_name(month, ui.lang, "MMMM"))
            link.tail = ", " if index < len(months) - 1 else None
            links.append(link)
        label = html_element("span", {"class": "archive-year"}, str(year))
        label.tail = ": "
        listing.append(html_element("li", {}, children=[label, links]))
    return html_element("nav", {"class": "archive-index", "aria-label": ui("Months")}, children=[
        html_element("p", {"class": "archive-index-head"}, ui("By month:")), listing])


def _page(entries: Sequence[Entry], pages: Sequence[Sequence[Entry]], number: int, total_articles: int,
          ui: Interface) -> Page:
    total = len(pages)
    title = ui("Articles") if number == 1 else ui("Articles, page {number} of {total}", number=number, total=total)
    description = ui("Every article on the site, newest first, in Arabic and English.")
    # Pages after the first are not in the sidebar (see the month headings below).
    hidden = {} if number == 1 else {"hide": ["toc"]}
    parts = [front_matter({"title": title, "description": description, **hidden}), f"# {title}"]
    if entries:
        shown = (ui("Articles {first} to {last} of {count}, newest first.", first=(number - 1) * ARCHIVE_PAGE_SIZE + 1,
                    last=(number - 1) * ARCHIVE_PAGE_SIZE + len(entries), count=total_articles))
        parts.append(to_html(html_element("p", {"class": "archive-shown"}, shown)))
    else:
        parts.append(to_html(html_element("p", {"class": "archive-shown"}, ui("No articles yet."))))
    months = _months_index(pages, number, ui)
    block_lines(months)
    parts.append(to_html(months))
    top = pager(number, total, ui, ui("Pages of the archive"))
    if top is not None:
        block_lines(top)
        parts.append(to_html(top))
    base = root_from(number)  # the articles' folders stand beside page/
    group: list[Entry] = []
    for index, entry in enumerate(entries):
        group.append(entry)
        month = entry[0].meta.published.replace(day=1)
        if index + 1 == len(entries) or entries[index + 1][0].meta.published.replace(day=1) != month:
            # On the first page (in the sidebar) a Markdown heading, listed in the table of contents;
            # later pages are not in the sidebar, where Material keeps the table's toggle, so they
            # have none (its label would name no control: Nu), and raw HTML headings.
            parts.append(f"## {month_name(month, ui.lang)} {{#{month_id(month)}}}" if number == 1 else
                         to_html(html_element("h2", {"id": month_id(month)}, month_name(month, ui.lang))))
            items = html_element("ul", {"class": "article-list"},
                                 children=[article_item(article, translations, base, ui)
                                           for article, translations in group])
            block_lines(items)
            parts.append(to_html(items))
            group = []
    bottom = pager(number, total, ui, ui("Pages of the archive, at its end"))
    if bottom is not None:
        block_lines(bottom)
        parts.append(to_html(bottom))
    return Page(page_path(ARCHIVE, number), "\n\n".join(p.strip("\n") for p in parts) + "\n")


def render_archive(entries: Sequence[Entry], ui: Interface = ENGLISH) -> list[Page]:
    """The archive's pages: /articles/, then /articles/page/2/ and on, ARCHIVE_PAGE_SIZE articles each."""
    ordered = newest_first(entries)
    pages = chunks(ordered, ARCHIVE_PAGE_SIZE)
    return [_page(chunk, pages, number, len(ordered), ui) for number, chunk in enumerate(pages, start=1)]
