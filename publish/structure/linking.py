"""Contents and articles linked: each entry to the article it names, and the diagnostics
when they do not match (S101–S104, S220)."""

from __future__ import annotations

from publish.front.page import ContentsItem
from publish.lines import Line
from publish.model import (
    ArticleKind,
    ContentsEntry,
    Diagnostic,
    Level,
)
from publish.structure.articles import (
    Draft,
    printed_title,
)
from publish.structure.match import key


def title_corrections(body: list[Line], drafts: list[Draft]) -> list[Diagnostic]:
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


def unlisted_diagnostics(drafts: list[Draft], items: list[ContentsItem]) -> list[Diagnostic]:
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


def contents_entries(
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


__all__ = ["contents_entries", "coverage_diagnostics", "title_corrections", "unlisted_diagnostics"]
