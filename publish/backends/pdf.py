"""PDF backend (the only module that imports WeasyPrint).

The edition is one HTML document (title page, contents, articles, colophon) rendered from
`templates/pdf/issue.html.j2` and laid out with `styles/base.css` + `styles/pdf.css`. Page
numbers in the contents, running heads, folios and the outline are all CSS, so this module only
assembles the document, fences WeasyPrint in (no network, no files outside `styles/`, no log
output) and writes the file atomically.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from publish.backends import BackendOptions, Written
from publish.backends.cjk_justify import FaceVariants, LineStyle, cjk_layout
from publish.errors import RenderError
from publish.files import atomic_path
from publish.model import Article, Issue
from publish.render.context import STYLES_DIR, RenderContext, TocEntry, environment
from publish.render.font_variants import halves_face, spaced_face
from publish.render.fonts import EMOJI_FAMILY, REPLACEMENT, find_font, missing_glyphs, subset_font
from publish.render.pagesetup import PageSetup, stylesheet
from publish.render.typesetting import ADJUSTABLE, Typesetting, spaced_chars

STYLESHEETS = ("base.css", "pdf.css")
TEMPLATE = "pdf/issue.html.j2"
WEASYPRINT_LOGGER = "weasyprint"

log = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A URL the PDF renderer is not allowed to fetch."""


class StylesOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type stubs
    """Serves the stylesheets in `root` and refuses every other URL.

    The text is untrusted: templates escape it, but should a URL ever reach the markup or a
    stylesheet, the renderer must not read local files or go out to the network.
    """

    def __init__(self, root: Path = STYLES_DIR, fonts: Path | None = None) -> None:
        # Only our own stylesheets are ever fetched, so a failed fetch is a broken installation
        # (or a URL that should not be there): stop the render instead of printing unstyled.
        super().__init__(allowed_protocols=("file",), fail_on_errors=True)
        self.root = root.resolve()
        self.fonts = fonts.resolve() if fonts is not None else None

    def local_path(self, url: str) -> Path:
        """The file a URL names, if it is a stylesheet inside `root` or one of the edition's
        font subsets inside `fonts`; else `RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"only local stylesheets may be fetched, not {url}")
        path = Path(url2pathname(parts.path)).resolve()
        if path.suffix == ".otf" and self.fonts is not None and path.parent == self.fonts:
            return path
        if not path.is_relative_to(self.root) or path.suffix != ".css" or not path.is_file():
            raise RefusedURL(f"not a stylesheet of this project: {url}")
        return path

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        path = self.local_path(url)
        kind = "font/otf" if path.suffix == ".otf" else "text/css; charset=utf-8"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})


@dataclass(frozen=True, slots=True)
class Part:
    """Articles in reading order under the contents entry that opens them: a section entry, or
    None for an article outside any section (which is then its own outline entry)."""

    section: TocEntry | None
    articles: tuple[Article, ...]


def reading_order(issue: Issue, toc: tuple[TocEntry, ...]) -> tuple[Part, ...]:
    """The body follows `toc`, so the contents page, the outline and the pages always agree."""
    by_id = {article.id: article for article in issue.articles}
    parts = tuple(
        Part(entry, tuple(by_id[child.target] for child in entry.children))
        if entry.children
        else Part(None, (by_id[entry.target],))
        for entry in toc
    )
    listed = [article.id for part in parts for article in part.articles]
    if sorted(listed) != sorted(article.id for article in issue.articles):
        # Printing only what the contents lists would silently drop text.
        raise RenderError("the table of contents does not list every article exactly once")
    return parts


def w3c_date(when: datetime) -> str:
    """The form WeasyPrint accepts for `dcterms.created`/`modified` (read as UTC if naive)."""
    utc = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def keywords(issue: Issue) -> tuple[str, ...]:
    """Section names, once each, in order."""
    return tuple(dict.fromkeys(s.title for s in issue.sections if s.title))


def subject(issue: Issue, ctx: RenderContext) -> str:
    labels = ctx.labels
    total = f"（{labels.total_number(issue.meta.total_number)}）" if issue.meta.total_number else ""
    return f"{ctx.title}{total}，{labels.article_count(len(issue.articles))}"


def build_html(issue: Issue, ctx: RenderContext, page: PageSetup | None = None) -> str:
    template = environment().get_template(TEMPLATE)
    return template.render(
        page_css=stylesheet(page or PageSetup()),
        ctx=ctx,
        parts=reading_order(issue, ctx.toc),
        keywords=keywords(issue),
        subject=subject(issue, ctx),
        date=w3c_date(ctx.modified),
        stylesheets=STYLESHEETS,
    )


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings instead of letting them reach stderr via the root logger.

    Changes the `weasyprint` logger for the duration, so two renders must not run concurrently
    in threads of one process (processes are fine).
    """
    logger = logging.getLogger(WEASYPRINT_LOGGER)
    handler = _Collector()
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)  # also silences the per-step progress messages
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        logger.setLevel(level)


# Characters the layout engine or the stylesheets may print that the text need not contain:
# ASCII and Latin-1 (folios, leaders), general punctuation, CJK symbols, full-width forms.
TYPESETTING_CHARS = frozenset(
    chr(c)
    for start, end in ((0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x3000, 0x3040),
                       (0xFF00, 0xFFF0))
    for c in range(start, end)
)  # fmt: skip


def _face_rule(family: str, weight: str, path: Path) -> str:
    return (
        f'@font-face {{ font-family: "{family}"; font-weight: {weight};'
        f" src: url({path.as_uri()}); }}"
    )


def font_faces(
    html: str, ctx: RenderContext, folder: Path, typesetting: Typesetting | None = None
) -> tuple[str, LineStyle]:
    """Write the edition's faces, cut down to the characters it prints, into `folder`; return
    the @font-face rules that name them "<family> Subset" (pdf.css lists those first), and the
    layout extension's settings with the derived faces its punctuation style and Han–Latin
    spacing use ("<family> Halves", "<family> Spaced").

    HarfBuzz cuts a face in ~50 ms; WeasyPrint would otherwise copy each whole ~25 MB
    collection into memory to embed it, which doubled the peak memory of a render.
    """
    typesetting = typesetting or Typesetting()
    punctuation = typesetting.style_for(ctx.language)
    used = set(html)
    chars = "".join(sorted(used | TYPESETTING_CHARS))
    marks = "" if punctuation == "tw" else "".join(sorted(used & ADJUSTABLE))
    space = typesetting.autospace_em
    before = "".join(sorted(spaced_chars(html))) if space else ""
    rules: list[str] = []
    variants: list[FaceVariants] = []
    for family in (ctx.serif_font, ctx.sans_font):
        halves, spaced = f"{family} Halves", f"{family} Spaced"
        for weight in ("normal", "bold"):
            font = find_font(family, bold=weight == "bold")
            path = folder / f"{len(rules)}.otf"
            path.write_bytes(subset_font(font, chars))
            rules.append(_face_rule(f"{family} Subset", weight, path))
            if marks:
                path = folder / f"{len(rules)}.otf"
                path.write_bytes(halves_face(font, marks, halves))
                rules.append(_face_rule(halves, weight, path))
            if before:
                path = folder / f"{len(rules)}.otf"
                path.write_bytes(spaced_face(font, before, space, spaced))
                rules.append(_face_rule(spaced, weight, path))
        variants.append(
            FaceVariants(
                f"{family} Subset",
                halves if marks else None,
                frozenset(marks),
                spaced if before else None,
                frozenset(before),
            )
        )
    return "\n".join(rules), LineStyle(punctuation, tuple(variants))


def render_pdf(
    html: str,
    target: Path,
    ctx: RenderContext,
    pdf_variant: str | None = None,
    typesetting: Typesetting | None = None,
) -> None:
    options: dict[str, Any] = {
        # Stable /ID: the edition's identifier (the second half is WeasyPrint's content hash).
        "pdf_identifier": ctx.identifier.encode(),
    }
    if pdf_variant:
        options["pdf_variant"] = pdf_variant
    with tempfile.TemporaryDirectory(prefix="publish-fonts-") as folder:
        faces, style = font_faces(html, ctx, Path(folder), typesetting)
        document = weasyprint.HTML(
            string=html.replace("</head>", f"<style>{faces}</style>\n</head>", 1),
            base_url=STYLES_DIR.as_uri() + "/",  # the <link>ed stylesheets resolve here
            url_fetcher=StylesOnlyFetcher(fonts=Path(folder)),
        )
        with cjk_layout(style):
            document.write_pdf(target, font_config=FontConfiguration(), **options)


def replace_missing_glyphs(html: str, ctx: RenderContext) -> tuple[str, list[str]]:
    """Characters no font of the edition covers (nor the emoji fallback) are printed as 〓 and
    reported, never left to become a silent tofu box."""
    for family in (ctx.serif_font, ctx.sans_font):
        find_font(family)  # the book's own faces must be there: an error, not a substitute
    families = (ctx.serif_font, ctx.sans_font, EMOJI_FAMILY)
    missing = missing_glyphs(html, families)
    reports = [
        f"no font has U+{ord(ch):04X} “{ch}”: printed as {REPLACEMENT} ({count}×)"
        for ch, count in sorted(missing.items())
    ]
    for ch in missing:
        html = html.replace(ch, REPLACEMENT)
    return html, reports


class PdfBackend:
    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"

    def __init__(self, options: BackendOptions | None = None) -> None:
        self.page = options.page if options else PageSetup()

    def write(self, issue: Issue, ctx: RenderContext, dest: Path) -> Written:
        """The PDF, with WeasyPrint's warnings (unsupported CSS, refused URLs, glyphs missing)."""
        try:
            html = build_html(issue, ctx, self.page)
        except jinja2.TemplateError as exc:
            raise RenderError(f"cannot render the PDF template: {exc}", path=dest) from exc
        html, replaced = replace_missing_glyphs(html, ctx)
        with captured_warnings() as messages, atomic_path(dest) as tmp:
            messages.extend(replaced)
            try:
                render_pdf(html, tmp, ctx, self.page.pdf_variant, self.page.typesetting)
            except FatalURLFetchingError as exc:  # a BaseException, not an Exception
                cause = exc.__cause__ or exc
                raise RenderError(f"cannot load a stylesheet: {cause}", path=dest) from exc
            except Exception as exc:
                # WeasyPrint has no exception hierarchy of its own; whatever it raises, there
                # is no PDF, and the caller expects a RenderError.
                raise RenderError(f"cannot write PDF: {exc}", path=dest) from exc
        for message in messages:
            log.debug("weasyprint: %s", message)
        return Written(dest, tuple(messages))
