"""Problems an editor can cause, turned into `file:line: what: what to do` messages."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located and explained.

    >>> str(Problem("content/a.txt", 3, "line is empty", "delete it"))
    'content/a.txt:3: line is empty: delete it'
    >>> str(Problem("meta.yml", None, "title missing", "add one", warning=True))
    'meta.yml: warning: title missing: add one'
    """

    file: str
    line: int | None
    what: str
    todo: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        level = "warning: " if self.warning else ""
        return f"{where}: {level}{self.what}: {self.todo}"


class ContentError(Exception):
    """Raised with every problem found, so an editor sees them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory when possible."""
    # abspath, not resolve(): it makes no system calls, and messages are made for every file.
    here = os.getcwd()
    absolute = os.path.normpath(os.path.join(here, path))
    if absolute == here or absolute.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, here)
    return str(path)


def raise_if_errors(problems: Iterable[Problem]) -> None:
    """Raise ContentError when any problem is an error (warnings pass)."""
    problems = tuple(problems)
    if any(not p.warning for p in problems):
        raise ContentError(problems)
