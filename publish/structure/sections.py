"""Sections: which column each article belongs to, from the contents, the kicker printed
over it, or its neighbours (S301 when the contents and the body disagree)."""

from __future__ import annotations

from dataclasses import replace

from publish.front.page import ContentsItem
from publish.model import (
    Article,
    ArticleKind,
    Diagnostic,
    Level,
    Section,
)
from publish.structure.articles import (
    Draft,
)
from publish.structure.match import key


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
        # An editor's note opens the section of the articles that follow it.
        opens = _next_listed(drafts, n) if draft.kind is ArticleKind.SECTION_INTRO else None
        if opens is not None:
            sections.append(opens.section)
        elif draft.kicker and key(draft.kicker) in columns:
            # The body prints the column over it (`要闻`): a column the contents names.
            sections.append(columns[key(draft.kicker)])
        else:
            sections.append(_listed_between(items, used, last) or _inherited(drafts, sections))
    return _contiguous(drafts, sections, diagnostics)


def _next_listed(drafts: list[Draft], n: int) -> ContentsItem | None:
    """The contents entry of the first listed article after article `n`."""
    return next((d.start.item for d in drafts[n + 1 :] if d.start.item), None)


def _listed_between(items: list[ContentsItem], used: set[int], last: int) -> str | None:
    """The column named by an unmatched contents entry between the last matched one and the
    next: the unlisted article is probably the one that entry lists."""
    following = next((n for n in range(last + 1, len(items)) if n in used), len(items))
    unmatched = [items[n] for n in range(last + 1, following) if n not in used]
    return next((it.section for it in unmatched if it.section), None)


def _inherited(drafts: list[Draft], sections: list[str | None]) -> str | None:
    """The section of the article before (not the cover editorial's: it stands alone)."""
    if not sections or drafts[len(sections) - 1].kind is ArticleKind.COVER_EDITORIAL:
        return None
    return sections[-1]


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


def group_sections(articles: list[tuple[str | None, Article]]) -> tuple[Section, ...]:
    sections: list[Section] = []
    for name, article in articles:
        if sections and sections[-1].title == name:
            sections[-1] = replace(sections[-1], articles=(*sections[-1].articles, article))
        else:
            sections.append(Section(name, (article,)))
    return tuple(sections)


__all__ = ["assign_sections", "group_sections"]
