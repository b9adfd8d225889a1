"""General corrections over the converted text: a character decided by its neighbours."""

from __future__ import annotations

from functools import cache
from typing import Final

import regex

from publish.data import word_list


@cache
def _hair_words() -> regex.Pattern[str]:
    """Every word about hair, longest first, as one pattern (overlaps found too)."""
    words = sorted(word_list("hair_words"), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words))


def hair_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _hair_words().finditer(text, overlapped=True)]


def _fix_hair(text: str) -> str:
    """髮 (hair) only inside words about hair; elsewhere the conversion meant 發."""
    if "髮" not in text:
        return text
    keep = hair_spans(text)
    return "".join(
        "發" if ch == "髮" and not any(a <= i < b for a, b in keep) else ch
        for i, ch in enumerate(text)
    )


# (pattern, replacement, why); patterns see the converted (traditional) text. Every
# replacement has the length of its match: piece boundaries survive the corrections.
CORRECTIONS: Final[tuple[tuple[regex.Pattern[str], str, str], ...]] = (
    (regex.compile("纔"), "才", "纔 is a variant; modern text writes 才"),
    (
        regex.compile(r"彆(?![扭拗嘴])"),
        "別",
        "彆 only in 彆扭/彆拗/彆嘴; OpenCC's phrase 别着 (彆着) catches 别着急 (don't worry)",
    ),
    (regex.compile(r"徵(?=[程途戰伐討])|(?<=[長出遠親南])徵"), "征", "征 marches, 徵 levies"),
    (regex.compile(r"製(?=[度約止衡裁])|(?<=[體機法])製"), "制", "制度/制約/體制, not manufacture"),
    (regex.compile(r"乾(?=[部勁線活群羣])|(?<=[實苦能骨主軀促])乾"), "幹", "幹部/實幹, not dry"),
    (regex.compile(r"(?<=[分時鬧警])鍾"), "鐘", "a clock or minute (鐘), not the surname 鍾"),
    (
        regex.compile(r"(?<=[指闡說表證標申聲講查點])明瞭(?![然若望解])"),
        "明了",
        "verb + 了 (particle), not 明瞭 (clear)",
    ),
    (regex.compile(r"[裏裡](?=\d|[（(]|小區|社區|號)"), "里", "里 in a lane or estate name"),
    (
        regex.compile(r"(?<=[〇一二三四五六七八九十百千萬兩幾數])[裏裡](?![面頭邊])"),
        "里",
        "a numeral's 里 is the unit li (七里海, 十里八鄉), whatever word the segmenter saw",
    ),
    (regex.compile(r"(?<=作者|筆者)系(?=\p{Han})"), "係", "作者系…: the copula 係 (is), not 系"),
    (
        regex.compile(r"(?<=[，,；;])系(?=\p{Han})(?![統列數主])"),
        "係",
        "，系天津口岸首次截獲: a clause opening with 系 is the copula 係 (not 系統, 系主任)",
    ),
    (
        regex.compile(r"衝(?=[還抵銷帳賬減])"),
        "沖",
        "沖還貸, 沖抵, 沖銷: to offset an account is 沖; 衝 is to charge",
    ),
    (
        regex.compile(
            r"(?<![\d一二兩三四五六七八九十百千萬幾每這那數半單成整])隻(?=有|是|要|能|會)"
        ),
        "只",
        "只有/只是/只要/只能/只會: the adverb, glued to a word before it (雞只有, 最多只會)",
    ),
)


def correct(text: str) -> str:
    text = _fix_hair(text)
    for pattern, replacement, _why in CORRECTIONS:
        text = pattern.sub(replacement, text)
    return text
