"""Publish stage: a build's files in memory into docs/ and build/, all of them or none.

Every file is first written into a staging folder under build/ (an unchanged file is
hard-linked from the live one, so it keeps its inode and modification time). Only when the
whole stage is on disk is a journal written: that is the commit point. Then each changed
output folder or file is swapped in with a rename. A build that fails or is interrupted
before the journal leaves docs/ exactly as it was; one interrupted after it is completed by
the next build (`recover`), which finishes the swaps the journal lists.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath

JOURNAL = Path("build") / "publish.json"
_STAGING_PREFIX = ".staging-"


def _entry_of(path: str, entries: Sequence[str]) -> str:
    """The owned entry (folder or file, relative to the root) that a generated file belongs to."""
    for entry in entries:
        if path == entry or path.startswith(entry + "/"):
            return entry
    raise ValueError(f"{path} is not under any folder the build owns ({', '.join(entries)})")


def _files_under(root: Path, entry: str) -> dict[str, Path]:
    """The files that an owned entry holds now, by path relative to root."""
    target = root / entry
    if target.is_file():
        return {entry: target}
    files = {}
    # os.walk, not Path.rglob: a tenth of the system calls on a folder of 500 articles.
    for folder, _, names in os.walk(target):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            files[f"{relative}/{name}"] = Path(folder, name)
    return files


def _unchanged(root: Path, entry: str, wanted: Mapping[str, bytes]) -> bool:
    live = _files_under(root, entry)
    if set(live) != set(wanted):
        return False
    return all(live[path].read_bytes() == data for path, data in wanted.items())


def _stage(root: Path, staging: Path, entry: str, wanted: Mapping[str, bytes]) -> list[str]:
    """Lay out an entry's new state under staging/new; return the files whose bytes changed.

    An owned entry whose name has a suffix (index.md, report.json) is a file, else a folder.
    A folder is staged even when empty; a file with no bytes given is not, and is removed.
    """
    written = []
    (staging / "new" / entry).parent.mkdir(parents=True, exist_ok=True)
    if not PurePosixPath(entry).suffix:
        (staging / "new" / entry).mkdir(parents=True, exist_ok=True)
    made: set[Path] = set()
    for path, data in sorted(wanted.items()):
        live, new = root / path, staging / "new" / path
        if new.parent not in made:
            new.parent.mkdir(parents=True, exist_ok=True)
            made.add(new.parent)
        if live.is_file() and live.read_bytes() == data:
            try:
                os.link(live, new)
                continue
            except OSError:  # a file system without hard links: copy, keeping the time stamps
                shutil.copy2(live, new)
                continue
        new.write_bytes(data)
        written.append(path)
    return written


def _write_json_atomically(path: Path, data: object) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def _swap(root: Path, staging: Path, entries: Sequence[str]) -> None:
    """Move each staged entry into place, the live one aside first. Safe to run again after a crash.

    An entry with nothing staged for it is removed.
    """
    for entry in entries:
        new, live, old = staging / "new" / entry, root / entry, staging / "old" / entry
        if not new.exists():
            if live.exists() and not old.exists() and not (staging / "new" / (entry + ".placed")).exists():
                old.parent.mkdir(parents=True, exist_ok=True)
                live.rename(old)
            continue
        if live.exists() and not old.exists():
            old.parent.mkdir(parents=True, exist_ok=True)
            live.rename(old)
        elif live.exists():
            # old was moved aside by an earlier, interrupted run; live is then a half state: drop it.
            shutil.rmtree(live) if live.is_dir() else live.unlink()
        live.parent.mkdir(parents=True, exist_ok=True)
        # Mark the entry placed before moving it, so a rerun does not take it for a removal.
        (staging / "new" / (entry + ".placed")).touch()
        new.rename(live)


def recover(root: Path) -> bool:
    """Finish a publish that was interrupted after its commit point; drop unfinished stages.

    Returns whether there was a journal to finish.
    """
    journal = root / JOURNAL
    finished = False
    if journal.exists():
        record = json.loads(journal.read_text(encoding="utf-8"))
        _swap(root, root / "build" / record["staging"], record["entries"])
        journal.unlink()
        finished = True
    build = root / "build"
    if build.is_dir():
        for stale in build.glob(_STAGING_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
    return finished


def publish(root: Path, files: Mapping[str, bytes], owned: Sequence[str]) -> tuple[str, ...]:
    """Make every owned entry under root hold exactly the given files; return the files written.

    files maps paths relative to root ("docs/articles/x/index.md", "build/report.json") to
    their bytes; owned lists the folders and files the build owns ("docs/articles",
    "docs/index.md", "build/report.json"). A file no longer produced is deleted, an unchanged
    one is not touched, and when nothing changed nothing is touched at all.
    """
    recover(root)
    by_entry: dict[str, dict[str, bytes]] = {entry: {} for entry in owned}
    for path, data in files.items():
        by_entry[_entry_of(path, owned)][path] = data
    changed = [entry for entry in owned if not _unchanged(root, entry, by_entry[entry])]
    if not changed:
        return ()
    (root / "build").mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root / "build"))
    written: list[str] = []
    try:
        for entry in changed:
            written.extend(_stage(root, staging, entry, by_entry[entry]))
        _write_json_atomically(root / JOURNAL, {"staging": staging.name, "entries": changed})
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    with _signals_deferred():
        _swap(root, staging, changed)
        (root / JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)
    return tuple(written)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while the renames run, so they cannot stop a swap half done.

    SIGKILL cannot be held: the journal lets the next build finish the swap.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[signal.Signals] = []
    handled = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, frame: received.append(signal.Signals(number))) for number in handled}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in received:
            signal.raise_signal(number)
