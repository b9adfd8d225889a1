"""Structure: normalised lines -> Issue (metadata, contents, sections, articles).

`detect_structure()` only orchestrates; each step is a named module: regions (cover editorial,
front matter, body), masthead metadata, contents entries (publish.front), article starts
(contents matches, then body cues: starts.py, cues.py), article assembly and interleave
repair (articles.py), contents linking, sections, consistency. Every uncertain decision is a
diagnostic with a code (structure/codes.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from publish.fixes import Fix
from publish.front.contents import parse_contents
from publish.model import Diagnostic, Issue, IssueMeta, Level
from publish.normalise import Normalised
from publish.structure.articles import (
    assemble,
    read_tail_notes,
    reassemble_interleaved,
    reattach_jumps,
    to_article,
)
from publish.structure.consistency import spelling_diagnostics
from publish.structure.fixing import fix_articles
from publish.structure.linking import (
    contents_entries,
    coverage_diagnostics,
    title_corrections,
    unlisted_diagnostics,
)
from publish.structure.metadata import extract_metadata, merge_meta, web_meta
from publish.structure.regions import (
    Regions,
    contents_lines,
    front_matter_blocks,
    split_regions,
)
from publish.structure.sections import assign_sections, group_sections
from publish.structure.starts import cover_article, find_starts
from publish.structure.titles import body_titles
from publish.text.names import byline_names


def detect_structure(
    normalised: Normalised,
    issue_id: str,
    meta_overrides: IssueMeta | None = None,
    fixes: Sequence[Fix] = (),
) -> Issue:
    """Find metadata, contents, sections and articles in normalised lines; the editor's
    `fixes` (where articles start, titles, bylines, sections) win over what is found."""
    diagnostics: list[Diagnostic] = []
    regions = split_regions(normalised.lines)
    meta, masthead = extract_metadata(regions.front, regions.meta)
    listed = contents_lines(regions.front, masthead, meta)
    titles = body_titles(regions.cover + regions.body)
    items = parse_contents(listed, titles) if listed else []
    cover = cover_article(regions.cover, items)
    seg = find_starts(regions.body, items, frozenset(cover.start.used if cover else ()), fixes)
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
        (section, to_article(d, article_id, d.start.item.page if d.start.item else None))
        for section, d, article_id in zip(sections, drafts, ids, strict=True)
    ]
    contents = contents_entries(items, drafts, ids, diagnostics)
    diagnostics.extend(coverage_diagnostics(contents, regions.front))
    if not regions.front and articles:
        meta = web_meta(meta, [a for _, a in articles])
    meta = replace(meta, contributors=byline_names(a.byline for _, a in articles))
    if meta_overrides is not None:
        meta = merge_meta(meta, meta_overrides)
    front_matter = front_matter_blocks(regions.front, diagnostics)
    issue = Issue(
        id=issue_id,
        meta=meta,
        sections=group_sections(articles),
        contents=contents,
        diagnostics=tuple(normalised.diagnostics) + tuple(diagnostics),
        front_matter=tuple(front_matter),
    )
    issue = fix_articles(issue, fixes)
    return replace(issue, diagnostics=issue.diagnostics + tuple(spelling_diagnostics(issue)))


__all__ = ["Regions", "detect_structure", "merge_meta", "split_regions"]
