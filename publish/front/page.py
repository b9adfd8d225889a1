"""A contents page as read, before any grouping: its items, its rows (one per line, two
where a row holds two columns), what the page does throughout, and how well the body prints
a title (the index the body hands over, `TitleIndex`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from publish.front.lines import ContentsLine, read_line
from publish.lines import Line, Tag
from publish.text.shapes import starts_continuation

_PAIRED_ROWS = 2  # rows holding two columns before the page is read as two columns


class TitleIndex(Protocol):
    """How well a text matches a title the body prints (0–1); whether the body prints it as
    a kicker right over another title (a column name)."""

    def score(self, text: str) -> float: ...

    def runs(self, text: str) -> tuple[tuple[int, int], ...]: ...

    def printed_over(self, upper: str, lower: str) -> bool: ...

    def credits(self, name: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class ContentsItem:
    title: str
    section: str | None
    author: str | None
    page: int | None
    lines: tuple[int, ...]
    author_guessed: bool = False  # split off a title line by the name heuristics
    topic: bool = False  # an unnumbered heading inside a section (a topic or column)
    subtitle: str | None = None

    @property
    def line(self) -> int:
        return self.lines[0]


def merge(first: ContentsItem, second: ContentsItem) -> ContentsItem:
    """Two contents items that the body shows to be one wrapped title."""
    return replace(
        first,
        title=f"{first.title} {second.title}",
        author=first.author or second.author,
        lines=first.lines + second.lines,
    )


def unsplit(item: ContentsItem) -> ContentsItem:
    """Undo a guessed title/author split: the "author" was the end of the title."""
    return replace(item, title=f"{item.title} {item.author}", author=None, author_guessed=False)


# --- reading lines ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    read: ContentsLine
    blank_before: int


def read_rows(lines: Sequence[Line]) -> list[Row]:
    """The lines as they are read; two columns printed row by row are read column by
    column (every left cell, then every right cell), so entries follow their sections."""
    rows = _cells(lines)
    paired = sum(1 for r in rows if r.read.column == 2)
    if paired < _PAIRED_ROWS:
        return rows
    rows = _cells(lines, two_columns=True)
    left = [r for r in rows if r.read.column != 2]
    right = [replace(r, blank_before=0) for r in rows if r.read.column == 2]
    return left + right


def _glued(lines: Sequence[Line]) -> list[Line]:
    """`20/较真“账号”与“帐号` ⏎ `”，有积极意义`: a line that opens with a closing or pause mark
    cannot start anything; it goes on with the line above it."""
    out: list[Line] = []
    for line in lines:
        if out and starts_continuation(line.text) and not line.text.startswith("…"):
            out[-1] = out[-1].with_text(out[-1].text + line.text)
        else:
            out.append(line)
    return out


def _cells(lines: Sequence[Line], two_columns: bool = False) -> list[Row]:
    rows = []
    for line in _glued(lines):
        for n, read in enumerate(
            read_line(
                line.text,
                line.first,
                bullet=line.has(Tag.BULLET),
                leader=line.has(Tag.LEADER) and not line.has(Tag.INLINE_LEADER),
                cells=line.cells,
                two_columns=two_columns,
            )
        ):
            rows.append(Row(read, line.blank_before if n == 0 else 0))
    return rows


# --- scoring -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """What the whole contents page is like."""

    paged: bool  # it prints page numbers
    blank_everywhere: bool  # blank lines between (nearly) all of its lines
    titles: TitleIndex | None
    bar_sections: bool  # `栏目｜标题` throughout
    marked_sections: bool  # columns are marked (■, 【】): a bare line is not one
    authors_under: bool  # a list of names printed under an entry's page: authors go there


def title_match(page: Page, text: str) -> float:
    """0–1, steep: a near-exact match counts, a partial one (a title's first line, a title
    with the next entry's first line run on) hardly at all."""
    if page.titles is None or not text:
        return 0.0
    return max(0.0, (page.titles.score(text) - 0.75) / 0.25) ** 2


__all__ = [
    "ContentsItem",
    "Page",
    "Row",
    "TitleIndex",
    "merge",
    "read_rows",
    "title_match",
    "unsplit",
]
