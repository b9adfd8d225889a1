"""Ingest: bytes on disk -> decoded text, its format's reading, and a stable line numbering.

`encoding` decodes the bytes; a markdown input (`.md`, or a `.txt` that is clearly markdown) is
parsed by `markdown`, an HTML page (`.html`, `.htm`) by `html`. Line numbers are 1-based over
`text.split("\\n")` after line endings are normalised, so every later stage (and every report)
can point at the input line a reader sees in an editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import regex

from publish.errors import InputError
from publish.ingest.encoding import (
    Decoded,
    decode_bytes,
    notices,
    override_doubt,
    truncation_warning,
)
from publish.ingest.reading import InputFormat, Reading, Removal, SourceLine
from publish.model import Diagnostic, IssueMeta, Level

MAX_INPUT_BYTES = 20 * 1024 * 1024  # an issue is ~200 KB; anything this big is not an issue
_BINARY_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (EPUB/DOCX?)"),
    (b"GIF8", "a GIF image"),
)


INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_SUFFIX_FORMATS = {
    ".md": InputFormat.MARKDOWN,
    ".markdown": InputFormat.MARKDOWN,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
}


@dataclass(frozen=True, slots=True)
class Source:
    """One decoded input; `reading` is the parsed form of a markdown or HTML input."""

    id: str
    path: Path
    text: str
    encoding: str
    notices: tuple[str, ...] = ()
    format: InputFormat = InputFormat.TEXT
    reading: Reading | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    encoding_method: str = "utf-8"
    encodings_tried: tuple[str, ...] = field(default=())

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))

    @property
    def meta(self) -> IssueMeta:
        """Metadata the input itself declares (front matter, `<meta>` tags)."""
        return self.reading.meta if self.reading is not None else IssueMeta()

    @property
    def removals(self) -> tuple[Removal, ...]:
        return self.reading.removals if self.reading is not None else ()

    @property
    def body(self) -> tuple[SourceLine, ...] | None:
        return self.reading.lines if self.reading is not None else None


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


def read_source(path: Path, encoding: str | None = None) -> Source:
    """Read, decode and parse one input file, or raise InputError naming the file and the
    problem. `encoding` overrides detection (the command line's or the sidecar's)."""
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
    decoded = decode_input(data, path, encoding)
    text = decoded.text
    fmt = input_format(path, text)
    diagnostics = []
    warning = truncation_warning(decoded)
    if warning:
        diagnostics.append(Diagnostic("I001", Level.WARNING, len(text.split("\n")), warning))
    doubt = override_doubt(decoded)
    if doubt:
        diagnostics.append(Diagnostic("I002", Level.WARNING, None, doubt))
    reading = _read(fmt, text)
    return Source(
        id=source_id(path),
        path=path,
        text=text,
        encoding=decoded.encoding,
        notices=notices(decoded) + tuple(w for w in (warning, doubt) if w),
        format=fmt,
        reading=reading,
        diagnostics=tuple(diagnostics) + (reading.diagnostics if reading else ()),
        encoding_method=decoded.method,
        encodings_tried=decoded.tried,
    )


def _read(fmt: InputFormat, text: str) -> Reading | None:
    if fmt is InputFormat.MARKDOWN:
        from publish.ingest.markdown import read_markdown  # noqa: PLC0415 - markdown-it

        return read_markdown(text)
    if fmt is InputFormat.HTML:
        from publish.ingest.html import read_html  # noqa: PLC0415 - lxml and trafilatura

        return read_html(text)
    return None


# Constructs plain OCR text never has: front matter, images, inline links, footnote
# definitions, code fences. (Tables, `**` and `- ` lists do occur in OCR text: not enough.)
_FRONT_MATTER = regex.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*:.*\n)+---[ \t]*\n")
_MARKDOWN_SIGNS = regex.compile(
    r"!\[[^\]\n]*\]\([^)\n]+\)|\[[^\]\n]+\]\((?:https?://|/|#)[^)\n]*\)"
    r"|^\[\^[^\]\n]+\]:|^(?:```|~~~)",
    regex.MULTILINE,
)
_HTML_START = regex.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>])", regex.IGNORECASE)
MARKDOWN_SIGNS_MIN = 2


def input_format(path: Path, text: str) -> InputFormat:
    """By suffix; a `.txt` that is clearly markdown (front matter, or images, links and
    footnote definitions) or an HTML document is read as one."""
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    if _HTML_START.match(text):
        return InputFormat.HTML
    if _FRONT_MATTER.match(text):
        return InputFormat.MARKDOWN
    signs = len(list(islice(_MARKDOWN_SIGNS.finditer(text), MARKDOWN_SIGNS_MIN)))
    return InputFormat.MARKDOWN if signs >= MARKDOWN_SIGNS_MIN else InputFormat.TEXT


def decode_input(data: bytes, path: Path | str = "<input>", encoding: str | None = None) -> Decoded:
    """Reject binary data, decode, normalise line endings; reject empty text."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"input is {what}, not text", path=path, hint="convert it to text")
    decoded = decode_bytes(data, path, encoding)
    text = decoded.text
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
    return Decoded(text, decoded.encoding, decoded.method, decoded.tried, decoded.dropped_tail)


def decode(
    data: bytes, path: Path | str = "<input>", encoding: str | None = None
) -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, notices) of input bytes; see `decode_input`."""
    decoded = decode_input(data, path, encoding)
    warning = truncation_warning(decoded)
    return decoded.text, decoded.encoding, notices(decoded) + ((warning,) if warning else ())
