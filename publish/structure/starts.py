"""Where articles start: the cover editorial, contents matches, then body cues, merged; text
before the first start is an article of its own (never dropped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from publish.fixes import Fix
from publish.front.page import ContentsItem, merge
from publish.lines import Line
from publish.model import ArticleKind, Diagnostic
from publish.structure.articles import Draft
from publish.structure.cues import cue_starts
from publish.structure.fixing import fix_starts
from publish.structure.match import key, similarity
from publish.structure.segment import (
    Segmentation,
    Start,
    extend_heads,
    is_heading_line,
    match_contents,
)
from publish.structure.titles import printed_kickers, title_start
from publish.text.shapes import is_byline, looks_like_heading


def cover_article(cover: list[Line], items: list[ContentsItem]) -> Draft | None:
    """The cover editorial printed before the contents: title, optional byline, text."""
    if not cover:
        return None
    first = cover[0]
    titled = looks_like_heading(first.text)
    title = first.text if titled else "卷首"
    used, item, score = _best_item(title, items)
    start = Start(head=0, title=(0, 0), item=item, score=score, cue="cover", used=used)
    if (
        item is not None
        and key(item.title) == key(title)
        and item.title.count(" ") < title.count(" ")
    ):
        title = item.title  # the contents prints it without the line-join space
    draft = Draft(
        title=title,
        lines=list(cover[1:] if titled else cover),
        start=start,
        header=[first] if titled else [],
    )
    draft.kind = ArticleKind.COVER_EDITORIAL
    if draft.lines and (
        is_byline(draft.lines[0].text) or (item is not None and draft.lines[0].text == item.author)
    ):
        draft.byline = draft.lines[0].text
        draft.header.append(draft.lines.pop(0))
    return draft


def _best_item(
    title: str, items: list[ContentsItem]
) -> tuple[tuple[int, ...], ContentsItem | None, float]:
    """The contents item (or two adjacent ones, for a wrapped title) that best matches."""
    best: tuple[tuple[int, ...], ContentsItem | None, float] = ((), None, 0.0)
    for n, item in enumerate(items):
        candidates: list[tuple[tuple[int, ...], ContentsItem]] = [((n,), item)]
        if n + 1 < len(items) and items[n + 1].section == item.section:
            candidates.append(((n, n + 1), merge(item, items[n + 1])))
        for used, candidate in candidates:
            score = similarity(key(candidate.title), key(title))
            if score >= 0.8 and score > best[2]:
                best = (used, candidate, score)
    return best


def _merge_starts(contents: list[Start], cues: list[Start]) -> list[Start]:
    """Contents matches win; a cue start inside or right before a matched header is dropped."""
    taken = {k for s in contents for k in range(s.head - 1, s.title[1] + 1)}
    merged = contents + [s for s in cues if not (set(range(s.head, s.title[1] + 1)) & taken)]
    return sorted(merged, key=lambda s: s.head)


def _whole_body(body: list[Line], sections: frozenset[str] = frozenset()) -> list[Start]:
    """No structure found: the body is one article (its first heading-like line is the title;
    a column's name over it is its kicker)."""
    if not body:
        return []
    at = next(
        (
            i
            for i, line in enumerate(body[:5])
            if is_heading_line(line) and title_start(line) and key(line.text) not in sections
        ),
        None,
    )
    if at is None:
        return [Start(head=0, title=(0, 0), cue="untitled")]
    kicker = all(key(line.text) in sections for line in body[:at])
    return [Start(head=0 if kicker else at, title=(at, at), cue="first-heading")]


def _only_section_labels(lines: list[Line], items: list[ContentsItem]) -> bool:
    sections = {key(item.section) for item in items if item.section}
    return bool(lines) and all(
        is_heading_line(line) and key(line.text) in sections for line in lines
    )


def find_starts(
    body: list[Line],
    items: list[ContentsItem],
    skip: frozenset[int],
    fixes: Sequence[Fix] = (),
) -> Segmentation:
    allow_merge = bool(items) and all(item.page is None for item in items)
    sections = frozenset(key(item.section) for item in items if item.section) | printed_kickers(
        body
    )
    contents = match_contents(body, items, allow_merge, skip, sections) if items else []
    taken = {k for s in contents for k in range(s.title[0], s.title[1] + 1)}
    cues = cue_starts(body, taken, has_contents=bool(items), sections=sections)
    fixed: list[Diagnostic] = []
    starts = fix_starts(body, _merge_starts(contents, cues), fixes, fixed)
    if starts and _only_section_labels(body[: starts[0].head], items):
        # `卷首语` printed above the first article is its section's label, not an article.
        starts[0] = replace(starts[0], head=0)
    if not starts or starts[0].head > 0:
        # Text before the first recognised start is an article of its own (never dropped).
        starts = _whole_body(body[: starts[0].head] if starts else body, sections) + starts
    seg = Segmentation(starts=starts, diagnostics=fixed)
    extend_heads(body, seg)
    return seg
