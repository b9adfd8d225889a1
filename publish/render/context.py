"""Rendering shared by the backends: the Jinja2 environment and the render context.

Both backends render articles through the same templates (`templates/article.html.j2`), so an
article looks the same in the EPUB and the PDF. Everything a template needs is computed here
once (the TOC tree, display strings); templates contain no logic beyond loops and conditions.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import jinja2
import markupsafe

from publish.edition import SIMPLIFIED, Edition, Labels, edition_of
from publish.errors import EnvironmentProblem
from publish.model import Article, ArticleKind, Issue, MastheadField
from publish.render.typesetting import ADJUSTABLE, is_boundary

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _resource_dir(name: str) -> Path:
    """Where the templates or styles are: inside the package (an installed wheel), else the
    checkout's top-level folder."""
    installed = PACKAGE_ROOT / name
    checkout = PACKAGE_ROOT.parent / name
    return installed if installed.is_dir() or not checkout.is_dir() else checkout


TEMPLATES_DIR = _resource_dir("templates")
STYLES_DIR = _resource_dir("styles")


def check_resources(*folders: Path) -> None:
    """A missing templates or styles folder is a clear error, not a traceback mid-build."""
    for folder in folders or (TEMPLATES_DIR, STYLES_DIR):
        if not folder.is_dir():
            raise EnvironmentProblem(
                f"publish's {folder.name} are missing from its installation",
                path=folder,
                hint="reinstall publish (its wheel carries them), or run it from a checkout",
            )


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of a table of contents: a section (with children) or an article."""

    title: str
    target: str  # article id, or the id of the section's first article
    page: int | None = None
    byline: str | None = None
    children: tuple[TocEntry, ...] = ()
    author: str | None = None  # as the printed contents names it


@dataclass(frozen=True, slots=True)
class RenderContext:
    issue: Issue
    language: str
    title: str
    identifier: str
    modified: datetime
    toc: tuple[TocEntry, ...]
    edition: Edition = SIMPLIFIED

    @property
    def serif_font(self) -> str:
        return self.edition.serif

    @property
    def sans_font(self) -> str:
        return self.edition.sans

    @property
    def labels(self) -> Labels:
        return self.edition.labels

    @property
    def masthead(self) -> tuple[MastheadField, ...]:
        return self.issue.meta.masthead

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.issue.articles


def build_time(environ: dict[str, str] | None = None) -> datetime:
    """`SOURCE_DATE_EPOCH` when set (reproducible builds), else the current time."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def identifier(issue: Issue, language: str) -> str:
    """A deterministic identifier per issue and edition."""
    name = f"publish:{issue.id}:{issue.meta.display_title}:{language}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def build_toc(issue: Issue) -> tuple[TocEntry, ...]:
    """Section → article tree. Articles outside any section are top-level entries."""
    authors = {e.article_id: e.author for e in issue.contents if e.article_id and e.author}
    entries: list[TocEntry] = []
    for section in issue.sections:
        children = tuple(
            TocEntry(a.title, a.id, a.page, a.byline, author=authors.get(a.id))
            for a in section.articles
        )
        if not children:
            continue
        single = len(children) == 1 and (section.title in (None, children[0].title))
        if section.title is None or single:
            entries.extend(children)
        else:
            entries.append(
                TocEntry(section.title, children[0].target, children[0].page, None, children)
            )
    return tuple(entries)


def build_context(issue: Issue, *, modified: datetime | None = None) -> RenderContext:
    language = issue.meta.language
    return RenderContext(
        issue=issue,
        language=language,
        title=issue.meta.display_title,
        identifier=identifier(issue, language),
        modified=modified or build_time(),
        toc=build_toc(issue),
        edition=edition_of(language),
    )


def _is_cover(article: Article) -> bool:
    return article.kind is ArticleKind.COVER_EDITORIAL


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """StrictUndefined so a typo in a template fails the build; autoescape everything (the text
    comes from untrusted OCR and web pages)."""
    check_resources(templates_dir, STYLES_DIR)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["cover_editorial"] = _is_cover
    env.filters["tie_end"] = tie_end
    return env


# Punctuation that may not begin a line, so it never counts towards the characters tied.
_NO_LINE_START = "。，、；：？！…—·”’」』）》〉】〕〗〙〛）］｝,.;:?!)]}%"
TIE_CHARS = 2
_MARK_PAIRS = frozenset(a + b for a in ADJUSTABLE for b in ADJUSTABLE)


def _keep_together(pair: str) -> bool:
    return pair in _MARK_PAIRS or is_boundary(pair)


def tie_end(text: str, count: int = TIE_CHARS) -> markupsafe.Markup:
    """The text with its last `count` characters (and any punctuation after them) kept on one
    line, so a paragraph or a contents entry never ends with one lone character on its last
    line (孤字), which Chinese typesetting avoids. Escapes the text."""
    tail, seen = len(text), 0
    while tail > 0 and seen < count:
        tail -= 1
        ch = text[tail]
        seen += ch not in _NO_LINE_START and not ch.isspace()
    # The span's edge never separates two adjacent marks (`：“`) or a Han–Latin pair (`有3`):
    # the PDF's layout compresses or spaces them only inside one text.
    while tail > 0 and _keep_together(text[tail - 1 : tail + 1]):
        tail -= 1
    if tail == 0 or any(ch.isspace() for ch in text[tail - 1 :]):
        return markupsafe.escape(text)  # a space is a break opportunity the tie would move
    head, end = markupsafe.escape(text[:tail]), markupsafe.escape(text[tail:])
    return markupsafe.Markup(f'{head}<span class="tie">{end}</span>')


def render_article(
    article: Article,
    ctx: RenderContext,
    *,
    heading_level: int = 1,
    epub: bool = False,
    page_marker: int | None = None,
) -> str:
    """An article as an HTML fragment (the `<article>` element).

    `epub` adds EPUB structural semantics; `page_marker` puts the printed page's break marker
    (for the EPUB page-list) at the article's start.
    """
    template = environment().get_template("article.html.j2")
    return template.render(
        article=article, ctx=ctx, level=heading_level, epub=epub, page_marker=page_marker
    )
