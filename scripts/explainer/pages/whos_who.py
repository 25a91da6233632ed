"""Who's who: the glossary's people, states, organisations and armed groups into /whos-who/."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..intake.content import Bilingual
from ..knowledge.glossary import ACTOR_CATEGORIES, CATEGORIES, GlossaryEntry
from .glossary_annotate import SiteGlossary, category_badge
from .glossary_page import render_back_references
from .interface import ENGLISH, Interface
from .render import Page, front_matter

PAGE_PATH = "whos-who.md"


def _element(tag: str, attributes: dict[str, str] | None = None, text: str | None = None,
             children: tuple[ET.Element, ...] = ()) -> ET.Element:
    element = ET.Element(tag, attributes or {})
    element.text = text
    element.extend(children)
    return element


def _ordered(ui: Interface, english: ET.Element, arabic: ET.Element) -> tuple[ET.Element, ...]:
    """A pair in the edition's order: its own language first."""
    return (english, arabic) if ui.lang == "en" else (arabic, english)


def story_roles(entry: GlossaryEntry, site: SiteGlossary) -> list[tuple[str, Bilingual]]:
    """The actor's part in each story of the site that gives it one, with the story's first
    article's title in each language; its gloss (and no title) where no story does."""
    stories = site.stories()
    roles = [(articles[0], role.text) for story, articles in stories.items() if (role := entry.role_in(story))]
    if not roles:
        return [("", entry.gloss)]
    if len(stories) == 1:  # one story on the site: the page is that story's, no need to name it
        return [("", text) for _, text in roles]
    return [(f"{article.meta.title_en}\n{article.meta.title_ar}", text) for article, text in roles]


def render_actor(entry: GlossaryEntry, site: SiteGlossary, ui: Interface = ENGLISH) -> ET.Element:
    """One actor: names, part in each story in both languages, and every sentence naming it."""
    heading = _element("h3", {"class": "ww-name"}, children=_ordered(
        ui, _element("span", {"lang": "en"}, entry.en),
        _element("span", {"class": "ww-name-ar", "lang": "ar", "dir": "rtl"}, entry.ar)))
    meta = _element("p", {"class": "ww-meta"}, children=(category_badge(entry, ui),))
    meta[-1].tail = " · "
    meta.append(_element("span", {"lang": "ar-Latn"}, entry.translit))
    meta[-1].tail = " · "
    meta.append(_element("a", {"href": f"../glossary/#{entry.id}"}, ui("Glossary entry")))
    roles = []
    for story, role in story_roles(entry, site):
        english, arabic = _element("p", {"lang": "en"}, role.en), _element("p", {"lang": "ar", "dir": "rtl"}, role.ar)
        if story:  # named by its first article's title, in each language
            title_en, title_ar = story.split("\n")
            english.insert(0, _element("cite", {}, title_en))
            english[0].tail = f": {role.en}"
            english.text = None
            arabic.insert(0, _element("cite", {}, title_ar))
            arabic[0].tail = f": {role.ar}"
            arabic.text = None
        roles.append(_element("div", {"class": "ww-role"}, children=_ordered(ui, english, arabic)))
    references = render_back_references(site.occurrences_of(entry.id), site.articles, ui)
    return _element("article", {"class": "ww-actor", "id": entry.id, "data-category": entry.category},
                    children=(heading, meta, *roles, references))


def render_whos_who(site: SiteGlossary, ui: Interface = ENGLISH) -> Page:
    """The page: actors grouped by kind, most often named first within each group."""
    body = _element("div", {"class": "whos-who"})
    body.text = "\n"
    for category in ACTOR_CATEGORIES:
        entries = [e for e in site.glossary.entries if e.category == category]
        if not entries:
            continue
        entries.sort(key=lambda e: (-len(site.occurrences_of(e.id)), e.en))
        english, arabic = CATEGORIES[category]
        section = _element("section", {"class": "ww-group", "aria-labelledby": f"ww-{category}"}, children=(
            _element("h2", {"id": f"ww-{category}"}, children=_ordered(
                ui, _element("span", {"lang": "en"}, english),
                _element("span", {"class": "ww-group-ar", "lang": "ar", "dir": "rtl"}, arabic))),
            *(render_actor(entry, site, ui) for entry in entries),
        ))
        section.tail = "\n"
        body.append(section)
    intro = ui("The people, states, organisations and armed groups in the story, with the part each "
               "plays in it and every sentence that names them. Definitions and sources are in the glossary.")
    title = ui("Who's who")
    text = front_matter({"title": title, "description": intro})
    html = ET.tostring(body, encoding="unicode", method="html")
    return Page(PAGE_PATH, text + f"\n# {title}\n\n" + intro + "\n\n" + html + "\n")
