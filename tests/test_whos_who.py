"""Who's who: every actor of the glossary with its part in the story, and where it appears."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from explainer.publishing.build import load_translations
from explainer.intake.content import load_articles
from explainer.knowledge.glossary import ACTOR_CATEGORIES
from explainer.pages.glossary_annotate import load_site_glossary
from explainer.core.problems import ContentError
from explainer.pages.whos_who import render_whos_who


@pytest.fixture(scope="module")
def page_html() -> tuple[ET.Element, object]:
    articles, _ = load_articles(ROOT / "content")
    site = load_site_glossary(ROOT / "content", articles, load_translations)
    text = render_whos_who(site).text
    html = text[text.index('<div class="whos-who">'):]
    return ET.fromstring(html), site


def test_every_actor_has_a_card_with_both_roles_and_references(page_html: tuple[ET.Element, object]) -> None:
    root, site = page_html
    actors = [e for e in site.glossary.entries if e.category in ACTOR_CATEGORIES]
    cards = {card.get("id"): card for card in root.iter("article")}
    assert set(cards) == {e.id for e in actors}
    for entry in actors:
        card = cards[entry.id]
        roles = card.find("div[@class='ww-role']")
        english, arabic = list(roles)
        assert english.get("lang") == "en" and arabic.get("lang") == "ar" and arabic.get("dir") == "rtl"
        role = entry.role_in("coalition-withdrawal-2024")
        assert role is not None, f"{entry.id} has no role in this story"
        assert (english.text, arabic.text) == (role.text.en, role.text.ar)
        links = [a.get("href") for a in card.iter("a")]
        assert f"../glossary/#{entry.id}" in links
        expected = {f"../articles/{o.slug}/#{o.segment_id}" for o in site.occurrences_of(entry.id)}
        assert expected <= set(links)


def test_groups_put_the_most_named_first(page_html: tuple[ET.Element, object]) -> None:
    root, site = page_html
    for section in root.iter("section"):
        ids = [card.get("id") for card in section.iter("article")]
        counts = [len(site.occurrences_of(i)) for i in ids]
        assert counts == sorted(counts, reverse=True)


def test_a_role_without_its_story_is_refused_at_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "glossary.yml").write_text(
        "- id: advise-and-assist\n  category: concept\n  ar: المشورة والمساعدة\n  translit: al-mashūra\n"
        "  en: advise and assist\n  gloss: {en: A mission., ar: مهمة.}\n  role: {en: A role., ar: دور.}\n"
        "  roles:\n    - {en: A role., ar: دور.}\n"
        "  definition: {en: A mission., ar: مهمة.}\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_site_glossary(content, [], load_translations)
    found = [(p.line, p.what, p.todo) for p in raised.value.problems]
    # The old single role: is no longer read (a role belongs to a story); a role names its story.
    assert (7, "unknown field 'role'", "did you mean 'roles'?") in found
    assert any(line == 9 and what == "story is missing" for line, what, _ in found), found
