"""Ingest: bytes on disk -> decoded text with a stable line numbering.

Line numbers are 1-based over `text.split("\\n")` after line endings are normalised, so every
later stage (and every report) can point at the input line a reader sees in an editor.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from publish.chars import han_count
from publish.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024  # an issue is ~200 KB; anything this big is not an issue
_BINARY_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (EPUB/DOCX?)"),
    (b"GIF8", "a GIF image"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """One decoded input."""

    id: str
    path: Path
    text: str
    encoding: str
    notices: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


def source_id(path: Path) -> str:
    """The id of an input: its file stem (`seeds/000_x.txt` -> `000_x`)."""
    return path.stem


def id_problem(path: Path) -> InputError | None:
    """Why an input's id cannot name its output folder, if it cannot.

    The id becomes `<output>/<id>/`, so `...txt` (id `..`) would write beside the output folder
    and `.x.txt` would hide its outputs.
    """
    stem = source_id(path)
    if stem.startswith(".") or not stem or any(ord(c) < 0x20 or c == "\x7f" for c in stem):
        return InputError(
            f"the file name “{path.name}” cannot name an output folder",
            path=path,
            hint="rename the input: no leading dot, no control characters",
        )
    return None


def read_source(path: Path) -> Source:
    """Read and decode one input file, or raise InputError naming the file and the problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read input: {exc.strerror}", path=path) from exc
    if size > MAX_INPUT_BYTES:
        mib = 1024 * 1024
        raise InputError(
            f"input is {size // mib} MB; the limit is {MAX_INPUT_BYTES // mib} MB",
            path=path,
            hint="split it into one file per issue",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read input: {exc.strerror}", path=path) from exc
    text, encoding, notices = decode(data, path)
    return Source(id=source_id(path), path=path, text=text, encoding=encoding, notices=notices)


def decode(data: bytes, path: Path | str = "<input>") -> tuple[str, str, tuple[str, ...]]:
    """Decode input bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    Returns (text, encoding, notices). Line endings become `\\n`.
    """
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"input is {what}, not text", path=path, hint="convert it to text")
    notices: list[str] = []
    text, encoding = _decode_text(data, path, notices)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(
            "input contains NUL bytes (binary data?)",
            path=path,
            line=line,
            hint="convert it to plain text",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("input is empty or whitespace only", path=path)
    return text, encoding, tuple(notices)


def _decode_text(data: bytes, path: Path | str, notices: list[str]) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        notices.append("decoded as UTF-16 (byte-order mark found)")
        return _strict(data, "utf-16", path), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _undecodable(data, utf8_error, path) from None
        if han_count(text) < max(1, len(text) // 10):
            raise _undecodable(data, utf8_error, path) from None
        notices.append("decoded as GB18030 (not valid UTF-8); re-save as UTF-8 to silence this")
        return text, "gb18030"


def _strict(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, path) from None


def _undecodable(data: bytes, exc: UnicodeDecodeError, path: Path | str) -> InputError:
    line = data[: exc.start].count(b"\n") + 1
    return InputError(
        f"input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        path=path,
        line=line,
        hint="re-save the file as UTF-8",
    )
