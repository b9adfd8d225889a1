"""Markdown inline content: a block's text, soft breaks, links, images and inline HTML, as lines.

Part of the markdown reader (markdown.py): a soft break starts a new source line, a link keeps
its text (the target is reported), an image is dropped (a caption in its alt text is kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex
from markdown_it.token import Token

from publish.ingest.reading import Removal, SourceLine, is_caption, is_link_line
from publish.lines import Tag
from publish.model import Diagnostic

_BREAK_TAG = regex.compile(r"^<br\s*/?>$", regex.IGNORECASE)


@dataclass
class Out:
    """The lines, removals and diagnostics of one reading."""

    lines: list[SourceLine] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title: str | None = None

    def remove(self, removal: Removal) -> None:
        self.removals.append(removal)


@dataclass
class _Inline:
    """One block's inline content being turned into lines (a soft break starts a new one)."""

    first: int
    tags: frozenset[Tag]
    pieces: list[str] = field(default_factory=list)
    lines: list[SourceLine] = field(default_factory=list)
    captions: list[SourceLine] = field(default_factory=list)
    at: int = 0
    blank: int = 1
    links: int = 0  # depth of links around the current text
    linked: int = 0  # characters of the current line inside links, and in all
    total: int = 0

    def text(self, value: str) -> None:
        self.pieces.append(value)
        size = len("".join(value.split()))
        self.total += size
        self.linked += size if self.links else 0

    def newline(self) -> None:
        text = "".join(self.pieces)
        if text.strip():
            tags = self.tags | ({Tag.LINK} if is_link_line(self.linked, self.total) else set())
            self.lines.append(SourceLine(text, self.first + self.at, self.blank, tags))
            self.blank = 0
        self.pieces = []
        self.linked = self.total = 0
        self.at += 1

    def finish(self) -> list[SourceLine]:
        self.newline()
        return self.lines + self.captions


def inline_lines(token: Token, tags: frozenset[Tag], out: Out, blank: int) -> list[SourceLine]:
    first = token.map[0] + 1 if token.map else 0
    state = _Inline(first, tags, blank=blank)
    children = token.children or []
    for child in children:
        _inline_child(child, state, out)
    lines = state.finish()
    if _all_strong(children) and lines:
        lines = [SourceLine(x.text, x.line, x.blank_before, x.tags | {Tag.BOLD}) for x in lines]
    return lines


def _all_strong(children: Sequence[Token]) -> bool:
    """`**一、聚焦急难愁盼**`: the whole paragraph is bold (a subheading, usually)."""
    kinds = [c.type for c in children if not (c.type == "text" and not c.content.strip())]
    return len(kinds) >= 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close"


def _inline_child(child: Token, state: _Inline, out: Out) -> None:
    line = state.first + state.at
    kind = child.type
    if kind in ("text", "code_inline"):
        state.text(child.content)
    elif kind in ("softbreak", "hardbreak"):
        state.newline()
    elif kind == "image":
        _image(child, state, out, line)
    elif kind == "link_close":
        state.links -= 1
    elif kind == "link_open":
        state.links += 1
        href = str(child.attrs.get("href", ""))
        out.remove(
            Removal("M103", "markdown-link", line, "mark", f"→ {href}", "the link's text is kept")
        )
    elif kind == "footnote_ref":
        state.text(f"[{child.meta['label']}]")
    elif kind == "html_inline":
        if _BREAK_TAG.match(child.content.strip()):
            state.newline()
        else:
            out.remove(Removal("M105", "markdown-html", line, "mark", child.content))


def _image(child: Token, state: _Inline, out: Out, line: int) -> None:
    alt = child.content.strip()
    src = str(child.attrs.get("src", ""))
    out.remove(Removal("M102", "markdown-image", line, "drop", f"![{alt}]({src})"))
    if is_caption(alt, out.title):
        state.captions.append(SourceLine(alt, line, 0, frozenset({Tag.CAPTION})))
