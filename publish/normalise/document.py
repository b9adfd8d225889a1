"""The normaliser's working data: a document of lines that remember where they came from.

Rules work on a tuple of `Line`s rather than on one string, so that joins, splits and drops keep
the 1-based input line numbers every report and diagnostic points at. Blank lines are not kept
as lines; each line counts the blank lines before it (`blank_before`), which is how image holes
and page gaps stay visible to the rules that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Literal

import regex

from publish.edition import Edition
from publish.ingest.reading import InputFormat, Reading
from publish.lines import Change, ChangeKind, Document, Line, LineKind, Tag
from publish.model import Code, Diagnostic, Level
from publish.text.chars import SENTENCE_END


@dataclass(frozen=True, slots=True)
class NormaliseConfig:
    disabled: frozenset[str] = frozenset()
    # Spaces between Han text and digits/Latin in running text: remove them, or keep one.
    spacing: Literal["remove", "keep"] = "remove"
    # The sidecar's keep-break fixes: breaks the joining rule must keep (publish.fixes).
    kept_breaks: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    lines: Document
    changes: tuple[Change, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    printed: Edition | None = None  # the script the text is printed in, when a check read it


RuleFn = Callable[[Document, NormaliseConfig], Outcome]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named, documented normalisation rule."""

    code: str
    name: str
    fn: RuleFn
    summary: str
    example: tuple[str, str] = ("", "")
    flag_only: bool = False
    # The input formats the rule runs on: markdown debris rules skip parsed markdown and HTML.
    inputs: frozenset[InputFormat] = frozenset(InputFormat)


@dataclass(slots=True)
class Recorder:
    """Collects the changes and diagnostics of one rule run (local to that run)."""

    code: str
    name: str
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def change(self, line: int, kind: ChangeKind, before: str, after: str) -> None:
        self.changes.append(Change(self.code, self.name, line, kind, before, after))

    def flag(self, line: int | None, message: str, level: Level = Level.WARNING) -> None:
        self.diagnostics.append(Diagnostic(self.code, level, line, message))

    def outcome(self, lines: Iterable[Line], printed: Edition | None = None) -> Outcome:
        return Outcome(tuple(lines), tuple(self.changes), tuple(self.diagnostics), printed)

    def vetoed(self, line: Line) -> bool:
        """A furniture rule's verdict on a line that carries sentences of content is vetoed:
        the line is kept and the doubt reported, never dropped (or hidden) whole."""
        if not carries_content(line.text):
            return False
        self.flag(
            line.first, f"kept a line of content that looks like {self.name}: {line.text[:24]}…"
        )
        return True

    def drop(self, line: Line, sink: Sink) -> None:
        """Drop `line` from the text (recorded), unless it carries content."""
        if self.vetoed(line):
            sink.keep(line)
            return
        self.change(line.first, ChangeKind.DROP, line.text, "")
        sink.drop(line)


# Furniture (a caption, a label, a link, a promo) is never two sentences over this many characters.
CONTENT_MIN = 100
_SENTENCE_MARK = regex.compile(f"[{SENTENCE_END}]+")


def carries_content(text: str) -> bool:
    return len(text) >= CONTENT_MIN and len(_SENTENCE_MARK.findall(text)) >= 2


@dataclass(slots=True)
class Sink:
    """The output lines of one rule run. A dropped line leaves its gap (and its own line) as
    blank lines before the next kept line, so image holes stay visible to later rules."""

    lines: list[Line] = field(default_factory=list)
    carry: int = 0

    def drop(self, line: Line) -> None:
        self.carry += line.blank_before + 1

    def keep(self, line: Line) -> None:
        if self.carry:
            line = replace(line, blank_before=line.blank_before + self.carry)
            self.carry = 0
        self.lines.append(line)


def drop_where(code: str, name: str, predicate: Callable[[Document, int], bool]) -> RuleFn:
    """A rule that drops every text line for which `predicate(lines, index)` holds."""

    def run(lines: Document, _config: NormaliseConfig) -> Outcome:
        rec = Recorder(code, name)
        sink = Sink()
        for index, line in enumerate(lines):
            if line.kind is LineKind.TEXT and predicate(lines, index):
                rec.drop(line, sink)
            else:
                sink.keep(line)
        return rec.outcome(sink.lines)

    return run


def text_index(lines: Sequence[Line], index: int, step: int) -> int | None:
    """The nearest text line before (`step` -1) or after (`step` 1) line `index`."""
    at = index + step
    while 0 <= at < len(lines):
        if lines[at].kind is LineKind.TEXT:
            return at
        at += step
    return None


def text_neighbours(lines: Sequence[Line], index: int) -> tuple[Line | None, Line | None]:
    """The nearest text lines before and after line `index`."""
    before, after = text_index(lines, index, -1), text_index(lines, index, 1)
    return (
        lines[before] if before is not None else None,
        lines[after] if after is not None else None,
    )


def strip_prefix(
    line: Line, pattern: regex.Pattern[str], tag: Tag, rec: Recorder, *, limit: int = 10_000
) -> Line:
    """Remove a marker matched at the start (`■ `, `- `, `## `, `..... `), record it, tag the
    line; lines whose remaining text is longer than `limit` are left alone."""
    marker = pattern.match(line.text)
    if marker is None or not line.text[marker.end() :].strip():
        return line
    rest = line.text[marker.end() :]
    if len(rest) > limit:
        return line
    rec.change(line.first, ChangeKind.MARK, line.text, rest)
    return line.with_text(rest).tagged(tag)


CONTEXT = 6  # characters of context kept on each side of an edit in the report
# An address printed in the text: no rule edits inside it (`~`, `,` and `-` are its own).
URL = regex.compile(r"(?:https?://|ftp://|www\.)[^\s\p{Han}<>\"，。；！？（）“”‘’《》]+")


def _in_url(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """An edit inside an address (one around it, like unwrapping `<http://…>`, is fine)."""
    return any(a <= start and end <= b for a, b in spans)


def substitute(
    text: str,
    pattern: regex.Pattern[str],
    replace_match: Callable[[regex.Match[str]], str | None],
) -> tuple[str, list[tuple[str, str]]]:
    """Apply `replace_match` to every match; return the new text and (before, after) snippets.

    `replace_match` returns the replacement, or None to leave the match alone. Snippets carry a
    few characters of context so a reviewer can find the edit.
    """
    pieces: list[str] = []
    edits: list[tuple[str, str]] = []
    last = 0
    urls = [m.span() for m in URL.finditer(text)] if "/" in text or "www." in text else []
    for match in pattern.finditer(text):
        if urls and _in_url(urls, *match.span()):
            continue
        new = replace_match(match)
        if new is None or new == match.group(0):
            continue
        start, end = match.span()
        pieces.append(text[last:start])
        pieces.append(new)
        last = end
        left = text[max(0, start - CONTEXT) : start]
        right = text[end : end + CONTEXT]
        edits.append((left + match.group(0) + right, left + new + right))
    if not edits:
        return text, edits
    pieces.append(text[last:])
    return "".join(pieces), edits


def text_rule(
    code: str,
    name: str,
    transform: Callable[[str, NormaliseConfig], tuple[str, list[tuple[str, str]]]],
    *,
    applies: Callable[[Line], bool] = lambda line: line.kind is LineKind.TEXT,
) -> RuleFn:
    """Lift a per-line text transform into a rule that records every edit."""

    def run(lines: Document, config: NormaliseConfig) -> Outcome:
        rec = Recorder(code, name)
        out: list[Line] = []
        for line in lines:
            if not applies(line):
                out.append(line)
                continue
            new_text, edits = transform(line.text, config)
            for before, after in edits:
                rec.change(line.first, ChangeKind.EDIT, before, after)
            out.append(line.with_text(new_text) if new_text != line.text else line)
        return rec.outcome(out)

    return run


def regex_rule(
    code: str,
    name: str,
    pattern: str,
    replace_match: Callable[[regex.Match[str]], str | None],
    *,
    applies: Callable[[Line], bool] = lambda line: line.kind is LineKind.TEXT,
) -> RuleFn:
    """A rule that rewrites every match of one pattern (the common case)."""
    compiled = regex.compile(pattern)

    def transform(text: str, _config: NormaliseConfig) -> tuple[str, list[tuple[str, str]]]:
        return substitute(text, compiled, replace_match)

    return text_rule(code, name, transform, applies=applies)


# What the splitting into lines reports before any rule runs.
DOCUMENT_CODES: Final = (
    Code("W100", "A line of only spaces is dropped (it counts as a blank line).",
         "whitespace-only-line"),
)  # fmt: skip


def to_document(text: str) -> tuple[Document, tuple[Change, ...]]:
    """Split decoded text into content lines; blank and whitespace-only lines become counts."""
    lines: list[Line] = []
    changes: list[Change] = []
    blanks = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            if raw:
                changes.append(
                    Change("W100", "whitespace-only-line", number, ChangeKind.DROP, raw, "")
                )
            blanks += 1
            continue
        lines.append(Line(text=raw, origin=(number,), blank_before=blanks))
        blanks = 0
    return tuple(lines), tuple(changes)


def from_reading(reading: Reading) -> tuple[Document, tuple[Change, ...]]:
    """The lines of a parsed input (markdown, HTML), and what its reader left out."""
    lines = tuple(
        Line(
            text=x.text,
            origin=(x.line,),
            blank_before=x.blank_before,
            tags=x.tags,
            cells=x.cells,
        )
        for x in reading.lines
        if x.text.strip()
    )
    changes = tuple(
        Change(r.code, r.name, r.line, ChangeKind(r.kind), r.before, r.after)
        for r in reading.removals
    )
    return lines, changes
