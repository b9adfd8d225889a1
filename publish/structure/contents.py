"""The printed contents (目录): sections and entries, in the layouts magazines use.

Three layouts are recognised from the page numbers:

* page first — `08 学习讲深度 调研出成果 ……` with the author after the title or on the next
  line, wrapped titles continuing on the next line, and markdown-table rows;
* page last — `title ⏎ author 12`, `title tail 20 author`, `..... author 23` (leaders);
* no pages — one title per line (a wrapped title is two lines), the author after the title or
  on its own line. Which lines belong together is settled later, against the body.

Section lines are the bulleted ones (`■ 卷首`) or, without bullets, the short lines that head
a group of entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum, auto

import regex

from publish.names import is_author_field, is_person_name, split_author
from publish.normalise.document import Line

_PAGE_FIRST = regex.compile(r"^(\d{1,3})\s+(\S.*)$")
_PAGE_MID = regex.compile(r"^(.+?)\s+(\d{1,3})\s+(\S.{0,30})$")
_PAGE_LAST = regex.compile(r"^(?:(.*?)\s+)?(\d{1,3})$")
_SECTION_MAX = 12
_SECTION_NAME = regex.compile(r"^[\p{Han}·]{2,8}$")


class Mode(Enum):
    PAGE_FIRST = auto()
    PAGE_LAST = auto()
    NO_PAGES = auto()


@dataclass(frozen=True, slots=True)
class ContentsItem:
    title: str
    section: str | None
    author: str | None
    page: int | None
    lines: tuple[int, ...]
    author_guessed: bool = False  # split off a title line by the name heuristics
    topic: bool = False  # an unnumbered heading inside a section (a topic or column)

    @property
    def line(self) -> int:
        return self.lines[0]


_SECTION_PREFIX = regex.compile(r"^【\s*([^】]{2,12}?)\s*】\s*(?=\S)")


@dataclass
class _Draft:
    fragments: list[str]
    lines: list[int]
    section: str | None
    author: str | None = None
    page: int | None = None
    author_guessed: bool = False
    topic: bool = False

    def freeze(self) -> ContentsItem:
        title = " ".join(f for f in self.fragments if f)
        section = self.section
        labelled = _SECTION_PREFIX.match(title)
        if labelled:  # `【卷首】坚定信心 真抓实干`: the column printed in front of the title
            section, title = labelled.group(1), title[labelled.end() :].strip()
        return ContentsItem(
            title=title,
            section=section,
            author=self.author,
            page=self.page,
            lines=tuple(self.lines),
            author_guessed=self.author_guessed,
            topic=self.topic,
        )


def is_slogan(text: str) -> bool:
    """Four or more equal-length phrases with no page number: a motto printed on the page."""
    phrases = text.split()
    return (
        len(phrases) >= 4
        and len({len(p) for p in phrases}) == 1
        and len(phrases[0]) >= 6
        and not any(c.isdigit() for c in text)
    )


def section_name(text: str) -> str:
    """`【理论学习】` → `理论学习` (a bulleted section line's name)."""
    return text.removeprefix("【").removesuffix("】").strip() if text.startswith("【") else text


_FULL_STOP_END = regex.compile(r"。[”’」』）)]?$")


def is_teaser(text: str) -> bool:
    """A whole sentence under a contents entry (`学习的目的全在于运用。`): titles never end
    with a full stop (they may with ？ or ！)."""
    return _FULL_STOP_END.search(text) is not None


def detect_mode(lines: list[Line]) -> Mode:
    if any(_PAGE_FIRST.match(x.text) or x.cells for x in lines):
        return Mode.PAGE_FIRST
    if any(x.has("leader") or _PAGE_LAST.match(x.text) or _PAGE_MID.match(x.text) for x in lines):
        return Mode.PAGE_LAST
    return Mode.NO_PAGES


def parse_contents(lines: list[Line]) -> list[ContentsItem]:
    """Contents entries from the contents lines (masthead and notices already removed)."""
    lines = [x for x in lines if not is_slogan(x.text)]
    mode = detect_mode(lines)
    if mode is Mode.PAGE_FIRST:
        return _page_first(lines)
    if mode is Mode.PAGE_LAST:
        return _page_last(lines)
    return _no_pages(lines)


def _title_and_author(text: str) -> tuple[str, str | None, bool]:
    title, author = split_author(text)
    return title, author, author is not None


def _page_first(lines: list[Line]) -> list[ContentsItem]:
    items: list[_Draft] = []
    section: str | None = None
    current: _Draft | None = None
    for index, line in enumerate(lines):
        text = line.text
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        match = _PAGE_FIRST.match(line.cells[0] if line.cells else text)
        if line.has("bullet"):
            section, current = section_name(text), None
        elif match:
            page, rest = int(match.group(1)), match.group(2)
            author: str | None
            if line.cells and len(line.cells) > 1:
                title, author, guessed = rest, " ".join(line.cells[1:]), False
            else:
                title, author, guessed = _title_and_author(rest)
            current = _Draft([title], [line.first], section, author, page, guessed)
            items.append(current)
        elif is_teaser(text):
            continue  # a sentence printed under an entry is its teaser, not part of its title
        elif current is not None and line.blank_before == 0:
            # A wrapped title: the second line may carry the author.
            title, author, guessed = _title_and_author(text)
            current.fragments.append(title)
            current.lines.append(line.first)
            if author and not current.author:
                current.author, current.author_guessed = author, guessed
        elif current is not None and current.author is None and is_author_field(text):
            current.author = text
            current.lines.append(line.first)
        elif _SECTION_NAME.match(text) or (
            nxt is not None and not _PAGE_FIRST.match(nxt.cells[0] if nxt.cells else nxt.text)
        ):
            # A short bare name, or a plain line followed by another plain line, heads a group.
            section, current = section_name(text), None
        else:
            current = _Draft([text], [line.first], section, topic=True)
            items.append(current)
            current = None
    return [d.freeze() for d in items]


def _split_page_line(line: Line) -> tuple[str, int, str | None] | None:
    """(text before the page, page, author after it) for a line that carries a page number."""
    text = line.text
    mid = _PAGE_MID.match(text)
    if mid and is_author_field(mid.group(3)):
        return mid.group(1), int(mid.group(2)), mid.group(3)
    last = _PAGE_LAST.match(text)
    if last:
        return last.group(1) or "", int(last.group(2)), None
    return None


def _page_last(lines: list[Line]) -> list[ContentsItem]:
    items: list[_Draft] = []
    section: str | None = None
    buffer: list[Line] = []
    for line in lines:
        if line.has("bullet"):
            section, buffer = section_name(line.text), []
            continue
        if is_teaser(line.text):
            continue
        parsed = _split_page_line(line)
        if parsed is None:
            buffer.append(line)
            continue
        before, page, author = parsed
        fragments = [x.text for x in buffer]
        numbers = [x.first for x in buffer]
        if before and (line.has("inline-leader") or "/" in before or "／" in before):
            title, author = split_author(before)  # `标题 / 作者`: the whole entry on one line
            fragments.append(title)
        elif before and (line.has("leader") or is_author_field(before)) and author is None:
            author = before
        elif before:
            fragments.append(before)
        if len(fragments) >= 2 and len(fragments[0]) <= _SECTION_MAX:
            section = fragments.pop(0)
            numbers.pop(0)
        elif not fragments and buffer:
            fragments = [buffer[-1].text]
        items.append(_Draft(fragments, [*numbers, line.first], section, author, page))
        buffer = []
    return [d.freeze() for d in items if d.fragments]


def _no_pages(lines: list[Line]) -> list[ContentsItem]:
    items: list[_Draft] = []
    section: str | None = None
    for line in lines:
        text = line.text
        if line.has("bullet"):
            section = section_name(text)
            continue
        if (
            items
            and items[-1].author is None
            and is_author_field(text)
            and items[-1].section == section
        ):
            items[-1].author = text
            items[-1].lines.append(line.first)
            continue
        title, author, guessed = _title_and_author(text)
        if author and is_person_name(author.split()[0]) is False and not is_author_field(author):
            title, author, guessed = text, None, False
        items.append(_Draft([title], [line.first], section, author, None, guessed))
    return [d.freeze() for d in items]


def merge(first: ContentsItem, second: ContentsItem) -> ContentsItem:
    """Two contents lines that the body shows to be one wrapped title."""
    return replace(
        first,
        title=f"{first.title} {second.title}",
        author=first.author or second.author,
        lines=first.lines + second.lines,
    )


def unsplit(item: ContentsItem) -> ContentsItem:
    """Undo a guessed title/author split: the "author" was the end of the title."""
    return replace(item, title=f"{item.title} {item.author}", author=None, author_guessed=False)
