"""The generated EPUB cover: a typographic PNG (magazine, issue, half, date, publisher).

Drawn with Pillow in the edition's serif face, so that readers show the cover in their library
view whether or not they have Chinese fonts. The same input gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from PIL import Image, ImageDraw, ImageFont

from publish.render.context import RenderContext
from publish.render.fonts import find_font

SIZE = (1200, 1700)  # about A5's proportions; readers scale it
MARGIN = 110
RED = (158, 27, 27)
INK = (34, 30, 28)
GREY = (110, 104, 98)
PAPER = (251, 248, 243)


@dataclass(frozen=True, slots=True)
class CoverText:
    """What the cover says, already in the edition's script."""

    name: str  # the magazine, or the web article's title
    period: str | None
    half: str | None
    total: str | None
    publisher: str | None
    serial: str | None  # ISSN / CN line
    date: str | None


def cover_text(ctx: RenderContext) -> CoverText:
    meta = ctx.issue.meta
    name = meta.title or meta.publisher or ctx.title
    serial = "　".join(
        part
        for part in (f"ISSN {meta.issn}" if meta.issn else "", meta.cn and f"CN {meta.cn}")
        if part
    )
    return CoverText(
        name=name,
        period=meta.period,
        half=meta.half,
        total=ctx.labels.total_number(meta.total_number) if meta.total_number else None,
        publisher=meta.publisher if meta.publisher != name else meta.source_site,
        serial=serial or None,
        date=meta.date if not meta.period else None,
    )


def _font(family: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    face = find_font(family, bold=bold)
    return ImageFont.truetype(str(face.path), size, index=face.index)


_PHRASE_END = regex.compile(r"(?<=[：:，,、；—])(?![—”’」』])|\s+")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Pack whole phrases (split at spaces and after ：，、；——) into lines; a phrase longer than
    a line is broken between characters."""
    lines: list[str] = []
    line = ""
    for phrase in filter(None, _PHRASE_END.split(text)):
        if font.getlength(line + phrase) <= width:
            line += phrase
            continue
        if line:
            lines.append(line)
            line = ""
        for ch in phrase:
            if line and font.getlength(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    return lines or [text]


def _fit_name(name: str, family: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the name fits in two lines (four for the smallest sizes)."""
    for size in (150, 130, 112, 96, 84, 72, 64):
        font = _font(family, size, bold=True)
        lines = _wrap(name, font, width)
        if len(lines) <= (2 if size > 84 else 4):
            return font, lines
    return font, lines


def _centred(
    draw: ImageDraw.ImageDraw,
    y: int,
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, int, int],
) -> int:
    width = font.getlength(text)
    draw.text(((SIZE[0] - width) / 2, y), text, font=font, fill=fill)
    ascent, descent = font.getmetrics()
    return y + ascent + descent


def render_cover(ctx: RenderContext) -> bytes:
    family = ctx.serif_font
    # The faces are looked up first (a missing font is an error here, not a stale picture)
    # and are part of the memo's key.
    faces = (find_font(family).path, find_font(family, bold=True).path)
    return _drawn(cover_text(ctx), family, faces)


@lru_cache(maxsize=8)
def _drawn(text: CoverText, family: str, faces: tuple[Path, Path]) -> bytes:
    """The cover as PNG bytes: drawn once per text and face in a process (a preview rebuilds
    an issue whose cover did not change)."""
    del faces  # the key: the font files the drawing uses
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], 70), fill=RED)
    draw.rectangle((0, SIZE[1] - 40, SIZE[0], SIZE[1]), fill=RED)

    name_font, lines = _fit_name(text.name, family, SIZE[0] - 2 * MARGIN)
    y = 380 - 40 * (len(lines) - 1)
    for line in lines:
        y = _centred(draw, y, line, name_font, INK) + 10
    y += 50
    draw.line((MARGIN * 2, y, SIZE[0] - MARGIN * 2, y), fill=RED, width=4)
    y += 70
    if text.period:
        y = _centred(draw, y, text.period, _font(family, 72), INK) + 20
    if text.half:
        y = _centred(draw, y, f"（{text.half}）", _font(family, 56), INK) + 20
    if text.total:
        _centred(draw, y + 10, text.total, _font(family, 44), GREY)
    if text.date:
        _centred(draw, y, text.date, _font(family, 52), GREY)

    bottom = SIZE[1] - 150
    if text.serial:
        _centred(draw, bottom, text.serial, _font(family, 34), GREY)
        bottom -= 80
    if text.publisher:
        _centred(draw, bottom, text.publisher, _font(family, 46), INK)

    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True costs ~70 ms
    return out.getvalue()
