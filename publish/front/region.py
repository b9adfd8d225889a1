"""Where the front matter is: the contents/masthead block, cover lines, a masthead printed last.

The block is found from its anchor — the contents heading (`目录`, `CONTENTS`, `目次` …), or
the first run of lines carrying page numbers — and grows over the lines that belong to a
contents or masthead page: entries and their wrapped parts, column names, masthead fields and
their wrapped values, notices, the magazine's name and issue line. It stops where the body
starts: at running prose, or at a title the contents listed, printed again over its article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

import regex

from publish.front.lines import CONTENTS_HEADING, read_line
from publish.front.lineshape import SENTENCE, SHORT, Shape, shapes_of
from publish.front.masthead import (
    is_issue_line,
    is_label_alone,
    is_masthead_like,
    is_notice,
    is_phrase_line,
)
from publish.lines import Line, LineKind
from publish.text.chars import ends_sentence, fold_loose
from publish.text.names import is_author_field
from publish.text.shapes import DECORATED_FOLIO, looks_like_heading

_WINDOW: Final = 8  # text lines after a candidate anchor that must hold entries
_MIN_ENTRIES: Final = 2
_NEAR_START: Final = 0.6  # the contents is printed in the front part of an issue
_TEASER_REACH: Final = 6  # lines after a sentence in which more entries show it is a teaser
_TEASER_MAX: Final = 80  # a teaser is a sentence or two
_COVER_LINES: Final = 6
_MASTHEAD_RUN: Final = 3  # masthead fields in a row: the masthead is printed here
_MIN_UNPAGED: Final = 4  # lines above it that can hold an unpaged contents
_UNPAGED_LINE_MAX: Final = 60  # name, Latin name, motto, issue line … printed over the contents
_VALUE_MAX: Final = 24  # a masthead value wrapped onto a line of its own
_TRAILING_MIN: Final = 3  # masthead fields at the very end: the colophon printed last
_TITLE_LINES: Final = 2  # a contents title printed over this many lines, at most, above its page
_TITLE_MAX: Final = 40
_TAIL_LINES: Final = 3  # lines after the last entry that may still belong to it
_PENDING_MAX: Final = 12  # unnumbered lines in a row: the body has begun
_UNPAGED_MAX: Final = 60  # … unless the contents prints no page numbers at all
_NAME_LINE: Final = regex.compile(r"^[\p{Han}·](?:\s?[\p{Han}·]){1,11}$")
_LATIN_LINE: Final = regex.compile(r"^[A-Z][A-Z\s·.&-]{3,40}$")


def _text_at(lines: Sequence[Line]) -> list[int]:
    return [i for i, x in enumerate(lines) if x.kind is LineKind.TEXT]


def _anchor(lines: Sequence[Line], shapes: dict[int, Shape], order: list[int]) -> int | None:
    """The contents heading, or the first line of a run that holds page-numbered entries."""
    limit = max(_WINDOW * 3, int(len(order) * _NEAR_START))
    for n, index in enumerate(order[:limit]):
        here = shapes[index]
        if here.marker and not here.paged and _is_heading(lines[index].text):
            return index
        if here.prose or not (here.paged or here.section):
            continue
        window = order[n + 1 : n + 1 + _WINDOW]
        if not here.paged and window and shapes[window[0]].prose:
            continue  # `【解读】` over a paragraph: a label in the text, not a column of entries
        paged = sum(shapes[k].paged for k in window) + here.paged
        sections = any(shapes[k].section for k in window) or here.section
        if paged >= (_MIN_ENTRIES if sections else _MIN_ENTRIES + 1):
            return index
        if here.section and _unpaged_columns(shapes, window):
            return index
    return None


def _unpaged_columns(shapes: dict[int, Shape], window: list[int]) -> bool:
    """`■ 学习园地` ⏎ titles ⏎ `■ 言论` ⏎ …: marked columns with short lines between them and
    no running text — a contents that prints no page numbers."""
    marked = 1 + sum(shapes[k].section for k in window)
    return marked >= _MIN_ENTRIES and not any(shapes[k].prose for k in window)


def _is_heading(text: str) -> bool:
    return CONTENTS_HEADING.search(text) is not None


def _cover_like(line: Line, shp: Shape) -> bool:
    """The magazine's name (possibly letter-spaced), its Latin name, a motto, the issue line."""
    text = line.text
    return (
        shp.masthead
        or is_issue_line(text)
        or _NAME_LINE.match(text) is not None
        or _LATIN_LINE.match(text) is not None
        or (is_phrase_line(text) and len(text) <= 24)
    )


def _extend_back(lines: Sequence[Line], shapes: dict[int, Shape], order: list[int], at: int) -> int:
    """Take in what is printed above the contents: cover lines and a masthead printed first."""
    position = order.index(at)
    start = at
    # `...... 张三 1` prints no title: the first entry's title is on the line(s) above it.
    untitled = shapes[at].paged and not shapes[at].title
    for k in range(position - 1, -1, -1):
        index = order[k]
        here = shapes[index]
        if here.prose and not is_notice(lines[index].text):
            break  # running text above (a masthead's notice is no running text)
        if untitled and position - k <= _TITLE_LINES and len(lines[index].text) <= _TITLE_MAX:
            start = index
            continue
        neighbours = [shapes[order[m]] for m in (k - 1, k + 1) if 0 <= m < len(order)]
        value = len(lines[index].text) <= _VALUE_MAX and any(s.masthead for s in neighbours)
        near = position - k <= _COVER_LINES or k < _COVER_LINES  # by the anchor, or on top
        cover = near and _cover_like(lines[index], here)
        # `【要闻】标题` over `副题 / 作者 6`: an entry's first line, its page on the next.
        below = shapes[order[k + 1]]
        entry = bool(here.columns) and below.paged and len(lines[index].text) <= _TITLE_MAX
        if here.strong or value or cover or entry:
            start = index
            continue
        break
    return start


def _key(text: str) -> str:
    return fold_loose(text)


def _repeats(text: str, titles: list[str]) -> bool:
    """A line that prints a listed title again (or its first or last part): the body."""
    key = _key(text)
    if len(key) < 4:
        return False
    return any(
        key == t or (len(t) >= 6 and (t.startswith(key) or key.startswith(t))) for t in titles
    )


@dataclass
class _Walk:
    """The forward walk over the block: what it has read so far."""

    lines: Sequence[Line]
    shapes: dict[int, Shape]
    order: list[int]
    end: int  # the last line certainly in the block
    titles: list[str] = field(default_factory=list)  # the listed titles, as keys
    sections: set[str] = field(default_factory=set)  # the listed columns, as keys
    pending: list[int] = field(default_factory=list)  # after `end`, kept only if it goes on
    paged: int = 0  # entries with a page number
    closed: bool = False  # the last certain line is a masthead field: the front matter ends
    listed: bool = False  # entries or columns have been read
    prior: int | None = None  # the text line before

    @property
    def unpaged(self) -> bool:
        return self.paged < _MIN_ENTRIES

    def prose_begins(self, index: int) -> bool:
        """Running prose; a sentence with entries after it is a teaser, and a teaser-shaped
        one is kept pending (the body may begin after it: `_entry_tail`)."""
        here, text = self.shapes[index], self.lines[index].text
        if (
            not here.prose
            or is_notice(text)
            or _entries_follow(self.lines, self.shapes, self.order, index)
            or (self.unpaged and _unpaged_teaser(self.lines, self.shapes, self.order, index))
            or (_teaser_shaped(text) and _masthead_follows(self.shapes, self.order, index))
        ):
            return False
        if _teaser_shaped(text):
            self.pending.append(index)
        return True

    def printed_again(self, index: int) -> bool:
        """The body prints a listed title or column (and no entries go on after it)."""
        here, text = self.shapes[index], self.lines[index].text
        again = _repeats(text, self.titles) or (_key(text) in self.sections and not here.strong)
        return again and not _entries_follow(self.lines, self.shapes, self.order, index)

    def take(self, index: int) -> bool:
        """Read one line into the block; False when too many uncertain lines have gone by."""
        here, text = self.shapes[index], self.lines[index].text
        prior, self.prior = self.prior, index
        value = prior is not None and is_label_alone(self.lines[prior].text)
        value = value and len(text) <= _VALUE_MAX
        if here.strong or value:
            # A masthead after the entries closes the front matter (not one printed first).
            self.closed = (here.masthead or value) and (self.listed or bool(self.pending))
            self.listed = self.listed or here.section or bool(self.pending and not self.closed)
            self.end, self.pending = index, []
            self.paged += here.paged
        else:
            self.pending.append(index)
            if len(self.pending) > (_UNPAGED_MAX if self.unpaged else _PENDING_MAX):
                return False
        if here.section:
            self.sections.add(_key(text.strip("■□◆●【】〔〕 ")))
        self.sections.update(_key(name) for name in here.columns)
        if _lists_title(self.lines, self.shapes, self.order, index, unpaged=self.unpaged):
            self.titles.append(_key(here.title))
        return True

    def starts_body(self, index: int) -> bool:
        """The line after this one prints a listed title or column: the body begins."""
        position = self.order.index(index)
        if position + 1 >= len(self.order):
            return False
        following = self.lines[self.order[position + 1]].text
        return _repeats(following, self.titles) or _key(following) in self.sections


def _extend_forward(
    lines: Sequence[Line], shapes: dict[int, Shape], order: list[int], at: int, stop: int
) -> int:
    """The last line of the block: past entries, column names, masthead fields and notices,
    up to the first running prose or the first listed title printed again."""
    walk = _Walk(lines, shapes, order, end=at)
    for index in order[order.index(at) :]:
        if index >= stop or walk.prose_begins(index):
            break
        if (index > at and walk.printed_again(index)) or not walk.take(index):
            break
    if walk.unpaged:
        # No page numbers: every line may be an entry — up to a masthead printed after them.
        return walk.end if walk.closed or not walk.pending else walk.pending[-1]
    return _entry_tail(lines, shapes, walk.end, walk.pending, walk.starts_body)


def _lists_title(
    lines: Sequence[Line], shapes: dict[int, Shape], order: list[int], index: int, *, unpaged: bool
) -> bool:
    """The line lists a title the body will print again: an entry with its page, or in a
    contents without page numbers a plain line that is not the magazine's name or masthead."""
    here = shapes[index]
    if len(_key(here.title)) < 4 or here.section or here.masthead:
        return False
    if here.paged:
        return True
    position = order.index(index)
    if position and shapes[order[position - 1]].masthead:
        return False  # the value of a masthead field printed under its label
    following = order[position + 1] if position + 1 < len(order) else None
    name = following is not None and is_issue_line(lines[following].text)
    return unpaged and not name


def _entries_follow(
    lines: Sequence[Line], shapes: dict[int, Shape], order: list[int], index: int
) -> bool:
    """Contents entries go on right after this line (it is a teaser under an entry), or an
    entry and then column names or the masthead."""
    position = order.index(index)
    reach = order[position + 1 : position + 1 + _TEASER_REACH]
    following = [shapes[k] for k in reach]
    # A folio printed in the body (`第2页`, `— 2 —`) is a page number, but no entry.
    paged = sum(shapes[k].paged and not DECORATED_FOLIO.match(lines[k].text) for k in reach)
    framed = sum(s.section or s.masthead for s in following)  # columns, the masthead after it
    return paged >= _MIN_ENTRIES or (paged >= 1 and framed >= 1)


def _masthead_follows(shapes: dict[int, Shape], order: list[int], index: int) -> bool:
    """The masthead is printed right after this line (a teaser under the last entry, then the
    masthead's fields, labels above their values or beside them): the front matter goes on."""
    position = order.index(index)
    following = [shapes[k] for k in order[position + 1 : position + 1 + _TEASER_REACH]]
    return sum(s.masthead for s in following) >= _MASTHEAD_RUN and not any(
        s.prose for s in following
    )


def _teaser_shaped(text: str) -> bool:
    """A sentence or two: what a contents prints under an entry."""
    return len(text) <= _TEASER_MAX and text.count("。") <= 1 and ends_sentence(text)


def _unpaged_teaser(
    lines: Sequence[Line], shapes: dict[int, Shape], order: list[int], index: int
) -> bool:
    """In a contents without page numbers: one short sentence with short lines (entries,
    column names) after it, not paragraphs — a teaser, where the body would go on in prose."""
    if not _teaser_shaped(lines[index].text):
        return False
    position = order.index(index)
    following = [shapes[k] for k in order[position + 1 : position + 1 + _TEASER_REACH]]
    short = sum(1 for s in following if not s.prose and len(s.title) <= SHORT)
    return short >= _MIN_ENTRIES + 1 and sum(s.prose for s in following) <= 1


def _entry_tail(
    lines: Sequence[Line],
    shapes: dict[int, Shape],
    end: int,
    pending: list[int],
    starts_body: Callable[[int], bool],
) -> int:
    """After the last numbered entry: its author on the next line, the rest of its title
    when the page number stood first, its subtitle (`——…`) or teaser; anything else is the
    body's."""
    for n, index in enumerate(pending[:_TAIL_LINES]):
        text = lines[index].text
        continues = (
            n == 0
            and shapes[end].paged
            and _page_first(lines[end])
            and looks_like_heading(_without_author(text))
        )
        teaser = _teaser_shaped(text) and starts_body(index)
        extra = text.startswith(("——", "—")) or teaser
        if not (is_author_field(text) or continues or extra):
            break
        end = index
    return end


def _without_author(text: str) -> str:
    """`产力本身就是绿色生产力？ 胡兰德` → the title's part: an author after it aside."""
    head, _, last = text.rpartition(" ")
    return head if head and is_author_field(last) else text


def _page_first(line: Line) -> bool:
    return any(r.page_first for r in read_line(line.text, line.first, cells=line.cells))


def front_block(lines: Sequence[Line], stop: int | None = None) -> tuple[int, int] | None:
    """Index range [start, end] of the contents/masthead block, or None when there is none;
    `stop`: where a masthead printed at the end begins (the block never reaches into it)."""
    order = _text_at(lines)
    shapes = shapes_of(lines)
    anchor = _anchor(lines, shapes, order)
    if anchor is None:
        return _unpaged_front(lines, shapes, order, stop)
    start = _extend_back(lines, shapes, order, anchor)
    end = _extend_forward(lines, shapes, order, anchor, stop if stop is not None else len(lines))
    return start, end


def _unpaged_front(
    lines: Sequence[Line], shapes: dict[int, Shape], order: list[int], stop: int | None
) -> tuple[int, int] | None:
    """A contents without page numbers, heading or marked columns: the short lines from the
    cover down to a masthead printed under them, when no running text comes between."""
    masthead = next(
        (
            n
            for n, index in enumerate(order[: _WINDOW * 3])
            if sum(shapes[k].masthead for k in order[n : n + _MASTHEAD_RUN]) == _MASTHEAD_RUN
        ),
        None,
    )
    if masthead is None or masthead < _MIN_UNPAGED:
        return None
    above = order[:masthead]
    if any(shapes[k].prose or len(lines[k].text) > _UNPAGED_LINE_MAX for k in above):
        return None  # an editorial or an article is printed above the masthead
    # The contents is above the masthead: the block ends with the masthead's last field.
    end = order[masthead]
    for index in order[masthead:]:
        if stop is not None and index >= stop:
            break
        if not shapes[index].masthead:
            break
        end = index
    return order[0], end


def trailing_masthead(lines: Sequence[Line], after: int) -> int | None:
    """Where a masthead printed at the end of the issue starts (only masthead lines, notices
    and short wrapped values after it), if there is one past index `after`."""
    start, fields = None, 0
    for index in range(len(lines) - 1, after, -1):
        line = lines[index]
        if line.kind is not LineKind.TEXT:
            continue
        text = line.text
        if is_masthead_like(text):
            start = index
            fields += not is_notice(text)
        elif len(text) > _VALUE_MAX or SENTENCE.search(text):
            break  # running text: the masthead, if any, is not the last thing printed
    return start if fields >= _TRAILING_MIN else None


__all__ = ["front_block", "trailing_masthead"]
