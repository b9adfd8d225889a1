"""s2twp's Taiwan vocabulary, put in for whole words (信息网络 → 資訊網路), not for substrings.

OpenCC's s2twp replaces every match of its Taiwan phrase table (TWPhrases), inside words and
across them, and for words Taiwan writes too (社区 → 社群, 文件 → 檔案, 程序 → 程式). Here the
table is the part of TWPhrases whose mainland word Taiwan text does not use
(data/script_twphrases.txt, scripts/script_tables.py), and it applies to the segmenter's words.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from publish.script.engine import opencc, segmenter
from publish.script.tables import taiwan_vocabulary


@lru_cache(maxsize=8192)
def taiwan_words(word: str) -> str | None:
    """The word in Taiwan vocabulary, or None (then OpenCC's s2tw converts it).

    The whole word an entry (软件 → 軟體), or made of entries and of what the segmenter's
    dictionary calls words or a single character at an edge (信息网络 → 資訊網路, 信息化 → 資訊化,
    社区信息 → 社區資訊). Never where two entries overlap in the word (短信息: 短信 or 信息?),
    and never an entry that is only part of a word (信号 is no 信 + 号)."""
    vocabulary = taiwan_vocabulary()
    if word in vocabulary:
        return vocabulary[word]
    spans: list[tuple[int, int]] = []
    for i in range(len(word)):  # the longest entry at each place, not inside the one before
        end = max(
            (i + n for n in range(2, len(word) - i + 1) if word[i : i + n] in vocabulary), default=0
        )
        if end and not (spans and end <= spans[-1][1]):
            spans.append((i, end))
    if not spans or any(a[1] > b[0] for a, b in pairwise(spans)):
        return None  # no entry, or two that overlap
    parts: list[str] = []
    at = 0
    for start, end in [*spans, (len(word), len(word))]:
        if start > at:
            rest = word[at:start]
            alone = len(rest) == 1 and (at == 0 or start == len(word))
            if not alone and not segmenter().has_word(rest):
                return None
            parts.append(opencc("s2t", rest))
        if end > start:
            parts.append(vocabulary[word[start:end]])
        at = end
    return "".join(parts)
