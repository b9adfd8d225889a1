"""Editions: the script a book is set in, and everything that follows from it.

One home for what differs between the simplified and the traditional books: the language tag
in their metadata, the name in their file names, the OpenCC configurations that make them,
their CJK faces, the default punctuation style of the PDF, quotation marks, and the few words
the templates print. Every other module asks an `Edition`; none tests language strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from publish.render.typesetting import PunctuationStyle


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
    total: str  # "{n}" is the running number
    articles: str  # "{n}" is the number of articles
    cover: str
    titlepage: str
    landmarks: str
    pages: str
    a11y_summary: str  # "{pages}" is a11y_pages when the book has a page-list
    a11y_pages: str

    def total_number(self, n: int) -> str:
        return self.total.format(n=n)

    def article_count(self, n: int) -> str:
        return self.articles.format(n=n)


SIMPLIFIED_LABELS: Final = Labels(
    contents="目录",
    colophon="版权信息",
    body="正文",
    publisher="出版",
    source="来源",
    author="作者",
    date="日期",
    url="原文链接",
    total="总第{n}期",
    articles="{n}篇文章",
    cover="封面",
    titlepage="扉页",
    landmarks="导航",
    pages="页码",
    a11y_summary="可重排的文字版：目录按栏目分层，文章有结构化标题{pages}；封面图片附有替代文字。",
    a11y_pages="，印刷版页码可供导航",
)
TRADITIONAL_LABELS: Final = Labels(
    contents="目錄",
    colophon="版權信息",
    body="正文",
    publisher="出版",
    source="來源",
    author="作者",
    date="日期",
    url="原文連結",
    total="總第{n}期",
    articles="{n}篇文章",
    cover="封面",
    titlepage="扉頁",
    landmarks="導覽",
    pages="頁碼",
    a11y_summary="可重排的文字版：目錄按欄目分層，文章有結構化標題{pages}；封面圖片附有替代文字。",
    a11y_pages="，印刷版頁碼可供導覽",
)


@dataclass(frozen=True, slots=True)
class Edition:
    """One script edition, as a language tag names it."""

    language: str  # BCP 47, in the book's metadata: zh-Hans, zh-Hant, zh-Hant-TW, zh-Hant-HK
    name: str  # in file names (zh-Hans, zh-Hant), the same whatever the regional variant
    traditional: bool
    serif: str
    sans: str
    punctuation: PunctuationStyle  # the PDF's default punctuation style (typesetting.py)
    corner_quotes: bool  # 「」『』 for “”‘’, as Taiwan and Hong Kong print them
    labels: Labels
    opencc: str  # the OpenCC configuration from simplified text ("" for the simplified book)


SIMPLIFIED: Final = Edition(
    "zh-Hans", "zh-Hans", False, "Noto Serif CJK SC", "Noto Sans CJK SC", "gb", False,
    SIMPLIFIED_LABELS, "",
)  # fmt: skip
# Plain zh-Hant (OpenCC's generic s2t) is set like Hong Kong: its face centres the pause marks
# as Hong Kong type does, and the line-end rule is a Mainland standard's.
TRADITIONAL: Final = Edition(
    "zh-Hant", "zh-Hant", True, "Noto Serif CJK TC", "Noto Sans CJK TC", "hk", False,
    TRADITIONAL_LABELS, "s2t",
)  # fmt: skip
TAIWAN: Final = Edition(
    "zh-Hant-TW", "zh-Hant", True, "Noto Serif CJK TC", "Noto Sans CJK TC", "tw", True,
    TRADITIONAL_LABELS, "s2tw",
)  # fmt: skip
HONG_KONG: Final = Edition(
    "zh-Hant-HK", "zh-Hant", True, "Noto Serif CJK HK", "Noto Sans CJK HK", "hk", True,
    TRADITIONAL_LABELS, "s2hk",
)  # fmt: skip

EDITIONS: Final[tuple[Edition, ...]] = (SIMPLIFIED, TRADITIONAL, TAIWAN, HONG_KONG)
# The editions a build can ask for, by their file-name names.
EDITION_NAMES: Final[tuple[str, ...]] = (SIMPLIFIED.name, TRADITIONAL.name)
# The `[script] variant` choices and the edition each makes (s2twp: s2tw with Taiwan words).
VARIANT_EDITIONS: Final[dict[str, Edition]] = {
    "s2t": TRADITIONAL,
    "s2tw": TAIWAN,
    "s2twp": TAIWAN,
    "s2hk": HONG_KONG,
}
_BY_LANGUAGE: Final = {e.language: e for e in EDITIONS}


def edition_of(language: str) -> Edition:
    """The edition a language tag names; an unlisted traditional tag (zh-Hant-MO) is generic
    traditional, anything else simplified."""
    if (found := _BY_LANGUAGE.get(language)) is not None:
        return found
    return TRADITIONAL if language.startswith(TRADITIONAL.language) else SIMPLIFIED


def printed_edition(traditional: bool) -> Edition:
    """The edition a source is printed as, from whether its characters are traditional."""
    return TRADITIONAL if traditional else SIMPLIFIED
