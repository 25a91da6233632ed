"""MkDocs hook for every build: valid toggle markup, a search index of sentences, the Arabic font subset.

Thin on purpose: each step is a tested function in the explainer package.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from explainer.fonts import write_fonts
from explainer.search_index import rewrite_search_index
from explainer.theme import drop_checkbox_autocomplete

log = logging.getLogger("mkdocs.plugins.explainer")


def on_post_page(output: str, page: Any, config: Any) -> str:
    fixed, _ = drop_checkbox_autocomplete(output)
    return fixed


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    sentences = rewrite_search_index(site)
    fonts = write_fonts(site)
    log.info("explainer: %d sentence(s) in the search index; %s", sentences,
             ", ".join(f"{p.name} {p.stat().st_size // 1024} KiB" for p in fonts if p.suffix == ".woff2"))
