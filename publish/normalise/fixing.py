"""The editor's fixes to the normaliser's decisions: joins, kept breaks, drops, headings.

Applied to the normalised lines after every rule has run (publish.fixes has the anchors). A
join merges the two lines; a kept line goes back where it was; a dropped line leaves with its
text in the report; a heading fix tags the line for the structure stage. Keep-break is
decided inside the joining rule (J301, `NormaliseConfig.kept_breaks`) and only checked here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from publish.fixes import Fix, FixKind, anchored, applied, missed, squeeze
from publish.lines import Change, ChangeKind, Line, LineKind, Tag
from publish.model import Diagnostic
from publish.normalise import Normalised
from publish.normalise.joining import merge_lines


def kept_breaks(fixes: Sequence[Fix]) -> tuple[tuple[str, str], ...]:
    """The breaks the joining rule must keep."""
    return tuple(fix.ends for fix in fixes if fix.kind is FixKind.KEEP_BREAK)


def _break_at(lines: list[Line], fix: Fix) -> list[int]:
    """Indices i where the break between lines i and i+1 has the fix's two ends."""
    end, start = fix.ends
    return [
        i
        for i in range(len(lines) - 1)
        if lines[i].kind is LineKind.TEXT
        and lines[i + 1].kind is LineKind.TEXT
        and squeeze(lines[i].text).endswith(end)
        and squeeze(lines[i + 1].text).startswith(start)
    ]


def _joined(lines: list[Line], fix: Fix) -> bool:
    end, start = fix.ends
    return any(end + start in squeeze(line.text) for line in lines)


class _Fixer:
    """The lines and the report while the fixes are applied, one after another."""

    def __init__(self, normalised: Normalised) -> None:
        self.lines = list(normalised.lines)
        self.changes = list(normalised.changes)
        self.diagnostics: list[Diagnostic] = []

    def join(self, fix: Fix) -> None:
        found = _break_at(self.lines, fix)
        if len(found) != 1:
            if not found and _joined(self.lines, fix):
                self.diagnostics.append(applied(fix))  # the reading joins it already
            else:
                self.diagnostics.append(missed(fix, len(found)))
            return
        i = found[0]
        first, second = self.lines[i], self.lines[i + 1]
        self.lines[i : i + 2] = [merge_lines(first, second)]
        before = f"{first.text[-8:]}⏎{second.text[:8]}"
        self.changes.append(Change("E101", "fix-join", first.first, ChangeKind.JOIN, before, ""))
        self.diagnostics.append(applied(fix, first.first))

    def keep_break(self, fix: Fix) -> None:
        found = _break_at(self.lines, fix)
        if len(found) == 1:
            self.diagnostics.append(applied(fix, self.lines[found[0]].first))
        else:
            self.diagnostics.append(missed(fix, len(found)))

    def drop(self, fix: Fix) -> None:
        found = [i for i, line in enumerate(self.lines) if anchored(line.text, fix.at)]
        if len(found) != 1:
            self.diagnostics.append(missed(fix, len(found)))
            return
        line = self.lines.pop(found[0])
        self.changes.append(Change("E101", "fix-drop", line.first, ChangeKind.DROP, line.text, ""))
        self.diagnostics.append(applied(fix, line.first))

    def keep(self, fix: Fix) -> None:
        found = [
            c for c in self.changes if c.kind is ChangeKind.DROP and anchored(c.before, fix.at)
        ]
        if len(found) != 1:
            self.diagnostics.append(missed(fix, len(found)))
            return
        dropped = found[0]
        at = next((i for i, x in enumerate(self.lines) if x.first > dropped.line), len(self.lines))
        self.lines.insert(at, Line(dropped.before, (dropped.line,), blank_before=1))
        change = Change("E101", "fix-keep", dropped.line, ChangeKind.EDIT, "", dropped.before)
        self.changes.append(change)
        self.diagnostics.append(applied(fix, dropped.line))

    def heading(self, fix: Fix, heading: bool) -> None:
        found = [i for i, line in enumerate(self.lines) if anchored(line.text, fix.at)]
        if len(found) != 1:
            self.diagnostics.append(missed(fix, len(found)))
            return
        line = self.lines[found[0]]
        tags = (
            (line.tags - {Tag.NOT_HEADING}) | {Tag.HEADING}
            if heading
            else (line.tags - {Tag.HEADING}) | {Tag.NOT_HEADING}
        )
        self.lines[found[0]] = replace(line, tags=tags)
        self.diagnostics.append(applied(fix, line.first))


def apply_line_fixes(normalised: Normalised, fixes: Sequence[Fix]) -> Normalised:
    """The normalised lines with the editor's line and break fixes applied and reported."""
    if not fixes:
        return normalised
    fixer = _Fixer(normalised)
    for fix in fixes:
        if fix.kind is FixKind.JOIN:
            fixer.join(fix)
        elif fix.kind is FixKind.KEEP_BREAK:
            fixer.keep_break(fix)
        elif fix.kind is FixKind.DROP:
            fixer.drop(fix)
        elif fix.kind is FixKind.KEEP:
            fixer.keep(fix)
        elif fix.kind in (FixKind.HEADING, FixKind.NOT_HEADING):
            fixer.heading(fix, fix.kind is FixKind.HEADING)
    return replace(
        normalised,
        lines=tuple(fixer.lines),
        changes=tuple(fixer.changes),
        diagnostics=normalised.diagnostics + tuple(fixer.diagnostics),
    )
