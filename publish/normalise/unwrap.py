"""J299: text hard-wrapped at a fixed measure (every printed line one input line) is unwrapped.

OCR of books and serials gives one input line per printed line: the lines of a paragraph all
have about the same width (the measure), the last one is shorter, and a new paragraph opens
with an indent or after a blank line. Such a text is recognised by its widths — most lines
cluster at one measure — and a full-measure line is joined to the line after it unless that
line opens a paragraph. A line shorter than the measure ends its paragraph; headings are
short, so they are never joined. Text that is not hard-wrapped (one paragraph per line, with
widths all over the place) is left to J301.

Across a blank line, only the clearest cases join here (the paragraph cannot have ended:
it stops at a comma or inside a quotation, or the next line opens with a continuation mark);
the rest is J301's to judge, as in any page-broken text.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.model import Level
from publish.normalise.document import NormaliseConfig, Outcome, Recorder
from publish.normalise.joining import strongly_open
from publish.text.chars import PARAGRAPH_END, ends_sentence
from publish.text.names import is_author_field
from publish.text.shapes import (
    is_author_note,
    is_byline,
    is_source_note,
    starts_continuation,
)

_MIN_WIDTH = 10  # shorter lines say nothing about the measure
_MAX_MEASURE = 48  # wider "lines" are paragraphs of a one-paragraph-per-line text
_MIN_LINES = 12
_SHARE = 0.45  # of the lines at least _MIN_WIDTH wide, this many sit at the measure
_SLACK = 1.5  # a full line may fall short of the measure by this much (line-breaking rules)
_OVER = 4.5  # kinsoku and stray spaces push a line past the measure; more is not this measure
_INDENTED_SHARE = 0.08  # this share of indented lines: paragraphs open with an indent
_SKIP_TAGS = frozenset({Tag.FRONT, Tag.MASTHEAD, Tag.TABLE, Tag.LEADER, Tag.COLUMN_LABEL})


def width(text: str) -> float:
    """Printed width in ems: Chinese characters and full-width forms one, the rest half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _size(text: str) -> float:
    """The larger of the character count and the printed width: OCR tools and generators
    disagree on how wide a digit is."""
    return max(float(len(text)), width(text))


@dataclass(frozen=True, slots=True)
class Measure:
    ems: float  # the measure the text is set to
    indents: bool  # paragraphs open with an indent (else after a blank line)

    def full(self, line: Line) -> bool:
        """A line that fills the measure (a wider one was never set to it: a note, a
        paragraph the OCR kept whole)."""
        return self.ems - _SLACK <= _size(line.text) <= self.ems + _OVER


def _body(lines: Document) -> list[Line]:
    return [x for x in lines if x.kind is LineKind.TEXT and not (x.tags & _SKIP_TAGS)]


def measure(lines: Document) -> Measure | None:
    """The measure a hard-wrapped text is set to, or None when it is not hard-wrapped."""
    body = _body(lines)
    sizes = [round(_size(x.text)) for x in body if _size(x.text) >= _MIN_WIDTH]
    if len(sizes) < _MIN_LINES:
        return None
    counts = Counter(sizes)
    best, hits = max(
        ((w, counts[w] + counts[w + 1] + counts[w - 1]) for w in counts),
        key=lambda pair: (pair[1], pair[0]),
    )
    if best > _MAX_MEASURE or hits < max(_MIN_LINES, _SHARE * len(sizes)):
        return None
    # Kinsoku moves a mark onto a line (one more) as often as a character off it.
    ems = float(max(w for w in (best - 1, best, best + 1) if counts[w]))
    indented = sum(1 for x in body if x.has(Tag.INDENTED))
    return Measure(ems - 1, indents=indented >= _INDENTED_SHARE * len(body))


def _continues(first: Line, second: Line, third: Line | None, m: Measure) -> bool:
    """Whether `second` goes on with the paragraph whose printed line `first` is (`third`:
    the line after `second`)."""
    if not _may_join(first, second, m):
        return False
    if m.indents and second.has(Tag.INDENTED):
        return False  # a new paragraph opens with an indent
    if ends_sentence(first.text) and not _ends_paragraph(second.text):
        # After a sentence end, a line that ends no sentence and is the last of its paragraph
        # (short, or a new paragraph follows) cannot be running text: a heading.
        # (Not across a blank line: a page break may cut the paragraph right there.)
        last = third is None or (m.indents and third.has(Tag.INDENTED) and not third.blank_before)
        if not m.full(second) or last:
            return False
    if second.blank_before == 0:
        return m.indents or not ends_sentence(first.text)
    # Across a blank line (a page break, or paragraphs set apart by blank lines): only when
    # the paragraph cannot have ended there.
    if m.indents:
        return not ends_sentence(first.text)
    return strongly_open(first.text) or starts_continuation(second.text)


def _ends_paragraph(text: str) -> bool:
    return text[-1:] in PARAGRAPH_END


def _may_join(first: Line, second: Line, m: Measure) -> bool:
    """Two printed lines of running text, the first filling the measure."""
    if first.tags & _SKIP_TAGS or second.tags & _SKIP_TAGS or first.end_mark:
        return False
    if second.kind is not LineKind.TEXT or not m.full(first):
        return False
    return not (_stands_alone(first.text) or _stands_alone(second.text))


def _stands_alone(text: str) -> bool:
    """A byline, a subtitle or a note under a title as long as the measure: its own line."""
    return (
        is_byline(text)
        or text.startswith(("——", "—", "──"))
        or is_source_note(text)
        or is_author_note(text)
        or (len(text) <= 12 and is_author_field(text))
    )


def _merge(first: Line, second: Line) -> Line:
    space = " " if first.text[-1:].isascii() and second.text[:1].isascii() else ""
    return replace(
        first,
        text=f"{first.text}{space}{second.text}",
        origin=first.origin + second.origin,
        end_mark=second.end_mark,
        tags=(first.tags | second.tags) - {Tag.INDENTED} | (first.tags & {Tag.INDENTED}),
    )


def unwrap_lines(lines: Document, _config: NormaliseConfig) -> Outcome:
    rec = Recorder("J299", "unwrap-hard-wrapped")
    m = measure(lines)
    if m is None:
        return rec.outcome(lines)
    rec.flag(
        None,
        f"hard-wrapped text (measure about {m.ems + 1:.0f} characters): lines unwrapped",
        Level.INFO,
    )
    out: list[Line] = []
    tail: Line | None = None  # the last printed line of the paragraph being built
    for index, line in enumerate(lines):
        third = lines[index + 1] if index + 1 < len(lines) else None
        if tail is not None and out and _continues(tail, line, third, m):
            rec.change(out[-1].first, ChangeKind.JOIN, f"{tail.text[-8:]}⏎{line.text[:8]}", "")
            out[-1] = _merge(out[-1], line)
        else:
            out.append(line)
        tail = line
    return rec.outcome(out)
