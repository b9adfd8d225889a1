"""The conversion's data: OpenCC's one-to-many characters, word tables, surname forms.

Generated tables (scripts/script_tables.py) are read once per process; the hand-kept ones
(overrides, surname forms, the segmenter's dictionary) are reviewed entries with reasons.
"""

from __future__ import annotations

from functools import cache

from publish.data import data_lines as _lines


@cache
def genre_words() -> tuple[str, ...]:
    """This genre's terms for the segmenter: `word count tag` (jieba's dictionary format)."""
    return tuple(line.split("#", 1)[0].strip() for line in _lines("script_words"))


@cache
def one_to_many() -> dict[str, tuple[str, ...]]:
    """干 → (幹, 乾, 干, 榦): every simplified character with several traditional forms."""
    table = {}
    for line in _lines("script_one_to_many"):
        key, values, *_mark = line.split("\t")
        table[key] = tuple(values.split(" "))
    return table


@cache
def ambiguous_alone() -> frozenset[str]:
    """Characters whose traditional form, as a word on their own, real text often chooses
    otherwise than OpenCC's default (只: 只 or 隻): marked `*` in the table."""
    return frozenset(
        line.split("\t")[0] for line in _lines("script_one_to_many") if line.endswith("\t*")
    )


@cache
def multiword() -> frozenset[str]:
    """OpenCC phrases that may cover more than one word (一只 → 一隻)."""
    return frozenset(_lines("script_multiword"))


@cache
def lexicon() -> dict[str, str]:
    """卷动 → 捲動: the spelling real traditional text uses where OpenCC's is rare."""
    table = {}
    for line in _lines("script_lexicon"):
        simplified, traditional, *_counts = line.split("\t")
        table[simplified] = traditional
    return table


@cache
def surname_forms() -> dict[str, str]:
    """Surnames whose OpenCC character conversion is wrong for the surname: 于 → 于, 钟 → 鍾."""
    table = {}
    for line in _lines("script_surnames"):
        body = line.split("#", 1)[0].split()
        table[body[0]] = body[1]
    return table


@cache
def surname_words() -> dict[str, tuple[int, str]]:
    """于是 → (count, tag): the segmenter's dictionary words that begin with a surname OpenCC
    would change, so that a name candidate can be told from a common word."""
    table = {}
    for line in _lines("script_surname_words"):
        word, count, tag = line.split("\t")
        table[word] = (int(count), tag)
    return table


@cache
def taiwan_vocabulary() -> dict[str, str]:
    """信息 → 資訊: the Taiwan words s2twp puts for whole simplified words, only where Taiwan
    text does not use the mainland word (so not 社区 → 社群: Taiwan writes both)."""
    table = {}
    for line in _lines("script_twphrases"):
        simplified, taiwan, *_counts = line.split("\t")
        table[simplified] = taiwan
    return table


@cache
def unit_starts() -> frozenset[str]:
    """Every lexicon entry and every proper prefix of a multi-word phrase or lexicon entry
    (一 of 一只): the words a unit may start with, or go on from into the next word."""
    keys = (*multiword(), *lexicon())
    return frozenset(lexicon()) | {key[:n] for key in keys for n in range(1, len(key))}


@cache
def max_word() -> int:
    return max(map(len, (*multiword(), *lexicon())), default=1)
