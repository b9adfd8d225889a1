"""The body's title index: candidate title runs, the kickers printed over them, and the
lines that credit authors — what the contents reader checks its entries against."""

from __future__ import annotations

from collections import Counter

from publish.lines import Line, LineKind
from publish.structure.match import TitleIndex, key
from publish.structure.segment import (
    heading_runs,
    is_heading_line,
)
from publish.text.names import dateline_credit, end_credit, is_author_field
from publish.text.shapes import (
    could_be_title,
    is_author_note,
    is_byline,
    is_source_note,
)


def body_titles(body: list[Line]) -> TitleIndex:
    """The body's candidate titles (runs of heading lines) and the kickers printed over them."""
    loose = {
        i for i, line in enumerate(body) if line.kind is LineKind.TEXT and could_be_title(line.text)
    }
    runs = [(i, j) for i, j in heading_runs(body, loose) if title_start(body[i])]
    titles = [(" ".join(body[k].text for k in range(i, j + 1)), (i, j)) for i, j in runs]
    stacked = [
        (body[i].text, body[i + 1].text)
        for i, j in runs
        if i == j
        and len(body[i].text) <= 12
        and i + 1 < len(body)
        and _title_below(body[i + 1], i + 1 in loose, _next_heading(body, i + 2))
    ]
    credits = [
        line.text
        for i, line in enumerate(body)
        if len(line.text) <= 80 and _credit_line(line.text) and not _over_a_title(body, i)
    ]
    credits.extend(c for line in body if (c := dateline_credit(line.text)))
    return TitleIndex(titles, stacked, credits)


def _over_a_title(body: list[Line], i: int) -> bool:
    """A short line printed right over a title is its kicker (`组工视点·学校`), not a credit."""
    text = body[i].text
    if is_byline(text) or is_source_note(text) or is_author_note(text):
        return False  # a byline, or a note closing the article before the next title
    nxt = body[i + 1] if i + 1 < len(body) else None
    return nxt is not None and _title_below(nxt)


def _credit_line(text: str) -> bool:
    """Where the body names an article's author: bylines, notes and credits."""
    return (
        is_byline(text)
        or is_author_field(text)
        or is_source_note(text)
        or is_author_note(text)
        or end_credit(text) is not None
    )


def title_start(line: Line) -> bool:
    """A title may start here: not a byline, an author, a deck or a label."""
    text = line.text
    return not (
        is_byline(text)
        or is_author_field(text)
        or is_source_note(text)
        or is_author_note(text)
        or text.startswith(("——", "—", "（", "("))
    )


def _next_heading(body: list[Line], i: int) -> Line | None:
    return body[i] if i < len(body) and is_heading_line(body[i]) else None


def _title_below(line: Line, loose: bool = False, rest: Line | None = None) -> bool:
    """A title starts on this line (`rest`: the heading after it, which may go on with it:
    `学习讲深度` ⏎ `服务彰显“三心”`)."""
    text = line.text
    return (
        (loose or is_heading_line(line))
        and len(text) + (len(rest.text) if rest is not None else 0) >= _TITLE_BELOW_MIN
        and not is_byline(text)
        and not text.startswith(("——", "—"))
        and not is_author_field(text)
    )


_TITLE_BELOW_MIN = 6


_KICKER_MAX = 8


_KICKER_REPEATS = 2


def printed_kickers(body: list[Line]) -> frozenset[str]:
    """Column names the body prints over several titles (`他山之石` over each article of
    the column): short lines printed again and again, each right above a heading."""
    counts: Counter[str] = Counter(
        key(body[i].text)
        for i in range(len(body) - 1)
        if len(body[i].text) <= _KICKER_MAX
        and is_heading_line(body[i])
        and is_heading_line(body[i + 1])
        and not is_byline(body[i].text)
        and not is_author_field(body[i].text)
    )
    return frozenset(k for k, n in counts.items() if n >= _KICKER_REPEATS and len(k) >= 2)


__all__ = ["body_titles", "printed_kickers", "title_start"]
