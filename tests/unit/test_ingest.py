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


TRADITIONAL = "堅持人民至上的價值取向。人民是歷史的創造者，各級黨組織要把為民辦實事作為檢驗標準。"
SIMPLIFIED = "坚持人民至上的价值取向。人民是历史的创造者，各级党组织要把为民办实事作为检验标准。"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (TRADITIONAL, "big5", "big5"),
        ("香港地鐵站嘅月台好多人，佢哋都喺度等車。" * 3, "big5hkscs", "big5hkscs"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "utf-32", "utf-32"),
    ],
)
def test_legacy_and_wide_encodings_are_detected(text: str, codec: str, expected: str) -> None:
    decoded, encoding, notices = decode(text.encode(codec))
    assert (decoded, encoding) == (text, expected)
    if expected not in ("utf-32",):
        assert "detected" in notices[0]


def test_big5_read_as_gb18030_would_be_mojibake() -> None:
    """GB18030 decodes these bytes without an error: the plausibility check tells."""
    from publish.ingest.encoding import oddity

    wrong = TRADITIONAL.encode("big5").decode("gb18030", errors="replace")
    assert not oddity(wrong).plausible() and oddity(TRADITIONAL).plausible()
    assert decode(TRADITIONAL.encode("big5"))[1] == "big5"


def test_an_undecodable_input_names_the_encodings_tried() -> None:
    corrupt = SIMPLIFIED.encode() + b"\xff" + SIMPLIFIED.encode()  # one bad byte in UTF-8
    with pytest.raises(InputError) as info:
        decode(corrupt, "issue.txt")
    message = str(info.value)
    assert "issue.txt" in message and "UTF-8" in message
    assert all(name in message for name in ("GB18030", "Big5", "Big5-HKSCS"))
    assert info.value.exit_code == EXIT_INPUT


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "big5", "utf-16"])
def test_a_truncated_file_is_decoded_with_a_warning(codec: str) -> None:
    data = TRADITIONAL.encode(codec)[:-1]  # cut inside the last character
    text, _encoding, notices = decode(data, "cut.txt")
    assert text == TRADITIONAL[:-1]
    assert any("truncated" in n for n in notices)


def test_a_truncated_file_builds_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(SIMPLIFIED.encode("utf-8")[:-2])
    source = read_source(path)
    assert [d.code for d in source.diagnostics] == ["I001"]


def test_the_encoding_can_be_named(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(SIMPLIFIED.encode("gb18030"))
    assert read_source(path, "gbk").encoding == "gbk"
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_source(path, "utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        read_source(path, "klingon")


def test_a_wrong_named_encoding_is_used_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    source = read_source(path, "gb18030")
    assert [d.code for d in source.diagnostics] == ["I002"]


def test_the_sidecar_names_the_encoding(tmp_path: Path) -> None:
    from publish.build.pipeline import process

    path = tmp_path / "x.txt"
    path.write_bytes(("标题\n\n" + SIMPLIFIED).encode("gb18030"))
    (tmp_path / "x.toml").write_text('[input]\nencoding = "GBK"\n', "utf-8")
    processed = process(path)
    assert processed.source.encoding == "gbk" and processed.source.encoding_method == "override"
