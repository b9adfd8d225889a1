"""The lines that pass from the readers and the normaliser to the structure stage, and the
record of every change the normaliser made (for the reports and the review page).

The declared interface between those stages: a `Line` (its text, the input lines it came from,
the blank lines before it, its kind, an end mark, its `Tag`s, a table row's cells), and the
vocabulary of tags. One declared vocabulary instead of free strings: a misspelt tag is a type
error, not a silent miss. A tag says what the line is or where it was printed; it never
changes the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Tag(StrEnum):
    # What a reader saw (markdown, HTML)
    HEADING = "heading"
    LIST = "list"
    TABLE = "table"
    CAPTION = "caption"
    FOOTNOTE = "footnote"
    QUOTE = "quote"
    CODE = "code"
    BOLD = "bold"
    LINK = "link"
    # The front matter (contents and masthead)
    FRONT = "front"
    MASTHEAD = "masthead"
    BULLET = "bullet"
    LEADER = "leader"
    INLINE_LEADER = "inline-leader"
    # The body
    COLUMN_LABEL = "column-label"
    DECK = "deck"
    DISPLACED = "displaced"
    INDENTED = "indented"
    JUMP_TO = "jump-to"
    JUMP_FROM = "jump-from"
    # An editor's fix (publish.fixes): this line is text, never a heading
    NOT_HEADING = "not-heading"


class LineKind(StrEnum):
    TEXT = "text"
    META = "meta"  # web metadata: read by the structure stage, never printed as text


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text; `origin` is every input line it came from, so joins, splits and
    drops keep the numbers every report points at."""

    text: str
    origin: tuple[int, ...]
    blank_before: int = 0
    kind: LineKind = LineKind.TEXT
    end_mark: str = ""
    tags: frozenset[Tag] = frozenset()
    cells: tuple[str, ...] = ()

    @property
    def first(self) -> int:
        return self.origin[0]

    def has(self, tag: Tag) -> bool:
        return tag in self.tags

    def tagged(self, *tags: Tag) -> Line:
        return replace(self, tags=self.tags | frozenset(tags))

    def with_text(self, text: str) -> Line:
        return replace(self, text=text)


Document = tuple[Line, ...]


class ChangeKind(StrEnum):
    EDIT = "edit"  # text inside a line changed
    DROP = "drop"  # a whole line left the text
    JOIN = "join"  # two lines became one
    SPLIT = "split"  # one line became two
    MARK = "mark"  # markup or a mark removed and kept as information


@dataclass(frozen=True, slots=True)
class Change:
    """One edit made by a rule: which rule, where, what it was and what it became."""

    rule: str
    name: str
    line: int
    kind: ChangeKind
    before: str
    after: str


__all__ = ["Change", "ChangeKind", "Document", "Line", "LineKind", "Tag"]
