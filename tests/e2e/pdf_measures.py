"""Typographic measures read back from a PDF's character origins (PyMuPDF).

Shared by the PDF tests; `python tests/e2e/pdf_measures.py FILE.pdf` prints them for a file.

A body line is a run of body-size characters on one baseline. On such a line every character's
advance is the distance from its origin to the next one's, which is what punctuation compression
and Han–Latin spacing change. A gap is that advance less the character's own advance in the
installed face (read with HarfBuzz, not from the PDF, whose derived faces declare the adjusted
widths). Justification gives every CJK character of a line the same letter spacing (`stretch`),
half before and half after it; the measures take it off before comparing with the em fractions
they test.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import regex
import uharfbuzz as hb

from publish.backends.cjk_justify import CJK
from publish.render.fonts import find_font

# The marks whose blank half clreq lets a typesetter take away (dashes, ellipses, the middle
# dot and the solidus are fixed; they are not in here).
OPENING = frozenset("（《「『“‘〈【〔〖")
CLOSING = frozenset("）》」』”’〉】〕〗")
PAUSES = frozenset("，。、；：！？")
ADJUSTABLE = OPENING | CLOSING | PAUSES
HAN = regex.compile(r"\p{Han}")
LATIN_OR_DIGIT = regex.compile(r"[A-Za-z0-9\p{Latin}]")


@dataclass(frozen=True, slots=True)
class Glyph:
    char: str
    x: float  # origin
    width: float  # the font's nominal advance, as the PDF declares it


@dataclass(frozen=True, slots=True)
class Line:
    page: int
    glyphs: tuple[Glyph, ...]
    size: float
    y: float = 0.0  # baseline

    @property
    def left(self) -> float:
        return self.glyphs[0].x

    @property
    def right(self) -> float:
        return self.glyphs[-1].x + self.glyphs[-1].width

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    def advance(self, i: int) -> float | None:
        """Origin to next origin, in ems; None for the last glyph."""
        if i + 1 >= len(self.glyphs):
            return None
        return (self.glyphs[i + 1].x - self.glyphs[i].x) / self.size

    def stretched(self, first: int, last: int) -> float:
        """The justification spacing between the origins of glyphs `first` and `last`."""
        share = 0.0
        for k in range(first, last + 1):
            if CJK.match(self.glyphs[k].char):
                share += 0.5 if k in (first, last) else 1.0
        return share * self.stretch

    @property
    def stretch(self) -> float:
        """The justification spacing after a Han character, in ems (median over the line)."""
        gaps = [
            adv - 1.0
            for i, g in enumerate(self.glyphs)
            if HAN.match(g.char)
            and i + 1 < len(self.glyphs)
            and HAN.match(self.glyphs[i + 1].char)
            and (adv := self.advance(i)) is not None
        ]
        return max(0.0, statistics.median(gaps)) if gaps else 0.0


def body_lines(pdf: Path, size: float = 10.5, pages: range | None = None) -> list[Line]:
    """Lines of characters of the body size, grouped by baseline, left to right."""
    found: list[Line] = []
    with pymupdf.open(pdf) as doc:
        for number in pages if pages is not None else range(len(doc)):
            rows: dict[int, list[Glyph]] = {}
            raw = doc[number].get_text("rawdict", flags=0)
            for block in raw["blocks"]:
                for line in block.get("lines", ()):
                    for span in line["spans"]:
                        if abs(span["size"] - size) > 0.05:
                            continue
                        for ch in span["chars"]:
                            x0, _, x1, _ = ch["bbox"]
                            glyph = Glyph(ch["c"], ch["origin"][0], x1 - x0)
                            rows.setdefault(round(ch["origin"][1] * 2), []).append(glyph)
            for row, glyphs in sorted(rows.items()):
                glyphs.sort(key=lambda g: g.x)
                found.append(Line(number, tuple(glyphs), size, row / 2))
    return found


def type_area_text(pdf: Path, top_mm: float = 20, bottom_mm: float = 18) -> str:
    """The text inside the pages' type area: running heads and folios (in the margins) aside."""
    parts: list[str] = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            top, bottom = top_mm / 25.4 * 72 - 2, page.rect.height - bottom_mm / 25.4 * 72 + 2
            for _, y0, _, y1, text, *_ in page.get_text("blocks"):
                if y0 >= top and y1 <= bottom:
                    parts.append(text)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Pair:
    line: Line
    index: int  # of the first mark
    advance: float  # both marks, in ems, justification taken off

    @property
    def text(self) -> str:
        return self.line.text[self.index : self.index + 2]


def punctuation_pairs(lines: Sequence[Line]) -> Iterator[Pair]:
    """Adjacent adjustable marks followed by something on the same line (so both advances are
    known)."""
    for line in lines:
        chars = line.text
        for i in range(len(chars) - 2):
            if chars[i] in ADJUSTABLE and chars[i + 1] in ADJUSTABLE:
                advance = (line.glyphs[i + 2].x - line.glyphs[i].x) / line.size
                yield Pair(line, i, advance - line.stretched(i, i + 2))


@dataclass(frozen=True, slots=True)
class Transition:
    line: Line
    index: int  # of the first character
    gap: float  # extra space between the two, in ems, justification taken off

    @property
    def text(self) -> str:
        return self.line.text[self.index : self.index + 2]


class Advances:
    """Nominal advances of a face, in ems."""

    def __init__(self, family: str = "Noto Serif CJK SC") -> None:
        found = find_font(family)
        face = hb.Face(hb.Blob.from_file_path(str(found.path)), found.index)
        self.font, self.upem, self.cache = hb.Font(face), face.upem, dict[str, float]()

    def __call__(self, ch: str) -> float:
        if ch not in self.cache:
            buf = hb.Buffer()
            buf.add_str(ch)
            buf.guess_segment_properties()
            hb.shape(self.font, buf, {})
            self.cache[ch] = sum(p.x_advance for p in buf.glyph_positions) / self.upem
        return self.cache[ch]


def han_latin_transitions(
    lines: Sequence[Line], advances: Advances | None = None
) -> Iterator[Transition]:
    """A Han character next to a Latin letter or digit (either order) on the same line."""
    advances = advances or Advances()
    for line in lines:
        glyphs = line.glyphs
        for i in range(len(glyphs) - 1):
            a, b = glyphs[i].char, glyphs[i + 1].char
            if (HAN.match(a) and LATIN_OR_DIGIT.match(b)) or (
                LATIN_OR_DIGIT.match(a) and HAN.match(b)
            ):
                raw = (glyphs[i + 1].x - glyphs[i].x) / line.size - advances(a)
                yield Transition(line, i, raw - line.stretched(i, i + 1))


def justified(lines: Sequence[Line], tolerance: float = 1.0) -> tuple[list[Line], list[Line]]:
    """(flush, short) among the non-final lines of paragraphs.

    A line is non-final when the next body line continues its paragraph: it follows at the
    body leading on the same page (or opens the next page) and starts at the text block's left
    edge, not indented. Flush: it ends within `tolerance` points of the block's right edge (the
    most common right end on its page).
    """
    edges: dict[int, float] = {}
    for page in {line.page for line in lines}:
        ends = [round(line.right) for line in lines if line.page == page]
        edges[page] = statistics.mode(ends)
    lefts = {page: min(line.left for line in lines if line.page == page) for page in edges}
    flush: list[Line] = []
    short: list[Line] = []
    for line, after in itertools.pairwise(lines):
        same_page = after.page == line.page
        leading = after.y - line.y
        follows = (same_page and abs(leading - line.size * 1.75) < 1.0) or (
            after.page == line.page + 1
        )
        continues = follows and abs(after.left - lefts[after.page]) < 1.0
        if not continues or len(line.glyphs) <= 10:
            continue
        (flush if abs(edges[line.page] - line.right) <= tolerance else short).append(line)
    return flush, short


def summary(pdf: Path, pages: range | None = None) -> str:
    lines = body_lines(pdf, pages=pages)
    pairs = list(punctuation_pairs(lines))
    compressed = [p for p in pairs if p.advance <= 1.52]
    moves = list(han_latin_transitions(lines))
    spaced = [t for t in moves if t.gap >= 0.1]
    starts = [line for line in lines if line.text[:1].isspace()]
    flush, short = justified(lines)
    mean = statistics.fmean(t.gap for t in moves) if moves else 0.0
    return (
        f"{pdf.name}: {len(lines)} body lines; punctuation pairs compressed "
        f"{len(compressed)}/{len(pairs)}; Han–Latin/digit transitions spaced "
        f"{len(spaced)}/{len(moves)} (mean gap {mean:.3f} em); "
        f"lines starting with a space: {len(starts)}; non-final lines flush "
        f"{len(flush)}/{len(flush) + len(short)}"
    )


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(summary(Path(name)))
