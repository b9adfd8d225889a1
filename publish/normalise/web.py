"""Web pages: site chrome, WeChat controls and prompts, the page's metadata lines, a title
repeated as alt text.

A saved page (plain text, markdown or HTML) carries the site's navigation, footers and share
controls, and a WeChat article its app's buttons and dialogs (`LAYOUTS.md` K). Each such line is
dropped and reported, so chrome never becomes an article, a title or a contents entry. Single
words (`收藏`, `取消`, `允许`) are chrome only on a WeChat page and next to other chrome: a run of
controls is found from its certain members outwards.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from publish.data import word_list
from publish.front.masthead import is_masthead_like
from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.normalise.document import NormaliseConfig, Outcome, Recorder, Sink
from publish.text.chars import PROSE_PUNCT as _PROSE_PUNCT
from publish.text.chars import ends_sentence

# `点击蓝字 关注我们`, `点击上方“示范党建”关注我们`, `点个“在看”，分享给更多人`, `阅读原文`.
FOLLOW_PROMPT = regex.compile(
    r"^(?:点击|戳)(?:上方|下方|这里)?\s*(?:蓝字|“[^”]{1,20}”)?\s*(?:一键)?(?:关注|订阅|星标)"
    r"|^(?:点个|给个|来个)\s*[“\"]?(?:在看|赞)[”\"]?(?:吧|呀)?(?:[，,、\s]*[^。]{0,10})?$"
    r"|^[“\"](?:在看|赞)[”\"]"
    r"|^(?:阅读原文|预览时标签不可点|微信扫一扫关注该公众号|继续滑动看下一个|轻触阅读原文)$"
)
FOLLOW_MAX = 20


_DISCLAIMER = regex.compile(r"^[\[【]?(?:免责声明|版权声明)[\]】]?|^(?:Copyright|©|版权所有)")
# A site's footer: its registration numbers anywhere in a line, a copyright line at the end.
_REGISTRATION = regex.compile(r"ICP[备证]\s*\d|公网安备\s*\d")
_COPYRIGHT = regex.compile(r"版权所有|Copyright|©\s*\d{4}|\(c\)\s*\d{4}", regex.IGNORECASE)
_FOOTER_MAX = 80


# `当前位置：首页 > 新闻 > 正文`, `您现在的位置: 首页>>党建`, `首页 > 正文`.
_BREADCRUMB = regex.compile(
    r"^(?:你|您)?(?:当前|现在)?(?:的)?(?:所在)?位置\s*[:：]|^首页\s*(?:>|＞|»|›|→|/|>>)"
)
_SITE_NAME_MAX = 16


def _is_site_name(lines: Document, index: int) -> bool:
    """The site's name at the very top, right above its breadcrumb (`四川党史文献网`)."""
    text = lines[index].text
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    return (
        index < 2
        and len(text) <= _SITE_NAME_MAX
        and not _PROSE_PUNCT.search(text)
        and _BREADCRUMB.match(following) is not None
    )


# `【字体：大 中 小】`, `字号：T|T`, `分享到：微信 微博`: page controls.
_FONT_CONTROL = r"(?:字体|字号)\s*[:：]?\s*[大中小默认Tt|｜\s]*"
_PAGE_CONTROL = regex.compile(rf"^[【\[]?{_FONT_CONTROL}[】\]]?$|^分享到\s*[:：]?")
_BRACKETED = regex.compile(r"【([^】]{1,12})】")
_FONT_ONLY = regex.compile(rf"^{_FONT_CONTROL}$")
# `上一篇：……`, `下一篇：……`: the links to the neighbouring articles.
_PAGER = regex.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?(?!.*。).{0,60}$")
_ROW_SEPARATOR = regex.compile(r"\s*[|｜]\s*|\s{2,}|\u3000+")


def _is_button_row(text: str) -> bool:
    """`【打印本页】【关闭窗口】`, `【字体：大 中 小】 【打印】`: bracketed controls only."""
    buttons = _BRACKETED.findall(text)
    chrome = word_list("web_chrome")
    rest = _BRACKETED.sub("", text).strip(" \u3000")
    return (
        len(buttons) >= 2 and not rest and all(b in chrome or _FONT_ONLY.match(b) for b in buttons)
    )


def _is_link_row(text: str) -> bool:
    """`网站地图 | 联系我们 | 关于我们`, `设为首页 | 加入收藏`: a row of navigation items."""
    items = [item for item in _ROW_SEPARATOR.split(text) if item]
    chrome = word_list("web_chrome")
    return len(items) >= 2 and all(item in chrome for item in items)


# `往期推荐` and the list of other articles' titles under it, to the end of the page.
_RECOMMEND_HEAD = regex.compile(
    r"^(?:往期推荐|往期回顾|往期精选|精彩推荐|推荐阅读|相关推荐|延伸阅读|猜你喜欢"
    r"|相关新闻|相关阅读|相关文章|相关链接|热点推荐|更多阅读)$"
)
_LIST_ITEM_MAX = 40


_TAIL_LINES = 15  # a web page's recommendation list sits at its very end


def _mark_recommendations(lines: Document, chrome: list[bool]) -> None:
    """`往期推荐` and the short lines (linked titles) under it, when it is among the page's last
    lines once its other chrome is gone."""
    text_at = [k for k, x in enumerate(lines) if x.kind is LineKind.TEXT]
    for pos, k in enumerate(text_at):
        after = [j for j in text_at[pos + 1 :] if not chrome[j]]
        if len(after) > _TAIL_LINES or not _RECOMMEND_HEAD.match(lines[k].text):
            continue
        chrome[k] = True
        for item in after:
            text = lines[item].text
            if len(text) > _LIST_ITEM_MAX or "。" in text:
                break
            chrome[item] = True
        return


def _is_footer(lines: Document, index: int) -> bool:
    text = lines[index].text
    if len(text) > _FOOTER_MAX or "。" in text:
        return False
    if _REGISTRATION.search(text):
        return True
    return index >= len(lines) - _TAIL_LINES and _COPYRIGHT.search(text) is not None


def _is_nav_link(lines: Document, index: int) -> bool:
    """A line that is only a link, short, above the page's title (the site's menu)."""
    line = lines[index]
    if not line.has(Tag.LINK) or len(line.text) > _SITE_NAME_MAX:
        return False
    title = next((k for k, x in enumerate(lines) if x.has(Tag.HEADING)), None)
    return title is not None and index < title


def _is_web_chrome(lines: Document, index: int) -> bool:
    text = lines[index].text
    if text in word_list("web_chrome") or _BREADCRUMB.match(text) or _PAGE_CONTROL.match(text):
        return True
    if _is_button_row(text) or _is_link_row(text) or _PAGER.match(text):
        return True
    if _is_footer(lines, index) or _is_nav_link(lines, index) or _is_wechat_control(text):
        return True
    return _DISCLAIMER.match(text) is not None or _is_site_name(lines, index)


# --- WeChat -----------------------------------------------------------------------------------

# The app's own text on a saved article page: dialogs, the like bar, swipe prompts. Certain
# anywhere (no article says `轻点两下取消赞`).
_WECHAT = regex.compile(
    r"轻点两下取消|微信扫一扫|使用完整服务|关注该公众号|向上滑动看下一个|继续滑动看下一个"
    r"|预览时标签不可点|轻触阅读原文|^：，。|^视频\s*小程序|^使用小程序$"
)
_WECHAT_MAX = 60
# Single words that are buttons there (`取消` `允许` under a dialog, `收藏` in the like bar): chrome
# only on a WeChat page and next to other chrome.
_CONTROL_WORDS = frozenset(
    [
        "取消",
        "允许",
        "分享",
        "留言",
        "写留言",
        "收藏",
        "听过",
        "分析",
        "知道了",
        "视频",
        "小程序",
        "赞",
        "在看",
        "确定",
        "复制链接",
        "搜一搜",
        "×",
    ]
)
_SANDWICH_MAX = 12  # the account's name between two controls


def _is_wechat_control(text: str) -> bool:
    return len(text) <= _WECHAT_MAX and _WECHAT.search(text) is not None


def _grow_wechat(lines: Document, chrome: list[bool]) -> None:
    """From the certain chrome outwards: a control word next to chrome, or a short label
    between two chrome lines, is chrome too (runs like `取消 允许 取消 允许`)."""
    text_at = [k for k, x in enumerate(lines) if x.kind is LineKind.TEXT]
    changed = True
    while changed:
        changed = False
        for pos, k in enumerate(text_at):
            if chrome[k]:
                continue
            before = chrome[text_at[pos - 1]] if pos > 0 else False
            after = chrome[text_at[pos + 1]] if pos + 1 < len(text_at) else False
            text = lines[k].text
            word = text in _CONTROL_WORDS and (before or after)
            label = (
                before and after and len(text) <= _SANDWICH_MAX and not _PROSE_PUNCT.search(text)
            )
            if word or label:
                chrome[k] = changed = True


def drop_web_chrome(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Navigation, footers, share and font controls, pager links, recommendation lists, and a
    WeChat page's dialogs, buttons and prompts."""
    rec = Recorder("F206", "web-chrome")
    chrome = [x.kind is LineKind.TEXT and _is_web_chrome(lines, k) for k, x in enumerate(lines)]
    wechat = any(c and _WECHAT.search(lines[k].text) for k, c in enumerate(chrome))
    if wechat:
        _grow_wechat(lines, chrome)
    _mark_recommendations(lines, chrome)
    if wechat:
        _grow_wechat(lines, chrome)
    sink = Sink()
    for line, drop in zip(lines, chrome, strict=True):
        if drop:
            rec.drop(line, sink)
        else:
            sink.keep(line)
    return rec.outcome(sink.lines)


_META_LABEL = regex.compile(r"(发布时间|发布日期|来源|作者|编辑|责任编辑|浏览次数|点击数)\s*[:：]")
_META_START = regex.compile(
    r"^(?:发布时间|发布日期|原文链接|原文地址|本文链接)\s*[:：]"
    # library cataloguing codes of a journal article, and its keywords
    r"|^[\[【]?(?:中图分类号|中图法分类号|文献标识码|文献标志码|文章编号|DOI|关键词|关键字)[\]】]?\s*[:：]?"
    # the web editor's signature under the text: `（责任编辑：李明）`, `编辑｜李明`
    r"|^[（(]\s*(?:责任编辑|编辑|责编|审核|校对|初审|复审|终审|审校)\s*[:：][^，。；;]{1,24}[）)]$"
    r"|^(?:责任编辑|编辑|责编|审核|校对|初审|复审|终审|审校|排版|美编|监制|出品|图片|图源)"
    r"\s*[｜|]\s*[^，。；;]{1,30}$"
)
# In a web page's header only: `2021-05-30 10:48钟泉` (date, time, author) and the print source
# `藏书报 2021年38期`. Numeric dates with - / . only: a `2024年3月5日` line can be the text's own.
_DATELINE = regex.compile(
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[^。，,；;！？!?]{0,24}$"
    # a WeChat post's `原创 作者 公众号 2024-03-12 08:30 发表于天津`
    r"|^(?:原创\s+)?[^。，,；;！？!?]{0,40}\d{4}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)"
    r"\s+\d{1,2}:\d{2}(?:\s*(?:发表于)?\s*\S{1,8})?$"
)
_PRINT_SOURCE = regex.compile(
    r"^\S{2,15}(?:报|刊|杂志|周刊|月刊|旬刊)\s*\d{4}\s*年\s*(?:第\s*)?\d{1,3}\s*期$"
)
HEADER_LINES = 8  # how far down a web page's header (title, dateline, source) reaches


def _is_web_metadata(text: str, index: int, *, issue: bool) -> bool:
    """`issue`: the input prints a contents page, so its header is the magazine's own cover
    (`先锋月刊 2024年第9期` names the issue), not a reposted article's."""
    if _META_START.match(text):
        return True
    if len({m.group(1) for m in _META_LABEL.finditer(text)}) >= 2:
        return True
    if issue or index >= HEADER_LINES:
        return False
    # The first line is the page's title; a print source comes under it.
    return _DATELINE.match(text) is not None or (
        index > 0 and _PRINT_SOURCE.match(text) is not None
    )


def web_metadata(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`发布时间:… 来源:… 作者:…`, `原文链接:…`, cataloguing codes and keywords, and a web
    page's dateline and print source become metadata, not text."""
    rec = Recorder("F207", "web-metadata")
    issue = any(line.has(Tag.FRONT) for line in lines)
    out: list[Line] = []
    for index, line in enumerate(lines):
        metadata = line.kind is LineKind.TEXT and _is_web_metadata(line.text, index, issue=issue)
        # `责任编辑：张三  美术编辑：李四` in an issue's masthead is a field, not a web page's.
        masthead = line.has(Tag.FRONT) and is_masthead_like(line.text)
        if metadata and not masthead and not rec.vetoed(line):
            rec.change(line.first, ChangeKind.MARK, line.text, "")
            line = replace(line, kind=LineKind.META)
        out.append(line)
    return rec.outcome(out)


_COMMA = regex.compile(r"[，,；;]")


def _heading_like(text: str) -> bool:
    return len(text) <= 80 and not ends_sentence(text) and "。" not in text


def repeated_title(lines: Document, _config: NormaliseConfig) -> Outcome:
    """A web page's title repeated as image alt text further down is furniture.

    The short line right after such a repeat is the image's caption and goes with it.
    """
    rec = Recorder("F208", "repeated-title")
    first = next((x for x in lines if x.kind is LineKind.TEXT), None)
    if first is None or not _heading_like(first.text) or any(x.has(Tag.FRONT) for x in lines):
        # An issue (it prints a contents) repeats its name over the masthead: no web page.
        return rec.outcome(lines)
    out: list[Line] = []
    drop_caption = False
    for line in lines:
        if line is not first and line.kind is LineKind.TEXT and line.text == first.text:
            rec.change(line.first, ChangeKind.DROP, line.text, "")
            drop_caption = True
            continue
        caption = len(line.text) <= 60 and not _COMMA.search(line.text)
        if drop_caption and line.kind is LineKind.TEXT and caption:
            rec.change(line.first, ChangeKind.DROP, line.text, "")
            drop_caption = False
            continue
        drop_caption = False
        out.append(line)
    return rec.outcome(out)
