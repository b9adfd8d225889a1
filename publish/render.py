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

from publish.model import Article, ArticleKind, Issue, MastheadField

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
STYLES_DIR = PROJECT_ROOT / "styles"

# Script-dependent settings of an edition (language tags and the matching CJK fonts).
FONT_FAMILIES = {
    "zh-Hans": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
    "zh-Hant": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
    "zh-Hant-TW": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
    "zh-Hant-HK": ("Noto Serif CJK HK", "Noto Sans CJK HK"),
}


@dataclass(frozen=True, slots=True)
class Labels:
    """The few words the templates print themselves, in the edition's script."""

    contents: str
    colophon: str
    body: str
    publisher: str
    source: str
    author: str
    date: str
    url: str
    total: str  # "{n}" is the issue's running number
    articles: str  # "{n}" is the number of articles

    def total_number(self, n: int) -> str:
        return self.total.format(n=n)

    def article_count(self, n: int) -> str:
        return self.articles.format(n=n)


LABELS = {
    "zh-Hans": Labels(
        "目录",
        "版权信息",
        "正文",
        "出版",
        "来源",
        "作者",
        "日期",
        "原文链接",
        "总第{n}期",
        "{n}篇文章",
    ),
    "zh-Hant": Labels(
        "目錄",
        "版權信息",
        "正文",
        "出版",
        "來源",
        "作者",
        "日期",
        "原文連結",
        "總第{n}期",
        "{n}篇文章",
    ),
}


def labels_for(language: str) -> Labels:
    """zh-Hant-TW and zh-Hant-HK share the traditional labels."""
    return LABELS["zh-Hant" if language.startswith("zh-Hant") else "zh-Hans"]


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of a table of contents: a section (with children) or an article."""

    title: str
    target: str  # article id, or the id of the section's first article
    page: int | None = None
    byline: str | None = None
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderContext:
    issue: Issue
    language: str
    title: str
    identifier: str
    modified: datetime
    toc: tuple[TocEntry, ...]
    serif_font: str
    sans_font: str
    labels: Labels = LABELS["zh-Hans"]

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
    entries: list[TocEntry] = []
    for section in issue.sections:
        children = tuple(TocEntry(a.title, a.id, a.page, a.byline) for a in section.articles)
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
    serif, sans = FONT_FAMILIES.get(language, FONT_FAMILIES["zh-Hans"])
    return RenderContext(
        issue=issue,
        language=language,
        title=issue.meta.display_title,
        identifier=identifier(issue, language),
        modified=modified or build_time(),
        toc=build_toc(issue),
        serif_font=serif,
        sans_font=sans,
        labels=labels_for(language),
    )


def _is_cover(article: Article) -> bool:
    return article.kind is ArticleKind.COVER_EDITORIAL


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """StrictUndefined so a typo in a template fails the build; autoescape everything (the text
    comes from untrusted OCR and web pages)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["cover_editorial"] = _is_cover
    return env


def render_article(article: Article, ctx: RenderContext, *, heading_level: int = 1) -> str:
    """An article as an HTML fragment (the `<article>` element)."""
    template = environment().get_template("article.html.j2")
    return template.render(article=article, ctx=ctx, level=heading_level)
