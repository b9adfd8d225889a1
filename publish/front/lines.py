"""One printed contents line, read as a small grammar: what it holds and where.

A contents entry is {section?, title on 1–3 lines, author?, page?}; a single line holds some of
those parts. The page number may stand first (`08 标题`, `8｜标题`, `P8 标题`, `08/标题`,
`（8）标题`), last after leaders or spaces (`标题……8`, `标题 ···· 8`, `标题 8`, `标题（8）`,
`标题 [8]`), in the middle before an author (`标题 12 作者`), or on a line of its own with the
leaders and the author (`..... 张三 8`). A column name may be printed in front of the title
(`【栏目】标题`, `栏目｜标题`). Two columns read row by row put two entries on one line.
`read_line` says what a line holds; `publish.front.contents` groups lines into entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import regex

from publish.text.chars import ends_sentence
from publish.text.names import SLASH_AUTHOR, is_author_field, split_author, unspace_names

PAGE: Final = r"P?\s*(?P<page>\d{1,3})(?!\d)"
LEADER: Final = r"(?:…{2,}|\.{3,}|·{3,}|—{3,}|-{4,}|_{3,}|(?:[.·]\s){3,}[.·]?|…\s*…)"
_TITLE_CHAR: Final = regex.compile(r"[\p{Han}A-Za-z]")

_LEADER_ONLY: Final = regex.compile(rf"^{LEADER}\s*(?:(?P<tail>\S.*?)\s*)?{PAGE}$")
_PAGE_ONLY: Final = regex.compile(rf"^(?:第\s*)?{PAGE}\s*(?:页)?$")
_BRACKET_FIRST: Final = regex.compile(rf"^[（(\[［]\s*{PAGE}\s*[）)\]］]\s*(?P<rest>\S.*)$")
_FIRST: Final = regex.compile(
    rf"^(?:第\s*)?{PAGE}(?:\s*页)?(?:[\s\u3000]+|\s*[｜|/／]\s*)(?P<rest>\S.*)$"
)
_BRACKET_LAST: Final = regex.compile(rf"^(?P<rest>.*?\S)\s*[（(\[［]\s*{PAGE}\s*[）)\]］]$")
_LEADER_LAST: Final = regex.compile(
    rf"^(?P<rest>.*?[^\s.…·\-_—])\s*{LEADER}\s*(?:(?P<tail>[^\d\s（(\[［].*?)\s*)?"
    rf"[（(\[［]?\s*{PAGE}\s*[）)\]］]?$"
)
_MID: Final = regex.compile(
    rf"^(?P<rest>.*?\S)[\s\u3000]+{PAGE}[\s\u3000]+(?P<tail>[^\d\s].{{0,30}})$"
)
_SPACE_LAST: Final = regex.compile(rf"^(?P<rest>.*?\S)[\s\u3000]+{PAGE}$")
_COLUMN_GAP: Final = regex.compile(r"[\s\u3000]{2,}|(?<=\S)\s+\d{1,3}\s+(?=\S)")

# The contents' heading word, anywhere in a line (`本期目录`, `目 录 CONTENTS`, `导读`).
CONTENTS_HEADING: Final = regex.compile(
    r"目\s*录|目\s*次|CONTENTS|导\s*读|要\s*目", regex.IGNORECASE
)
# A line that is only that heading.
_MARKER: Final = regex.compile(
    r"^(?:本期)?(?:目\s*录|目\s*次|导\s*读)(?:\s*CONTENTS)?$|^CONTENTS(?:\s*目\s*录)?$"
    r"|^(?:本期导读|本期要目|要目)$",
    regex.IGNORECASE,
)
# `— 12 —`, `·76.`, `82·`, `-4+`: a folio (not `...... 12`: leaders and a page number).
_FOLIO: Final = regex.compile(
    r"^[-—–－~～·.]{1,2}\s*\d{1,3}\s*[-—–－~～·.+]*$|^\d{1,3}\s*[-—–－~～·.+]{1,2}$"
)
_BULLET: Final = regex.compile(r"^[■□◆◇●○▌▍▶►★☆]\s*(?P<name>\S.{0,20})$")
_BRACKETED: Final = regex.compile(r"^[【〔\[［](?P<name>[^】〕\]］]{1,14})[】〕\]］]$")
_PREFIX: Final = regex.compile(r"^[【〔\[［](?P<name>[^】〕\]］\d]{1,12})[】〕\]］]\s*(?=\S)")
_BAR_PREFIX: Final = regex.compile(r"^(?P<name>[\p{Han}·]{2,8})\s*[｜|]\s*(?=\S)")
_SUBTITLE: Final = regex.compile(r"^[—─－]{1,2}\s*\S")
_LATIN_NAME: Final = regex.compile(r"\s+[A-Z][A-Z&\s]{2,}$")
# `理论前沿 THEORY`: a column name with its English name in capitals.
_ENGLISH_SECTION: Final = regex.compile(r"^[\p{Han}·]{2,8}\s+[A-Z]{3,}(?:\s[A-Z&]+)*$")
_NAME_CELL: Final = regex.compile(r"^[\p{Han}·]{2,8}$")


class Kind(StrEnum):
    MARKER = "marker"  # 目录, CONTENTS: a heading, not an entry
    SECTION = "section"  # ■ 卷首, 【栏目】: certainly a column name
    ENTRY = "entry"  # a title (or part of one) with its page number
    PAGE = "page"  # leaders and a page number (and maybe an author) under a title
    SUBTITLE = "subtitle"  # ——记某某社区党委
    TEASER = "teaser"  # a whole sentence under an entry
    TEXT = "text"  # a title or part of one, a plain column name, an author, a notice


@dataclass(frozen=True, slots=True)
class ContentsLine:
    kind: Kind
    text: str  # the title part (ENTRY, TEXT), the column name (SECTION), the subtitle
    line: int  # the input line
    page: int | None = None
    page_first: bool = False
    author: str | None = None
    author_guessed: bool = False  # split off the title by the name heuristics
    prefix: str | None = None  # a column printed in front of the title: 【栏目】 (certain)
    bar_prefix: str | None = None  # `栏目｜标题`: a column only if the issue does it throughout
    column: int = 0  # 1 or 2: the left or right cell of a row that holds two columns

    @property
    def author_like(self) -> bool:
        """The whole line is a name list or a unit (`张三 李四`, `某某课题组`)."""
        return self.kind is Kind.TEXT and self.page is None and is_author_field(self.text)


def _has_title(text: str) -> bool:
    return len(_TITLE_CHAR.findall(text)) >= 2


def _title_author(rest: str, tail: str | None) -> tuple[str, str | None, bool]:
    """Title and author of an entry's text: the author after the page or leaders, after a
    slash, or split off by the name heuristics (then `guessed`)."""
    rest = rest.strip()
    if tail and tail.strip():
        title, author = rest, tail.strip()
        slashed = SLASH_AUTHOR.match(rest)
        if slashed:
            title = slashed.group("title")
        return title, author, False
    slashed = SLASH_AUTHOR.match(rest)
    if slashed and _has_title(slashed.group("title")):
        return slashed.group("title"), slashed.group("author").strip(), False
    title, split = split_author(rest)
    return title, split, split is not None


def _with_prefix(line: ContentsLine) -> ContentsLine:
    """Take a column printed in front of the title off it."""
    found = _PREFIX.match(line.text)
    if found:
        return _replace(line, text=line.text[found.end() :], prefix=found.group("name").strip())
    bar = _BAR_PREFIX.match(line.text)
    if bar and _has_title(line.text[bar.end() :]):
        return _replace(line, bar_prefix=bar.group("name"))
    return line


def _replace(line: ContentsLine, **changes: object) -> ContentsLine:
    from dataclasses import replace  # noqa: PLC0415 - keep the module namespace small

    return replace(line, **changes)  # type: ignore[arg-type]


def _entry(
    rest: str, page: str, number: int, *, first: bool, tail: str | None = None
) -> ContentsLine | None:
    if not _has_title(rest):
        return None
    title, author, guessed = _title_author(rest, tail)
    entry = ContentsLine(Kind.ENTRY, title, number, int(page), first, author, guessed)
    return _with_prefix(entry)


def _paged(  # noqa: PLR0911 - one pattern per page position, tried in order
    text: str, number: int, *, leader: bool = False
) -> ContentsLine | None:
    """A line that carries a page number, whatever its position (`leader`: its leading
    leaders were already taken off)."""
    if found := _LEADER_ONLY.match(text):
        tail = (found.group("tail") or "").strip() or None
        return ContentsLine(Kind.PAGE, "", number, int(found.group("page")), author=_names(tail))
    if leader and (found := _SPACE_LAST.match(text)):
        return ContentsLine(
            Kind.PAGE, "", number, int(found.group("page")), author=_names(found.group("rest"))
        )
    if found := _PAGE_ONLY.match(text):
        return ContentsLine(Kind.PAGE, "", number, int(found.group("page")))
    for pattern, first in ((_BRACKET_FIRST, True), (_FIRST, True)):
        if found := pattern.match(text):
            return _entry(found.group("rest"), found.group("page"), number, first=first)
    if found := _LEADER_LAST.match(text):
        return _entry(
            found.group("rest"), found.group("page"), number, first=False, tail=found.group("tail")
        )
    if found := _BRACKET_LAST.match(text):
        return _entry(found.group("rest"), found.group("page"), number, first=False)
    if (found := _MID.match(text)) and is_author_field(found.group("tail").strip()):
        return _entry(
            found.group("rest"), found.group("page"), number, first=False, tail=found.group("tail")
        )
    if found := _SPACE_LAST.match(text):
        rest = found.group("rest")
        names = _names(rest)
        if names != rest or is_author_field(rest):
            # `特约评论员 1`, `李 霞 36`: the author and page of the title above.
            return ContentsLine(Kind.PAGE, "", number, int(found.group("page")), author=names)
        return _entry(rest, found.group("page"), number, first=False)
    return None


def _names(text: str | None) -> str | None:
    return unspace_names(text.strip()) if text else None


def _columns(text: str, number: int, *, weak: bool = False) -> list[ContentsLine] | None:
    """`标题甲 3  标题乙 21`, `■ 学思践悟  抓实…… 23`, `■ 机关党建  ■ 时评`: two columns read
    row by row — two spaces between the cells (or one after an inner page number), each
    cell a column name or an entry with its page. The left cell is column 1, the right 2."""
    for found in _COLUMN_GAP.finditer(text):
        a, b = text[: found.start()].strip(), text[found.end() :].strip()
        if found.group(0).strip():  # the gap is an inner page number: it ends cell a
            a = f"{a} {found.group(0).strip()}"
        left, right = _strong_cell(a, number), _strong_cell(b, number)
        if weak:  # the page is set in two columns: a cell may be a plain column name
            left, right = left or _name_cell(a, number), right or _name_cell(b, number)
        if left is None or right is None:
            continue
        if (
            left.kind is Kind.ENTRY
            and right.kind is Kind.ENTRY
            and left.page_first != right.page_first
        ):
            continue
        return [_replace(left, column=1), _replace(right, column=2)]
    return None


def _strong_cell(text: str, number: int) -> ContentsLine | None:
    """A cell that is certainly a column name or a numbered entry."""
    bulleted = _BULLET.match(text)
    if bulleted and _paged(bulleted.group("name"), number) is None:
        return ContentsLine(Kind.SECTION, _section_name(bulleted.group("name")), number)
    if (bracketed := _BRACKETED.match(text)) and not bracketed.group("name").isdigit():
        return ContentsLine(Kind.SECTION, _section_name(bracketed.group("name")), number)
    paged = _paged(text, number)
    return paged if paged is not None and paged.kind is Kind.ENTRY else None


def _name_cell(text: str, number: int) -> ContentsLine | None:
    """A short bare cell beside an entry or another such cell, in a page set in two columns:
    a column's name (`高层声音`, `本期聚焦 FOCUS`) — titles are longer, and carry a page."""
    if _ENGLISH_SECTION.match(text) or _NAME_CELL.match(text):
        return ContentsLine(Kind.SECTION, _section_name(text), number)
    return None


def read_line(
    text: str,
    number: int,
    *,
    bullet: bool = False,
    leader: bool = False,
    cells: tuple[str, ...] = (),
    two_columns: bool = False,
) -> list[ContentsLine]:
    """What one contents line holds (two cells when two columns were read as one row);
    `bullet`, `leader`: the normaliser took a section bullet or leading leaders off it;
    `two_columns`: the page is set in two columns (a bare cell may be a column name)."""
    text = text.strip()
    if cells and len(cells) > 1:
        if (entry := _cell_entry(cells, number)) is not None:
            return [entry]
        text = " ".join(cells)
    if _MARKER.match(text) or _FOLIO.match(text):
        return [ContentsLine(Kind.MARKER, text, number)]
    pair = _columns(f"■ {text}" if bullet else text, number, weak=two_columns)
    if pair is not None:
        return pair
    section, text = _section_or_rest(text, number, bullet=bullet)
    if section is not None:
        return [section]
    return [_plain_line(text, number, leader=leader)]


def _cell_entry(cells: tuple[str, ...], number: int) -> ContentsLine | None:
    """A table row whose first cell is an entry: the other cells are its author."""
    first = _paged(cells[0], number)
    if first is None or first.kind is not Kind.ENTRY:
        return None
    author = " ".join(c for c in cells[1:] if c.strip()) or None
    return _replace(first, author=author or first.author, author_guessed=False)


def _section_or_rest(text: str, number: int, *, bullet: bool) -> tuple[ContentsLine | None, str]:
    """A column name (bulleted, or in brackets), or the text left once a bullet is off."""
    bulleted = _BULLET.match(text)
    if bullet or bulleted:
        name = bulleted.group("name") if bulleted else text
        if _paged(name, number) is None or bullet:
            return ContentsLine(Kind.SECTION, _section_name(name), number), text
        text = name
    if (bracketed := _BRACKETED.match(text)) and not bracketed.group("name").isdigit():
        return ContentsLine(Kind.SECTION, _section_name(bracketed.group("name")), number), text
    return None, text


def _plain_line(text: str, number: int, *, leader: bool) -> ContentsLine:
    """A subtitle, an entry with its page, a teaser sentence, or text (a title, an author)."""
    if _SUBTITLE.match(text):
        return ContentsLine(Kind.SUBTITLE, text.lstrip("—─－ ").strip(), number)
    paged = _paged(text, number, leader=leader)
    if paged is not None:
        return paged
    if ends_sentence(text) and "。" in text and len(text) >= 8:
        return ContentsLine(Kind.TEASER, text, number)
    return _with_prefix(_slashed_text(text, number))


def _slashed_text(text: str, number: int) -> ContentsLine:
    """`警惕……整治 / 李华敏` with its page on the next line: the author after the slash."""
    slashed = SLASH_AUTHOR.match(text)
    if slashed and _has_title(slashed.group("title")):
        author = slashed.group("author").strip()
        if is_author_field(author):
            return ContentsLine(Kind.TEXT, slashed.group("title").strip(), number, author=author)
    return ContentsLine(Kind.TEXT, text, number)


def _section_name(text: str) -> str:
    """`【理论学习】` → `理论学习`; `理论前沿 THEORY` → `理论前沿`."""
    name = text.strip().strip("【】〔〕[]［］").strip()
    return _LATIN_NAME.sub("", name) or name


def section_name(text: str) -> str:
    return _section_name(text)


__all__ = ["ContentsLine", "Kind", "read_line", "section_name"]
