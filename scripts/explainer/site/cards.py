"""Cards: a page's titles, outlet and date into the 1200×630 PNG that a shared link shows.

Drawn at build time with Pillow from the site's own Noto Naskh Arabic (explainer.site.fonts),
so nothing is fetched. Arabic needs shaping (joining forms, lam-alef) and right-to-left
order: Pillow does both only through libraqm (with FriBiDi), so drawing refuses to start
without it rather than publish unjoined, reversed letters. Cards are kept under build/cards/
by a digest of everything drawn on them: an unchanged page's card is copied, not redrawn.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageFont, features

from .fonts import font_source

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
# Raise when the drawing changes, so cached cards are drawn again.
CARD_VERSION = "4"
# Between the two titles, in pixels.
TITLE_GAP = 24
CARD_FOLDER = "assets/cards"
# The palette: Material's blue grey (the site's primary colour) and deep orange (its accent).
BACKGROUND = (38, 50, 56)
FOREGROUND = (255, 255, 255)
MUTED = (176, 190, 197)
ACCENT = (255, 112, 67)
Direction = Literal["rtl", "ltr"]


class ShapingMissing(RuntimeError):
    """Pillow was built without libraqm, so it cannot shape Arabic."""


@dataclass(frozen=True)
class Card:
    """What a card shows: the site's name, the page's titles (the edition's language first)
    and, for an article, a line with its outlet and date."""

    site_name: str
    other_site_name: str
    titles: tuple[str, ...]
    footer: str = ""

    def digest(self) -> str:
        """A digest of everything that decides the card's pixels."""
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True) + CARD_VERSION + _font_digest()
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def require_shaping() -> None:
    """Fail unless Pillow can shape Arabic (libraqm with FriBiDi)."""
    if not features.check("raqm"):
        raise ShapingMissing("Pillow cannot shape Arabic (no libraqm/FriBiDi): install libfribidi0 "
                             "(Debian: apt-get install libfribidi0; `make site` does it), then build again")


def is_arabic(text: str) -> bool:
    """Whether text is mostly Arabic letters, and so set right to left.

    >>> is_arabic("العراق 2024"), is_arabic("Iraq Explained (العراق)")
    (True, False)
    """
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    return bool(letters) and arabic * 2 > len(letters)


@cache
def _font_digest() -> str:
    return hashlib.sha256(font_source().font.read_bytes()).hexdigest()[:16]


@cache
def card_font(size: int, weight: int = 400) -> ImageFont.FreeTypeFont:
    """Noto Naskh Arabic at a size and weight, laid out by libraqm."""
    font = ImageFont.truetype(str(font_source().font), size, layout_engine=ImageFont.Layout.RAQM)
    font.set_variation_by_axes([weight])
    return font


def text_options(text: str) -> tuple[Direction, str]:
    """Pillow's direction and language for a paragraph: Arabic right to left.

    >>> text_options("العراق"), text_options("Iraq")
    (('rtl', 'ar'), ('ltr', 'en'))
    """
    return ("rtl", "ar") if is_arabic(text) else ("ltr", "en")


def measure(font: ImageFont.FreeTypeFont, text: str, paragraph: str) -> float:
    """The width of text as shaped, in its paragraph's direction."""
    direction, language = text_options(paragraph)
    return font.getlength(text, direction=direction, language=language)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Words into lines no wider than width, measured as shaped."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(font, f"{lines[-1]} {word}", text) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fit(text: str, sizes: Sequence[int], max_lines: int, width: int, weight: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which text wraps into max_lines; at the smallest, the lines cut with an ellipsis."""
    for size in sizes:
        font = card_font(size, weight)
        lines = wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    while lines[-1] and measure(font, lines[-1] + " …", text) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += " …"
    return font, lines


def draw_line(draw: ImageDraw.ImageDraw, y: int, text: str, font: ImageFont.FreeTypeFont,
              fill: tuple[int, int, int], paragraph: str = "") -> None:
    """One line at height y: Arabic from the right margin, right to left; other text from the left.

    The direction is the whole paragraph's, so a wrapped line of digits stays on its side."""
    direction, language = text_options(paragraph or text)
    x = WIDTH - MARGIN if direction == "rtl" else MARGIN
    draw.text((x, y), text, font=font, fill=fill, anchor="ra" if direction == "rtl" else "la",
              direction=direction, language=language)


def line_image(text: str, size: int, weight: int = 400) -> Image.Image:
    """One line of text drawn as cards draw it, black on white, cropped to its ink: for comparing
    with a reference shaping."""
    font = card_font(size, weight)
    image = Image.new("L", (WIDTH * 2, size * 3), 255)
    draw = ImageDraw.Draw(image)
    direction, language = text_options(text)
    draw.text((WIDTH // 2, size * 2), text, font=font, fill=0, anchor="ls", direction=direction, language=language)
    box = Image.eval(image, lambda v: 255 - v).getbbox()
    return image.crop(box) if box else image


@dataclass(frozen=True)
class Block:
    """A title laid out: its font, its lines and the distance between them."""

    text: str
    font: ImageFont.FreeTypeFont
    lines: tuple[str, ...]
    step: int

    @property
    def height(self) -> int:
        return len(self.lines) * self.step


def block(text: str, sizes: Sequence[int], weight: int, max_lines: int) -> Block:
    """text at the largest of sizes that wraps into max_lines (else cut, at the smallest)."""
    font, lines = fit(text, sizes, max_lines, WIDTH - 2 * MARGIN, weight)
    return Block(text, font, tuple(lines), int(font.size * (1.5 if is_arabic(text) else 1.3)))


def title_blocks(titles: Sequence[str], room: int) -> list[Block]:
    """The titles at the largest sizes that fit room together, the first larger and bold."""
    first_sizes, second_sizes = (64, 58, 52, 46, 40), (40, 36, 32, 28)
    for size in first_sizes:
        first = block(titles[0], (size,), 700, 3)
        if len(titles) < 2 and first.height <= room:
            return [first]
        for other in second_sizes if len(titles) > 1 else ():
            second = block(titles[1], (other,), 400, 3)
            if first.height + TITLE_GAP + second.height <= room:
                return [first, second]
    # Too long for every size: the smallest, each cut (with an ellipsis) to the lines that fit.
    first = block(titles[0], first_sizes[-1:], 700, 2)
    rest = [block(titles[1], second_sizes[-1:], 400, max(1, (room - first.height - TITLE_GAP) // 42))] if len(titles) > 1 else []
    return [first, *rest]


def draw_card(card: Card) -> Image.Image:
    """The card as an image: the site's names above, the titles, then the footer line."""
    require_shaping()
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 10), fill=ACCENT)
    names = card_font(30, 700)
    for name in (card.site_name, card.other_site_name):
        if name:
            draw_line(draw, 44, name, names, MUTED)
    bottom = HEIGHT - 40
    if card.footer:
        footer = block(card.footer, (30, 26), 400, 2)
        bottom = HEIGHT - 40 - footer.height
        for number, line in enumerate(footer.lines):
            draw_line(draw, bottom + number * footer.step, line, footer.font, MUTED, card.footer)
        bottom -= 24
        draw.line((MARGIN, bottom, WIDTH - MARGIN, bottom), fill=ACCENT, width=3)
        bottom -= 28
    y = 120
    for index, title in enumerate(title_blocks(card.titles[:2], bottom - y)):
        for line in title.lines:
            draw_line(draw, y, line, title.font, MUTED if index else FOREGROUND, title.text)
            y += title.step
        y += TITLE_GAP
    return image


def card_png(card: Card) -> bytes:
    """The card as a palette PNG (a few dozen KiB: flat colours and antialiased text).

    Fast octree quantising, a tenth of the time of median cut. zlib's highest level makes the
    file 6 % smaller than its default for 12 ms more, against the 200 ms a card takes to draw:
    the cards are an eighth of the site on disk, and the cache draws each card once."""
    buffer = io.BytesIO()
    draw_card(card).quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG", compress_level=9)
    return buffer.getvalue()


def card_path(page_url: str) -> str:
    """Where a page's card lives, under the edition's root.

    >>> card_path(""), card_path("articles/iraq/"), card_path("map/")
    ('assets/cards/index.png', 'assets/cards/articles/iraq.png', 'assets/cards/map.png')
    """
    return f"{CARD_FOLDER}/{page_url.strip('/') or 'index'}.png"


def write_card(card: Card, target: Path, cache_folder: Path) -> bool:
    """Put the card at target, drawing it only when the cache lacks it; return whether it was drawn."""
    cached = cache_folder / f"{card.digest()}.png"
    drawn = not cached.exists()
    if drawn:
        cache_folder.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(card_png(card))
        temporary.replace(cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return drawn
