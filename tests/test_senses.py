"""Senses and dated facts: each shared form of the glossary in each of its senses links to the
right entry or to none, undecided matches wait for the editor's terms.yml, and a tooltip tells
what was true on its article's date.

The articles here are ours, written for these tests; the glossary is the project's own.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BIN, ROOT, SEED_SLUG, copy_project, run
from explainer.core.problems import ContentError
from explainer.intake.catalog import Translation, write_catalog
from explainer.intake.content import Article, article_template, load_article, load_articles
from explainer.intake.segment import load_furniture_patterns
from explainer.knowledge.glossary import Glossary, facts_as_of, load_glossary
from explainer.knowledge.senses import TermDecision, article_decisions, review_article_terms
from explainer.pages.glossary_annotate import load_site_glossary

GLOSSARY = load_glossary(ROOT / "content")
PATTERNS = load_furniture_patterns(ROOT / "content" / "furniture.yml")


def make_article(folder: Path, text: str, published: str = "2018-03-01", terms: str | None = None,
                 story: str | None = None) -> Article:
    """An article folder of our own: its Arabic text, meta.yml and, if given, terms.yml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.ar.txt").write_text(text, encoding="utf-8")
    meta = {"title": {"ar": "مقال تجريبي", "en": "Test article"}, "publisher": "Test", "published": published}
    if story:
        meta["story"] = story
    (folder / "meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    if terms is not None:
        (folder / "terms.yml").write_text(terms, encoding="utf-8")
    return load_article(folder, PATTERNS)


def decided(article: Article, translations: Mapping[str, Translation] | None = None,
            glossary: Glossary = GLOSSARY) -> list[TermDecision]:
    decisions, stale = article_decisions(glossary, article, translations or {})
    assert stale == []
    return decisions


def outcome(decisions: list[TermDecision], words: str) -> tuple[str, str | None]:
    """What the match of these exact words became: (status, the entry it links to or None)."""
    (found,) = [d for d in decisions if d.words == words]
    return found.status, found.entry if found.status == "linked" else None


# Each ambiguous form in each of its senses, in a sentence of our own, and what it must link to.
SENSES = [
    # عمان: Amman, Jordan's capital, or Oman.
    ("وصل وزير الخارجية إلى العاصمة الأردنية عمان في زيارة رسمية.", "عمان", ("linked", "amman")),
    ("وقال مسؤول في عمان الأردنية إن المحادثات مستمرة.", "عمان", ("linked", "amman")),
    ("وصل الوفد إلى مسقط ثم غادر عمان متجها إلى الخليج.", "عمان", ("linked", "oman")),
    ("ووقعت سلطنة عمان اتفاقا تجاريا جديدا.", "سلطنة عمان", ("linked", "oman")),
    # السوداني: Sudanese, or Mohammed Shia al-Sudani.
    ("وتراجع الجنيه السوداني أمام الدولار في السوق الموازية.", "السوداني", ("rejected", None)),
    ("واستقبل الرئيس السوداني عمر البشير وفدا من الخرطوم.", "السوداني", ("rejected", None)),
    ("وأكد السوداني في بغداد أن الحكومة العراقية ماضية في خطتها.", "السوداني", ("linked", "mohammed-shia-al-sudani")),
    ("والتقى رئيس الوزراء محمد شياع السوداني بالوفد.", "محمد شياع السوداني", ("linked", "mohammed-shia-al-sudani")),
    # التحالف: the Saudi-led coalition in Yemen, any alliance, or the US-led Global Coalition.
    ("وشن التحالف الذي تتزعمه السعودية غارات جديدة في اليمن.", "التحالف", ("rejected", None)),
    ("ودعا الحزب إلى التحالف مع دول أوروبا في ملف الطاقة.", "التحالف", ("rejected", None)),
    ("وقال التحالف بقيادة الولايات المتحدة إنه قتل قياديا في التنظيم.", "التحالف بقيادة الولايات المتحدة",
     ("linked", "global-coalition")),
    ("وأعلن التحالف ضد داعش في بيان أن طائراته قصفت مواقع قرب الحدود.", "التحالف", ("linked", "global-coalition")),
    # رئيس الوزراء: whose prime minister.
    ("وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن حكومته لن تتراجع.", "رئيس الوزراء", ("rejected", None)),
    ("وزار رئيس الوزراء البريطاني العاصمة الفرنسية.", "رئيس الوزراء", ("rejected", None)),
    ("وقال رئيس الوزراء العراقي حيدر العبادي إن المعركة انتهت.", "رئيس الوزراء العراقي",
     ("linked", "prime-minister-of-iraq")),
    # الجماعات المسلحة / الفصائل: which groups.
    ("وخرجت الجماعات المسلحة من الغوطة الشرقية بعد الاتفاق.", "الجماعات المسلحة", ("rejected", None)),
    ("وهددت الفصائل الموالية لإيران باستهداف القواعد.", "الفصائل الموالية لإيران", ("linked", "iran-aligned-factions")),
    ("وقالت الفصائل العراقية القريبة من إيران إنها سترد.", "الفصائل العراقية", ("linked", "iran-aligned-factions")),
    # القوات الأمريكية: where.
    ("وقالت القوات الأمريكية في سوريا إنها اعتقلت مشتبها به.", "القوات الأمريكية", ("rejected", None)),
    ("وانسحبت القوات الأمريكية من قاعدة عين الأسد في الأنبار.", "القوات الأمريكية", ("linked", "us-forces-in-iraq")),
    # Generic phrases.
    ("ودخلت المساعدات الإنسانية عبر الحدود إلى البلدات المنكوبة.", "عبر الحدود", ("rejected", None)),
    ("وتحدث التقرير عن النفوذ الإيراني في لبنان وسوريا.", "النفوذ الإيراني", ("rejected", None)),
    ("ويتنامى النفوذ الإيراني في العراق منذ سنوات.", "النفوذ الإيراني", ("linked", "iranian-influence")),
]


@pytest.mark.parametrize(("sentence", "words", "expected"), SENSES, ids=[f"{w}-{i}" for i, (_, w, _) in enumerate(SENSES)])
def test_each_shared_form_links_to_its_sense_or_to_none(tmp_path: Path, sentence: str, words: str,
                                                         expected: tuple[str, str | None]) -> None:
    article = make_article(tmp_path / "sense-test", sentence + "\n", published="2024-11-01")
    assert outcome(decided(article), words) == expected


def test_what_context_does_not_decide_is_proposed_and_the_editor_decides_it(tmp_path: Path) -> None:
    text = "ونفذ التنظيم هجوما في عمان قبل أيام.\nوقال المسؤول إن المجتمع الدولي يتابع الموقف.\n"
    article = make_article(tmp_path / "proposed", text)
    decisions = decided(article)
    assert outcome(decisions, "عمان")[0] == "proposed"
    assert outcome(decisions, "المجتمع الدولي")[0] == "proposed"
    found = review_article_terms(GLOSSARY, article, {})
    (first, second) = found.problems
    segment = article.segmentation.segments[0]
    # file:line: what: what to do, with the sentence and the candidates.
    assert str(first).startswith(f"{article.folder / 'article.ar.txt'}:1: proposed match 'عمان' (ar) in segment "
                                 f"{segment.id} in «ونفذ التنظيم هجوما في عمان قبل أيام.»: Amman or Oman?: decide in ")
    assert str(first).endswith(f"terms.yml: segment: {segment.id}, text: عمان, then entry: amman or oman "
                               "(or another entry's id), or reject: why it means none")
    assert second.line == 2
    # The editor confirms one, points one at another entry (Oman, here) and rejects the other.
    terms = (f"- segment: {segment.id}\n  text: عمان\n  entry: oman\n"
             "- text: المجتمع الدولي\n  reject: A stock phrase; no gloss needed here.\n")
    article = make_article(tmp_path / "proposed", text, terms=terms)
    decisions = decided(article)
    assert outcome(decisions, "عمان") == ("linked", "oman")
    assert outcome(decisions, "المجتمع الدولي") == ("rejected", None)
    assert review_article_terms(GLOSSARY, article, {}).problems == ()


def test_the_editor_can_point_a_match_at_another_entry(tmp_path: Path) -> None:
    text = "ونفذ التنظيم هجوما في عمان قبل أيام.\n"
    article = make_article(tmp_path / "pointed", text, terms="- text: عمان\n  entry: amman\n")
    assert outcome(decided(article), "عمان") == ("linked", "amman")


def test_terms_yml_problems_are_reported_at_their_lines(tmp_path: Path) -> None:
    terms = ("- segment: s-00000000\n  text: عمان\n  entry: oman\n"     # 1-3: no such segment
             "- text: عمان\n  entry: omann\n"                            # 4-5: no such entry
             "- text: عمان\n  entry: oman\n  reject: both\n"             # 6-8: both
             "- text: الجنيه\n  entry: oman\n")                          # 9-10: settles nothing
    article = make_article(tmp_path / "bad-terms", "ونفذ التنظيم هجوما في عمان قبل أيام.\n", terms=terms)
    with pytest.raises(ContentError) as raised:
        article_decisions(GLOSSARY, article, {})
    found = [(p.line, p.what) for p in raised.value.problems]
    assert (1, "segment 's-00000000' is not in the article") in found
    assert (5, "no entry 'omann' in the glossary") in found
    assert any(line == 6 and "not both or neither" in what for line, what in found)
    good = "- text: عمان\n  entry: oman\n- text: الجنيه\n  entry: oman\n"
    article = make_article(tmp_path / "bad-terms", "ونفذ التنظيم هجوما في عمان قبل أيام.\n", terms=good)
    _, stale = article_decisions(GLOSSARY, article, {})
    assert [(p.line, p.what) for p in stale] == [(3, "no shared form 'الجنيه' in the article")]


def test_the_english_column_follows_its_sentence_arabic(tmp_path: Path) -> None:
    article = make_article(tmp_path / "english", "وشن التحالف الذي تتزعمه السعودية غارات جديدة في اليمن.\n")
    segment = article.segmentation.segments[0]
    english = {segment.id: Translation(segment.id, "The Saudi-led coalition carried out new raids in Yemen.",
                                       "translated", (), None)}
    decisions = decided(article, english)
    assert outcome(decisions, "coalition") == ("rejected", None)


def test_an_article_before_an_event_cannot_mean_it(tmp_path: Path) -> None:
    # The "security summit" of July 2024 cannot be the summit a 2018 article speaks of.
    article = make_article(tmp_path / "summit", "وعقدت القمة الأمنية في واشنطن بمشاركة الوزراء.\n")
    assert outcome(decided(article), "القمة الأمنية") == ("rejected", None)
    later = make_article(tmp_path / "summit", "وعقدت القمة الأمنية في واشنطن بمشاركة الوزراء.\n", published="2024-07-23")
    assert outcome(decided(later), "القمة الأمنية") == ("linked", "us-iraq-security-dialogue-2024")


def tip_text(element: ET.Element, *, skip_later: bool = False) -> str:
    """A tooltip's text, without its later-labelled facts if asked."""
    parts = [" ".join(child.itertext()) for child in element
             if not (skip_later and "gl-tip-later" in (child.get("class") or ""))]
    return " ".join(" ".join(parts).split())


def site_tooltips(content: Path, slug: str) -> dict[str, ET.Element]:
    """Each linked entry's tooltip on one article's page, by entry id: read from the file that the
    entry's link on the page names (data-tip), among the files the build writes."""
    articles, _ = load_articles(content)
    site = load_site_glossary(content, articles, lambda article: {})
    files = {page.path: page.text for page in site.tooltip_pages()}
    article = next(a for a in articles if a.slug == slug)
    match, tips = site.matcher(), {}
    for segment in article.segmentation.segments:
        for span in match(segment.id, "ar", segment.text):
            if "data-tip" in span.attributes:
                entry = span.attributes["href"].removeprefix("../../glossary/").removesuffix("/")
                tips[entry] = ET.fromstring(files[f"glossary/{entry}/tips/{span.attributes['data-tip']}.html"])
    return tips


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    target.mkdir()
    for name in ("furniture.yml", "glossary.yml"):
        (target / name).write_bytes((ROOT / "content" / name).read_bytes())
    return target


@pytest.mark.parametrize(("published", "holder", "not_said"), [
    ("2016-05-01", "Held by Haider al-Abadi", ["al-Sudani", "Kadhimi"]),
    ("2021-01-10", "Held by Mustafa al-Kadhimi", ["al-Abadi", "al-Sudani"]),
    ("2024-07-23", "Held by Mohammed Shia al-Sudani", ["al-Abadi", "Kadhimi"]),
])
def test_an_office_names_its_holder_on_the_article_date(content: Path, published: str, holder: str,
                                                        not_said: list[str]) -> None:
    make_article(content / "articles" / "office", "وقال رئيس الوزراء العراقي إن الحكومة ماضية في خطتها.\n",
                 published=published)
    text = tip_text(site_tooltips(content, "office")["prime-minister-of-iraq"])
    assert holder in text
    assert not any(name in text for name in not_said), text


def test_a_person_s_later_office_is_labelled_later(content: Path) -> None:
    # Two different sentences: a sentence two articles share is one segment, marked once.
    make_article(content / "articles" / "before", "وقال محمد شياع السوداني إن الوزارة ستدفع الرواتب.\n",
                 published="2016-05-01")
    make_article(content / "articles" / "after", "وقال محمد شياع السوداني إن الحكومة ستدفع الرواتب.\n",
                 published="2023-02-01")
    before = site_tooltips(content, "before")["mohammed-shia-al-sudani"]
    after = site_tooltips(content, "after")["mohammed-shia-al-sudani"]
    assert "Prime Minister of Iraq" not in tip_text(before, skip_later=True)
    assert "Later: From 27 October 2022: Prime Minister of Iraq." in tip_text(before)
    assert "Since 27 October 2022: Prime Minister of Iraq." in tip_text(after)
    assert "Later" not in tip_text(after)


def test_articles_told_the_same_share_one_tooltip_file(content: Path) -> None:
    # The same day and no story: one tooltip, one file; years before, al-Sudani's office is "Later".
    sentences = {"first": ("الوزارة", "2023-02-01"), "second": ("الحكومة", "2023-02-01"), "earlier": ("الشركة", "2016-05-01")}
    for slug, (who, published) in sentences.items():
        make_article(content / "articles" / slug, f"وقال محمد شياع السوداني إن {who} ستدفع الرواتب.\n", published=published)
    articles, _ = load_articles(content)
    site = load_site_glossary(content, articles, lambda article: {})
    names = {slug: site.tip_name("mohammed-shia-al-sudani", slug) for slug in sentences}
    assert names["first"] == names["second"] != names["earlier"]
    files = {page.path for page in site.tooltip_pages() if page.path.startswith("glossary/mohammed-shia-al-sudani/")}
    assert files == {f"glossary/mohammed-shia-al-sudani/tips/{name}.html" for name in names.values()}


def test_a_fact_not_yet_true_is_not_told_and_an_ended_one_gives_its_end(content: Path) -> None:
    make_article(content / "articles" / "old", "وقالت إسرائيل إن صدام حسين يهدد المنطقة.\n", published="2002-06-01")
    make_article(content / "articles" / "new", "وذكّرت إسرائيل بأن صدام حسين هدد المنطقة.\n", published="2024-07-23")
    old, new = site_tooltips(content, "old"), site_tooltips(content, "new")
    assert "Hamas" not in tip_text(old["israel"])
    assert "Since 7 October 2023: At war with Hamas in Gaza." in tip_text(new["israel"])
    # In 2002 Saddam was president, with no end yet; in 2024 the presidency has its end.
    assert "Since 1979: President of Iraq." in tip_text(old["saddam-hussein"])
    assert "Toppled" not in tip_text(old["saddam-hussein"])
    assert "1979 to April 2003: President of Iraq." in tip_text(new["saddam-hussein"])


def test_a_role_shows_only_in_its_story(content: Path) -> None:
    make_article(content / "articles" / "in-story", "وقالت بغداد إن المحادثات مستمرة.\n", published="2024-07-23",
                 story="coalition-withdrawal-2024")
    make_article(content / "articles" / "elsewhere", "وأعلنت بغداد أن المحادثات مستمرة.\n", published="2024-07-23")
    role = "In the article also the Iraqi government."
    assert role in tip_text(site_tooltips(content, "in-story")["baghdad"])
    assert role not in tip_text(site_tooltips(content, "elsewhere")["baghdad"])


YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# Every written form of every entry, to build articles from, and the entry each belongs to.
OWNERS = {form: entry for entry in GLOSSARY.entries for form in (entry.ar, *entry.ar_variants)}
FORMS = sorted(OWNERS)


@settings(max_examples=40)
@given(day=st.dates(date(1995, 1, 1), date(2030, 12, 31)), forms=st.lists(st.sampled_from(FORMS), min_size=1, max_size=8))
def test_no_tooltip_names_a_year_after_its_article_unless_labelled_later(day: date, forms: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "content"
        target.mkdir()
        for name in ("furniture.yml", "glossary.yml"):
            (target / name).write_bytes((ROOT / "content" / name).read_bytes())
        text = "".join(f"وقال مصدر مطلع إن {form} أصدر بيانا جديدا.\n" for form in forms)
        make_article(target / "articles" / "property", text, published=day.isoformat())
        tips = site_tooltips(target, "property")
        for entry_id, tip in tips.items():
            named = [int(y) for y in YEAR.findall(tip_text(tip, skip_later=True))]
            assert all(year <= day.year for year in named), (entry_id, day, tip_text(tip))
        # Not vacuous: a form of one sense, of a thing that existed by then, has its tooltip.
        plain = {OWNERS[f].id for f in forms if not OWNERS[f].shared
                 and (OWNERS[f].exists_from is None or OWNERS[f].exists_from.first <= day)}
        assert plain <= set(tips), (plain - set(tips), text)


def test_the_seed_tooltips_name_later_years_only_as_later_or_as_the_story_s_plans() -> None:
    for entry_id, tip in site_tooltips(ROOT / "content", SEED_SLUG).items():
        kept = [child for child in tip if "gl-tip-later" not in (child.get("class") or "")
                and "gl-tip-role" not in (child.get("class") or "")]
        named = [int(y) for child in kept for y in YEAR.findall(" ".join(child.itertext()))]
        assert all(year <= 2024 for year in named), entry_id


def test_facts_as_of_a_day_are_oldest_first_and_later_ones_marked() -> None:
    syria = GLOSSARY["syria"]
    facts = facts_as_of(GLOSSARY, syria, date(2024, 7, 23))
    assert [(f.text.en, f.later) for f in facts] == [("US troops there fight the Islamic State", False),
                                                      ("President Bashar al-Assad was ousted", True)]
    assert facts_as_of(GLOSSARY, syria, date(2010, 1, 1))[0].later


def test_a_strict_build_refuses_an_undecided_match_and_a_draft_marks_it(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    text = "ونفذ التنظيم هجوما في عمان قبل أيام.\n"
    article = make_article(root / "content" / "articles" / "undecided", text, published="2024-07-23")
    catalog = article_template(article)
    for message in catalog:
        if message.id:
            message.string = "The group carried out an attack there days ago."
            # The English leaves the place unnamed, so that only the Arabic's عمان is to decide; the
            # translation checks' names finding (the Arabic names Oman, once decided) is accepted.
            message.flags.add("ignore-names")
    write_catalog(article.folder / "en.po", catalog)
    refused = run([str(BIN / "explainer"), "build", "--strict"], root, check=False)
    assert refused.returncode != 0
    segment = article.segmentation.segments[0].id
    assert f"content/articles/undecided/article.ar.txt:1: proposed match 'عمان' (ar) in segment {segment}" in refused.stderr
    run([str(BIN / "explainer"), "build"], root)
    page = (root / "docs" / "articles" / "undecided" / "index.md").read_text(encoding="utf-8")
    assert '<span class="gl-proposed" data-gl-proposed="amman oman">عمان</span>' in page
    assert 'href="../../glossary/oman/"' not in page and 'href="../../glossary/amman/"' not in page
    (article.folder / "terms.yml").write_text(f"- segment: {segment}\n  text: عمان\n  entry: oman\n", encoding="utf-8")
    run([str(BIN / "explainer"), "build", "--strict"], root)
    page = (root / "docs" / "articles" / "undecided" / "index.md").read_text(encoding="utf-8")
    assert 'href="../../glossary/oman/"' in page and "gl-proposed" not in page


def test_explainer_new_lists_links_proposals_and_names_no_entry_covers(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    source = tmp_path / "new.txt"
    source.write_text("واستقبل الرئيس السوداني عمر البشير وزير الخارجية في العاصمة الأردنية عمان.\n"
                      "وقال مسؤول في بغداد إن المجتمع الدولي يتابع الموقف في مدينة دوما.\n", encoding="utf-8")
    result = run([str(BIN / "explainer"), "new", "new-test", "--source", str(source), "--published", "2018-03-01",
                  "--publisher", "Test"], root)
    lines = result.stdout.splitlines()
    assert "glossary: would link 2 entries: Amman (1), Baghdad (1)" in lines
    assert "glossary: 1 proposed match(es) wait for your decision in content/articles/new-test/terms.yml:" in lines
    assert any(line.startswith("  content/articles/new-test/article.ar.txt:2: proposed match 'المجتمع الدولي' (ar)")
               for line in lines)
    assert "glossary: 1 match(es) of shared forms mean no entry here (context or date)" in lines  # السوداني
    assert lines[lines.index("glossary: 1 match(es) of shared forms mean no entry here (context or date)") + 1] == (
        "glossary: names no entry covers (add entries to content/glossary.yml where a reader needs one): "
        "عمر البشير، دوما")


def test_who_s_who_names_each_story_s_role_when_the_site_has_several(content: Path) -> None:
    from explainer.pages.whos_who import render_whos_who

    glossary = (content / "glossary.yml").read_text(encoding="utf-8")
    # A second story in which Iran has a part of its own (our own words).
    glossary = glossary.replace("  roles:\n    - story: coalition-withdrawal-2024\n      en: >-\n        Iraq's neighbour and the patron",
                                "  roles:\n    - story: kerman-bombing\n      en: Where the bombs went off.\n"
                                "      ar: حيث انفجرت القنابل.\n    - story: coalition-withdrawal-2024\n"
                                "      en: >-\n        Iraq's neighbour and the patron", 1)
    (content / "glossary.yml").write_text(glossary, encoding="utf-8")
    make_article(content / "articles" / "first", "وقالت إيران إن المحادثات مستمرة.\n", published="2024-07-23",
                 story="coalition-withdrawal-2024")
    make_article(content / "articles" / "second", "وأعلنت إيران الحداد بعد التفجيرين.\n", published="2024-01-04",
                 story="kerman-bombing")
    articles, _ = load_articles(content)
    site = load_site_glossary(content, articles, lambda article: {})
    page = render_whos_who(site).text
    card = page[page.index('id="iran"'):page.index("</article>", page.index('id="iran"'))]
    assert card.count('class="ww-role"') == 2
    assert '<p lang="en"><cite>Test article</cite>: Where the bombs went off.</p>' in card
    assert "<cite>Test article</cite>: Iraq's neighbour and the patron" in card
    # An actor with a part in one of the two stories shows that part alone, named by its story.
    hamas = page[page.index('id="hamas"'):page.index("</article>", page.index('id="hamas"'))]
    assert hamas.count('class="ww-role"') == 1 and "<cite>Test article</cite>: Background." in hamas
