"""Structure: normalised lines -> Issue (metadata, contents, sections, articles).

`detect_structure()` runs named detectors in order: regions (cover editorial, front matter,
body), masthead metadata, contents entries, article starts (contents matches, then body cues),
article assembly, interleave repair, sections. Every uncertain decision is a diagnostic with a
code (S1xx contents, S2xx articles, S3xx sections).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from publish.front.contents import parse_contents
from publish.front.masthead import is_masthead_like, is_slogan
from publish.front.page import ContentsItem, merge
from publish.model import (
    Article,
    ArticleKind,
    Block,
    BlockType,
    Diagnostic,
    Issue,
    IssueMeta,
    Level,
    Span,
)
from publish.normalise import Normalised
from publish.normalise.document import Line, LineKind
from publish.structure.articles import (
    Draft,
    assemble,
    blocks_of,
    read_tail_notes,
    reassemble_interleaved,
    reattach_jumps,
)
from publish.structure.consistency import spelling_diagnostics
from publish.structure.cues import cue_starts
from publish.structure.linking import (
    contents_entries,
    coverage_diagnostics,
    title_corrections,
    unlisted_diagnostics,
)
from publish.structure.match import key, similarity
from publish.structure.metadata import Masthead, extract_metadata
from publish.structure.sections import assign_sections, group_sections
from publish.structure.segment import (
    Segmentation,
    Start,
    extend_heads,
    is_heading_line,
    match_contents,
)
from publish.structure.titles import body_titles, printed_kickers, title_start
from publish.tags import Tag
from publish.text.names import byline_names
from publish.text.shapes import (
    is_byline,
    looks_like_heading,
)

_CONTENTS_MARKER = regex.compile(r"目\s*录|CONTENTS", regex.IGNORECASE)
# Notices and credits on the contents page: `声明`, `本刊……。`, `封面：……`.
_NOTICE = regex.compile(r"^(?:声明|欢迎来稿|内部资料|封面)|^本刊.{16,}")


@dataclass(frozen=True, slots=True)
class Regions:
    cover: list[Line]
    front: list[Line]
    body: list[Line]
    meta: list[Line]


def split_regions(lines: Sequence[Line]) -> Regions:
    """Cover editorial (before the contents), front matter (tagged), body (after it)."""
    # A masthead printed at the end joins the front matter (it is read, never printed as text).
    colophon = [x for x in lines if x.kind is LineKind.TEXT and x.has(Tag.MASTHEAD)]
    text = [x for x in lines if x.kind is LineKind.TEXT and not x.has(Tag.MASTHEAD)]
    meta = [x for x in lines if x.kind is LineKind.META]
    front_at = [i for i, x in enumerate(text) if x.has(Tag.FRONT)]
    if not front_at:
        return Regions([], colophon, text, meta)
    first, last = front_at[0], front_at[-1]
    return Regions(text[:first], text[first : last + 1] + colophon, text[last + 1 :], meta)


def _contents_lines(front: list[Line], masthead: Masthead, meta: IssueMeta) -> list[Line]:
    """Front lines that are not masthead, notices, markers or the issue line."""
    out = []
    for line in front:
        text = line.text
        if line.has(Tag.BULLET):
            out.append(line)
            continue
        if line.first in masthead.consumed or _NOTICE.match(text):
            continue
        if _CONTENTS_MARKER.search(text) and len(text) <= 16:
            continue
        if is_masthead_like(text) and not regex.search(r"^\d{1,3}\s|\s\d{1,3}$", text):
            continue
        if meta.title and text.replace(" ", "") == meta.title:
            continue
        out.append(line)
    return out


def _cover_article(cover: list[Line], items: list[ContentsItem]) -> Draft | None:
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


def find_starts(body: list[Line], items: list[ContentsItem], skip: frozenset[int]) -> Segmentation:
    allow_merge = bool(items) and all(item.page is None for item in items)
    sections = frozenset(key(item.section) for item in items if item.section) | printed_kickers(
        body
    )
    contents = match_contents(body, items, allow_merge, skip, sections) if items else []
    taken = {k for s in contents for k in range(s.title[0], s.title[1] + 1)}
    cues = cue_starts(body, taken, has_contents=bool(items), sections=sections)
    starts = _merge_starts(contents, cues)
    if starts and _only_section_labels(body[: starts[0].head], items):
        # `卷首语` printed above the first article is its section's label, not an article.
        starts[0] = replace(starts[0], head=0)
    if not starts or starts[0].head > 0:
        # Text before the first recognised start is an article of its own (never dropped).
        starts = _whole_body(body[: starts[0].head] if starts else body, sections) + starts
    seg = Segmentation(starts=starts)
    extend_heads(body, seg)
    return seg


def _article(draft: Draft, article_id: str, page: int | None) -> Article:
    return Article(
        id=article_id,
        title=draft.title,
        blocks=blocks_of(draft),
        span=draft.span,
        kind=draft.kind,
        kicker=draft.kicker,
        subtitle=draft.subtitle,
        byline=draft.byline,
        source_note=draft.source_note,
        author_note=draft.author_note,
        page=page,
        segments=tuple(draft.segments),
    )


def detect_structure(
    normalised: Normalised, issue_id: str, meta_overrides: IssueMeta | None = None
) -> Issue:
    """Find metadata, contents, sections and articles in normalised lines."""
    diagnostics: list[Diagnostic] = []
    regions = split_regions(normalised.lines)
    meta, masthead = extract_metadata(regions.front, regions.meta)
    contents_lines = _contents_lines(regions.front, masthead, meta)
    titles = body_titles(regions.cover + regions.body)
    items = parse_contents(contents_lines, titles) if contents_lines else []
    cover = _cover_article(regions.cover, items)
    seg = find_starts(regions.body, items, frozenset(cover.start.used if cover else ()))
    diagnostics.extend(seg.diagnostics)
    drafts = assemble(regions.body, seg.starts, seg.dropped)
    diagnostics.extend(title_corrections(regions.body, drafts))
    for message in reattach_jumps(drafts) + reassemble_interleaved(drafts):
        diagnostics.append(Diagnostic("S205", Level.INFO, None, message))
    read_tail_notes(drafts)
    if cover is not None:
        drafts.insert(0, cover)
    sections = assign_sections(drafts, items, diagnostics)
    diagnostics.extend(unlisted_diagnostics(drafts, items))
    ids = [f"a{n:03d}" for n in range(1, len(drafts) + 1)]
    articles = [
        (section, _article(d, article_id, d.start.item.page if d.start.item else None))
        for section, d, article_id in zip(sections, drafts, ids, strict=True)
    ]
    contents = contents_entries(items, drafts, ids, diagnostics)
    diagnostics.extend(coverage_diagnostics(contents, regions.front))
    if not regions.front and articles:
        meta = _web_meta(meta, [a for _, a in articles])
    meta = replace(meta, contributors=byline_names(a.byline for _, a in articles))
    if meta_overrides is not None:
        meta = merge_meta(meta, meta_overrides)
    front_matter = []
    for line in regions.front:
        if is_slogan(line.text) and not line.has(Tag.BULLET):
            diagnostics.append(
                Diagnostic(
                    "S110",
                    Level.INFO,
                    line.first,
                    f"slogan on the contents page dropped: {line.text}",
                )
            )
            continue
        front_matter.append(Block(BlockType.NOTE, line.text, Span.of(line.origin)))
    issue = Issue(
        id=issue_id,
        meta=meta,
        sections=group_sections(articles),
        contents=contents,
        diagnostics=tuple(normalised.diagnostics) + tuple(diagnostics),
        front_matter=tuple(front_matter),
    )
    return replace(issue, diagnostics=issue.diagnostics + tuple(spelling_diagnostics(issue)))


_SOURCE_VALUE = regex.compile(r"来源\s*[:：]\s*([^）)\s]+)")


def _web_meta(meta: IssueMeta, articles: list[Article]) -> IssueMeta:
    """A web page has no masthead: its title is the first article's, its publisher the
    source named at the end of the page (`来源：天津日报`) unless the metadata line said."""
    first = articles[0]
    title = meta.title or (f"{first.title}——{first.subtitle}" if first.subtitle else first.title)
    publisher = meta.publisher
    original = meta.original_source
    for article in reversed(articles):
        found = _SOURCE_VALUE.search(article.source_note or "")
        if not found:
            continue
        if "《" in found.group(1):
            original = original or found.group(1)
        elif publisher is None:
            publisher = found.group(1)
    return replace(meta, title=title, publisher=publisher, original_source=original)


def merge_meta(detected: IssueMeta, overrides: IssueMeta) -> IssueMeta:
    """Fields set in the overrides (sidecar/config) replace the detected ones."""
    defaults = IssueMeta()
    changes = {
        name: getattr(overrides, name)
        for name in IssueMeta.__dataclass_fields__
        if getattr(overrides, name) != getattr(defaults, name)
    }
    return replace(detected, **changes)


__all__ = ["Regions", "detect_structure", "merge_meta", "split_regions"]
