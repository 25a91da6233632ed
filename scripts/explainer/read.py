"""Read stage: bytes of an editor's source file into checked Unicode text."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .problems import ContentError, Problem, display_path

# Byte-order marks that tell us the file is UTF-16 or UTF-32, which we refuse by name.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Share of letters that must be Arabic script for a text to count as Arabic.
_MIN_ARABIC_SHARE = 0.5


@dataclass(frozen=True)
class SourceText:
    """An article's source as decoded text, with how it was stored."""

    path: Path
    text: str
    had_bom: bool
    crlf: bool

    @property
    def lines(self) -> list[str]:
        """The text's lines, without line endings; line n is lines[n - 1]."""
        return self.text.split("\n")


def is_arabic_letter(char: str) -> bool:
    """Whether a character is a letter of the Arabic script.

    >>> is_arabic_letter("ب"), is_arabic_letter("b"), is_arabic_letter("،")
    (True, False, False)
    """
    return unicodedata.category(char).startswith("L") and "ARABIC" in unicodedata.name(char, "")


def arabic_share(text: str) -> float:
    """Share of the letters in text that are Arabic script (0 when there are none)."""
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_arabic_letter(c)) / len(letters)


def _refuse(path: Path, line: int | None, what: str, todo: str) -> ContentError:
    return ContentError([Problem(display_path(path), line, what, todo)])


def decode_source(path: Path, data: bytes) -> SourceText:
    """Decode an article's bytes, refusing anything but Arabic UTF-8 text with LF or CRLF endings."""
    name = display_path(path)
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise _refuse(
                path, None, f"file is {encoding}, not UTF-8",
                f"convert it: iconv -f {encoding} -t UTF-8 '{name}' > converted.txt",
            )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise _refuse(path, line, "file is binary (it holds NUL bytes)",
                      "give a plain-text export of the article (.txt, UTF-8)")
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        guess = _guess_legacy_encoding(data)
        todo = (
            f"it looks like {guess}; convert it: iconv -f {guess} -t UTF-8 '{name}' > converted.txt"
            if guess else "save it as UTF-8 in your editor and try again"
        )
        raise _refuse(path, line, f"file is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
                      todo) from None
    crlf = "\r\n" in text
    body = text.replace("\r\n", "\n")
    if "\r" in body:
        line = body[: body.index("\r")].count("\n") + 1
        raise _refuse(path, line, "file has old Mac line endings (CR alone)",
                      f"convert them to LF: sed -i 's/\\r/\\n/g' '{name}'")
    if not body.strip():
        raise _refuse(path, None, "file is empty", "put the article's text in it, one paragraph per line")
    share = arabic_share(body)
    if share < _MIN_ARABIC_SHARE:
        raise _refuse(path, None, f"file is not Arabic text (only {share:.0%} of its letters are Arabic)",
                      "check that you chose the Arabic original, not a translation or another file")
    return SourceText(path=path, text=body, had_bom=had_bom, crlf=crlf)


def read_source(path: Path) -> SourceText:
    """Read and decode an article's source file; see decode_source for what is refused."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _refuse(path, None, f"cannot read file ({error.strerror or error})",
                      "check the path and its permissions") from None
    return decode_source(path, data)


def _guess_legacy_encoding(data: bytes) -> str | None:
    """Name the legacy Arabic encoding that decodes data into mostly Arabic letters, if any."""
    for encoding in ("windows-1256", "iso-8859-6", "cp720"):
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if arabic_share(candidate) >= _MIN_ARABIC_SHARE:
            return encoding.upper()
    return None
