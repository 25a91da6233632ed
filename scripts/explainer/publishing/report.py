"""Build report: what the pipeline changed and dropped in each article, as JSON and as text."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..intake.catalog import Translation, status_counts
from ..intake.content import Article

REPORT_PATH = Path("build") / "report.json"


def article_report(article: Article, translations: Mapping[str, Translation]) -> dict[str, Any]:
    """Everything the pipeline did to one article that a reader of the source should know."""
    source = article.source
    encoding_notes = []
    if source.had_bom:
        encoding_notes.append("UTF-8 byte-order mark removed")
    if source.crlf:
        encoding_notes.append("CRLF line endings read as LF")
    return {
        "slug": article.slug,
        # Relative to the project, not the working directory: the same input gives the same report.
        "source": article.source_path.relative_to(article.folder.parents[2]).as_posix(),
        "encoding": encoding_notes,
        "changes": [
            {"line": c.line, "column": c.column, "kind": c.kind,
             "before": c.before, "after": c.after, "description": c.describe()}
            for c in article.normalised.changes
        ],
        "dropped": [
            {"line": d.line, "kind": d.kind, "text": d.text, "pattern": d.pattern}
            for d in article.segmentation.dropped
        ],
        "credits": [
            {"line": c.line, "text": c.text, "in_text": c.in_text}
            for c in article.segmentation.credits
        ],
        # The text blocks of the web page the article was made from that extraction left out.
        **({"left_out": list(article.meta.page.left_out)} if article.meta.page else {}),
        "segments": len(article.segmentation.segments),
        "translation": dict(sorted(status_counts(translations).items())),
    }


def report_bytes(reports: Sequence[Mapping[str, Any]]) -> bytes:
    """build/report.json's bytes: the same reports always give the same bytes."""
    return (json.dumps({"articles": list(reports)}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_report(root: Path) -> dict[str, Mapping[str, Any]]:
    """The last build's report, keyed by article slug."""
    data = json.loads((root / REPORT_PATH).read_text(encoding="utf-8"))
    return {entry["slug"]: entry for entry in data["articles"]}


def summarise(report: Mapping[str, Any]) -> list[str]:
    """Human-readable lines for one article's report, as the build prints them."""
    lines = [f"{report['source']}: {report['segments']} segments; translation: "
             + ", ".join(f"{n} {status}" for status, n in report["translation"].items())]
    lines += [f"  read: {note}" for note in report["encoding"]]
    kinds: dict[str, int] = {}
    for change in report["changes"]:
        kinds[change["kind"]] = kinds.get(change["kind"], 0) + 1
    lines += [f"  normalised: {n} × {kind}" for kind, n in sorted(kinds.items())]
    lines += [f"  dropped line {d['line']} ({d['kind']}): {d['text']}" for d in report["dropped"]]
    lines += [f"  agency credit line {c['line']} ({'kept in the text' if c['in_text'] else 'shown in the header'}): {c['text']}"
              for c in report.get("credits", ())]
    lines += [f"  left out of the web page: {block}" for block in report.get("left_out", ())]
    terms = report.get("terms")
    if terms and (terms["proposed"] or terms["rejected"]):
        lines.append(f"  glossary: {terms['linked']} linked, {terms['proposed']} proposed (decide in terms.yml), "
                     f"{terms['rejected']} rejected")
    if not report["changes"] and not report["dropped"] and not report["encoding"] and not report.get("left_out"):
        lines.append("  nothing changed or dropped")
    return lines
