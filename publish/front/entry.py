"""One contents entry while its rows are read: title parts, page, author, subtitle, prefix.

`EntryParts.take` is a decision list over what each row holds (`lines.read_line`); the
grouping of rows into entries is chosen over the whole page in `contents.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from publish.front.lines import ContentsLine, Kind
from publish.front.masthead import is_masthead_like, is_slogan
from publish.front.page import Page, Row
from publish.text.names import split_author

_BAR = regex.compile(r"^[\p{Han}·]{2,8}\s*[｜|]\s*")
_LATIN_ONLY = regex.compile(r"^[A-Za-z][A-Za-z\s·.&-]*$")  # a magazine's Latin name


def is_noise(read: ContentsLine) -> bool:
    """A line no entry starts with: a marker, a teaser, the masthead, a slogan, a Latin name."""
    text = read.text
    return read.kind in (Kind.MARKER, Kind.TEASER) or (
        read.kind is Kind.TEXT
        and (is_masthead_like(text) or is_slogan(text) or _LATIN_ONLY.match(text) is not None)
    )


@dataclass
class EntryParts:
    """An entry while its rows are read (see `contents._entry`)."""

    parts: list[str] = field(default_factory=list)
    number: int | None = None
    author: str | None = None
    guessed: bool = False
    subtitle: str | None = None
    prefix: str | None = None
    bar: str | None = None
    closed: bool = False  # the page has been read: only an author, a subtitle may follow
    titled: bool = False  # `标题 / 作者` has been read: its page may follow, no more title
    blanks: int = 0

    def take(self, row: Row, first: bool, last: bool, page: Page) -> bool:
        """Add one row; False when the rows cannot make one entry (a decision list)."""
        read = row.read
        kind = read.kind
        if kind in (Kind.SECTION, Kind.MARKER):
            return False
        if not first and row.blank_before and not page.blank_everywhere and kind is not Kind.PAGE:
            self.blanks += 1  # a blank line inside an entry, where the page has few of them
        if kind is Kind.TEASER:
            return not first and last
        if kind is Kind.SUBTITLE:
            return self._subtitle(read, first)
        if kind is Kind.PAGE:
            return self._page(read)
        if kind is Kind.ENTRY:
            return self._paged_title(read, first)
        return self._text(read, first)

    def _subtitle(self, read: ContentsLine, first: bool) -> bool:
        if first or self.subtitle is not None:
            return False
        self.subtitle = read.text
        return True

    def _text(self, read: ContentsLine, first: bool) -> bool:
        """A title part, or the author on a line of its own."""
        if not first and read.author_like and self.author is None:
            self.author = read.text
            return True
        if self.closed or self.titled or (first and is_noise(read)):
            return False
        if first:
            self.prefix, self.bar = read.prefix, read.bar_prefix
        self.parts.append(read.text)
        if read.author:  # `标题 / 作者`: the title's last line
            self.author, self.titled = read.author, True
        return True

    def _page(self, read: ContentsLine) -> bool:
        if self.closed or not self.parts:
            return False
        self.number, self.closed = read.page, True
        self.author = read.author or self.author
        return True

    def _paged_title(self, read: ContentsLine, first: bool) -> bool:
        if self.closed or (read.page_first and not first):
            return False
        self.parts.append(read.text)
        self.number, self.closed = read.page, not read.page_first
        if read.author:
            self.author, self.guessed = read.author, read.author_guessed
        self.prefix = self.prefix or read.prefix
        self.bar = self.bar or read.bar_prefix
        return True

    def finish(self, last: ContentsLine, page: Page) -> None:
        if last.kind is Kind.TEXT or (self.author is not None and last.author_like):
            # `以党的二十大精神引领……发展 李炜`, `……高质量发展 龚艳` ⏎ `王鑫`: names at the end of
            # a title line are its author (or the title's end: the body decides, in _entry).
            head, tail = split_author(self.parts[-1])
            if tail is not None and head:
                self.parts[-1] = head
                self.author = f"{tail} {self.author}" if self.author else tail
                self.guessed = True
        if page.bar_sections and self.bar:
            self.prefix = self.prefix or self.bar
            self.parts[0] = _BAR.sub("", self.parts[0])
