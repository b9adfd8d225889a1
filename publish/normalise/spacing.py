"""Spacing: stray spaces around punctuation, between Han and digits/Latin, inside names.

Spaces are meaningful in places: between the phrases of a title (`学习讲深度 调研出成果`),
between a contents title and its page number, between two names. The rules below only remove
spaces whose both sides say "this is running text".
"""

from __future__ import annotations

import regex

from publish.lines import Line, LineKind, Tag
from publish.normalise.document import NormaliseConfig, regex_rule, substitute
from publish.normalise.document import text_rule as _text_rule
from publish.text.shapes import looks_like_heading

# Spaces before sentence/pause marks and closing brackets, and after opening brackets and
# sentence/pause marks. Spaces after a closing quote are left: in titles they separate phrases.
_SPACE_AROUND_PUNCT = regex.compile(
    r"(?<=\S)[ \t\u3000]+(?=[，。、；：？！）》」』”’])"
    r"|(?<=[，。、；：？！（《「『“‘])[ \t\u3000]+(?=\S)"
)

space_around_punct = regex_rule(
    "S501", "space-around-punctuation", _SPACE_AROUND_PUNCT.pattern, lambda m: ""
)

_CJK_SIDE = r"[\p{Han}，。、；：？！“”‘’（）《》]"
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9.%+\-/~～·]*"
# A Latin/digit token with a space on both sides inside Chinese text: always typesetting.
_BOTH_SIDES = regex.compile(rf"(?<={_CJK_SIDE})[ \t]+({_TOKEN})[ \t]+(?={_CJK_SIDE})")
_LEFT = regex.compile(rf"(?<={_CJK_SIDE})[ \t]+(?=[A-Za-z0-9])")
_RIGHT = regex.compile(rf"(?<=[A-Za-z0-9%])[ \t]+(?={_CJK_SIDE})")
# `机关党建 + 乡村振兴`: an operator between Chinese words takes no spaces (not `/`, which
# bylines set with spaces: `文 / 本刊记者`).
_OPERATOR = regex.compile(r"(?<=[\p{Han}”])[ \t]+([+＋×=])[ \t]+(?=[\p{Han}“])")
# In headings a one-sided space may separate phrases (`不畏艰苦 3万……`); a number followed by
# its unit (`1022 万人`, `2024 年`) is still one word.
_NUMBER_UNIT = regex.compile(r"(?<=\d)[ \t]+(?=[年月日号时万亿千百个名人家次元项件条所倍%])")


def _running_text(line: Line) -> bool:
    return line.kind is LineKind.TEXT and not line.has(Tag.FRONT)


def han_latin_spacing(text: str, config: NormaliseConfig) -> tuple[str, list[tuple[str, str]]]:
    """Spaces between Han text and digits/Latin: removed (or, by config, kept as one space)."""
    if config.spacing == "keep":
        return substitute(text, regex.compile(r"(?<=\S) {2,}(?=\S)"), lambda m: " ")
    text, edits = substitute(text, _BOTH_SIDES, lambda m: m.group(1))
    text, more = substitute(text, _OPERATOR, lambda m: m.group(1))
    edits += more
    if looks_like_heading(text):
        text, more = substitute(text, _NUMBER_UNIT, lambda m: "")
        return text, edits + more
    text, left = substitute(text, _LEFT, lambda m: "")
    text, right = substitute(text, _RIGHT, lambda m: "")
    return text, edits + left + right


space_han_latin = _text_rule("S502", "space-han-latin", han_latin_spacing, applies=_running_text)

# A run of single Han characters separated by single spaces, bounded by non-Han: a name or a
# label letter-spaced to a fixed width (`李 霞`, `副 总 编`, `陈 嘉 曹 剑`).
_LETTER_SPACED = regex.compile(r"(?<![\p{Han}])\p{Han}(?: \p{Han}){1,3}(?![\p{Han}])")
_PROSE = regex.compile(r"[。，,；;！？!?]")


def _unspace(m: regex.Match[str]) -> str | None:
    chars = m.group(0).split(" ")
    if len(chars) == 4:  # two two-character names set to the width of three
        return chars[0] + chars[1] + " " + chars[2] + chars[3]
    return "".join(chars)


def _short_label_line(line: Line) -> bool:
    return line.kind is LineKind.TEXT and len(line.text) <= 40 and not _PROSE.search(line.text)


letter_spacing = regex_rule(
    "S503", "letter-spaced-name", _LETTER_SPACED.pattern, _unspace, applies=_short_label_line
)

list_number_space = regex_rule(
    "S504",
    "list-number-space",
    r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
    r"\K[ \t]+(?=\S)",
    lambda m: "",
)

# Not in the front matter: two spaces there may part two columns of the contents.
collapse_spaces = regex_rule(
    "S505",
    "collapse-spaces",
    r"(?<=\S)[ \t\u3000]{2,}(?=\S)",
    lambda m: " ",
    applies=_running_text,
)

stray_and = regex_rule(
    "T601", "stray-english-and", r"(?<=\p{Han})\s+and\s+(?=\p{Han})", lambda m: "和"
)


# Spaces around “ ” ‘ ’ —— …… between Chinese words: web editors' and OCR typesetting. Spaces
# after a closing quote separate the phrases of a title, so headings keep theirs.
_QUOTE_DASH_SPACE = regex.compile(
    r"(?<=[\p{Han}，。、；：？！）》])[ \t\u3000]+(?=[“‘]|——|……)"
    r"|(?<=[”’]|——|……)[ \t\u3000]+(?=[\p{Han}“‘（《])"
    r"|(?<=\p{Han})[ \t\u3000]+(?=——|……)"
)


def _quote_dash_spacing(text: str, config: NormaliseConfig) -> tuple[str, list[tuple[str, str]]]:
    if config.spacing == "keep" or looks_like_heading(text):
        return text, []
    return substitute(text, _QUOTE_DASH_SPACE, lambda m: "")


space_around_quotes = _text_rule(
    "S506", "space-around-quotes", _quote_dash_spacing, applies=_running_text
)
