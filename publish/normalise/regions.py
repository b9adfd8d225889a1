"""R001: tag the front matter (printed contents and masthead) so running-text rules leave it.

Contents and masthead lines are lists, not running text: spaces there separate a title from its
author and page number, or a label from its value. Spacing and joining rules leave `front`
lines alone, and the structure stage parses them. Where the block is, is decided in
`publish.front.region`; a masthead printed at the end of the issue is tagged `masthead`.
"""

from __future__ import annotations

from publish.front.masthead import MASTHEAD_LABELS, is_masthead_like
from publish.front.region import front_block, trailing_masthead
from publish.normalise.document import (
    Document,
    LineKind,
    NormaliseConfig,
    Outcome,
    Recorder,
)
from publish.tags import Tag


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


__all__ = ["MASTHEAD_LABELS", "is_masthead_like", "tag_front_matter"]
