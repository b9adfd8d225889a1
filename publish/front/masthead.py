"""What masthead lines look like: labels and values, issue lines, notices, cover lines.

The masthead (版权页) prints label/value pairs (`主编 张三`, `主编：张三`, `主  编 张三`, a
label alone with its value below), the issue line in any of its forms, and notices (a 声明
about contributions and copyright, `内部资料 免费交流`, `扫码关注…公众号`). Labels outside the
list below still read as fields when they sit among listed ones (`structure.metadata`).
"""

from __future__ import annotations

from typing import Final

import regex

from publish.text.chars import ISSUE_YEAR

MASTHEAD_LABELS: Final = (
    "主管主办|主管单位|主办单位|主管|主办|协办|承办|编辑出版|出版发行|出版单位|出版|发行单位|发行范围"
    "|发行部电话|发行|总编辑|副总编辑|总编|副总编|社长|副社长|主编|副主编|执行主编|编辑部主任"
    "|编辑部电话|编辑部|责任编辑|执行编辑|文字编辑|文字采编|美术编辑|美编|责任校对|校对|编委会常务副主任"
    "|编委会委员|编委会|编委副主任|编委主任|编委|顾问|国际标准连续出版物号|国内统一连续出版物号"
    "|国际标准刊号|国内统一刊号|刊号|广告经营许可证号|广告|邮发代号|电话|传真|联系地址|地址|社址"
    "|邮政编码|邮编|网络地址|网址|电子邮箱|电子信箱|邮箱|投稿邮箱|合作媒体|法律顾问|定价|印刷企业"
    "|印刷册数|印刷|准印证号|准印证|印数|发送范围|出版日期|封面|声明|本刊|欢迎来稿|内部资料|ISSN|CN"
)
_MASTHEAD: Final = regex.compile(rf"^(?:{MASTHEAD_LABELS})")
# The issue line in its forms: `2025年第9期`, `第9期（总第97期）`, `2025年9月 上半月`,
# `二〇二五年 第九期`, `2025.09`, `2025 NO.9`, `(月·总第97期)`, `半月刊 2025年第16期（下）`.
ISSUE_NUMBER: Final = r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})"
ISSUE_LINE: Final = regex.compile(
    rf"{ISSUE_YEAR}\s*年\s*第\s*{ISSUE_NUMBER}\s*期|第\s*{ISSUE_NUMBER}\s*期\s*[（(]\s*总第"
    r"|总第\s*\d+\s*期|[上下]半月|(?:每月|每逢)\s*\d+\s*日出版|半月刊|旬刊"
    rf"|^\s*{ISSUE_YEAR}\s*年\s*\d{{1,2}}\s*月\s*(?:[上下]半月)?\s*$"
    r"|^\s*\d{4}\s*[.．/]\s*\d{1,2}\s*$|^\s*\d{4}\s*(?:NO|No|no)\s*[.．]?\s*\d{1,3}\s*$"
)
_LETTER_SPACED: Final = regex.compile(r"(?<=^\p{Han}(?:\s+\p{Han})*)\s+(?=\p{Han})")
# `本刊评论员`, `本刊记者 王明`: a byline, although `本刊…` also opens masthead notices.
_HOUSE_BYLINE: Final = regex.compile(r"^本刊(?:特约)?(?:评论员|记者|通讯员|编辑部|特约撰稿人)")
# Notices printed with the masthead: copyright and contribution statements, distribution.
_NOTICE: Final = regex.compile(
    r"^[【\[]?(?:声明|版权声明|本刊声明|投稿须知|稿约|欢迎来稿|欢迎投稿|征稿启事)[】\]]?(?:[：:]|$)"
    r"|^本刊(?!(?:特约)?(?:评论员|记者|通讯员|编辑部|特约撰稿人))\S{0,4}(?:刊发|所发|已|欢迎|投稿|不|对|保留)"
    r"|^内部资料|免费交流$|^(?:扫码|扫描二维码|长按识别)\S{0,6}关注"
)
# `凝心聚力 服务基层`: a slogan of phrases set apart by spaces, no page number, no verb ending.
_SLOGAN_PHRASE: Final = regex.compile(r"^\p{Han}{2,9}$")


def unspaced(text: str) -> str:
    """`副 总 编 李剑` → `副总编李剑`, `主  编 张三` → `主编张三`: for matching a label at the
    start (the space before the value goes too; `label_unspaced` keeps it)."""
    return _LETTER_SPACED.sub("", text)


def is_house_byline(text: str) -> bool:
    return _HOUSE_BYLINE.match(text) is not None


def is_notice(text: str) -> bool:
    """A masthead notice (`声明：本刊刊发的文字……`, `内部资料 免费交流`)."""
    return _NOTICE.search(text) is not None


_LABEL_ALONE: Final = regex.compile(rf"^(?:{MASTHEAD_LABELS})\s*[:：]?$")


def is_label_alone(text: str) -> bool:
    """A masthead label printed alone (`定价`, `主  编`): its value is on the next line."""
    return _LABEL_ALONE.match(unspaced(text).strip()) is not None


_SPACED_START: Final = regex.compile(r"^\p{Han}(?:[ \u3000]+\p{Han}){1,3}(?=[ \u3000:：/／]|$)")


def label_unspaced(text: str) -> str:
    """`主  管 中共和江市委` → `主管 中共和江市委`: a label letter-spaced to the width of the
    longer ones (`总编辑`) is one label, not a one-character field and a wide gap."""
    m = _SPACED_START.match(text)
    if m is None:
        return text
    label = regex.sub(r"[ \u3000]+", "", m.group(0))
    return label + text[m.end() :] if _LABEL_ALONE.fullmatch(label) else text


def is_issue_line(text: str) -> bool:
    return len(text) <= 40 and ISSUE_LINE.search(text) is not None


def is_masthead_like(text: str) -> bool:
    """A masthead field, an issue line or a notice (a house byline is none of them)."""
    if is_house_byline(text):
        return False
    return bool(_MASTHEAD.match(unspaced(text)) or is_issue_line(text) or is_notice(text))


def is_phrase_line(text: str) -> bool:
    """Two to six short phrases of one length set apart by spaces, no digits: the shape of a
    motto on the cover (`凝心聚力 服务基层`, `学习 交流 指导 服务`) — and of many titles, so
    callers use it only where no title can be (beside the magazine's name)."""
    phrases = text.split()
    return (
        2 <= len(phrases) <= 6
        and all(_SLOGAN_PHRASE.match(p) for p in phrases)
        and len({len(p) for p in phrases}) == 1
    )


def is_slogan(text: str) -> bool:
    """Four or more long phrases of one length: a motto wherever it is printed (titles are
    shorter: `学习讲深度 调研出成果 发展有实绩 整改见实效`)."""
    phrases = text.split()
    return (
        len(phrases) >= 4
        and len({len(p) for p in phrases}) == 1
        and len(phrases[0]) >= 6
        and not any(c.isdigit() for c in text)
    )


__all__ = [
    "ISSUE_LINE",
    "MASTHEAD_LABELS",
    "is_house_byline",
    "is_issue_line",
    "is_label_alone",
    "is_masthead_like",
    "is_notice",
    "is_phrase_line",
    "is_slogan",
    "unspaced",
]
