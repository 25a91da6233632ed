"""Structured data: a page's facts into its schema.org JSON-LD graph, for search engines.

Every page has the site's Organization and a WebPage with its card as image, part of the
WebSite (in full, with its SearchAction, on the home page), and a BreadcrumbList below the
home page; an article adds a NewsArticle for our translation with translationOfWork, the
original; the glossary a DefinedTermSet; the timeline an Event per event. The template writes
the graph with Jinja's tojson, which escapes <, >, & and ', so no text in it can close the
script element.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

CONTEXT = "https://schema.org"
# schema.org has no status for an event that has taken place: Google asks past events to keep
# EventScheduled. What the article saw (happened, planned, expected) is said in words beside it.
EVENT_STATUS = "https://schema.org/EventScheduled"
STATUS_WORDS = {"happened": "Had happened when the article was published.",
                "planned": "Planned when the article was published.",
                "expected": "Expected, not yet fixed, when the article was published."}
# Google shows at most this many characters of an Article's headline.
HEADLINE_LIMIT = 110


@dataclass(frozen=True)
class Site:
    """The edition a page belongs to: its language, name and address, and the other edition's."""

    lang: str
    name: str
    url: str
    other_name: str
    other_url: str
    description: str = ""

    @property
    def organization_id(self) -> str:
        """One id for the organisation behind both editions: the English edition's address."""
        return (self.url if self.lang == "en" else self.other_url) + "#organization"


def tagged(en: str, ar: str) -> list[dict[str, str]]:
    """A text in both languages as JSON-LD language-tagged values (a missing one left out).

    >>> tagged("Iraq", "العراق")
    [{'@language': 'en', '@value': 'Iraq'}, {'@language': 'ar', '@value': 'العراق'}]
    """
    return [{"@language": lang, "@value": text} for lang, text in (("en", en), ("ar", ar)) if text]


def organization(site: Site) -> dict[str, Any]:
    """The site as an Organization: publisher and translator of every page."""
    english = site.url if site.lang == "en" else site.other_url
    names = (site.name, site.other_name) if site.lang == "en" else (site.other_name, site.name)
    return {"@type": "Organization", "@id": site.organization_id, "name": names[0], "alternateName": names[1],
            "url": english}


# The site's search opens with the query in the address's q (overrides/partials/search.html).
SEARCH_PARAMETER = "q"


def website(site: Site) -> dict[str, Any]:
    """The edition as a WebSite, with its search as a SearchAction."""
    return {"@type": "WebSite", "@id": site.url + "#website", "name": site.name, "alternateName": site.other_name,
            "url": site.url, "inLanguage": site.lang, "description": site.description,
            "publisher": {"@id": site.organization_id},
            "potentialAction": {"@type": "SearchAction",
                                "target": {"@type": "EntryPoint",
                                           "urlTemplate": f"{site.url}?{SEARCH_PARAMETER}={{search_term_string}}"},
                                "query-input": "required name=search_term_string"}}


def breadcrumbs(site: Site, page_url: str, titles: Mapping[str, str]) -> dict[str, Any]:
    """Home, then each folder above the page that is a page itself, then the page.

    titles maps a page's path ("" for home, "articles/") to its title.

    >>> site = Site("en", "Iraq Explained", "https://x.org/", "العراق بوضوح", "https://x.org/ar/")
    >>> [i["name"] for i in breadcrumbs(site, "articles/a/", {"": "Home", "articles/": "Articles", "articles/a/": "A"})["itemListElement"]]
    ['Iraq Explained', 'Articles', 'A']
    """
    parts = [p for p in page_url.split("/") if p]
    paths = [""] + ["/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    items: list[dict[str, Any]] = []
    for path in paths:
        if path and path not in titles:
            continue
        name = site.name if not path else titles[path]
        items.append({"@type": "ListItem", "position": len(items) + 1, "name": name, "item": site.url + path})
    return {"@type": "BreadcrumbList", "@id": site.url + page_url + "#breadcrumbs", "itemListElement": items}


def _outlet(facts: Mapping[str, Any], lang: str) -> dict[str, Any]:
    outlet = facts["outlet"]
    node: dict[str, Any] = {"@type": "Organization", "name": outlet["ar"] if lang == "ar" and outlet["ar"] else outlet["en"]}
    others = [name for name in (outlet["en"], outlet["ar"]) if name and name != node["name"]]
    if others:
        node["alternateName"] = others[0]
    if facts["url"]:
        address = urlsplit(facts["url"])
        node["url"] = f"{address.scheme}://{address.netloc}/"
    return node


def news_article(site: Site, page: str, facts: Mapping[str, Any], image: str) -> dict[str, Any]:
    """Our translation as a NewsArticle, translating the original, a NewsArticle of its outlet.

    Google's recommended Article properties are all here: headline, image, datePublished,
    dateModified and author (the original's outlet, with its address where known).
    """
    outlet = _outlet(facts, site.lang)
    original: dict[str, Any] = {"@type": "NewsArticle", "headline": facts["title"]["ar"][:HEADLINE_LIMIT],
                                "name": facts["title"]["ar"], "inLanguage": "ar", "datePublished": facts["published"],
                                "publisher": outlet, "author": outlet}
    if facts["url"]:
        original["url"] = facts["url"]
    return {"@type": "NewsArticle", "@id": page + "#article", "url": page, "mainEntityOfPage": {"@id": page},
            "headline": facts["title"]["en"][:HEADLINE_LIMIT], "name": facts["title"]["en"],
            "description": facts["summary"], "inLanguage": "en", "image": [image],
            "datePublished": facts["translated"], "dateModified": facts["modified"],
            "author": outlet, "publisher": {"@id": site.organization_id}, "translator": {"@id": site.organization_id},
            "isAccessibleForFree": True, "isPartOf": {"@id": site.url + "#website"},
            "translationOfWork": original}


def defined_term_set(site: Site, page: str, facts: Mapping[str, Any], name: Sequence[dict[str, str]]) -> dict[str, Any]:
    """The glossary as a DefinedTermSet, each entry a DefinedTerm named in both languages."""
    terms = [{"@type": "DefinedTerm", "@id": f"{page}#{term['id']}", "url": f"{page}#{term['id']}", "termCode": term["id"],
              "name": tagged(term["en"], term["ar"]), "alternateName": term["translit"],
              "description": tagged(term["gloss"]["en"], term["gloss"]["ar"]),
              "inDefinedTermSet": {"@id": page + "#terms"}}
             for term in facts["terms"]]
    return {"@type": "DefinedTermSet", "@id": page + "#terms", "url": page, "name": list(name),
            "inLanguage": ["en", "ar"], "hasDefinedTerm": terms}


def events(page: str, facts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each timeline event as an Event, its dates at the precision known (2024, 2024-09, 2024-09-01)."""
    result = []
    for event in facts["events"]:
        node = {"@type": "Event", "@id": f"{page}#{event['id']}", "url": f"{page}#{event['id']}",
                "name": tagged(event["title"]["en"], event["title"]["ar"]),
                "description": tagged(event["description"]["en"], event["description"]["ar"]),
                "startDate": event["start"], "eventStatus": EVENT_STATUS,
                "disambiguatingDescription": STATUS_WORDS[event["status"]]}
        if event["end"]:
            node["endDate"] = event["end"]
        result.append(node)
    return result


def page_graph(site: Site, page_url: str, title: str, facts: Mapping[str, Any] | None, image: str,
               titles: Mapping[str, str], other_title: str = "") -> dict[str, Any]:
    """The JSON-LD of one page: the site, the page, its breadcrumbs, and what the page is about."""
    page = site.url + page_url
    kind = facts["kind"] if facts else "home" if not page_url else "page"
    webpage: dict[str, Any] = {"@type": "CollectionPage" if kind in ("glossary", "timeline") else "WebPage",
                               "@id": page + "#page", "url": page, "name": title, "inLanguage": site.lang,
                               "isPartOf": {"@id": site.url + "#website"}, "image": image,
                               "primaryImageOfPage": {"@type": "ImageObject", "url": image, "width": 1200, "height": 630}}
    # The WebSite, with its search, in full on the home page only, where search engines look for
    # it (Google's sitelinks search box); the other pages name it by its @id (isPartOf).
    graph: list[dict[str, Any]] = [organization(site), *([website(site)] if not page_url else []), webpage]
    if page_url:
        graph.append(breadcrumbs(site, page_url, titles))
        webpage["breadcrumb"] = {"@id": graph[-1]["@id"]}
    if facts and kind == "article":
        graph.append(news_article(site, page, facts, image))
        webpage["mainEntity"] = {"@id": page + "#article"}
    elif facts and kind == "glossary":
        names = tagged(title, other_title) if site.lang == "en" else tagged(other_title, title)
        graph.append(defined_term_set(site, page, facts, names))
        webpage["mainEntity"] = {"@id": page + "#terms"}
    elif facts and kind == "timeline":
        graph.extend(events(page, facts))
    return {"@context": CONTEXT, "@graph": graph}
