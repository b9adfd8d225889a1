"""Font files for what we draw or embed ourselves (the EPUB cover, embedded subsets).

WeasyPrint finds fonts through fontconfig on its own; here we ask fontconfig (`fc-match`) for the
file and face index, so that the cover and the PDF use the same faces.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from publish.errors import EnvironmentProblem


@dataclass(frozen=True, slots=True)
class FontFile:
    path: Path
    index: int  # face index inside a .ttc collection
    family: str


@cache
def find_font(family: str, *, bold: bool = False) -> FontFile:
    """The file fontconfig uses for `family`; an error if it would substitute another family."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise EnvironmentProblem(
            "fc-match not found", hint="install fontconfig (make build installs it)"
        )
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    result = subprocess.run(
        [fc_match, "-f", "%{file}\n%{index}\n%{family}", pattern],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    lines = result.stdout.splitlines()
    if result.returncode != 0 or len(lines) < 3 or family not in lines[2].split(","):
        raise EnvironmentProblem(
            f"font “{family}” is not installed",
            hint="install fonts-noto-cjk (make build installs it)",
        )
    return FontFile(Path(lines[0]), int(lines[1] or 0), family)


def subset_font(font: FontFile, text: str) -> bytes:
    """An OpenType font holding only the glyphs `text` needs, with its layout tables.

    HarfBuzz's subsetter does this in ~60 ms for a CJK face (fontTools takes ~9 s); its default
    feature set keeps the vertical alternates, so punctuation still turns in vertical text.
    """
    import uharfbuzz as hb  # noqa: PLC0415 - only when fonts are embedded

    face = hb.Face(hb.Blob.from_file_path(str(font.path)), font.index)
    request = hb.SubsetInput()
    for ch in sorted(set(text)):
        request.unicode_set.add(ord(ch))
    request.flags = hb.SubsetFlags.NO_HINTING
    subset = hb.subset(face, request)
    if subset is None:
        raise EnvironmentProblem(f"cannot subset {font.family}", path=font.path)
    return bytes(subset.blob.data)


EMOJI_FAMILY = "Noto Color Emoji"  # fontconfig's fallback for pictographs (📍 📖)
REPLACEMENT = "〓"  # U+3013 GETA MARK: the typesetter's sign for a character without a glyph


@cache
def coverage(family: str) -> frozenset[int]:
    """Code points the family's regular face maps to a glyph; empty if it is not installed."""
    import uharfbuzz as hb  # noqa: PLC0415

    try:
        font = find_font(family)
    except EnvironmentProblem:
        return frozenset()
    face = hb.Face(hb.Blob.from_file_path(str(font.path)), font.index)
    return frozenset(face.unicodes)


def missing_glyphs(text: str, families: tuple[str, ...]) -> dict[str, int]:
    """Characters no family covers, with their counts (whitespace and controls excluded)."""
    covered = frozenset().union(*(coverage(f) for f in families))
    missing: dict[str, int] = {}
    for ch in text:
        if ord(ch) > 0x7F and not ch.isspace() and ord(ch) not in covered:
            missing[ch] = missing.get(ch, 0) + 1
    return missing
