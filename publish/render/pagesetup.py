"""Print page geometry: paper size, a type area that is a whole number of characters wide,
bleed and crop marks, pdf variant. Turned into a small stylesheet after `styles/pdf.css`.
The `[pdf]` section also carries the edition's typesetting style (publish.render.typesetting).

Why whole characters: WeasyPrint justifies only at spaces, so a measure of exactly N ems is what
makes lines of full-width characters end flush with both margins.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Final

from publish.errors import ConfigError
from publish.render.typesetting import Typesetting

PAPER: Final[dict[str, tuple[float, float]]] = {
    "A4": (210, 297),
    "A5": (148, 210),
    "B5": (176, 250),  # ISO B5
    "16K": (185, 260),  # the usual Chinese magazine size (大16开)
}
BODY_PT: Final = 10.5
MM_PER_PT: Final = 25.4 / 72
MIN_SIDE_MM: Final = 17.0  # narrowest side margin, room for the running head's folio
PDF_VARIANTS: Final = ("pdf/a-3b", "pdf/ua-1")
_CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*mm\s+(\d+(?:\.\d+)?)\s*mm\s*$")


@dataclass(frozen=True, slots=True)
class PageSetup:
    size: str = "A5"  # a PAPER name, or "WIDTHmm HEIGHTmm"
    print_marks: bool = False  # 3 mm bleed and crop marks, for a print shop
    recto_starts: bool = False  # every article opens on a right-hand page
    pdf_variant: str | None = None  # "pdf/a-3b" or "pdf/ua-1"
    typesetting: Typesetting = field(default_factory=Typesetting)  # punctuation, spacing

    def paper_mm(self) -> tuple[float, float]:
        return paper_size(self.size)

    def measure_chars(self) -> int:
        width, _ = self.paper_mm()
        return math.floor((width - 2 * MIN_SIDE_MM) / (BODY_PT * MM_PER_PT))


def paper_size(size: str) -> tuple[float, float]:
    if size.upper() in PAPER:
        return PAPER[size.upper()]
    if m := _CUSTOM.match(size):
        width, height = float(m.group(1)), float(m.group(2))
        if 90 <= width <= 420 and 120 <= height <= 600:  # sane paper
            return width, height
    raise ConfigError(
        f"unknown page size “{size}”",
        hint=f"use {', '.join(PAPER)} or “WIDTHmm HEIGHTmm” (90–420 × 120–600 mm)",
    )


def validate_variant(variant: str) -> str:
    if variant not in PDF_VARIANTS:
        raise ConfigError(
            f"unknown pdf_variant “{variant}”", hint=f"choose from: {', '.join(PDF_VARIANTS)}"
        )
    return variant


def stylesheet(setup: PageSetup) -> str:
    """CSS that overrides pdf.css's A5 geometry (empty for the default A5 edition)."""
    rules: list[str] = []
    width, height = setup.paper_mm()
    if (width, height) != PAPER["A5"]:
        chars = setup.measure_chars()
        side = f"calc({width / 2:g}mm - {chars / 2:g} * {BODY_PT}pt"
        inner, outer = f"{side} + 1mm)", f"{side} - 1mm)"
        rules.append(f"@page {{ size: {width:g}mm {height:g}mm; }}")
        rules.append(f"@page {{ margin-left: {inner}; margin-right: {outer}; }}")
        rules.append(f"@page :left {{ margin-left: {outer}; margin-right: {inner}; }}")
    if setup.print_marks:
        rules.append("@page { bleed: 3mm; marks: crop cross; }")
    if setup.recto_starts:
        rules.append(".section-head, article.article { break-before: right; }")
        rules.append(".section-head + article.article { break-before: auto; }")
    return "\n".join(rules)
