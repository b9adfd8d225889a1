"""Markdown inputs, parsed with markdown-it-py: text lines with tags, front matter as metadata.

A saved web page or an OCR tool's output in markdown has markup that must never reach the
punctuation rules: `![](…)` images, links, `**`, tables, footnotes. The parser turns each block
into lines: a heading is tagged `heading`, a list item `list`, a table row `table` (its cells
kept), a quotation `quote`, a footnote definition `footnote` (its reference in the text becomes
`[1]`). A source line stays an output line (a soft break is a line break), so the joining rule
decides about broken paragraphs as it does for plain text. Images are dropped (alt text that is
a real caption stays, tagged `caption`); code fences keep their text and are reported; link
targets, inline HTML and thematic breaks are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from publish.ingest.frontmatter import read_front_matter
from publish.ingest.markdown_inline import Out, inline_lines
from publish.ingest.reading import (
    InputFormat,
    Reading,
    Removal,
    SourceLine,
    printed_captions,
    site_suffix,
)
from publish.lines import Tag
from publish.model import Diagnostic, IssueMeta, Level

_TAG = regex.compile(r"<[^>]*>")


# `**　　党建引领**`: CommonMark takes no `**` followed (or preceded) by a space for emphasis;
# web-to-markdown tools put the page's ideographic indent inside it.
_BOLD_INDENT = regex.compile(r"^([ \t]*)(\*\*|__)([\s\u3000]+)(?=\S)", regex.MULTILINE)
_BOLD_TRAIL = regex.compile(r"(?<=\S)([\s\u3000]+)(\*\*|__)[ \t]*$", regex.MULTILINE)


def _flanking(text: str) -> str:
    """Move spaces from inside a line's bold markers to outside them (same lines, same text)."""
    text = _BOLD_INDENT.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
    return _BOLD_TRAIL.sub(lambda m: m.group(2) + m.group(1), text)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").disable("code")
    md.use(front_matter_plugin).use(footnote_plugin)
    # Indented text is a web page's indent, not code ("code" is disabled above); every link is
    # parsed (its target is dropped, never followed), `javascript:` ones too.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass
class _List:
    ordered: bool
    number: int = 0  # the next item's number, in an ordered list
    mark: str = "."


@dataclass
class _Context:
    """Where the walk is: inside lists (with their numbers), quotes, a footnote, a table."""

    lists: list[_List] = field(default_factory=list)
    quote: int = 0
    footnote: str | None = None
    footnote_first: bool = False
    row: list[str] = field(default_factory=list)
    row_line: int = 0
    item_open: bool = False
    heading: bool = False

    def tags(self) -> frozenset[Tag]:
        tags: set[Tag] = set()
        if self.lists and not self.lists[-1].ordered:
            tags.add(Tag.LIST)
        if self.quote:
            tags.add(Tag.QUOTE)
        if self.footnote is not None:
            tags.add(Tag.FOOTNOTE)
        if self.heading:
            tags.add(Tag.HEADING)
        return frozenset(tags)


def read_markdown(text: str) -> Reading:
    """Parse a markdown input into tagged lines, metadata and removals."""
    tokens = _parser().parse(_flanking(text))
    out = Out()
    meta = IssueMeta()
    front = next((t for t in tokens if t.type == "front_matter"), None)
    if front is not None:
        meta = _front_matter(front, out)
        out.title = meta.title
    out.title = out.title or _first_heading(tokens)
    context = _Context()
    for index, token in enumerate(tokens):
        _block(tokens, index, token, context, out)
    # Footnote definitions come last from the parser: back where they were written (at the end
    # of their article). The sort is stable, so a caption stays after its line's text.
    lines = printed_captions(sorted(_with_title(out, meta, front), key=lambda x: x.line))
    if meta.title:
        title, site = site_suffix(meta.title, lines)
        meta = replace(meta, title=title, source_site=meta.source_site or site)
    return Reading(
        InputFormat.MARKDOWN, tuple(lines), meta, tuple(out.removals), tuple(out.diagnostics)
    )


def _first_heading(tokens: Sequence[Token]) -> str | None:
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and token.tag == "h1":
            return tokens[index + 1].content.strip() or None
    return None


def _front_matter(token: Token, out: Out) -> IssueMeta:
    end = token.map[1] if token.map else 0
    out.remove(Removal("M101", "front-matter", 1, "mark", "---"))
    meta, report = read_front_matter(token.content)
    for offset, line, what in report:
        out.remove(Removal("M101", "front-matter", offset + 2, "mark", line, what))
    out.remove(Removal("M101", "front-matter", end, "mark", "---"))
    return meta


def _title_line(front: Token | None) -> int:
    """The input line of the front matter's `title:` key."""
    content = front.content.splitlines() if front is not None else []
    at = next((n for n, x in enumerate(content) if x.lower().startswith("title")), 0)
    return at + 2


def _with_title(out: Out, meta: IssueMeta, front: Token | None) -> list[SourceLine]:
    """A front matter's title the body does not print is printed once, as the first heading, so
    the article has its title."""
    lines = out.lines
    if not meta.title:
        return lines
    wanted = site_suffix(meta.title, lines)[0].replace(" ", "")
    if any(x.text.replace(" ", "") == wanted for x in lines[:8]):
        return lines
    return [SourceLine(meta.title, _title_line(front), 1, frozenset({Tag.HEADING})), *lines]


def _block(tokens: Sequence[Token], index: int, token: Token, ctx: _Context, out: Out) -> None:
    kind = token.type
    handler = _OPENERS.get(kind)
    if handler is not None:
        handler(token, ctx, out)
    elif kind == "inline" and index > 0:
        _inline_block(tokens[index - 1], token, ctx, out)
    elif kind == "fence":
        _fence(token, ctx, out)
    elif kind == "html_block":
        _html_block(token, out)
    elif kind == "hr":
        line = token.map[0] + 1 if token.map else 0
        out.remove(Removal("M106", "markdown-rule", line, "drop", token.markup))


def _inline_block(opener: Token, token: Token, ctx: _Context, out: Out) -> None:
    if opener.type in ("th_open", "td_open"):
        ctx.row.append(" ".join(token.content.split()))
        ctx.row_line = token.map[0] + 1 if token.map else ctx.row_line
        return
    if _grid_table(token, out):
        return
    lines = inline_lines(token, ctx.tags(), out, 1)
    if ctx.footnote_first and lines:
        first = lines[0]
        label = f"[{ctx.footnote}] "
        lines[0] = SourceLine(label + first.text, first.line, first.blank_before, first.tags)
        ctx.footnote_first = False
    if ctx.item_open and lines:
        lines[0] = _numbered(lines[0], ctx)
        ctx.item_open = False
    out.lines.extend(lines)


# Pandoc's grid tables (`+----+----+` rulers, `| a | b |` rows), which CommonMark reads as a
# paragraph: the rulers go, each row is a line of its cells.
_GRID_RULER = regex.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_PIPE_ROW = regex.compile(r"^\s*\|(.+)\|\s*$")


def _grid_table(token: Token, out: Out) -> bool:
    rows = token.content.split("\n")
    if not any(_GRID_RULER.match(r) for r in rows):
        return False
    if not all(_GRID_RULER.match(r) or _PIPE_ROW.match(r) for r in rows):
        return False
    first = token.map[0] + 1 if token.map else 0
    for offset, row in enumerate(rows):
        if _GRID_RULER.match(row):
            out.remove(Removal("M104", "markdown-table", first + offset, "drop", row.strip()))
            continue
        found = _PIPE_ROW.match(row)
        cells = tuple(c.strip() for c in found.group(1).split("|")) if found else ()
        cells = tuple(c for c in cells if c)
        if cells:
            tags = frozenset({Tag.TABLE})
            out.lines.append(SourceLine(" ".join(cells), first + offset, 1, tags, cells))
    return True


def _numbered(line: SourceLine, ctx: _Context) -> SourceLine:
    """An ordered item keeps its number as printed (`1.坚持…`): the number is text here."""
    current = ctx.lists[-1]
    if not current.ordered:
        return line
    number = current.number
    current.number += 1
    return SourceLine(f"{number}{current.mark}{line.text}", line.line, line.blank_before, line.tags)


def _open_list(token: Token, ctx: _Context, _out: Out) -> None:
    if token.type == "bullet_list_open":
        ctx.lists.append(_List(ordered=False))
    else:
        start = int(token.attrs.get("start", 1) or 1)
        ctx.lists.append(_List(ordered=True, number=start, mark=token.markup or "."))


def _close_list(_token: Token, ctx: _Context, _out: Out) -> None:
    if ctx.lists:
        ctx.lists.pop()


def _open_item(_token: Token, ctx: _Context, _out: Out) -> None:
    ctx.item_open = True


def _quote(delta: int) -> Callable[[Token, _Context, Out], None]:
    def run(_token: Token, ctx: _Context, _out: Out) -> None:
        ctx.quote += delta

    return run


def _open_footnote(token: Token, ctx: _Context, _out: Out) -> None:
    ctx.footnote = str(token.meta.get("label", ""))
    ctx.footnote_first = True
    ctx.item_open = False


def _close_footnote(_token: Token, ctx: _Context, _out: Out) -> None:
    ctx.footnote = None


def _open_heading(_token: Token, ctx: _Context, _out: Out) -> None:
    ctx.heading = True


def _close_heading(_token: Token, ctx: _Context, _out: Out) -> None:
    ctx.heading = False


def _open_row(_token: Token, ctx: _Context, _out: Out) -> None:
    ctx.row = []


def _open_table(token: Token, _ctx: _Context, out: Out) -> None:
    first, last = token.map if token.map else (0, 0)
    what = f"a table of {last - first} lines"
    out.remove(Removal("M104", "markdown-table", first + 1, "mark", what, "a line per row"))


def _close_row(token: Token, ctx: _Context, out: Out) -> None:
    cells = tuple(c for c in ctx.row if c)
    if not cells:
        out.remove(Removal("M104", "markdown-table", ctx.row_line, "drop", "| |"))
        return
    out.lines.append(SourceLine(" ".join(cells), ctx.row_line, 1, frozenset({Tag.TABLE}), cells))


def _fence(token: Token, ctx: _Context, out: Out) -> None:
    """A code fence's lines stay as text (nothing is lost) and the fence is reported."""
    first = token.map[0] + 1 if token.map else 0
    out.remove(
        Removal("M107", "code-fence", first, "mark", token.markup + token.info, "kept as text")
    )
    out.diagnostics.append(
        Diagnostic("M107", Level.WARNING, first, "a code fence: its lines are kept as text")
    )
    for offset, text in enumerate(token.content.splitlines()):
        if text.strip():
            tags = ctx.tags() | {Tag.CODE}
            out.lines.append(SourceLine(text, first + 1 + offset, 1 if offset == 0 else 0, tags))


def _html_block(token: Token, out: Out) -> None:
    """Raw HTML between blocks (`<section>`, `<!-- 12 -->`): its text stays, the tags go."""
    first = token.map[0] + 1 if token.map else 0
    for offset, raw in enumerate(token.content.splitlines()):
        text = _TAG.sub("", regex.sub(r"<!--.*?-->", "", raw)).strip()
        if raw.strip() and text != raw.strip():
            kind = "mark" if text else "drop"
            out.remove(Removal("M105", "markdown-html", first + offset, kind, raw.strip(), text))
        if text:
            out.lines.append(SourceLine(text, first + offset, 1 if offset == 0 else 0))


_OPENERS = {
    "bullet_list_open": _open_list,
    "ordered_list_open": _open_list,
    "bullet_list_close": _close_list,
    "ordered_list_close": _close_list,
    "list_item_open": _open_item,
    "blockquote_open": _quote(1),
    "blockquote_close": _quote(-1),
    "footnote_open": _open_footnote,
    "footnote_close": _close_footnote,
    "heading_open": _open_heading,
    "heading_close": _close_heading,
    "tr_open": _open_row,
    "table_open": _open_table,
    "tr_close": _close_row,
}
