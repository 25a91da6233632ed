"""Timeline page: the checked Timeline into /timeline/ (Markdown with raw HTML built as element
trees), with its overview graphic, and into TimelineJS JSON files for reuse."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..intake.content import SourceCitation as Citation
from ..knowledge.dates import Period, format_period, format_span
from ..knowledge.timeline import ArticleInfo, SegmentRef, Timeline, TimelineEvent
from .archive import month_address, month_name, month_pages
from .citations import citation_list
from .glossary_page import segment_label
from .interface import ENGLISH, Interface, fill
from .markup import html_element, to_html
from .overview import Era, era_caption, eras, overview_svg
from .render import Page, front_matter
from .sharing import SHARING_KEY, timeline_facts

PAGE_PATH = "timeline/index.md"
# An event lists the sentences of at most this many articles that give its date (the first ones).
REFERENCED_ARTICLES = 10
# A year's page marks each article's publication up to this many articles that year; past it,
# one marker a month, with its count and a link to the archive.
MARKED_ARTICLES = 12
JSON_PATHS = {"en": "timeline/timeline.json", "ar": "timeline/timeline.ar.json"}
ARTICLES_URL = "../../articles/"
STATUS_LABELS = {"planned": "Planned when the article was published",
                 "expected": "Expected when the article was published"}
STATUS_GROUPS = {"happened": ("Happened", "وقع"), "planned": ("Planned at publication", "مخطط له عند النشر"),
                 "expected": ("Expected at publication", "متوقع عند النشر")}
_INTRO = ("The story of the US-led forces in Iraq, from the 2003 invasion to the end of the coalition's "
          "mission. Every date in the articles leads here, and every event leads back to the sentences "
          "it rests on. Events still ahead when an article was published are marked as planned; where "
          "we now know what became of them, a note says so and cites its sources.")


def _lines(element: ET.Element) -> None:
    """Put each child of an element that holds only elements on a line of its own, so golden
    diffs are readable; text and inline runs are left exactly as they are."""
    mixed = (element.text or "").strip() or any((child.tail or "").strip() for child in element)
    if len(element) and not mixed and element.tag not in ("p", "h3", "a", "q", "cite", "time", "span", "text"):
        element.text = "\n"
        for child in element:
            _lines(child)
            child.tail = "\n"


def event_dates(event: TimelineEvent, locale: str) -> str:
    """An event's date, or its start and end, in a locale's words (Babel)."""
    if event.end is None:
        return format_period(event.date, locale)
    return format_span(event.date, event.end, locale)


def _when(event: TimelineEvent, ui: Interface = ENGLISH) -> ET.Element:
    """The event's date as <time>, in English, then in Arabic with Iraqi month names beside
    (a bare year reads the same in both, and is given once); the Arabic edition puts the
    Arabic first."""
    when = html_element("p", {"class": "tl-when"})
    english = event_dates(event, "en")
    when.append(html_element("time", event.value.html_attributes, english))
    standard, iraqi = event_dates(event, "ar"), event_dates(event, "ar_IQ")
    if standard == english:
        return when
    arabic = {"lang": "ar", "dir": "rtl"}
    when[-1].tail = " "
    when.append(html_element("span", {"class": "tl-when-ar", **arabic}, standard))
    if iraqi != standard:
        when[-1].tail = " "
        when.append(html_element("span", {"class": "tl-when-ar tl-when-iq", "title": ui("Iraqi and Levantine month names"),
                                      **arabic}, iraqi))
    if ui.lang != "en":
        # The Arabic dates lead; the English <time> follows them, marked as English.
        first = when[0]
        first.set("lang", "en")
        when.remove(first)
        when[-1].tail = " "
        first.tail = None
        when.append(first)
    return when


def _pair(css: str, english: str, arabic: str, tag: str = "p", ui: Interface = ENGLISH) -> ET.Element:
    pair = [html_element(tag, {"lang": "en"}, english), html_element(tag, {"lang": "ar", "dir": "rtl"}, arabic)]
    return html_element("div", {"class": f"tl-pair {css}"}, children=pair if ui.lang == "en" else pair[::-1])


def _citations(citations: Sequence[Citation], ui: Interface = ENGLISH) -> ET.Element:
    return citation_list(citations, "tl-sources", ui)


def _back_references(event: TimelineEvent, timeline: Timeline, ui: Interface = ENGLISH) -> list[ET.Element]:
    """Links to the sentences the event rests on, quoting the date each one gives."""
    refs: dict[SegmentRef, None] = dict.fromkeys(event.segments)
    for link in timeline.links_to(event.id):
        refs.setdefault(SegmentRef(link.slug, link.segment), None)
    by_article: dict[str, list[SegmentRef]] = {}
    for ref in refs:
        by_article.setdefault(ref.slug, []).append(ref)
    blocks = []
    shown = list(by_article.items())[:REFERENCED_ARTICLES]
    for slug, article_refs in shown:
        article = timeline.articles[slug]
        title = article.title.in_language(ui.lang)
        cite = html_element("cite", {}, children=[html_element("a", {"href": f"{ARTICLES_URL}{slug}/"}, title)])
        head = fill(html_element("p", {"class": "tl-refs-head"}), ui("In the article {title}:"), title=cite)
        items = [_reference_item(ref, article, event, timeline, ui) for ref in article_refs]
        blocks.append(html_element("div", {"class": "tl-refs"}, children=[head, html_element("ul", {}, children=items)]))
    if len(by_article) > len(shown):
        blocks.append(html_element("p", {"class": "tl-refs-more"}, ui.plural(
            "And {count} more article gives this date; its dates link here.",
            "And {count} more articles give this date; their dates link here.", len(by_article) - len(shown))))
    return blocks


def _reference_item(ref: SegmentRef, article: ArticleInfo, event: TimelineEvent, timeline: Timeline,
                    ui: Interface = ENGLISH) -> ET.Element:
    kind, number = article.places[ref.segment]
    item = html_element("li", {}, children=[
        html_element("a", {"href": f"{ARTICLES_URL}{ref.slug}/#{ref.segment}"}, segment_label(kind, number, ui))])
    quotes = [link for link in timeline.links_to(event.id) if link.slug == ref.slug and link.segment == ref.segment]
    for link in sorted(quotes, key=lambda link: link.language, reverse=True):
        attributes = {"lang": "ar", "dir": "rtl"} if link.language == "ar" else {"lang": "en"}
        quote = html_element("q", attributes, link.text)
        item[-1].tail = (item[-1].tail or "") + " "
        item.append(quote)
    return item


def _next_note(event: TimelineEvent, ui: Interface = ENGLISH) -> list[ET.Element]:
    note = event.next
    if note is None:
        return []
    head = html_element("p", {"class": "tl-next-head"})
    if note.date:
        fill(head, ui("What happened next, to {date}"),
             date=html_element("time", {"datetime": note.date.iso}, format_period(note.date, ui.lang)))
    else:
        head.text = ui("What happened next")
    title = event.title.in_language(ui.lang)
    # Each region needs a name of its own (axe: landmark-unique), so it names its event.
    return [html_element("section", {"class": "tl-next", "aria-label": ui("What happened next: {title}", title=title)}, children=[
        head, _pair("tl-next-text", note.text.en, note.text.ar, ui=ui), _citations(note.sources, ui)])]


def _era_note(event: TimelineEvent, era_list: Sequence[Era], ui: Interface = ENGLISH) -> list[ET.Element]:
    era = next((e for e in era_list if e.event.id == event.id), None)
    if era is None:
        return []
    note = fill(html_element("p", {"class": "tl-era-note"}), ui("Opens the era {era}, {years}"),
                era=html_element("b", {}, era.label.in_language(ui.lang)),
                years=era_caption(era, ui.lang))
    note[-1].tail = (note[-1].tail or "") + " "
    note.append(html_element("span", {"lang": "ar", "dir": "rtl"}, era.label.ar) if ui.lang == "en"
                else html_element("span", {"lang": "en"}, era.label.en))
    return [note]


def render_event(event: TimelineEvent, timeline: Timeline, era_list: Sequence[Era] = (),
                 ui: Interface = ENGLISH) -> ET.Element:
    """One event as a list item with its id: dates, status, titles, text, links and sources
    (the edition's language first)."""
    item = html_element("li", {"class": "tl-event", "id": event.id, "data-status": event.status})
    item.append(_when(event, ui))
    body = html_element("div", {"class": "tl-body"})
    if event.status in STATUS_LABELS:
        body.append(html_element("p", {"class": "tl-status"}, ui(STATUS_LABELS[event.status])))
    titles = [html_element("span", {"class": "title-en", "lang": "en"}, event.title.en),
              html_element("span", {"class": "title-ar", "lang": "ar", "dir": "rtl"}, event.title.ar)]
    body.append(html_element("h3", {"class": "tl-title"}, children=titles if ui.lang == "en" else titles[::-1]))
    body.extend(_era_note(event, era_list, ui))
    body.append(_pair("tl-description", event.description.en, event.description.ar, ui=ui))
    body.extend(_next_note(event, ui))
    body.extend(_back_references(event, timeline, ui))
    if event.sources:
        body.append(html_element("p", {"class": "tl-sources-head"}, ui("Sources for what the article does not state:")))
        body.append(_citations(event.sources, ui))
    item.append(body)
    return item


def _publication_marker(article: ArticleInfo, ui: Interface = ENGLISH) -> ET.Element:
    title = article.title.in_language(ui.lang)
    cite = html_element("cite", {}, children=[html_element("a", {"href": f"{ARTICLES_URL}{article.slug}/"}, title)])
    when = html_element("time", {"datetime": article.published.isoformat()},
                    format_period(Period.day(article.published), ui.lang))
    text = fill(html_element("p"), ui("Published: {title}, {date}. Events after this line were still ahead of the article."),
                title=cite, date=when)
    return html_element("li", {"class": "tl-publication"}, children=[text])


def _month_marker(month: date, count: int, archive: Mapping[date, int], ui: Interface = ENGLISH) -> ET.Element:
    """Where a year has many articles: one line for a month's, linked to the archive."""
    text = fill(html_element("p"), ui.plural("{count} article published in {month}: {archive}.",
                                             "{count} articles published in {month}: {archive}.", count,
                                             month="{month}", archive="{archive}"),
                month=month_name(month, ui.lang),
                archive=html_element("a", {"href": ARTICLES_URL + month_address(month, archive)}, ui("the archive")))
    return html_element("li", {"class": "tl-publication"}, children=[text])


def _markers(articles: Sequence[ArticleInfo], archive: Mapping[date, int], ui: Interface) -> list[tuple[date, ET.Element]]:
    """A year's publication markers, by the day each stands before: one an article, or one a month past MARKED_ARTICLES."""
    if len(articles) <= MARKED_ARTICLES:
        return [(article.published, _publication_marker(article, ui)) for article in articles]
    months: dict[date, list[ArticleInfo]] = {}
    for article in articles:
        months.setdefault(article.published.replace(day=1), []).append(article)
    return [(found[0].published, _month_marker(month, len(found), archive, ui)) for month, found in months.items()]


def _year_items(timeline: Timeline, era_list: Sequence[Era], ui: Interface = ENGLISH) -> dict[int, list[ET.Element]]:
    """The list items of each year: events in date order, with a marker where an article appeared."""
    if not timeline.events:
        return {}
    by_year: dict[int, list[ArticleInfo]] = {}
    for article in sorted(timeline.articles.values(), key=lambda a: (a.published, a.slug)):
        by_year.setdefault(article.published.year, []).append(article)
    archive = month_pages([(a.published, a.slug) for a in timeline.articles.values()])
    markers = [marker for year in sorted(by_year) for marker in _markers(by_year[year], archive, ui)]
    years: dict[int, list[ET.Element]] = {}
    for event in timeline.events:
        while markers and markers[0][0] < event.date.first:
            published, marker = markers.pop(0)
            years.setdefault(published.year, []).append(marker)
        years.setdefault(event.date.first.year, []).append(render_event(event, timeline, era_list, ui))
    for published, marker in markers:
        years.setdefault(published.year, []).append(marker)
    return years


def _overview(timeline: Timeline, ui: Interface = ENGLISH) -> ET.Element:
    published = sorted({a.published for a in timeline.articles.values()})
    caption = html_element("figcaption", {}, ui("The story in eras. Dots are events; hollow dots were still planned or "
                                            "expected when the article was published; the dashed line marks its "
                                            "publication. Each era opens with an event on its year's page."))
    return html_element("figure", {"class": "tl-overview"}, children=[
        overview_svg(timeline, "wide", published, ui), overview_svg(timeline, "tall", published, ui), caption])


def _years_nav(years: dict[int, list[ET.Element]], counts: dict[int, int], base: str, current: int | None,
               ui: Interface) -> ET.Element:
    """A link to each year's page, with its number of events; the current year marked."""
    links = []
    for year in sorted(years):
        attributes = {"href": f"{base}{year}/", "aria-label": ui.plural("{year}: {count} event", "{year}: {count} events",
                                                                          counts.get(year, 0), year=year)}
        if year == current:
            attributes["aria-current"] = "page"
        links.append(html_element("a", attributes, str(year)))
    return html_element("nav", {"class": "tl-years", "aria-label": ui("Years")}, children=links)


def render_timeline_page(timeline: Timeline, ui: Interface = ENGLISH) -> Page:
    """The /timeline/ page: introduction, overview drawing, and a link to each year's page."""
    era_list = eras(timeline)
    parts = [front_matter({"title": ui("Timeline"), "description": ui("The story from the 2003 invasion to the end of the "
                           "coalition's mission, with every date in the articles linked to its event."),
                           "hide": ["toc"], SHARING_KEY: timeline_facts(timeline.events)}),
             f"\n# {ui('Timeline')}\n"]
    intro = html_element("p", {"class": "tl-intro"}, ui(_INTRO))
    downloads = fill(html_element("p", {"class": "tl-downloads"}),
                     ui("For reuse, the same timeline in TimelineJS’s format: {english}, {arabic}."),
                     english=html_element("a", {"href": "timeline.json", "type": "application/json"},
                                      ui("English", context="the timeline's data in English")),
                     arabic=html_element("a", {"href": "timeline.ar.json", "type": "application/json", "hreflang": "ar"},
                                     ui("Arabic", context="the timeline's data in Arabic")))
    years = _year_items(timeline, era_list, ui)
    counts = _event_counts(timeline)
    nav = _years_nav(years, counts, "", None, ui) if years else None
    empty = None if timeline.events else html_element("p", {"class": "tl-empty"}, ui("No events yet: add them to content/timeline.yml."))
    for block in (intro, empty, _overview(timeline, ui) if timeline.events else None, nav, downloads):
        if block is not None:
            _lines(block)
            parts.append("\n" + to_html(block) + "\n")
    return Page(PAGE_PATH, "".join(parts))


def _event_counts(timeline: Timeline) -> dict[int, int]:
    counts: dict[int, int] = {}
    for event in timeline.events:
        counts[event.date.first.year] = counts.get(event.date.first.year, 0) + 1
    return counts


def render_year_pages(timeline: Timeline, ui: Interface = ENGLISH) -> list[Page]:
    """A page for each year of the timeline, /timeline/<year>/: its events, oldest first, and
    where an article appeared among them, with links to the other years."""
    era_list = eras(timeline)
    years = _year_items(timeline, era_list, ui)
    counts = _event_counts(timeline)
    pages = []
    for year, items in sorted(years.items()):
        title = ui("Timeline: {year}", year=year)
        parts = [front_matter({"title": title, "description": ui("The events of {year} in the story, with the sentences "
                                                                  "that give their dates.", year=year), "hide": ["toc"]}),
                 f"\n# {title}\n"]
        back = fill(html_element("p", {"class": "tl-back"}), ui("Part of the {timeline}; other years:"),
                    timeline=html_element("a", {"href": "../"}, ui("timeline, with its overview")))
        nav = _years_nav(years, counts, "../", year, ui)
        listing = html_element("ol", {"class": "tl-events"}, children=items)
        for block in (back, nav):
            _lines(block)
            parts.append("\n" + to_html(block) + "\n")
        # The events' titles are h3, under a heading of their own (no level skipped).
        # Raw HTML, so the page (not in the sidebar) has no table of contents: Material's toggle
        # for it is in the sidebar, and its label would name no control (Nu).
        parts.append("\n" + to_html(html_element("h2", {"id": f"y-{year}"}, ui("The events of {year}", year=year))) + "\n")
        _lines(listing)
        parts.append("\n" + to_html(listing) + "\n")
        pages.append(Page(f"timeline/{year}/index.md", "".join(parts)))
    return pages


def render_timeline_pages(timeline: Timeline, ui: Interface = ENGLISH) -> list[Page]:
    """The timeline's pages in an edition: its first page and a page for each year."""
    return [render_timeline_page(timeline, ui), *render_year_pages(timeline, ui)]


# ---------------------------------------------------------------------------------------------
# TimelineJS (https://timeline.knightlab.com/docs/json-format.html).

def _timelinejs_date(period: Period, locale: str) -> dict[str, str]:
    found = {"year": str(period.first.year)}
    if period.precision in ("month", "day"):
        found["month"] = str(period.first.month)
    if period.precision == "day":
        found["day"] = str(period.first.day)
    found["display_date"] = format_period(period, locale)
    return found


def _timelinejs_text(event: TimelineEvent, language: str) -> str:
    """The event's text as the HTML TimelineJS shows, escaped by construction."""
    body = html_element("div")
    body.append(html_element("p", {}, getattr(event.description, language)))
    if event.next is not None:
        label = "What happened next: " if language == "en" else "ما حدث بعد ذلك: "
        note = html_element("p", {}, label)
        note.append(html_element("span", {}, getattr(event.next.text, language)))
        body.append(note)
    for citation in [*event.sources, *(event.next.sources if event.next else ())]:
        source = html_element("p", {"class": "source"}, f"{citation.publisher}: ")
        source.append(html_element("a", {"href": citation.url}, citation.title))
        source[-1].tail = f" ({citation.date})"
        body.append(source)
    return "".join(to_html(child) for child in body)


def timelinejs(timeline: Timeline, language: str) -> dict[str, Any]:
    """The timeline in TimelineJS's JSON format, in one language."""
    locale = "en" if language == "en" else "ar"
    era_list = eras(timeline)
    headline = ("Iraq and the US-led coalition" if language == "en" else "العراق والتحالف بقيادة الولايات المتحدة")
    intro = _INTRO if language == "en" else ("قصة القوات التي قادتها الولايات المتحدة في العراق، من غزو 2003 إلى "
                                              "نهاية مهمة التحالف.")
    events = []
    for event in timeline.events:
        entry: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _timelinejs_date(event.date, locale),
            "text": {"headline": getattr(event.title, language), "text": _timelinejs_text(event, language)},
            "group": STATUS_GROUPS[event.status][0 if language == "en" else 1],
            "display_date": event_dates(event, locale),
        }
        if event.end:
            entry["end_date"] = _timelinejs_date(event.end, locale)
        events.append(entry)
    latest = Period.day(_latest_news(timeline)) if era_list else None
    found_eras = [{"start_date": _timelinejs_date(Period.containing(era.start, "month"), locale),
                   "end_date": _timelinejs_date(Period.containing(era.end, "month") if era.end else latest, locale),  # type: ignore[arg-type]
                   "text": {"headline": getattr(era.label, language)}} for era in era_list]
    return {"title": {"text": {"headline": headline, "text": to_html(html_element("p", {}, intro))}},
            "events": events, "eras": found_eras}


def _latest_news(timeline: Timeline) -> date:
    days = [e.date.last for e in timeline.events] + [e.next.date.last for e in timeline.events if e.next and e.next.date]
    return max(days)


def render_timeline(timeline: Timeline) -> tuple[Page, ...]:
    """Every file the timeline publishes: the page and its JSON in English and Arabic."""
    pages = render_timeline_pages(timeline)
    for language, path in JSON_PATHS.items():
        data = timelinejs(timeline, language)
        pages.append(Page(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n"))
    return tuple(pages)
