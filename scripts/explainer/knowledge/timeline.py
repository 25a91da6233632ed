"""Timeline: content/timeline.yml and each article's dates.yml into checked events, with every
date the articles mention tied to its event or dismissed, and a matcher that marks them.

A date in a segment is tied to the event that cites that segment (`segments:`) and whose date
it fits: its start first, else its end. content/articles/<slug>/dates.yml ties the rest by hand
(`event:`) or dismisses them (`dismiss:` with the reason). Each entry there names a segment
and the date's words as they stand in the Arabic or the English; it covers that date in both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..core.fields import FieldReader
from ..core.problems import ContentError, Problem, display_path
from ..core.yamlfile import LineDict, LineList, load_yaml
from ..intake.catalog import SOURCE_NAME, Translation
from ..intake.content import Article, Bilingual
from ..intake.content import SourceCitation as Citation
from ..intake.normalise import matching_form
from .annotate import Language, Matcher, Span
from .dates import DateMention, DateValue, Period, find_dates, format_value

TIMELINE_NAME = "timeline.yml"
DATES_NAME = "dates.yml"
TIMELINE_URL = "../../timeline/"
Status = Literal["happened", "planned", "expected"]
STATUSES: tuple[Status, ...] = ("happened", "planned", "expected")
_EVENT_FIELDS = ("id", "date", "end", "status", "title", "description", "segments", "sources", "next", "era")
_RULING_FIELDS = ("segment", "text", "event", "dismiss")
_SEGMENT_REF = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)#(?P<segment>[sh]-[0-9a-f]{8})$")
_DATE_FORMS = "write it as YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class NextNote:
    """What became of a planned event, known after the article was published."""

    text: Bilingual
    date: Period | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class SegmentRef:
    """A sentence or heading of an article, as `slug#segment-id`."""

    slug: str
    segment: str
    line: int = field(default=0, compare=False)

    def __str__(self) -> str:
        return f"{self.slug}#{self.segment}"


@dataclass(frozen=True)
class TimelineEvent:
    """One event on the timeline, as content/timeline.yml records it."""

    id: str
    date: Period
    end: Period | None
    status: Status
    title: Bilingual
    description: Bilingual
    segments: tuple[SegmentRef, ...]
    sources: tuple[Citation, ...]
    next: NextNote | None
    # The name of the era this event opens on the overview, if it opens one.
    era: Bilingual | None
    line: int
    # The line of each field, for messages that point at one.
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def value(self) -> DateValue:
        return DateValue.between(self.date, self.end) if self.end else DateValue.point(self.date)

    def fit(self, value: DateValue) -> Literal["start", "end"] | None:
        """Whether a mentioned date fits this event's start, else its end, else neither."""
        if value.overlaps(self.date):
            return "start"
        if self.end is not None and value.overlaps(self.end):
            return "end"
        return None


@dataclass(frozen=True)
class DateLink:
    """A date mentioned in one language of one segment, and the event it leads to.

    event is None for a date dismissed in dates.yml (reason says why) or, in a draft, for one
    tied to nothing yet.
    """

    slug: str
    segment: str
    language: Language
    text: str
    mention: DateMention
    event: str | None
    reason: str = ""


@dataclass(frozen=True)
class ArticleInfo:
    """What the timeline page says about an article it links back to."""

    slug: str
    title: Bilingual
    published: date
    # Each segment's place in the article: ("sentence", 4) or ("heading", 2).
    places: Mapping[str, tuple[str, int]]


# The dates an article's segments mention, by (segment id, language), where there are any.
Mentions = Mapping[tuple[str, Language], tuple[DateMention, ...]]


@dataclass(frozen=True)
class Timeline:
    """The checked events in date order, every date mention's link, and what is not done yet."""

    events: tuple[TimelineEvent, ...]
    links: tuple[DateLink, ...]
    articles: Mapping[str, ArticleInfo]
    # Dates tied to nothing: errors in `explainer check` and strict builds, warnings in drafts.
    pending: tuple[Problem, ...] = ()
    # Each segment's text in each language, as the dates were found in it: (segment, language).
    texts: Mapping[tuple[str, str], str] = field(default_factory=dict, repr=False)
    # The dates found in each article, by slug, then (segment, language) where there are any.
    mentions: Mapping[str, Mentions] = field(default_factory=dict, repr=False)

    def event(self, event_id: str) -> TimelineEvent:
        return next(e for e in self.events if e.id == event_id)

    def links_to(self, event_id: str) -> tuple[DateLink, ...]:
        return tuple(link for link in self.links if link.event == event_id)

    def matcher(self) -> Matcher:
        """Marks each date as <time datetime>, inside a link to its event unless dismissed."""
        spans: dict[tuple[str, str], list[Span]] = defaultdict(list)
        placed: set[tuple[str, str, int]] = set()
        years = {event.id: event.date.first.year for event in self.events}
        for link in self.links:
            # Segment ids come from the text: a sentence two articles share is marked once.
            if (link.segment, link.language, link.mention.start) not in placed:
                placed.add((link.segment, link.language, link.mention.start))
                spans[(link.segment, link.language)].extend(date_spans(link, years.get(link.event or "")))

        def match(segment_id: str, language: Language, text: str) -> Sequence[Span]:
            if self.texts.get((segment_id, language)) != text:
                return ()
            return spans.get((segment_id, language), ())
        return match


def date_spans(link: DateLink, year: int | None = None) -> list[Span]:
    """The <time> element of a date mention, and the link around it when it has an event: to the
    event on its year's page of the timeline (year), or on the timeline's first page."""
    mention = link.mention
    attributes = {"class": "date", **mention.value.html_attributes}
    if mention.basis != "absolute":
        # The reader sees "last week"; the tooltip says which week that was.
        attributes["title"] = format_value(mention.value, link.language)
    spans = [Span(mention.start, mention.end, "time", attributes, priority=1)]
    if link.event:
        page = f"{TIMELINE_URL}{year}/" if year else TIMELINE_URL
        spans.append(Span(mention.start, mention.end, "a", {"class": "date-link", "href": f"{page}#{link.event}"},
                          priority=2))
    return spans


# ---------------------------------------------------------------------------------------------
# Reading content/timeline.yml.

def _empty_list() -> LineList:
    empty = LineList()
    empty.line, empty.item_lines = 0, []
    return empty


def _period(reader: FieldReader, data: LineDict, key: str, *, required: bool) -> Period | None:
    """An event's date or end: one year, month or day (a week is too loose for the timeline)."""
    value = data.get(key)
    if isinstance(value, LineList):
        reader.problem(data.line_of(key), f"two dates for one event ({', '.join(map(str, value))})",
                       "give one date; for a span, give its start as date and its end as end; "
                       "for two events, write two entries")
        return None
    period = reader.date(data, key, Period.parse, _DATE_FORMS, required=required)
    if period is not None and period.precision == "week":
        reader.problem(data.line_of(key), f"{key} {str(value).strip()!r} is a week", _DATE_FORMS)
        return None
    return period


def parse_event(reader: FieldReader, data: Any, line: int) -> TimelineEvent | None:
    """One entry of timeline.yml, or None (with its problems recorded) if it cannot be used."""
    if not isinstance(data, LineDict):
        reader.problem(line, "an event should be a mapping", "start it with '- id:' and give date, status, title, description")
        return None
    before = len(reader.problems)
    reader.unknown_fields(data, _EVENT_FIELDS, "an event")
    event_id = reader.identifier(data, "id", "us-invasion-2003")
    start = _period(reader, data, "date", required=True)
    end = _period(reader, data, "end", required=False)
    if start and end and end.last <= start.last:
        reader.problem(data.line_of("end"), f"end {end.iso} is not after date {start.iso}", "fix one of them, or drop end")
    status = reader.text(data, "status", todo=f"give one of {', '.join(STATUSES)}")
    if status and status not in STATUSES:
        reader.problem(data.line_of("status"), f"status {status!r} is not one of {', '.join(STATUSES)}",
                       "say whether, when the article was published, it had happened or was planned or expected")
    title = reader.bilingual(data, "title", "title")
    description = reader.bilingual(data, "description", "description")
    segments = _segment_refs(reader, data)
    sources = reader.citations(data, "sources")
    next_note = _next_note(reader, data)
    era = reader.bilingual(data, "era", "name of the era", required=False)
    if not segments and not sources:
        reader.problem(data.line, f"event {event_id or '?'} rests on nothing",
                       "cite the article sentences it comes from under segments, or its sources")
    if len(reader.problems) > before or start is None or title is None or description is None:
        return None
    return TimelineEvent(event_id, start, end, status, title, description, segments, sources,  # type: ignore[arg-type]
                         next_note, era, data.line, dict(data.key_lines))


def _segment_refs(reader: FieldReader, data: LineDict) -> tuple[SegmentRef, ...]:
    raw = data.get("segments") or _empty_list()
    if not isinstance(raw, LineList):
        reader.problem(data.line_of("segments"), "segments should be a list", "write segments: [slug#s-xxxxxxxx, …]")
        return ()
    refs = []
    for value, line in zip(raw, raw.item_lines, strict=True):
        match = _SEGMENT_REF.match(str(value).strip())
        if not match:
            reader.problem(line, f"segment {value!r} is not slug#segment-id",
                           "copy the id from the article page's address, e.g. iraq-coalition-withdrawal#s-3d653d2d")
            continue
        refs.append(SegmentRef(match["slug"], match["segment"], line))
    return tuple(refs)


def _next_note(reader: FieldReader, data: LineDict) -> NextNote | None:
    raw = data.get("next")
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        reader.problem(data.line_of("next"), "next should have en:, ar: and sources:", "see README: the timeline")
        return None
    reader.unknown_fields(raw, ("en", "ar", "date", "sources"), "next")
    text = reader.en_ar(raw, "note on what happened next", owner="next")
    sources = reader.citations(raw, "sources")
    if not sources:
        reader.problem(data.line_of("next"), "what happened next cites no source",
                       "add sources: with publisher, title, date, url")
    moment = _period(reader, raw, "date", required=False)
    return NextNote(text, moment, sources) if text.en and text.ar else None


def read_events(path: Path) -> tuple[tuple[TimelineEvent, ...], frozenset[str], list[Problem]]:
    """Read content/timeline.yml: the events that are sound, every id it declares, and the
    problems of the rest, so later checks can go on with what is sound."""
    if not path.exists():
        return (), frozenset(), []
    data = load_yaml(path)
    problems: list[Problem] = []
    reader = FieldReader(path, problems)
    if data is None:
        return (), frozenset(), []
    if not isinstance(data, LineList):
        return (), frozenset(), [Problem(reader.name, None, "expected a list of events", "start each event with '- id:'")]
    events: list[TimelineEvent] = []
    declared = {str(item["id"]) for item in data if isinstance(item, LineDict) and "id" in item}
    seen: dict[str, TimelineEvent] = {}
    for item, line in zip(data, data.item_lines, strict=True):
        event = parse_event(reader, item, line)
        if event is None:
            continue
        if event.id in seen:
            first = seen[event.id]
            what = f"event id {event.id!r} is used twice (also line {first.line})"
            if first.date != event.date:
                what += f", with two dates ({first.date.iso} and {event.date.iso})"
            reader.problem(event.line, what, "give each event its own id, or merge the two entries")
            continue
        seen[event.id] = event
        events.append(event)
    return tuple(events), frozenset(declared), problems


def load_events(path: Path) -> tuple[TimelineEvent, ...]:
    """Read content/timeline.yml; every problem in it is reported together."""
    events, _, problems = read_events(path)
    if problems:
        raise ContentError(problems)
    return events


# ---------------------------------------------------------------------------------------------
# Reading an article's dates.yml.

@dataclass(frozen=True)
class DateRuling:
    """An entry of an article's dates.yml: a date tied to an event by hand, or dismissed."""

    segment: str
    text: str
    event: str | None
    reason: str
    line: int
    event_line: int = 0


def load_rulings(path: Path, segment_ids: Sequence[str]) -> tuple[DateRuling, ...]:
    """Read an article's dates.yml, if it has one; every problem in it is reported together."""
    if not path.exists():
        return ()
    data = load_yaml(path)
    if data is None:
        return ()
    problems: list[Problem] = []
    reader = FieldReader(path, problems)
    if not isinstance(data, LineList):
        raise ContentError([Problem(reader.name, None, "expected a list of dates",
                                    "start each with '- segment:' and give text and event or dismiss")])
    rulings = []
    for entry, line in zip(data, data.item_lines, strict=True):
        if not isinstance(entry, LineDict):
            reader.problem(line, "an entry should be a mapping", "give segment, text, and event or dismiss")
            continue
        reader.unknown_fields(entry, _RULING_FIELDS, "an entry")
        segment = reader.text(entry, "segment", todo="give the segment id, e.g. s-3d653d2d")
        text = reader.text(entry, "text", todo="give the date's words as they stand in the Arabic or the English")
        event = reader.text(entry, "event", required=False)
        reason = reader.text(entry, "dismiss", required=False)
        if segment:
            reader.known(segment, segment_ids, entry.line_of("segment"), f"segment {segment!r} is not in the article",
                         "copy the id from the article page")
        if bool(event) == bool(reason):
            reader.problem(line, "an entry needs either event: or dismiss:, not both or neither",
                           "tie the date to an event id, or dismiss it with the reason it is not on the timeline")
        rulings.append(DateRuling(segment, text, event or None, reason, line, entry.line_of("event")))
    if problems:
        raise ContentError(problems)
    return tuple(rulings)


# ---------------------------------------------------------------------------------------------
# Tying the dates the articles mention to events.

def load_timeline(content: Path, articles: Sequence[Article], english: Callable[[Article], Mapping[str, Translation]],
                  scanned: Mapping[str, Mentions] | None = None) -> Timeline:
    """Check the timeline against the articles and tie every date they mention to its event.

    english gives an article's translations; dates in translated English segments are tied
    like the Arabic ones. Problems in the data raise ContentError, all together; dates tied to
    nothing yet are returned in Timeline.pending. scanned holds, by slug, the dates an earlier
    build found in articles unchanged since: they are not looked for again.
    """
    # Malformed YAML raises here: with no events to tie to, every date would be reported.
    events, declared, problems = read_events(content / TIMELINE_NAME)
    timeline_name = display_path(content / TIMELINE_NAME)
    by_id = {event.id: event for event in events}
    by_slug = {article.slug: article for article in articles}
    citing = _citing_events(events, by_slug, timeline_name, problems)
    links: list[DateLink] = []
    pending: list[Problem] = []
    texts: dict[tuple[str, str], str] = {}
    found: dict[str, Mentions] = {}
    for article in articles:
        segment_ids = [s.id for s in article.segmentation.segments]
        dates_path = article.folder / DATES_NAME
        try:
            rulings = load_rulings(dates_path, segment_ids)
        except ContentError as error:
            problems.extend(error.problems)
            rulings = ()
        try:
            translations = english(article)
        except ContentError:
            translations = {}  # the build reports a broken catalog itself
        tie = _Tier(article, dates_path, by_id, declared, citing, problems, pending)
        known = scanned.get(article.slug) if scanned else None
        article_mentions: dict[tuple[str, Language], tuple[DateMention, ...]] = {}
        found[article.slug] = article_mentions
        for segment in article.segmentation.segments:
            versions: list[tuple[Language, str]] = [("ar", segment.text)]
            translation = translations.get(segment.id)
            if translation is not None and translation.status == "translated":
                versions.append(("en", translation.text))
            mentions: list[tuple[Language, DateMention]] = []
            for language, text in versions:
                texts[(segment.id, language)] = text
                dates = (known.get((segment.id, language), ()) if known is not None
                         else find_dates(text, language, article.meta.published))
                if dates:
                    article_mentions[(segment.id, language)] = dates
                mentions += [(language, m) for m in dates]
            links.extend(tie.segment(segment.id, segment.line, mentions,
                                     [r for r in rulings if r.segment == segment.id]))
    if problems:
        raise ContentError(problems + pending)
    ordered = tuple(sorted(events, key=lambda e: (e.date.first, e.date.last, e.id)))
    return Timeline(ordered, tuple(links), {a.slug: _article_info(a) for a in articles}, tuple(pending), texts, found)


def _citing_events(events: Sequence[TimelineEvent], articles: Mapping[str, Article], timeline_name: str,
                   problems: list[Problem]) -> dict[tuple[str, str], list[TimelineEvent]]:
    """Which events cite each segment; checks that each cited segment exists and that each
    event's status agrees with the publication date of the articles it rests on."""
    citing: dict[tuple[str, str], list[TimelineEvent]] = defaultdict(list)
    for event in events:
        for ref in event.segments:
            article = articles.get(ref.slug)
            if article is None:
                problems.append(Problem(timeline_name, ref.line, f"event {event.id} cites article {ref.slug!r}, which does not exist",
                                        f"use one of: {', '.join(sorted(articles)) or 'no articles yet'}"))
                continue
            ids = [s.id for s in article.segmentation.segments]
            if not FieldReader(timeline_name, problems).known(
                    ref.segment, ids, ref.line, f"event {event.id} cites segment {ref}, which is not in the article",
                    "the sentence may have changed; copy its id from the article page"):
                continue
            citing[(ref.slug, ref.segment)].append(event)
        for slug in sorted({ref.slug for ref in event.segments if ref.slug in articles}):
            published = articles[slug].meta.published
            status_line = event.key_lines.get("status", event.line)
            if event.status == "happened" and event.date.first > published:
                problems.append(Problem(timeline_name, status_line,
                                        f"event {event.id} has status happened, but its date {event.date.iso} "
                                        f"is after {slug} was published ({published.isoformat()})",
                                        "mark it planned or expected: status is as the article saw it"))
            elif event.status != "happened" and event.date.last < published:
                problems.append(Problem(timeline_name, status_line,
                                        f"event {event.id} has status {event.status}, but its date {event.date.iso} "
                                        f"had passed when {slug} was published ({published.isoformat()})",
                                        "mark it happened, or check its date"))
    return citing


@dataclass
class _Tier:
    """Ties the date mentions of one article's segments to events, recording what fails."""

    article: Article
    dates_path: Path
    events: Mapping[str, TimelineEvent]
    # Every id timeline.yml declares, sound or not: a date tied to an event with problems of
    # its own is not reported again.
    declared: frozenset[str]
    citing: Mapping[tuple[str, str], list[TimelineEvent]]
    problems: list[Problem]
    pending: list[Problem]
    # The files messages name, worked out once: an article may mention hundreds of dates.
    dates_name: str = field(init=False)
    source_name: str = field(init=False)

    def __post_init__(self) -> None:
        self.dates_name = display_path(self.dates_path)
        self.source_name = display_path(self.article.folder / SOURCE_NAME)

    def segment(self, segment_id: str, line: int, mentions: Sequence[tuple[Language, DateMention]],
                rulings: Sequence[DateRuling]) -> list[DateLink]:
        ruled = self._rulings_by_value(segment_id, mentions, rulings)
        by_value: dict[str, list[tuple[Language, DateMention]]] = defaultdict(list)
        for language, mention in mentions:
            by_value[mention.value.iso].append((language, mention))
        links: list[DateLink] = []
        for iso, group in by_value.items():
            event_id, reason = self._decide(segment_id, line, group, ruled.get(iso))
            links.extend(DateLink(self.article.slug, segment_id, language, mention.text, mention, event_id, reason)
                         for language, mention in group)
        return links

    def _rulings_by_value(self, segment_id: str, mentions: Sequence[tuple[Language, DateMention]],
                          rulings: Sequence[DateRuling]) -> dict[str, DateRuling]:
        ruled: dict[str, DateRuling] = {}
        for ruling in rulings:
            key = matching_form(ruling.text).text.strip()
            values = {m.value.iso for _, m in mentions if matching_form(m.text).text.strip() == key}
            if not values:
                found = ", ".join(repr(m.text) for _, m in mentions) or "none"
                self.problems.append(Problem(self.dates_name, ruling.line,
                                             f"no date {ruling.text!r} in segment {segment_id} (dates there: {found})",
                                             "copy the date's words from the article, or remove the entry"))
            for value in values:
                ruled[value] = ruling
        return ruled

    def _decide(self, segment_id: str, line: int, group: Sequence[tuple[Language, DateMention]],
                ruling: DateRuling | None) -> tuple[str | None, str]:
        """The event a date goes to, or None and the reason it goes nowhere."""
        value = group[0][1].value
        words = " / ".join(dict.fromkeys(repr(m.text) for _, m in group))
        if ruling is not None and ruling.reason:
            return None, ruling.reason
        dates_name = self.dates_name
        if ruling is not None:
            event = self.events.get(str(ruling.event))
            if event is None and ruling.event in self.declared:
                return None, ""
            if event is None:
                FieldReader(dates_name, self.problems).known(
                    str(ruling.event), self.events.keys(), ruling.event_line, f"no event {ruling.event!r} in {TIMELINE_NAME}",
                    "add the event, or fix the id")
            elif event.fit(value) is None:
                self.problems.append(Problem(dates_name, ruling.event_line,
                                             f"two dates for one event: {words} in {segment_id} means {value.iso}, "
                                             f"but event {event.id} is dated {event.value.iso}",
                                             "tie the date to the event it belongs to, or correct the event's date"))
            else:
                return event.id, ""
            return None, ""
        candidates = self.citing.get((self.article.slug, segment_id), [])
        chosen = [e for e in candidates if e.fit(value) == "start"] or [e for e in candidates if e.fit(value) == "end"]
        source = self.source_name
        if len(chosen) == 1:
            return chosen[0].id, ""
        if len(chosen) > 1:
            self.problems.append(Problem(source, line,
                                         f"date {words} ({value.iso}) in segment {segment_id} fits {len(chosen)} events: "
                                         f"{', '.join(e.id for e in chosen)}",
                                         f"say which in {dates_name}: segment: {segment_id}, text: {group[0][1].text}, event: …"))
            return None, ""
        self.pending.append(Problem(source, line, f"date {words} ({value.iso}) in segment {segment_id} is on no timeline event",
                                    f"add {self.article.slug}#{segment_id} to its event's segments in {TIMELINE_NAME}, "
                                    f"or dismiss it in {dates_name}"))
        return None, ""


def _article_info(article: Article) -> ArticleInfo:
    places: dict[str, tuple[str, int]] = {}
    counts = {"heading": 0, "sentence": 0}
    for segment in article.segmentation.segments:
        counts[segment.kind] += 1
        places[segment.id] = (segment.kind, counts[segment.kind])
    meta = article.meta
    return ArticleInfo(article.slug, Bilingual(en=meta.title_en, ar=meta.title_ar), meta.published, places)
