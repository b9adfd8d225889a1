"""The editor's fixes to the structure: where articles start, and an article's title, byline
and section (publish.fixes has the anchors; the line fixes are applied before, in
normalise/fixing.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from publish.fixes import START_KINDS, Fix, FixKind, anchored, applied, missed
from publish.lines import Line
from publish.model import Article, Diagnostic, Issue
from publish.structure.sections import group_sections
from publish.structure.segment import Start
from publish.text.names import byline_names


def _title_text(body: list[Line], start: Start) -> str:
    return " ".join(body[k].text for k in range(start.title[0], start.title[1] + 1))


def fix_starts(
    body: list[Line], starts: list[Start], fixes: Sequence[Fix], diagnostics: list[Diagnostic]
) -> list[Start]:
    """Starts with the article-start fixes added and the not-article fixes removed."""
    for fix in fixes:
        if fix.kind not in START_KINDS:
            continue
        if fix.kind is FixKind.NOT_ARTICLE:
            found = [s for s in starts if anchored(_title_text(body, s), fix.at)]
            if len(found) == 1:
                starts = [s for s in starts if s is not found[0]]
                diagnostics.append(applied(fix, body[found[0].title[0]].first))
            else:
                diagnostics.append(missed(fix, len(found)))
            continue
        lines = [i for i, line in enumerate(body) if anchored(line.text, fix.at)]
        if len(lines) != 1:
            diagnostics.append(missed(fix, len(lines)))
            continue
        at = lines[0]
        if not any(s.head <= at <= s.title[1] for s in starts):  # not one already
            fixed = Start(head=at, title=(at, at), cue="fix")
            starts = sorted([*starts, fixed], key=lambda s: s.head)
        diagnostics.append(applied(fix, body[at].first))
    return starts


def _article_at(articles: Sequence[Article], at: str) -> list[int]:
    """The article a fix names: by its title, else by its byline, else by its first text."""
    for field in ("title", "byline"):
        found = [n for n, a in enumerate(articles) if anchored(getattr(a, field) or "", at)]
        if found:
            return found
    return [n for n, a in enumerate(articles) if a.blocks and anchored(a.blocks[0].text, at)]


def _article_fixes(fixes: Sequence[Fix]) -> list[tuple[Fix, FixKind, str]]:
    """(fix, what it sets, the value): title, byline and section fixes, and article-start's
    optional fields (anchored at its start line, now the article's title)."""
    out: list[tuple[Fix, FixKind, str]] = []
    for fix in fixes:
        if fix.kind in (FixKind.TITLE, FixKind.BYLINE, FixKind.SECTION) and fix.value:
            out.append((fix, fix.kind, fix.value))
        elif fix.kind is FixKind.ARTICLE_START:
            for kind, value in ((FixKind.TITLE, fix.title), (FixKind.BYLINE, fix.byline),
                                (FixKind.SECTION, fix.section)):  # fmt: skip
                if value:
                    out.append((fix, kind, value))
    return out


def fix_articles(issue: Issue, fixes: Sequence[Fix]) -> Issue:
    """The issue with the title, byline and section fixes applied, and every fix reported."""
    wanted = _article_fixes(fixes)
    if not wanted:
        return issue
    placed = [(s.title, a) for s in issue.sections for a in s.articles]
    diagnostics: list[Diagnostic] = []
    for fix, kind, value in wanted:
        found = _article_at([a for _, a in placed], fix.at)
        if len(found) != 1:
            if fix.kind is not FixKind.ARTICLE_START:  # its start was reported already
                diagnostics.append(missed(fix, len(found)))
            continue
        section, article = placed[found[0]]
        if kind is FixKind.TITLE:
            article = replace(article, title=value)
        elif kind is FixKind.BYLINE:
            article = replace(article, byline=value)
        else:
            section = value
        placed[found[0]] = (section, article)
        if fix.kind is not FixKind.ARTICLE_START:
            diagnostics.append(applied(fix, article.span.first))
    articles = [a for _, a in placed]
    meta = replace(issue.meta, contributors=byline_names(a.byline for a in articles))
    return replace(
        issue,
        meta=meta,
        sections=group_sections(placed),
        diagnostics=issue.diagnostics + tuple(diagnostics),
    )
