"""Generate synthetic issues in the layouts of the genre, each with its gold labels.

Every dimension of the layout catalogue (front-matter order, contents heading and entry
layouts, sections, masthead, article headers, bylines, ends, captions, documents, journal
front matter, page furniture, page-break holes, hard wrapping, interleaved columns, character
damage) is drawn independently at random, from a fixed seed per issue, so the corpus is
reproducible and every combination turns up. The articles are the seeds' gold-labelled ones
(`bank.json`); the names, places, units and numbers are invented (`vocab.py`).

    python tests/corpus/generate.py 7            # print issue 7's text
    python tests/corpus/generate.py 7 --gold     # and its gold labels
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache

if __package__ in (None, ""):  # run as a script: make `corpus` importable
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import vocab as V
from corpus.bank import BankArticle, load_bank

CJK_DIGITS = "〇一二三四五六七八九"


# --- gold ------------------------------------------------------------------------------------


@dataclass
class GoldArticle:
    title: str
    section: str | None
    byline: str | None
    subtitle: str | None
    kicker: str | None
    source_note: str | None
    author_note: str | None
    page: int | None
    paragraphs: list[str]
    optional: list[str] = field(default_factory=list)  # may be kept, or read as metadata
    listed: bool = True
    cover: bool = False
    dims: dict[str, str] = field(default_factory=dict)


@dataclass
class GoldEntry:
    title: str
    section: str | None
    author: str | None
    page: int | None
    dims: dict[str, str] = field(default_factory=dict)


@dataclass
class Gold:
    meta: dict[str, object]
    contents: list[GoldEntry]
    articles: list[GoldArticle]
    breaks: list[tuple[str, str]]  # (first half, second half) of every cut unit
    ends: list[tuple[str, str]]  # consecutive units that must stay apart
    dims: dict[str, str]
    masthead: list[tuple[str, str]]

    @property
    def single_column(self) -> bool:
        return self.dims["two_column"] == "no"


@dataclass
class Generated:
    id: str
    text: str
    gold: Gold


# --- dimensions --------------------------------------------------------------------------------

ISSUE_DIMS: dict[str, tuple[str, ...]] = {
    "front_order": ("editorial-contents-masthead", "contents-first", "masthead-split",
                    "masthead-end", "masthead-first"),
    "contents_heading": ("目录", "目 录", "CONTENTS 目录", "本期目录", "目次", "本期导读", "none"),
    "issue_line": ("year-number", "number-total", "year-month-half", "written-year", "dotted",
                   "no", "month-total", "semimonthly"),
    "cover_lines": ("name", "name+pinyin", "name+slogan", "pinyin+name+slogan"),
    "contents_blank": ("none", "every-line", "between-entries"),
    "page_style": ("first-2digit", "first-plain", "first-P", "first-bar", "first-slash",
                   "leader-ellipsis", "leader-dots", "leader-middot", "space", "ideographic-space",
                   "leader-next-line", "brackets", "brackets-square", "brackets-first", "none",
                   "table", "two-column-rows"),
    "section_style": ("bullet", "lenticular", "tortoise", "plain", "sub", "english",
                      "prefix-lenticular", "prefix-bar", "none"),
    "body_section": ("first-kicker", "every-kicker", "none"),
    "masthead_labels": ("space", "colon", "spaced", "newline", "multi"),
    "line_shape": ("paragraph", "paragraph", "paragraph", "hard-wrapped"),
    "para_separator": ("blank", "none"),
    "two_column": ("no", "no", "no", "no", "no", "no", "no", "yes"),
    "damage": ("none", "light", "heavy"),
    "furniture": ("none", "folios", "folios+heads", "holes-with-inserts", "all"),
}  # fmt: skip

BYLINE_STYLES = (
    "wen-slash", "wen-slash-photo", "box", "reporter-correspondent", "house-reporter",
    "name-alone", "two-names", "three-names", "name-affiliation", "unit", "wen-split",
    "reporter-illustrator", "dateline", "end-credit", "house", "none",
)  # fmt: skip


@dataclass
class IssueDims:
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]


def _draw_dims(rng: random.Random) -> IssueDims:
    values = {name: rng.choice(options) for name, options in ISSUE_DIMS.items()}
    if values["page_style"] in ("table", "two-column-rows"):
        values["contents_blank"] = "none"
    if values["line_shape"] == "hard-wrapped":
        values["para_separator"] = rng.choice(("indent-ideographic", "indent-ascii", "blank"))
    return IssueDims(values)


# --- names and numbers -----------------------------------------------------------------------


@dataclass
class Magazine:
    name: str
    pinyin: str
    place: str
    year: int
    number: int
    total: int
    half: str | None
    issn: str
    cn: str


def _magazine(rng: random.Random, dims: IssueDims) -> Magazine:
    place = V.place(rng)
    suffix = rng.choice(list(V.MAGAZINE_SUFFIX))
    year = rng.randint(2016, 2026)
    semimonthly = dims["issue_line"] in ("year-month-half", "semimonthly")
    number = rng.randint(1, 24 if dims["issue_line"] == "semimonthly" else 12)
    half = rng.choice(("上半月", "下半月")) if semimonthly else None
    if dims["issue_line"] == "semimonthly":
        half = "上半月" if number % 2 else "下半月"
    return Magazine(
        name=place + suffix,
        pinyin=f"{V.pinyin(place)} {V.MAGAZINE_SUFFIX[suffix]}",
        place=place,
        year=year,
        number=number,
        total=rng.randint(60, 1300),
        half=half,
        issn=f"{rng.randint(1000, 2999)}-{rng.randint(100, 999)}{rng.choice('0123456789X')}",
        cn=f"{rng.randint(11, 65)}-{rng.randint(1000, 1999)}/D",
    )


def _written(number: int) -> str:
    if number < 10:
        return CJK_DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else CJK_DIGITS[tens]) + "十" + (CJK_DIGITS[ones] if ones else "")


def _issue_line(mag: Magazine, style: str) -> tuple[str | None, dict[str, object]]:
    """The printed issue line and the metadata it states."""
    y, n, t = mag.year, mag.number, mag.total
    if style == "year-number":
        return f"{y}年第{n}期", {"year": y, "number": n}
    if style == "number-total":
        return f"{y}年第{n}期（总第{t}期）", {"year": y, "number": n, "total_number": t}
    if style == "year-month-half":
        return f"{y}年{n}月 {mag.half}", {"year": y, "half": mag.half}
    if style == "written-year":
        year = "".join(CJK_DIGITS[int(d)] for d in str(y))
        return f"{year}年 第{_written(n)}期", {"year": y, "number": n}
    if style == "dotted":
        return f"{y}.{n:02d}", {"year": y}
    if style == "month-total":
        return f"{y}年第{n}期 (月·总第{t}期)", {"year": y, "number": n, "total_number": t}
    if style == "semimonthly":
        mark = "上" if mag.half == "上半月" else "下"
        return f"半月刊 {y}年第{n}期（{mark}）", {"year": y, "number": n, "half": mag.half}
    return None, {}


# --- text damage ---------------------------------------------------------------------------------

_HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _damage(text: str, rng: random.Random, level: str) -> str:
    """OCR damage the cleaner is expected to repair (the gold keeps the clean text)."""
    if level == "none" or len(text) < 8:
        return text
    rate = 0.25 if level == "light" else 0.8
    out = []
    for index, ch in enumerate(text):
        prev = text[index - 1] if index else ""
        if ch in _HALF and rng.random() < rate:
            ch = _HALF[ch]
        elif (ch in "，。、" and rng.random() < rate * 0.08) or (
            ch in "“" and prev and rng.random() < rate * 0.1
        ):
            ch = " " + ch
        elif ch.isdigit() and level == "heavy" and rng.random() < 0.05:
            ch = ch.translate(_FULL_DIGITS)
        out.append(ch)
    damaged = "".join(out)
    if level == "heavy" and rng.random() < 0.3:
        at = rng.randrange(1, len(damaged) - 1)
        if "\u4e00" <= damaged[at] <= "\u9fff" and "\u4e00" <= damaged[at - 1] <= "\u9fff":
            damaged = damaged[:at] + " " + damaged[at:]  # a stray space inside a phrase
    return damaged


# --- the writer ---------------------------------------------------------------------------


@dataclass
class Furniture:
    """What a page-break hole may hold, drawn per issue."""

    folios: bool
    heads: bool
    inserts: bool
    folio_style: str
    head_style: str


def _furniture(rng: random.Random, dims: IssueDims) -> Furniture:
    kind = dims["furniture"]
    return Furniture(
        folios=kind in ("folios", "folios+heads", "all"),
        heads=kind in ("folios+heads", "all"),
        inserts=kind in ("holes-with-inserts", "all"),
        folio_style=rng.choice(("dash", "hyphen", "bare", "di-ye", "noisy")),
        head_style=rng.choice(("issue", "section", "title")),
    )


def _folio(page: int, style: str, rng: random.Random) -> str:
    if style == "dash":
        return f"— {page} —"
    if style == "hyphen":
        return f"- {page} -"
    if style == "di-ye":
        return f"第{page}页"
    if style == "noisy":
        return rng.choice((f"·{page}.", f"{page}·", f".{page}.", f"-{page}+"))
    return str(page)


@dataclass
class Writer:
    """The body as printed lines, cut into pages; records the gold breaks and ends."""

    rng: random.Random
    dims: IssueDims
    mag: Magazine
    furniture: Furniture
    cpp: int  # characters per page
    lines: list[str] = field(default_factory=list)
    breaks: list[tuple[str, str]] = field(default_factory=list)
    ends: list[tuple[str, str]] = field(default_factory=list)
    page: int = 1
    used: int = 0
    section: str = ""
    title: str = ""
    width: int = 0  # hard-wrap width (0: one paragraph per line)
    _last_unit: str = ""

    def blank(self, count: int = 1) -> None:
        self.lines.extend([""] * count)

    def separator(self) -> None:
        if self.dims["para_separator"] == "blank" and self.lines and self.lines[-1] != "":
            self.blank()

    def new_page(self) -> None:
        """An article opens a page."""
        if self.used:
            self.page += 1
        self.used = 0

    def unit(self, text: str, *, damaged: str | None = None, wrap: bool = True) -> None:
        """One paragraph-like unit (paragraph, heading, byline …), cut at page ends."""
        if self._last_unit:
            self.ends.append((self._last_unit, text))
        self._last_unit = text
        printed = damaged if damaged is not None else text
        self.separator()
        if self.width and wrap and len(printed) > self.width:
            self._wrapped(printed, text)
            return
        self._flow(printed, text)

    def end_group(self) -> None:
        """Nothing before this point continues after it (an article ends)."""
        self._last_unit = ""

    def _emit(self, text: str, *, indent: bool) -> None:
        style = self.dims["para_separator"]
        if indent and style == "indent-ideographic":
            text = "\u3000\u3000" + text
        elif indent and style == "indent-ascii":
            text = "    " + text
        self.lines.append(text)

    def _flow(self, printed: str, clean: str) -> None:
        room = self.cpp - self.used
        if len(printed) <= room or len(printed) < 24 or room < 8:
            self._emit(printed, indent=True)
            self.used += len(printed)
            if self.used >= self.cpp:
                self._hole()
            return
        cut = self._cut_at(printed, room)
        first, second = printed[:cut], printed[cut:]
        self._emit(first, indent=True)
        self.breaks.append((first, second))
        self._hole()
        self._emit(second, indent=False)
        self.used += len(second)

    def _cut_at(self, text: str, room: int) -> int:
        cut = max(6, min(room, len(text) - 6))
        if self.width == 0:
            # One unit per line: a cut right after a full stop cannot be told from a paragraph
            # end, so the page ends one character later (the print would too, rarely).
            while cut < len(text) - 3 and text[cut - 1] in "。！？”":
                cut += 1
        return cut

    def _wrapped(self, printed: str, clean: str) -> None:
        pieces = wrap(printed, self.width)
        offset = 0
        for index, piece in enumerate(pieces):
            if index:
                self.breaks.append((printed[:offset], printed[offset:]))
            self._emit(piece, indent=index == 0)
            offset += len(piece)
            self.used += len(piece)
            if self.used >= self.cpp and index + 1 < len(pieces):
                self._hole()

    def _hole(self) -> None:
        """A page ends: blank lines, maybe a folio, a running head, a caption or a promo."""
        rng, fur = self.rng, self.furniture
        self.blank(rng.choice((1, 1, 2, 3)))
        inserts: list[str] = []
        if fur.folios and rng.random() < 0.8:
            inserts.append(_folio(self.page, fur.folio_style, rng))
        if fur.heads and rng.random() < 0.6:
            inserts.append(self._running_head())
        if fur.inserts and rng.random() < 0.35:
            inserts.append(self._insert())
        for text in inserts:
            self.lines.append(text)
            self.blank(rng.choice((1, 1, 2)))
        self.page += 1
        self.used = 0

    def _running_head(self) -> str:
        style = self.furniture.head_style
        if style == "issue":
            return f"{self.mag.name} {self.mag.year}年第{self.mag.number}期"
        if style == "section" and self.section:
            return self.section
        return self.title or self.mag.name

    def _insert(self) -> str:
        rng = self.rng
        kind = rng.choice(("qr", "promo", "caption", "junk"))
        if kind == "qr":
            return rng.choice(V.QR_CAPTIONS)
        if kind == "promo":
            return rng.choice(V.PROMOS).format(m=self.mag.name)
        if kind == "caption":
            return caption(rng)
        return "".join(rng.choice(V.JUNK) for _ in range(rng.randint(2, 5)))


_NO_LINE_START = "，。、；：？！）》〉】」』”’,.;:?!)…—"


def _ems(ch: str) -> float:
    """Printed width: Chinese characters and full-width forms one em, the rest half."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def wrap(text: str, width: int) -> list[str]:
    """Printed lines `width` ems wide (digits and Latin letters are half an em); a mark that
    may not start a line stays on the line before (as typesetting does)."""
    pieces: list[str] = []
    at = 0
    while at < len(text):
        end, used = at, 0.0
        while end < len(text) and used + _ems(text[end]) <= width:
            used += _ems(text[end])
            end += 1
        while end < len(text) and text[end] in _NO_LINE_START:
            end += 1
        pieces.append(text[at:end])
        at = end
    return pieces


def caption(rng: random.Random) -> str:
    lead = rng.choice(V.CAPTION_LEADS)
    text = rng.choice(V.CAPTION_TEXTS).format(p=V.place(rng))
    credit = f" {V.person(rng)} 摄" if rng.random() < 0.5 else ""
    return f"{lead}{text}{credit}"


# --- articles ------------------------------------------------------------------------------------


@dataclass
class Byline:
    lines: list[str]  # printed lines under the title
    gold: str | None
    author: str | None  # as the contents prints it
    style: str
    dateline: str | None = None  # printed in front of the first paragraph
    end_credit: str | None = None


def _byline(rng: random.Random, style: str) -> Byline:
    a, b, c = V.people(rng, 3)
    org = V.unit(rng)
    if style == "wen-slash":
        sep = rng.choice(("文 / ", "文/", "文／", "文："))
        who = rng.choice((a, f"{rng.choice(V.ROLES)} {a}", f"{org} {a}"))
        return Byline([f"{sep}{who}"], f"{sep}{who}", a, style)
    if style == "wen-slash-photo":
        return Byline([f"文/{a} 图/{b}"], f"文/{a} 图/{b}", a, style)
    if style == "box":
        return Byline([f"□ {a}"], a, a, style)
    if style == "reporter-correspondent":
        text = f"记者 {a} 通讯员 {b}"
        return Byline([f"■{text}"], text, f"{a} {b}", style)
    if style == "house-reporter":
        text = f"{rng.choice(('本刊记者', '本刊特约记者'))} {a}"
        return Byline([text], text, a, style)
    if style == "name-alone":
        return Byline([a], a, a, style)
    if style == "two-names":
        return Byline([f"{a} {b}"], f"{a} {b}", f"{a} {b}", style)
    if style == "three-names":
        return Byline([f"{a} {b} {c}"], f"{a} {b} {c}", f"{a} {b} {c}", style)
    if style == "name-affiliation":
        school = rng.choice(V.SCHOOLS).format(p=V.place(rng))
        return Byline([f"{a}（{school}）"], f"{a}（{school}）", a, style)
    if style == "unit":
        return Byline([org], org, org, style)
    if style == "wen-split":
        return Byline(["文", a], a, a, style)
    if style == "reporter-illustrator":
        text = f"记者 {a} 插画 {b}"
        return Byline([text], text, a, style)
    if style == "dateline":
        return Byline([], f"记者 {a}", a, style, dateline=f"本报讯（记者 {a}）")
    if style == "end-credit":
        return Byline([], a, a, style, end_credit=f"（{a}）")
    if style == "house":
        house = rng.choice(V.HOUSE_BYLINES)
        return Byline([house], house, house, style)
    return Byline([], None, None, "none")


def _split_title(title: str, rng: random.Random) -> tuple[list[str], str]:
    """How the body prints the title: one line, or two or three at phrase breaks."""
    phrases = title.split(" ")
    roll = rng.random()
    if len(phrases) >= 3 and roll < 0.25:
        cut1 = rng.randint(1, len(phrases) - 2)
        cut2 = rng.randint(cut1 + 1, len(phrases) - 1)
        parts = [phrases[:cut1], phrases[cut1:cut2], phrases[cut2:]]
        return [" ".join(p) for p in parts], "three-lines"
    if len(phrases) >= 2 and roll < 0.5:
        cut = rng.randint(1, len(phrases) - 1)
        return [" ".join(phrases[:cut]), " ".join(phrases[cut:])], "two-lines-space"
    cuts = _phrase_cuts(title) if len(phrases) == 1 else []
    if cuts and roll < 0.35:
        cut = rng.choice(cuts)
        return [title[:cut], title[cut:]], "two-lines-phrase"
    return [title], "one-line"


_AFTER = "的之，：、"
_BEFORE = ("以", "让", "为", "推动", "助力", "奋力", "努力", "全面", "加快", "着力", "在")


def _phrase_cuts(title: str) -> list[int]:
    """Where a designer breaks a title without spaces: after 的/之 or a comma, before a
    verb-like opener (`推动基层治理` ⏎ `提质增效的实践路径`); never inside a word."""
    cuts = []
    for at in range(5, len(title) - 4):
        if title[at - 1] in _AFTER or title.startswith(_BEFORE, at):
            cuts.append(at)
    return cuts


def _subtitle(rng: random.Random, bank: BankArticle) -> str | None:
    if bank.subtitle:
        return bank.subtitle.lstrip("—").strip()
    if rng.random() < 0.12:
        return rng.choice(
            (f"{V.place(rng)}区推进基层治理的实践", f"记{V.place(rng)}社区党委", "来自一线的调查")
        )
    return None


def _source_note(rng: random.Random) -> str:
    source = rng.choice(V.SOURCES).format(p=V.place(rng))
    return rng.choice(V.SOURCE_NOTE_STYLES).format(s=source)


def _author_note(rng: random.Random, name: str | None) -> str:
    school = rng.choice(V.SCHOOLS).format(p=V.place(rng))
    return rng.choice(V.AUTHOR_NOTE_STYLES).format(
        u=school, role=rng.choice(V.AUTHOR_ROLES), n=name or V.person(rng)
    )


def _abstract(bank: BankArticle) -> str:
    """A journal paper's abstract: the article's first whole sentence."""
    for _kind, text in bank.blocks:
        end = text.find("。")
        while end >= 0 and text[: end + 1].count("“") != text[: end + 1].count("”"):
            end = text.find("。", end + 1)  # a full stop inside a quotation goes on
        if end >= 0:
            return text[: end + 1]
    return bank.blocks[0][1]


def _synthetic_title(rng: random.Random, phrases: list[str]) -> str:
    count = rng.choice((1, 2, 2, 3))
    return " ".join(rng.sample(phrases, count))


@dataclass
class Plan:
    """One article of the issue, with every choice made before anything is printed."""

    bank: BankArticle
    title: str
    contents_title: str
    section: str | None
    byline: Byline
    subtitle: str | None
    kicker: str | None
    title_lines: list[str]
    end_mark: str | None
    source_note: str | None
    author_note: str | None
    preamble: str | None
    journal: list[str]
    references: list[str]
    captions: dict[int, str]  # caption printed after block N
    listed: bool
    cover: bool = False
    page: int = 0
    dims: dict[str, str] = field(default_factory=dict)


def _plan(
    rng: random.Random, bank: BankArticle, section: str | None, phrases: list[str], mag: Magazine
) -> Plan:
    title = bank.title
    if rng.random() < 0.3:
        title = _synthetic_title(rng, phrases)
    style = rng.choice(BYLINE_STYLES)
    byline = _byline(rng, style)
    title_lines, split = _split_title(title, rng)
    journal_paper = rng.random() < 0.06
    contents_title = title
    abridged = "same"
    if " " in title and rng.random() < 0.08:
        contents_title, abridged = title.split(" ")[0], "abridged"
    journal: list[str] = []
    references: list[str] = []
    if journal_paper:
        words = rng.sample(V.KEYWORDS, 3)
        journal = [
            f"摘要：{_abstract(bank)}",
            f"关键词：{'；'.join(words)}",
            f"中图分类号：{rng.choice(V.CLC)} 文献标识码：A "
            f"文章编号：1000-{rng.randint(1000, 9999)}"
            f"({mag.year}){mag.number:02d}-00{rng.randint(10, 60)}-0{rng.randint(3, 6)}",
        ]
        references = [
            f"[{k}] {V.person(rng)}.{rng.choice(V.KEYWORDS)}研究[M].{V.place(rng)}出版社,"
            f"{rng.randint(2010, 2023)}."
            for k in range(1, rng.randint(2, 4) + 1)
        ]
    n_blocks = len(bank.blocks)
    captions = {}
    if rng.random() < 0.2 and n_blocks > 3:
        captions[rng.randrange(1, n_blocks - 1)] = caption(rng)
    return Plan(
        bank=bank,
        title=title,
        contents_title=contents_title,
        section=section,
        byline=byline,
        subtitle=_subtitle(rng, bank),
        kicker=None,
        title_lines=title_lines,
        end_mark=rng.choice(V.END_MARKS) if rng.random() < 0.2 else None,
        source_note=_source_note(rng) if rng.random() < 0.25 else None,
        author_note=(
            _author_note(rng, byline.author) if rng.random() < 0.12 and not journal else None
        ),
        preamble=(
            rng.choice(V.PREAMBLES).format(
                y=mag.year,
                m=rng.randint(1, 12),
                d=rng.randint(1, 9),
                e=rng.randint(10, 28),
                p=V.place(rng),
            )
            if rng.random() < 0.05
            else None
        ),
        journal=journal,
        references=references,
        captions=captions,
        listed=rng.random() > 0.04,
        dims={
            "title_split": split,
            "byline": byline.style,
            "contents_title": abridged,
            "journal": "yes" if journal_paper else "no",
        },
    )


# --- the issue ----------------------------------------------------------------------------


def _sections(rng: random.Random, count: int, dims: IssueDims) -> list[str | None]:
    """A section name per article: runs of one to four articles under one column."""
    if dims["section_style"] == "none":
        return [None] * count
    pool = [name for name in V.SECTIONS if name != "卷首语"]  # the cover editorial's column
    names = rng.sample(pool, min(len(pool), count))
    out: list[str | None] = []
    while len(out) < count:
        name = names.pop()
        if dims["section_style"] == "sub" and rng.random() < 0.5:
            name = f"{name}·{rng.choice(V.SUBSECTIONS)}"
        out.extend([name] * rng.choice((1, 1, 2, 2, 3, 4)))
    return out[:count]


@cache
def _phrases() -> list[str]:
    phrases = {p for a in load_bank() for p in a.title.split(" ") if 4 <= len(p) <= 16}
    return sorted(p for p in phrases if p[-1] not in "？！?!")  # a question ends a title


def generate(number: int) -> Generated:
    rng = random.Random(f"layout-corpus-{number}")
    dims = _draw_dims(rng)
    mag = _magazine(rng, dims)
    bank = load_bank()
    count = rng.randint(6, 12)
    chosen = rng.sample(bank, count)
    cover_bank = None
    if dims["front_order"] == "editorial-contents-masthead":
        cover_bank = rng.choice([b for b in bank if b.chars < 1600 and b not in chosen])
    sections = _sections(rng, count, dims)
    # No two titles of one issue share a phrase (a synthetic title is made of phrases no other
    # title of the issue prints), as in a real issue.
    used = {p for b in [*chosen, cover_bank] if b for p in b.title.split(" ")}
    plans = []
    for b, section in zip(chosen, sections, strict=True):
        pool = [p for p in _phrases() if p not in used]
        plan = _plan(rng, b, section, pool, mag)
        used.update(plan.title.split(" "))
        plans.append(plan)
    cover = _cover_plan(rng, cover_bank, mag) if cover_bank else None
    if cover is not None and dims["section_style"] == "none":
        cover.section = None  # no column names anywhere, not even for the editorial
    builder = _IssueBuilder(rng, dims, mag, plans, cover)
    return builder.build(f"L{number:04d}")


def _cover_plan(rng: random.Random, bank: BankArticle, mag: Magazine) -> Plan:
    plan = _plan(rng, bank, "卷首语", _phrases(), mag)
    plan.cover = True
    plan.byline = _byline(rng, rng.choice(("house", "none", "name-alone")))
    plan.dims["byline"] = plan.byline.style
    plan.subtitle = plan.kicker = plan.preamble = None
    plan.journal, plan.references, plan.captions = [], [], {}
    plan.title_lines, plan.dims["title_split"] = [plan.title], "one-line"
    plan.source_note = plan.author_note = None
    plan.contents_title, plan.dims["contents_title"] = plan.title, "same"
    plan.page = 1
    return plan


@dataclass
class _IssueBuilder:
    rng: random.Random
    dims: IssueDims
    mag: Magazine
    plans: list[Plan]
    cover: Plan | None

    def build(self, issue_id: str) -> Generated:
        rng, dims = self.rng, self.dims
        cpp = rng.choice((700, 900, 1100, 1400))
        writer = Writer(rng, dims, self.mag, _furniture(rng, dims), cpp)
        if dims["line_shape"] == "hard-wrapped":
            writer.width = rng.randint(16, 30)
        issue_text, meta = _issue_line(self.mag, dims["issue_line"])
        meta |= {"title": self.mag.name}
        # The body first (it settles the page numbers), then the front matter in front of it.
        body_start_page = rng.randint(2, 6)
        writer.page = body_start_page
        gold_articles = self._body(writer)
        body = writer.lines
        writer.lines = []
        front, masthead, entries = self._front(issue_text)
        editorial: list[str] = []
        if self.cover is not None:
            editorial_writer = Writer(rng, dims, self.mag, Furniture(False, False, False, "", ""),
                                      10**6)  # fmt: skip
            editorial_writer.page = 1
            gold_articles.insert(0, self._article(editorial_writer, self.cover, first=True))
            editorial = editorial_writer.lines
            writer.ends.extend(editorial_writer.ends)
            writer.breaks.extend(editorial_writer.breaks)
        lines = self._assemble(editorial, front, masthead, body)
        gold = Gold(
            meta=meta,
            contents=entries,
            articles=gold_articles,
            breaks=writer.breaks,
            ends=writer.ends,
            dims=dims.values,
            masthead=self._masthead_gold,
        )
        return Generated(issue_id, "\n".join(lines).strip("\n") + "\n", gold)

    # -- body ------------------------------------------------------------------------------

    def _body(self, writer: Writer) -> list[GoldArticle]:
        out = []
        previous_section: str | None = "-"
        pair = self._interleaved_pair()
        index = 0
        while index < len(self.plans):
            plan = self.plans[index]
            first_in_section = plan.section != previous_section
            previous_section = plan.section
            kick = self.dims["body_section"]
            if plan.section and (
                kick == "every-kicker" or (kick == "first-kicker" and first_in_section)
            ):
                plan.kicker = plan.section
            if pair == index and index + 1 < len(self.plans):
                other = self.plans[index + 1]
                if other.section != plan.section and other.section:
                    previous_section = other.section
                    if kick != "none":
                        other.kicker = other.section
                elif kick == "every-kicker" and other.section:
                    other.kicker = other.section
                out.extend(self._two_columns(writer, plan, other))
                index += 2
                continue
            writer.new_page()
            plan.page = writer.page
            out.append(self._article(writer, plan))
            index += 1
        return out

    def _interleaved_pair(self) -> int | None:
        if self.dims["two_column"] != "yes" or len(self.plans) < 3:
            return None
        return self.rng.randrange(0, len(self.plans) - 1)

    def _two_columns(self, writer: Writer, a: Plan, b: Plan) -> list[GoldArticle]:
        """Two articles on one spread, read column by column: A's first column, B's first
        column, then the rest of A, then the rest of B."""
        writer.new_page()
        a.page = writer.page
        start = len(writer.lines)
        gold_a = self._article(writer, a)
        lines_a = writer.lines[start:]
        del writer.lines[start:]
        b.page = writer.page
        gold_b = self._article(writer, b)
        lines_b = writer.lines[start:]
        del writer.lines[start:]
        lines_a = _column_cut(lines_a, self.rng, writer)
        lines_b = _column_cut(lines_b, self.rng, writer)
        writer.lines.extend(lines_a[0] + [""] + lines_b[0] + [""])
        writer.lines.extend(lines_a[1] + [""] + lines_b[1])
        gold_a.dims["two_column"] = gold_b.dims["two_column"] = "interleaved"
        return [gold_a, gold_b]

    def _article(self, writer: Writer, plan: Plan, *, first: bool = False) -> GoldArticle:
        rng, damage = self.rng, self.dims["damage"]
        writer.section, writer.title = plan.section or "", plan.title
        writer.end_group()
        if plan.kicker:
            writer.unit(plan.kicker, wrap=False)
            writer.ends.append((plan.kicker, plan.title_lines[0]))
        for line in plan.title_lines:
            writer.separator()
            writer.lines.append(line)
        writer._last_unit = plan.title
        if plan.subtitle:
            writer.unit(f"——{plan.subtitle}", wrap=False)
        for line in plan.byline.lines:
            writer.separator()
            writer.lines.append(line)
        if plan.byline.lines:
            writer._last_unit = plan.byline.lines[-1]
        paragraphs: list[str] = []
        optional: list[str] = []
        if plan.preamble:
            writer.unit(plan.preamble, wrap=False)
            paragraphs.append(plan.preamble)
        for index, line in enumerate(plan.journal):
            writer.unit(line, damaged=line, wrap=False)
            (paragraphs if index == 0 else optional).append(line)
        blocks = list(plan.bank.blocks)
        for index, (kind, text) in enumerate(blocks):
            printed_text = text
            if index == 0 and plan.byline.dateline:
                printed_text = text = plan.byline.dateline + text
            last = index == len(blocks) - 1
            mark = plan.end_mark if last and not plan.references else None
            clean = text
            printed = _damage(printed_text, rng, damage) if kind == "paragraph" else printed_text
            if mark:
                printed = printed + mark
            writer.unit(clean, damaged=printed, wrap=kind != "heading")
            paragraphs.append(clean)
            if index in plan.captions:
                writer.separator()
                writer.blank(rng.choice((0, 1)))
                writer.lines.append(plan.captions[index])
        if plan.references:
            writer.unit("参考文献：", wrap=False)
            optional.append("参考文献：")
            for ref in plan.references:
                writer.unit(ref, wrap=False)
                optional.append(ref)
        if plan.byline.end_credit:
            writer.unit(plan.byline.end_credit, wrap=False)
        for note in (plan.author_note, plan.source_note):
            if note:
                writer.unit(note, wrap=False)
        writer.end_group()
        dims = dict(plan.dims)
        dims |= {
            "kicker": "yes" if plan.kicker else "no",
            "subtitle": "yes" if plan.subtitle else "no",
            "end_mark": "yes" if plan.end_mark else "no",
            "source_note": "yes" if plan.source_note else "no",
            "author_note": "yes" if plan.author_note else "no",
            "caption": "yes" if plan.captions else "no",
            "preamble": "yes" if plan.preamble else "no",
            "listed": "yes" if plan.listed else "no",
        }
        return GoldArticle(
            title=plan.title,
            section=plan.section,
            byline=plan.byline.gold,
            subtitle=plan.subtitle,
            kicker=plan.kicker,
            source_note=plan.source_note,
            author_note=plan.author_note,
            page=plan.page,
            paragraphs=paragraphs,
            optional=optional,
            listed=plan.listed,
            cover=plan.cover,
            dims=dims,
        )

    # -- front matter ----------------------------------------------------------------------

    _masthead_gold: list[tuple[str, str]] = field(default_factory=list)
    _entry_starts: list[int] = field(default_factory=list)  # where entries begin, in `contents`
    _contents_half: int = 0  # where a masthead printed inside the contents goes

    def _front(self, issue_text: str | None) -> tuple[list[str], list[str], list[GoldEntry]]:
        rng, dims, mag = self.rng, self.dims, self.mag
        cover: list[str] = []
        style = dims["cover_lines"]
        if style.startswith("pinyin"):
            cover.append(mag.pinyin)
        cover.append(mag.name if rng.random() < 0.7 else " ".join(mag.name))
        if style == "name+pinyin":
            cover.append(mag.pinyin)
        if "slogan" in style:
            cover.append(rng.choice(V.SLOGANS))
        issue_in_masthead = rng.random() < 0.4
        if issue_text and not issue_in_masthead:
            cover.append(issue_text)
        entries, contents = self._contents()
        heading = dims["contents_heading"]
        front = cover + ([heading] if heading != "none" else []) + contents
        # The masthead may be printed between two halves of the contents: between entries.
        middle = self._entry_starts[len(self._entry_starts) // 2] if self._entry_starts else 0
        self._contents_half = len(front) - len(contents) + middle
        masthead = self._masthead(issue_text if issue_in_masthead else None)
        return front, masthead, entries

    def _assemble(
        self, editorial: list[str], front: list[str], masthead: list[str], body: list[str]
    ) -> list[str]:
        order = self.dims["front_order"]
        gap = [""] * self.rng.choice((1, 2, 3))
        if order == "masthead-split":
            half = self._contents_half
            return front[:half] + gap + masthead + gap + front[half:] + gap + body
        if order == "masthead-end":
            return front + gap + body + gap + masthead
        if order == "masthead-first":
            return masthead + gap + front + gap + body
        return editorial + gap + front + gap + masthead + gap + body

    def _masthead(self, issue_text: str | None) -> list[str]:
        rng, mag = self.rng, self.mag
        fields: list[tuple[str, str]] = [
            ("主管", f"中共{mag.place}市委"),
            ("主办", f"中共{mag.place}市委组织部"),
            ("编辑出版", f"《{mag.name}》杂志社"),
            ("社长", V.person(rng)),
            ("总编辑", V.person(rng)),
            ("副总编辑", V.person(rng)),
            ("主编", V.person(rng)),
            ("副主编", " ".join(V.people(rng, 2))),
            ("责任编辑", " ".join(V.people(rng, rng.randint(1, 3)))),
            ("美术编辑", V.person(rng)),
            ("校对", V.person(rng)),
            ("地址", f"{mag.place}市{rng.choice(V.DISTRICTS)}{rng.randint(1, 300)}号"),
            ("邮编", str(rng.randint(100000, 860000))),
            ("电话", f"0{rng.randint(10, 999)}-{rng.randint(10000000, 89999999)}"),
            ("电子信箱", f"{V.pinyin(mag.place).lower()}dj@163.com"),
            ("网址", f"www.{V.pinyin(mag.place).lower()}dj.cn"),
            ("投稿邮箱", f"tg{rng.randint(100, 999)}@126.com"),
            ("ISSN", mag.issn),
            ("CN", mag.cn),
            ("定价", f"{rng.randint(5, 15)}.00元"),
            ("印刷", f"{mag.place}{rng.choice(('印务有限公司', '彩印厂'))}"),
            ("出版日期", f"每月{rng.randint(1, 28)}日出版"),
        ]
        fields = [f for f in fields if rng.random() < 0.75 or f[0] in ("主编", "ISSN", "CN")]
        self._masthead_gold = fields
        style = self.dims["masthead_labels"]
        lines: list[str] = []
        if issue_text:
            lines += [self.mag.name, issue_text]
        index = 0
        while index < len(fields):
            label, value = fields[index]
            if style == "multi" and index + 1 < len(fields) and rng.random() < 0.5:
                other = fields[index + 1]
                lines.append(f"{label}：{value}  {other[0]}：{other[1]}")
                index += 2
                continue
            lines.extend(_field_lines(label, value, style))
            index += 1
        if rng.random() < 0.5:
            lines.append(f"扫码关注{mag.name}公众号")
        if rng.random() < 0.4:
            lines.append("内部资料 免费交流")
        if rng.random() < 0.5:
            lines.append(V.DISCLAIMER)
        if self.dims["contents_blank"] == "every-line":
            return _spread(lines)
        return lines

    def _contents(self) -> tuple[list[GoldEntry], list[str]]:
        rng, dims = self.rng, self.dims
        listed = [p for p in ([self.cover] if self.cover else []) + self.plans if p.listed]
        style = dims["page_style"]
        section_style = dims["section_style"]
        entries: list[GoldEntry] = []
        rendered: list[list[str]] = []
        previous: str | None = "-"
        for plan in listed:
            section = plan.section
            block: list[str] = []
            if section != previous and section and not section_style.startswith("prefix"):
                block.append(_section_line(section, section_style))
            previous = section
            author = plan.byline.author if rng.random() < 0.7 else None
            prefix = ""
            if section and section_style == "prefix-lenticular":
                prefix = f"【{section}】"
            elif section and section_style == "prefix-bar":
                prefix = f"{section}｜"
            lines, entry_dims, printed_author = _entry_lines(plan, author, style, rng, prefix)
            block.extend(lines)
            rendered.append(block)
            entries.append(
                GoldEntry(
                    title=plan.contents_title,
                    section=section,
                    author=printed_author,
                    page=None if style == "none" else plan.page,
                    dims=entry_dims | {"section_style": section_style},
                )
            )
        if style in ("table", "two-column-rows"):
            self._entry_starts = []
            rows = _table(rendered, rng) if style == "table" else _two_column_rows(rendered)
            return entries, rows
        lines: list[str] = []
        starts: list[int] = []
        for block in rendered:
            if dims["contents_blank"] == "between-entries":
                lines.append("")
            starts.append(len(lines))
            lines.extend(block)
        if dims["contents_blank"] == "every-line":
            lines = _spread(lines)
            starts = [2 * at for at in starts]
        self._entry_starts = starts
        return entries, lines


def _spread(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.extend((line, ""))
    return out


def _column_cut(
    lines: list[str], rng: random.Random, writer: Writer
) -> tuple[list[str], list[str]]:
    """A column break inside a long line of running text, a few lines into the article; the
    cut is a gold break (its halves end up apart, with the other column between them)."""
    long_at = [i for i, line in enumerate(lines) if len(line.strip()) >= 40][1:-1]
    if not long_at:
        return lines, []
    at = rng.choice(long_at)
    text = lines[at]
    cut = rng.randint(12, len(text) - 12)
    while cut < len(text) - 3 and text[cut - 1] in "。！？”":
        cut += 1
    writer.breaks.append((text[:cut].strip(), text[cut:]))
    return [*lines[:at], text[:cut]], [text[cut:], *lines[at + 1 :]]


def _field_lines(label: str, value: str, style: str) -> list[str]:
    if style == "colon" or label in ("ISSN", "CN"):
        sep = "：" if style == "colon" else " "
        return [f"{label}{sep}{value}"]
    if style == "spaced" and len(label) == 2:
        return [f"{label[0]}  {label[1]} {value}"]
    if style == "newline" and label not in ("ISSN", "CN"):
        return [label, value]
    return [f"{label} {value}"]


def _section_line(section: str, style: str) -> str:
    if style == "bullet":
        return f"■ {section}"
    if style == "lenticular":
        return f"【{section}】"
    if style == "tortoise":
        return f"〔{section}〕"
    if style == "english":
        english = V.SECTION_ENGLISH.get(section)
        return f"{section} {english}" if english else section
    return section


def _page_text(page: int, style: str) -> tuple[str, str]:
    """(text before the title, text after it) for a page number in this style."""
    table = {
        "first-2digit": (f"{page:02d} ", ""),
        "first-plain": (f"{page} ", ""),
        "first-P": (f"P{page} ", ""),
        "first-bar": (f"{page}｜", ""),
        "first-slash": (f"{page:02d}/", ""),
        "leader-ellipsis": ("", f"{'…' * 6}{page}"),
        "leader-dots": ("", f" {'.' * 8} {page}"),
        "leader-middot": ("", f" {'·' * 10} {page}"),
        "space": ("", f" {page}"),
        "ideographic-space": ("", f"\u3000{page}"),
        "brackets": ("", f"（{page}）"),
        "brackets-square": ("", f" [{page}]"),
        "brackets-first": (f"（{page}）", ""),
        "table": (f"{page} ", ""),
        "two-column-rows": ("", f" {page}"),
    }
    return table.get(style, ("", ""))


def _entry_lines(
    plan: Plan, author: str | None, style: str, rng: random.Random, prefix: str = ""
) -> tuple[list[str], dict[str, str], str | None]:
    """The printed lines of one contents entry, its layout, and the author it prints
    (`prefix`: a column name printed in front of the title)."""
    title = plan.contents_title
    page = plan.page
    before, after = _page_text(page, style)
    page_first = bool(before)
    placement = "none"
    if author and style not in ("table", "two-column-rows"):
        placement = rng.choice(("between", "slash", "next-line"))
    elif author and style == "table":
        placement = "cell"
    elif style == "two-column-rows":
        author = None
    wrap = len(title.replace(" ", "")) >= 14 and rng.random() < 0.3 and style != "table"
    wrap = wrap and style != "two-column-rows"
    first_part, second_part = title, ""
    if wrap:
        first_part, second_part = _wrap_title(title, rng)
    first_part = prefix + first_part
    lines: list[str]
    if style == "leader-next-line":
        tail = (
            f"{'.' * 6} {author} {page}"
            if author and placement == "between"
            else f"{'.' * 6} {page}"
        )
        lines = [first_part] + ([second_part] if second_part else []) + [tail]
        if author and placement == "slash":
            lines[0 if not second_part else 1] += f" / {author}"
        if author and placement == "next-line":
            lines.append(author)
    else:
        body = [first_part] + ([second_part] if second_part else [])
        author_text = ""
        if author and placement == "between":
            author_text = f" {author}"
        elif author and placement == "slash":
            author_text = f" / {author}"
        if page_first:
            body[0] = before + body[0]
            body[-1] += author_text
        else:
            body[-1] += author_text + after
        lines = body
        if author and placement == "next-line":
            lines.append(author)
        if author and placement == "cell":
            lines[-1] += f" | {author}"
    extra = "none"
    if plan.subtitle and rng.random() < 0.3 and style not in ("table", "two-column-rows"):
        lines.insert(1 if not wrap else 2, f"——{plan.subtitle}")
        extra = "subtitle"
    elif rng.random() < 0.08 and style not in ("table", "two-column-rows"):
        sentence = _first_sentence(plan.bank)
        if sentence:
            lines.append(sentence)
            extra = "teaser"
    dims = {
        "entry_page": style,
        "entry_author": placement,
        "entry_wrap": "yes" if wrap else "no",
        "entry_extra": extra,
    }
    return lines, dims, author


def _wrap_title(title: str, rng: random.Random) -> tuple[str, str]:
    if " " in title:
        phrases = title.split(" ")
        cut = rng.randint(1, len(phrases) - 1)
        return " ".join(phrases[:cut]), " ".join(phrases[cut:])
    cut = rng.randint(6, len(title) - 4)
    return title[:cut], title[cut:]


def _first_sentence(bank: BankArticle) -> str | None:
    for kind, text in bank.blocks:
        if kind == "paragraph" and "。" in text:
            sentence = text[: text.index("。") + 1]
            if 10 <= len(sentence) <= 60:
                return sentence
    return None


def _table(blocks: list[list[str]], rng: random.Random) -> list[str]:
    out = ["- | | |", "|----------------------|--------|"]
    for block in blocks:
        for line in block:
            if line.startswith(("■", "【", "〔")) or (" | " not in line and not line[:1].isdigit()):
                out.append(line)  # section lines sit outside the table rows
                continue
            title, _, author = line.partition(" | ")
            out.append(f"| {title} | {author} |")
    if rng.random() < 0.5:
        out.append("")
    return out


def _two_column_rows(blocks: list[list[str]]) -> list[str]:
    """Two columns of entries read row by row: two entries on one line."""
    flat = [line for block in blocks for line in block]
    half = (len(flat) + 1) // 2
    left, right = flat[:half], flat[half:]
    return [
        f"{a}  {b}" if b else a
        for a, b in zip(left, right + [""] * (len(left) - len(right)), strict=True)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("number", type=int)
    parser.add_argument("--gold", action="store_true")
    args = parser.parse_args(argv)
    issue = generate(args.number)
    print(issue.text)
    if args.gold:
        print(json.dumps(asdict(issue.gold), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
