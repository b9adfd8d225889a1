"""Furniture: end marks, QR captions, promos, spam, photo captions.

(Web-page chrome and metadata lines are in `web.py`; folios, running heads and page jumps
in `pages.py`; the contents page's bullets and leaders in `regions.py`.)

A dropped line is a change like any other: its text goes into the report. End marks are not
text but they are information (an article ends here), so they move onto the line as `end_mark`.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from publish.data import word_list
from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.normalise.document import (
    NormaliseConfig,
    Outcome,
    Recorder,
    drop_where,
    text_neighbours,
)
from publish.normalise.web import FOLLOW_MAX, FOLLOW_PROMPT
from publish.text.chars import PROSE_PUNCT, SENTENCE_END, ends_sentence
from publish.text.names import is_author_field

# --- end marks --------------------------------------------------------------------------------

END_MARKS = "✎✍■□◆◇★☆▲△●◎📍📖🔚"
_CONTINUED = r"[（(](?:待续|未完待续|未完|续完|完)[）)]"
_TRAILING_MARK = regex.compile(rf"\s*([{END_MARKS}]+)\s*({_CONTINUED})?$")
_TRAILING_WEN = regex.compile(rf"(?<=[{SENTENCE_END}”’」』])\s*文$")
_LONE_MARK = regex.compile(rf"^(?:[{END_MARKS}]|文)$")


def _strip_marks(text: str) -> tuple[str, str]:
    """Remove every trailing mark (`。文■`, `■■`); return the text and the marks removed, in
    printed order (kept on the line, so nothing is lost)."""
    found = ""
    while True:
        mark = _TRAILING_MARK.search(text)
        if mark and mark.start() > 0:
            text = text[: mark.start()] + (mark.group(2) or "")
            found = mark.group(1) + found
            continue
        wen = _TRAILING_WEN.search(text)
        if wen and wen.start() > 0:
            text = text[: wen.start()]
            found = "文" + found
            continue
        return text, found


def _ends_here(mark: Line, before: Line, after: Line | None) -> bool:
    """A lone `文` ends the paragraph before it; under a title (`……“上台阶”` too) it labels
    the byline that follows (`文` ⏎ `张三`). Other marks end whatever they follow."""
    if mark.text != "文":
        return True
    if after is not None and is_author_field(after.text):
        return False
    return ends_sentence(before.text) or before.text.endswith(("”", "」"))


def end_marks(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Strip end-of-article marks (✎ ■ □ ★ 📍 文 …) and keep them as the line's `end_mark`.

    `文` counts only after sentence-final punctuation or alone on a line: `…红色文` is the
    word 文化 cut by a page break. `（待续）` after a mark is text and stays.
    """
    rec = Recorder("F201", "end-mark")
    out: list[Line] = []
    for index, line in enumerate(lines):
        if line.kind is not LineKind.TEXT:
            out.append(line)
            continue
        after = lines[index + 1] if index + 1 < len(lines) else None
        if _LONE_MARK.match(line.text) and out and _ends_here(line, out[-1], after):
            rec.change(line.first, ChangeKind.DROP, line.text, "")
            out[-1] = replace(out[-1], end_mark=line.text)
            continue
        text, mark = _strip_marks(line.text)
        if mark:
            rec.change(line.first, ChangeKind.MARK, line.text[-12:], text[-12:])
            line = replace(line, text=text, end_mark=mark)
        out.append(line)
    return rec.outcome(out)


# --- furniture lines ----------------------------------------------------------------------------

_QR = regex.compile(
    r"^(?:请)?(?:手机)?(?:扫码|扫描(?:二维码)?|扫一扫|长按(?:识别)?(?:二维码)?|识别二维码)(?:即可)?"
    r"(?:在手机上?)?"
    r"(?:看|听|收听|观看|阅读|关注|下载|进入|了解|获取|查看|参与|报名|收看|浏览|学习|打开)"
)


def _is_qr_caption(lines: Document, index: int) -> bool:
    text = lines[index].text
    return len(text) <= 30 and _QR.match(text) is not None and "。" not in text[:-1]


drop_qr_captions = drop_where("F203", "qr-caption", _is_qr_caption)

# A promo names the platform at its end (`天津党务通公众号`) or opens with where to search
# (`抖音搜索天津党务通`); a headline that merely mentions an app (`“津心办”客户端上线运行`) doesn't.
_PROMO_STRONG = regex.compile(
    r"(?:公众号|抖音号?|视频号|微信号|微博号?|官方微博|客户端|小程序|头条号|快手号|APP|App)$"
    r"|^(?:抖音|微信|微博|快手|今日头条|B站|哔哩哔哩)(?:搜索|扫码|关注)"
    r"|^[\p{Han}·]{2,12}[全新融]媒体矩阵$"
)
_PROMO_WEAK = regex.compile(r"^[\p{Han}A-Za-z·]{2,14}(?:网|平台|频道|号|APP|App)$")


def _is_strong_promo(line: Line) -> bool:
    text = line.text
    if len(text) <= FOLLOW_MAX and FOLLOW_PROMPT.match(text):
        return True
    return len(text) <= 40 and not PROSE_PUNCT.search(text) and bool(_PROMO_STRONG.search(text))


def _is_promo(lines: Document, index: int) -> bool:
    line = lines[index]
    if _is_strong_promo(line):
        return True
    if not _PROMO_WEAK.match(line.text):
        return False
    # A bare site name counts only between two certain promo lines.
    before, after = text_neighbours(lines, index)
    return (
        before is not None
        and after is not None
        and _is_strong_promo(before)
        and _is_strong_promo(after)
    )


drop_promos = drop_where("F204", "social-media-promo", _is_promo)

# Unlisted brands at the very top or bottom of a page: gambling words only (`文化娱乐` is not).
_GAMBLING = regex.compile(
    r"(?:棋牌|博彩|彩票|赌场|投注)(?:平台|城|网|官网|注册)?$|娱乐(?:平台|城|官网|注册)$"
)


def _is_spam(lines: Document, index: int) -> bool:
    text = lines[index].text
    if len(text) > 20 or PROSE_PUNCT.search(text):
        return False
    if any(term in text for term in word_list("spam")):
        return True
    # Unknown brand names: only a short gambling-like line at the very top or bottom.
    near_edge = index < 2 or index >= len(lines) - 2
    return near_edge and len(text) <= 12 and _GAMBLING.search(text) is not None


drop_spam = drop_where("F205", "spam-line", _is_spam)


_CAPTION_EXPLICIT = regex.compile(
    r"^[（(]?图为.{2,80}$|(?:图片提供|供图|摄影)\s*[/／:：]\s*\S{2,16}[）)]?$|(?:本报|资料)(?:资料)?(?:照片|图片)$"
    # `▲ 图为……`, `↑ 村民在田间劳作。张三 摄`, `▲ 社区志愿者为老人理发`: the arrow points at the
    # photo (a long sentence after a ▲ is a list item)
    r"|^[▲△↑↓▼▽]\s*(?:图|上图|下图|左图|右图).{0,80}$|^[▲△↑↓▼▽].{0,80}\s摄[）)]?$"
    r"|^[▲△↑↓▼▽]\s*[^，。；]{2,30}$"
    # a photographer's credit: `张三 摄`, `（新华社记者 李四 摄）`, `图片来源：……`
    r"|^[（(]?[^，。；]{0,20}\s摄[）)]?$|^(?:图片来源|图源|图片|题图)\s*[:：]\s*\S.{0,30}$"
)
_CAPTION_DATE = regex.compile(r"^\d{4}年\d{1,2}月\d{1,2}日[，,]")
_NAME_ONLY = regex.compile(r"^\p{Han}{2,4}$")


def _is_photo_caption(lines: Document, index: int) -> bool:
    line = lines[index]
    text = line.text
    if text.startswith("封面") or line.has(Tag.CAPTION):
        # the cover credit belongs to the colophon; a caption whose picture a markdown or HTML
        # input had is kept as the caption
        return False
    if len(text) <= 100 and _CAPTION_EXPLICIT.search(text):
        return True
    after = lines[index + 1] if index + 1 < len(lines) else None
    in_hole = line.blank_before >= 2
    if in_hole and _CAPTION_DATE.match(text) and "。" not in text and len(text) <= 100:
        return True
    # A bare name under a portrait: an image hole on both sides.
    return (
        in_hole
        and _NAME_ONLY.match(text) is not None
        and (after is None or after.blank_before >= 2)
    )


drop_photo_captions = drop_where("F209", "photo-caption", _is_photo_caption)
