"""The printed contents as entries: lines grouped into {section?, title on 1–3 lines, author?,
page?} by dynamic programming over the whole page.

Each line says what it may be (`lines.read_line`); which lines belong together is a choice over
the page: a short bare line is a column name or the first half of a wrapped title, a name list
under an entry is its author or another entry, a line without a page number is a title of its
own or part of the next one. Every way of grouping the lines gets a score — entries found in
the body score high (the body prints every title again), a page number where the page prints
them, column names where they are marked — and the best grouping wins. Without a body to
check against (a contents page alone), the shapes decide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import regex

from publish.front.entry import EntryParts, is_noise
from publish.front.lines import ContentsLine, Kind, section_name
from publish.front.masthead import is_phrase_line
from publish.front.page import (
    ContentsItem,
    Page,
    Row,
    TitleIndex,
    merge,
    read_rows,
    title_match,
    unsplit,
)
from publish.lines import Line
from publish.text.names import is_author_field, is_person_name
from publish.text.shapes import DANGLING_END

_COLUMN_NAME_MAX = 6
MAX_ENTRY_LINES = 5  # title on up to three lines, a leader line, an author line
W_ENTRY = 1.0
W_PAGE = 0.5  # an entry closed by a page number, where the contents prints them
W_MATCH = 3.0  # an entry whose title the body prints
W_WRAP = 0.5  # each further title line needs evidence
W_SECTION = 1.0  # a marked column name (■, 【】)
W_PLAIN_SECTION = 0.5  # a short bare line heading a group
W_AUTHOR = 0.3
P_UNPAGED = 1.2  # a title without a page where the others have one (a column name, more likely)
P_SKIP = 0.2  # a name list not found in the body, as an entry of its own
P_UNCREDITED = 0.1  # an author the body does not credit
P_LOSE = 1.0  # a line of text that is no part of any entry
P_LONE = 0.1  # an unnumbered entry the body does not print
P_DANGLING = 0.2  # a column name with no entry after it
M_FOUND = 0.04  # title_match of a similarity of 0.8: the body prints the title
P_BLANK = 0.3  # an entry running over a blank line where the page has few
_SECTION_TEXT = regex.compile(r"^[\p{Han}·“”\"]{2,14}(?:\s+[A-Z][A-Z&\s]*)?$")
_SECTION_END = regex.compile(r"[的之和与及在对把为从向将被]$")


def _dangling(text: str) -> bool:
    return _SECTION_END.search(text) is not None or DANGLING_END.search(text) is not None


def _kicker(page: Page, row: Row, following: Row | None) -> bool:
    """The body prints this short line right over the title of the next entry: a column
    name printed as a kicker (the contents lists it as a section)."""
    text = row.read.text
    return (
        _column_name_length(text)
        and page.titles is not None
        and following is not None
        and not page.marked_sections
        and _SECTION_TEXT.match(text) is not None
        and page.titles.printed_over(text, following.read.text)
    )


def _column_name_length(text: str) -> bool:
    """Column names are short (`理论前沿`, `时评`, `党建·园区`); a longer line printed over a
    title is as likely the title's first line (`坚守初心甘奉献` ⏎ `润物无声践初心`)."""
    return "·" in text or len(text) <= _COLUMN_NAME_MAX


def _motto(read: ContentsLine) -> bool:
    """Equal phrases set apart by spaces (`凝心聚力 服务基层`): a motto unless the body prints
    it as a title."""
    text = read.text
    return read.kind is Kind.TEXT and is_phrase_line(text) and min(map(len, text.split())) > 1


def _skip_score(row: Row, page: Page) -> float:
    read = row.read
    if read.kind in (Kind.MARKER, Kind.TEASER, Kind.SUBTITLE):
        return 0.0
    if (is_noise(read) or _motto(read)) and title_match(page, read.text) < 0.5:
        return 0.0
    return -P_LOSE  # its text belongs somewhere: a title, a part of one, a column, an author


def _closes_entry(row: Row) -> bool:
    """The row ends an entry with its page (`标题 12`, `…… 12`)."""
    read = row.read
    return read.kind is Kind.PAGE or (read.kind is Kind.ENTRY and not read.page_first)


_FULL_NAME = 3  # surname and a two-character given name: rarely a column's name


def _author_line(text: str, page: Page, previous: Row | None) -> bool:
    """A list of names; or, under an entry's page, a name the body prints as a byline or where
    the contents prints authors under their entries: the entry's author, not a column."""
    if not is_author_field(text):
        return False
    if " " in text:
        return True
    if previous is None or not _closes_entry(previous):
        return False
    if previous.read.author is None and len(text) == _FULL_NAME and is_person_name(text):
        return True  # `陶慧春` under an entry that names no author (column names: `卷首语`)
    return page.authors_under or (page.titles is not None and page.titles.credits(text))


def _section_score(
    row: Row, after_section: bool, page: Page, following: Row | None, previous: Row | None
) -> float | None:
    read = row.read
    if read.kind is Kind.SECTION:
        return W_SECTION - (0.5 if after_section else 0.0)
    if read.kind is Kind.TEXT and not after_section and _kicker(page, row, following):
        # (Two column names in a row would leave the first empty: a title's first line.)
        return W_SECTION + W_MATCH
    if read.kind is not Kind.TEXT or read.prefix or read.bar_prefix:
        return None
    text = read.text
    if not _SECTION_TEXT.match(text) or _SECTION_END.search(text) or DANGLING_END.search(text):
        return None
    if _author_line(text, page, previous):
        return None
    length = len(text.split()[0])
    score = W_PLAIN_SECTION - 0.08 * max(0, length - 6)
    if is_author_field(text):
        score -= 0.4  # `原战船` under an entry is more likely its author (`党风` may be either)
    return score - (1.0 if after_section else 0.0)


@dataclass(frozen=True, slots=True)
class _Entry:
    item: ContentsItem
    score: float
    match: float  # how well the body prints its title (0–1)
    runs: tuple[tuple[int, int], ...]  # where


def _entry(rows: Sequence[Row], page: Page, following: Row | None) -> _Entry | None:
    """The entry these rows make, if they make one: title lines, then its page (on the last
    title line, or on a line of leaders), its author, a subtitle; or a page-first line and the
    lines that continue it."""
    got = EntryParts()
    for index, row in enumerate(rows):
        if not got.take(row, index == 0, index == len(rows) - 1, page):
            return None
    if not got.parts or len(got.parts) > 3:
        return None
    got.finish(rows[-1].read, page)
    title = " ".join(p for p in got.parts if p)
    kicker = len(rows) == 1 and _kicker(page, rows[0], following)
    match = 0.0 if kicker else title_match(page, title)
    if got.guessed and got.author:
        # The body printing the whole text as a title settles it (a title printed over two
        # lines matches by its first line too: a tie is the whole title).
        whole = title_match(page, f"{title}{got.author}")
        if whole >= match and whole > 0:
            title, got.author, got.guessed, match = f"{title} {got.author}", None, False, whole
    item = ContentsItem(
        title=title,
        section=got.prefix,
        author=got.author,
        page=got.number,
        lines=tuple(dict.fromkeys(r.read.line for r in rows)),
        author_guessed=got.guessed,
        topic=got.number is None and page.paged,
        subtitle=got.subtitle,
    )
    runs = page.titles.runs(title) if page.titles is not None and match > 0 else ()
    return _Entry(item, _entry_score(got, title, match, page), match, runs)


def _entry_score(got: EntryParts, title: str, match: float, page: Page) -> float:
    # A part ending mid-phrase (`…建设的`) is continued by the next: no evidence needed.
    wraps = sum(1 for p in got.parts[:-1] if not _dangling(p))
    score = W_MATCH * match - (W_WRAP * wraps + P_BLANK * got.blanks) * (1.0 - match)
    if _dangling(got.parts[-1]):
        score -= P_LOSE  # a title cannot end mid-phrase
    if got.number is not None:
        score += W_ENTRY + W_PAGE
    elif page.paged:
        score += W_ENTRY - P_UNPAGED * (1.0 - match)
    elif page.titles is None or match >= M_FOUND:
        score += W_ENTRY
    elif is_author_field(title):
        score -= P_SKIP  # a name list under an entry, not found as a title: its author
    else:
        score += P_LONE  # a line found nowhere in the body: an entry only for want of better
    if got.author and not got.guessed:
        credited = page.titles is None or page.titles.credits(got.author)
        # Uncredited, an author still costs less than its line read as an entry of its own.
        score += W_AUTHOR if credited else -P_UNCREDITED
    return score


# --- the page ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Step:
    score: float
    back: int  # where this step started
    entry: _Entry | None = None
    section: str | None = None
    last_runs: tuple[tuple[int, int], ...] = ()  # where the last entry found in the body is
    held: float = 0.0  # a column name's score, counted once an entry follows it


def _goes_on_title(previous: _Step, row: Row, page: Page) -> bool:
    """The body prints this line right after the last entry's title: the title's rest."""
    if page.titles is None or row.read.kind is not Kind.TEXT:
        return False
    ends = {last for _first, last in previous.last_runs}
    return any(first - 1 in ends for first, _last in page.titles.runs(row.read.text))


def _continues(previous: _Step, entry: _Entry) -> bool:
    """The body prints this entry's title on the lines right after the last entry's: the
    two are one title printed over two lines (in the body and in the contents)."""
    ends = {last for _first, last in previous.last_runs}
    return any(first - 1 in ends for first, _last in entry.runs)


def _best_grouping(rows: list[Row], page: Page) -> list[_Step]:
    """The best-scoring way to read the rows as sections, entries and noise (Viterbi)."""
    n = len(rows)
    best: list[_Step | None] = [None] * (n + 1)
    best[0] = _Step(0.0, -1)
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        after_section = here.section is not None

        def offer(j: int, step: _Step) -> None:
            # Steps are compared with what they hold: a column name waiting for its entries.
            current = best[j]
            if current is None or step.score + step.held > current.score + current.held:
                best[j] = step

        skip = here.score + _skip_score(rows[i], page)
        offer(i + 1, _Step(skip, i, last_runs=here.last_runs, held=here.held))
        following = rows[i + 1] if i + 1 < n else None
        previous = rows[i - 1] if i > 0 else None
        section = _section_score(rows[i], after_section, page, following, previous)
        if section is not None and _goes_on_title(here, rows[i], page):
            section = None  # the rest of the previous entry's title, printed on its own line
        if section is not None:
            # A column name counts only when an entry follows it (none follows the last line).
            name = section_name(rows[i].read.text)
            offer(i + 1, _Step(here.score - P_DANGLING, i, section=name, held=section + P_DANGLING))
        for j in range(i + 1, min(n, i + MAX_ENTRY_LINES) + 1):
            entry = _entry(rows[i:j], page, rows[j] if j < n else None)
            if entry is not None:
                # Half of a title cannot be an entry of its own: it gains nothing.
                score = entry.score - (
                    W_ENTRY + W_MATCH + W_PAGE if _continues(here, entry) else 0.0
                )
                runs = entry.runs or here.last_runs
                total = here.score + here.held + score
                offer(j, _Step(total, i, entry=entry, last_runs=runs))
    steps: list[_Step] = []
    at = n
    while at > 0:
        step = best[at]
        assert step is not None  # skipping a line is always possible
        steps.append(step)
        at = step.back
    return steps[::-1]


def parse_contents(lines: Sequence[Line], titles: TitleIndex | None = None) -> list[ContentsItem]:
    """Contents entries from the contents lines (masthead and notices may be among them)."""
    rows = read_rows(lines)
    if not rows:
        return []
    entries = [r for r in rows if r.read.kind in (Kind.ENTRY, Kind.PAGE)]
    bars = sum(1 for r in rows if r.read.bar_prefix)
    page = Page(
        paged=len(entries) >= 2,
        blank_everywhere=sum(r.blank_before > 0 for r in rows[1:]) >= 0.7 * max(1, len(rows) - 1),
        titles=titles,
        bar_sections=bars >= 2 and bars >= 0.5 * max(1, len(entries)),
        marked_sections=any(r.read.kind is Kind.SECTION for r in rows),
        authors_under=any(
            _closes_entry(above) and below.read.author_like and " " in below.read.text
            for above, below in pairwise(rows)
        ),
    )
    items: list[ContentsItem] = []
    section: str | None = None
    for step in _best_grouping(rows, page):
        if step.section is not None:
            section = step.section
        elif step.entry is not None:
            entry = step.entry.item
            items.append(entry if entry.section else replace(entry, section=section))
    return items


__all__ = ["ContentsItem", "TitleIndex", "merge", "parse_contents", "unsplit"]
