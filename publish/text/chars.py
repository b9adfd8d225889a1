"""Character classes and small text predicates shared by the normaliser and the structure stage.

All patterns use the `regex` module for Unicode script properties (`\\p{Han}`); the stdlib `re`
has none, and hand-written ranges miss the extension blocks.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Final

import regex

HAN: Final = r"\p{Han}"
# The year of an issue line, in digits or written out (`2024`, `二〇二四`).
ISSUE_YEAR: Final = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
# Full-width CJK punctuation that appears in running Chinese text.
CJK_OPEN: Final = "（《〈【「『“‘〔［｛"
CJK_CLOSE: Final = "）》〉】」』”’〕］｝"
CJK_PUNCT: Final = "，。、；：？！…—·～｜" + CJK_OPEN + CJK_CLOSE
SENTENCE_END: Final = "。！？!?…"
# Characters after which a paragraph may legitimately end.
PARAGRAPH_END: Final = SENTENCE_END + "”’」』）)》"
# Characters that never start a line of running text (closing marks, pause marks).
NO_LINE_START: Final = "，。、；：？！）》〉】」』”’,;:?!)…"

HAN_RE: Final = regex.compile(HAN)
HAN_RUN_RE: Final = regex.compile(r"\p{Han}+")
CJK_CHAR_CLASS: Final = rf"[\p{{Han}}{regex.escape(CJK_PUNCT)}]"
CJK_CHAR_RE: Final = regex.compile(CJK_CHAR_CLASS)
URL_RE: Final = regex.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+")
EMAIL_RE: Final = regex.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Emoji and pictographs: no book font covers them.
EMOJI_RE: Final = regex.compile(r"\p{Extended_Pictographic}")


# Share of Han characters that are traditional forms above which a source is traditional:
# a simplified issue has a few (names such as 乾 or 昇), a traditional one a third or more;
# and at least this many, so one slip in a short text is still a slip.
TRADITIONAL_SHARE: Final = 0.05
TRADITIONAL_MIN: Final = 8


def is_traditional(han: int, traditional: int) -> bool:
    """Whether `traditional` traditional forms among `han` Han characters make a Hant text."""
    return traditional >= TRADITIONAL_MIN and traditional / max(han, 1) >= TRADITIONAL_SHARE


_HAN_RUN = regex.compile(r"\p{Han}")


def traditional_text(pairs: Iterable[tuple[str, str]]) -> bool:
    """Whether texts are printed in traditional characters, given (text, its t2s conversion)
    pairs; a pair whose length changed cannot be aligned and is left out."""
    han = changed = 0
    for text, simplified in pairs:
        if len(simplified) == len(text):
            han += len(_HAN_RUN.findall(text))
            changed += sum(map(operator.ne, text, simplified))  # t2s changes Han only
    return is_traditional(han, changed)


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.fullmatch(ch) is not None


def is_cjk(ch: str) -> bool:
    """Han character or full-width CJK punctuation."""
    return bool(ch) and (ch in CJK_PUNCT or HAN_RE.fullmatch(ch) is not None)


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def han_only(text: str) -> str:
    """The Han characters of `text`, in order (used to compare texts across punctuation fixes)."""
    return "".join(HAN_RE.findall(text))


# Marks of running text: a line with one is prose, not a label, a name or furniture.
PROSE_PUNCT = regex.compile(r"[。，,；;！？!?]")
CLOSERS: Final = "”’」』）)》"  # marks that may close a sentence after its full stop


def ends_sentence(text: str) -> bool:
    """True when the text ends like a finished paragraph: 。！？… possibly inside closing marks.

    `……“所知”` does not: a quotation that closes without a full stop is mid-sentence.
    """
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def quote_balance(text: str) -> int:
    """Opened minus closed double quotes (“ ”); > 0 means a quotation is still open."""
    return text.count("“") - text.count("”")


def open_quotations(text: str) -> int:
    """Like quote_balance, counting corner brackets too (「」『』 become “” only later)."""
    return sum(text.count(c) for c in "“「『") - sum(text.count(c) for c in "”」』")


def bracket_balance(text: str) -> int:
    """Opened minus closed round/book brackets of either width."""
    opens = sum(text.count(c) for c in "（(《")
    closes = sum(text.count(c) for c in "）)》")
    return opens - closes


_FOLD = str.maketrans(
    {
        "，": ",",
        "：": ":",
        "；": ";",
        "？": "?",
        "！": "!",
        "（": "(",
        "）": ")",
        "「": "“",
        "」": "”",
        "『": "“",
        "』": "”",
        "‘": "“",
        "’": "”",
        "〈": "《",
        "〉": "》",
        "—": "-",
        "─": "-",
        "·": "·",
    }
)
_SPACE_RE: Final = regex.compile(r"\s+")
_PUNCT_RE: Final = regex.compile(r"[\p{P}\p{S}]")


def fold(text: str) -> str:
    """Comparison key: no whitespace, punctuation width and quote style folded."""
    return _SPACE_RE.sub("", text).translate(_FOLD)


def fold_loose(text: str) -> str:
    """Comparison key ignoring all punctuation and symbols as well as whitespace."""
    return _PUNCT_RE.sub("", _SPACE_RE.sub("", text))
