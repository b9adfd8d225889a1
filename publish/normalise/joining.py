"""Re-join paragraphs that the page or column layout broke in two.

The OCR puts a blank line wherever the print had a page or column break, so a paragraph that
ran over a break arrives as two "paragraphs". The halves are joined with no space (this is
Chinese text). Evidence, strongest first:

* the first half leaves a quotation or bracket open, or ends with a comma or pause mark;
* the second half starts with a mark no paragraph starts with (`，` `”` `）` …), or with a
  tiny sentence (`灯。选准……`) that can only be the end of a word;
* the first half is running text (it has sentence punctuation inside) and has no ending.

Never joined: a heading, a byline, a source note, a line with an end mark, anything onto which
the next line starts a `——` paragraph or a numbered item. A running-text line that stops
mid-sentence before such a line is flagged as possibly truncated instead.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum, auto
from itertools import pairwise

import regex

from publish.fixes import squeeze
from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.model import Level
from publish.normalise.document import NormaliseConfig, Outcome, Recorder
from publish.normalise.vocabulary import vocabulary
from publish.text.chars import (
    bracket_balance,
    ends_sentence,
    fold_loose,
    open_quotations,
    quote_balance,
)
from publish.text.names import dateline_credit
from publish.text.shapes import (
    DANGLING_END,
    first_sentence,
    is_attribution,
    is_author_note,
    is_bio,
    is_byline,
    is_closed,
    is_enumerated,
    is_source_note,
    looks_like_heading,
    starts_continuation,
)

# (caption, footnote, bold and code: blocks a markdown or HTML input marks as such)
_NEVER_JOIN_TAGS = frozenset(
    {
        Tag.FRONT,
        Tag.BULLET,
        Tag.COLUMN_LABEL,
        Tag.TABLE,
        Tag.HEADING,
        Tag.CAPTION,
        Tag.FOOTNOTE,
        Tag.BOLD,
        Tag.CODE,
    }
)
_LATIN_END = regex.compile(r"[A-Za-z]$")
_LATIN_START = regex.compile(r"^[A-Za-z]")


class Verdict(Enum):
    JOIN = auto()
    KEEP = auto()
    TRUNCATED = auto()  # first half stops mid-sentence but the next line cannot continue it


def _fixed(line: Line) -> bool:
    """Lines that are never the first half of a join."""
    return (
        line.kind is not LineKind.TEXT
        or bool(line.end_mark)
        or bool(line.tags & _NEVER_JOIN_TAGS)
        or is_byline(line.text)
        or is_source_note(line.text)
        or is_author_note(line.text)
    )


def _cannot_continue(line: Line) -> bool:
    """Lines that are never the second half of a join."""
    text = line.text
    return (
        line.kind is not LineKind.TEXT
        or bool(line.tags & (_NEVER_JOIN_TAGS | {Tag.LIST}))
        or text.startswith(("——", "—"))
        or is_enumerated(text)
        or is_byline(text)
        or is_source_note(text)
        or is_author_note(text)
        or dateline_credit(text) is not None  # `本报讯（记者 张三）……` opens a report
    )


def _tiny_first_sentence(text: str) -> bool:
    """`灯。选准……`: a first 'sentence' of a few characters is the tail of a broken word."""
    head = first_sentence(text)
    return (
        len(head) <= 5
        and head[-1:] == "。"  # `怎么办？` opens a paragraph; `灯。` ends a broken word
        and not any(c in head for c in "，,“")
        and not text.startswith("“")
    )


def strongly_open(text: str) -> bool:
    """A quotation or bracket left open, or a comma or pause mark at the end."""
    return (
        open_quotations(text) > 0 or bracket_balance(text) > 0 or text.endswith(("，", ",", "、"))
    )


class Headings:
    """What the document itself says about its lines: the titles its contents prints (a body
    line that repeats one is a heading) and its vocabulary (a character pair across a break
    that is one of its words re-joins the word)."""

    def __init__(self, lines: Document) -> None:
        front = [fold_loose(x.text) for x in lines if x.has(Tag.FRONT)]
        # A contents title wrapped over two lines is printed on one in the body.
        self._keys = (*front, *(a + b for a, b in pairwise(front)))
        self.vocab = vocabulary(lines)

    def listed(self, text: str) -> bool:
        key = fold_loose(text)
        return len(key) >= 6 and any(key in k for k in self._keys)


def _heading(text: str, headings: Headings) -> bool:
    return (looks_like_heading(text) and not DANGLING_END.search(text)) or headings.listed(text)


def judge(first: Line, second: Line, headings: Headings) -> Verdict:  # noqa: PLR0911 - a decision list
    """Should `second` continue the paragraph `first`?"""
    a, b = first.text, second.text
    if _fixed(first):
        return Verdict.KEEP
    # An ellipsis may open a paragraph (`……` alone marks omitted text); a comma may not.
    alone = b.strip("…") == ""
    ellipsis_paragraph = b.startswith("…") and (alone or is_closed(a) or looks_like_heading(a))
    if starts_continuation(b) and not _cannot_continue(second) and not ellipsis_paragraph:
        return Verdict.JOIN
    if is_closed(a) and not strongly_open(a):
        return Verdict.KEEP
    if _cannot_continue(second):
        running = not _heading(a, headings) and not is_attribution(a)
        return Verdict.TRUNCATED if running and len(a) >= 10 else Verdict.KEEP
    if headings.listed(a):
        return Verdict.KEEP
    if strongly_open(a) or _tiny_first_sentence(b) or _fragment(a, b, headings):
        return Verdict.JOIN
    if _heading(a, headings):
        return Verdict.KEEP
    if looks_like_heading(b) and len(b) <= 25:
        return Verdict.TRUNCATED
    return Verdict.JOIN


# A heading never ends with a function word; a text cut by a page break often does.
_FUNCTION_END = regex.compile(r"[的和与及或把被]$")
_ONE_CHAR_CLAUSE = regex.compile(r"^\p{Han}[，、；：,;:]")
_OPENERS = frozenset("是对好但而并且又再也可如若因故即则")
STRONG_PAIR = 4.0  # PMI of a character pair that is a word of the issue (`停歇`, `首届`)
_MIN_TEXT = 5000  # character pairs in the document before its statistics count
_MIN_SEEN = 3  # times the pair is printed elsewhere


def _fragment(a: str, b: str, headings: Headings) -> bool:
    """`…探索新路子的脚步从未停` ⏎ `歇，又从…`: a heading-like first half is the end of a page,
    not a heading, when it stops on a function word, when the second half opens with a
    one-character clause (no paragraph does), or when the pair across the break is one of
    the issue's words."""
    if headings.listed(a) or not b or is_enumerated(a) or " " in a or a.startswith("—"):
        return False  # numbered headings, phrases set apart, subtitles: headings
    if _FUNCTION_END.search(a) and len(a) >= 6:
        return True
    if _ONE_CHAR_CLAUSE.match(b) and b[0] not in _OPENERS:
        return True
    vocab = headings.vocab
    if vocab.total < _MIN_TEXT or vocab.pairs[a[-1:] + b[:1]] < _MIN_SEEN:
        return False  # too little text, or too rare a pair, for its statistics to say much
    return vocab.association(a[-1], b[0]) >= STRONG_PAIR


def _glue(a: str, b: str) -> str:
    # Chinese joins take no space; a Latin word broken over the lines keeps its space.
    space = " " if _LATIN_END.search(a) and _LATIN_START.search(b) else ""
    return a + space + b


def merge_lines(first: Line, second: Line) -> Line:
    """Two lines as one paragraph: their texts glued, their origins kept."""
    return replace(
        first,
        text=_glue(first.text, second.text),
        origin=first.origin + second.origin,
        end_mark=second.end_mark,
        tags=(first.tags | second.tags) - {Tag.INDENTED},
        cells=(),
    )


def _kept(current: Line, nxt: Line, kept: tuple[tuple[str, str], ...]) -> bool:
    """An editor's keep-break fix names this break (its two ends, spaces ignored)."""
    if not kept:
        return False
    end, start = squeeze(current.text), squeeze(nxt.text)
    return any(end.endswith(a) and start.startswith(b) for a, b in kept)


def join_broken_paragraphs(lines: Document, config: NormaliseConfig) -> Outcome:
    rec = Recorder("J301", "join-broken-paragraph")
    headings = Headings(lines)
    out: list[Line] = []
    pending = list(lines)
    index = 0
    while index < len(pending):
        current = pending[index]
        index += 1
        held: list[Line] = []  # captions/bios lifted out of the paragraph, emitted after it
        while index < len(pending):
            nxt = pending[index]
            after = pending[index + 1] if index + 1 < len(pending) else None
            if after is not None and _displaced(current, nxt, after, headings):
                _record_join(rec, current, after)
                current = merge_lines(current, after)
                if _is_caption(nxt):
                    rec.change(nxt.first, ChangeKind.DROP, nxt.text, "")
                else:
                    rec.change(nxt.first, ChangeKind.EDIT, nxt.text, "(moved after the paragraph)")
                    held.append(nxt.tagged(Tag.DISPLACED if is_bio(nxt.text) else Tag.DECK))
                index += 2
                continue
            kept = _kept(current, nxt, config.kept_breaks)
            verdict = Verdict.KEEP if kept else judge(current, nxt, headings)
            if verdict is Verdict.JOIN:
                _record_join(rec, current, nxt)
                current = merge_lines(current, nxt)
                index += 1
                continue
            if verdict is Verdict.TRUNCATED:
                rec.flag(
                    current.origin[-1],
                    f"paragraph stops mid-sentence (…{current.text[-10:]}); text may be lost",
                    Level.WARNING,
                )
            break
        out.append(current)
        out.extend(held)
    return rec.outcome(out)


def _record_join(rec: Recorder, first: Line, second: Line) -> None:
    rec.change(first.first, ChangeKind.JOIN, f"{first.text[-8:]}⏎{second.text[:8]}", "")


_HEADLINE_BREAK = regex.compile(r"\p{Han}[ ，,]\s*\p{Han}")


def _is_caption(line: Line) -> bool:
    """A lifted line without headline structure (no phrase break) describes a lost photo;
    one with a phrase break (`……大爱无疆 书写……`) is a displaced deck and is kept."""
    return not is_bio(line.text) and _HEADLINE_BREAK.search(line.text) is None


def _caption_like(line: Line) -> bool:
    text = line.text
    return (
        line.blank_before >= 2 and len(text) <= 60 and "。" not in text and not ends_sentence(text)
    )


def _displaced(current: Line, candidate: Line, after: Line, headings: Headings) -> bool:
    """A caption (in an image hole) or a profile bio sits between two halves of a paragraph."""
    a = current.text
    if _fixed(current) or is_closed(a) or _heading(a, headings):
        return False
    if not (_caption_like(candidate) or is_bio(candidate.text)):
        return False
    if quote_balance(a) > 0 and quote_balance(candidate.text) < 0:
        return False  # the candidate itself closes the open quotation
    return _strongly_continues(current, after, headings)


def _strongly_continues(first: Line, second: Line, headings: Headings) -> bool:
    """Evidence strong enough to join across an intervening line."""
    if _cannot_continue(second):
        return False
    a, b = first.text, second.text
    closes_quote = quote_balance(a) > 0 and quote_balance(b) < 0
    closes_bracket = bracket_balance(a) > 0 and bracket_balance(b) < 0
    return (
        closes_quote
        or closes_bracket
        or starts_continuation(b)
        or _tiny_first_sentence(b)
        or (not _heading(a, headings) and not looks_like_heading(b) and second.blank_before >= 1)
    )
