"""Furniture: end marks, bullets, QR captions, promos, spam, captions, leaders, folios.

(Web-page chrome and metadata lines are in `web.py`.)

A dropped line is a change like any other: its text goes into the report. End marks are not
text but they are information (an article ends here), so they move onto the line as `end_mark`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import regex

from publish.chars import ISSUE_YEAR, PROSE_PUNCT, SENTENCE_END, ends_sentence
from publish.names import is_author_field
from publish.normalise.document import (
    ChangeKind,
    Document,
    Line,
    LineKind,
    NormaliseConfig,
    Outcome,
    Recorder,
    Sink,
    drop_where,
    strip_prefix,
    text_index,
    text_neighbours,
)
from publish.normalise.web import FOLLOW_MAX, FOLLOW_PROMPT
from publish.normalise.wordlists import word_list
from publish.shapes import SENTENCE_MARK, is_enumerated, looks_like_heading

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


_BULLET = regex.compile(r"^[■□◆●▌▍▶►]\s*(?=\S)")
# `【理论学习】` alone on its line: a column label in brackets instead of a bullet.
_BRACKETED_LABEL = regex.compile(r"^【\s*([\p{Han}·“”\s]{2,12}?)\s*】$")


def _bracketed(line: Line) -> Line:
    """Tagged only: the brackets are printed (in the body `【解读】` is a label in the text);
    the contents parser reads the section name inside them."""
    label = _BRACKETED_LABEL.match(line.text)
    if label is None or len(label.group(1).replace(" ", "")) < 2:
        return line
    return line.tagged("bullet")


def section_bullets(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`■ 卷首` → `卷首`, tagged as a bulleted line (a section heading); `【卷首】` is tagged."""
    rec = Recorder("F202", "section-bullet")
    return rec.outcome(
        _bracketed(strip_prefix(line, _BULLET, "bullet", rec, limit=30)) for line in lines
    )


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
    if text.startswith("封面") or line.has("caption"):
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

# --- page furniture ------------------------------------------------------------------------------

# `— 12 —`, `- 12 -`, `第12页`: a folio printed between the two halves of a broken paragraph.
_DECORATED_FOLIO = regex.compile(
    r"^(?:[-—–－~～·]+\s*\d{1,3}\s*[-—–－~～·]+|第\s*\d{1,3}\s*页)$"
    # with OCR noise around the number: `·76.`, `82·`, `.89.`, `-4+`
    r"|^(?:[-—–－~～·.]\s*\d{1,3}\s*[-—–－~～·.+]?|\d{1,3}\s*[-—–－~～·+])$"
)
_BARE_FOLIO = regex.compile(r"^\d{1,3}$")
_MID_PARAGRAPH_MIN = 20  # a line this long that stops mid-sentence: its paragraph goes on
# Exactly a magazine's name and an issue (`天津支部生活 2023年第11期（下半月）`), anywhere in the
# body: a running head even between two finished paragraphs.
_ISSUE = rf"{ISSUE_YEAR}\s*年\s*第\s*\d{{1,3}}\s*期(?:\s*[（(]?[上下]半月[）)]?)?"
# `示范党员 2024年第5期`, `2024.05 示范党员`: a running head (magazine and issue) in a line.
_RUNNING_HEAD = regex.compile(rf"{_ISSUE}|(?<!\d)\d{{4}}\s*[.．/]\s*\d{{1,2}}(?!\d)")
_HEAD_SHAPE = regex.compile(rf"^[\p{{Han}}·]{{2,12}}\s*{_ISSUE}$|^{_ISSUE}\s*[\p{{Han}}·]{{2,12}}$")


def _furniture_shaped(line: Line) -> bool:
    text = line.text.strip()
    if _DECORATED_FOLIO.match(text) or _BARE_FOLIO.match(text) or _show_through(text):
        return True
    return len(text) <= 30 and _RUNNING_HEAD.search(text) is not None


def _breaks_a_paragraph(lines: Document, index: int) -> bool:
    """The text line before (past other folios and heads) is running text that stops
    mid-sentence, and running text follows: the line sits inside a broken paragraph. A
    contents or masthead line is no paragraph; a heading after it starts something new."""
    at = text_index(lines, index, -1)
    while at is not None and _furniture_shaped(lines[at]):
        at = text_index(lines, at, -1)
    after = text_index(lines, index, 1)
    while after is not None and _furniture_shaped(lines[after]):
        after = text_index(lines, after, 1)
    if at is None or after is None or lines[at].has("front") or lines[at].has("masthead"):
        return False
    before = lines[at].text
    if looks_like_heading(lines[after].text) and not _furniture_shaped(lines[after]):
        return False  # a kicker over a title, not a running head inside a paragraph
    if looks_like_heading(before):
        return False  # a title before it: a byline or a deck under the title
    running = len(before) >= _MID_PARAGRAPH_MIN or SENTENCE_MARK.search(before) is not None
    return running and not ends_sentence(before)


_REPEATS = 3  # a short line printed this often inside paragraphs is a running head
_TITLE_MAX = 45  # a title repeated as a running head
_LONG_TITLE = 8  # a repeat this long is a title, never a column label printed again
_HEAD_REACH = 150  # lines: a running head repeats the title of the article it is printed in
_HEAD_MAX = 30
_NAME_MAX = 12  # a magazine's or column's name on the front page, printed again as a head


_FIGURE = regex.compile(r"^[\d.,，%％\s]{1,12}$")


def _isolated_number(lines: Document, index: int) -> bool:
    """No neighbouring text line is a number or a short figure too."""
    return all(x is None or not _FIGURE.match(x.text) for x in text_neighbours(lines, index))


# Radicals and components printed alone: no word of running text is made of them, but
# show-through from the other side of the sheet reads as lines of them.
_COMPONENTS = frozenset(
    "丨丬亅乚乛亠冂冖冫凵刂勹匚卩厶廴彐彳忄扌犭纟阝丶丿乀乁乙乂亻冫夂夊宀屮巛廾彡癶灬爫疒礻衤钅"
)
_JUNK_MAX = 10


def _show_through(text: str) -> bool:
    """A short line made mostly of radicals and components (`匚彳勹凵`)."""
    chars = [c for c in text if not c.isspace()]
    if not chars or len(chars) > _JUNK_MAX:
        return False
    return sum(c in _COMPONENTS for c in chars) >= 0.6 * len(chars)


def _all_components(text: str) -> bool:
    """Nothing but radicals (`廴亅忄乛`): show-through wherever it stands."""
    chars = [c for c in text if not c.isspace()]
    return 2 <= len(chars) <= _JUNK_MAX and all(c in _COMPONENTS for c in chars)


def _is_page_furniture(
    lines: Document,
    index: int,
    repeated: frozenset[str],
    titles: dict[str, int],
    names: frozenset[str],
) -> bool:
    if any(lines[index].has(tag) for tag in ("front", "masthead", "leader", "table")):
        return False  # contents and masthead lines: their numbers are page references
    text = lines[index].text.strip()
    if _DECORATED_FOLIO.match(text) or _HEAD_SHAPE.match(text) or _all_components(text):
        return True
    if _BARE_FOLIO.match(text) and _isolated_number(lines, index):
        return True  # a page number between paragraphs (a column of figures has neighbours)
    first = titles.get(_fold_key(text), index)
    if (
        len(text) >= _LONG_TITLE
        and index - _HEAD_REACH <= first < index
        and not is_enumerated(text)
    ):
        # A long title printed again lower down, inside its article: the running head at the
        # top of a page (unless a title follows it: then it heads something new).
        after = text_index(lines, index, 1)
        return after is not None and not looks_like_heading(lines[after].text)
    shaped = (
        _BARE_FOLIO.match(text) is not None
        or text in repeated
        or _show_through(text)
        or titles.get(_fold_key(text), index) < index  # a title printed again: a running head
        or (
            len(text) <= _HEAD_MAX
            and not PROSE_PUNCT.search(text)
            and _RUNNING_HEAD.search(text) is not None
        )
    )
    named = _fold_key(text) in names  # the magazine's or a column's name, as the front prints it
    # The context is read only for lines shaped like furniture (cheap tests first).
    return (shaped or named) and _breaks_a_paragraph(lines, index)


def drop_page_furniture(lines: Document, config: NormaliseConfig) -> Outcome:
    """Folios and running heads printed between the halves of a paragraph broken at a page."""
    counts = Counter(x.text.strip() for x in lines if x.kind is LineKind.TEXT)
    repeated = frozenset(
        text
        for text, n in counts.items()
        if n >= _REPEATS and len(text) <= _HEAD_MAX and not PROSE_PUNCT.search(text)
    )
    titles = {
        key: index
        for key, index in _first_body_lines(lines).items()
        if len(key) <= _TITLE_MAX and not SENTENCE_MARK.search(key)
    }
    names = frozenset(
        _fold_key(x.text)
        for x in lines
        if x.has("front")
        and len(x.text) <= _NAME_MAX
        and not any(c.isdigit() for c in x.text)
        and not is_author_field(x.text)  # an author the contents names is a byline
    )
    rule = drop_where(
        "F211",
        "page-furniture",
        lambda d, i: _is_page_furniture(d, i, repeated, titles, names),
    )
    return rule(lines, config)


def _fold_key(text: str) -> str:
    return "".join(text.split())


def _first_body_lines(lines: Document) -> dict[str, int]:
    """Where each body line is first printed, and each run of two or three lines (a title
    printed over them is repeated on one line as a running head); the contents does not
    count."""
    body = [
        (index, x)
        for index, x in enumerate(lines)
        if x.kind is LineKind.TEXT and not x.has("front") and not x.has("masthead")
    ]
    first: dict[str, int] = {}
    for n, (index, x) in enumerate(body):
        key = _fold_key(x.text)
        first.setdefault(key, index)
        for following in body[n + 1 : n + 3]:
            key += _fold_key(following[1].text)
            first.setdefault(key, index)
    return first


# `（下转第12页）` / `（上接第5页）`: an article continued on a later page. The markers go (the
# report keeps them); the lines keep `jump-to` / `jump-from` tags so the structure stage can put
# the continuation back at the end of its article.
_JUMP_TO = regex.compile(
    r"[（(]\s*(?:下转|转|转至|转下页|接下页)\s*(?:第\s*)?\d{0,3}\s*(?:页|版)?\s*[）)]"
)
_JUMP_FROM = regex.compile(
    r"[（(]\s*(?:上接|接|续|承)\s*(?:第\s*)?\d{1,3}\s*(?:页|版)\s*[）)]|[（(]\s*接上页\s*[）)]"
)


def _mark_jump(lines: list[Line], index: int, rec: Recorder) -> bool:
    """Strip a jump marker from line `index` and tag where the article breaks off or resumes;
    True when the whole line was the marker (it is then dropped)."""
    line = lines[index]
    to, frm = _JUMP_TO.search(line.text), _JUMP_FROM.search(line.text)
    found = to or frm
    if found is None:
        return False
    rest = (line.text[: found.start()] + line.text[found.end() :]).strip()
    tag = "jump-to" if to else "jump-from"
    if rest:
        rec.change(line.first, ChangeKind.MARK, line.text, rest)
        lines[index] = line.with_text(rest).tagged(tag)
        return False
    rec.change(line.first, ChangeKind.DROP, line.text, "")
    # The text broke off on the line before a `下转` line, resumes on the line after a `上接` one.
    neighbour = text_index(lines, index, -1 if to else 1)
    if neighbour is not None:
        lines[neighbour] = lines[neighbour].tagged(tag)
    return True


def page_jumps(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`（下转第12页）` and `（上接第5页）` markers of articles continued on another page."""
    rec = Recorder("F212", "page-jump")
    work = list(lines)
    dropped = {
        i for i in range(len(work)) if work[i].kind is LineKind.TEXT and _mark_jump(work, i, rec)
    }
    sink = Sink()
    for index, line in enumerate(work):
        if index in dropped:
            sink.drop(line)
        else:
            sink.keep(line)
    return rec.outcome(sink.lines)


_LEADER_PREFIX = regex.compile(r"^(?:\.{3,}|·{3,})\s*(?=\S)")
_DOTS_ONLY = regex.compile(r"^[.·]{3,}$")
# `标题……………………作者（3）`: a leader inside the line (longer than an ellipsis) with a short
# author/page field after it ending in a page number, bare or in brackets.
_INNER_LEADER = regex.compile(
    r"^(?P<title>[^\s.…·-].*?)\s*(?:…{3,}|\.{4,}|·{4,}|-{4,})\s*"
    r"(?P<tail>[^。，；！？…]{0,30}?)\s*[（(]?(?P<page>\d{1,3})[）)]?$"
)


def _inner_leader(line: Line, rec: Recorder) -> Line:
    found = _INNER_LEADER.match(line.text)
    if found is None or len(line.text) > 90:
        return line
    title, author, page = (found.group(k).strip() for k in ("title", "tail", "page"))
    # The leader told title from author; a slash keeps that for the contents parser.
    text = f"{title} / {author} {page}" if author else f"{title} {page}"
    rec.change(line.first, ChangeKind.MARK, line.text, text)
    return line.with_text(text).tagged("leader", "inline-leader")


def dot_leaders(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Contents dot leaders (`..... 作者 23`, `标题……作者（3）`) are stripped; a line of dots
    alone is dropped.

    `...就这样，大家……` is an ellipsis opening a paragraph, not a leader: the rest of a leader
    line is a short author/page field without prose punctuation.
    """
    rec = Recorder("F210", "dot-leader")
    sink = Sink()
    for line in lines:
        if _DOTS_ONLY.match(line.text):
            rec.change(line.first, ChangeKind.DROP, line.text, "")
            sink.drop(line)
        elif _INNER_LEADER.match(line.text):
            sink.keep(_inner_leader(line, rec))
        elif PROSE_PUNCT.search(line.text):
            sink.keep(line)
        else:
            sink.keep(strip_prefix(line, _LEADER_PREFIX, "leader", rec, limit=40))
    return rec.outcome(sink.lines)
