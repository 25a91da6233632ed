"""Read stage: what is accepted, and what is refused with a message an editor can act on."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from explainer.core.problems import ContentError
from explainer.intake.read import decode_source, read_source

ARABIC = "يخطط العراق لبدء سحب القوات.\nوقال المتحدث إن الاجتماعات مستمرة.\n"


def refusal(data: bytes, name: str = "article.ar.txt") -> str:
    with pytest.raises(ContentError) as caught:
        decode_source(Path(name), data)
    (problem,) = caught.value.problems
    return str(problem)


def test_plain_utf8_is_read_as_is() -> None:
    source = decode_source(Path("a.txt"), ARABIC.encode())
    assert source.text == ARABIC and not source.had_bom and not source.crlf


def test_bom_and_crlf_are_accepted_and_recorded() -> None:
    data = codecs.BOM_UTF8 + ARABIC.replace("\n", "\r\n").encode()
    source = decode_source(Path("a.txt"), data)
    assert source.text == ARABIC
    assert source.had_bom and source.crlf


@pytest.mark.parametrize(("data", "expected"), [
    (ARABIC.encode("utf-16"), "article.ar.txt: file is UTF-16, not UTF-8: convert it: iconv -f UTF-16"),
    (ARABIC.encode("utf-32"), "article.ar.txt: file is UTF-32, not UTF-8"),
    (ARABIC.encode("windows-1256"), "article.ar.txt:1: file is not UTF-8 (byte 0x"),
    (b"PK\x03\x04\x00\x00binary", "article.ar.txt:1: file is binary (it holds NUL bytes)"),
    (b"", "article.ar.txt: file is empty"),
    (b"  \n\n ", "article.ar.txt: file is empty"),
    (b"The coalition will leave Iraq.\n", "article.ar.txt: file is not Arabic text (only 0% of its letters are Arabic)"),
    ("سطر أول\rسطر ثان".encode(), "article.ar.txt:1: file has old Mac line endings (CR alone)"),
])
def test_refusals_name_the_file_and_the_problem(data: bytes, expected: str) -> None:
    assert refusal(data).startswith(expected)


def test_legacy_arabic_encoding_is_named_with_the_command_to_convert_it() -> None:
    message = refusal(ARABIC.encode("windows-1256"))
    assert "it looks like WINDOWS-1256; convert it: iconv -f WINDOWS-1256 -t UTF-8" in message


def test_missing_file_is_refused_without_traceback(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        read_source(tmp_path / "missing.txt")
    assert "cannot read file" in str(caught.value)


@pytest.mark.parametrize(("data", "expected"), [
    (ARABIC.encode("utf-16-le"), "article.ar.txt: file is UTF-16LE without a byte-order mark, not UTF-8: convert it: iconv -f UTF-16LE"),
    (ARABIC.encode("utf-16-be"), "article.ar.txt: file is UTF-16BE without a byte-order mark"),
    (b"<!DOCTYPE html>\n<html><body><p>" + ARABIC.encode() + b"</p></body></html>",
     "article.ar.txt:2: file is a web page's HTML source, not its text: make the draft from the page itself"),
    (("<p>" + ARABIC.replace("\n", "</p>\n<p>") + "</p>").encode(), "article.ar.txt:1: file is a web page's HTML source"),
    (b"x" * (512 * 1024 + 1), "article.ar.txt: file is 512 KiB, longer than any article (the limit is 512 KiB)"),
    ("نص عربي\nكلمات \ufffd\ufffd ضاعت\n".encode(), "article.ar.txt:2: text holds replacement characters (U+FFFD) where letters were lost, on line(s) 2: copy"),
    ("نص عربي فيه \ue000 حرف خاص\n".encode(), "article.ar.txt:1: text holds private-use characters"),
    ("اعلنت االنتخابات\nعن االتفاق\n".encode(), "article.ar.txt:1: lam-alef reversed as a PDF copy does (اال for الا), on line(s) 1, 2"),
])
def test_damaged_or_foreign_files_are_refused_with_what_to_do(data: bytes, expected: str) -> None:
    assert refusal(data).startswith(expected)


def test_every_kind_of_damage_is_reported_together() -> None:
    data = "نص \ufffd عربي\nفيه \ue000 حرف\nاالنتخابات و االتفاق\n".encode()
    with pytest.raises(ContentError) as caught:
        decode_source(Path("a.txt"), data)
    assert [p.line for p in caught.value.problems] == [1, 2, 3]


def test_html_and_template_syntax_inside_an_arabic_article_is_text() -> None:
    text = "قال الباحث إن الوسم <script>alert(1)</script> لا ينفذ.\nوكتب {{ x }} و{% include 'a' %} و--8<-- 'b'.\n"
    assert decode_source(Path("a.txt"), text.encode()).text == text
