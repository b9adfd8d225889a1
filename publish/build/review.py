"""The editor's review page (`build/<id>/changes.html`): every edit in context.

Each cleaned paragraph is shown with the characters that changed highlighted (the original on
hover), the rules that touched it beside it, and the input lines it came from. Dropped lines
are listed with their reason; counts per rule and diagnostics are at the top.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from publish.model import Diagnostic
from publish.normalise import RULES, Change, ChangeKind, LineKind, Normalised
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
class ReviewLine:
    lines: str  # input line numbers, e.g. "291–293"
    pieces: tuple[Piece, ...]
    rules: tuple[str, ...]
    meta: bool = False


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
    for change in normalised.changes:
        if change.kind is not ChangeKind.DROP:
            rules_by_line[change.line].add(change.rule)
    out: list[ReviewLine] = []
    for line in normalised.lines:
        original = "".join(raw[n - 1].strip() for n in line.origin if 0 < n <= len(raw))
        rules = sorted({r for n in line.origin for r in rules_by_line.get(n, ())})
        out.append(
            ReviewLine(
                lines=_span(line.origin),
                pieces=diff_pieces(original, line.text),
                rules=tuple(rules),
                meta=line.kind is LineKind.META,
            )
        )
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
) -> str:
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
    )
