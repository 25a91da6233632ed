"""Audit: the built site, served with gzip on 127.0.0.1 as GitHub Pages serves it, into one table of scores.

For each page (home, the archive of articles and its second page, every article or past three the
longest, and the glossary's index and most named entry, the timeline and its fullest year, who's
who, map and about pages when built, and the home page opened at a search), in both editions, of the project's site or, with --site, of
a site built already (a bench site):
Lighthouse's four mobile scores, the KiB transferred (gzip, fonts included), requests to
any other origin, axe-core violations and Nu HTML Checker errors. `make audit` installs the
tools (tools/audit/package.json, pinned; Java from apt) and runs `python -m explainer.audit`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import mimetypes
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

TOOLS = Path("tools/audit/node_modules")
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET_KIB = 150
# A page opened at a search (…/?q=, the WebSite's SearchAction) loads the page and then the search:
# the budget is Pagefind's own figure for a search on a large site, "under 300 kB in all".
SEARCH_BUDGET_KIB = 300 * 1000 / 1024
# The search audited in each edition: a name every article of the seed and of a bench site has.
SEARCH_QUERIES = {"": "coalition", "ar/": "التحالف"}
# What GitHub Pages compresses; fonts (woff2) and images are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")
OPTIONAL_PAGES = ("glossary/", "timeline/", "whos-who/", "map/", "about/")


@dataclass(frozen=True)
class PageAudit:
    """One row of the table: a page and what each tool measured on it."""

    page: str
    scores: dict[str, int | None]
    kib: float
    third_party: tuple[str, ...]
    axe: tuple[str, ...]
    nu: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())
    budget_kib: float = BUDGET_KIB

    def passes(self) -> bool:
        """Whether the page meets every target of the reading issue."""
        return (all(score == 100 for score in self.scores.values()) and self.kib <= self.budget_kib
                and not self.third_party and not self.axe and not self.nu)


# Past this many articles, the audit takes the longest article's page as theirs (a bench site has 500).
ALL_ARTICLES_UP_TO = 3


def _heaviest(pages: list[Path]) -> Path:
    """The largest of some pages (ties to the first by path)."""
    return max(sorted(pages), key=lambda p: p.stat().st_size)


def audited_pages(site: Path) -> list[str]:
    """Site-relative paths of the pages to audit: home, the archive (and its second page), each
    article (or, past ALL_ARTICLES_UP_TO, the longest), then the glossary's index and its most
    named entry's page, the timeline and its fullest year, who's who, map and about where
    built, then their twins in the Arabic edition.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for page in ("index.html", "articles/index.html", "articles/b/index.html", "articles/a/index.html",
    ...                  "timeline/index.html", "timeline/2024/index.html", "map/index.html"):
    ...         (Path(d) / page).parent.mkdir(parents=True, exist_ok=True); _ = (Path(d) / page).write_text("")
    ...     audited_pages(Path(d))
    ['', 'articles/', 'articles/a/', 'articles/b/', 'timeline/', 'timeline/2024/', 'map/']
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for page in ("index.html", "ar/index.html", "articles/index.html", "articles/page/2/index.html",
    ...                  *(f"articles/a{n}/index.html" for n in range(5))):
    ...         (Path(d) / page).parent.mkdir(parents=True, exist_ok=True); _ = (Path(d) / page).write_text("x" * len(page))
    ...     audited_pages(Path(d))
    ['', 'articles/', 'articles/page/2/', 'articles/a0/', 'ar/']
    """
    pages = [""]
    articles = site / "articles"
    if (articles / "index.html").exists():
        pages.append("articles/")
        if (articles / "page" / "2" / "index.html").exists():
            pages.append("articles/page/2/")
        found = [p for p in articles.glob("*/index.html") if p.parent.name != "page"]
        chosen = sorted(found) if len(found) <= ALL_ARTICLES_UP_TO else [_heaviest(found)]
        pages.extend(f"articles/{p.parent.name}/" for p in chosen)
    for page in OPTIONAL_PAGES:
        if (site / page / "index.html").exists():
            pages.append(page)
            inner = list((site / page).glob("*/index.html")) if page in ("glossary/", "timeline/") else []
            if inner:
                pages.append(f"{page}{_heaviest(inner).parent.name}/")
    # The Arabic edition's twin of each page, where it was built: the same targets hold there.
    pages.extend(f"ar/{page}" for page in list(pages) if (site / "ar" / page / "index.html").exists())
    return pages


def search_pages(site: Path) -> list[str]:
    """The search pages audited: each edition's home opened at a search (…/?q=…), where built.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "index.html").write_text("")
    ...     search_pages(Path(d))
    ['?q=coalition']
    """
    return [f"{prefix}?q={query}" for prefix, query in SEARCH_QUERIES.items() if (site / prefix / "index.html").exists()]


def third_party(urls: Iterable[str], origin: str) -> tuple[str, ...]:
    """The requests that leave the site's origin (data: and blob: addresses stay on the page).

    >>> third_party(["http://127.0.0.1:5/a.css", "data:font/woff2;base64,AA", "https://fonts.gstatic.com/x.woff2",
    ...              "http://127.0.0.1:6/b.js"], "http://127.0.0.1:5")
    ('https://fonts.gstatic.com/x.woff2', 'http://127.0.0.1:6/b.js')
    """
    own = urlsplit(origin)
    found = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "chrome-extension"):
            continue
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            found.append(url)
    return tuple(found)


def _score(value: int | None) -> str:
    return "–" if value is None else str(value)


def format_table(rows: Sequence[PageAudit]) -> str:
    """The audit as a Markdown table, one row a page.

    >>> row = PageAudit("", {"performance": 100, "accessibility": 100, "best-practices": 96, "seo": 100},
    ...                 41.26, (), ("color-contrast",), ())
    >>> print(format_table([row]))
    | page | performance | accessibility | best practices | SEO | KiB (gzip) | third-party requests | axe violations | Nu errors |
    | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
    | / | 100 | 100 | 96 | 100 | 41.3 | 0 | 1 | 0 |
    """
    lines = ["| page | performance | accessibility | best practices | SEO | KiB (gzip) | third-party requests | axe violations | Nu errors |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        scores = " | ".join(_score(row.scores.get(c)) for c in CATEGORIES)
        lines.append(f"| /{row.page} | {scores} | {row.kib:.1f} | {len(row.third_party)} | {len(row.axe)} | {len(row.nu)} |")
    return "\n".join(lines)


def format_findings(rows: Sequence[PageAudit]) -> list[str]:
    """One line for each thing that falls short, naming the page and the tool."""
    lines = []
    for row in rows:
        for category, score in row.scores.items():
            if score != 100:
                lines.append(f"/{row.page}: Lighthouse {category} {_score(score)}")
        if row.kib > row.budget_kib:
            lines.append(f"/{row.page}: {row.kib:.1f} KiB transferred, over the {row.budget_kib:.0f} KiB budget")
        lines.extend(f"/{row.page}: third-party request {url}" for url in row.third_party)
        lines.extend(f"/{row.page}: axe {rule}" for rule in row.axe)
        lines.extend(f"/{row.page}: Nu {message}" for message in row.nu)
        lines.extend(f"/{row.page}: {note}" for note in row.notes)
    return lines


# ---- Serving: static files with gzip, as GitHub Pages does --------------------------------

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as the standard library serves them, without a log line for each request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class GzipHandler(QuietHandler):
    """Static files; compressible ones gzip-encoded when the client accepts it; 404.html for misses.

    HTTP/1.1, so connections are kept alive as GitHub Pages keeps them (it speaks HTTP/2): the
    standard library's default, HTTP/1.0, opens a connection for every file, and Lighthouse's
    simulated slow network then charges each stylesheet and script a new connection's round trips.
    """

    protocol_version = "HTTP/1.1"

    def _file(self) -> Path | None:
        root = Path(self.directory)
        path = Path(unquote(urlsplit(self.path).path).lstrip("/"))
        if ".." in path.parts:
            return None
        target = root / path
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return target  # redirected by send_head below
            target = target / "index.html"
        return target if target.is_file() else None

    def send_head(self):  # type: ignore[no-untyped-def]
        target = self._file()
        if target is not None and target.is_dir():
            self.send_response(301)
            self.send_header("Location", self.path.split("?")[0] + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        status = 200
        if target is None:
            status, target = 404, Path(self.directory) / "404.html"
            if not target.is_file():
                self.send_error(404)
                return None
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser closing a kept-alive connection as it quits is not an error worth a traceback."""

    def handle_error(self, request, client_address):  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, handler: type[QuietHandler] = GzipHandler) -> Iterator[str]:
    """Serve site on a free port of 127.0.0.1 for the duration (with gzip unless handler says otherwise); yields its origin."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---- The tools ----------------------------------------------------------------------------

def lighthouse(url: str, output: Path) -> dict[str, Any]:
    """Run Lighthouse 12 (mobile, the default) on url; the JSON report."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   check=True, env=env, capture_output=True, text=True)
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def lighthouse_scores(report: dict[str, Any]) -> dict[str, int | None]:
    """The four category scores, 0–100, from a Lighthouse report.

    >>> lighthouse_scores({"categories": {"performance": {"score": 0.99}, "seo": {"score": None}}})
    {'performance': 99, 'accessibility': None, 'best-practices': None, 'seo': None}
    """
    categories = report.get("categories", {})
    scores: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = categories.get(name, {}).get("score")
        scores[name] = None if score is None else round(score * 100)
    return scores


def lighthouse_requests(report: dict[str, Any]) -> tuple[list[str], int]:
    """Every request's address and the bytes transferred, from a Lighthouse report."""
    items = report.get("audits", {}).get("network-requests", {}).get("details", {}).get("items", [])
    return [item["url"] for item in items], sum(int(item.get("transferSize") or 0) for item in items)


def lighthouse_failures(report: dict[str, Any]) -> list[str]:
    """The scored audits that did not pass, for the findings list."""
    failures = []
    for category in CATEGORIES:
        for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
            audit = report["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failures.append(f"{category}: {ref['id']} ({audit.get('displayValue') or audit.get('score')})")
    return failures


def axe_violations(browser: object, url: str) -> tuple[str, ...]:
    """axe-core's violated rules on a page (once the network is idle: a search's results are
    shown), each as 'rule-id (n nodes)'."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 390, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        results = Axe().run(page)
        return tuple(f"{v['id']} ({len(v['nodes'])} nodes)" for v in results.response["violations"])
    finally:
        context.close()


def nu_errors(files: Sequence[Path]) -> dict[Path, list[str]]:
    """The Nu HTML Checker's errors for each file."""
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    found: dict[Path, list[str]] = {f.resolve(): [] for f in files}
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        found.setdefault(path, []).append(f"line {message.get('lastLine', '?')}: {message.get('message', '')}")
    return found


# ---- The whole audit --------------------------------------------------------------------------

def build(root: Path, site: Path, origin: str) -> None:
    """Build the site as `make site` does, with its addresses on the audit server."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "SITE_URL": origin + "/", "SITE_URL_AR": origin + "/ar/", "NO_MKDOCS_2_WARNING": "1"}
    # Both editions, as `make site` builds them: verify checks the Arabic one under ar/.
    for args in ([str(bin_dir / "explainer"), "build", "--strict"],
                 [str(bin_dir / "mkdocs"), "build", "--strict", "--site-dir", str(site)],
                 [str(bin_dir / "mkdocs"), "build", "--strict", "--config-file", "mkdocs.ar.yml", "--site-dir", str(site / "ar")],
                 [str(bin_dir / "explainer"), "verify", "--site", str(site)]):
        subprocess.run(args, cwd=root, env=env, check=True, capture_output=True, text=True)


def audit(root: Path, out: Path, built: Path | None = None) -> list[PageAudit]:
    """Build, serve and measure every page; reports go to out. With built, the site already
    built there is served and measured as it is (a bench site: benchmarks/bench.py --keep)."""
    from playwright.sync_api import sync_playwright

    site = built or out / "site"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with serve(site) as origin:
        if built is None:
            build(root, site, origin)
        pages = audited_pages(site)
        searches = search_pages(site)
        nu = nu_errors([site / page / "index.html" for page in pages])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
            for page in [*pages, *searches]:
                path, _, query = page.partition("?q=")
                url = f"{origin}/{path}" + (f"?q={quote(query)}" if query else "")
                name = path.strip("/").replace("/", "-") or "home"
                report = lighthouse(url, out / f"lighthouse-{name}{'-search' if query else ''}.json")
                urls, transferred = lighthouse_requests(report)
                # A search's page is its edition's home page as served: Nu checks the same file.
                rows.append(PageAudit(
                    page=page, scores=lighthouse_scores(report), kib=transferred / 1024,
                    third_party=third_party(urls, origin), axe=axe_violations(browser, url),
                    nu=tuple(nu.get((site / path / "index.html").resolve(), [])),
                    notes=tuple(lighthouse_failures(report)),
                    budget_kib=SEARCH_BUDGET_KIB if query else BUDGET_KIB))
                print(f"audited /{page}", file=sys.stderr)
            browser.close()
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the audit and print the table; exit 1 if any page misses a target."""
    parser = argparse.ArgumentParser(prog="python -m explainer.audit", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder")
    parser.add_argument("--out", type=Path, default=Path("build/audit"), help="where reports and the audited site go")
    parser.add_argument("--site", type=Path, help="audit this built site as it is, without building "
                                                    "(e.g. build/bench/site-500/site from `benchmarks/bench.py --keep build/bench`)")
    args = parser.parse_args(argv)
    rows = audit(args.root.resolve(), args.out.resolve(), args.site.resolve() if args.site else None)
    table = format_table(rows)
    findings = format_findings(rows)
    (args.out / "table.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    for line in findings:
        print(line)
    return 0 if all(row.passes() for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
