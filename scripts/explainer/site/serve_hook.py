"""MkDocs hook for `make serve`: regenerate docs/ from content/ before each rebuild."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from explainer.core.problems import ContentError
from explainer.publishing.build import build

log = logging.getLogger("mkdocs.plugins.explainer")


def on_pre_build(config: Any) -> None:
    """Run a draft build; it rewrites only changed pages, so it cannot start a rebuild loop."""
    root = Path(config["config_file_path"]).parent
    try:
        result = build(root, strict=False)
    except ContentError as error:
        for problem in error.problems:
            log.warning(str(problem))
        return
    if result.written:
        log.info("explainer: regenerated %s", ", ".join(result.written))
