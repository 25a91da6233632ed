"""Glossary and notes loading: every problem reported at once as file:line: what: what to do."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import BIN, ROOT, SEED_SLUG, run
from explainer.publishing.build import load_translations
from explainer.intake.content import load_articles
from explainer.knowledge.glossary import load_glossary
from explainer.pages.glossary_annotate import load_site_glossary
from explainer.pages.glossary_page import arabic_sort_key, english_sort_key
from explainer.core.problems import ContentError

ENTRY = """\
- id: {id}
  category: {category}
  ar: {ar}
  ar_variants: [{variants}]
  translit: {translit}
  en: {en}
  gloss: {{en: "One line.", ar: "سطر واحد."}}
  definition: {{en: "A paragraph.", ar: "فقرة."}}
"""


def entry(id: str, ar: str, en: str, *, category: str = "place", variants: str = "", translit: str = "x") -> str:
    return ENTRY.format(id=id, category=category, ar=ar, variants=variants, translit=translit, en=en)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder holding the seed article and its timeline, without glossary or notes (nor
    the article's terms.yml, whose decisions name the real glossary's entries)."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "articles", target / "articles", ignore=shutil.ignore_patterns("terms.yml"))
    for name in ("furniture.yml", "timeline.yml"):
        shutil.copy2(ROOT / "content" / name, target / name)
    return target


def problems_of(content: Path) -> list[str]:
    articles, _ = load_articles(content)
    with pytest.raises(ContentError) as raised:
        load_site_glossary(content, articles, load_translations)
    return [str(p) for p in raised.value.problems]


def test_a_good_glossary_loads_and_an_entry_that_matches_nothing_is_a_warning(content: Path) -> None:
    (content / "glossary.yml").write_text(entry("baghdad", "بَغْدَاد", "Baghdad")
                                          + entry("atlantis", "أطلانتس", "Atlantis"), encoding="utf-8")
    articles, _ = load_articles(content)
    site = load_site_glossary(content, articles, load_translations)
    assert [e.id for e in site.glossary.entries] == ["baghdad", "atlantis"]
    assert {o.entry_id for o in site.occurrences} == {"baghdad"}
    (warning,) = site.warnings
    assert warning.warning and warning.line == 9
    assert str(warning).endswith("warning: entry 'atlantis' matches nothing in any article: "
                                 "check its ar/en forms against the text (add the form that occurs), or remove the entry")


def test_every_error_is_reported_at_once_with_its_line(content: Path) -> None:
    text = (entry("iraq", "العِرَاق", "Iraq")                                     # lines 1-8
            + entry("iraq", "بغداد", "Baghdad")                                   # 9-16: duplicate id
            + entry("iraq-country", "العراق", "Iraq (country)")                   # 17-24: claims iraq's form
            + entry("oman", "عمان", "Oman", category="country")                   # 25-32: bad category
            + "- id: Bad Id\n  category: place\n  ar: مكان\n  en: Place\n  translit: makan\n"  # 33-37
            + "  gloss: {en: x, ar: y}\n  definition: {en: x, ar: س}\n  en_variant: [X]\n")   # 38-40
    (content / "glossary.yml").write_text(text, encoding="utf-8")
    problems = problems_of(content)
    name = str(content / "glossary.yml")
    expected = [
        f"{name}:9: duplicate id 'iraq' (first at line 1): give each entry its own id, or merge the two entries",
        f"{name}:26: unknown category 'country': use one of person, place, state, organisation, armed-group, "
        "institution, concept, event",
        f"{name}:33: id 'Bad Id' is not lower-case ASCII words joined by hyphens: write it like mohammed-shia-al-sudani",
        f"{name}:38: gloss.ar 'y' has no Arabic letters: write the Arabic gloss in Arabic script",
        f"{name}:40: unknown field 'en_variant': did you mean 'en_variants'?",
        f"{name}:17: iraq-country: the form 'العراق' is also claimed by iraq (line 1) as 'العِرَاق': "
        "keep the form in one entry only (matching ignores diacritics, hamza and case), or mark it shared: in both entries if it has both senses",
    ]
    assert sorted(problems) == sorted(expected)


def test_a_malformed_file_names_its_line(content: Path) -> None:
    (content / "glossary.yml").write_text("- id: iraq\n  ar: [unclosed\n", encoding="utf-8")
    (problem,) = problems_of(content)
    assert problem.startswith(f"{content / 'glossary.yml'}:") and "malformed YAML" in problem
    assert problem.endswith("fix the syntax; quote text that contains ': ' or starts with a symbol")


def test_a_file_that_is_not_a_list_is_refused(content: Path) -> None:
    (content / "glossary.yml").write_text("iraq: العراق\n", encoding="utf-8")
    (problem,) = problems_of(content)
    assert "expected a list of entries" in problem


def test_bad_sources_are_reported(content: Path) -> None:
    (content / "glossary.yml").write_text(
        entry("baghdad", "بغداد", "Baghdad")
        + "  sources:\n    - {publisher: P, title: T, date: 23/07/2024, url: example.org}\n", encoding="utf-8")
    problems = problems_of(content)
    assert any(":10: date '23/07/2024' is not a date" in p for p in problems)
    assert any(":10: url 'example.org' is not a web address" in p for p in problems)


def test_notes_are_checked_against_articles_and_glossary_together_with_glossary_errors(content: Path) -> None:
    (content / "glossary.yml").write_text(entry("baghdad", "بغداد", "Baghdad")
                                          + entry("baghdad", "بغداد", "Baghdad"), encoding="utf-8")
    (content / "notes.yml").write_text(textwrap.dedent(f"""\
        - segment: {SEED_SLUG}#s-187ae4e0
          en: A note.
          ar: ملاحظة.
          see: [bagdad]
        - segment: {SEED_SLUG}#s-00000000
          en: A note.
          ar: ملاحظة.
        - segment: no-such-article#s-187ae4e0
          en: A note.
        """), encoding="utf-8")
    problems = problems_of(content)
    notes = str(content / "notes.yml")
    assert any("duplicate id 'baghdad'" in p for p in problems)
    assert f"{notes}:4: unknown glossary id 'bagdad': did you mean 'baghdad'?" in problems
    assert any(p.startswith(f"{notes}:5: segment 's-00000000' is not in article '{SEED_SLUG}'") for p in problems)
    assert any(p.startswith(f"{notes}:8: segment 'no-such-article#s-187ae4e0' names no article") for p in problems)
    assert any(p.startswith(f"{notes}:8: ar is missing") for p in problems)


def test_the_project_glossary_is_valid_and_every_entry_occurs() -> None:
    articles, _ = load_articles(ROOT / "content")
    site = load_site_glossary(ROOT / "content", articles, load_translations)
    assert len(site.glossary.entries) >= 30
    assert site.warnings == ()
    ids = {e.id for e in site.glossary.entries}
    assert {n for note in site.notes for n in note.see} <= ids


def test_entries_cite_sources_with_full_fields() -> None:
    glossary = load_glossary(ROOT / "content")
    for entry_ in glossary.entries:
        for source in entry_.sources:
            assert source.publisher and source.title and source.date and source.url.startswith("http")


def test_arabic_order_ignores_the_article_and_vowel_marks() -> None:
    words = ["العِرَاق", "إيران", "التحالف", "بغداد", "واشنطن", "الوِلايات المتحدة", "تقديم"]
    ordered = sorted(words, key=arabic_sort_key)
    assert ordered == ["إيران", "بغداد", "التحالف", "تقديم", "العِرَاق", "واشنطن", "الوِلايات المتحدة"]


def test_english_order_ignores_al_and_the() -> None:
    words = ["al-Sudani", "Baghdad", "the Islamic State", "Tehran"]
    assert sorted(words, key=english_sort_key) == ["Baghdad", "the Islamic State", "al-Sudani", "Tehran"]


def test_check_command_shows_warnings_and_errors(tmp_path: Path, content: Path) -> None:
    root = content.parent
    (content / "glossary.yml").write_text(entry("atlantis", "أطلانتس", "Atlantis"), encoding="utf-8")
    result = run([str(BIN / "explainer"), "check"], root, check=False)
    assert result.returncode == 0
    assert "content/glossary.yml:1: warning: entry 'atlantis' matches nothing in any article" in result.stderr
    (content / "glossary.yml").write_text(entry("atlantis", "أطلانتس", "Atlantis") * 2, encoding="utf-8")
    result = run([str(BIN / "explainer"), "check"], root, check=False)
    assert result.returncode == 1
    assert "content/glossary.yml:9: duplicate id 'atlantis' (first at line 1)" in result.stderr
