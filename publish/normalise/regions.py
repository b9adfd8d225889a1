"""The contents page: its region (R001), section bullets (F202), dot leaders (F210).

R001 tags the front matter (printed contents and masthead) so running-text rules leave it.

Contents and masthead lines are lists, not running text: spaces there separate a title from its
author and page number, or a label from its value. Spacing and joining rules leave `front`
lines alone, and the structure stage parses them. Where the block is, is decided in
`publish.front.region`; a masthead printed at the end of the issue is tagged `masthead`.
"""

from __future__ import annotations

import regex

from publish.front.masthead import MASTHEAD_LABELS, is_masthead_like
from publish.front.region import front_block, trailing_masthead
from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.normalise.document import (
    NormaliseConfig,
    Outcome,
    Recorder,
    Sink,
    strip_prefix,
)
from publish.text.chars import PROSE_PUNCT


def tag_front_matter(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Tag the contents/masthead block (and a masthead printed at the end) so that
    running-text rules leave them alone."""
    rec = Recorder("R001", "front-matter-region")
    first = front_block(lines)
    colophon = trailing_masthead(lines, first[1] if first is not None else 0)
    region = front_block(lines, colophon) if colophon is not None else first
    start, end = region if region is not None else (len(lines), -1)
    return rec.outcome(
        line.tagged(Tag.FRONT)
        if start <= index <= end
        else line.tagged(Tag.MASTHEAD)
        if colophon is not None and index >= colophon and line.kind is LineKind.TEXT
        else line
        for index, line in enumerate(lines)
    )


_BULLET = regex.compile(r"^[■□◆●▌▍▶►]\s*(?=\S)")
# `【理论学习】` alone on its line: a column label in brackets instead of a bullet.
_BRACKETED_LABEL = regex.compile(r"^【\s*([\p{Han}·“”\s]{2,12}?)\s*】$")


def _bracketed(line: Line) -> Line:
    """Tagged only: the brackets are printed (in the body `【解读】` is a label in the text);
    the contents parser reads the section name inside them."""
    label = _BRACKETED_LABEL.match(line.text)
    if label is None or len(label.group(1).replace(" ", "")) < 2:
        return line
    return line.tagged(Tag.BULLET)


def section_bullets(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`■ 卷首` → `卷首`, tagged as a bulleted line (a section heading); `【卷首】` is tagged."""
    rec = Recorder("F202", "section-bullet")
    return rec.outcome(
        _bracketed(strip_prefix(line, _BULLET, Tag.BULLET, rec, limit=30)) for line in lines
    )


_LEADER_PREFIX = regex.compile(r"^(?:\.{3,}|·{3,})\s*(?=\S)")
_DOTS_ONLY = regex.compile(r"^[.·]{3,}$")
# `标题……………………作者（3）`: a leader inside the line (longer than an ellipsis) with a short
# author/page field after it ending in a page number, bare or in brackets.
_INNER_LEADER = regex.compile(
    r"^(?P<title>[^\s.…·-].*?)\s*(?:…{3,}|\.{4,}|·{4,}|-{4,})\s*"
    r"(?P<tail>[^。，；！？…]{0,30}?)\s*[（(]?(?P<page>\d{1,3})[）)]?$"
)


def _inner_leader(line: Line, rec: Recorder) -> Line:
    found = _INNER_LEADER.match(line.text)
    if found is None or len(line.text) > 90:
        return line
    title, author, page = (found.group(k).strip() for k in ("title", "tail", "page"))
    # The leader told title from author; a slash keeps that for the contents parser.
    text = f"{title} / {author} {page}" if author else f"{title} {page}"
    rec.change(line.first, ChangeKind.MARK, line.text, text)
    return line.with_text(text).tagged(Tag.LEADER, Tag.INLINE_LEADER)


def dot_leaders(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Contents dot leaders (`..... 作者 23`, `标题……作者（3）`) are stripped; a line of dots
    alone is dropped.

    `...就这样，大家……` is an ellipsis opening a paragraph, not a leader: the rest of a leader
    line is a short author/page field without prose punctuation.
    """
    rec = Recorder("F210", "dot-leader")
    sink = Sink()
    for line in lines:
        if _DOTS_ONLY.match(line.text):
            rec.change(line.first, ChangeKind.DROP, line.text, "")
            sink.drop(line)
        elif _INNER_LEADER.match(line.text):
            sink.keep(_inner_leader(line, rec))
        elif PROSE_PUNCT.search(line.text):
            sink.keep(line)
        else:
            sink.keep(strip_prefix(line, _LEADER_PREFIX, Tag.LEADER, rec, limit=40))
    return rec.outcome(sink.lines)


__all__ = [
    "MASTHEAD_LABELS",
    "dot_leaders",
    "is_masthead_like",
    "section_bullets",
    "tag_front_matter",
]
