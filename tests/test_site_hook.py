"""The MkDocs hook titles the Arabic edition's navigation sections once per build, before any page is written."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from explainer.site import site_hook
from explainer.site.theme import section_titles_from_index_pages


def arabic_nav() -> tuple[Any, list[Any]]:
    """A section named after its folder, as MkDocs names it, holding an index page titled in Arabic."""
    section = SimpleNamespace(title="Glossary", is_section=True, parent=None)
    index = SimpleNamespace(title="المسرد", is_index=True, parent=section)
    other = SimpleNamespace(title="صفحة", is_index=False, parent=section)
    loose = SimpleNamespace(title="خارج", is_index=True, parent=None)
    return section, [index, other, loose]


def files_of(pages: list[Any]) -> Any:
    return SimpleNamespace(documentation_pages=lambda: [SimpleNamespace(page=p) for p in [*pages, None]])


def test_a_section_takes_its_index_page_s_title() -> None:
    section, pages = arabic_nav()
    assert section_titles_from_index_pages(pages) == 1 and section.title == "المسرد"
    assert section_titles_from_index_pages(pages) == 0, "nothing left to change"


@pytest.mark.parametrize(("language", "calls", "title"), [("ar", 1, "المسرد"), ("en", 0, "Glossary")])
def test_the_hook_retitles_once_per_build_not_per_page(monkeypatch: pytest.MonkeyPatch, language: str, calls: int,
                                                       title: str) -> None:
    counted: list[int] = []

    def counting(pages: Any) -> int:
        counted.append(1)
        return section_titles_from_index_pages(pages)

    monkeypatch.setattr(site_hook, "section_titles_from_index_pages", counting)
    monkeypatch.setattr(site_hook, "share_pages", lambda env, config, files: None)  # cards: tests/test_sharing.py
    section, pages = arabic_nav()
    config = {"theme": {"language": language}}
    env = object()
    # The hooks MkDocs calls, in its order: on_env once, then the templates and pages.
    assert site_hook.on_env(env, config, files_of(pages)) is env
    nav = SimpleNamespace(items=[section])
    if hasattr(site_hook, "on_template_context"):
        site_hook.on_template_context({"nav": nav}, "404.html", config)
    for page in pages:
        if hasattr(site_hook, "on_page_context"):
            site_hook.on_page_context({"nav": nav}, page, config, nav)
        site_hook.on_post_page("<html><body></body></html>", page, config)
    assert len(counted) == calls and section.title == title


def test_every_arabic_page_s_navigation_is_titled_in_arabic_the_404_page_too(built_project: Path) -> None:
    for page in ("404.html", "index.html", "glossary/index.html"):
        html = (built_project / "site" / "ar" / page).read_text(encoding="utf-8")
        nav = html[html.index("md-nav--primary"):]
        titles = {t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*<', nav)}
        assert "المسرد" in titles and not titles & {"Glossary", "Articles", "Timeline", "Who's who"}, (page, titles)
