"""What a reader of a structured input (markdown, HTML) hands on: lines, metadata, removals.

A plain-text input is its own lines. A markdown or HTML input is parsed: its markup becomes
tags on text lines (a heading, a list item, a table row and its cells, a caption, a footnote),
its metadata (front matter, `<meta>` tags) becomes `IssueMeta` fields, and everything it leaves
out (images, code fences, page chrome) is a `Removal` in the report. Each line keeps the input
line it came from, so diagnostics point at the file a person opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

import regex

from publish.lines import Tag
from publish.model import Diagnostic, IssueMeta


class InputFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class ReaderCode:
    """One kind of thing a reader reports (the readers' part of the rule catalogue)."""

    code: str
    name: str
    format: InputFormat
    summary: str
    kind: str = "change"  # "diagnostic": a warning in the report; "change and diagnostic": both


READER_CODES = (
    ReaderCode("I001", "truncated-file", InputFormat.TEXT,
               "A file that ends inside a character is decoded without it (a warning).",
               "diagnostic"),
    ReaderCode("I002", "implausible-override", InputFormat.TEXT,
               "The encoding named for an input gives implausible text (a warning).",
               "diagnostic"),
    ReaderCode("M101", "front-matter", InputFormat.MARKDOWN,
               "Front matter (title, url, source, date, author) becomes metadata."),
    ReaderCode("M102", "markdown-image", InputFormat.MARKDOWN,
               "Images are dropped; alt text that is a real caption stays as the caption."),
    ReaderCode("M103", "markdown-link", InputFormat.MARKDOWN,
               "A link keeps its text; its target is reported."),
    ReaderCode("M104", "markdown-table", InputFormat.MARKDOWN,
               "A table row becomes a line of its cells; empty rows are dropped."),
    ReaderCode("M105", "markdown-html", InputFormat.MARKDOWN,
               "Raw HTML in markdown: the tags go, the text stays (`<br>` breaks the line)."),
    ReaderCode("M106", "markdown-rule", InputFormat.MARKDOWN,
               "Thematic breaks (`---`, `***`) are dropped."),
    ReaderCode("M107", "code-fence", InputFormat.MARKDOWN,
               "A code fence's lines are kept as text, with a warning.",
               "change and diagnostic"),
    ReaderCode("H101", "html-metadata", InputFormat.HTML,
               "The page's title, author, date, site and address become metadata."),
    ReaderCode("H102", "html-boilerplate", InputFormat.HTML,
               "Text outside the main content (menus, footers, dialogs) is left out."),
    ReaderCode("H103", "html-image", InputFormat.HTML,
               "Images are dropped; alt text that is a real caption stays as the caption."),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One text line of a parsed input. `blank_before`: 1 where a new block starts."""

    text: str
    line: int
    blank_before: int = 0
    tags: frozenset[Tag] = frozenset()
    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """Something a reader left out of the text or turned into metadata (one report entry)."""

    code: str
    name: str
    line: int
    kind: str  # "drop" (left out) or "mark" (kept as information: metadata, a tag)
    before: str
    after: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    format: InputFormat
    lines: tuple[SourceLine, ...]
    meta: IssueMeta = field(default_factory=IssueMeta)
    removals: tuple[Removal, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


# Alt texts that name no picture: tools write a file name, a size or a generic word.
_NO_CAPTION = regex.compile(
    r"^(?:图片?|配图|插图|题图|封面|头像|作者头像|二维码|动图|表情|logo|icon|image|img|photo|picture"
    r"|gif|png|jpe?g|webp|微信图片.*|\d+|[\w.-]+\.(?:jpe?g|png|gif|webp|bmp|svg))$",
    regex.IGNORECASE,
)
CAPTION_MIN_HAN = 6  # `示范党建` (an account's avatar) is a name, `图为党员入户走访` a caption
_HAN = regex.compile(r"\p{Han}")


def is_caption(alt: str, title: str | None = None) -> bool:
    """Alt text that describes the picture (`图为党员志愿者入户走访`), not a file name, a generic
    word or the page's title repeated."""
    alt = alt.strip()
    if not alt or _NO_CAPTION.match(alt):
        return False
    if title and alt.replace(" ", "") == title.replace(" ", ""):
        return False
    return sum(1 for _ in _HAN.finditer(alt)) >= CAPTION_MIN_HAN


def printed_captions(lines: list[SourceLine]) -> list[SourceLine]:
    """A picture's alt text that the page also prints under it (`…蔬菜` over `…蔬菜。记者 刘洋
    摄`): the printed line becomes the caption and the alt text goes (it was reported with its
    image)."""
    out: list[SourceLine] = []
    promote = False
    for index, line in enumerate(lines):
        after = lines[index + 1] if index + 1 < len(lines) else None
        if Tag.CAPTION in line.tags and after is not None and _printed(line.text, after.text):
            promote = True
            continue
        if promote:
            line = replace(line, tags=line.tags | {Tag.CAPTION})
            promote = False
        out.append(line)
    return out


_SQUEEZE = regex.compile(r"\s+")


def _printed(alt: str, text: str) -> bool:
    return _SQUEEZE.sub("", text).startswith(_SQUEEZE.sub("", alt))


LINKED_SHARE = 0.9  # a line this much link text is a link (a menu item, a related article)


def is_link_line(linked: int, total: int) -> bool:
    return total > 0 and linked >= LINKED_SHARE * total


# `标题_网站名`, `标题 - 网站名`, `标题｜网站名`: a page's <title> with the site's name at its end.
_SITE_SUFFIX = regex.compile(r"^(?P<title>.+?)\s*[_|｜\-–—·]+\s*(?P<site>[^_|｜\-–—·]{2,24})$")
TITLE_LOOKAHEAD = 8  # the printed title is among the first lines of a page


def site_suffix(title: str, lines: list[SourceLine]) -> tuple[str, str | None]:
    """(title, site): the site's name is taken off a declared title when a heading near the top
    prints the title without it."""
    found = _SITE_SUFFIX.match(title)
    if found is None:
        return title, None
    bare = _SQUEEZE.sub("", found.group("title"))
    for line in lines[:TITLE_LOOKAHEAD]:
        if Tag.HEADING in line.tags and _SQUEEZE.sub("", line.text) == bare:
            return line.text, found.group("site")
    return title, None


def site_of(page_title: str, title: str) -> str | None:
    """The site's name in `<title>标题_网站名</title>` when the title is known to be `标题`."""
    found = _SITE_SUFFIX.match(page_title)
    if found is None or _SQUEEZE.sub("", found.group("title")) != _SQUEEZE.sub("", title):
        return None
    return found.group("site")


_ISO_DATE = regex.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def declared_meta(values: dict[str, str]) -> IssueMeta:
    """What an input declares about itself (front matter, `<meta>` tags) as metadata: title,
    address, site, author and date (the date also as ISO 8601 when it spells one)."""
    meta = IssueMeta(
        title=values.get("title"),
        url=values.get("url"),
        source_site=values.get("source_site"),
        author=values.get("author"),
        date_text=values.get("date_text"),
    )
    found = _ISO_DATE.search(meta.date_text or "")
    if found is None:
        return meta
    year, month, day = (int(g) for g in found.groups())
    return replace(meta, date=f"{year:04d}-{month:02d}-{day:02d}")
