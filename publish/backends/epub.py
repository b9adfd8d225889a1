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
TEXT_DIR = "text"


def chapter_href(article_id: str) -> str:
    return f"{TEXT_DIR}/{article_id}.xhtml"


def _html(title: str, file_name: str, ctx: RenderContext, content: str, uid: str) -> epub.EpubHtml:
    item = epub.EpubHtml(title=title, file_name=file_name, lang=ctx.language, uid=uid)
    item.content = content
    for sheet in STYLESHEETS:
        item.add_link(href=f"../style/{sheet}", rel="stylesheet", type="text/css")
    return item


def _chapter(article: Article, ctx: RenderContext) -> epub.EpubHtml:
    return _html(
        article.title, chapter_href(article.id), ctx, render_article(article, ctx), article.id
    )


def _page(name: str, title: str, ctx: RenderContext) -> epub.EpubHtml:
    content = environment().get_template(f"epub/{name}.html.j2").render(ctx=ctx)
    return _html(title, f"{TEXT_DIR}/{name}.xhtml", ctx, content, name)


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


def build_book(issue: Issue, ctx: RenderContext) -> epub.EpubBook:
    book = epub.EpubBook()
    _metadata(book, ctx)
    for sheet in STYLESHEETS:
        css = (STYLES_DIR / sheet).read_bytes()
        book.add_item(
            epub.EpubItem(
                uid=f"css-{sheet[:-4]}",
                file_name=f"style/{sheet}",
                media_type="text/css",
                content=css,
            )
        )
    title_page = _page("titlepage", ctx.title, ctx)
    chapters = [_chapter(article, ctx) for article in issue.articles]
    colophon = _page("colophon", ctx.labels.colophon, ctx)
    for item in (title_page, *chapters, colophon):
        book.add_item(item)
    book.toc = _toc(ctx.toc)
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav()
    nav.add_link(href="style/base.css", rel="stylesheet", type="text/css")
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

    def write(self, issue: Issue, ctx: RenderContext, dest: Path) -> Path:
        book = build_book(issue, ctx)
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
