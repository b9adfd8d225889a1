"""Bytes -> text: byte-order marks, UTF-8, then GB18030 / Big5 / Big5-HKSCS by detection.

Detection is charset-normalizer's, limited to the encodings Chinese periodicals are saved in.
Every double-byte legacy encoding decodes most byte strings of the others without an error, so
a decoding is accepted only when its text is plausible Chinese: almost no private-use or
unassigned code points, kana, Cyrillic or rare Han characters (a Big5 file read as GB18030 is
full of them). A file cut off inside its last character (a truncated download) is decoded
without that character, with a warning.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from publish.errors import InputError

# (codec, name shown to people). Order breaks ties: the mainland encodings first.
LEGACY = (("gb18030", "GB18030"), ("big5", "Big5"), ("big5hkscs", "Big5-HKSCS"))
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DISPLAY = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    **dict(LEGACY),
}
_FOREIGN_LETTER = regex.compile(r"[\p{Hiragana}\p{Katakana}\p{Bopomofo}\p{Cyrillic}\p{Greek}]")
_HAN = regex.compile(r"\p{Han}")
_TEXT_MARK = regex.compile(r"[\s\p{P}]")
ODD_SHARE_MAX = 0.02  # Chinese text: under 0.1 %; a wrong double-byte decoding: 5-50 %
ODD_MIN = 3  # a handful of odd characters is a quotation, not a wrong decoding


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how the encoding was decided (`bom`, `utf-8`, `detected`, `override`)."""

    text: str
    encoding: str
    method: str
    tried: tuple[str, ...] = ()
    dropped_tail: bytes = b""  # the incomplete last character of a truncated file

    @property
    def display(self) -> str:
        return _DISPLAY.get(self.encoding, self.encoding)


@dataclass(frozen=True, slots=True)
class Oddity:
    """How implausible a decoding is as Chinese text."""

    odd: int
    han: int
    examples: str

    @property
    def share(self) -> float:
        return self.odd / max(1, self.han + self.odd)

    def plausible(self, minimum: int = ODD_MIN) -> bool:
        return self.odd < minimum or self.share <= ODD_SHARE_MAX


@cache
def _common(char: str) -> bool:
    """In GB2312 or Big5-HKSCS: the characters Chinese text is written with."""
    for codec in ("gb2312", "big5hkscs"):
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _is_odd(char: str) -> bool:
    if ord(char) < 0x80:
        return False
    if unicodedata.category(char) in ("Co", "Cn") or char == "\ufffd":
        return True
    if _FOREIGN_LETTER.match(char):
        return True
    return _HAN.match(char) is not None and not _common(char)


def oddity(text: str) -> Oddity:
    odd = [c for c in text if _is_odd(c)]
    han = sum(1 for _ in _HAN.finditer(text))
    return Oddity(len(odd), han, "".join(dict.fromkeys(odd))[:8])


def normal_codec(name: str) -> str | None:
    """The codec for an encoding name (`GBK`, `big5-hkscs`, `utf8`), or None if not a text one."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return {"utf_8": "utf-8", "utf_16": "utf-16", "utf_32": "utf-32"}.get(info.name, info.name)


def _complete(data: bytes, codec: str) -> tuple[str, bytes] | None:
    """Decode strictly, allowing only an incomplete last character (returned as the tail)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    tail = bytes(decoder.getstate()[0])
    return text, tail


def _utf8_error(data: bytes, path: Path | str, tried: tuple[str, ...]) -> InputError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        return InputError(
            f"cannot decode the input: it is not valid UTF-8 ({where}), and "
            f"{', '.join(tried)} give no plausible Chinese text",
            path=path,
            line=line,
            hint="re-save the file as UTF-8, or name its encoding with --encoding",
        )
    raise AssertionError("valid UTF-8 reached the error path")  # pragma: no cover


def decode_bytes(data: bytes, path: Path | str, override: str | None = None) -> Decoded:
    """The text of an input, or an InputError naming the file and what was tried."""
    if override is not None:
        return _decode_override(data, path, override)
    for bom, codec in _BOMS:
        if data.startswith(bom) and (found := _decode_bom(data, bom, codec)) is not None:
            return found
    utf8 = _complete(data, "utf-8")
    if utf8 is not None:
        return Decoded(utf8[0], "utf-8", "utf-8", ("UTF-8",), utf8[1])
    return _detect(data, path)


def _decode_override(data: bytes, path: Path | str, override: str) -> Decoded:
    codec = normal_codec(override)
    if codec is None:
        raise InputError(f"unknown encoding “{override}”", path=path, hint="e.g. gb18030, big5")
    # The UTF-16/32 decoders read their byte-order mark themselves; UTF-8's is dropped here.
    body = data.removeprefix(codecs.BOM_UTF8) if codec in ("utf-8", "utf-8-sig") else data
    found = _complete(body, codec)
    if found is None:
        name = _DISPLAY.get(codec, override)
        raise InputError(
            f"the input is not valid {name} (the encoding given for it)",
            path=path,
            hint="check --encoding or the sidecar's [input] encoding",
        )
    return Decoded(found[0], codec, "override", (_DISPLAY.get(codec, override),), found[1])


def _decode_bom(data: bytes, bom: bytes, codec: str) -> Decoded | None:
    """None when the bytes only start like a byte-order mark (`\\xff\\xfe` opens other data
    too): the decoding fails, or a single odd character makes it implausible."""
    body = data[len(bom) :] if codec == "utf-8-sig" else data
    found = _complete(body, "utf-8" if codec == "utf-8-sig" else codec)
    if found is None or not oddity(found[0]).plausible(minimum=1):
        return None
    if not _TEXT_MARK.search(found[0]):  # no space, line break or punctuation: not a text
        return None
    return Decoded(found[0], codec, "bom", (_DISPLAY[codec],), found[1])


def _ranked(data: bytes) -> list[str]:
    """The legacy encodings in charset-normalizer's order of preference, then the rest."""
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for non-UTF-8 inputs

    codecs_ = [codec for codec, _ in LEGACY]
    try:
        found = [m.encoding for m in from_bytes(data, cp_isolation=codecs_)]
    except (LookupError, ValueError):  # pragma: no cover - the detector's own failures
        found = []
    ordered = [c for c in found if c in codecs_]
    return ordered + [c for c in codecs_ if c not in ordered]


def _detect(data: bytes, path: Path | str) -> Decoded:
    tried = ("UTF-8", *(name for _, name in LEGACY))
    decodings: dict[str, tuple[str, bytes]] = {}
    for codec, _ in LEGACY:
        found = _complete(data, codec)
        if found is not None:
            decodings[codec] = found
    if not decodings:
        raise _utf8_error(data, path, tried[1:])
    body = data[: len(data) - min(len(t) for _, t in decodings.values())]
    for codec in _ranked(body):
        if codec in decodings and oddity(decodings[codec][0]).plausible():
            text, tail = decodings[codec]
            return Decoded(text, codec, "detected", tried, tail)
    best = min(decodings, key=lambda c: oddity(decodings[c][0]).share)
    odd = oddity(decodings[best][0])
    raise InputError(
        f"cannot decode the input: it is not UTF-8, and read as {_DISPLAY[best]} (the closest of "
        f"{', '.join(tried[1:])}) {odd.share:.0%} of its characters are private-use, "
        f"unassigned or rare ({odd.examples})",
        path=path,
        hint="re-save the file as UTF-8, or name its encoding with --encoding",
    )


def notices(decoded: Decoded) -> tuple[str, ...]:
    """What a reader of the report should know about the decoding."""
    found: list[str] = []
    if decoded.method == "detected":
        found.append(
            f"decoded as {decoded.display} (detected; not valid UTF-8): re-save as UTF-8 to "
            "silence this"
        )
    elif decoded.method == "bom" and decoded.encoding != "utf-8-sig":
        found.append(f"decoded as {decoded.display} (byte-order mark found)")
    elif decoded.method == "override":
        found.append(f"decoded as {decoded.display} (as configured)")
    return tuple(found)


def truncation_warning(decoded: Decoded) -> str | None:
    if not decoded.dropped_tail:
        return None
    tail = " ".join(f"0x{b:02x}" for b in decoded.dropped_tail)
    return (
        f"the file ends in the middle of a {decoded.display} character ({tail}): a truncated "
        "download? The incomplete character was left out"
    )


def override_doubt(decoded: Decoded) -> str | None:
    """The encoding named for an input is used as named; say so when its text looks wrong."""
    if decoded.method != "override":
        return None
    odd = oddity(decoded.text)
    if odd.plausible():
        return None
    return (
        f"read as {decoded.display} (as configured), {odd.share:.0%} of its characters are "
        f"private-use, unassigned or rare ({odd.examples}): is that the file's encoding?"
    )
