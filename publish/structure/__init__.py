"""Structure: normalised lines -> Issue (metadata, contents, sections, articles).

`detect_structure()` runs named detectors in order: regions (cover editorial, front matter,
body), masthead metadata, contents entries, article starts (contents matches, then body cues),
article assembly, interleave repair, sections. Every uncertain decision is a diagnostic with a
code (S1xx contents, S2xx articles, S3xx sections).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from publish.front.contents import ContentsItem, merge, parse_contents
from publish.front.masthead import is_masthead_like, is_slogan
from publish.model import (
    Article,
    ArticleKind,
    Block,
    BlockType,
    ContentsEntry,
    Diagnostic,
    Issue,
    IssueMeta,
    Level,
    Section,
    Span,
)
from publish.names import dateline_credit, end_credit, is_author_field
from publish.normalise import Normalised
from publish.normalise.document import Line, LineKind
from publish.shapes import (
    could_be_title,
    is_author_note,
    is_byline,
    is_source_note,
    looks_like_heading,
)
from publish.structure.articles import (
    Draft,
    assemble,
    blocks_of,
    printed_title,
    read_tail_notes,
    reassemble_interleaved,
    reattach_jumps,
)
from publish.structure.consistency import spelling_diagnostics
from publish.structure.cues import cue_starts
from publish.structure.match import TitleIndex, key, similarity
from publish.structure.metadata import Masthead, extract_metadata
from publish.structure.segment import (
    Segmentation,
    Start,
    extend_heads,
    heading_runs,
    is_heading_line,
    match_contents,
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
    colophon = [x for x in lines if x.kind is LineKind.TEXT and x.has("masthead")]
    text = [x for x in lines if x.kind is LineKind.TEXT and not x.has("masthead")]
    meta = [x for x in lines if x.kind is LineKind.META]
    front_at = [i for i, x in enumerate(text) if x.has("front")]
    if not front_at:
        return Regions([], colophon, text, meta)
    first, last = front_at[0], front_at[-1]
    return Regions(text[:first], text[first : last + 1] + colophon, text[last + 1 :], meta)


def _contents_lines(front: list[Line], masthead: Masthead, meta: IssueMeta) -> list[Line]:
    """Front lines that are not masthead, notices, markers or the issue line."""
    out = []
    for line in front:
        text = line.text
        if line.has("bullet"):
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
            if is_heading_line(line) and _title_start(line) and key(line.text) not in sections
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


def body_titles(body: list[Line]) -> TitleIndex:
    """The body's candidate titles (runs of heading lines) and the kickers printed over them."""
    loose = {
        i for i, line in enumerate(body) if line.kind is LineKind.TEXT and could_be_title(line.text)
    }
    runs = [(i, j) for i, j in heading_runs(body, loose) if _title_start(body[i])]
    titles = [(" ".join(body[k].text for k in range(i, j + 1)), (i, j)) for i, j in runs]
    stacked = [
        (body[i].text, body[i + 1].text)
        for i, j in runs
        if i == j
        and len(body[i].text) <= 12
        and i + 1 < len(body)
        and _title_below(body[i + 1], i + 1 in loose, _next_heading(body, i + 2))
    ]
    credits = [
        line.text
        for i, line in enumerate(body)
        if len(line.text) <= 80 and _credit_line(line.text) and not _over_a_title(body, i)
    ]
    credits.extend(c for line in body if (c := dateline_credit(line.text)))
    return TitleIndex(titles, stacked, credits)


def _over_a_title(body: list[Line], i: int) -> bool:
    """A short line printed right over a title is its kicker (`组工视点·学校`), not a credit."""
    text = body[i].text
    if is_byline(text) or is_source_note(text) or is_author_note(text):
        return False  # a byline, or a note closing the article before the next title
    nxt = body[i + 1] if i + 1 < len(body) else None
    return nxt is not None and _title_below(nxt)


def _credit_line(text: str) -> bool:
    """Where the body names an article's author: bylines, notes and credits."""
    return (
        is_byline(text)
        or is_author_field(text)
        or is_source_note(text)
        or is_author_note(text)
        or end_credit(text) is not None
    )


def _title_start(line: Line) -> bool:
    """A title may start here: not a byline, an author, a deck or a label."""
    text = line.text
    return not (
        is_byline(text)
        or is_author_field(text)
        or is_source_note(text)
        or is_author_note(text)
        or text.startswith(("——", "—", "（", "("))
    )


def _next_heading(body: list[Line], i: int) -> Line | None:
    return body[i] if i < len(body) and is_heading_line(body[i]) else None


def _title_below(line: Line, loose: bool = False, rest: Line | None = None) -> bool:
    """A title starts on this line (`rest`: the heading after it, which may go on with it:
    `学习讲深度` ⏎ `服务彰显“三心”`)."""
    text = line.text
    return (
        (loose or is_heading_line(line))
        and len(text) + (len(rest.text) if rest is not None else 0) >= _TITLE_BELOW_MIN
        and not is_byline(text)
        and not text.startswith(("——", "—"))
        and not is_author_field(text)
    )


_TITLE_BELOW_MIN = 6
_KICKER_MAX = 8
_KICKER_REPEATS = 2


def _kickers(body: list[Line]) -> frozenset[str]:
    """Column names the body prints over several titles (`他山之石` over each article of
    the column): short lines printed again and again, each right above a heading."""
    counts: Counter[str] = Counter(
        key(body[i].text)
        for i in range(len(body) - 1)
        if len(body[i].text) <= _KICKER_MAX
        and is_heading_line(body[i])
        and is_heading_line(body[i + 1])
        and not is_byline(body[i].text)
        and not is_author_field(body[i].text)
    )
    return frozenset(k for k, n in counts.items() if n >= _KICKER_REPEATS and len(k) >= 2)


def find_starts(body: list[Line], items: list[ContentsItem], skip: frozenset[int]) -> Segmentation:
    allow_merge = bool(items) and all(item.page is None for item in items)
    sections = frozenset(key(item.section) for item in items if item.section) | _kickers(body)
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


def assign_sections(
    drafts: list[Draft], items: list[ContentsItem], diagnostics: list[Diagnostic]
) -> list[str | None]:
    """Section per article: from its contents entry, else the column printed over it when
    the contents names that column, else from the unmatched contents entry
    that sits between its matched neighbours, else inherited from the article before it."""
    used = {n for d in drafts for n in d.start.used}
    columns = {key(it.section): it.section for it in items if it.section}
    sections: list[str | None] = []
    last = -1  # index of the last contents item accounted for
    for n, draft in enumerate(drafts):
        if draft.start.item is not None:
            sections.append(draft.start.item.section)
            last = max(draft.start.used, default=last)
            continue
        if draft.kind is ArticleKind.SECTION_INTRO:
            # An editor's note opens the section of the articles that follow it.
            nxt = next((d.start.item for d in drafts[n + 1 :] if d.start.item), None)
            if nxt is not None:
                sections.append(nxt.section)
                continue
        if draft.kicker and key(draft.kicker) in columns:
            # The body prints the column over it (`要闻`): a column the contents names.
            sections.append(columns[key(draft.kicker)])
            continue
        following = next((n for n in range(last + 1, len(items)) if n in used), len(items))
        unmatched = [items[n] for n in range(last + 1, following) if n not in used]
        named = [it.section for it in unmatched if it.section]
        after_cover = (
            bool(sections) and drafts[len(sections) - 1].kind is ArticleKind.COVER_EDITORIAL
        )
        inherited = None if not sections or after_cover else sections[-1]
        sections.append(named[0] if named else inherited)
    return _contiguous(drafts, sections, diagnostics)


def _contiguous(
    drafts: list[Draft], sections: list[str | None], diagnostics: list[Diagnostic]
) -> list[str | None]:
    """A run of articles whose contents section also appears earlier, away from them, was
    listed under the wrong section by the contents OCR: it joins the section before it."""
    out = list(sections)
    seen_runs: dict[str | None, int] = {}
    index = 0
    while index < len(out):
        end = index
        while end + 1 < len(out) and out[end + 1] == out[index]:
            end += 1
        name = out[index]
        if name in seen_runs and index > 0 and out[index - 1] != name:
            previous = out[index - 1]
            for k in range(index, end + 1):
                diagnostics.append(
                    Diagnostic(
                        "S301",
                        Level.INFO,
                        drafts[k].span.first,
                        f"“{drafts[k].title}” is listed under “{name}” in the contents but printed"
                        f" among “{previous}”; placed in “{previous}”",
                    )
                )
                out[k] = previous
        else:
            seen_runs[name] = index
        index = end + 1
    return out


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


def _group(articles: list[tuple[str | None, Article]]) -> tuple[Section, ...]:
    sections: list[Section] = []
    for name, article in articles:
        if sections and sections[-1].title == name:
            sections[-1] = replace(sections[-1], articles=(*sections[-1].articles, article))
        else:
            sections.append(Section(name, (article,)))
    return tuple(sections)


def _title_corrections(body: list[Line], drafts: list[Draft]) -> list[Diagnostic]:
    """Report every title whose characters were corrected from the contents."""
    found = []
    for draft in drafts:
        printed = printed_title(body, draft.start)
        if draft.start.cue == "contents" and key(printed) != key(draft.title):
            found.append(
                Diagnostic(
                    "S220",
                    Level.WARNING,
                    body[draft.start.title[0]].first,
                    f"title “{printed}” corrected to “{draft.title}” (as printed in the contents)",
                )
            )
    return found


def _unlisted(drafts: list[Draft], items: list[ContentsItem]) -> list[Diagnostic]:
    """With a printed contents, an article it does not list is worth a look."""
    if not items:
        return []
    return [
        Diagnostic(
            "S103",
            Level.INFO,
            draft.span.first,
            f"“{draft.title}” is not in the printed contents (found by {draft.start.cue})",
        )
        for draft in drafts
        if draft.start.item is None and draft.kind is not ArticleKind.COVER_EDITORIAL
    ]


def _contents_entries(
    items: list[ContentsItem], drafts: list[Draft], ids: list[str], diagnostics: list[Diagnostic]
) -> tuple[ContentsEntry, ...]:
    """The printed contents as entries, each linked to its article (or reported)."""
    by_first: dict[int, tuple[ContentsItem, str]] = {}
    covered: set[int] = set()
    for draft, article_id in zip(drafts, ids, strict=True):
        start = draft.start
        if start.item is not None and start.used:
            by_first[start.used[0]] = (start.item, article_id)
            covered.update(start.used)
            if start.score < 1.0:
                diagnostics.append(
                    Diagnostic(
                        "S102",
                        Level.INFO,
                        draft.span.first,
                        f"“{draft.title}” matched contents “{start.item.title}”"
                        f" at {start.score:.2f}",
                    )
                )
    entries: list[ContentsEntry] = []
    for n, item in enumerate(items):
        if n in by_first:
            found, article_id = by_first[n]
            entries.append(
                ContentsEntry(
                    found.title, found.section, found.author, found.page, found.line, article_id
                )
            )
        elif n not in covered:
            entries.append(
                ContentsEntry(item.title, item.section, item.author, item.page, item.line)
            )
            if not item.topic:
                diagnostics.append(
                    Diagnostic(
                        "S101",
                        Level.WARNING if item.page is not None else Level.INFO,
                        item.line,
                        f"contents entry “{item.title}” matches no article title in the body",
                    )
                )
    return tuple(entries)


_FEW = 0.6  # below this share of its entries found in the body, a contents reading is doubtful


def coverage_diagnostics(
    contents: tuple[ContentsEntry, ...], front: list[Line]
) -> list[Diagnostic]:
    """S104: the printed contents matched few articles of the body (or none was read from a
    contents page): the articles then come from body cues alone, and are worth a look."""
    numbered = [e for e in contents if e.page is not None] or list(contents)
    if front and not contents:
        return [
            Diagnostic(
                "S104",
                Level.WARNING,
                front[0].first,
                "a contents page was found but no entry could be read from it: the articles"
                " come from body cues alone",
            )
        ]
    found = sum(1 for e in numbered if e.article_id)
    if len(numbered) >= 3 and found < _FEW * len(numbered):
        return [
            Diagnostic(
                "S104",
                Level.WARNING,
                numbered[0].line,
                f"only {found} of {len(numbered)} contents entries were found in the body: the"
                " other articles come from body cues alone",
            )
        ]
    return []


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
    diagnostics.extend(_title_corrections(regions.body, drafts))
    for message in reattach_jumps(drafts) + reassemble_interleaved(drafts):
        diagnostics.append(Diagnostic("S205", Level.INFO, None, message))
    read_tail_notes(drafts)
    if cover is not None:
        drafts.insert(0, cover)
    sections = assign_sections(drafts, items, diagnostics)
    diagnostics.extend(_unlisted(drafts, items))
    ids = [f"a{n:03d}" for n in range(1, len(drafts) + 1)]
    articles = [
        (section, _article(d, article_id, d.start.item.page if d.start.item else None))
        for section, d, article_id in zip(sections, drafts, ids, strict=True)
    ]
    contents = _contents_entries(items, drafts, ids, diagnostics)
    diagnostics.extend(coverage_diagnostics(contents, regions.front))
    if not regions.front and articles:
        meta = _web_meta(meta, [a for _, a in articles])
    if meta_overrides is not None:
        meta = merge_meta(meta, meta_overrides)
    front_matter = []
    for line in regions.front:
        if is_slogan(line.text) and not line.has("bullet"):
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
        sections=_group(articles),
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
