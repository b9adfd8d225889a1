"""Find the front-matter block (printed contents and masthead) and tag its lines `front`.

Contents and masthead lines are lists, not running text: spaces there separate a title from its
author and page number, or a label from its value. Spacing rules leave `front` lines alone, and
the structure stage parses them.
"""

from __future__ import annotations

import regex

from publish.chars import ISSUE_YEAR
from publish.normalise.document import (
    Document,
    Line,
    LineKind,
    NormaliseConfig,
    Outcome,
    Recorder,
    text_index,
)
from publish.shapes import SENTENCE_MARK

CONTENTS_MARKER = regex.compile(
    r"^(?:目\s*录|CONTENTS|Contents)(?:\s|$)|目录.*CONTENTS|CONTENTS.*目录"
)
_PAGE_FIRST = regex.compile(r"^\d{1,3}\s+\S")
_PAGE_LAST = regex.compile(r"\S\s+\d{1,3}$")
# `…建设 12 白山市人民检察院`: the author after the page ends without punctuation.
_PAGE_THEN_AUTHOR = regex.compile(r"\S\s\d{1,3}\s+[^\s，。、；：,.;:]{2,24}$")
_PAGE_ALONE = regex.compile(r"^\d{1,3}$")
_SENTENCE = regex.compile(r"[。！？]|[，,]$")

MASTHEAD_LABELS = (
    "主管主办|主管单位|主办单位|主管|主办|协办|编辑出版|出版发行|出版|发行单位|发行范围|发行部电话"
    "|总编辑|副总编辑|总编|副总编|社长|副社长|主编|副主编|执行主编|编辑部主任|编辑部电话|责任编辑"
    "|执行编辑|文字采编|美术编辑|美编|责任校对|校对|编委会常务副主任|编委会委员|编委会|编委副主任"
    "|编委主任|编委|国际标准连续出版物号|国内统一连续出版物号|国际标准刊号|国内统一刊号|刊号|广告经营许可证号|广告|邮发代号|电话|传真"
    "|联系地址|地址|邮政编码|邮编|网络地址|网址|电子邮箱|电子信箱|邮箱|合作媒体|法律顾问|定价"
    "|印刷企业|印刷册数|印刷|准印证号|印数|发送范围|封面|声明|本刊|欢迎来稿|内部资料|ISSN|CN"
)
_MASTHEAD = regex.compile(rf"^(?:{MASTHEAD_LABELS})")
_ISSUE_LINE = regex.compile(
    rf"{ISSUE_YEAR}\s*年\s*第\s*(?:\d+|[一二三四五六七八九十]{{1,3}})\s*期"
    r"|总第\s*\d+\s*期|[上下]半月|每月\d+日出版"
)
_LETTER_SPACED = regex.compile(r"(?<=^\p{Han}(?:\s\p{Han})*)\s(?=\p{Han})")


def _unspaced(text: str) -> str:
    """`副 总 编 李剑` → `副总编 李剑` (for label matching only)."""
    return _LETTER_SPACED.sub("", text)


# `本刊评论员`, `本刊记者 王明`: a byline, although `本刊…` also opens masthead notices.
_HOUSE_BYLINE = regex.compile(r"^本刊(?:特约)?(?:评论员|记者|通讯员|编辑部|特约撰稿人)")


def is_masthead_like(text: str) -> bool:
    if _HOUSE_BYLINE.match(text):
        return False
    return bool(_MASTHEAD.match(_unspaced(text)) or _ISSUE_LINE.search(text))


def is_entry_like(line: Line) -> bool:
    text = line.text
    if line.has("leader") or line.has("table"):
        return True
    if len(text) > 70 or _SENTENCE.search(text):
        return False
    return bool(
        _PAGE_FIRST.match(text)
        or _PAGE_LAST.search(text)
        or _PAGE_THEN_AUTHOR.search(text)
        or _PAGE_ALONE.match(text)  # the page number on a line of its own, under its title
    )


def is_prose(text: str) -> bool:
    return len(text) >= 40 and ("。" in text or text.count("，") + text.count(",") >= 2)


def _anchor(lines: Document) -> int | None:
    for index, line in enumerate(lines):
        if line.kind is not LineKind.TEXT:
            continue
        if CONTENTS_MARKER.search(line.text):
            return index
        window = lines[index + 1 : index + 5]
        if line.has("bullet") and sum(is_entry_like(x) for x in window) >= 2:
            return index
        if (
            _PAGE_FIRST.match(line.text)
            and is_entry_like(line)
            and sum(is_entry_like(x) for x in lines[index + 1 : index + 7]) >= 2
        ):
            return index
    return None


_NAME_LINE = regex.compile(r"^[\p{Han}·\s]{2,16}$")


def _with_issue_head(lines: Document, start: int) -> int:
    """Start earlier to take in the issue line (and the magazine's name above it) printed just
    before the contents: `党员之友` / `2024年第5期（总第388期）` / `目录`."""
    issue = text_index(lines, start, -1)
    if issue is None or not _ISSUE_LINE.search(lines[issue].text) or len(lines[issue].text) > 40:
        return start
    name = text_index(lines, issue, -1)
    return name if name is not None and _NAME_LINE.match(lines[name].text) else issue


def _heads_entries(lines: Document, index: int) -> bool:
    """A bulleted line heads a contents section when entries follow it; the same label printed
    again over the first article of the body (`■ 张明` too) does not extend the front matter."""
    if not lines[index].has("bullet"):
        return False
    following = [x for x in lines[index + 1 : index + 6] if x.kind is LineKind.TEXT][:3]
    return any(is_entry_like(x) for x in following)


def front_matter_region(lines: Document, stop: int | None = None) -> tuple[int, int] | None:
    """Index range [start, end] of the contents/masthead block, or None when there is none;
    `stop`: where a masthead printed at the end begins (the block never reaches into it)."""
    anchor = _anchor(lines)
    if anchor is None:
        return None
    start = _with_issue_head(lines, anchor)
    end = anchor
    for index in range(anchor, stop if stop is not None else len(lines)):
        line = lines[index]
        if line.kind is not LineKind.TEXT:
            continue
        masthead = is_masthead_like(line.text)
        if is_prose(line.text) and not masthead:
            break
        if masthead or is_entry_like(line) or _heads_entries(lines, index):
            end = index
    return start, end


_TRAILING_MASTHEAD_MIN = 3  # masthead fields at the very end: the colophon printed last
_WRAPPED_VALUE_MAX = 20  # a masthead value wrapped onto a line of its own is short


def trailing_masthead(lines: Document, after: int) -> int | None:
    """Where a masthead block printed at the end of the issue starts (only masthead lines and
    their short wrapped values after it), if there is one past index `after`."""
    start, fields = None, 0
    for index in range(len(lines) - 1, after, -1):
        line = lines[index]
        if line.kind is not LineKind.TEXT:
            continue
        if is_masthead_like(line.text):
            start, fields = index, fields + 1
        elif len(line.text) > _WRAPPED_VALUE_MAX or SENTENCE_MARK.search(line.text):
            break  # running text: the masthead, if any, is not the last thing printed
    return start if fields >= _TRAILING_MASTHEAD_MIN else None


def tag_front_matter(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Tag the contents/masthead block (and a masthead printed at the end) so that
    running-text rules leave them alone."""
    rec = Recorder("R001", "front-matter-region")
    anchor = _anchor(lines)
    colophon = trailing_masthead(lines, anchor if anchor is not None else 0)
    region = front_matter_region(lines, colophon)
    start, end = region if region is not None else (len(lines), -1)
    return rec.outcome(
        line.tagged("front")
        if start <= index <= end
        else line.tagged("masthead")
        if colophon is not None and index >= colophon and line.kind is LineKind.TEXT
        else line
        for index, line in enumerate(lines)
    )
