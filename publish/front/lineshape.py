"""How one text line looks to the front-matter fence: an entry with its page, a column name,
the contents heading, a masthead field, running prose (see region.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import regex

from publish.front.lines import Kind, read_line
from publish.front.masthead import is_masthead_like
from publish.lines import Line, Tag
from publish.text.shapes import is_reference

SHORT: Final = 40  # a line this long with clauses is a sentence
SENTENCE: Final = regex.compile(r"[。！？；]|[，,].*[，,]")


@dataclass(frozen=True, slots=True)
class Shape:
    """What one text line looks like, for fencing off the front matter."""

    paged: bool  # a contents entry with its page number, or leaders and a page
    section: bool  # a marked column name
    marker: bool  # the contents heading, a folio
    masthead: bool  # a field, an issue line or a notice
    prose: bool  # running text
    title: str  # the title part of an entry line ("" when none)
    columns: tuple[str, ...] = ()  # column names it prints (`■ 卷首`, `【要闻】标题 3`)

    @property
    def strong(self) -> bool:
        return self.paged or self.section or self.marker or self.masthead


def shape(line: Line) -> Shape:
    text = line.text
    reads = read_line(text, line.first, bullet=line.has(Tag.BULLET), cells=line.cells)
    kinds = {r.kind for r in reads}
    long_sentence = len(text) >= SHORT and SENTENCE.search(text) is not None
    reference = is_reference(text)  # `[1] 张三.组织力研究[M].…`: numbered, but no entry
    paged = (
        bool(kinds & {Kind.ENTRY, Kind.PAGE})
        and not long_sentence
        and not reference
        and len(text) <= 90
    )
    masthead = is_masthead_like(text)
    return Shape(
        paged=paged,
        section=Kind.SECTION in kinds and len(text) <= 24,
        marker=Kind.MARKER in kinds and len(text) <= 24,
        masthead=masthead,
        prose=(long_sentence or reference) and not masthead,
        title=" ".join(r.text for r in reads if r.kind in (Kind.ENTRY, Kind.TEXT)),
        columns=tuple(
            name
            for r in reads
            for name in (r.text if r.kind is Kind.SECTION else None, r.prefix, r.bar_prefix)
            if name
        ),
    )


class _Shapes(dict[int, Shape]):
    """Each line's shape, read when first asked for: the fence looks at the front of an
    issue, rarely at its body."""

    def __init__(self, lines: Sequence[Line]) -> None:
        super().__init__()
        self._lines = lines

    def __missing__(self, index: int) -> Shape:
        found = self[index] = shape(self._lines[index])
        return found


def shapes_of(lines: Sequence[Line]) -> dict[int, Shape]:
    """The shapes of the lines, by index, each read on demand."""
    return _Shapes(lines)
