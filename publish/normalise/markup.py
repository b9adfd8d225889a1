"""Whitespace, control characters and converter markup (markdown debris).

These run first: every later rule may assume trimmed lines without markdown syntax. What the
markup meant (a list item, a table row, a bold title) is kept as a tag on the line.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.normalise.document import (
    NormaliseConfig,
    Outcome,
    Recorder,
    Sink,
    regex_rule,
    strip_prefix,
)

# Characters that are invisible or illegal in XML 1.0 and never meaningful in these texts.
_INVISIBLE = regex.compile(
    r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff\ufffe"
    r"\ud800-\udfff]"  # lone surrogates: not text, and OpenCC cannot encode them
)
_EDGE_SPACE = regex.compile(r"^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$")


def strip_whitespace(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Trim leading/trailing whitespace (web indents, ideographic indents, trailing spaces)."""
    rec = Recorder("W101", "strip-whitespace")
    out: list[Line] = []
    for line in lines:
        trimmed = _EDGE_SPACE.sub("", line.text)
        if trimmed != line.text:
            rec.change(line.first, ChangeKind.EDIT, line.text, trimmed)
            indent = len(line.text) - len(line.text.lstrip())
            line = line.with_text(trimmed)
            if indent:
                line = line.tagged(Tag.INDENTED)
        out.append(line)
    return rec.outcome(out)


def remove_invisible(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Remove zero-width, BOM and control characters; a line left empty is dropped."""
    rec = Recorder("W102", "invisible-characters")
    sink = Sink()
    for line in lines:
        cleaned = _INVISIBLE.sub("", line.text).replace("\t", " ")
        if cleaned == line.text:
            sink.keep(line)
            continue
        rec.change(line.first, ChangeKind.EDIT, repr(line.text[:12]), cleaned[:12])
        if cleaned.strip():
            sink.keep(line.with_text(cleaned))
        else:
            rec.change(line.first, ChangeKind.DROP, repr(line.text), "")
            sink.drop(line)
    return rec.outcome(sink.lines)


unwrap_autolinks = regex_rule(
    "W103",
    "markdown-autolink",
    r"<((?:https?|ftp)://[^\s<>]+|[\w.+-]+@[\w-]+\.[\w.-]+)>",
    lambda m: m.group(1),
)

_TABLE_RULE = regex.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_TABLE_EMPTY = regex.compile(r"^(?:[-*+]\s*)?(?:\|\s*)+$")
_TABLE_ROW = regex.compile(r"^\|(.+)\|$")


def markdown_tables(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Drop table rulers and empty header rows; turn rows into text, keeping the cells."""
    rec = Recorder("W104", "markdown-table")
    out: list[Line] = []
    for line in lines:
        text = line.text
        if _TABLE_RULE.match(text) or _TABLE_EMPTY.match(text):
            rec.change(line.first, ChangeKind.DROP, text, "")
            continue
        row = _TABLE_ROW.match(text)
        if row:
            cells = tuple(c.strip() for c in row.group(1).split("|") if c.strip())
            new_text = " ".join(cells)
            rec.change(line.first, ChangeKind.MARK, text, new_text)
            out.append(replace(line, text=new_text, cells=cells).tagged(Tag.TABLE))
            continue
        out.append(line)
    return rec.outcome(out)


_LIST_MARKER = regex.compile(r"^[-*+•]\s+(?=\S)(?!\d{1,3}\s*-$)")  # `- 7 -` is a folio


def markdown_lists(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Strip `- ` list markers; the line is tagged as a list item."""
    rec = Recorder("W105", "markdown-list")
    return rec.outcome(
        strip_prefix(line, _LIST_MARKER, Tag.LIST, rec) if line.kind is LineKind.TEXT else line
        for line in lines
    )


_HEADING_MARK = regex.compile(r"^#{1,6}\s+(?=\S)")
_QUOTE_MARK = regex.compile(r"^>\s+(?=\S)")


def markdown_headings(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Strip `#` heading and `>` quote markers."""
    rec = Recorder("W106", "markdown-heading")
    return rec.outcome(
        strip_prefix(
            strip_prefix(line, _HEADING_MARK, Tag.HEADING, rec), _QUOTE_MARK, Tag.QUOTE, rec
        )
        for line in lines
    )


# Bold that starts after Han text and runs to the end stands in for a phrase separator:
# `聚焦夯基铸魂**树牢为民服务宗旨**` is a two-phrase subhead.
_BOLD_TAIL = regex.compile(r"(?<=\p{Han})\*\*(?=\p{Han})([^*]+)\*\*$")
_BOLD = regex.compile(r"\*\*([^*]+?)\*\*|__([^_]+?)__")


def markdown_bold(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Remove `**bold**` markers; a bold tail after Han text becomes a space-separated phrase."""
    rec = Recorder("W107", "markdown-bold")
    out: list[Line] = []
    for line in lines:
        text = line.text
        new_text = _BOLD_TAIL.sub(r" \1", text)
        new_text = _BOLD.sub(lambda m: m.group(1) or m.group(2) or "", new_text)
        if new_text != text:
            rec.change(line.first, ChangeKind.MARK, text, new_text)
            whole = text.startswith("**") and text.endswith("**")
            line = line.with_text(new_text)
            if whole:
                line = line.tagged(Tag.BOLD)
        out.append(line)
    return rec.outcome(out)


_COLUMN_LABEL = regex.compile(r"^([·•]\p{Han}{1,8}[·•])\s*(\S.*)$")
_COLUMN_LABEL_ALONE = regex.compile(r"^[·•]\p{Han}{1,8}[·•]$")


def split_column_labels(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`·时评·警惕……` → the column label and the title on lines of their own."""
    rec = Recorder("W108", "split-column-label")
    out: list[Line] = []
    for line in lines:
        if _COLUMN_LABEL_ALONE.match(line.text):
            out.append(line.tagged(Tag.COLUMN_LABEL))
            continue
        match = _COLUMN_LABEL.match(line.text)
        if match and line.kind is LineKind.TEXT:
            label, rest = match.group(1), match.group(2)
            rec.change(line.first, ChangeKind.SPLIT, line.text, f"{label} ⏎ {rest}")
            out.append(line.with_text(label).tagged(Tag.COLUMN_LABEL))
            out.append(replace(line, text=rest, blank_before=0))
            continue
        out.append(line)
    return rec.outcome(out)


# --- HTML debris from scraped pages ---------------------------------------------------------------

# Typographic entities only: `&amp;`, `&lt;`, `&gt;` stay as printed (untrusted text is shown,
# never interpreted, and a page about HTML may mean them literally).
_TYPOGRAPHIC_ENTITIES = {
    "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ", "ldquo": "“", "rdquo": "”",
    "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·",
    "bull": "•", "times": "×", "deg": "°", "yen": "¥", "laquo": "«", "raquo": "»",
}  # fmt: skip
_ENTITY = regex.compile(r"&(?:([a-z]{2,6})|#(\d{2,6})|#x([0-9a-fA-F]{2,5}));")
# Bare formatting tags (no attributes): `<p>`, `</p>`, `<br/>`, `<strong>`, `<span>`.
_DEBRIS_TAG = regex.compile(r"</?(?:p|div|span|strong|b|em|i|u|font|section)>|<br\s*/?>", regex.I)
_NOT_DECODED = frozenset("<>&\"'")


def _entity(match: regex.Match[str]) -> str | None:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _TYPOGRAPHIC_ENTITIES.get(named)
    char = chr(int(decimal) if decimal else int(hexadecimal, 16))
    if char in _NOT_DECODED or (not char.isprintable() and not char.isspace()):
        return None
    return char


def _clean_html(text: str) -> str:
    text = _ENTITY.sub(lambda m: _entity(m) or m.group(0), text)
    return _DEBRIS_TAG.sub("", text)


def html_debris(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`&nbsp;`, `&ldquo;`, `&#12288;` and bare `<p>`/`<br>` tags left by scraping."""
    rec = Recorder("W109", "html-debris")
    sink = Sink()
    for line in lines:
        cleaned = _clean_html(line.text) if line.kind is LineKind.TEXT else line.text
        if cleaned == line.text:
            sink.keep(line)
        elif cleaned.strip():
            rec.change(line.first, ChangeKind.EDIT, line.text, cleaned)
            sink.keep(line.with_text(cleaned))
        else:
            rec.change(line.first, ChangeKind.DROP, line.text, "")
            sink.drop(line)
    return rec.outcome(sink.lines)
