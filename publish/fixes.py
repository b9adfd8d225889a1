"""An editor's corrections to the automatic reading: `[[fix]]` tables in an input's sidecar.

    [[fix]]
    kind = "title"           # join, keep-break, drop, keep, heading, not-heading,
                             # article-start, not-article, title, byline, section
    at = "…"                 # a unique excerpt of the line; for join and keep-break, of the
                             # break's two ends, the break written as a newline ("末尾\\n开头")
    value = "…"              # title, byline, section (and article-start's optional fields:
                             # title, byline, section)

A fix is anchored by the text it applies to, never by a line number, so it survives edits
elsewhere in the source and a re-OCR that keeps the line. Fixes are applied after the
automatic decisions and reported (E101); an anchor that is not found (E102) or found more
than once (E103) is a warning naming the fix, an error with `--strict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

from publish.errors import ConfigError
from publish.model import Code, Diagnostic, Level


class FixKind(StrEnum):
    JOIN = "join"  # two lines the normaliser kept apart are one paragraph
    KEEP_BREAK = "keep-break"  # two lines it joined are two paragraphs
    DROP = "drop"  # a line is furniture
    KEEP = "keep"  # a line it dropped is text
    HEADING = "heading"  # a line is a heading (a title may start there)
    NOT_HEADING = "not-heading"  # a line is text, never a title
    ARTICLE_START = "article-start"  # an article starts at this line (its title)
    NOT_ARTICLE = "not-article"  # the article starting at this title is part of the one before
    TITLE = "title"  # the article whose title (or first line) this is has another title
    BYLINE = "byline"  # … another byline
    SECTION = "section"  # … belongs to another section


STALE: Final = frozenset({"E102", "E103"})  # the codes of fixes that did not apply
BREAK_KINDS: Final = frozenset({FixKind.JOIN, FixKind.KEEP_BREAK})
LINE_KINDS: Final = frozenset({FixKind.DROP, FixKind.KEEP, FixKind.HEADING, FixKind.NOT_HEADING})
START_KINDS: Final = frozenset({FixKind.ARTICLE_START, FixKind.NOT_ARTICLE})
ARTICLE_KINDS: Final = frozenset({FixKind.TITLE, FixKind.BYLINE, FixKind.SECTION})
_NEEDS_VALUE: Final = ARTICLE_KINDS
_KEYS: Final = frozenset({"kind", "at", "value", "title", "byline", "section"})

FIX_CODES: Final = (
    Code("E101", "An editor's fix from the sidecar was applied.", "fix-applied"),
    Code("E102", "A fix's anchor was not found: the fix is stale (a warning; an error with "
                 "`--strict`).", "fix-not-found"),
    Code("E103", "A fix's anchor is found more than once: say more of the line (a warning; "
                 "an error with `--strict`).", "fix-ambiguous"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fix:
    kind: FixKind
    at: str
    value: str | None = None
    title: str | None = None  # article-start's title, byline and section
    byline: str | None = None
    section: str | None = None
    number: int = 0  # its place among the sidecar's fixes, 1-based, for messages

    @property
    def name(self) -> str:
        return f"fix #{self.number} ({self.kind.value} at “{self.at}”)"

    @property
    def ends(self) -> tuple[str, str]:
        """A break fix's two ends: the end of the line before, the start of the line after."""
        before, _, after = self.at.partition("\n")
        return squeeze(before), squeeze(after)


def squeeze(text: str) -> str:
    """Anchors ignore spaces: OCR and the normaliser move them, an editor types them freely."""
    return "".join(text.split())


def anchored(text: str, at: str) -> bool:
    return bool(at) and squeeze(at) in squeeze(text)


def applied(fix: Fix, line: int | None = None) -> Diagnostic:
    return Diagnostic("E101", Level.INFO, line, f"{fix.name} applied")


def missed(fix: Fix, found: int) -> Diagnostic:
    if found == 0:
        return Diagnostic("E102", Level.WARNING, None, f"{fix.name}: its text is not found")
    return Diagnostic("E103", Level.WARNING, None, f"{fix.name}: its text is found {found} times")


def parse_fixes(value: Any, path: Path) -> tuple[Fix, ...]:
    """The `[[fix]]` array of tables of a sidecar, checked."""
    if not isinstance(value, list):
        raise ConfigError("fix must be an array of tables ([[fix]])", path=path)
    return tuple(_fix(entry, number, path) for number, entry in enumerate(value, start=1))


def _fix(entry: Any, number: int, path: Path) -> Fix:
    where = f"[[fix]] #{number}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table", path=path)
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise ConfigError(f"unknown key(s) in {where}: {', '.join(unknown)}", path=path,
                          hint=f"allowed: {', '.join(sorted(_KEYS))}")  # fmt: skip
    for key, text in entry.items():
        if not isinstance(text, str):
            raise ConfigError(f"{where}: {key} must be a string", path=path)
    try:
        kind = FixKind(entry.get("kind", ""))
    except ValueError:
        kinds = ", ".join(k.value for k in FixKind)
        raise ConfigError(f"{where}: unknown kind “{entry.get('kind', '')}”", path=path,
                          hint=f"one of: {kinds}") from None  # fmt: skip
    at = entry.get("at", "")
    if not squeeze(at):
        raise ConfigError(f"{where}: `at` must quote the text the fix applies to", path=path)
    if kind in BREAK_KINDS and not all(squeeze(end) for end in at.partition("\n")[::2]):
        raise ConfigError(
            f"{where}: a {kind.value} fix quotes both ends of the break, a newline between",
            path=path,
            hint='at = "…end of one line\\nstart of the next…"',
        )
    if kind in _NEEDS_VALUE and not (entry.get("value") or "").strip():
        raise ConfigError(f"{where}: a {kind.value} fix needs a value", path=path)
    return Fix(
        kind,
        at,
        entry.get("value"),
        entry.get("title"),
        entry.get("byline"),
        entry.get("section"),
        number,
    )
