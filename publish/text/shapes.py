"""Line shapes: what a line looks like it is (heading, byline, source note, list item …).

Shared by the normaliser (which must not join a paragraph onto a heading or a byline) and the
structure stage (which builds articles from these cues). Pure predicates over one string.
"""

from __future__ import annotations

from typing import Final

import regex

from publish.text.chars import NO_LINE_START, bracket_balance, ends_sentence, quote_balance

# `— 12 —`, `- 12 -`, `第12页`: a folio printed in the text (between the halves of a broken
# paragraph, after the contents); with OCR noise around the number: `·76.`, `82·`, `.89.`, `-4+`.
DECORATED_FOLIO: Final = regex.compile(
    r"^(?:[-—–－~～·]+\s*\d{1,3}\s*[-—–－~～·]+|第\s*\d{1,3}\s*页)$"
    r"|^(?:[-—–－~～·.]\s*\d{1,3}\s*[-—–－~～·.+]?|\d{1,3}\s*[-—–－~～·+])$"
)
ENUMERATOR: Final = regex.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十]{1,3}[，,、：:]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩])"
)
_CLAUSE_SPLIT: Final = regex.compile(r"[，,]")
SENTENCE_MARK: Final = regex.compile(r"[。！？!?]")
_LABEL_COLON: Final = regex.compile(r"^[^，,]{2,12}[：:]")
SPEECH_VERB_END: Final = regex.compile(
    r"(?:指出|强调|表示|称|说|认为|写道|提出|要求|讲话|批示|谈到|强调指出|致辞|发言)$"
)

BYLINE: Final = regex.compile(
    r"^(?:(?:文|文图|文/图|图文|文·图)\s*[/／|｜:：]\s*\S"
    r"|(?:本刊|本报)?(?:记者|通讯员|特约记者|评论员|特约评论员|本报评论员|本刊评论员)(?:\s|$)"
    r"|(?:作者|撰稿|撰文|执笔)\s*[:：/／|｜]"
    r"|本报评论员$|特约评论员$|本刊评论员$|评论员$"
    r"|(?:文|文图|图文|文/图|撰文)$)"  # the label alone, its name on the next line
)
BYLINE_LABEL: Final = regex.compile(r"^(?:文|文图|图文|文/图|撰文)$")
SOURCE_NOTE: Final = regex.compile(
    r"^[（(]\s*(?:本文)?(?:来源|摘编自|摘自|选自|转载自|转自|原载|原文刊于|刊于|据)[^）)]*[）)]$"
    r"|^[（(][^（）()]{2,40}\s*供稿\s*[）)]$"
    r"|^(?:本文)?来源于?\s*[:：｜|]\s*\S.{0,60}$"
    r"|^(?:本文)?(?:原文)?(?:刊于|原载于?|摘编自|摘自|选自|转载自|转自)\s*[:：]?\s*[《“\p{Han}].{0,40}$"
    r"|[）)]\s*[（(]\s*来源\s*[:：][^）)]*[）)]$"
)
AUTHOR_NOTE: Final = regex.compile(
    r"^[（(]?\s*(?:本文)?(?:作者系|作者为|作者单位|作者简介|课题组组长|课题组成员|调研组成员"
    r"|调研组组长)"
)


def is_enumerated(text: str) -> bool:
    """Starts with an item number: `一、` `（一）` `1.` `第一，` `①`."""
    return ENUMERATOR.match(text) is not None


def is_byline(text: str) -> bool:
    return len(text) <= 60 and BYLINE.match(text) is not None


def is_source_note(text: str) -> bool:
    return len(text) <= 80 and SOURCE_NOTE.search(text) is not None


def is_author_note(text: str) -> bool:
    return len(text) <= 200 and AUTHOR_NOTE.match(text) is not None


def is_attribution(text: str) -> bool:
    """`——某某在……时指出`: the source line under a quotation, complete without a full stop."""
    return text.startswith("——") and SPEECH_VERB_END.search(text) is not None


def starts_continuation(text: str) -> bool:
    """A line that cannot begin a paragraph: it opens with a closing or pause mark."""
    return bool(text) and text[0] in NO_LINE_START


def looks_like_heading(text: str) -> bool:
    """Short, no sentence punctuation, balanced: a title, subhead, kicker, byline or label.

    Headings may contain commas when they are numbered (`一、以学铸魂强底色，保障……`), start
    with a label (`守正创新：挖掘……，凸显特色`), are very short, or are parallel clauses
    (`筑牢信仰之基,补足精神之钙,把稳思想之舵`).
    """
    t = text.strip()
    if not t or len(t) > 45 or _reads_as_a_sentence(t):
        return False
    clauses = [c for c in _CLAUSE_SPLIT.split(t) if c.strip()]
    if len(clauses) <= 1:
        return True
    return (
        is_enumerated(t)
        or _LABEL_COLON.match(t) is not None
        or len(t) <= 17
        or all(len(c.strip()) <= 8 for c in clauses)
        or _PHRASE_BREAK.search(t) is not None
    )


TITLE_MAX = 32


def could_be_title(text: str) -> bool:
    """Looser than a heading: any short line that does not read as a sentence
    (`三中全会前，这场座谈会释放改革重要信号`). What the contents lists decides."""
    t = text.strip()
    return 2 <= len(t) <= TITLE_MAX and not _reads_as_a_sentence(t)


# Phrases set apart by a space, as headlines print them (`60年，中国医疗队大爱无疆 书写中非友谊
# 动人篇章`): running text has no such spaces once cleaned.
_PHRASE_BREAK: Final = regex.compile(r"\p{Han}{4,}[”’」』）)]?\s[“‘「『（(]?\p{Han}{4,}")


def _reads_as_a_sentence(t: str) -> bool:
    """Sentence punctuation inside or at the end, unbalanced quotes or brackets, a trailing
    pause mark, clauses joined by semicolons (`一是……；二是……`), or an interview question
    after a speaker label (`记者：为什么……？`)."""
    if SENTENCE_MARK.search(t[:-1]) or t[-1] in "。，,、；;":
        return True
    if quote_balance(t) != 0 or bracket_balance(t) != 0:
        return True
    if "；" in t[:-1] or ";" in t[:-1]:
        return True
    return t[-1] in "？?" and _LABEL_COLON.match(t) is not None


_PAIRS: Final = {"”": "“", "’": "‘", "」": "「", "』": "『", "）": "（", ")": "(", "》": "《"}
# A quotation that is the object of one of these is mid-sentence: `注重以“所知”⏎推动……`.
_PREPOSITION: Final = "以从向对把将在由与跟同自往按据让使被"


def _ends_with_closed_quotation(text: str) -> bool:
    """`……对党忠诚“主力军”` ends a heading; `注重以“所知”` does not end anything."""
    if not text or text[-1] not in _PAIRS:
        return False
    opening = text.rfind(_PAIRS[text[-1]])
    if opening <= 0:
        return opening == 0
    return text[opening - 1] not in _PREPOSITION


# `[1] 张三.组织力研究[M].某出版社,2019.`: a bibliography entry (GB/T 7714 type codes).
_REFERENCE: Final = regex.compile(r"\[(?:M|J|N|D|C|R|S|P|G|Z|A|EB/OL|DB/OL|J/OL|M/OL)\]")


def is_reference(text: str) -> bool:
    """A numbered entry of a paper's reference list, never a contents entry."""
    return _REFERENCE.search(text) is not None


# `……出版社,2021.`: a reference entry, or a full stop read as `.`, ends the line's sentence.
_LATIN_STOP: Final = regex.compile(r"[^.]\.$")


def is_closed(text: str) -> bool:
    """The line ends like a finished unit: a sentence end, a complete attribution, a colon or
    semicolon (a list follows), a dash introducing what comes next, or a closed quotation."""
    return (
        ends_sentence(text)
        or _LATIN_STOP.search(text) is not None
        or is_attribution(text)
        or text.endswith(("：", ":", "；", ";", "——", "──", "─"))
        or _ends_with_closed_quotation(text)
    )


# Words that cannot end a phrase: a line ending with one stops mid-sentence.
DANGLING_END: Final = regex.compile(
    r"(?:各种|各类|各项|一系列|一批|一些|这些|那些|上述|以及|及其|为了|通过|关于|由于|如果"
    r"|虽然|但是|而且|并且|因为|所以|进一步|不断|正在|已经|能够|应当|必须)$"
)

# `廉春英，宁河区宁河镇杨泗村党支部书记兼村委会主任……`: a profile bio.
BIO: Final = regex.compile(
    r"^\p{Han}{2,4}[，,]\s*[^，,。]{2,40}?"
    r"(?:书记|主任|主席|院长|局长|校长|经理|委员|队长|所长|部长|处长|站长|会长|理事长|董事长|负责人|馆长)"
)


def is_bio(text: str) -> bool:
    return BIO.match(text) is not None


def first_sentence(text: str) -> str:
    match = SENTENCE_MARK.search(text)
    return text[: match.end()] if match else text
