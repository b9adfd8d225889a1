"""EPUB 3 backend (the only module that imports ebooklib).

ebooklib builds the package (OPF, nav, NCX); we then rewrite the zip with fixed timestamps and
`mimetype` stored first, because ebooklib's own archive differs from run to run.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from ebooklib import epub

from publish.backends import BackendOptions, Written
from publish.errors import RenderError
from publish.files import atomic_path, scratch_path
from publish.model import Article, Issue
from publish.render.context import STYLES_DIR, RenderContext, TocEntry, environment, render_article
from publish.render.cover import render_cover
from publish.render.fonts import find_font, subset_font
from publish.render.typesetting import Typesetting

STYLESHEETS = ("base.css", "epub.css")
VERTICAL_STYLESHEETS = (*STYLESHEETS, "epub-vertical.css")
TEXT_DIR = "text"
NAV_HREF = "nav.xhtml"
OPF_NAME = "EPUB/content.opf"
FONTS_CSS = "fonts.css"  # generated when fonts are embedded
SPACING_CSS = "spacing.css"  # generated: the edition's punctuation style and Han–Latin spacing
# Apple Books uses embedded fonts only when the book says so (a vendor file, ignored elsewhere).
APPLE_OPTIONS = "META-INF/com.apple.ibooks.display-options.xml"
COVER_HREF = "images/cover.png"


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


def _chapter(
    article: Article, ctx: RenderContext, sheets: tuple[str, ...], page: int | None
) -> epub.EpubHtml:
    content = render_article(article, ctx, epub=True, page_marker=page)
    return _html(
        article.title, chapter_href(article.id), content, article.id, ctx=ctx, sheets=sheets
    )


def page_starts(issue: Issue) -> dict[str, int]:
    """Article id -> printed page, for the first article starting on each page.

    Pages must increase in reading order (a page-list is ordered); an article whose contents
    entry points backwards (a continuation, a misprint) gets no marker.
    """
    starts: dict[str, int] = {}
    last = 0
    for article in issue.articles:
        if article.page is not None and article.page > last:
            starts[article.id] = last = article.page
    return starts


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


def _meta(book: epub.EpubBook, prop: str, value: str, **attrs: str) -> None:
    book.add_metadata(None, "meta", value, {"property": prop, **attrs})


def _metadata(book: epub.EpubBook, ctx: RenderContext, *, paged: bool) -> None:
    meta = ctx.issue.meta
    book.set_identifier(ctx.identifier)
    book.set_title(ctx.title)
    book.set_language(ctx.language)
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    date = meta.date or (str(meta.year) if meta.year else None)
    if date:
        book.add_metadata("DC", "date", date)
    print_edition = f"urn:issn:{meta.issn}" if meta.issn else None
    if print_edition:
        book.add_metadata("DC", "identifier", print_edition, {"id": "issn"})
    # dc:source names the print edition; `source-of pagination` says the page-list follows it.
    book.add_metadata("DC", "source", print_edition or meta.url or ctx.title, {"id": "src"})
    if meta.author:
        book.add_author(meta.author)
    for name in meta.contributors:
        book.add_metadata("DC", "contributor", name)
    for section in dict.fromkeys(s.title for s in ctx.issue.sections if s.title):
        book.add_metadata("DC", "subject", section)
    _series(book, ctx)
    if paged:
        _meta(book, "source-of", "pagination", refines="#src")
    _accessibility(book, ctx, paged=paged)


def _series(book: epub.EpubBook, ctx: RenderContext) -> None:
    """The magazine as a series; the issue's running (or yearly) number as its position."""
    meta = ctx.issue.meta
    position = meta.total_number or meta.number
    if not meta.title or position is None:
        return
    _meta(book, "belongs-to-collection", meta.title, id="series")
    _meta(book, "collection-type", "series", refines="#series")
    _meta(book, "group-position", str(position), refines="#series")


def _accessibility(book: epub.EpubBook, ctx: RenderContext, *, paged: bool) -> None:
    """EPUB Accessibility 1.1 discovery metadata. No conformsTo claim: nobody has audited it."""
    _meta(book, "schema:accessMode", "textual")
    _meta(book, "schema:accessMode", "visual")  # the cover image
    _meta(book, "schema:accessModeSufficient", "textual")
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "alternativeText"]
    features += ["displayTransformability"] + (["pageNavigation"] if paged else [])
    for feature in features:
        _meta(book, "schema:accessibilityFeature", feature)
    _meta(book, "schema:accessibilityHazard", "none")
    labels = ctx.labels
    summary = labels.a11y_summary.format(pages=labels.a11y_pages if paged else "")
    _meta(book, "schema:accessibilitySummary", summary)


@dataclass(frozen=True, slots=True)
class EpubOptions:
    vertical: bool = False
    embed_fonts: bool = False
    typesetting: Typesetting = field(default_factory=Typesetting)


def spacing_stylesheet(ctx: RenderContext, typesetting: Typesetting) -> epub.EpubItem:
    """`text-spacing-trim` and `text-autospace` for the edition, as the PDF sets it."""
    css = (
        environment()
        .get_template("epub/spacing.css.j2")
        .render(style=typesetting.style_for(ctx.language), autospace=typesetting.autospace)
    )
    return epub.EpubItem(
        uid="css-spacing", file_name=f"style/{SPACING_CSS}", media_type="text/css", content=css
    )


def _stylesheets(book: epub.EpubBook, sheets: tuple[str, ...]) -> None:
    for sheet in sheets:
        book.add_item(
            epub.EpubItem(
                uid=f"css-{sheet[:-4]}",
                file_name=f"style/{sheet}",
                media_type="text/css",
                content=(STYLES_DIR / sheet).read_bytes(),
            )
        )


def _cover(book: epub.EpubBook, ctx: RenderContext, sheets: tuple[str, ...]) -> epub.EpubHtml:
    book.set_cover(COVER_HREF, render_cover(ctx), create_page=False)
    alt = f"{ctx.labels.cover}：{ctx.title}"
    content = (
        environment().get_template("epub/cover.html.j2").render(cover_href=COVER_HREF, alt=alt)
    )
    return _html(
        ctx.labels.cover, f"{TEXT_DIR}/cover.xhtml", content, "cover-page", ctx=ctx, sheets=sheets
    )


def render_nav(ctx: RenderContext, sheets: tuple[str, ...], starts: dict[str, int]) -> bytes:
    first = chapter_href(ctx.articles[0].id) if ctx.articles else f"{TEXT_DIR}/titlepage.xhtml"
    landmarks = [
        ("cover", f"{TEXT_DIR}/cover.xhtml", ctx.labels.cover),
        ("titlepage", f"{TEXT_DIR}/titlepage.xhtml", ctx.labels.titlepage),
        ("toc", "nav.xhtml#toc", ctx.labels.contents),
        ("bodymatter", first, ctx.labels.body),
    ]
    pages = [(page, f"{chapter_href(aid)}#page-{page}") for aid, page in starts.items()]
    template = environment().get_template("epub/nav.xhtml.j2")
    text = template.render(
        ctx=ctx,
        sheets=sheets,
        landmarks=landmarks,
        pages=pages,
        href=chapter_href,
    )
    return text.encode("utf-8")


EMBEDDED_FAMILY = "publish-embedded-serif"


@dataclass(frozen=True, slots=True)
class EmbeddedFace:
    href: str
    weight: str
    data: bytes


def embed_fonts(book: epub.EpubBook, ctx: RenderContext, text: str) -> tuple[EmbeddedFace, ...]:
    """Subsets of the edition's serif (regular and bold) holding exactly the book's characters,
    and the stylesheet that puts them first. Returns the faces (their sizes go in the report)."""
    faces = tuple(
        EmbeddedFace(
            f"fonts/serif-{weight}.otf",
            weight,
            subset_font(find_font(ctx.serif_font, bold=weight == "bold"), text),
        )
        for weight in ("normal", "bold")
    )
    for face in faces:
        book.add_item(
            epub.EpubItem(
                uid=f"font-{face.weight}",
                file_name=face.href,
                media_type="font/otf",
                content=face.data,
            )
        )
    css = (
        environment().get_template("epub/fonts.css.j2").render(faces=faces, family=EMBEDDED_FAMILY)
    )
    book.add_item(
        epub.EpubItem(
            uid="css-fonts", file_name=f"style/{FONTS_CSS}", media_type="text/css", content=css
        )
    )
    return faces


def _book_text(items: list[epub.EpubHtml], nav: bytes) -> str:
    """Every character the reader will draw (markup characters too: harmless, a few glyphs)."""
    return "".join(str(item.content) for item in items) + nav.decode("utf-8")


def build_book(
    issue: Issue, ctx: RenderContext, options: EpubOptions = EpubOptions()
) -> tuple[epub.EpubBook, bytes]:
    """The package, and the navigation document that replaces ebooklib's in the archive."""
    book = epub.EpubBook()
    starts = page_starts(issue)
    _metadata(book, ctx, paged=bool(starts))
    sheets = (*(VERTICAL_STYLESHEETS if options.vertical else STYLESHEETS), SPACING_CSS)
    if options.embed_fonts:
        sheets = (*sheets, FONTS_CSS)
    if options.vertical:
        _vertical(book)
    _stylesheets(book, tuple(s for s in sheets if s not in (FONTS_CSS, SPACING_CSS)))
    book.add_item(spacing_stylesheet(ctx, options.typesetting))
    cover = _cover(book, ctx, sheets)
    title_page = _page("titlepage", ctx.title, ctx, sheets)
    chapters = [_chapter(a, ctx, sheets, starts.get(a.id)) for a in issue.articles]
    colophon = _page("colophon", ctx.labels.colophon, ctx, sheets)
    for item in (cover, title_page, *chapters, colophon):
        book.add_item(item)
    book.toc = _toc(ctx.toc)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [cover, title_page, "nav", *chapters, colophon]
    book.guide = [
        {"type": "cover", "href": cover.file_name, "title": ctx.labels.cover},
        {"type": "toc", "href": "nav.xhtml", "title": ctx.labels.contents},
        {
            "type": "text",
            "href": chapters[0].file_name if chapters else title_page.file_name,
            "title": ctx.labels.body,
        },
    ]
    nav = render_nav(ctx, sheets, starts)
    if options.embed_fonts:
        embed_fonts(book, ctx, _book_text([cover, title_page, *chapters, colophon], nav))
    return book, nav


def with_package_language(opf: bytes, language: str) -> bytes:
    """ebooklib leaves `<package>` without xml:lang; accessibility checkers want the
    package's own language declared, not only dc:language."""
    head, sep, tail = opf.partition(b"<package ")
    if not sep or b"xml:lang=" in tail.split(b">", 1)[0]:
        return opf
    return head + sep + f'xml:lang="{language}" '.encode() + tail


def reproducible_zip(
    source: Path,
    dest: Path,
    when: datetime,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> None:
    """Copy an EPUB with `mimetype` first and stored, and one fixed timestamp everywhere;
    `replace` swaps the content of named members, `add` appends new ones."""
    replace = {**(add or {}), **(replace or {})}
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w") as out:
        names = src.namelist()
        ordered = ["mimetype", *[n for n in names if n != "mimetype"]]
        ordered += [name for name in add or {} if name not in names]
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            data = replace[name] if name in replace else src.read(name)
            out.writestr(info, data, compresslevel=None if stored else 6)


def apple_display_options() -> bytes:
    """Apple Books' display options: use the fonts the book embeds."""
    return environment().get_template("epub/apple-display-options.xml.j2").render().encode()


class EpubBackend:
    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"
    vertical: ClassVar[bool] = False

    def __init__(self, options: BackendOptions | None = None) -> None:
        embed = options.embed_fonts if options else False
        typesetting = options.page.typesetting if options else Typesetting()
        self.options = EpubOptions(
            vertical=self.vertical, embed_fonts=embed, typesetting=typesetting
        )

    def write(self, issue: Issue, ctx: RenderContext, dest: Path) -> Written:
        book, nav = build_book(issue, ctx, self.options)
        fonts = [item for item in book.get_items() if item.media_type == "font/otf"]
        options = {
            "mtime": ctx.modified,
            "raise_exceptions": True,
            "epub3_pages": False,  # its page-list picks up any epub:type element (see docs)
        }
        # ebooklib's own file is an intermediate: a dotted temporary (a kill mid-write must not
        # leave a half EPUB under a name that looks like an output).
        with atomic_path(dest) as final, scratch_path(dest) as raw:
            try:
                ok = epub.write_epub(str(raw), book, options)
            except OSError as exc:
                raise RenderError(f"cannot write EPUB: {exc}", path=dest) from exc
            if ok is False:
                raise RenderError("ebooklib failed to write the EPUB", path=dest)
            with zipfile.ZipFile(raw) as built:
                opf = with_package_language(built.read(OPF_NAME), ctx.language)
            add = {APPLE_OPTIONS: apple_display_options()} if self.options.embed_fonts else {}
            replace = {f"EPUB/{NAV_HREF}": nav, OPF_NAME: opf}
            reproducible_zip(raw, final, ctx.modified, replace, add)
        return Written(dest, embedded_font_bytes=sum(len(item.content) for item in fonts))


class VerticalEpubBackend(EpubBackend):
    """The same EPUB set top to bottom, right to left (PDF has no vertical edition: WeasyPrint
    does not implement `writing-mode`)."""

    name: ClassVar[str] = "epub-vertical"
    suffix: ClassVar[str] = ".vertical.epub"
    vertical: ClassVar[bool] = True
