"""Issue metadata from the masthead (print issues) or the metadata line (web pages)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from publish.front.masthead import (
    MASTHEAD_LABELS,
    is_issue_line,
    is_masthead_like,
    is_notice,
    is_phrase_line,
    label_unspaced,
)
from publish.lines import Line, LineKind, Tag
from publish.model import Article, IssueMeta, MastheadField
from publish.text.chars import ISSUE_YEAR, is_han
from publish.text.names import is_person_name

_LABELS = "|".join(sorted(MASTHEAD_LABELS.split("|"), key=len, reverse=True))
_FIELD = regex.compile(rf"^({_LABELS})\s*[/／:：]?\s*(.*)$")
# Labels that start a notice paragraph rather than a field.
_GENERIC_FIELD = regex.compile(r"^(\p{Han}{2,10})\s*[:：]\s*(\S.*)$")
_NOT_FIELDS = frozenset({"本刊", "声明", "欢迎来稿", "内部资料"})
# Those notices, kept whole for the colophon: `声明` and the paragraphs under it, `欢迎来稿`.
_NOTICE = regex.compile(r"^(?:声明|欢迎来稿|内部资料)|^本刊.{16,}")
_PERIOD = regex.compile(
    rf"({ISSUE_YEAR})\s*年\s*第\s*(\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s*期"
)
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def chinese_number(text: str) -> int:
    """`2024`, `二〇二四` (digit by digit), `九`, `十二`, `二十`: the issue line's numbers."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int(text.translate(_DIGITS))
    tens, _, ones = text.partition("十")
    return int(tens.translate(_DIGITS) or 1) * 10 + int(ones.translate(_DIGITS) or 0)


_TOTAL = regex.compile(r"总第\s*(\d+)\s*期")
_HALF_MARK = regex.compile(r"\s*[（(]\s*([上下])\s*[）)]")
_YEAR_ONLY = regex.compile(r"(?<!\d)(\d{4})(?!\d)(?:\s*(?:NO|No|no)\s*[.．]?\s*(\d{1,3}))?")
_QUOTED_NAME = regex.compile(r"《([\p{Han}·]{2,12})》")
_PUBLISHER_LABELS = frozenset(
    {"编辑出版", "出版", "出版发行", "主办", "主办单位", "编辑", "出版单位"}
)
_HALF = regex.compile(r"[上下]半月")
_SCHEDULE = regex.compile(r"(?:每月|每逢)\s*(\d{1,2})\s*日出版")
_ISSN = regex.compile(r"ISSN\s*[:：]?\s*(\d{4}-\d{3}[\dXx])")
_CN = regex.compile(r"CN\s*[:：]?\s*(\d{2}-\d{4}/[A-Z]{1,2})")
_NAME_BEFORE_ISSUE = regex.compile(rf"^([\p{{Han}}·]{{2,12}})\s+(?={ISSUE_YEAR}\s*年)")
_MAGAZINE_NAME = regex.compile(r"^[\p{Han}·]{2,12}$")
_COVER_LINES = 4  # the name, its pinyin, a motto, the issue line
_ABOVE_REACH = 8  # source lines: the name printed above the issue line, blank lines between
_PERIOD_WORD = regex.compile(r"^(?:半月|双月|月|旬|周|季|双周|年)刊$")
_CODE_SPACE = regex.compile(r"(?<=\b(?:ISSN|CN))(?=\d)")
# A value ends at the next label, at a run of spaces (fields set apart by layout) or at the end.
_WEB_FIELD = regex.compile(
    r"(发布时间|发布日期|来源|作者|原文链接|原文地址|本文链接)\s*[:：]\s*(.+?)"
    r"(?=\s+\S{2,4}\s*[:：]|\s{2,}|$)"
)
_WEB_DATE = regex.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_ISO_DATE = regex.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


@dataclass
class _FieldBuilder:
    label: str
    value: str
    line: int
    more: list[str] = field(default_factory=list)

    def build(self) -> MastheadField:
        value = self.value
        for part in self.more:
            value = f"{value}{_glue(value, part)}{part}" if value else part
        value = _CODE_SPACE.sub(" ", value)  # `ISSN0412-0892` → `ISSN 0412-0892`
        return MastheadField(self.label, value.strip(), self.line)


def _glue(before: str, after: str) -> str:
    """Names continue a list (`岳涛 ⏎ 王翊`: a space); other text wrapped inside a phrase
    (`全国党建 ⏎ 研究会`, `天津市河西区 ⏎ 尖山路82号`: nothing); other scripts: a space."""
    last, first = before.rsplit(maxsplit=1)[-1], after.split(maxsplit=1)[0]
    if is_person_name(last) and is_person_name(first):
        return " "
    if is_han(before[-1]) and (is_han(after[0]) or after[0] in "（("):
        return ""
    return " "


@dataclass(frozen=True, slots=True)
class Masthead:
    fields: tuple[MastheadField, ...]
    consumed: frozenset[int]  # first input lines of the lines used by the masthead


def parse_masthead(front: list[Line]) -> Masthead:
    """Label/value fields; a wrapped value (no blank line before it) continues its field."""
    fields: list[_FieldBuilder] = []
    consumed: set[int] = set()
    current: _FieldBuilder | None = None
    for line, text in _field_cells(front):
        match = _FIELD.match(text)
        if match and match.group(1) not in _NOT_FIELDS and not line.has(Tag.BULLET):
            current = _FieldBuilder(match.group(1), match.group(2).strip(), line.first)
            fields.append(current)
            consumed.add(line.first)
            continue
        generic = _GENERIC_FIELD.match(text)
        if current is not None and generic and not is_person_name(generic.group(1)):
            # An unlisted label inside the masthead (`投稿邮箱：…`) opens a field of its own
            # instead of running on as the value of the one before.
            current = _FieldBuilder(generic.group(1), generic.group(2).strip(), line.first)
            fields.append(current)
            consumed.add(line.first)
            continue
        if current is not None and _continues(current, line):
            current.more.append(text)
            consumed.add(line.first)
            continue
        current = None
    return Masthead(tuple(f.build() for f in fields), frozenset(consumed))


_GAP = regex.compile(r"\s{2,}|\u3000+")


def _field_cells(front: list[Line]) -> list[tuple[Line, str]]:
    """Each line, or each field of a line that sets several apart by wide gaps
    (`主编：付佳勇  副主编：谢璇 张丽杰`): a cell opens a field only when it has a label."""
    cells: list[tuple[Line, str]] = []
    for line in front:
        text = label_unspaced(line.text)
        # The gap may have been closed to one space: a listed label with its colon after a
        # space opens the next field (`主管：中共某市委 主办：中共某市委组织部`).
        parts = [p for cell in _GAP.split(text) for p in _NEXT_LABEL.split(cell) if p]
        labelled = [p for p in parts[1:] if _FIELD.match(p) or _GENERIC_FIELD.match(p)]
        if len(parts) < 2 or len(labelled) < len(parts) - 1 or not _FIELD.match(parts[0]):
            cells.append((line, text))
            continue
        cells.extend((line, part) for part in parts)
    return cells


_NEXT_LABEL = regex.compile(rf"\s+(?=(?:{MASTHEAD_LABELS})\s*[:：])")


def masthead_notices(front: list[Line], consumed: frozenset[int]) -> tuple[str, ...]:
    """The statements printed with the masthead, neither fields nor contents entries."""
    return tuple(
        line.text
        for line in front
        if line.first not in consumed and not line.has(Tag.BULLET) and _NOTICE.match(line.text)
    )


def _continues(current: _FieldBuilder, line: Line) -> bool:
    text = line.text
    if line.has(Tag.BULLET) or regex.search(r"\s\d{1,3}$|^\d{1,3}\s", text):
        return False
    if is_notice(text):  # `内部资料 免费交流` under the last field: a notice of its own
        return False
    if line.blank_before == 0:
        return len(text) <= 40
    # `编委会委员` with its names on the following lines.
    empty = not current.value and not current.more
    names = all(is_person_name(t) for t in text.split())
    return (empty or (not current.value and names)) and line.blank_before <= 1 and len(text) <= 40


def _issue_numbers(lines: list[str]) -> dict[str, object]:
    found: dict[str, object] = {}
    for text in lines:
        if "year" not in found and (m := _PERIOD.search(text)):
            year, number = chinese_number(m.group(1)), chinese_number(m.group(2))
            found["year"], found["number"] = year, number
            found["period"] = f"{year}年第{number}期"
            if (half := _HALF_MARK.match(text, m.end())) and "half" not in found:
                found["half"] = f"{half.group(1)}半月"  # `半月刊 2025年第16期（下）`
        if "year" not in found and is_issue_line(text) and (m := _YEAR_ONLY.search(text)):
            found["year"] = int(m.group(1))  # `2025年9月 上半月`, `2025.09`, `2025 NO.9`
            if m.group(2):
                found["number"] = int(m.group(2))
        if "total" not in found and (m := _TOTAL.search(text)):
            found["total"] = int(m.group(1))
        if "half" not in found and (m := _HALF.search(text)):
            found["half"] = m.group(0)
        if "schedule" not in found and (m := _SCHEDULE.search(text)):
            found["schedule"] = m.group(0)
            if m.group(1):
                found["day"] = int(m.group(1))
    return found


def _magazine_name(
    front: list[Line], fields: tuple[MastheadField, ...], consumed: frozenset[int]
) -> str | None:
    """The magazine's name: a cover line the masthead names in 《》 (`清 江 机 关 党 建`,
    `《清江机关党建》杂志社`); the short line above the issue line (`天津 支部生活` →
    `天津支部生活`; not a motto beside it); else the name the masthead gives in 《》."""
    named = {q for line in front for q in _QUOTED_NAME.findall(line.text)}
    for line in front[:_COVER_LINES]:
        if (spelled := "".join(line.text.split())) in named:
            return spelled
    for index, line in enumerate(front):
        if not (_PERIOD.search(line.text) or _HALF.search(line.text) or is_issue_line(line.text)):
            continue
        same_line = _NAME_BEFORE_ISSUE.match(line.text)  # `先锋月刊 2024年第9期`
        if (
            same_line
            and line.first not in consumed
            and not _HALF.search(same_line.group(1))
            and not _PERIOD_WORD.match(same_line.group(1))
        ):
            return same_line.group(1)
        for previous in reversed(front[max(0, index - 3) : index]):
            if line.first - previous.first > _ABOVE_REACH:
                break  # printed elsewhere (the contents above a masthead printed last)
            name = _name_of(previous)
            if name and previous.first not in consumed:
                return name
    for f in fields:
        quoted = _QUOTED_NAME.search(f.value)
        if f.label in _PUBLISHER_LABELS and quoted:
            return quoted.group(1)
    return None


def _name_of(line: Line) -> str | None:
    """A line that can be a magazine's name: short Han text, letter-spaced or not; a motto
    of several words set apart by spaces is not one."""
    tokens = line.text.split()
    halves = len(tokens) == 2 and all(2 <= len(t) <= 3 for t in tokens)  # `华源 党风`
    if line.has(Tag.BULLET) or (
        is_phrase_line(line.text) and min(map(len, tokens)) > 1 and not halves
    ):
        return None  # a column name; a motto of equal phrases (`凝心聚力 服务基层`)
    name = "".join(tokens)
    return name if _MAGAZINE_NAME.match(name) and not is_masthead_like(name) else None


def _field_value(fields: tuple[MastheadField, ...], *labels: str) -> str | None:
    for label in labels:
        for f in fields:
            if f.label == label and f.value:
                return f.value
    return None


def extract_metadata(front: list[Line], meta_lines: list[Line]) -> tuple[IssueMeta, Masthead]:
    masthead = parse_masthead(front)
    fields = masthead.fields
    texts = [line.text for line in front]
    numbers = _issue_numbers(texts)
    joined = "\n".join(texts)
    issn = _ISSN.search(joined)
    cn = _CN.search(joined)
    year = numbers.get("year")
    number = numbers.get("number")
    day = numbers.get("day")
    date = None
    if isinstance(year, int) and isinstance(number, int) and isinstance(day, int) and number <= 12:
        date = f"{year:04d}-{number:02d}-{day:02d}"
    meta = IssueMeta(
        title=_magazine_name(front, fields, masthead.consumed),
        half=_str(numbers.get("half")),
        period=_str(numbers.get("period")),
        year=year if isinstance(year, int) else None,
        number=number if isinstance(number, int) else None,
        total_number=_int(numbers.get("total")),
        date=date,
        date_text=_str(numbers.get("schedule")),
        schedule=_str(numbers.get("schedule")),
        publisher=_field_value(fields, "编辑出版", "出版", "出版发行", "主办单位", "主办"),
        sponsor=_field_value(fields, "主管主办", "主管单位", "主管", "主办单位", "主办"),
        issn=issn.group(1).upper() if issn else None,
        cn=cn.group(1) if cn else None,
        price=_field_value(fields, "定价"),
        masthead=fields,
        notices=masthead_notices(front, masthead.consumed),
    )
    return _with_web_fields(meta, meta_lines), masthead


def _with_web_fields(meta: IssueMeta, meta_lines: list[Line]) -> IssueMeta:
    """`发布时间:2023-12-16 来源: 天津先锋网 作者:佚名` and `原文链接:…`."""
    values: dict[str, str] = {}
    for line in meta_lines:
        if line.kind is LineKind.META:
            for m in _WEB_FIELD.finditer(line.text):
                values.setdefault(m.group(1), m.group(2).strip())
    iso, date_text = _web_date(values, meta_lines)
    if not values and iso is None:
        return meta
    site = values.get("来源")
    return replace(
        meta,
        date=meta.date or (_iso(iso) if iso else None),
        date_text=meta.date_text or date_text,
        year=meta.year or (int(iso.group(1)) if iso else None),
        source_site=site,
        publisher=meta.publisher or site,
        author=values.get("作者"),
        url=values.get("原文链接") or values.get("原文地址") or values.get("本文链接"),
    )


def _web_date(
    values: dict[str, str], meta_lines: list[Line]
) -> tuple[regex.Match[str] | None, str | None]:
    """The page's date (year, month, day groups) and its text: the labelled field, else an
    unlabelled date among the fields or on a dateline of its own."""
    date_text = values.get("发布时间") or values.get("发布日期")
    iso = _ISO_DATE.search(date_text or "")
    if iso is None:
        found = (_WEB_DATE.search(line.text) for line in meta_lines)
        iso = next((m for m in found if m is not None), None)
        date_text = iso.group(0) if iso else None
    return iso, date_text


def _iso(date: regex.Match[str]) -> str:
    return f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}"


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


_SOURCE_VALUE = regex.compile(r"来源\s*[:：]\s*([^）)\s]+)")


def web_meta(meta: IssueMeta, articles: list[Article]) -> IssueMeta:
    """A web page has no masthead: its title is the first article's, its publisher the
    source named at the end of the page (`来源：天津日报`) unless the metadata line said."""
    first = articles[0]
    title = meta.title or (f"{first.title}——{first.subtitle}" if first.subtitle else first.title)
    publisher = meta.publisher
    original = meta.original_source
    for article in reversed(articles):
        found = _SOURCE_VALUE.search(article.source_note or "")
        if not found:
            continue
        if "《" in found.group(1):
            original = original or found.group(1)
        elif publisher is None:
            publisher = found.group(1)
    return replace(meta, title=title, publisher=publisher, original_source=original)


def merge_meta(detected: IssueMeta, overrides: IssueMeta) -> IssueMeta:
    """Fields set in the overrides (sidecar/config) replace the detected ones."""
    defaults = IssueMeta()
    changes = {
        name: getattr(overrides, name)
        for name in IssueMeta.__dataclass_fields__
        if getattr(overrides, name) != getattr(defaults, name)
    }
    return replace(detected, **changes)
