"""Date parser: recognition tables for Arabic and English, and the resolution of relative dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel import Locale, localedata
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from explainer.knowledge.dates import DateValue, Period, _arabic_rules, _english_rules, find_dates, format_value, month_names
from explainer.intake.normalise import matching_form

PUBLISHED = date(2024, 7, 23)        # the seed article: a Tuesday in ISO week 30
NEW_YEAR = date(2025, 1, 2)          # a Thursday: ISO week 2025-W01 began on 30 December 2024
WEEK_ONE_IN_DECEMBER = date(2024, 12, 30)  # a Monday of calendar 2024 in ISO week 2025-W01
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def found(text: str, language: str = "ar", published: date = PUBLISHED) -> list[tuple[str, str]]:
    return [(m.text, m.value.iso) for m in find_dates(text, language, published)]  # type: ignore[arg-type]


# Every month name of every Arabic locale Babel knows: the Egyptian and Gulf names, the Iraqi
# and Levantine ones, the Maghrebi ones. Each must be found with a year after it.
ARABIC_NAMES = sorted({(name, number, locale)
                       for locale in sorted(localedata.locale_identifiers()) if locale.split("_")[0] == "ar"
                       for context in ("format", "stand-alone")
                       for number, name in Locale.parse(locale).months[context]["wide"].items()},
                      key=lambda row: (row[1], row[0]))
UNIQUE_ARABIC_NAMES = sorted({(name, number) for name, number, _ in ARABIC_NAMES}, key=lambda r: (r[1], r[0]))


@pytest.mark.parametrize(("name", "number"), UNIQUE_ARABIC_NAMES, ids=[n for n, _ in UNIQUE_ARABIC_NAMES])
@pytest.mark.parametrize("digits", ["western", "eastern"])
def test_every_babel_arabic_month_name_is_a_month(name: str, number: int, digits: str) -> None:
    year = "2019" if digits == "western" else "2019".translate(EASTERN)
    text = f"وقع ذلك في {name} {year}، كما قيل."
    assert found(text) == [(f"{name} {year}", f"2019-{number:02d}")]


def test_the_babel_table_covers_each_system() -> None:
    # One name of each system, typed here, so a change in Babel's data cannot go unnoticed.
    names = month_names("ar")
    for folded, number in [("يناير", 1), ("كانون الثاني", 1), ("جانفي", 1), ("ايلول", 9), ("شتنبر", 9),
                           ("اغشت", 8), ("غشت", 8), ("يوليوز", 7), ("جويليه", 7), ("تشرين الاول", 10), ("دجنبر", 12)]:
        assert names[folded] == number
    locales = {locale for _, _, locale in ARABIC_NAMES}
    assert {"ar", "ar_EG", "ar_SA", "ar_IQ", "ar_SY", "ar_LB", "ar_JO", "ar_PS", "ar_MA", "ar_DZ", "ar_TN", "ar_LY",
            "ar_MR"} <= locales


# (text, expected [(words marked, ISO value)]): absolute dates in Arabic.
ARABIC_ABSOLUTE = [
    ("غزت القوات العراق في عام 2003", [("عام 2003", "2003")]),
    ("مهزوما في العراق في 2017 وفي سوريا في 2019", [("2017", "2017"), ("2019", "2019")]),
    ("مقارنة بعام 2023", [("بعام 2023", "2023")]),
    ("للعام 2024 ولعام 2025", [("للعام 2024", "2024"), ("ولعام 2025", "2025")]),
    ("في سنة 1991م", [("سنة 1991م", "1991")]),
    ("بين عامي 2014 و2017", [("عامي 2014", "2014"), ("و2017", "2017")]),
    ("منذ 2014-2017", [("2014", "2014"), ("2017", "2017")]),
    ("في سبتمبر 2024", [("سبتمبر 2024", "2024-09")]),
    ("بحلول سبتمبر 2025", [("سبتمبر 2025", "2025-09")]),
    ("وسبتمبر 2025", [("وسبتمبر 2025", "2025-09")]),
    ("في شهر آب من عام 2025", [("شهر آب من عام 2025", "2025-08")]),
    ("في أيلول/سبتمبر 2024", [("أيلول/سبتمبر 2024", "2024-09")]),
    ("في سبتمبر/أيلول 2024", [("سبتمبر/أيلول 2024", "2024-09")]),
    ("في أيلول (سبتمبر) 2024", [("أيلول (سبتمبر) 2024", "2024-09")]),
    ("في تشرين الأول/أكتوبر 2023", [("تشرين الأول/أكتوبر 2023", "2023-10")]),
    ("يوم 27 أيلول/سبتمبر 2024", [("يوم 27 أيلول/سبتمبر 2024", "2024-09-27")]),
    ("الثلاثاء 23 يوليو 2024", [("الثلاثاء 23 يوليو 2024", "2024-07-23")]),
    ("في 15 من تموز 2024", [("15 من تموز 2024", "2024-07-15")]),
    ("في 3 جانفي 2024", [("3 جانفي 2024", "2024-01-03")]),
    ("بتاريخ 23/7/2024", [("23/7/2024", "2024-07-23")]),
    ("بتاريخ 2024-07-23", [("2024-07-23", "2024-07-23")]),
    ("في سَبْتَمْبَر 2024", [("سَبْتَمْبَر 2024", "2024-09")]),
]


@pytest.mark.parametrize(("text", "expected"), ARABIC_ABSOLUTE, ids=[row[0] for row in ARABIC_ABSOLUTE])
@pytest.mark.parametrize("digits", ["western", "eastern"])
def test_arabic_absolute_dates(text: str, expected: list[tuple[str, str]], digits: str) -> None:
    if digits == "eastern":
        text = text.translate(EASTERN)
        expected = [(words.translate(EASTERN), iso) for words, iso in expected]
    assert found(text) == expected


# Relative expressions, resolved against three publication dates: the seed's, one in the first
# days of a year, and one in the last days of a year that already belong to the next ISO week-year.
RELATIVE = [
    ("هذا الأسبوع", "this week", {PUBLISHED: "2024-W30", NEW_YEAR: "2025-W01", WEEK_ONE_IN_DECEMBER: "2025-W01"}),
    ("الأسبوع الجاري", "the current week", {PUBLISHED: "2024-W30", NEW_YEAR: "2025-W01", WEEK_ONE_IN_DECEMBER: "2025-W01"}),
    ("الأسبوع الماضي", "last week", {PUBLISHED: "2024-W29", NEW_YEAR: "2024-W52", WEEK_ONE_IN_DECEMBER: "2024-W52"}),
    ("الأسبوع المقبل", "next week", {PUBLISHED: "2024-W31", NEW_YEAR: "2025-W02", WEEK_ONE_IN_DECEMBER: "2025-W02"}),
    ("هذا الشهر", "this month", {PUBLISHED: "2024-07", NEW_YEAR: "2025-01", WEEK_ONE_IN_DECEMBER: "2024-12"}),
    ("الشهر الماضي", "last month", {PUBLISHED: "2024-06", NEW_YEAR: "2024-12", WEEK_ONE_IN_DECEMBER: "2024-11"}),
    ("الشهر المقبل", "next month", {PUBLISHED: "2024-08", NEW_YEAR: "2025-02", WEEK_ONE_IN_DECEMBER: "2025-01"}),
    ("هذا العام", "this year", {PUBLISHED: "2024", NEW_YEAR: "2025", WEEK_ONE_IN_DECEMBER: "2024"}),
    ("هذه السنة", "this year", {PUBLISHED: "2024", NEW_YEAR: "2025", WEEK_ONE_IN_DECEMBER: "2024"}),
    ("العام الجاري", "the current year", {PUBLISHED: "2024", NEW_YEAR: "2025", WEEK_ONE_IN_DECEMBER: "2024"}),
    ("العام الماضي", "last year", {PUBLISHED: "2023", NEW_YEAR: "2024", WEEK_ONE_IN_DECEMBER: "2023"}),
    ("السنة الماضية", "last year", {PUBLISHED: "2023", NEW_YEAR: "2024", WEEK_ONE_IN_DECEMBER: "2023"}),
    ("العام المقبل", "next year", {PUBLISHED: "2025", NEW_YEAR: "2026", WEEK_ONE_IN_DECEMBER: "2025"}),
    ("العام القادم", "the coming year", {PUBLISHED: "2025", NEW_YEAR: "2026", WEEK_ONE_IN_DECEMBER: "2025"}),
    ("الأشهر الأخيرة", "recent months", {PUBLISHED: "../2024-07", NEW_YEAR: "../2025-01", WEEK_ONE_IN_DECEMBER: "../2024-12"}),
    ("الأشهر القليلة الماضية", "the past few months",
     {PUBLISHED: "../2024-07", NEW_YEAR: "../2025-01", WEEK_ONE_IN_DECEMBER: "../2024-12"}),
    ("الأسابيع الأخيرة", "recent weeks", {PUBLISHED: "../2024-W30", NEW_YEAR: "../2025-W01", WEEK_ONE_IN_DECEMBER: "../2025-W01"}),
    ("السنوات الأخيرة", "recent years", {PUBLISHED: "../2024", NEW_YEAR: "../2025", WEEK_ONE_IN_DECEMBER: "../2024"}),
    ("الأشهر المقبلة", "the coming months", {PUBLISHED: "2024-07/..", NEW_YEAR: "2025-01/..", WEEK_ONE_IN_DECEMBER: "2024-12/.."}),
    ("الاثنين الماضي", "last Monday", {PUBLISHED: "2024-07-22", NEW_YEAR: "2024-12-30", WEEK_ONE_IN_DECEMBER: "2024-12-23"}),
    ("يوم الخميس المقبل", "next Thursday", {PUBLISHED: "2024-07-25", NEW_YEAR: "2025-01-09", WEEK_ONE_IN_DECEMBER: "2025-01-02"}),
    ("الجمعة الماضية", "last Friday", {PUBLISHED: "2024-07-19", NEW_YEAR: "2024-12-27", WEEK_ONE_IN_DECEMBER: "2024-12-27"}),
    ("أمس", "yesterday", {PUBLISHED: "2024-07-22", NEW_YEAR: "2025-01-01", WEEK_ONE_IN_DECEMBER: "2024-12-29"}),
    ("غدًا", "tomorrow", {PUBLISHED: "2024-07-24", NEW_YEAR: "2025-01-03", WEEK_ONE_IN_DECEMBER: "2024-12-31"}),
    ("ديسمبر الماضي", "last December", {PUBLISHED: "2023-12", NEW_YEAR: "2024-12", WEEK_ONE_IN_DECEMBER: "2023-12"}),
    ("كانون الثاني المقبل", "next January", {PUBLISHED: "2025-01", NEW_YEAR: "2026-01", WEEK_ONE_IN_DECEMBER: "2025-01"}),
]
RELATIVE_CASES = [(ar, en, day, iso) for ar, en, table in RELATIVE for day, iso in table.items()]


@pytest.mark.parametrize(("arabic", "english", "published", "iso"), RELATIVE_CASES,
                         ids=[f"{en}@{day}" for _, en, day, _ in RELATIVE_CASES])
def test_relative_dates_in_both_languages(arabic: str, english: str, published: date, iso: str) -> None:
    assert found(f"وقال المسؤول {arabic}، إن", "ar", published) == [(arabic, iso)]
    assert found(f"The official said {english}, that", "en", published) == [(english, iso)]


def test_relative_dates_take_clitics() -> None:
    assert found("وفي الأسبوع الماضي وللأسبوع المقبل") == [("الأسبوع الماضي", "2024-W29"), ("وللأسبوع المقبل", "2024-W31")]
    assert found("وهذا العام") == [("وهذا العام", "2024")]


def test_today_needs_its_weekday() -> None:
    assert found("اليوم الثلاثاء") == [("اليوم الثلاثاء", "2024-07-23")]
    # Published just after midnight: the weekday named wins over the date.
    assert found("أمس الأحد", published=date(2024, 7, 23)) == [("أمس الأحد", "2024-07-21")]
    assert found("العراق اليوم") == []


def test_month_without_year_is_the_nearest_one() -> None:
    assert [(m.text, m.value.iso, m.basis) for m in find_dates("بحلول سبتمبر", "ar", PUBLISHED)] == [
        ("سبتمبر", "2024-09", "inferred")]
    assert found("في ديسمبر", published=NEW_YEAR) == [("ديسمبر", "2024-12")]
    assert found("في 15 يوليو", published=NEW_YEAR) == [("15 يوليو", "2024-07-15")]


# Numbers and words that are not dates.
NOT_DATES = [
    ("ويقوده حوالي 2500 جندي أمريكي", "ar"),
    ("ويضم التحالف أكثر من 80 دولة", "ar"),
    ("الأمين العام المقبل للأمم المتحدة", "ar"),
    ("في تشكيل ملامح المرحلة المقبلة", "ar"),
    ("السنة الماضي", "ar"),  # adjective and noun disagree
    ("مارس الضغوط على الحكومة", "ar"),  # the verb, not the month
    ("2,500 US troops and 900 in Syria", "en"),
    ("it may be that", "en"),
    ("the 2000s and a 1990s film", "en"),
    ("a 2024.5 figure and a 2024% rise", "en"),
]


@pytest.mark.parametrize(("text", "language"), NOT_DATES, ids=[t for t, _ in NOT_DATES])
def test_not_dates(text: str, language: str) -> None:
    assert found(text, language) == []


ENGLISH_ABSOLUTE = [
    ("US forces invaded Iraq in 2003 and withdrew in 2011.", [("2003", "2003"), ("2011", "2011")]),
    ("in September 2024, by September 2025", [("September 2024", "2024-09"), ("September 2025", "2025-09")]),
    ("began in January 2024", [("January 2024", "2024-01")]),
    ("in Sept. 2024", [("Sept. 2024", "2024-09")]),
    ("on 27 September 2024", [("27 September 2024", "2024-09-27")]),
    ("on September 27, 2024", [("September 27, 2024", "2024-09-27")]),
    ("on Monday, July 15, 2024", [("Monday, July 15, 2024", "2024-07-15")]),
    ("the 23rd of July 2024", [("23rd of July 2024", "2024-07-23")]),
    ("in 2017 and 2019", [("2017", "2017"), ("2019", "2019")]),
    ("mid-2024", [("2024", "2024")]),
    ("in May", [("May", "2024-05")]),
    ("last September", [("last September", "2023-09")]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_ABSOLUTE, ids=[row[0] for row in ENGLISH_ABSOLUTE])
def test_english_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, "en") == expected


def test_a_mention_keeps_the_original_characters() -> None:
    text = "في  أيلولَ ٢٠٢٤، قالوا"
    (mention,) = find_dates(text, "ar", PUBLISHED)
    assert text[mention.start:mention.end] == mention.text == "أيلولَ ٢٠٢٤"


def test_periods_and_values() -> None:
    assert Period.parse("2024-W01").first == date(2024, 1, 1)
    assert Period.parse("2020-W53").last == date(2021, 1, 3)
    assert Period.week(2025, 1).shifted(-1).iso == "2024-W52"
    assert Period.month(2025, 1).shifted(-1).iso == "2024-12"
    for bad in ("2024-13", "24-01", "2024-02-30", "2023-W53", "2024/01"):
        with pytest.raises(ValueError):
            Period.parse(bad)
    recent = DateValue.between(None, Period.month(2024, 7))
    assert recent.overlaps(Period.day(date(2003, 3, 20))) and not recent.overlaps(Period.month(2024, 8))
    assert format_value(recent, "ar") == "حتى يوليو 2024"
    assert format_value(DateValue.point(Period.month(2024, 9)), "ar_IQ") == "أيلول 2024"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_relative_weeks_and_months_always_hold_the_day_they_count_from(published: date) -> None:
    (this_week,) = find_dates("this week", "en", published)
    (last_week,) = find_dates("الأسبوع الماضي", "ar", published)
    assert this_week.value.overlaps(Period.day(published))
    assert last_week.value.last < published and (published - last_week.value.first).days < 14
    (last_month,) = find_dates("الشهر الماضي", "ar", published)
    assert last_month.value.last == published.replace(day=1) - timedelta(days=1)
    assert last_month.value.first.day == 1


@given(st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩ عامفيسبتمبرthe year,", max_size=40))
def test_matching_form_maps_back_to_the_original(text: str) -> None:
    folded = matching_form(text)
    for mention in find_dates(text, "ar", PUBLISHED):
        assert text[mention.start:mention.end] == mention.text
    assert len(folded.offsets) == len(folded.text) + 1


# Folding is character by character: each character of the original folds alone to the one
# character at its offset, or is dropped; İ (two characters in lower case) and Σ (ς at a word's
# end in str.lower) stay one character each.
@given(st.text(alphabet="أإآٱاىةيهَُِّْٰـ٠١٢٣٤٥٦٧٨٩۰۹09 \t\u00a0\u2009AZaziİΣσ.،", max_size=40))
def test_matching_form_folds_each_character_alone(text: str) -> None:
    folded = matching_form(text)
    assert list(folded.offsets) == sorted(set(folded.offsets)) and folded.offsets[-1] == len(text)
    kept = folded.offsets[:-1]
    for position, index in enumerate(kept):
        assert folded.text[position] == matching_form(text[index]).text
    for index in set(range(len(text))) - set(kept):
        assert matching_form(text[index]).text == ""


def test_matching_form_keeps_letters_whose_case_folding_changes_their_length() -> None:
    assert matching_form("ΣΑΣ").text == "σασ" and matching_form("İ").text == "İ"


# The anchors: a rule runs on a text only when its anchors (a digit, a month name…) are there.
# They must never turn away a text the rule's pattern matches.
def _rules(language: str) -> tuple:
    return _arabic_rules() if language == "ar" else _english_rules()


def turned_away(text: str, language: str) -> list[str]:
    """The patterns that match text's matching form although their rule's anchors are not there."""
    subject = matching_form(text).text
    return [rule.pattern.pattern for rule in _rules(language)
            if rule.pattern.search(subject) and not rule.may_match(subject, {})]


def _corpus_texts() -> list[str]:
    """Every line of every article and corpus case, every translation, and the tables above."""
    texts = [line for path in sorted([*ROOT.glob("tests/corpus/*/article.ar.txt"), *ROOT.glob("content/articles/*/article.ar.txt")])
             for line in path.read_text(encoding="utf-8-sig").splitlines()]
    for path in sorted(ROOT.glob("content/articles/*/en.po")):
        with path.open("rb") as handle:
            texts += [message.string for message in read_po(handle) if message.id and message.string]
    tables = [t for t, _ in ARABIC_ABSOLUTE] + [t for ar, en, _ in RELATIVE for t in (ar, en)]
    tables += [t for t, _ in NOT_DATES] + [t for t, _ in ENGLISH_ABSOLUTE] + [n for n, _ in UNIQUE_ARABIC_NAMES]
    return texts + tables + [t.translate(EASTERN) for t in tables]


def test_anchors_never_turn_away_a_date_in_the_corpus() -> None:
    texts = _corpus_texts()
    assert [(t, p) for language in ("ar", "en") for t in texts for p in turned_away(t, language)] == []
    # Not vacuous: the rules match many of these texts, and most rules are spared most lines.
    subjects = [matching_form(t).text for t in texts]
    matched = sum(bool(rule.pattern.search(s)) for s in subjects for rule in _rules("ar"))
    ran = sum(rule.may_match(s, {}) for s in subjects for rule in _rules("ar"))
    assert matched > 100 and ran < len(subjects) * len(_rules("ar")) / 2


def test_a_sentence_without_a_date_word_runs_no_rule() -> None:
    for text, language in [("وقال المسؤول إن المحادثات مستمرة بين الطرفين", "ar"),
                           ("The official said talks would resume in Baghdad.", "en")]:
        subject = matching_form(text).text
        assert not any(rule.may_match(subject, {}) for rule in _rules(language))


# Generated text: the words dates are made of, with clitics, digits of both kinds and the
# separators between them (mostly a space), joined at random, so words run into each other too.
_ARABIC_WORDS = sorted({n for n, _, _ in ARABIC_NAMES} | {
    name for locale in ("ar", "ar_IQ", "ar_MA") for name in Locale.parse(locale).days["format"]["wide"].values()} | {
    "الماضي", "الماضية", "المنصرم", "الفائتة", "المقبل", "المقبلة", "القادم", "القادمة", "الحالي", "الجارية",
    "الأسبوع", "الشهر", "العام", "السنة", "أسبوع", "شهر", "عام", "سنة", "عامي", "سنتي", "الأيام", "الأسابيع",
    "الأشهر", "الشهور", "الأعوام", "السنوات", "الأخيرة", "القليلة", "اليوم", "يوم", "أمس", "الأمس", "غدًا", "غد",
    "بعد", "أول", "من", "هذا", "هذه", "في", "منذ", "حتى", "بحلول", "خلال", "مطلع", "ابتداءً", "ميلادي", "م",
    "2024", "٢٠٢٤", "23", "٧", "1991م", "23/7/2024", "2024-07-23", "و", "ف", "ب", "ل", "ك", "لل", "ال"})
_ENGLISH_WORDS = sorted({name for name in Locale.parse("en").months["format"]["wide"].values()} | {
    name for name in Locale.parse("en").months["format"]["abbreviated"].values()} | {
    name for name in Locale.parse("en").days["format"]["wide"].values()} | {
    "may", "march", "sept.", "last", "next", "this", "coming", "current", "past", "recent", "few", "several",
    "the", "of", "in", "by", "mid", "week", "month", "year", "days", "weeks", "months", "years", "yesterday",
    "tomorrow", "day", "before", "after", "2024", "23", "23rd", "1st", "23/7/2024", "2024-07-23", "and", "to"})
_SEPARATORS = [" "] * 8 + ["  ", "", "، ", ", ", "/", " (", ") ", "-", "–", ".", "\u00a0", " و"]


def _generated(words: list[str]) -> st.SearchStrategy[str]:
    pieces = st.tuples(st.sampled_from(words), st.sampled_from(_SEPARATORS)).map("".join)
    return st.lists(pieces, max_size=8).map("".join)


@settings(max_examples=1000)
@given(_generated(_ARABIC_WORDS), _generated(_ENGLISH_WORDS))
def test_anchors_never_turn_away_a_generated_date(arabic: str, english: str) -> None:
    assert turned_away(arabic, "ar") == [] and turned_away(english, "en") == []


_PERIODS = st.builds(Period.containing, st.dates(min_value=date(1000, 1, 8), max_value=date(2999, 12, 24)),
                     st.sampled_from(["day", "week", "month", "year"]))


@given(st.one_of(_PERIODS.map(DateValue.point), st.builds(DateValue.between, st.none() | _PERIODS, st.none() | _PERIODS)))
def test_a_value_reads_back_from_its_iso(value: DateValue) -> None:
    # The build manifest keeps each date mention's value as its ISO 8601 text.
    assert DateValue.parse(value.iso) == value
