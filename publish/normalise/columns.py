"""Put interleaved columns back in reading order.

A two-column spread read column by column interleaves two articles: article A stops mid-word
at the foot of a column, article B starts, and A's text goes on a few paragraphs later —
sometimes alternating again. Such a region starts where a paragraph is left open right before
a new article's header (a column label, or a heading over a byline).

Inside the region every open paragraph end is paired with the line that continues it. The
evidence is the issue's own vocabulary: the character pair formed across the break (`资|源`,
`革|命`, `打|造`) is common elsewhere in the text when the pairing is right and absent when
it is wrong. Lines following their open predecessor get a small bonus (the usual case). The
lines are then re-threaded so that every continuation follows its paragraph, and J301 joins
them as usual.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.model import Level
from publish.normalise.document import NormaliseConfig, Outcome, Recorder
from publish.normalise.joining import Headings
from publish.normalise.vocabulary import Vocabulary
from publish.text.names import is_author_field
from publish.text.shapes import (
    is_author_note,
    is_byline,
    is_closed,
    is_source_note,
    looks_like_heading,
    starts_continuation,
)

WINDOW = 40  # lines a region may span
CONTIGUOUS_BONUS = 0.5
# Pointwise mutual information of the character pair across a break above which the pair is a
# word of the issue (`资源`, `革命`: ~5–6); below it only a stranded continuation may move.
STRONG_PAIR = 4.0


def _is_header_at(lines: Document, i: int) -> bool:
    """A new article starts at `i`: a column label, or a heading over a byline."""
    line = lines[i]
    if line.has(Tag.COLUMN_LABEL):
        return True
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return (
        nxt is not None
        and looks_like_heading(line.text)
        and (is_byline(nxt.text) or (is_author_field(nxt.text) and looks_like_heading(nxt.text)))
    )


def _is_open(line: Line, headings: Headings) -> bool:
    text = line.text
    return (
        not headings.listed(text)
        and line.kind is LineKind.TEXT
        and not line.end_mark
        and not line.has(Tag.FRONT)
        and not is_closed(text)
        and not looks_like_heading(text)
        and not is_source_note(text)
        and not is_author_note(text)
    )


def _ends_stream(line: Line) -> bool:
    return bool(line.end_mark) or is_source_note(line.text) or is_author_note(line.text)


@dataclass(frozen=True, slots=True)
class Region:
    start: int
    end: int  # exclusive


def find_regions(lines: Document, headings: Headings) -> list[Region]:
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        header_at = next(
            (k for k in (i + 1, i + 2) if k < len(lines) and _is_header_at(lines, k)), None
        )
        if _is_open(line, headings) and header_at is not None:
            # The region runs to the next article header after this one (or the window).
            end = min(len(lines), i + WINDOW)
            for k in range(header_at + 2, end):
                if _is_header_at(lines, k):
                    end = k
                    break
            regions.append(Region(i, end))
            i = end
            continue
        i += 1
    return regions


def _candidates(lines: Document, region: Region, headings: Headings) -> list[int]:
    """Lines that may continue an open paragraph: after an open line, or after a line that
    closed its article (end mark, note) while another paragraph is still open."""
    out = []
    for k in range(region.start + 1, region.end):
        prev, line = lines[k - 1], lines[k]
        if (
            looks_like_heading(line.text)
            or line.has(Tag.COLUMN_LABEL)
            or line.kind is not LineKind.TEXT
        ):
            continue
        if _is_open(prev, headings) or _ends_stream(prev):
            out.append(k)
    return out


def _evidence(vocab: Vocabulary, end: Line, start: Line) -> float:
    """How strongly the character pair across a break says these two lines belong together."""
    return vocab.association(end.text[-1:], start.text[:1])


@dataclass(frozen=True, slots=True)
class _Context:
    lines: Document
    headings: Headings
    vocab: Vocabulary

    def open(self, k: int) -> bool:
        return 0 <= k < len(self.lines) and _is_open(self.lines[k], self.headings)

    def continues(self, k: int) -> bool:
        line = self.lines[k] if 0 <= k < len(self.lines) else None
        return line is not None and line.kind is LineKind.TEXT and not _starts_article(self, k)

    def natural(self, end: int, start: int) -> float:
        """Evidence for the pairing the page order suggests (-1 when there is none)."""
        if not self.open(end) or not self.continues(start):
            return -1.0
        return _evidence(self.vocab, self.lines[end], self.lines[start])


def _starts_article(ctx: _Context, k: int) -> bool:
    line = ctx.lines[k]
    return (
        looks_like_heading(line.text) or line.has(Tag.COLUMN_LABEL) or _is_header_at(ctx.lines, k)
    )


def _move_allowed(ctx: _Context, end: int, start: int) -> bool:
    """Pairing across other lines must beat both pairings it breaks: the open end with its own
    next line, and the continuation with its own previous line. With no evidence either way,
    a continuation printed right after another article's end may still take a lone open end.
    (Regions themselves need strong evidence: see `find_regions`.)"""
    cross = _evidence(ctx.vocab, ctx.lines[end], ctx.lines[start])
    broken = max(ctx.natural(end, end + 1), ctx.natural(start - 1, start))
    stranded = _ends_stream(ctx.lines[start - 1]) or starts_continuation(ctx.lines[start].text)
    if cross >= STRONG_PAIR:
        return cross > broken  # `资|源`, `革|命`: the issue's own words say so
    if stranded:
        return cross > broken or broken <= 0
    return False  # weak evidence: single-column prose is never reordered on it


def solve(lines: Document, region: Region, vocab: Vocabulary, headings: Headings) -> dict[int, int]:
    """Pair open ends with continuation lines (end index -> line index), strongest first."""
    ctx = _Context(lines, headings, vocab)
    ends = [k for k in range(region.start, region.end) if ctx.open(k)]
    starts = _candidates(lines, region, headings)
    scored = sorted(
        (
            -(_evidence(vocab, lines[e], lines[s]) + (CONTIGUOUS_BONUS if s == e + 1 else 0.0)),
            e,
            s,
        )
        for e in ends
        for s in starts
        if s > e and (s == e + 1 or _move_allowed(ctx, e, s))
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _neg, end, start in scored:
        if end not in pairs and start not in taken:
            pairs[end] = start
            taken.add(start)
    return pairs


def _closes_stream(lines: Document, k: int) -> bool:
    """A stream (one article's column text) ends at its last note, or at its end mark when no
    note follows."""
    line = lines[k]
    if is_source_note(line.text) or is_author_note(line.text):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        return nxt is None or not (is_source_note(nxt.text) or is_author_note(nxt.text))
    if line.end_mark:
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        return nxt is None or not (is_source_note(nxt.text) or is_author_note(nxt.text))
    return False


def rethread(lines: Document, region: Region, pairs: dict[int, int]) -> list[int]:
    """Reading order of the region's lines once every continuation follows its paragraph.

    Each stream is followed from its first unvisited line: to the paired continuation after an
    open end, else to the next line, until it reaches another paragraph's continuation or the
    end of its article (end mark, notes); then the next unvisited line starts a stream.
    """
    targets = set(pairs.values())
    visited: set[int] = set()
    order: list[int] = []
    for first in range(region.start, region.end):
        k = first
        while region.start <= k < region.end and k not in visited:
            if k != first and k in targets and pairs.get(order[-1]) != k:
                break  # another paragraph's continuation: this stream pauses here
            visited.add(k)
            order.append(k)
            if k in pairs:
                k = pairs[k]
            elif _closes_stream(lines, k):
                break
            else:
                k += 1
    return order


def deinterleave(lines: Document, _config: NormaliseConfig) -> Outcome:
    rec = Recorder("J300", "deinterleave-columns")
    headings = Headings(lines)
    regions = find_regions(lines, headings)
    if not regions:
        return rec.outcome(lines)
    vocab = headings.vocab
    out = list(lines)
    for region in reversed(regions):  # from the end, so earlier indices stay valid
        pairs = solve(lines, region, vocab, headings)
        moved = {e: s for e, s in pairs.items() if s != e + 1}
        if not moved:
            continue
        order = rethread(lines, region, pairs)
        for end, start in sorted(moved.items()):
            rec.change(
                lines[start].first,
                ChangeKind.EDIT,
                lines[start].text[:10],
                f"(moved after line {lines[end].origin[-1]}: continues …{lines[end].text[-6:]})",
            )
            rec.flag(
                lines[start].first,
                f"column text reordered: line {lines[start].first} continues line"
                f" {lines[end].origin[-1]}",
                Level.INFO,
            )
        out[region.start : region.end] = [_dedupe(lines, k, moved, vocab, rec) for k in order]
    return rec.outcome(out)


def _dedupe(
    lines: Document, k: int, moved: dict[int, int], vocab: Vocabulary, rec: Recorder
) -> Line:
    """`……短板。”为⏎为了让……`: a character printed on both sides of a moved break, where
    the doubled pair never occurs in the issue, was printed twice."""
    line = lines[k]
    end = next((e for e, s in moved.items() if s == k), None)
    if end is None or len(line.text) < 2:
        return line
    last = lines[end].text[-1:]
    if last == line.text[:1] and vocab.pairs[last * 2] == 0:
        rec.change(line.first, ChangeKind.EDIT, line.text[:6], line.text[1:6])
        rec.flag(line.first, f"“{last}” printed on both sides of a column break; kept once")
        return line.with_text(line.text[1:])
    return line
