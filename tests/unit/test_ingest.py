"""Ingest: decoding, rejection of non-text, line endings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from publish.errors import EXIT_INPUT, InputError
from publish.ingest import decode, read_source

TEXT = "天津支部生活\n第二行"


def test_utf8_plain_and_with_bom() -> None:
    assert decode(TEXT.encode())[0] == TEXT
    text, encoding, _ = decode(codecs.BOM_UTF8 + TEXT.encode())
    assert (text, encoding) == (TEXT, "utf-8-sig")


def test_utf16_with_bom_is_decoded_with_a_notice() -> None:
    text, encoding, notices = decode(TEXT.encode("utf-16"))
    assert text == TEXT and encoding == "utf-16" and notices


def test_gb18030_is_detected_with_a_notice() -> None:
    text, encoding, notices = decode(TEXT.encode("gb18030"))
    assert text == TEXT and encoding == "gb18030"
    assert "GB18030" in notices[0]


def test_line_endings_become_newlines() -> None:
    assert decode("甲\r\n乙\r丙".encode())[0] == "甲\n乙\n丙"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b" \n\t \n", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        ("正文\x00二".encode(), "NUL"),
        (b"\xff\xfe\xfd\x80\x81 abc", "not valid UTF-8"),
    ],
)
def test_bad_input_is_a_clear_error(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "issue.txt")
    assert fragment in str(info.value)
    assert "issue.txt" in str(info.value)
    assert info.value.exit_code == EXIT_INPUT


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"ok line\nsecond \xff\xfe line\n")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.line == 2


def test_source_id_is_the_stem(tmp_path: Path) -> None:
    path = tmp_path / "000_abc.txt"
    path.write_text("标题\n\n正文。", "utf-8")
    source = read_source(path)
    assert source.id == "000_abc"
    assert source.lines == ("标题", "", "正文。")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_source(tmp_path / "nope.txt")
