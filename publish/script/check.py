"""The post-check: conversions that are usually wrong in running text, flagged as T101.

Two kinds. Patterns over the converted text (髮 瞭 纔 乾 範, a clause-initial 於 before a name
or title, 裏 in a place name or a dotted name) catch known-bad shapes. And a class: a
character of OpenCC's one-to-many table that is ambiguous on its own
(data/script_one_to_many.txt marks them), left as a one-character word that no phrase,
lexicon entry, override or name decided, is OpenCC's default guess (只 or 隻, 干 or 幹 …):
flagged wherever it occurs, not per instance.
"""

from __future__ import annotations

from typing import Final

import regex

from publish.model import Code
from publish.script.corrections import hair_spans

SCRIPT_CODES: Final = (
    Code("T101", "A conversion that is usually wrong in running text, or a character left to "
                 "OpenCC's one-character guess (a warning; an error with `--strict-script`).",
         "suspicious-conversion"),
)  # fmt: skip

_SUSPECT: Final = regex.compile(
    r"[髮瞭纔乾範]"
    r"|(?<!\p{Han})於(?=\p{Han})(?!是|今|此|何|斯)"
    r"|於(?=\p{Han}{1,2}(?:先生|女士|同志|老師|書記|主任|烈士))"
    r"|(?<=[鄰故鄉千萬百華英公市海])[裏裡]|[裏裡](?=[弄巷村])"
    r"|(?<=·\p{Han}{1,4})[裏裡]"  # in a dotted name (意風區·東西里): a place's 里
)
_SUSPECT_OK: Final = regex.compile(
    r"瞭解|明瞭|瞭然|瞭望|瞭若指掌|乾(?:乾)?淨|乾燥|乾杯|乾貨|包乾|餅乾|糕乾|乾脆|乾坤|乾旱|乾涸|乾枯|"
    r"[示規模典防垂師失風]範|範[圍疇本例式]"
)


def _kept_from_source(text: str, source: str | None, index: int) -> bool:
    """The character was already printed so (a name like 聶乾震): conversion did not make it."""
    if source is None:
        return False
    if len(source) == len(text):
        return source[index] == text[index]
    return text[index] in source


def context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 4) : end + 4]


def post_check(text: str, source: str | None = None) -> list[str]:
    """Characters conversion produced that are usually wrong in modern running text, in context.

    `source` is the simplified text the conversion started from, if known.
    """
    suspects = list(_SUSPECT.finditer(text))
    if not suspects:  # the common case: skip the allow-lists
        return []
    allowed = {i for m in _SUSPECT_OK.finditer(text) for i in range(*m.span())}
    allowed |= {i for a, b in hair_spans(text) for i in range(a, b)}
    return [
        context(text, m.start(), m.end())
        for m in suspects
        if m.start() not in allowed and not _kept_from_source(text, source, m.start())
    ]
