"""The editor's review page (`build/<id>/changes.html`): every edit in context.

Each cleaned paragraph is shown with the characters that changed highlighted (the original on
hover), the rules that touched it beside it, and the input lines it came from. Dropped lines
are listed with their reason; counts per rule and diagnostics are at the top.

Every decision has a control that yields the sidecar `[[fix]]` that reverses it (publish.fixes):
a paragraph can be dropped, made a heading or an article's start, joined to the next one; a
join the normaliser made can be kept apart; a dropped line kept; an article retitled, given
another byline or section, or merged into the one before. Opened as a file, a control copies the
fix; under `publish serve` it writes it into the sidecar.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from publish.fixes import squeeze
from publish.model import Diagnostic, Issue
from publish.normalise import RULES, LineKind, Normalised
from publish.lines import Change, ChangeKind
from publish.render.context import STYLES_DIR, environment

_NAMES = {rule.code: rule.name for rule in RULES}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the cleaned text: unchanged, or changed from `before`."""

    text: str
    before: str | None = None

    @property
    def changed(self) -> bool:
        return self.before is not None


@dataclass(frozen=True, slots=True)
class Control:
    """A button that yields one `[[fix]]`: its kind and anchor; `ask` names the value the
    editor types (a title, a byline, a section)."""

    label: str
    kind: str
    at: str
    ask: str = ""
    current: str = ""  # the value now, offered for editing

    @property
    def data(self) -> str:
        return json.dumps({"kind": self.kind, "at": self.at, "ask": self.ask}, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class ReviewLine:
    lines: str  # input line numbers, e.g. "291–293"
    pieces: tuple[Piece, ...]
    rules: tuple[str, ...]
    meta: bool = False
    # The anchors of its fixes (the page's script makes the controls when they are needed):
    anchor: str = ""  # the line (drop, heading, not-heading, article-start)
    following: str = ""  # the break after it (join)
    joins: tuple[str, ...] = ()  # the breaks the normaliser joined inside it (keep-break)


@dataclass(frozen=True, slots=True)
class ReviewArticle:
    id: str
    title: str
    byline: str | None
    section: str | None
    controls: tuple[Control, ...]


_EXCERPT = 12  # characters of a line an anchor starts with, when that is unique
_END = 8  # characters on each side of a break


def _excerpts(texts: list[str]) -> list[str]:
    """For each text, its shortest opening (from `_EXCERPT` characters) found in no other
    text: an anchor that stays short and unique (the whole text when nothing shorter is)."""
    squeezed = [squeeze(t) for t in texts]
    everything = "\n".join(squeezed)
    # Occurrences of every run of `_EXCERPT` characters, counted once: most openings are
    # unique at that length, and only the others are looked for again.
    runs = Counter(everything[i : i + _EXCERPT] for i in range(len(everything) - _EXCERPT + 1))
    out = []
    for text, key in zip(texts, squeezed, strict=True):
        size = _EXCERPT
        while size < len(key) and (
            runs[key[:size]] > 1 if size == _EXCERPT else everything.count(key[:size]) > 1
        ):
            size += _EXCERPT
        out.append(key[:size] if size < len(key) else text)
    return out


def _break(before: str, after: str) -> str:
    return f"{squeeze(before)[-_END:]}\n{squeeze(after)[:_END]}"


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    name: str
    count: int


# Above this many characters on both sides a character diff could take minutes (SequenceMatcher
# is quadratic on repetitive text): the middle is then shown as one changed run.
MAX_DIFF_CHARS = 3000


def _common_ends(before: str, after: str) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix (not overlapping it)."""
    limit = min(len(before), len(after))
    prefix = 0
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def diff_pieces(before: str, after: str) -> tuple[Piece, ...]:
    """The cleaned text split into unchanged and changed runs (character diff)."""
    prefix, suffix = _common_ends(before, after)
    mid_before = before[prefix : len(before) - suffix]
    mid_after = after[prefix : len(after) - suffix]
    pieces: list[Piece] = [Piece(after[:prefix])] if prefix else []
    if min(len(mid_before), len(mid_after)) > MAX_DIFF_CHARS:
        pieces.append(Piece(mid_after, mid_before))
    else:
        matcher = SequenceMatcher(None, mid_before, mid_after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                pieces.append(Piece(mid_after[j1:j2]))
            elif op == "delete":
                pieces.append(Piece("", mid_before[i1:i2]))
            else:
                pieces.append(Piece(mid_after[j1:j2], mid_before[i1:i2]))
    if suffix:
        pieces.append(Piece(after[len(after) - suffix :]))
    return tuple(pieces)


def _span(origin: tuple[int, ...]) -> str:
    first, last = min(origin), max(origin)
    return str(first) if first == last else f"{first}–{last}"


def review_lines(raw: tuple[str, ...], normalised: Normalised) -> list[ReviewLine]:
    rules_by_line: dict[int, set[str]] = defaultdict(set)
    joins_by_line: dict[int, list[str]] = defaultdict(list)
    for change in normalised.changes:
        if change.kind is not ChangeKind.DROP:
            rules_by_line[change.line].add(change.rule)
        if change.kind is ChangeKind.JOIN and "⏎" in change.before:
            before, _, after = change.before.partition("⏎")
            joins_by_line[change.line].append(_break(before, after))
    lines = list(normalised.lines)
    anchors = _excerpts([line.text for line in lines])
    out: list[ReviewLine] = []
    for index, line in enumerate(lines):
        original = "".join(raw[n - 1].strip() for n in line.origin if 0 < n <= len(raw))
        rules = sorted({r for n in line.origin for r in rules_by_line.get(n, ())})
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        meta = line.kind is LineKind.META
        out.append(
            ReviewLine(
                lines=_span(line.origin),
                pieces=diff_pieces(original, line.text),
                rules=tuple(rules),
                meta=meta,
                anchor="" if meta else anchors[index],
                following=_break(line.text, nxt.text) if nxt is not None and not meta else "",
                joins=tuple(j for n in line.origin for j in joins_by_line.get(n, ())),
            )
        )
    return out


def review_articles(issue: Issue | None) -> list[ReviewArticle]:
    """Each article with the controls that change its title, byline, section, or merge it."""
    if issue is None:
        return []
    out = []
    for section in issue.sections:
        for a in section.articles:
            controls = (
                Control("retitle", "title", a.title, "the title", a.title),
                Control("byline", "byline", a.title, "the byline", a.byline or ""),
                Control("section", "section", a.title, "the section", section.title or ""),
                Control("not an article", "not-article", a.title),
            )
            out.append(ReviewArticle(a.id, a.title, a.byline, section.title, controls))
    return out


def rule_counts(changes: tuple[Change, ...]) -> list[RuleCount]:
    counts = Counter(c.rule for c in changes)
    names = {c.rule: c.name for c in changes}
    order = {rule.code: n for n, rule in enumerate(RULES)}
    return [
        RuleCount(code, names[code], n)
        for code, n in sorted(counts.items(), key=lambda kv: order.get(kv[0], -1))
    ]


def render_review(
    title: str,
    raw: tuple[str, ...],
    normalised: Normalised,
    diagnostics: tuple[Diagnostic, ...],
    issue: Issue | None = None,
) -> str:
    """The review page, with a control for each decision (see the module's docstring)."""
    dropped = [c for c in normalised.changes if c.kind is ChangeKind.DROP]
    names = _NAMES | {c.rule: c.name for c in normalised.changes}
    template = environment().get_template("report/changes.html.j2")
    return template.render(
        title=title,
        css=(STYLES_DIR / "report.css").read_text("utf-8"),
        counts=rule_counts(normalised.changes),
        total=len(normalised.changes),
        dropped=dropped,
        names=names,
        diagnostics=diagnostics,
        lines=review_lines(raw, normalised),
        articles=review_articles(issue),
    )
