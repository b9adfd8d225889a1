"""EPUB 3 backend (the only module that imports ebooklib).

ebooklib builds the package (OPF, nav, NCX); we then rewrite the zip with fixed timestamps and
`mimetype` stored first, because ebooklib's own archive differs from run to run.
"""

from __future__ import annotations

import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from ebooklib import epub

from publish.errors import RenderError
from publish.files import atomic_path
from publish.model import Article, Issue
from publish.render import STYLES_DIR, RenderContext, TocEntry, environment, render_article

STYLESHEETS = ("base.css", "epub.css")
VERTICAL_STYLESHEETS = (*STYLESHEETS, "epub-vertical.css")
TEXT_DIR = "text"


def chapter_href(article_id: str) -> str:
    return f"{TEXT_DIR}/{article_id}.xhtml"


def _html(
    title: str,
    file_name: str,
    content: str,
    uid: str,
    *,
    ctx: RenderContext,
    sheets: tuple[str, ...],
) -> epub.EpubHtml:
    item = epub.EpubHtml(title=title, file_name=file_name, lang=ctx.language, uid=uid)
    item.content = content
    for sheet in sheets:
        item.add_link(href=f"../style/{sheet}", rel="stylesheet", type="text/css")
    return item


def _chapter(article: Article, ctx: RenderContext, sheets: tuple[str, ...]) -> epub.EpubHtml:
    content = render_article(article, ctx)
    return _html(
        article.title, chapter_href(article.id), content, article.id, ctx=ctx, sheets=sheets
    )


def _page(name: str, title: str, ctx: RenderContext, sheets: tuple[str, ...]) -> epub.EpubHtml:
    content = environment().get_template(f"epub/{name}.html.j2").render(ctx=ctx)
    return _html(title, f"{TEXT_DIR}/{name}.xhtml", content, name, ctx=ctx, sheets=sheets)


def _vertical(book: epub.EpubBook) -> None:
    """Right-to-left page progression, and Kindle's writing-mode hint in the OPF 2 form
    (the EPUB 3 `property` form fails EPUBCheck)."""
    book.set_direction("rtl")
    book.add_metadata(None, "meta", "", {"name": "primary-writing-mode", "content": "vertical-rl"})


def _toc(entries: tuple[TocEntry, ...]) -> list[Any]:
    toc: list[Any] = []
    for entry in entries:
        link = epub.Link(chapter_href(entry.target), entry.title, f"toc-{entry.target}")
        if entry.children:
            section = epub.Section(entry.title, href=chapter_href(entry.target))
            toc.append((section, _toc(entry.children)))
        else:
            toc.append(link)
    return toc


def _metadata(book: epub.EpubBook, ctx: RenderContext) -> None:
    meta = ctx.issue.meta
    book.set_identifier(ctx.identifier)
    book.set_title(ctx.title)
    book.set_language(ctx.language)
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    date = meta.date or (str(meta.year) if meta.year else None)
    if date:
        book.add_metadata("DC", "date", date)
    if meta.issn:
        book.add_metadata("DC", "identifier", f"urn:issn:{meta.issn}", {"id": "issn"})
    book.add_metadata("DC", "source", ctx.issue.id)


def build_book(issue: Issue, ctx: RenderContext, *, vertical: bool = False) -> epub.EpubBook:
    book = epub.EpubBook()
    _metadata(book, ctx)
    sheets = VERTICAL_STYLESHEETS if vertical else STYLESHEETS
    if vertical:
        _vertical(book)
    for sheet in sheets:
        css = (STYLES_DIR / sheet).read_bytes()
        book.add_item(
            epub.EpubItem(
                uid=f"css-{sheet[:-4]}",
                file_name=f"style/{sheet}",
                media_type="text/css",
                content=css,
            )
        )
    title_page = _page("titlepage", ctx.title, ctx, sheets)
    chapters = [_chapter(article, ctx, sheets) for article in issue.articles]
    colophon = _page("colophon", ctx.labels.colophon, ctx, sheets)
    for item in (title_page, *chapters, colophon):
        book.add_item(item)
    book.toc = _toc(ctx.toc)
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav()
    for sheet in sheets:
        if sheet != "epub.css":
            nav.add_link(href=f"style/{sheet}", rel="stylesheet", type="text/css")
    book.add_item(nav)
    book.spine = [title_page, "nav", *chapters, colophon]
    book.guide = [
        {"type": "toc", "href": "nav.xhtml", "title": ctx.labels.contents},
        {
            "type": "text",
            "href": chapters[0].file_name if chapters else title_page.file_name,
            "title": ctx.labels.body,
        },
    ]
    return book


def reproducible_zip(source: Path, dest: Path, when: datetime) -> None:
    """Copy an EPUB with `mimetype` first and stored, and one fixed timestamp everywhere."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w") as out:
        names = src.namelist()
        ordered = ["mimetype", *[n for n in names if n != "mimetype"]]
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            out.writestr(info, src.read(name), compresslevel=None if stored else 6)


class EpubBackend:
    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"
    vertical: ClassVar[bool] = False

    def write(self, issue: Issue, ctx: RenderContext, dest: Path) -> Path:
        book = build_book(issue, ctx, vertical=self.vertical)
        options = {
            "mtime": ctx.modified,
            "raise_exceptions": True,
            "epub3_pages": False,  # its page-list picks up any epub:type element (see docs)
        }
        with atomic_path(dest) as final, tempfile.TemporaryDirectory(dir=dest.parent) as tmp:
            raw = Path(tmp) / "raw.epub"
            try:
                ok = epub.write_epub(str(raw), book, options)
            except OSError as exc:
                raise RenderError(f"cannot write EPUB: {exc}", path=dest) from exc
            if ok is False:
                raise RenderError("ebooklib failed to write the EPUB", path=dest)
            reproducible_zip(raw, final, ctx.modified)
        return dest


class VerticalEpubBackend(EpubBackend):
    """The same EPUB set top to bottom, right to left (PDF has no vertical edition: WeasyPrint
    does not implement `writing-mode`)."""

    name: ClassVar[str] = "epub-vertical"
    suffix: ClassVar[str] = ".vertical.epub"
    vertical: ClassVar[bool] = True
