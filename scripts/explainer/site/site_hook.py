"""MkDocs hook for every build: valid markup, lighter by the templates' indentation, the page direction,
the search index, the font subset, the two-edition sitemap.

After the build it also removes the theme's files that nothing on the site loads.

Thin on purpose: each step is a tested function in the explainer package.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from explainer.pages.interface import template_strings
from explainer.site.fonts import write_fonts
from explainer.site.search import SearchIndexError, write_search
from explainer.site.sharing import SharedSite, share_pages, write_feed
from explainer.site.sitemap import rewrite_sitemap
from explainer.site.theme import (
    collapse_indentation,
    drop_checkbox_autocomplete,
    drop_material_search,
    html_direction,
    section_titles_from_index_pages,
)
from explainer.site.unused_assets import remove_unused_assets

log = logging.getLogger("mkdocs.plugins.explainer")
# This build's edition: its cards drawn and the articles its feed lists (set by on_env).
_edition: list[SharedSite] = []


def on_config(config: Any) -> Any:
    # The templates' own words (extra.ui, English) in the edition's language, from
    # content/interface/<lang>.po; the headings' permalinks are titled in it too.
    ui = template_strings(Path(config["config_file_path"]).parent / "content", config["theme"]["language"],
                          config["extra"]["ui"])
    config["extra"]["ui"] = ui
    config["mdx_configs"].setdefault("toc", {})["permalink_title"] = ui["permalink"]
    return config


def on_env(env: Any, config: Any, files: Any) -> Any:
    # A section's title in the navigation is its index page's title, not its folder's name.
    # MkDocs has read every page by now (their titles are known) and written none, not even
    # 404.html: retitled once here, every page's navigation shows the new titles.
    if config["theme"]["language"] != "en":
        section_titles_from_index_pages(file.page for file in files.documentation_pages() if file.page is not None)
    # Every page's card and JSON-LD for its <head>, and the articles for the feed (on_post_build).
    _edition[:] = [share_pages(env, config, files)]
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    fixed, _ = drop_checkbox_autocomplete(collapse_indentation(output))
    return html_direction(drop_material_search(fixed), "rtl" if config["theme"]["language"] == "ar" else "ltr")


def on_post_template(output: str, template_name: str, config: Any) -> str:
    # Pages made from templates alone (404.html) get the same fixes; sitemap.xml is not HTML.
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    twin = config["extra"].get("twin")
    # The English edition's folder holds the Arabic one (ar/): each is indexed on its own.
    try:
        pages = write_search(site, config["theme"]["language"], config["site_name"],
                             exclude=[twin["path"]] if twin and not twin["path"].startswith("..") else [])
    except SearchIndexError as error:
        raise PluginError(f"{site}: the search index: {error}: run `make site` again; report it if it persists") from None
    fonts = write_fonts(site)
    removed = remove_unused_assets(site)
    if twin and (site / "sitemap.xml").exists():
        rewrite_sitemap(site, {config["theme"]["language"]: config["site_url"], twin["lang"]: twin["site_url"]})
    shared = _edition[0]
    write_feed(shared, Path(config["config_file_path"]).parent / "content")
    log.info("explainer: %d page(s) in the search index; %s; %d card(s), %d drawn; %d article(s) in %s; "
             "%d unused theme file(s) removed (%d KB)",
             pages, ", ".join(f"{p.name} {p.stat().st_size // 1024} KiB" for p in fonts if p.suffix == ".woff2"),
             shared.cards, shared.drawn, len(shared.articles), "feed.xml", removed.files, removed.size // 1000)
