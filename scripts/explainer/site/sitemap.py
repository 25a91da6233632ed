"""Sitemap stage: an edition's sitemap.xml into one that lists both editions, each page with its alternates.

MkDocs writes one sitemap per build, listing that edition's pages. Every page has a twin at the
same path in the other edition, so each <url> is listed for both editions, and each carries an
<xhtml:link rel="alternate" hreflang=…> for itself and for its twin, as search engines ask.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_with_alternates(xml: str, editions: dict[str, str]) -> str:
    """The sitemap with every page listed once per edition, each with hreflang alternates.

    editions maps a language to its edition's address; the first is the sitemap's own.

    >>> xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ...        '<url><loc>https://x.org/a/</loc></url></urlset>')
    >>> out = sitemap_with_alternates(xml, {"en": "https://x.org/", "ar": "https://x.org/ar/"})
    >>> [loc.text for loc in ET.fromstring(out).iter(f"{{{SITEMAP_NS}}}loc")]
    ['https://x.org/a/', 'https://x.org/ar/a/']
    >>> [link.get("href") for link in ET.fromstring(out).iter(f"{{{XHTML_NS}}}link")][:2]
    ['https://x.org/a/', 'https://x.org/ar/a/']
    """
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(xml)
    own = next(iter(editions.values()))
    result = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in root.findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", "")
        if not loc.startswith(own):
            raise ValueError(f"sitemap address {loc} is not under the edition's address {own}: check site_url")
        path = loc[len(own):]
        for address in editions.values():
            entry = ET.SubElement(result, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = address + path
            for child in url:
                if child.tag != f"{{{SITEMAP_NS}}}loc":
                    ET.SubElement(entry, child.tag).text = child.text
            for lang, other in editions.items():
                ET.SubElement(entry, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": lang, "href": other + path})
    ET.indent(result)
    return ET.tostring(result, encoding="unicode", xml_declaration=True) + "\n"


def rewrite_sitemap(site: Path, editions: dict[str, str]) -> int:
    """Rewrite site/sitemap.xml (and its .gz) to list both editions; return how many <url> it holds."""
    path = site / "sitemap.xml"
    text = sitemap_with_alternates(path.read_text(encoding="utf-8"), editions)
    path.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return text.count("<url>")
