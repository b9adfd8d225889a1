"""The tags a line carries from the readers and the normaliser to the structure stage.

One declared vocabulary instead of free strings: a misspelt tag is a type error, not a silent
miss. A tag says what the line is or where it was printed; it never changes the text.
"""

from __future__ import annotations

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


__all__ = ["Tag"]
