"""A first search's transfer: the bytes a reader's browser fetches for its first query, gzip as GitHub Pages serves.

The site is served with gzip on 127.0.0.1 (explainer.audit.serve); headless Chromium opens the
edition's home page, waits until it is idle, opens search with the "/" key, types the query and
waits for the results to be shown (the first three pages' results). Everything requested from then on counts: the search code,
Pagefind's bundle (its script, WebAssembly and metadata), the index chunks the query needs and
the fragments of the pages shown. Bodies as transferred (compressed) plus response headers.

    python benchmarks/search_transfer.py SITE_DIR QUERY [--edition ar/] [--detail]

With --detail, each request's bytes are listed after the total, largest first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from explainer.audit import serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The status line says "Searching…" (in either edition) until the results are shown.
_SHOWN = """() => {
  const status = document.querySelector('.ex-search__status');
  return status && status.textContent && !/Searching|جارٍ/.test(status.textContent);
}"""


def first_search_requests(site_dir: Path, query: str, edition: str = "", browser: Any = None) -> list[tuple[str, int]]:
    """Each request of a first search for query on the edition's home page (edition: "" or "ar/"),
    served with gzip: its path and its bytes (compressed body and headers)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return first_search_requests(site_dir, query, edition, launched)
            finally:
                launched.close()
    with serve(Path(site_dir)) as origin:
        return [(url[len(origin):], size) for url, size in search_requests(browser, f"{origin}/{edition}", query)]


def search_transfer(browser: Any, url: str, query: str) -> int:
    """Bytes transferred (compressed bodies and headers) by a first search for query on the page
    at url, in a fresh context (nothing cached)."""
    return sum(size for _, size in search_requests(browser, url, query))


def search_requests(browser: Any, url: str, query: str) -> list[tuple[str, int]]:
    """Each request of a first search for query on the page at url, in a fresh context (nothing
    cached): its address and its bytes (compressed body and headers)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        # What the page loads anyway is not the search's: Material's script, which comes after
        # the first paint (window.component$ is the last thing it sets), and the icon.
        page.wait_for_function("window.component$ !== undefined", timeout=20_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.keyboard.press("/")
        page.locator(".ex-search__input").fill(query)
        page.wait_for_function(_SHOWN, timeout=60_000)
        page.wait_for_load_state("networkidle")
        requests = []
        for request in finished:
            sizes = request.sizes()
            requests.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        return requests
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("site", type=Path)
    options.add_argument("query", nargs="+")
    options.add_argument("--edition", default="", help='"" for the English edition, "ar/" for the Arabic')
    options.add_argument("--detail", action="store_true", help="list each request's bytes too")
    args = options.parse_args(argv)
    for query in args.query:
        requests = first_search_requests(args.site, query, args.edition)
        print(f"{query}\t{sum(size for _, size in requests) / 1024:.1f} KiB")
        if args.detail:
            for path, size in sorted(requests, key=lambda request: -request[1]):
                print(f"\t{size / 1024:6.1f} KiB\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
