"""Unused assets: the files Material copies into an edition that nothing on the site loads, removed from the built site."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

# Folders under an edition's assets/ that no page loads since Pagefind replaced Material's
# search: lunr and its language files (894 KB), which only Material's search worker imports,
# and the worker (254 KB), which Material's bundle starts only for a search box of its own
# ([data-md-component=search]); the site's box (overrides/partials/search.html) is not one.
UNUSED_FOLDERS = ("javascripts/lunr", "javascripts/workers")
# Source maps (1.3 MB): DevTools fetches them to show Material's unminified sources, and no
# reader does. The comment that names a map is taken out of its script too, so DevTools does
# not warn about a missing file: a trailing line comment, which changes nothing the script does.
SOURCE_MAPS = "*.map"
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=(?P<js>[^\s*]+)|/\*# sourceMappingURL=(?P<css>[^\s*]+)\s*\*/)\s*\Z")


@dataclass(frozen=True)
class Removed:
    """What was taken out of an edition's assets: files removed, their bytes, comments stripped."""

    files: int
    size: int
    comments: int


def remove_unused_assets(site: Path) -> Removed:
    """Remove the unused folders and the source maps from site/assets/ (one edition's: the
    other edition's site/ar/ is its own build's to prune) and strip the comments naming maps
    that are gone."""
    assets = site / "assets"
    doomed = [path for folder in UNUSED_FOLDERS for path in sorted((assets / folder).rglob("*")) if path.is_file()]
    maps = [path for path in sorted(assets.rglob(SOURCE_MAPS)) if path.is_file()] if assets.is_dir() else []
    files = sorted(set(doomed) | set(maps))
    size = sum(path.stat().st_size for path in files)
    for folder in UNUSED_FOLDERS:
        shutil.rmtree(assets / folder, ignore_errors=True)
    for path in maps:
        path.unlink(missing_ok=True)
    comments = sum(strip_missing_map_comment(path) for pattern in ("*.js", "*.css") for path in sorted(assets.rglob(pattern)))
    return Removed(len(files), size, comments)


def strip_missing_map_comment(path: Path) -> bool:
    """Take the sourceMappingURL comment off the end of a script or style sheet when the map it
    names is not beside it; whether it did."""
    data = path.read_bytes()
    match = _MAP_COMMENT.search(data)
    if match is None:
        return False
    name = (match.group("js") or match.group("css")).decode("utf-8", "replace")
    if "://" in name or name.startswith("data:") or (path.parent / name).exists():
        return False
    path.write_bytes(data[:match.start()] + b"\n")
    return True
