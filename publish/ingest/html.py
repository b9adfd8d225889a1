"""HTML inputs (saved web pages, WeChat articles): the main content as tagged lines, plus the
page's metadata (title, author, date, site, address).

The main content is found by trafilatura, except on pages that name their content container
themselves: a WeChat article keeps its text in `#js_content`, its title in `#activity-name`, its
account in `#js_name`, and trafilatura, measured on such pages, takes a dialog's buttons for the
author and drops the pictures' captions. Metadata the page declares (`<meta name="author">`,
`og:url`, …) wins over trafilatura's guesses. Nothing is fetched: the page is parsed from the
file, images and styles are never loaded. What is left out (navigation, footers, scripts' text,
images) is reported line by line; the page's own chrome that survives extraction (follow
prompts, `上一篇`) is for the web-chrome rules of the normaliser.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate

import regex
from lxml import etree, html

from publish.ingest.pagemeta import Found, by_id, element_text, issue_meta, page_meta
from publish.ingest.reading import (
    InputFormat,
    Reading,
    Removal,
    SourceLine,
    is_caption,
    is_link_line,
    printed_captions,
    site_of,
    site_suffix,
)
from publish.lines import Tag

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "table",
        "tr",
        "thead",
        "tbody",
        "figure",
        "figcaption",
        "pre",
        "main",
        "aside",
        "nav",
        "center",
        "dl",
        "dt",
        "dd",
        "form",
    ]
)
_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "svg",
        "object",
        "button",
        "select",
    ]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_BOLD = frozenset(("strong", "b"))
_SPACE = regex.compile(r"[\s\u00a0\u3000]+")
# trafilatura's XML names for the HTML elements the walker knows.
_FROM_XML = {"head": "h2", "item": "li", "list": "ul", "row": "tr", "cell": "td", "lb": "br",
             "graphic": "img", "quote": "blockquote", "code": "pre", "main": "div"}  # fmt: skip


@dataclass
class _Walk:
    """Lines being collected from one element tree."""

    title: str | None
    images: dict[str, int]  # each picture's source line, by address
    lines: list[SourceLine] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)
    line: int = 0
    tags: set[Tag] = field(default_factory=set)
    captions: list[SourceLine] = field(default_factory=list)
    links: int = 0  # depth of links around the current text
    linked: int = 0  # characters of the current line inside links, and in all
    total: int = 0

    def text(self, value: str | None, line: int) -> None:
        if value and value.strip():
            if not "".join(self.pieces).strip():
                self.line = line
            self.pieces.append(value)
            size = len(_SPACE.sub("", value))
            self.total += size
            self.linked += size if self.links else 0
        elif value:
            self.pieces.append(" ")

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.pieces)).strip()
        if text:
            link = {Tag.LINK} if is_link_line(self.linked, self.total) else set()
            self.lines.append(SourceLine(text, self.line, 1, frozenset(self.tags | link)))
        self.pieces = []
        self.linked = self.total = 0
        self.lines.extend(self.captions)
        self.captions = []


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    name = name.rsplit("}", 1)[-1].lower()
    return _FROM_XML.get(name, name)


def _image(element: etree._Element, walk: _Walk) -> None:
    alt = (element.get("alt") or "").strip()
    src = element.get("data-src") or element.get("src") or ""
    line = walk.images.get(element.get("src") or "", element.sourceline or walk.line)
    walk.removals.append(Removal("H103", "html-image", line, "drop", f"<img alt=“{alt}” {src}>"))
    if is_caption(alt, walk.title):
        walk.captions.append(SourceLine(alt, line, 1, frozenset({Tag.CAPTION})))


def _whole_bold(element: etree._Element) -> bool:
    text = _SPACE.sub("", "".join(element.itertext()))
    bold = "".join(
        "".join(b.itertext()) for b in element.iter() if _local(b.tag) in _BOLD or _rend_bold(b)
    )
    return bool(text) and _SPACE.sub("", bold) == text


def _rend_bold(element: etree._Element) -> bool:
    return _local(element.tag) == "hi" and "#b" in (element.get("rend") or "")


def _walk(element: etree._Element, walk: _Walk) -> None:
    name = _local(element.tag)
    if name in _SKIP or not isinstance(element.tag, str):
        walk.text(element.tail, element.sourceline or walk.line)
        return
    if name == "table":
        _table(element, walk)
        walk.text(element.tail, element.sourceline or walk.line)
        return
    if name == "img":
        _image(element, walk)
    elif name == "br":
        walk.flush()
    block = name in _BLOCKS or name in ("td", "th")
    if block:
        walk.flush()
        saved = set(walk.tags)
        walk.tags |= _block_tags(element, name)
    walk.links += name in ("a", "ref")
    walk.text(element.text, element.sourceline or walk.line)
    for child in element:
        _walk(child, walk)
    walk.links -= name in ("a", "ref")
    if block:
        walk.flush()
        walk.tags = saved
    walk.text(element.tail, element.sourceline or walk.line)


def _block_tags(element: etree._Element, name: str) -> set[Tag]:
    if name in _HEADINGS:
        return {Tag.HEADING}
    if name == "li":
        return {Tag.LIST}
    if name == "blockquote":
        return {Tag.QUOTE}
    if name == "pre":
        return {Tag.CODE}
    if name == "p" and _whole_bold(element):
        return {Tag.BOLD}
    return set()


def _table(element: etree._Element, walk: _Walk) -> None:
    """Each row of a table is one line of its cells' text, tagged `table`."""
    walk.flush()
    for row in element.iter():
        if _local(row.tag) != "tr":
            continue
        cells = tuple(
            c for c in (_SPACE.sub(" ", "".join(cell.itertext())).strip() for cell in row) if c
        )
        if cells:
            line = row.sourceline or walk.line
            walk.lines.append(SourceLine(" ".join(cells), line, 1, frozenset({Tag.TABLE}), cells))


# --- the reading ------------------------------------------------------------------------------


def _parse(text: str) -> etree._Element:
    # No network, no DTDs, no entities from outside: the page is only read.
    parser = html.HTMLParser(no_network=True, remove_comments=True, recover=True)
    try:
        return html.document_fromstring(text, parser=parser)
    except etree.ParserError:
        return html.document_fromstring("<html><body></body></html>")


def _trafilatura(text: str) -> tuple[etree._Element | None, dict[str, str]]:
    import trafilatura  # noqa: PLC0415 - a heavy import, for HTML inputs only

    xml = trafilatura.extract(
        text,
        output_format="xml",
        include_images=True,
        include_tables=True,
        include_formatting=True,
        include_comments=False,
        favor_recall=True,
        with_metadata=True,
    )
    if not xml:
        return None, {}
    doc = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False))
    keys = {"title": "title", "author": "author", "date": "date_text", "sitename": "source_site"}
    guessed = {field: doc.get(attr) or "" for attr, field in keys.items()}
    guessed["url"] = doc.get("url") or ""
    return doc.find("main"), guessed


def _wechat_roots(tree: etree._Element) -> list[etree._Element] | None:
    content = by_id(tree, "js_content")
    if content is None:
        return None
    return [e for e in (by_id(tree, "activity-name"), content) if e is not None]


def _prepare(tree: etree._Element) -> str:
    """Lazy-loaded pictures (`data-src`) as pictures, so the extractor sees them."""
    for img in tree.iter("img"):
        if img.get("data-src") and not img.get("src"):
            img.set("src", img.get("data-src") or "")
    return str(html.tostring(tree, encoding="unicode"))


@dataclass(frozen=True, slots=True)
class _TextIndex:
    """The page body's text squeezed into one string, and the source line at each offset."""

    pieces: tuple[tuple[str, int], ...]
    text: str
    starts: tuple[int, ...]

    @staticmethod
    def of(tree: etree._Element) -> _TextIndex:
        body = tree.find("body")
        pieces: list[tuple[str, int]] = []
        for element in (body if body is not None else tree).iter():
            if not isinstance(element.tag, str) or _local(element.tag) in _SKIP:
                continue
            if any(_local(a.tag) in _SKIP for a in element.iterancestors()):
                continue
            for value in (element.text, element.tail):
                squeezed = _SPACE.sub("", value or "")
                if squeezed:
                    pieces.append((squeezed, element.sourceline or 0))
        starts = tuple(accumulate((len(p) for p, _ in pieces), initial=0))
        return _TextIndex(tuple(pieces), "".join(p for p, _ in pieces), starts)

    def find(self, text: str, at: int) -> int | None:
        """The offset of `text`'s first characters at or after `at` (else anywhere)."""
        probe = _SPACE.sub("", text)[:8]
        if not probe:
            return None
        found = self.text.find(probe, at)
        if found < 0:
            found = self.text.find(probe)
        return found if found >= 0 else None

    def line_at(self, offset: int) -> int:
        return self.pieces[bisect_right(self.starts, offset) - 1][1]


def _relocate(lines: list[SourceLine], index: _TextIndex) -> list[SourceLine]:
    """Lines read from the extractor's output, pointed back at the page's source lines."""
    out: list[SourceLine] = []
    at = 0
    for line in lines:
        found = index.find(line.text, at)
        if found is None:
            out.append(line)
            continue
        at = found
        out.append(replace(line, line=index.line_at(found)))
    return out


def _left_out(index: _TextIndex, kept: list[SourceLine]) -> Iterator[Removal]:
    """The page's text that is not in the reading: navigation, footers, dialogs."""
    text = "".join(_SPACE.sub("", x.text) for x in kept)
    for piece, line in index.pieces:
        if piece not in text:
            yield Removal("H102", "html-boilerplate", line, "drop", piece)


def read_html(text: str) -> Reading:
    """The main content of a saved page as tagged lines, with the page's metadata."""
    tree = _parse(text)
    prepared = _prepare(tree)
    index = _TextIndex.of(tree)
    images = {img.get("src") or "": img.sourceline or 0 for img in tree.iter("img")}
    wechat = _wechat_roots(tree)
    main, guessed = (None, {}) if wechat is not None else _trafilatura(prepared)
    found = page_meta(tree, guessed)
    title = found["title"].value if "title" in found else None
    walk = _Walk(title, images)
    roots = wechat if wechat is not None else ([main] if main is not None else [])
    for root in roots:
        _walk(root, walk)
        walk.flush()
    lines = walk.lines if wechat is not None else _relocate(walk.lines, index)
    if title:
        title, site = site_suffix(title, lines)
        found["title"] = replace(found["title"], value=title)
        page_title = element_text(tree.find(".//title"))
        if site is None and page_title:  # the title came from elsewhere
            site = site_of(page_title, title)
        if site and "source_site" not in found:
            found["source_site"] = Found(site, found["title"].line, "<title>")
    lines = printed_captions(_with_title(lines, title, found))
    removals = [
        Removal("H101", "html-metadata", f.line, "mark", f"{name}: {f.value}", f"from {f.how}")
        for name, f in found.items()
    ]
    removals += walk.removals
    removals += list(_left_out(index, lines))
    return Reading(InputFormat.HTML, tuple(lines), issue_meta(found), tuple(removals))


def _with_title(
    lines: list[SourceLine], title: str | None, found: dict[str, Found]
) -> list[SourceLine]:
    """The page's title is the article's first heading (the extractor may leave it out)."""
    if not title:
        return lines
    wanted = _SPACE.sub("", title)
    if lines and _SPACE.sub("", lines[0].text) == wanted:
        return [replace(lines[0], tags=lines[0].tags | {Tag.HEADING}), *lines[1:]]
    return [SourceLine(title, found["title"].line, 1, frozenset({Tag.HEADING})), *lines]
