"""Derived faces for Chinese typesetting in the PDF: half-width punctuation, spaced characters.

Punctuation compression and Han–Latin spacing change how far a glyph advances. Done with
positioning alone (OpenType `halt`, letter spacing), the PDF would declare the glyph's full
width and place the next glyph inside or beyond it, and text extractors read that as overlap
or as a word gap (poppler then splits the line; MuPDF and poppler insert spaces). A derived face
whose glyphs declare the advance they are set with keeps every glyph box abutting the next, so
text extraction and copy-paste see what they saw before.

- halves: punctuation as the face's own `halt` feature sets it (advance and horizontal offset,
  from HarfBuzz), the offset moved into the outline.
- spaced: characters that precede a Han–Latin boundary, each advance widened by the space.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import uharfbuzz as hb
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from publish.errors import EnvironmentProblem
from publish.render.fonts import FontFile, subset_font


def _shape(font: Any, ch: str, features: dict[str, bool]) -> tuple[int, int]:
    buf = hb.Buffer()
    buf.add_str(ch)
    buf.guess_segment_properties()
    hb.shape(font, buf, features)
    position = buf.glyph_positions[0]
    return int(position.x_advance), int(position.x_offset)


def halt_positions(data: bytes, chars: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Character -> (advance, x offset) in font units, where `halt` changes the glyph."""
    font = hb.Font(hb.Face(data))
    found: dict[str, tuple[int, int]] = {}
    for ch in chars:
        halved = _shape(font, ch, {"halt": True})
        if halved != _shape(font, ch, {}):
            found[ch] = halved
    return found


def _move_outline(tables: Any, name: str, dx: int) -> None:
    if "CFF " in tables:
        cff = tables["CFF "].cff
        charstrings = cff[cff.fontNames[0]].CharStrings
        old = charstrings[name]
        pen = T2CharStringPen(tables["hmtx"][name][0], None)
        old.draw(TransformPen(pen, (1, 0, 0, 1, dx, 0)))
        charstrings[name] = pen.getCharString(private=old.private, globalSubrs=old.globalSubrs)
    elif "glyf" in tables:
        glyf = tables["glyf"]
        glyph = glyf[name]
        if glyph.isComposite():
            for component in glyph.components:
                component.x += dx
        elif glyph.numberOfContours:
            glyph.coordinates.translate((dx, 0))
        glyph.recalcBounds(glyf)
    else:
        raise EnvironmentProblem(f"cannot move the outline of glyph {name}: no CFF or glyf")


def _save(tables: Any, family: str) -> bytes:
    """The face under its own `family` name: fontconfig must never offer it for the family it
    was cut from (its glyphs are set differently)."""
    name = tables["name"]
    postscript = "".join(ch for ch in family if ch.isalnum())
    for name_id in (16, 17, 21, 22):
        name.removeNames(nameID=name_id)
    name.setName(family, 1, 3, 1, 0x409)
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(family, 4, 3, 1, 0x409)
    name.setName(postscript, 6, 3, 1, 0x409)
    for name_id in (1, 2, 4, 6):
        name.removeNames(nameID=name_id, platformID=1)
    out = io.BytesIO()
    tables.save(out)
    return out.getvalue()


def halves_face(font: FontFile, chars: str, family: str) -> bytes:
    """`chars` of `font` (its punctuation), each as the face's `halt` feature sets it."""
    data = subset_font(font, chars)
    tables = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    cmap, hmtx = tables.getBestCmap(), tables["hmtx"]
    for ch, (advance, dx) in sorted(halt_positions(data, chars).items()):
        name = cmap[ord(ch)]
        hmtx[name] = (advance, hmtx[name][1] + dx)
        if dx:
            _move_outline(tables, name, dx)
    return _save(tables, family)


def spaced_face(font: FontFile, chars: str, em: float, family: str) -> bytes:
    """`chars` of `font`, each advance widened by `em` (the outline stays where it is)."""
    tables = TTFont(io.BytesIO(subset_font(font, chars)), recalcTimestamp=False, recalcBBoxes=False)
    extra = round(em * tables["head"].unitsPerEm)
    cmap, hmtx = tables.getBestCmap(), tables["hmtx"]
    for ch in sorted(set(chars)):
        if ord(ch) in cmap:
            advance, lsb = hmtx[cmap[ord(ch)]]
            hmtx[cmap[ord(ch)]] = (advance + extra, lsb)
    return _save(tables, family)
