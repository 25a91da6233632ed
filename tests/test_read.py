"""Read stage: what is accepted, and what is refused with a message an editor can act on."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from explainer.problems import ContentError
from explainer.read import decode_source, read_source

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
