"""Read stage: bytes of an editor's source file into checked Unicode text."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import ContentError, Problem, display_path

# Byte-order marks that tell us the file is UTF-16 or UTF-32, which we refuse by name.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Share of letters that must be Arabic script for a text to count as Arabic.
_MIN_ARABIC_SHARE = 0.5
# Longer than any news article (the seed is 7 KiB): a bigger file is not one article.
MAX_SOURCE_BYTES = 512 * 1024
# The start of a saved web page rather than its text.
_HTML_DOCUMENT = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)", re.IGNORECASE)
_HTML_TAG_LINE = re.compile(r"^\s*</?(?:html|head|body|p|div|span|br|a|h[1-6]|li|ul|table|tr|td|img|meta|script|style)\b[^>]*>", re.IGNORECASE)
# A lam-alef ligature that a PDF gave back as alef then lam: words cannot start with اال
# (الانتخابات comes out as االنتخابات).
_BROKEN_LAM_ALEF = re.compile(r"(?:^|(?<=\s))\u0627\u0627\u0644")
# The private-use areas, where PDF fonts put glyphs that have no Unicode letter.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# How many damaged places to name before saying "and N more".
_MAX_PLACES = 5


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


# Everything that is not a letter ([^\W\d_] is a letter: alphanumeric, not a digit or _).
_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Everything outside the Arabic script's blocks (basic, supplement, extended-A, presentation forms).
_NOT_ARABIC = re.compile("[^\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")


def arabic_share(text: str) -> float:
    """Share of the letters in text that are Arabic script (0 when there are none).

    >>> arabic_share("نص text"), arabic_share("123 ...")
    (0.3333333333333333, 0.0)
    """
    letters = _NOT_LETTERS.sub("", text)  # two passes in C, where counting in Python took a tenth of a build
    if not letters:
        return 0.0
    return len(_NOT_ARABIC.sub("", letters)) / len(letters)


def _refuse(path: Path, line: int | None, what: str, todo: str) -> ContentError:
    return ContentError([Problem(display_path(path), line, what, todo)])


def decode_source(path: Path, data: bytes) -> SourceText:
    """Decode an article's bytes, refusing anything but Arabic UTF-8 text with LF or CRLF endings."""
    name = display_path(path)
    if len(data) > MAX_SOURCE_BYTES:
        raise _refuse(path, None, f"file is {len(data) // 1024} KiB, longer than any article (the limit is {MAX_SOURCE_BYTES // 1024} KiB)",
                      "check that it holds one article; split a long report into several articles")
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            raise _refuse(
                path, None, f"file is {encoding}, not UTF-8",
                f"convert it: iconv -f {encoding} -t UTF-8 '{name}' > converted.txt",
            )
    wide = _guess_wide_encoding(data)
    if wide:
        raise _refuse(path, None, f"file is {wide} without a byte-order mark, not UTF-8",
                      f"convert it: iconv -f {wide} -t UTF-8 '{name}' > converted.txt")
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
    if looks_like_html(body):
        html_lines = [n for n, line in enumerate(body.split("\n"), start=1) if _HTML_TAG_LINE.match(line)]
        raise _refuse(path, html_lines[0] if html_lines else 1, "file is a web page's HTML source, not its text",
                      "make the draft from the page itself: explainer new SLUG --html FILE")
    damage = damaged_text_problems(path, body)
    if damage:
        raise ContentError(damage)
    share = arabic_share(body)
    if share < _MIN_ARABIC_SHARE:
        raise _refuse(path, None, f"file is not Arabic text (only {share:.0%} of its letters are Arabic)",
                      "check that you chose the Arabic original, not a translation or another file")
    return SourceText(path=path, text=body, had_bom=had_bom, crlf=crlf)


def looks_like_html(text: str) -> bool:
    """Whether text is a web page's HTML source: it starts as a document does, or most of its lines are tags.

    >>> looks_like_html("<!DOCTYPE html><p>نص</p>"), looks_like_html("نص <b>عريض</b> في سطر")
    (True, False)
    """
    if "<" not in text:
        return False
    lines = text.split("\n")
    return bool(_HTML_DOCUMENT.match(text)) or sum(1 for line in lines if _HTML_TAG_LINE.match(line)) > len(lines) // 2


def _places(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:_MAX_PLACES])
    return shown + (f" and {len(lines) - _MAX_PLACES} more" if len(lines) > _MAX_PLACES else "")


def damaged_text_problems(path: Path, text: str) -> list[Problem]:
    """Letters lost or scrambled before the text reached us, as copying from a PDF does.

    Replacement characters (U+FFFD) and private-use characters stand for glyphs whose letters
    are lost; reversed lam-alef ligatures (اال) mean every لا in the text came out as ال.
    These cannot be repaired without guessing, so the text is refused with where they are.
    """
    if "\ufffd" not in text and "\u0627\u0627\u0644" not in text and not _PRIVATE_USE.search(text):
        return []  # the usual case, found with three scans of the whole text instead of three per line
    name = display_path(path)
    lines = text.split("\n")
    problems = []
    lost = [n for n, line in enumerate(lines, start=1) if "\ufffd" in line]
    if lost:
        problems.append(Problem(name, lost[0], f"text holds replacement characters (U+FFFD) where letters were lost, "
                                f"on line(s) {_places(lost)}",
                                "copy the text again from the original web page (a PDF copy loses letters), or retype the damaged words"))
    private = [n for n, line in enumerate(lines, start=1) if _PRIVATE_USE.search(line)]
    if private:
        problems.append(Problem(name, private[0], f"text holds private-use characters (a PDF font's own glyphs), "
                                f"on line(s) {_places(private)}",
                                "copy the text again from the original web page, or retype the damaged words"))
    broken = [n for n, line in enumerate(lines, start=1) if _BROKEN_LAM_ALEF.search(line)]
    if sum(len(_BROKEN_LAM_ALEF.findall(line)) for line in lines) >= 2:
        problems.append(Problem(name, broken[0], f"lam-alef reversed as a PDF copy does (اال for الا), on line(s) {_places(broken)}",
                                "copy the text again from the original web page; a PDF copy turns every لا into ال"))
    return problems


def _guess_wide_encoding(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: every other byte NUL, and the decoded text readable."""
    if b"\x00" not in data or len(data) % 2:
        return None
    for encoding in ("UTF-16LE", "UTF-16BE"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in text)
        if text.strip() and not controls and arabic_share(text) >= _MIN_ARABIC_SHARE:
            return encoding
    return None


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
