"""Fonts: the Arabic text of a built site into subset woff2 faces of Noto Naskh Arabic, with its licence.

The source is the variable Noto Naskh Arabic (SIL Open Font License 1.1, no Reserved Font
Name) as the PyPI package `pylopdf-fonts-ar` ships it, pinned in requirements.txt. At build
time each weight the pages use is cut from it as a static instance holding only the glyphs
that the site's Arabic text reaches (through shaping too), so a page downloads a few KiB.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..publishing.verify import VOID_ELEMENTS, close_element

FONT_FOLDER = "assets/fonts"
FAMILY_SLUG = "noto-naskh-arabic"
# The weights explainer.css declares: regular only (bold Arabic is synthesised; see there).
WEIGHTS = (400,)
LICENCE_NAME = "OFL.txt"
# Text inside these never shows, or is not set in the page's fonts.
_INVISIBLE = frozenset(("script", "style", "template", "svg", "title"))


@dataclass(frozen=True)
class FontSource:
    """The installed source font and its licence."""

    font: Path
    licence: Path


def font_source() -> FontSource:
    """Where pip installed Noto Naskh Arabic and its OFL, from the pinned package."""
    from importlib.metadata import distribution

    import pylopdf_fonts_ar

    package = distribution("pylopdf-fonts-ar")
    licence = next(Path(str(package.locate_file(f))) for f in package.files or () if f.name == "LICENSE")
    return FontSource(pylopdf_fonts_ar.serif_path(), licence)


class _ArabicText(HTMLParser):
    """Collects the characters of text whose nearest lang attribute says Arabic."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.characters: set[str] = set()
        self._stack: list[tuple[str, str | None, bool]] = []

    def _arabic(self) -> bool:
        for _, lang, _ in reversed(self._stack):
            if lang is not None:
                # ar-Latn is Arabic in Latin letters (transliteration): set in the Latin face.
                return lang == "ar" or (lang.startswith("ar-") and "-latn" not in lang)
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        lang = dict(attrs).get("lang")
        hidden = tag in _INVISIBLE or (bool(self._stack) and self._stack[-1][2])
        self._stack.append((tag, lang.lower() if lang is not None else None, hidden))

    def handle_endtag(self, tag: str) -> None:
        close_element(self._stack, tag)

    def handle_data(self, data: str) -> None:
        if self._stack and not self._stack[-1][2] and self._arabic():
            self.characters.update(c for c in data if not c.isspace())


def arabic_characters(html: str) -> set[str]:
    """The characters a page sets in Arabic: text inside elements whose lang is ar.

    >>> sorted(arabic_characters('<p lang="en">Iraq <span lang="ar">العراق 2024</span></p>'))
    ['0', '2', '4', 'ا', 'ر', 'ع', 'ق', 'ل']
    >>> sorted(arabic_characters('<p lang="ar">عمان <span lang="ar-Latn">ʿUmān</span></p>'))
    ['ا', 'ع', 'م', 'ن']
    """
    parser = _ArabicText()
    parser.feed(html)
    parser.close()
    return parser.characters


def site_characters(pages: Iterable[str]) -> set[str]:
    """Every character any page sets in Arabic, plus the space."""
    characters = {" "}
    for html in pages:
        characters |= arabic_characters(html)
    return characters


def subset_woff2(source: Path, characters: Iterable[str], weight: int) -> bytes:
    """A static instance of the variable source at weight, cut to characters, as woff2.

    Layout features are kept whole, so every joining form and ligature the characters
    need survives; hinting goes (browsers do not use it for Arabic at text sizes).
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(source)
    if "fvar" in font:
        font = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in characters}))
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_file_name(weight: int) -> str:
    """The file name of one weight's face under assets/fonts/.

    >>> font_file_name(400)
    'noto-naskh-arabic-400.woff2'
    """
    return f"{FAMILY_SLUG}-{weight}.woff2"


def write_fonts(site: Path, source: FontSource | None = None) -> list[Path]:
    """Subset the Arabic face to the built site's Arabic text and write it with its licence."""
    source = source or font_source()
    pages = (path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html")))
    characters = site_characters(pages)
    folder = site / FONT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for weight in WEIGHTS:
        target = folder / font_file_name(weight)
        target.write_bytes(subset_woff2(source.font, characters, weight))
        written.append(target)
    licence = folder / LICENCE_NAME
    licence.write_text(source.licence.read_text(encoding="utf-8"), encoding="utf-8")
    written.append(licence)
    return written
