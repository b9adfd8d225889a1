"""The document model in the middle of the pipeline: readers produce it, backends consume it.

Plain text only (no markup); escaping happens in the templates. Every node keeps the span of
input lines it came from, so diagnostics and reports can point back at the source.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from enum import StrEnum
from typing import Any

from publish.edition import SIMPLIFIED


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Span:
    """First and last input line (1-based, inclusive)."""

    first: int
    last: int

    @staticmethod
    def of(lines: tuple[int, ...] | list[int]) -> Span:
        return Span(min(lines), max(lines)) if lines else Span(0, 0)

    def union(self, other: Span) -> Span:
        if self.first == 0:
            return other
        if other.first == 0:
            return self
        return Span(min(self.first, other.first), max(self.last, other.last))


@dataclass(frozen=True, slots=True)
class Code:
    """A change or diagnostic code and what it says: each code has one owner (a rule, a reader
    or a stage's registry) and one meaning; docs/diagnostics.md lists them all."""

    code: str
    summary: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something uncertain or suspicious, with a stable code and the input line."""

    code: str
    level: Level
    line: int | None
    message: str


class BlockType(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # in-article subheading
    LIST_ITEM = "list_item"
    ATTRIBUTION = "attribution"  # "——某某指出" under a quotation
    NOTE = "note"  # editor's note, column intro, bio
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Block:
    type: BlockType
    text: str
    span: Span


class ArticleKind(StrEnum):
    ARTICLE = "article"
    COVER_EDITORIAL = "cover_editorial"
    NEWS_ITEM = "news_item"  # short item in a digest column, often under a kicker
    SECTION_INTRO = "section_intro"  # opener / 编者按 / 开栏语 of a section


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    blocks: tuple[Block, ...]
    span: Span
    kind: ArticleKind = ArticleKind.ARTICLE
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    source_note: str | None = None
    author_note: str | None = None
    page: int | None = None
    segments: tuple[Span, ...] = ()

    @property
    def text_length(self) -> int:
        return sum(len(b.text) for b in self.blocks)


@dataclass(frozen=True, slots=True)
class Section:
    title: str | None
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One entry of the printed contents (目录)."""

    title: str
    section: str | None = None
    author: str | None = None
    page: int | None = None
    line: int = 0
    article_id: str | None = None  # the body article it was matched to


@dataclass(frozen=True, slots=True)
class MastheadField:
    label: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class IssueMeta:
    title: str | None = None
    half: str | None = None  # 上半月 / 下半月
    period: str | None = None  # e.g. "2023年第11期"
    year: int | None = None
    number: int | None = None
    total_number: int | None = None
    date: str | None = None  # ISO date when known
    date_text: str | None = None
    schedule: str | None = None  # e.g. "每月15日出版"
    publisher: str | None = None
    sponsor: str | None = None
    issn: str | None = None
    cn: str | None = None
    price: str | None = None
    language: str = SIMPLIFIED.language
    source_site: str | None = None  # web articles
    author: str | None = None  # web articles
    url: str | None = None
    original_source: str | None = None
    masthead: tuple[MastheadField, ...] = ()
    # Statements printed with the masthead (声明 and its paragraphs, 欢迎来稿 …), in order.
    notices: tuple[str, ...] = ()
    # The personal names the articles' bylines print, in order (read by the structure stage).
    contributors: tuple[str, ...] = ()

    @property
    def display_title(self) -> str:
        """`天津支部生活 2023年第11期（下半月）`, or the best available fallback."""
        name = self.title or self.publisher or "未命名刊物"
        if self.period:
            half = f"（{self.half}）" if self.half else ""
            return f"{name} {self.period}{half}"
        return name


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    meta: IssueMeta
    sections: tuple[Section, ...]
    contents: tuple[ContentsEntry, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    source_path: str | None = None
    # The printed contents/masthead page as cleaned lines (kept so no text is lost).
    front_matter: tuple[Block, ...] = ()

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for s in self.sections for a in s.articles)


def to_jsonable(value: Any) -> Any:
    """Turn model values into JSON-ready dicts/lists (enums as their values)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def issue_from_jsonable(data: dict[str, Any]) -> Issue:
    """Inverse of `to_jsonable` for an Issue (used by tests and external tools)."""

    def span(d: dict[str, int]) -> Span:
        return Span(d["first"], d["last"])

    def article(d: dict[str, Any]) -> Article:
        return Article(
            id=d["id"],
            title=d["title"],
            blocks=tuple(
                Block(BlockType(b["type"]), b["text"], span(b["span"])) for b in d["blocks"]
            ),
            span=span(d["span"]),
            kind=ArticleKind(d["kind"]),
            kicker=d["kicker"],
            subtitle=d["subtitle"],
            byline=d["byline"],
            source_note=d["source_note"],
            author_note=d["author_note"],
            page=d["page"],
            segments=tuple(span(s) for s in d["segments"]),
        )

    meta_d = dict(data["meta"])
    meta_d["masthead"] = tuple(MastheadField(**m) for m in meta_d["masthead"])
    meta_d["notices"] = tuple(meta_d.get("notices", ()))
    meta_d["contributors"] = tuple(meta_d.get("contributors", ()))
    return Issue(
        id=data["id"],
        meta=IssueMeta(**meta_d),
        sections=tuple(
            Section(s["title"], tuple(article(a) for a in s["articles"])) for s in data["sections"]
        ),
        contents=tuple(ContentsEntry(**c) for c in data["contents"]),
        diagnostics=tuple(
            Diagnostic(d["code"], Level(d["level"]), d["line"], d["message"])
            for d in data["diagnostics"]
        ),
        source_path=data.get("source_path"),
        front_matter=tuple(
            Block(BlockType(b["type"]), b["text"], span(b["span"])) for b in data["front_matter"]
        ),
    )


__all__ = [
    "Article",
    "ArticleKind",
    "Block",
    "BlockType",
    "ContentsEntry",
    "Diagnostic",
    "Issue",
    "IssueMeta",
    "Level",
    "MastheadField",
    "Section",
    "Span",
    "issue_from_jsonable",
    "to_jsonable",
]
