"""Article starts the contents does not give: found from cues in the body.

`CUES` is the ordered tuple of detectors; each looks at one heading line and says whether an
article starts there (and which lines hold its title). The first detector that fires wins:

* `editor-note` — `编者按` opening a section;
* `label` — a column label `·时评·` (the title may follow it);
* `byline` — a title (on one to three lines) over a byline (`文 / 张三`, `本刊记者 张三`, or
  bare names under a title long enough to be one), a subtitle between them or not;
* `dateline` — a title over a paragraph that opens with a news dateline (`本报讯（记者 张三）`);
* `kicker` — a short column name after a hole or an end mark, in a digest of short items;
* `news-item` — a headline over a dated news lede inside such a digest;
* `after-end` — without a contents page: a heading right after an article's end.

A line printed right under a listed title, or a column name the contents lists, never starts
an article here: those belong to the article below or above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from publish.lines import Line, Tag
from publish.structure.match import key
from publish.structure.segment import (
    MAX_TITLE_LINES,
    Start,
    breaks_title,
    ends_article,
    is_heading_line,
)
from publish.text.names import DATELINE, is_affiliated_name, is_author_field, is_person_name
from publish.text.shapes import is_byline

_KICKER = regex.compile(r"^\p{Han}{2,4}$")
_LABEL = regex.compile(r"^[·•](\p{Han}{1,8})[·•]$")
_NEWS_LEDE = regex.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日|^(?:近日|日前|近期|今年以来)[，,]")
_EDITOR_LABEL = regex.compile(r"^(?:编者按|编者的话)[：:]?$")
# A unit signing an article names its place first (`松江市税务局党委`, `中共某某县委`); a
# subheading's second line that ends like a unit (`赋能建强……综合党委`) does not.
_PLACED_UNIT = regex.compile(r"^(?:中共|共青团|\p{Han}{1,4}[省市区县镇乡州])")
_TITLE_OVER_NAMES = 6  # a heading this long over a line of bare names is a title, not a kicker


@dataclass
class CueContext:
    """The body being read, and what the detectors have found so far."""

    body: list[Line]
    taken: set[int]  # lines of titles the contents gave
    has_contents: bool
    sections: frozenset[str]  # the contents' column names (as keys)
    starts: list[Start] = field(default_factory=list)
    digest: bool = False  # inside a column of short items that each open with a kicker/label

    def line(self, i: int) -> Line | None:
        return self.body[i] if 0 <= i < len(self.body) else None


Cue = Callable[[CueContext, int], Start | None]


def _editor_note(ctx: CueContext, i: int) -> Start | None:
    line, prev = ctx.body[i], ctx.line(i - 1)
    if _EDITOR_LABEL.match(line.text) and (
        prev is None or ends_article(prev) or line.blank_before >= 2
    ):
        return Start(head=i, title=(i, i), cue="editor-note")
    return None


def _label(ctx: CueContext, i: int) -> Start | None:
    if not _LABEL.match(ctx.body[i].text):
        return None
    nxt = ctx.line(i + 1)
    title_at = i + 1 if nxt is not None and _is_title_after_label(nxt) else i
    ctx.digest = True
    return Start(head=i, title=(title_at, title_at), cue="label")


def _under_listed_title(ctx: CueContext, i: int) -> bool:
    """A subtitle or deck right under a title the contents gave, not a new article."""
    return i - 1 in ctx.taken or i - 2 in ctx.taken


def _byline(ctx: CueContext, i: int) -> Start | None:
    at = i + 1
    if (nxt := ctx.line(at)) is not None and nxt.text.startswith(("——", "—")):
        at += 1  # a subtitle between the title and its byline
    nxt = ctx.line(at)
    if nxt is None or _under_listed_title(ctx, i):
        return None
    after = ctx.line(at + 1)
    # `松江市税务局党委` under a title, over the text: a unit signs the article.
    unit = (
        _PLACED_UNIT.match(nxt.text) is not None
        and is_author_field(nxt.text)
        and after is not None
        and not is_heading_line(after)
    )
    # The whole title counts (`让机关党务干部“有为有位”` ⏎ `手上有招` over `黎珊博`).
    first = title_from(ctx.body, i, ctx.taken, ctx.sections)
    title = "".join(key(ctx.body[k].text) for k in range(first, i + 1))
    bare = (
        (bare_byline(nxt) or unit or is_affiliated_name(nxt.text))
        and key(nxt.text) not in ctx.sections  # `文化` is a column, not a Mr Wen
        and len(title) >= _TITLE_OVER_NAMES
    )
    if not (is_byline(nxt.text) or bare):
        return None
    return _title_ending_at(ctx, i, "byline")


def _dateline(ctx: CueContext, i: int) -> Start | None:
    """A headline over a paragraph that opens with a news dateline (`本报讯（记者 张三）`), a
    subtitle between them or not."""
    at = i + 1
    if (sub := ctx.line(at)) is not None and sub.text.startswith(("——", "—")):
        at += 1
    nxt = ctx.line(at)
    if nxt is None or _under_listed_title(ctx, i) or not DATELINE.match(nxt.text):
        return None
    return _title_ending_at(ctx, i, "dateline")


def _title_ending_at(ctx: CueContext, i: int, cue: str) -> Start | None:
    """An article whose title ends at line `i` (over its byline or dateline), unless the line
    is itself a byline or a signature; the title runs up from there, never into the last
    article's title."""
    line = ctx.body[i]
    if is_byline(line.text) or bare_byline(line) or line.text.startswith(("——", "—")):
        return None
    first = title_from(ctx.body, i, ctx.taken, ctx.sections)
    if ctx.starts and first <= ctx.starts[-1].title[1]:
        first = i
    return Start(head=first, title=(first, i), cue=cue)


def _kicker(ctx: CueContext, i: int) -> Start | None:
    line, prev, nxt = ctx.body[i], ctx.line(i - 1), ctx.line(i + 1)
    if nxt is None or _under_listed_title(ctx, i) or i + 1 in ctx.taken:
        return None  # right over a listed title: its kicker (extend_heads takes it)
    if _KICKER.match(line.text) is None or _byline_under_heading(line, prev):
        return None
    hole = line.blank_before >= 2 or (prev is not None and bool(prev.end_mark))
    if not (hole or ctx.digest):
        return None
    title_at = i + 1 if is_heading_line(nxt) else i
    ctx.digest = True
    return Start(head=i, title=(title_at, title_at), cue="kicker")


def _news_item(ctx: CueContext, i: int) -> Start | None:
    nxt = ctx.line(i + 1)
    if _under_listed_title(ctx, i) or not ctx.digest or nxt is None:
        return None
    if _NEWS_LEDE.match(nxt.text) and not is_heading_line(nxt):
        return Start(head=i, title=(i, i), cue="news-item")
    return None


def _after_end(ctx: CueContext, i: int) -> Start | None:
    """A heading right after an article's end (its end mark or closing note): the next
    article, listed or not; without a contents page, also at the very start."""
    prev, nxt = ctx.line(i - 1), ctx.line(i + 1)
    if _under_listed_title(ctx, i) or nxt is None:
        return None
    ended = prev is not None and ends_article(prev)
    if not (ended or (prev is None and not ctx.has_contents)):
        return None
    if not is_heading_line(nxt) or _signs_or_subtitles(nxt):
        return Start(head=i, title=(i, i), cue="after-end")
    if _KICKER.match(ctx.body[i].text.replace("·", "")) is None:
        return None
    # `警钟长鸣` ⏎ `贪欲不可纵` ⏎ `伸手必被捉` ⏎ `——…`: a column name over the title.
    last = i + 1
    while last - i < MAX_TITLE_LINES and (after := ctx.line(last + 1)) is not None:
        if not is_heading_line(after) or _signs_or_subtitles(after) or bare_byline(after):
            break
        last += 1
    following = ctx.line(last + 1)
    if following is None or (is_heading_line(following) and not _signs_or_subtitles(following)):
        return None  # headings all the way: no title over text found
    return Start(head=i, title=(i + 1, last), cue="after-end")


def _signs_or_subtitles(line: Line) -> bool:
    """A byline (`本刊编辑部`, `文 / 张三`) or a subtitle (`——…`) under a title."""
    text = line.text
    return text.startswith(("——", "—")) or is_byline(text) or is_author_field(text)


CUES: tuple[tuple[str, Cue], ...] = (
    ("editor-note", _editor_note),
    ("label", _label),
    ("byline", _byline),
    ("dateline", _dateline),
    ("kicker", _kicker),
    ("news-item", _news_item),
    ("after-end", _after_end),
)


def cue_starts(
    body: list[Line], taken: set[int], has_contents: bool, sections: frozenset[str] = frozenset()
) -> list[Start]:
    """Article starts found from body cues alone; `sections`: the contents' column names
    (printed in the body as kickers, never as titles)."""
    ctx = CueContext(body, taken, has_contents, sections)
    for i, line in enumerate(body):
        if i in taken:
            ctx.digest = False  # a listed article starts: the digest column is over
            continue
        if not is_heading_line(line) or (ctx.starts and i <= ctx.starts[-1].title[1]):
            continue
        if key(line.text) in sections or ends_article(line):
            continue  # a column name over the next title (its kicker), or an article's end
        for _name, detect in CUES:
            start = detect(ctx, i)
            if start is not None:
                ctx.starts.append(start)
                break
    return ctx.starts


def title_from(body: list[Line], at: int, taken: set[int], sections: frozenset[str]) -> int:
    """The first line of a title whose last line is `at`: a title printed over two or three
    lines is read whole (`推动基层治理` ⏎ `提质增效的实践路径`), a kicker above it is not."""
    first = at
    for k in range(at - 1, max(-1, at - MAX_TITLE_LINES), -1):
        line = body[k]
        if k in taken or not is_heading_line(line) or breaks_title(line) or ends_article(line):
            break
        if key(line.text) in sections or _LABEL.match(line.text):
            break
        if _KICKER.match(line.text) and len(body[k + 1].text) >= 2 * len(line.text) + 2:
            break  # `时评` over `警惕“断根式”农村环境整治`: a kicker is much shorter
        first = k
    return first


def bare_byline(line: Line) -> bool:
    """`张三`, `张三 李四`: names alone on the line under a title."""
    tokens = line.text.split()
    return 1 <= len(tokens) <= 3 and all(is_person_name(t) for t in tokens)


def _byline_under_heading(line: Line, prev: Line | None) -> bool:
    """`颜林` right under a title is its author, not the next article's kicker (a kicker
    stands above its title)."""
    under = prev is not None and is_heading_line(prev)
    return under and all(is_person_name(token) for token in line.text.split())


def _is_title_after_label(line: Line) -> bool:
    return is_heading_line(line) and not is_byline(line.text) and not line.has(Tag.COLUMN_LABEL)


__all__ = ["CUES", "CueContext", "bare_byline", "cue_starts", "title_from"]
