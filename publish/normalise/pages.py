"""Printed-page furniture: folios, running heads and show-through printed inside broken
paragraphs (F211), and 下转/上接 page-jump markers (F212).

A running head is recognised by what the issue itself prints — its name, its columns, the
titles of its articles — and by standing between two halves of a sentence; a folio by its shape
there. Every dropped line is reported.
"""

from __future__ import annotations

from collections import Counter

import regex

from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.normalise.document import (
    NormaliseConfig,
    Outcome,
    Recorder,
    Sink,
    drop_where,
    text_index,
    text_neighbours,
)
from publish.text.chars import ISSUE_YEAR, PROSE_PUNCT, ends_sentence
from publish.text.names import is_author_field
from publish.text.shapes import DECORATED_FOLIO, SENTENCE_MARK, is_enumerated, looks_like_heading

# --- page furniture ------------------------------------------------------------------------------

_BARE_FOLIO = regex.compile(r"^\d{1,3}$")
_MID_PARAGRAPH_MIN = 20  # a line this long that stops mid-sentence: its paragraph goes on
# Exactly a magazine's name and an issue (`天津支部生活 2023年第11期（下半月）`), anywhere in the
# body: a running head even between two finished paragraphs.
_ISSUE = rf"{ISSUE_YEAR}\s*年\s*第\s*\d{{1,3}}\s*期(?:\s*[（(]?[上下]半月[）)]?)?"
# `示范党员 2024年第5期`, `2024.05 示范党员`: a running head (magazine and issue) in a line.
_RUNNING_HEAD = regex.compile(rf"{_ISSUE}|(?<!\d)\d{{4}}\s*[.．/]\s*\d{{1,2}}(?!\d)")
_HEAD_SHAPE = regex.compile(rf"^[\p{{Han}}·]{{2,12}}\s*{_ISSUE}$|^{_ISSUE}\s*[\p{{Han}}·]{{2,12}}$")


def _furniture_shaped(line: Line) -> bool:
    text = line.text.strip()
    if DECORATED_FOLIO.match(text) or _BARE_FOLIO.match(text) or _show_through(text):
        return True
    return len(text) <= 30 and _RUNNING_HEAD.search(text) is not None


def _breaks_a_paragraph(lines: Document, index: int) -> bool:
    """The text line before (past other folios and heads) is running text that stops
    mid-sentence, and running text follows: the line sits inside a broken paragraph. A
    contents or masthead line is no paragraph; a heading after it starts something new."""
    at = text_index(lines, index, -1)
    while at is not None and _furniture_shaped(lines[at]):
        at = text_index(lines, at, -1)
    after = text_index(lines, index, 1)
    while after is not None and _furniture_shaped(lines[after]):
        after = text_index(lines, after, 1)
    if at is None or after is None or lines[at].has(Tag.FRONT) or lines[at].has(Tag.MASTHEAD):
        return False
    before = lines[at].text
    if looks_like_heading(lines[after].text) and not _furniture_shaped(lines[after]):
        return False  # a kicker over a title, not a running head inside a paragraph
    if looks_like_heading(before):
        return False  # a title before it: a byline or a deck under the title
    running = len(before) >= _MID_PARAGRAPH_MIN or SENTENCE_MARK.search(before) is not None
    return running and not ends_sentence(before)


_REPEATS = 3  # a short line printed this often inside paragraphs is a running head
_TITLE_MAX = 45  # a title repeated as a running head
_LONG_TITLE = 8  # a repeat this long is a title, never a column label printed again
_HEAD_REACH = 150  # lines: a running head repeats the title of the article it is printed in
_HEAD_MAX = 30
_NAME_MAX = 12  # a magazine's or column's name on the front page, printed again as a head


_FIGURE = regex.compile(r"^[\d.,，%％\s]{1,12}$")


def _isolated_number(lines: Document, index: int) -> bool:
    """No neighbouring text line is a number or a short figure too."""
    return all(x is None or not _FIGURE.match(x.text) for x in text_neighbours(lines, index))


# Radicals and components printed alone: no word of running text is made of them, but
# show-through from the other side of the sheet reads as lines of them.
_COMPONENTS = frozenset(
    "丨丬亅乚乛亠冂冖冫凵刂勹匚卩厶廴彐彳忄扌犭纟阝丶丿乀乁乙乂亻冫夂夊宀屮巛廾彡癶灬爫疒礻衤钅"
)
_JUNK_MAX = 10


def _show_through(text: str) -> bool:
    """A short line made mostly of radicals and components (`匚彳勹凵`)."""
    chars = [c for c in text if not c.isspace()]
    if not chars or len(chars) > _JUNK_MAX:
        return False
    return sum(c in _COMPONENTS for c in chars) >= 0.6 * len(chars)


def _all_components(text: str) -> bool:
    """Nothing but radicals (`廴亅忄乛`): show-through wherever it stands."""
    chars = [c for c in text if not c.isspace()]
    return 2 <= len(chars) <= _JUNK_MAX and all(c in _COMPONENTS for c in chars)


def _is_page_furniture(
    lines: Document,
    index: int,
    repeated: frozenset[str],
    titles: dict[str, int],
    names: frozenset[str],
) -> bool:
    if any(lines[index].has(tag) for tag in (Tag.FRONT, Tag.MASTHEAD, Tag.LEADER, Tag.TABLE)):
        return False  # contents and masthead lines: their numbers are page references
    text = lines[index].text.strip()
    if DECORATED_FOLIO.match(text) or _HEAD_SHAPE.match(text) or _all_components(text):
        return True
    if _BARE_FOLIO.match(text) and _isolated_number(lines, index):
        return True  # a page number between paragraphs (a column of figures has neighbours)
    first = titles.get(_fold_key(text), index)
    if (
        len(text) >= _LONG_TITLE
        and index - _HEAD_REACH <= first < index
        and not is_enumerated(text)
    ):
        # A long title printed again lower down, inside its article: the running head at the
        # top of a page (unless a title follows it: then it heads something new).
        after = text_index(lines, index, 1)
        return after is not None and not looks_like_heading(lines[after].text)
    shaped = (
        _BARE_FOLIO.match(text) is not None
        or text in repeated
        or _show_through(text)
        or titles.get(_fold_key(text), index) < index  # a title printed again: a running head
        or (
            len(text) <= _HEAD_MAX
            and not PROSE_PUNCT.search(text)
            and _RUNNING_HEAD.search(text) is not None
        )
    )
    named = _fold_key(text) in names  # the magazine's or a column's name, as the front prints it
    # The context is read only for lines shaped like furniture (cheap tests first).
    return (shaped or named) and _breaks_a_paragraph(lines, index)


def drop_page_furniture(lines: Document, config: NormaliseConfig) -> Outcome:
    """Folios and running heads printed between the halves of a paragraph broken at a page."""
    counts = Counter(x.text.strip() for x in lines if x.kind is LineKind.TEXT)
    repeated = frozenset(
        text
        for text, n in counts.items()
        if n >= _REPEATS and len(text) <= _HEAD_MAX and not PROSE_PUNCT.search(text)
    )
    titles = {
        key: index
        for key, index in _first_body_lines(lines).items()
        if len(key) <= _TITLE_MAX and not SENTENCE_MARK.search(key)
    }
    names = frozenset(
        _fold_key(x.text)
        for x in lines
        if x.has(Tag.FRONT)
        and len(x.text) <= _NAME_MAX
        and not any(c.isdigit() for c in x.text)
        and not is_author_field(x.text)  # an author the contents names is a byline
    )
    rule = drop_where(
        "F211",
        "page-furniture",
        lambda d, i: _is_page_furniture(d, i, repeated, titles, names),
    )
    return rule(lines, config)


def _fold_key(text: str) -> str:
    return "".join(text.split())


def _first_body_lines(lines: Document) -> dict[str, int]:
    """Where each body line is first printed, and each run of two or three lines (a title
    printed over them is repeated on one line as a running head); the contents does not
    count."""
    body = [
        (index, x)
        for index, x in enumerate(lines)
        if x.kind is LineKind.TEXT and not x.has(Tag.FRONT) and not x.has(Tag.MASTHEAD)
    ]
    first: dict[str, int] = {}
    for n, (index, x) in enumerate(body):
        key = _fold_key(x.text)
        first.setdefault(key, index)
        for following in body[n + 1 : n + 3]:
            key += _fold_key(following[1].text)
            first.setdefault(key, index)
    return first


# `（下转第12页）` / `（上接第5页）`: an article continued on a later page. The markers go (the
# report keeps them); the lines keep `jump-to` / `jump-from` tags so the structure stage can put
# the continuation back at the end of its article.
_JUMP_TO = regex.compile(
    r"[（(]\s*(?:下转|转|转至|转下页|接下页)\s*(?:第\s*)?\d{0,3}\s*(?:页|版)?\s*[）)]"
)
_JUMP_FROM = regex.compile(
    r"[（(]\s*(?:上接|接|续|承)\s*(?:第\s*)?\d{1,3}\s*(?:页|版)\s*[）)]|[（(]\s*接上页\s*[）)]"
)


def _mark_jump(lines: list[Line], index: int, rec: Recorder) -> bool:
    """Strip a jump marker from line `index` and tag where the article breaks off or resumes;
    True when the whole line was the marker (it is then dropped)."""
    line = lines[index]
    to, frm = _JUMP_TO.search(line.text), _JUMP_FROM.search(line.text)
    found = to or frm
    if found is None:
        return False
    rest = (line.text[: found.start()] + line.text[found.end() :]).strip()
    tag = Tag.JUMP_TO if to else Tag.JUMP_FROM
    if rest:
        rec.change(line.first, ChangeKind.MARK, line.text, rest)
        lines[index] = line.with_text(rest).tagged(tag)
        return False
    rec.change(line.first, ChangeKind.DROP, line.text, "")
    # The text broke off on the line before a `下转` line, resumes on the line after a `上接` one.
    neighbour = text_index(lines, index, -1 if to else 1)
    if neighbour is not None:
        lines[neighbour] = lines[neighbour].tagged(tag)
    return True


def page_jumps(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`（下转第12页）` and `（上接第5页）` markers of articles continued on another page."""
    rec = Recorder("F212", "page-jump")
    work = list(lines)
    dropped = {
        i for i in range(len(work)) if work[i].kind is LineKind.TEXT and _mark_jump(work, i, rec)
    }
    sink = Sink()
    for index, line in enumerate(work):
        if index in dropped:
            sink.drop(line)
        else:
            sink.keep(line)
    return rec.outcome(sink.lines)


__all__ = ["drop_page_furniture", "page_jumps"]
