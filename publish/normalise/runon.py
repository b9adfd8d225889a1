"""Text whose line breaks were lost: a scraped page saved as one line of thousands of characters.

Such a line starts with the page's title and dateline and runs on through every paragraph
(`LAYOUTS.md` K). Left whole, the furniture rules would see a header-shaped start and the
structure stage one giant paragraph. The line is split where the page's own marks say it was
broken: after the title and the metadata run that follow it, and at a sentence end followed by
a paragraph indent (two spaces, an ideographic space, a tab). A single space after a sentence
end counts too, but only when the whole text lost its breaks (a few lines at most): in an
ordinary OCR paragraph that space is a stray one. Nothing is reordered or dropped; every split is
reported.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from publish.lines import ChangeKind, Document, Line, LineKind
from publish.normalise.document import NormaliseConfig, Outcome, Recorder
from publish.text.chars import CLOSERS, HAN_RE, SENTENCE_END

RUN_ON_MIN = 300  # shorter lines are printed lines or paragraphs, whatever they contain
_FEW_LINES = 5  # a text this short in lines, with a run-on line, lost all its breaks
# A sentence end, then an indent: where a paragraph began.
_INDENT_GAP = regex.compile(
    rf"(?<=[{SENTENCE_END}][{CLOSERS}]*)(?:[ \t]{{2,}}|[ \t]*[\u3000\t][ \u3000\t]*)"
)
_SPACE_GAP = regex.compile(rf"(?<=[{SENTENCE_END}][{CLOSERS}]*)[ \t\u3000]+")
# The web editor's signature closing the text: `……落实。（责任编辑：李明）`.
_SIGNATURE = regex.compile(
    rf"(?<=[{SENTENCE_END}][{CLOSERS}]*)\s*(?=[（(]\s*(?:责任编辑|编辑|责编)\s*[:：][^）)]{{1,24}}[）)]$)"
)

# The metadata a page prints under its title: labelled values, dates, times.
_META_TOKEN = (
    r"(?:(?:发布时间|发布日期|时间|日期|来源|作者|编辑|责任编辑|浏览次数|点击数|阅读量)\s*[:：]\s*[^\s。，]{0,30}"
    r"|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}:\d{2}(?::\d{2})?)"
)
_HEADER = regex.compile(
    rf"^(?:(?P<title>[^。！？!?\s][^。！？!?]{{3,60}}?)[ \t\u3000]+)?"
    rf"(?P<meta>{_META_TOKEN}(?:[ \t\u3000]*{_META_TOKEN})*)[ \t\u3000]+(?P<body>\S.*)$"
)
# No metadata: a title, an indent, the first paragraph.
_TITLE_ONLY = regex.compile(
    r"^(?P<title>[^。！？!?，,；;\s][^。！？!?，,；;]{3,40}?)"
    r"(?:[ \t]{2,}|[\u3000\t]+)(?P<body>\S.*)$"
)


def _header(text: str) -> list[str]:
    """The title, the metadata run and the rest, where the line starts with them."""
    match = _HEADER.match(text)
    if match:
        title, meta = (match["title"] or "").strip(), match["meta"].strip()
        if title and not HAN_RE.search(title):  # `2021-05-30 10:48 …`: the date leads the run
            return [f"{title} {meta}", match["body"]]
        return [*([title] if title else []), meta, match["body"]]
    match = _TITLE_ONLY.match(text)
    if match:
        return [match["title"].strip(), match["body"]]
    return [text]


def _paragraphs(text: str, *, lost_all: bool) -> list[str]:
    gap = _SPACE_GAP if lost_all else _INDENT_GAP
    parts = [part.strip() for part in gap.split(text) if part.strip()]
    if parts:
        parts[-1:] = [part.strip() for part in _SIGNATURE.split(parts[-1]) if part.strip()]
    return parts


def _split(text: str, *, first: bool, lost_all: bool) -> list[str]:
    head = _header(text) if first else [text]
    parts = head[:-1]
    parts.extend(_paragraphs(head[-1], lost_all=lost_all))
    return parts


def split_run_on(lines: Document, _config: NormaliseConfig) -> Outcome:
    """A line of hundreds of characters that lost its breaks becomes its title, its dateline and
    its paragraphs."""
    rec = Recorder("W110", "run-on-text")
    text_lines = [x for x in lines if x.kind is LineKind.TEXT]
    lost_all = len(text_lines) <= _FEW_LINES
    first = text_lines[0] if text_lines else None
    out: list[Line] = []
    for line in lines:
        if line.kind is not LineKind.TEXT or len(line.text) < RUN_ON_MIN:
            out.append(line)
            continue
        parts = _split(line.text, first=line is first, lost_all=lost_all)
        if len(parts) == 1:
            out.append(line)
            continue
        rec.change(line.first, ChangeKind.SPLIT, line.text[:40], f"{len(parts)} lines")
        out.append(line.with_text(parts[0]))
        # A blank line between the parts: each is a paragraph of its own, never to be re-joined.
        out.extend(replace(line, text=part, blank_before=1) for part in parts[1:])
    return rec.outcome(out)
