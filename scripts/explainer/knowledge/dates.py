"""Dates: Arabic or English text into the dates it mentions, resolved to calendar periods; and
periods back into words, by Babel.

Month and weekday names are read from Babel's locale data for every Arabic locale (Egyptian
and Gulf يناير, Iraqi and Levantine كانون الثاني, Maghrebi جانفي and ينير…) and every English one,
never typed here. Matching runs on the normaliser's matching form, so diacritics, hamza
spellings and Eastern Arabic digits make no difference. Relative expressions (هذا الأسبوع,
last week, الأشهر الأخيرة…) are resolved against the article's publication date, only as
precisely as they are known: a year, a month, an ISO week, a day, or a range open at one end.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Literal

from babel import Locale, localedata
from babel.dates import format_date, format_interval

from ..intake.normalise import matching_form

Precision = Literal["day", "week", "month", "year"]
Language = Literal["ar", "en"]
# absolute: the text names the date; relative: it counts from the publication date;
# inferred: the text names a month or day but not its year, taken as the nearest one.
Basis = Literal["absolute", "relative", "inferred"]

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A stretch of the calendar known to one precision: a day, an ISO week, a month or a year."""

    first: date
    last: date
    precision: Precision

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")

    @classmethod
    def week(cls, year: int, week: int) -> Period:
        first = date.fromisocalendar(year, week, 1)
        return cls(first, first + timedelta(days=6), "week")

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day, "day")

    @classmethod
    def containing(cls, day: date, precision: Precision) -> Period:
        """The period of the given precision that holds day."""
        if precision == "year":
            return cls.year(day.year)
        if precision == "month":
            return cls.month(day.year, day.month)
        if precision == "week":
            iso = day.isocalendar()
            return cls.week(iso.year, iso.week)
        return cls.day(day)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ISO 8601 at its precision: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www.

        >>> Period.parse("2024-W30").first, Period.parse("2024-02").last
        (datetime.date(2024, 7, 22), datetime.date(2024, 2, 29))
        >>> Period.parse("2024-13")
        Traceback (most recent call last):
        ValueError: month must be in 1..12
        """
        match = _ISO_DATE.match(text.strip())
        if not match:
            raise ValueError("not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day, week = match.groups()
        if week:
            try:
                return cls.week(int(year), int(week))
            except ValueError:
                raise ValueError(f"{year} has no week {int(week)}") from None
        if day:
            return cls.day(date(int(year), int(month), int(day)))
        if month:
            if not 1 <= int(month) <= 12:
                raise ValueError("month must be in 1..12")
            return cls.month(int(year), int(month))
        return cls.year(int(year))

    @property
    def iso(self) -> str:
        """ISO 8601 at this precision, as HTML's datetime attribute takes it.

        >>> [Period.containing(date(2025, 1, 2), p).iso for p in ("year", "month", "week", "day")]
        ['2025', '2025-01', '2025-W01', '2025-01-02']
        """
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.precision == "week":
            iso = self.first.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}"
        return self.first.isoformat()

    def shifted(self, steps: int) -> Period:
        """The period steps units later (earlier when negative), at the same precision."""
        if self.precision == "year":
            return Period.year(self.first.year + steps)
        if self.precision == "month":
            index = self.first.year * 12 + self.first.month - 1 + steps
            return Period.month(index // 12, index % 12 + 1)
        days = 7 if self.precision == "week" else 1
        return Period.containing(self.first + timedelta(days=days * steps), self.precision)


@dataclass(frozen=True)
class DateValue:
    """What a date expression means: one period, or a range whose ends may be open (None)."""

    start: Period | None
    end: Period | None = None
    is_range: bool = False

    @classmethod
    def point(cls, period: Period) -> DateValue:
        return cls(period)

    @classmethod
    def between(cls, start: Period | None, end: Period | None) -> DateValue:
        return cls(start, end, True)

    @classmethod
    def parse(cls, text: str) -> DateValue:
        """Read what `iso` writes: a period, or an interval with '..' for an open end.

        >>> DateValue.parse("../2024-07") == DateValue.between(None, Period.month(2024, 7))
        True
        """
        if "/" not in text:
            return cls.point(Period.parse(text))
        start, end = text.split("/")
        return cls.between(None if start == ".." else Period.parse(start), None if end == ".." else Period.parse(end))

    @property
    def iso(self) -> str:
        """ISO 8601: the period, or an interval with '..' for an open end (ISO 8601-2).

        >>> DateValue.between(None, Period.month(2024, 7)).iso
        '../2024-07'
        """
        if not self.is_range:
            assert self.start is not None
            return self.start.iso
        return f"{self.start.iso if self.start else '..'}/{self.end.iso if self.end else '..'}"

    @property
    def html_attributes(self) -> dict[str, str]:
        """Attributes for a <time> element. HTML's datetime takes no intervals, so a range gives
        its known end there (the start, else the end) and its full ISO 8601 interval in data-interval.

        >>> DateValue.between(None, Period.month(2024, 7)).html_attributes
        {'datetime': '2024-07', 'data-interval': '../2024-07'}
        >>> DateValue.point(Period.year(2003)).html_attributes
        {'datetime': '2003'}
        """
        if not self.is_range:
            return {"datetime": self.iso}
        known = self.start or self.end
        assert known is not None
        return {"datetime": known.iso, "data-interval": self.iso}

    @property
    def first(self) -> date:
        return self.start.first if self.start else date.min

    @property
    def last(self) -> date:
        if self.is_range:
            return self.end.last if self.end else date.max
        assert self.start is not None
        return self.start.last

    def overlaps(self, period: Period) -> bool:
        """Whether this value and the period share at least one day."""
        return self.first <= period.last and period.first <= self.last


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: where it stands, its words, and what it means."""

    start: int
    end: int
    text: str
    value: DateValue
    basis: Basis


# ---------------------------------------------------------------------------------------------
# Names, from Babel's locale data.

def _folded(text: str) -> str:
    return matching_form(text).text.strip()


def _locales(language: str) -> list[Locale]:
    """Every locale of the language in its usual script (not English in Deseret or Shavian)."""
    found = [Locale.parse(name) for name in sorted(localedata.locale_identifiers())
             if name == language or name.startswith(language + "_")]
    return [locale for locale in found if locale.script is None]


@cache
def month_names(language: Language) -> Mapping[str, int]:
    """Every month name the language's locales use, in matching form, to its number.

    >>> names = month_names("ar")
    >>> [names[_folded(n)] for n in ("كانون الثاني", "جانفي", "يناير", "أيلول", "سبتمبر", "شتنبر")]
    [1, 1, 1, 9, 9, 9]
    """
    names: dict[str, int] = {}
    for locale in _locales(language):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    key = _folded(name).rstrip(".")
                    # An abbreviation shorter than three letters ("M") would match too much.
                    if width == "abbreviated" and len(key) < 3:
                        continue
                    if names.setdefault(key, number) != number:
                        raise ValueError(f"month name {name!r} means two months in Babel's data")
    return names


@cache
def weekday_names(language: Language) -> Mapping[str, int]:
    """Every weekday name of the language's locales, in matching form, to Python's weekday()."""
    names: dict[str, int] = {}
    for locale in _locales(language):
        for context in ("format", "stand-alone"):
            for number, name in locale.days[context]["wide"].items():
                names[_folded(name)] = number
    return names


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation of names, longest first, with any inner space matching any spacing."""
    return "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(set(names), key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# Arabic grammar, over the matching form (alef forms read as ا, ة as ه, ى as ي, digits ASCII).

# Clitics a word may carry: a conjunction (و، ف) then a preposition (ب، ل، ك).
_AR_CLITICS = r"(?:[وف]?[بلك]?)"
# The definite article with its clitics; ل before ال writes لل.
_AR_DEFINITE = r"(?:[وف]?[بك]?ال|[وف]?لل)"
# Words that place a bare year or month in time ("في 2017", "بحلول سبتمبر").
_AR_PREPOSITION = (r"[وف]?(?:في|منذ|حتي|بحلول|قبل|بعد|خلال|مطلع|اوائل|اواخر|منتصف|اواسط|نهايه|بدايه|"
                   r"طوال|ابتداء\s+من|اعتبارا\s+من)")
# "عام 2003", "بعام 2023", "للعام 2024", "سنة 2019", "عامي 2014 و2017".
_AR_YEAR_WORD = r"(?:[وف]?[بلك]?(?:عامي|عام|سنتي|سنه)|" + _AR_DEFINITE + r"(?:عام|سنه))"
# A year may carry م or ميلادي (AD).
_AR_AD = r"(?:\s*م(?!\w)|\s+ميلادي(?:ه)?(?!\w))?"
_AR_PAST = ("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته")
_AR_NEXT = ("المقبل", "المقبله", "القادم", "القادمه")
_AR_THIS = ("الحالي", "الحاليه", "الجاري", "الجاريه")
_AR_RELATION = {**dict.fromkeys(_AR_PAST, -1), **dict.fromkeys(_AR_NEXT, 1), **dict.fromkeys(_AR_THIS, 0)}
_AR_UNITS: dict[str, Precision] = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}
_AR_PLURAL_UNITS: dict[str, Precision] = {"ايام": "day", "اسابيع": "week", "اشهر": "month", "شهور": "month",
                                          "اعوام": "year", "سنوات": "year", "سنين": "year"}
_AR_RECENT = ("الاخيره", "الماضيه", "المنصرمه", "الفائته")
_AR_COMING = ("المقبله", "القادمه")
# Nouns after which العام is the adjective "general, public", not "the year": الأمين العام المقبل.
_AR_GENERAL = frozenset(_folded(w) for w in (
    "الأمين", "المدعي", "النائب", "المدير", "المفتش", "القائد", "المنسق", "المراقب", "الرأي", "القطاع",
    "الشأن", "المؤتمر", "الاتحاد", "الإضراب", "المال", "النفع", "الصالح", "العفو", "الأمن", "الرأى",
    "الموظف", "الادعاء", "التعليم", "المستشار", "المفوض", "الحق"))


# ---------------------------------------------------------------------------------------------
# English grammar, over the matching form (lower case).

_EN_PREPOSITION = r"(?:in|by|since|until|till|from|during|early|late|mid|around|before|after|through|throughout|of)"
_EN_ORDINAL = r"(?:st|nd|rd|th)?"
_EN_RELATION = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}
_EN_UNITS: dict[str, Precision] = {"week": "week", "month": "month", "year": "year"}
_EN_PLURAL_UNITS: dict[str, Precision] = {"days": "day", "weeks": "week", "months": "month", "years": "year"}


# Anchors: what a rule's every match contains, searched before the rule runs. These are the
# digits, the named days and this/these; a rule's month, weekday and relation words are the others.
_DIGIT = re.compile(r"\d")
# A rule that reads a year or a numeric date looks for as many digits as its match has in a row
# (a year "عام 2003" three or four, "2003" four) and a numeric date's separator: sentences that
# hold only small numbers are not scanned for years.
_DIGITS_3 = re.compile(r"\d{3}")
_DIGITS_4 = re.compile(r"\d{4}")
_DIGIT_SEPARATOR = re.compile(r"\d[/.-]\d")
_AR_NAMED_DAY = re.compile("اليوم|امس|غد")
_AR_THIS_WORD = re.compile("هذا|هذه")
_EN_NAMED_DAY = re.compile("yesterday|tomorrow")


@dataclass(frozen=True)
class _Rule:
    """One pattern of date expression and how to resolve its match."""

    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date], tuple[DateValue, Basis] | None]
    # Patterns that every match of this rule contains a match of (a digit, a month name…): the
    # rule scans a text only when each is in it, so most rules skip most sentences.
    needs: tuple[re.Pattern[str], ...] = ()
    # Only when the original's first letter is a capital: "in May" is a month, "may" is not.
    capitalised: bool = False

    def may_match(self, subject: str, seen: dict[str, bool]) -> bool:
        """Whether each of the rule's anchors is in subject; seen keeps each answer for the next
        rule, by the anchor's pattern text (a compiled pattern hashes its whole program each
        time: a microsecond for the month names, asked of every sentence by several rules)."""
        for anchor in self.needs:
            found = seen.get(anchor.pattern)
            if found is None:
                found = seen[anchor.pattern] = anchor.search(subject) is not None
            if not found:
                return False
        return True


def _year(text: str | None, low: int = 1000, high: int = 2999) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year if low <= year <= high else None


def _nearest_month(published: date, month: int, direction: int | None) -> Period:
    """The month of that number nearest the publication: the last one before it (direction -1),
    the first after it (1), or whichever is closer, the earlier on a tie (None)."""
    here = published.year * 12 + published.month - 1
    options = [(published.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if direction == -1:
        index = max(o for o in options if o < here)
    elif direction == 1:
        index = min(o for o in options if o > here)
    else:
        index = min(options, key=lambda o: (abs(o - here), o))
    return Period.month(index // 12, index % 12 + 1)


def _nearest_day(published: date, month: int, day: int, direction: int | None) -> Period | None:
    """The date with that day and month nearest the publication, as _nearest_month chooses."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if direction == -1:
        options = [o for o in options if o < published]
    elif direction == 1:
        options = [o for o in options if o > published]
    if not options:
        return None
    return Period.day(min(options, key=lambda o: (abs((o - published).days), o)))


def _weekday(published: date, weekday: int, direction: int) -> Period:
    """The nearest such weekday strictly before (-1) or after (1) the publication date."""
    step = timedelta(days=direction)
    day = published + step
    while day.weekday() != weekday:
        day += step
    return Period.day(day)


def _day_value(year: int | None, month: int, day: int, relation: int | None, published: date) -> tuple[DateValue, Basis] | None:
    if year is not None:
        try:
            return DateValue.point(Period.day(date(year, month, day))), "absolute"
        except ValueError:
            return None
    period = _nearest_day(published, month, day, relation)
    return (DateValue.point(period), "relative" if relation is not None else "inferred") if period else None


def _month_value(year: int | None, month: int, relation: int | None, published: date) -> tuple[DateValue, Basis]:
    if year is not None:
        return DateValue.point(Period.month(year, month)), "absolute"
    if relation == 0:
        return DateValue.point(Period.month(published.year, month)), "relative"
    return DateValue.point(_nearest_month(published, month, relation)), "relative" if relation else "inferred"


def _relative_unit(precision: Precision, relation: int, published: date) -> tuple[DateValue, Basis]:
    return DateValue.point(Period.containing(published, precision).shifted(relation)), "relative"


def _open_range(precision: Precision, backwards: bool, published: date) -> tuple[DateValue, Basis]:
    """'Recent months' ends with the publication's month, start unknown; 'coming months' the reverse."""
    here = Period.containing(published, precision)
    return (DateValue.between(None, here) if backwards else DateValue.between(here, None)), "relative"


def _month_of(match: re.Match[str], language: Language) -> int | None:
    """The month a match names; None when a paired form names two different months."""
    names = month_names(language)
    month = names[re.sub(r"\s+", " ", match["month"]).rstrip(".")]
    for group in ("month2", "month3"):
        other = match.groupdict().get(group)
        if other and names[re.sub(r"\s+", " ", other)] != month:
            return None
    return month


@cache
def _arabic_rules() -> tuple[_Rule, ...]:
    months = _alternation(month_names("ar"))
    # A month, optionally paired with its other name: أيلول/سبتمبر, سبتمبر (أيلول).
    month = (rf"(?P<month>{months})(?:\s*[/\\]\s*(?P<month2>{months})|\s*\(\s*(?P<month3>{months})\s*\))?")
    weekdays = _alternation(weekday_names("ar"))
    relation = _alternation(_AR_RELATION)
    year_part = rf"(?:\s*،?\s*(?:من\s+)?(?:{_AR_YEAR_WORD}\s*)?(?P<year>\d{{4}}){_AR_AD})"
    day = r"(?P<day>[0-3]?\d)"
    start, stop = r"(?<!\w)", r"(?!\w)"

    def full_date(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number = _month_of(m, "ar")
        if number is None:
            return None
        relation_value = _AR_RELATION[m["rel"]] if m["rel"] else None
        return _day_value(_year(m["year"]), number, int(m["day"]), relation_value, published)

    def month_year(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number, year = _month_of(m, "ar"), _year(m["year"])
        return None if number is None or year is None else _month_value(year, number, None, published)

    def month_relative(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number = _month_of(m, "ar")
        return None if number is None else _month_value(None, number, _AR_RELATION[m["rel"]], published)

    def month_alone(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number = _month_of(m, "ar")
        return None if number is None else _month_value(None, number, None, published)

    def year_with_word(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        year = _year(m["year"])
        return (DateValue.point(Period.year(year)), "absolute") if year else None

    def year_after_preposition(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        year = _year(m["year"], 1900, 2099)
        return (DateValue.point(Period.year(year)), "absolute") if year else None

    def unit_relative(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        unit = _AR_UNITS[m["unit"]]
        if m["unit"] == "عام" and m["before"] and m["before"] in _AR_GENERAL:
            return None
        word = m["rel"]
        feminine = m["unit"] == "سنه"
        if feminine != word.endswith("ه"):
            return None
        return _relative_unit(unit, _AR_RELATION[word], published)

    def unit_this(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        return _relative_unit(_AR_UNITS[m["unit"]], 0, published)

    def plural_unit(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        return _open_range(_AR_PLURAL_UNITS[m["unit"]], m["rel"] in _AR_RECENT, published)

    def weekday_relative(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        direction = _AR_RELATION[m["rel"]]
        if direction == 0:
            return None
        return DateValue.point(_weekday(published, weekday_names("ar")[m["wd"]], direction)), "relative"

    def named_day(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        offset = {"اليوم": 0, "امس": -1, "بالامس": -1, "الامس": -1, "اول امس": -2, "اول من امس": -2,
                  "غدا": 1, "بعد غد": 2}[re.sub(r"\s+", " ", m["word"])]
        anchor = published + timedelta(days=offset)
        if m["wd"]:
            # "اليوم الثلاثاء": the weekday names the day; take the nearest one to the anchor.
            wanted = weekday_names("ar")[m["wd"]]
            anchor = min((anchor + timedelta(days=k) for k in range(-3, 4)),
                         key=lambda d: (d.weekday() != wanted, abs((d - anchor).days), d))
        elif m["word"] == "اليوم":
            return None  # "today" alone also means "nowadays"
        return DateValue.point(Period.day(anchor)), "relative"

    def numeric(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        return _numeric_date(m)

    units = _alternation(_AR_UNITS)
    plural_units = _alternation(_AR_PLURAL_UNITS)
    recent_or_coming = _alternation(_AR_RECENT + _AR_COMING)
    # The anchors: each rule's pattern holds one of these, unbounded, in every match.
    digit, named_month, related, weekday = _DIGIT, re.compile(months), re.compile(relation), re.compile(weekdays)
    rules = [
        # 23 يوليو 2024, الثلاثاء 23 تموز/يوليو 2024, 5 سبتمبر الماضي, 15 من أيلول.
        (rf"{start}(?P<expr>(?:{_AR_CLITICS}يوم\s+)?(?:(?:[وف]?{weekdays})\s*،?\s*)?{day}\s*(?:من\s+)?"
         rf"(?:شهر\s+)?{month}(?:{year_part}|\s+(?P<rel>{relation}))?){stop}", full_date, (digit, named_month)),
        (rf"{start}(?P<expr>{_AR_CLITICS}(?:شهر\s+)?{month}{year_part}){stop}", month_year, (digit, named_month)),
        (rf"{start}(?P<expr>{_AR_CLITICS}(?:شهر\s+)?{month}\s+(?P<rel>{relation})){stop}", month_relative,
         (named_month, related)),
        (rf"{start}{_AR_PREPOSITION}\s+(?P<expr>(?:شهر\s+)?{month}){stop}", month_alone, (named_month,)),
        (rf"{start}(?P<expr>{_AR_CLITICS}شهر\s+{month}){stop}", month_alone, (named_month,)),
        (rf"{start}(?P<expr>{_AR_YEAR_WORD}\s*(?P<year>\d{{3,4}}){_AR_AD}){stop}", year_with_word, (_DIGITS_3,)),
        (rf"{start}{_AR_PREPOSITION}\s+(?P<expr>(?P<year>\d{{4}}){_AR_AD}){stop}", year_after_preposition, (_DIGITS_4,)),
        (rf"(?:(?P<before>\w+)\s+)?{start}(?P<expr>{_AR_DEFINITE}(?P<unit>{units})\s+(?P<rel>{relation})){stop}",
         unit_relative, (related,)),
        (rf"{start}(?P<expr>[وف]?(?:هذا|هذه)\s+ال(?P<unit>{units})){stop}", unit_this, (_AR_THIS_WORD,)),
        (rf"{start}(?P<expr>{_AR_DEFINITE}(?P<unit>{plural_units})\s+(?:القليله\s+)?"
         rf"(?P<rel>{recent_or_coming})){stop}", plural_unit, (re.compile(recent_or_coming),)),
        (rf"{start}(?P<expr>(?:{_AR_CLITICS}يوم\s+)?[وف]?(?P<wd>{weekdays})\s+(?P<rel>{relation})){stop}",
         weekday_relative, (weekday, related)),
        (rf"{start}(?P<expr>[وف]?(?P<word>اليوم|اول\s+من\s+امس|اول\s+امس|بالامس|الامس|امس|غدا|بعد\s+غد)"
         rf"(?:\s*،?\s*(?P<wd>{weekdays}))?){stop}", named_day, (_AR_NAMED_DAY,)),
        (rf"{start}(?P<expr>{_NUMERIC}){stop}", numeric, _NUMERIC_ANCHORS),
    ]
    return tuple(_Rule(re.compile(p), r, needs) for p, r, needs in rules)

# 23/7/2024, 23-07-2024, 2024-07-23: day first, as Arabic and British writing have it.
_NUMERIC = (r"(?:(?P<nd>[0-3]?\d)(?P<sep>[/.-])(?P<nm>[01]?\d)(?P=sep)(?P<ny>\d{4})"
            r"|(?P<iy>\d{4})-(?P<im>[01]\d)-(?P<id>[0-3]\d))")
_NUMERIC_ANCHORS = (_DIGIT_SEPARATOR, _DIGITS_4)


def _numeric_date(m: re.Match[str]) -> tuple[DateValue, Basis] | None:
    if m["iy"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        year, month, day = int(m["ny"]), int(m["nm"]), int(m["nd"])
    try:
        return DateValue.point(Period.day(date(year, month, day))), "absolute"
    except ValueError:
        return None


@cache
def _english_rules() -> tuple[_Rule, ...]:
    months = _alternation(month_names("en"))
    month = rf"(?P<month>{months})\.?"
    weekdays = _alternation(weekday_names("en"))
    year = r"(?P<year>\d{4})"
    start, stop = r"(?<![\w$£€])", r"(?![\w%])"
    # The anchors: each rule's pattern holds one of these, unbounded, in every match.
    digit, named_month, weekday = _DIGIT, re.compile(months), re.compile(weekdays)
    units, plural_units = "week|month|year", _alternation(_EN_PLURAL_UNITS)

    def full_date(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number = _month_of(m, "en")
        assert number is not None
        return _day_value(_year(m["year"], 1000, 2999), number, int(m["day"]), None, published)

    def month_year(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number, value = _month_of(m, "en"), _year(m["year"])
        return None if number is None or value is None else _month_value(value, number, None, published)

    def month_relative(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number = _month_of(m, "en")
        assert number is not None
        return _month_value(None, number, _EN_RELATION[m["rel"]], published)

    def month_alone(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        number = _month_of(m, "en")
        assert number is not None
        return _month_value(None, number, None, published)

    def bare_year(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        value = _year(m["year"], 1900, 2099)
        return (DateValue.point(Period.year(value)), "absolute") if value else None

    def unit_relative(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        return _relative_unit(_EN_UNITS[m["unit"]], _EN_RELATION[m["rel"].split()[-1]], published)

    def plural_unit(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        return _open_range(_EN_PLURAL_UNITS[m["unit"]], m["rel"] is None or ("coming" not in m["rel"]
                           and "next" not in m["rel"]), published)

    def weekday_relative(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        direction = _EN_RELATION[m["rel"].split()[-1]]
        return DateValue.point(_weekday(published, weekday_names("en")[m["wd"]], direction)), "relative"

    def named_day(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                  "the day after tomorrow": 2}[re.sub(r"\s+", " ", m["word"])]
        return DateValue.point(Period.day(published + timedelta(days=offset))), "relative"

    def numeric(m: re.Match[str], published: date) -> tuple[DateValue, Basis] | None:
        return _numeric_date(m)

    rules = [
        (rf"{start}(?P<expr>(?:{weekdays}),?\s+(?:the\s+)?(?P<day>[0-3]?\d){_EN_ORDINAL}\s+(?:of\s+)?{month}"
         rf"(?:,?\s+{year})?){stop}", full_date, (digit, named_month, weekday)),
        (rf"{start}(?P<expr>(?P<day>[0-3]?\d){_EN_ORDINAL}\s+(?:of\s+)?{month}(?:,?\s+{year})?){stop}", full_date,
         (digit, named_month)),
        (rf"{start}(?P<expr>(?:(?:{weekdays}),?\s+)?{month}\s+(?P<day>[0-3]?\d){_EN_ORDINAL}(?:,\s*{year})?){stop}",
         full_date, (digit, named_month)),
        (rf"{start}(?P<expr>{month},?\s+(?:of\s+)?{year}){stop}", month_year, (digit, named_month)),
        (rf"{start}(?P<expr>(?P<rel>last|next|this)\s+{month}){stop}", month_relative, (named_month,)),
        (rf"{start}{_EN_PREPOSITION}[\s-]+(?P<expr>{month}){stop}", month_alone, (named_month,), True),
        (rf"{start}(?:mid-)?(?P<expr>{year}){stop}(?![.,]\d)", bare_year, (_DIGITS_4,)),
        (rf"{start}(?P<expr>(?:the\s+)?(?P<rel>this|last|next|coming|current)\s+(?P<unit>{units})){stop}",
         unit_relative, (re.compile(units),)),
        (rf"{start}(?P<expr>(?P<rel>(?:the\s+)?(?:past|last|next|coming)(?:\s+(?:few|several))?|recent)\s+"
         rf"(?P<unit>{plural_units})){stop}", plural_unit, (re.compile(plural_units),)),
        (rf"{start}(?P<expr>(?P<rel>last|next|this\s+past|this\s+coming)\s+(?P<wd>{weekdays})){stop}",
         weekday_relative, (weekday,)),
        (rf"{start}(?P<expr>(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|tomorrow)){stop}",
         named_day, (_EN_NAMED_DAY,)),
        (rf"{start}(?P<expr>{_NUMERIC}){stop}", numeric, _NUMERIC_ANCHORS),
    ]
    return tuple(_Rule(re.compile(rule[0]), *rule[1:]) for rule in rules)  # type: ignore[arg-type]


# After a year, another year joined by و، أو، إلى، حتى، a comma or a dash ("عامي 2014 و2017").
_AR_NEXT_YEAR = re.compile(r"\s*(?:،\s*|[-–]\s*|او\s+|الي\s+|حتي\s+)?(?P<expr>و?\s*(?P<year>\d{4})" + _AR_AD + r")(?!\w)")
_EN_NEXT_YEAR = re.compile(r"(?:\s*(?:,|-|–|and|or|to|until)\s*)(?P<expr>(?P<year>\d{4}))(?![\w%])")


def find_dates(text: str, language: Language, published: date) -> tuple[DateMention, ...]:
    """Every date expression in text, in order, resolved against the publication date.

    Where expressions overlap, the longest wins ("سبتمبر 2024" over "2024").

    >>> [(m.text, m.value.iso) for m in find_dates("عاد في عام 2014، وفي سبتمبر الماضي", "ar", date(2024, 7, 23))]
    [('عام 2014', '2014'), ('سبتمبر الماضي', '2023-09')]
    >>> [(m.text, m.value.iso) for m in find_dates("Talks began in January 2024, this week.", "en", date(2024, 7, 23))]
    [('January 2024', '2024-01'), ('this week', '2024-W30')]
    """
    folded = matching_form(text)
    subject = folded.text
    rules = _arabic_rules() if language == "ar" else _english_rules()
    found: list[tuple[int, int, DateValue, Basis]] = []
    seen: dict[str, bool] = {}
    for rule in rules:
        if not rule.may_match(subject, seen):
            continue
        for match in rule.pattern.finditer(subject):
            if rule.capitalised and not text[folded.offsets[match.start("expr")]].isupper():
                continue
            resolved = rule.resolve(match, published)
            if resolved is not None:
                found.append((match.start("expr"), match.end("expr"), *resolved))
    if not found:  # most sentences: nothing to choose among or to follow
        return ()
    chosen = _longest_first(found)
    chosen = _follow_year_lists(subject, chosen, _AR_NEXT_YEAR if language == "ar" else _EN_NEXT_YEAR)
    mentions = []
    for start, end, value, basis in chosen:
        begin, finish = folded.source_span(start, end)
        mentions.append(DateMention(begin, finish, text[begin:finish], value, basis))
    return tuple(mentions)


def stated_day(text: str, language: Language = "ar") -> date | None:
    """The first whole date (day, month and year) that a text states, as a dateline gives it.

    >>> stated_day("عمّان - 14 كانون الأول 2019"), stated_day("تونس في 3 فيفري 2020"), stated_day("في ديسمبر 2019")
    (datetime.date(2019, 12, 14), datetime.date(2020, 2, 3), None)
    """
    # The reference date only resolves relative expressions, which a dateline's whole date is not.
    for mention in find_dates(text, language, date(2000, 1, 1)):
        period = mention.value.start
        if mention.basis == "absolute" and not mention.value.is_range and period and period.precision == "day":
            return period.first
    return None


def _longest_first(found: list[tuple[int, int, DateValue, Basis]]) -> list[tuple[int, int, DateValue, Basis]]:
    chosen: list[tuple[int, int, DateValue, Basis]] = []
    for candidate in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(candidate[1] <= c[0] or c[1] <= candidate[0] for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])


def _follow_year_lists(subject: str, chosen: list[tuple[int, int, DateValue, Basis]],
                       pattern: re.Pattern[str]) -> list[tuple[int, int, DateValue, Basis]]:
    """Add the years that follow a year in a list or range: "2014 و2017", "2014–2017"."""
    result = list(chosen)
    queue = [c for c in chosen if c[2].start is not None and c[2].start.precision == "year" and not c[2].is_range]
    while queue:
        _, end, _, _ = queue.pop()
        match = pattern.match(subject, end)
        # A list needs its joint: "2014 و2017", "2014–2017", not two numbers side by side.
        if not match or not re.search(r"[،,و–-]|او|الي|حتي|and|or|to|until", subject[end:match.start("year")]):
            continue
        year = _year(match["year"], 1000, 2999)
        span = (match.start("expr"), match.end("expr"))
        if year is None or any(span[0] < c[1] and c[0] < span[1] for c in result):
            continue
        added = (span[0], span[1], DateValue.point(Period.year(year)), "absolute")
        result.append(added)  # type: ignore[arg-type]
        queue.append(added)  # type: ignore[arg-type]
    return sorted(result, key=lambda c: c[0])


# ---------------------------------------------------------------------------------------------
# Periods into words, by Babel. English dates are written day first, as on the rest of the site.

LOCALES = {"en": "en_GB", "ar": "ar", "ar_IQ": "ar_IQ"}
_PATTERNS = {"year": "y", "month": "MMMM y", "day": "d MMMM y"}
_SKELETONS = {"year": "y", "month": "yMMMM", "week": "yMMMd", "day": "yMMMd"}
_OPEN = {"en": ("up to {}", "from {}"), "ar": ("حتى {}", "ابتداءً من {}")}


# Babel's interval formatting costs tens of microseconds, and a site's mentions repeat their
# values (every "next week" of an article): each period is put into words once per build.
@lru_cache(maxsize=4096)
def format_period(period: Period, locale: str) -> str:
    """A period as readers of a locale write it.

    >>> format_period(Period.month(2024, 9), "ar"), format_period(Period.month(2024, 9), "ar_IQ")
    ('سبتمبر 2024', 'أيلول 2024')
    >>> format_period(Period.week(2024, 29), "en")
    '15\\u2009–\\u200921 Jul 2024'
    """
    babel_locale = LOCALES.get(locale, locale)
    if period.precision == "week":
        return format_interval(period.first, period.last, _SKELETONS["week"], locale=babel_locale)
    return format_date(period.first, _PATTERNS[period.precision], locale=babel_locale)


@lru_cache(maxsize=4096)
def format_span(start: Period, end: Period, locale: str) -> str:
    """From start to end, as one interval at the coarser of their precisions.

    >>> format_span(Period.day(date(2024, 7, 22)), Period.day(date(2024, 7, 23)), "en")
    '22\\u2009–\\u200923 Jul 2024'
    """
    order = ("day", "week", "month", "year")
    coarser = max(start.precision, end.precision, key=order.index)
    return format_interval(start.first, end.last, _SKELETONS[coarser], locale=LOCALES.get(locale, locale))


def format_value(value: DateValue, locale: str) -> str:
    """What a date expression was resolved to, in words: a period, an interval or an open range.

    >>> format_value(DateValue.between(None, Period.month(2024, 7)), "en")
    'up to July 2024'
    """
    if not value.is_range:
        assert value.start is not None
        return format_period(value.start, locale)
    if value.start and value.end:
        return format_span(value.start, value.end, locale)
    until, since = _OPEN["ar" if locale.startswith("ar") else "en"]
    if value.end:
        return until.format(format_period(value.end, locale))
    assert value.start is not None
    return since.format(format_period(value.start, locale))
