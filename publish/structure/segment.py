"""Body segmentation: where articles start, what their headers hold, where they end.

Evidence, strongest first:

1. a heading run that matches a printed contents entry (fuzzy; see match.py);
2. a heading followed by a byline (`文 / 本刊记者 X`, `本报评论员`);
3. a column label (`·时评·`) or a short kicker (`高层`) in a digest column;
4. a heading right after an article's end (end mark, source note, author note).

In-article subheadings look exactly like titles; they fail all four tests, which is the point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from publish.front.page import ContentsItem, merge, unsplit
from publish.lines import Line, LineKind, Tag
from publish.model import Diagnostic, Level
from publish.structure.match import THRESHOLD, key, similarity
from publish.text.chars import ends_sentence
from publish.text.names import end_credit, is_author_field
from publish.text.shapes import (
    is_author_note,
    is_bio,
    is_byline,
    is_closed,
    is_enumerated,
    is_source_note,
    looks_like_heading,
)

MAX_TITLE_LINES = 4
PREFIX_SCORE = 0.85  # a contents title that is the first part of the body's
_LABEL = regex.compile(r"^[·•](\p{Han}{1,8})[·•]$")
# `开栏语：……` introduces a column: it belongs with the column's first article, not the last.
_COLUMN_INTRO = regex.compile(r"^(?:开栏语|编者按|编者的话)[：:]\S")
# A news kicker (引题) names the event: `……会议上强调`, `……召开会议`.
_NEWS_KICKER = regex.compile(
    r"(?:会议|会上|座谈会|大会|强调|指出|表示|讲话|召开|举行|部署|要求|提出)$"
)


@dataclass
class Start:
    """An article start: where its header begins and which lines hold the title."""

    head: int  # first header line (kicker/label/bio), index into body lines
    title: tuple[int, int]  # inclusive index range of the title lines
    item: ContentsItem | None = None
    score: float = 0.0
    cue: str = "contents"
    used: tuple[int, ...] = ()  # indices of the contents items this start accounts for


@dataclass
class Segmentation:
    starts: list[Start]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dropped: set[int] = field(default_factory=set)  # body indices of stranded captions


def is_heading_line(line: Line) -> bool:
    if line.kind is not LineKind.TEXT or line.end_mark or line.has(Tag.NOT_HEADING):
        return False
    if line.has(Tag.COLUMN_LABEL) or line.has(Tag.DECK) or line.has(Tag.HEADING):
        return True
    # A markdown/HTML input's caption, footnote or table row is never a heading.
    if line.has(Tag.CAPTION) or line.has(Tag.FOOTNOTE) or line.has(Tag.TABLE):
        return False
    return looks_like_heading(line.text) and not line.has(Tag.LIST)


def ends_article(line: Line) -> bool:
    text = line.text
    return (
        bool(line.end_mark)
        or is_source_note(text)
        or is_author_note(text)
        or end_credit(text) is not None  # `（张三）` under the last paragraph
    )


def heading_runs(body: list[Line], listed: set[int]) -> list[tuple[int, int]]:
    """All runs of 1–4 consecutive heading lines (candidate titles); a column label is a
    run of its own (`·学习笔记·` may be the title)."""
    runs: list[tuple[int, int]] = []
    for i, line in enumerate(body):
        if line.has(Tag.COLUMN_LABEL):
            runs.append((i, i))
            continue
        if not (is_heading_line(line) or i in listed) or _never_title(line):
            continue
        for j in range(i, min(i + MAX_TITLE_LINES, len(body))):
            heading = is_heading_line(body[j]) or j in listed
            if not heading or (j > i and breaks_title(body[j])) or (j > i and _byline_at(body, j)):
                break
            runs.append((i, j))
    return runs


def _byline_at(body: list[Line], j: int) -> bool:
    """A unit or names under a title is its byline (`泰州市直机关工委`) — unless the byline
    comes on the line after it, and this is the title's last line (`创建“四强”党支部`)."""
    if not is_author_field(body[j].text):
        return False
    nxt = body[j + 1] if j + 1 < len(body) else None
    if nxt is None:
        return True
    if is_author_field(nxt.text) or is_byline(nxt.text):
        return False
    # `强枢纽` ⏎ `着力推进……` ⏎ `雷丽 沈嘉`: the byline is further down; this is a title line.
    after = body[j + 2] if j + 2 < len(body) else None
    return not (
        after is not None
        and is_heading_line(nxt)
        and (is_author_field(after.text) or is_byline(after.text))
    )


def _never_title(line: Line) -> bool:
    """A credit or note in brackets (`（张三）`, `（来源：……）`), or a line that ends an
    article: never the first line of a title."""
    text = line.text
    return (text.startswith(("（", "(")) and text.endswith(("）", ")"))) or ends_article(line)


def _listed_lines(body: list[Line], items: list[ContentsItem]) -> set[int]:
    """Body lines whose whole text, alone or with the line or two after it, is a contents title
    (headings even when they have commas)."""
    keys = {key(item.title) for item in items}
    listed: set[int] = set()
    for i in range(len(body)):
        # `较真“账号”与“帐号”，` ⏎ `有积极意义`: a title with a comma, printed over two lines.
        for j in range(i, min(i + MAX_TITLE_LINES - 1, len(body))):
            joined = key("".join(line.text for line in body[i : j + 1]))
            if len(joined) >= 4 and joined in keys:
                listed.update(range(i, j + 1))
    return listed


def breaks_title(line: Line) -> bool:
    text = line.text
    return is_byline(text) or text.startswith("——") or line.has(Tag.COLUMN_LABEL)


def _label_or_text(body: list[Line], run: tuple[int, int]) -> str:
    label = _LABEL.match(body[run[0]].text)
    return label.group(1) if label and run[0] == run[1] else _run_text(body, run)


def _run_text(body: list[Line], run: tuple[int, int]) -> str:
    return " ".join(body[k].text for k in range(run[0], run[1] + 1))


def _candidates(
    items: list[ContentsItem], allow_merge: bool
) -> list[tuple[ContentsItem, tuple[int, ...]]]:
    """Contents items to look for, plus adjacent pairs when wrapped titles are possible."""
    out: list[tuple[ContentsItem, tuple[int, ...]]] = [(item, (n,)) for n, item in enumerate(items)]
    if allow_merge:
        for n in range(len(items) - 1):
            a, b = items[n], items[n + 1]
            if a.section == b.section:
                out.append((merge(a, b), (n, n + 1)))
    return out


def _item_keys(item: ContentsItem) -> list[str]:
    keys = [key(item.title)]
    if item.author_guessed and item.author:
        keys.append(key(f"{item.title}{item.author}"))
    return keys


def _score(item_key: str, run_key: str) -> float:
    """How well a contents title matches a body title: similar keys, or the contents printing
    the title's first part only (`敢闯敢干` for `敢闯敢干 强村富民`)."""
    score = similarity(item_key, run_key)
    prefix = len(item_key) >= 4 and run_key.startswith(item_key)
    long_enough = len(item_key) >= 0.35 * len(run_key)
    return PREFIX_SCORE if score < PREFIX_SCORE and prefix and long_enough else score


def match_contents(
    body: list[Line],
    items: list[ContentsItem],
    allow_merge: bool,
    skip: frozenset[int],
    sections: frozenset[str] = frozenset(),
) -> list[Start]:
    """Assign contents items to body heading runs: best scores first, no overlaps; a run
    never starts on a column name printed as a kicker."""
    runs = [
        run
        for run in heading_runs(body, _listed_lines(body, items))
        if run[0] == run[1] or key(body[run[0]].text) not in sections
    ]
    run_keys = {run: key(_label_or_text(body, run)) for run in runs}
    scored: list[tuple[float, int, tuple[int, ...], tuple[int, int], ContentsItem]] = []
    for item, used in _candidates(items, allow_merge):
        if skip & set(used):
            continue
        for n, item_key in enumerate(_item_keys(item)):
            # The second key re-attaches an "author" the name heuristics split off the title.
            candidate = item if n == 0 else unsplit(item)
            for run, run_key in run_keys.items():
                score = _score(item_key, run_key)
                if score >= THRESHOLD:
                    # Prefer exact matches, then whole pairs, then earlier runs.
                    scored.append((score + 0.001 * len(used), -run[0], used, run, candidate))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    taken_items: set[int] = set()
    taken_lines: set[int] = set()
    starts: list[Start] = []
    for score, _neg, used, run, item in scored:
        lines = set(range(run[0], run[1] + 1))
        if taken_items & set(used) or taken_lines & lines:
            continue
        taken_items.update(used)
        taken_lines.update(lines)
        starts.append(Start(head=run[0], title=run, item=item, score=min(score, 1.0), used=used))
    for start in starts:
        _take_title_rest(body, start, taken_lines, sections)
    return sorted(starts, key=lambda s: s.head)


# A news deck reports who did what (`蔡奇主持并讲话 李希出席并讲话`): it is no part of the title.
_NEWS_DECK = regex.compile(r"讲话|强调|指出|出席|主持|召开|举行|会见|表示|要求|致辞|批示")
_REST_MAX = 1.5  # the rest of a title is not much longer than its first line
_REST_SLACK = 4
_REST_FLOOR = 24  # … unless that line is very short (`重培育` ⏎ `强激励 促规范 让……`)


def _title_rest_line(body: list[Line], first: int, at: int, sections: frozenset[str]) -> bool:
    """Line `at` may go on with the title that starts at `first`: a heading of the same kind —
    not a byline, subtitle, deck, note, column name or numbered subheading."""
    line = body[at]
    text = line.text
    if not is_heading_line(line) or breaks_title(line) or _never_title(line):
        return False
    if is_enumerated(text) or is_author_field(text) or key(text) in sections:
        return False
    limit = max(_REST_MAX * len(body[first].text) + _REST_SLACK, _REST_FLOOR)
    if text.startswith(("——", "—", "（", "(")) or len(text) > limit:
        return False
    return _NEWS_DECK.search(text) is None


def _take_title_rest(
    body: list[Line], start: Start, taken: set[int], sections: frozenset[str]
) -> None:
    """A contents that prints only a title's first line (`学习讲深度` for the body's
    `学习讲深度` ⏎ `提质增效`): the line or two after the matched one go on with the title when
    they are headings of the same kind and the text (or a byline) follows them."""
    first, last = start.title
    if start.item is None or first != last:
        return
    if key(start.item.title) != key(body[first].text):
        return  # the contents prints more than this line: the match settled the title
    end = last
    while (
        end + 1 < len(body)
        and end + 1 - first < MAX_TITLE_LINES - 1
        and end + 1 not in taken
        and _title_rest_line(body, first, end + 1, sections)
    ):
        end += 1
    if end == last:
        return
    nxt = body[end + 1] if end + 1 < len(body) else None
    if nxt is not None and is_heading_line(nxt) and not _credit(nxt):
        return  # a heading follows too: a deck or a subheading, not the title's rest
    start.title = (first, end)
    taken.update(range(last + 1, end + 1))


def _credit(line: Line) -> bool:
    return is_byline(line.text) or is_author_field(line.text) or line.text.startswith(("——", "—"))


def extend_heads(body: list[Line], seg: Segmentation) -> None:
    """Pull kickers, column labels and profile bios printed above a title into its header;
    drop photo captions stranded between the previous article and the title."""
    claimed = {k for s in seg.starts for k in range(s.head, s.title[1] + 1)}
    for n, start in enumerate(seg.starts):
        previous_title = _run_text(body, seg.starts[n - 1].title) if n > 0 else ""
        k = start.head - 1
        while k >= 0 and k not in claimed:
            line = body[k]
            before = body[k - 1] if k > 0 else None
            if _printed_above_title(line, before, directly_above=k == start.head - 1):
                start.head = k
            elif _kicker_like(line) and _after_article(before):
                stranded = (
                    line.blank_before >= 2
                    and len(line.text) > 8
                    and not _NEWS_KICKER.search(line.text)
                )
                if not stranded:
                    start.head = k
                elif previous_title and _shares_term(line.text, previous_title):
                    # A deck printed after its article's end: it repeats the title's terms.
                    body[k] = line.tagged(Tag.DECK)
                    _note(seg, "S211", line, "deck of the article before, printed after its end")
                else:
                    seg.dropped.add(k)
                    _note(seg, "S210", line, "photo caption between articles dropped")
            else:
                break
            claimed.add(k)
            k -= 1


def _note(seg: Segmentation, code: str, line: Line, what: str) -> None:
    seg.diagnostics.append(Diagnostic(code, Level.INFO, line.first, f"{what}: {line.text[:30]}"))


_HAN_RUN_OF_3 = regex.compile(r"\p{Han}{3,}")


def _shares_term(text: str, title: str, size: int = 3) -> bool:
    """`红桥区凝聚多元力量服务西北角特色街区` repeats `特色街区` from its title."""
    grams = {
        run[i : i + size]
        for run in _HAN_RUN_OF_3.findall(title)
        for i in range(len(run) - size + 1)
    }
    return any(text[i : i + size] in grams for i in range(len(text) - size + 1))


def _printed_above_title(line: Line, before: Line | None, *, directly_above: bool) -> bool:
    """Column labels, profile bios and ledes belong to the article whose title follows."""
    if line.has(Tag.COLUMN_LABEL):
        return True
    if _COLUMN_INTRO.match(line.text):
        return before is None or ends_article(before) or is_closed(before.text)
    if is_bio(line.text):
        return before is None or is_closed(before.text) or ends_article(before)
    return directly_above and _is_lede(line, before)


def _is_lede(line: Line, before: Line | None) -> bool:
    """A paragraph printed above a title, right after the previous article's end: the lede of
    the article below it."""
    return (
        before is not None
        and ends_article(before)
        and not is_heading_line(line)
        and not ends_article(line)
        and is_closed(line.text)
    )


def _kicker_like(line: Line) -> bool:
    """A heading-like line that may sit above a title: not a byline, note or attribution."""
    text = line.text
    return (
        is_heading_line(line)
        and not is_byline(text)
        and not ends_article(line)
        and not text.startswith(("——", "—", "（", "("))
    )


def _after_article(line: Line | None) -> bool:
    return line is None or ends_article(line) or ends_sentence(line.text)
