"""The regions of an issue's lines: the cover editorial (before the contents), the front
matter (tagged by the normaliser's fence), the body, web metadata lines; and what of the front
matter is the contents, and what is kept as front-matter notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from publish.front.lines import CONTENTS_HEADING
from publish.front.masthead import is_masthead_like, is_slogan
from publish.lines import Line, LineKind, Tag
from publish.model import Block, BlockType, Diagnostic, IssueMeta, Level, Span
from publish.structure.metadata import Masthead

# Notices and credits on the contents page: `声明`, `本刊……。`, `封面：……`.
_NOTICE = regex.compile(r"^(?:声明|欢迎来稿|内部资料|封面)|^本刊.{16,}")


@dataclass(frozen=True, slots=True)
class Regions:
    cover: list[Line]
    front: list[Line]
    body: list[Line]
    meta: list[Line]


def split_regions(lines: Sequence[Line]) -> Regions:
    """Cover editorial (before the contents), front matter (tagged), body (after it)."""
    # A masthead printed at the end joins the front matter (it is read, never printed as text).
    colophon = [x for x in lines if x.kind is LineKind.TEXT and x.has(Tag.MASTHEAD)]
    text = [x for x in lines if x.kind is LineKind.TEXT and not x.has(Tag.MASTHEAD)]
    meta = [x for x in lines if x.kind is LineKind.META]
    front_at = [i for i, x in enumerate(text) if x.has(Tag.FRONT)]
    if not front_at:
        return Regions([], colophon, text, meta)
    first, last = front_at[0], front_at[-1]
    return Regions(text[:first], text[first : last + 1] + colophon, text[last + 1 :], meta)


def contents_lines(front: list[Line], masthead: Masthead, meta: IssueMeta) -> list[Line]:
    """Front lines that are not masthead, notices, markers or the issue line."""
    out = []
    for line in front:
        text = line.text
        if line.has(Tag.BULLET):
            out.append(line)
            continue
        if line.first in masthead.consumed or _NOTICE.match(text):
            continue
        if CONTENTS_HEADING.search(text) and len(text) <= 16:
            continue
        if is_masthead_like(text) and not regex.search(r"^\d{1,3}\s|\s\d{1,3}$", text):
            continue
        if meta.title and text.replace(" ", "") == meta.title:
            continue
        out.append(line)
    return out


def front_matter_blocks(front: list[Line], diagnostics: list[Diagnostic]) -> list[Block]:
    """The front matter kept as notes (no text is lost); slogans are left out, and said."""
    blocks = []
    for line in front:
        if is_slogan(line.text) and not line.has(Tag.BULLET):
            message = f"slogan on the contents page dropped: {line.text}"
            diagnostics.append(Diagnostic("S110", Level.INFO, line.first, message))
            continue
        blocks.append(Block(BlockType.NOTE, line.text, Span.of(line.origin)))
    return blocks
