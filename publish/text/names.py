"""Who wrote it: personal names, organisations and author fields in contents and bylines."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final

import regex

from publish.data import data_lines

_ORG_SUFFIX: Final = regex.compile(
    r"(?:党委|党组|工委|委员会|课题组|调研组|中心组|宣讲团|检察院|法院|研究院|研究所|研究室|政策研究室"
    r"|党办|党支部|支部|机关党委|办公室|中心|公司|集团|学校|大学|学院|杂志|评论员|记者)”?$"
)
# A one-character suffix (`局`, `网`, `会`) names a unit only after a place or an institution
# (`南开区民政局`, `共产党员网`): `筑牢口岸国门生物安全网`, `织密缉私网` are titles.
_SHORT_SUFFIX: Final = regex.compile(r"[办局厅处科室部委院所社会站报网台组]”?$")
_INSTITUTION: Final = regex.compile(
    r"[省市区县镇乡村州盟旗]|本刊|编辑|中共|党|政府|人民|国家|机关|委员|大学|学院|学校|公司|集团|日报|晚报"
    r"|新闻|电视|广播|海关|银行|协会|工会|团委|妇联|法院|检察|公安|税务|中心|基金"
)
_NAME_TOKEN: Final = regex.compile(r"^\p{Han}{2,4}$")
# Not `｜`: `党建引领｜基层治理新路径` is a column label and a title.
SLASH_AUTHOR: Final = regex.compile(
    r"^(?P<title>\S.*?\S)\s*[/／]\s*(?P<author>[^/／。，；;,\s][^/／。，；;,]{0,28})$"
)


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    words = {w for line in data_lines("surnames") for w in line.split()}
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


def is_person_name(token: str) -> bool:
    """`李圆圆`, `郜敏`, `欧阳修`: 2–4 Han characters starting with a surname."""
    if not _NAME_TOKEN.match(token):
        return False
    single, compound = surnames()
    if len(token) >= 3 and token[:2] in compound:
        return True
    return token[0] in single and len(token) <= 3


_QUOTED_INSIDE: Final = regex.compile(r"^(?P<before>[^“]*)“")
_PLACE_END: Final = regex.compile(r"[区市县省镇乡村州盟旗局厅委部]$")


def is_org_name(text: str) -> bool:
    """`市委市级机关工委`, `省农业农村厅课题组`, `红桥区“千人宣讲团”` — not a title that ends
    like a unit (`创建“四强”党支部`: a quotation inside a unit's name follows its place)."""
    if " " in text or not 4 <= len(text) <= 30:
        return False
    if _ORG_SUFFIX.search(text) is None and not (
        _SHORT_SUFFIX.search(text) and _INSTITUTION.search(text[:-1])
    ):
        return False
    quoted = _QUOTED_INSIDE.match(text)
    return quoted is None or _PLACE_END.search(quoted.group("before")) is not None


_UNIT_AUTHORS_MAX: Final = 5
_AFFILIATION: Final = regex.compile(r"^(?P<names>[^（）()]{2,20}?)\s*[（(][^（）()]{2,30}[）)]$")


def is_affiliated_name(text: str) -> bool:
    """`张三（某某大学）`: names with their affiliation in brackets."""
    affiliated = _AFFILIATION.match(text)
    return affiliated is not None and is_author_field(affiliated.group("names").strip())


def is_author_field(text: str) -> bool:
    """A contents author: one or more personal names, or an organisation, optionally with a
    position before the name (`长春海关财务处 李霞`, `特约评论员`) or an affiliation after it
    (`张三（某某大学）`)."""
    affiliated = _AFFILIATION.match(text)
    if affiliated:
        return is_author_field(affiliated.group("names").strip())
    tokens = text.split()
    if not tokens:
        return False
    if all(is_person_name(t) for t in tokens) and len(tokens) <= 4:
        return True
    if is_org_name(text) and "，" not in text and "。" not in text:
        return True
    # `广州市直机关工委 陈嘉 曹剑`: a unit, then the names of its authors.
    return (
        2 <= len(tokens) <= _UNIT_AUTHORS_MAX
        and is_org_name(tokens[0])
        and all(is_person_name(t) for t in tokens[1:])
    )


_SPACED_CHARS: Final = regex.compile(r"^\p{Han}(?:\s+\p{Han})+$")


def unspace_names(text: str) -> str:
    """`李 霞` → `李霞`, `陈 嘉 曹 剑` → `陈嘉 曹剑`: names printed letter-spaced (two-character
    names pair up; an odd count is one name of three)."""
    if not _SPACED_CHARS.match(text):
        return text
    chars = text.split()
    if len(chars) % 2 or len(chars) == 2:
        return "".join(chars) if len(chars) <= 3 else text
    return " ".join(chars[i] + chars[i + 1] for i in range(0, len(chars), 2))


def split_author(text: str) -> tuple[str, str | None]:
    """`以青春之我 讲好觉悟故事 迟爱民` → (`以青春之我 讲好觉悟故事`, `迟爱民`).

    Takes the longest author-like tail (up to three tokens) that leaves a title behind; a slash
    (`标题 / 本刊评论员`) separates them explicitly.
    """
    slashed = SLASH_AUTHOR.match(text)
    if slashed:
        return slashed["title"], slashed["author"]
    tokens = text.split()
    if len(tokens) >= 3 and len({len(t) for t in tokens}) == 1:
        return text, None  # parallel phrases (`畅联通 扩合作 强枢纽`), not a title and a name
    for size in (3, 2, 1):
        if len(tokens) <= size:
            continue
        tail = " ".join(tokens[-size:])
        head_tokens = tokens[:-size]
        if size > 1 and not all(is_person_name(t) for t in tokens[-size:]):
            continue
        if is_person_name(tail) or (size == 1 and is_org_name(tail) and _org_tail_ok(head_tokens)):
            return " ".join(head_tokens), tail
        if size > 1:
            return " ".join(head_tokens), tail
    return text, None


def _org_tail_ok(head_tokens: list[str]) -> bool:
    # An organisation after a title: the title must be substantial on its own.
    return sum(len(t) for t in head_tokens) >= 6


_END_CREDIT = regex.compile(r"^[（(]\s*([\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4}){0,2})\s*[）)]$")


def end_credit(text: str) -> str | None:
    """`（张三）` under an article's last paragraph: the names of its authors."""
    credit = _END_CREDIT.match(text)
    if credit is None:
        return None
    names = credit.group(1)
    return names if all(is_person_name(t) for t in names.split()) else None


# `本报讯（记者 张三）`, `新华社电（记者 李四）`: a news report's opening, naming its authors.
DATELINE = regex.compile(
    r"^(?:本报|本刊|新华社|本台)?\p{Han}{0,6}(?:讯|电)\s*[（(]([^（）()]{2,30})[）)]"
)
_ROLE = regex.compile(r"^(?:本报|本刊)?(?:特约)?(?:记者|通讯员)\s*")


def dateline_credit(text: str) -> str | None:
    """`本报讯（记者 张三）3月5日，……`: a newspaper dateline names the author."""
    found = DATELINE.match(text)
    if found and is_author_field(_ROLE.sub("", found.group(1)).strip() or "-"):
        return found.group(1).strip()
    return None


_BYLINE_SPLIT = regex.compile(r"[\s/／、，,：:]+")


def byline_names(bylines: Iterable[str | None]) -> tuple[str, ...]:
    """The personal names the bylines print, once each, in order of appearance (roles,
    units and labels left out): the issue's contributors."""
    names: dict[str, None] = {}
    for byline in bylines:
        for token in _BYLINE_SPLIT.split(byline or ""):
            if is_person_name(token):
                names[token] = None
    return tuple(names)
