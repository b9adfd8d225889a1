"""Word-aware conversion: the text cut into words, so that no OpenCC phrase spans two words.

OpenCC matches the longest phrase entry from each position, whatever the words are: 不断|发挥
meets the entry 断发 (cut hair), 指明|了 meets 明了 (clear). Here the simplified text is cut into
words by jieba (with this genre's terms, data/script_words.txt), and a separator that no entry
contains is put between words, so OpenCC converts word by word. Two kinds of unit may cover
more than one word: OpenCC phrases that jieba splits but that are whole words on both edges
(一只 → 一隻, data/script_multiword.txt), and spellings from real traditional text
(data/script_lexicon.txt), which also decide a word OpenCC would convert character by
character with the wrong one of several candidates (卷动 → 捲動, not 卷動).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final

from publish.script.tables import genre_words, lexicon, max_word, multiword, one_to_many

SEPARATOR: Final = "\U0010fffd"  # Private Use Plane 16: in no OpenCC entry, kept as is
_MAX_WORDS: Final = 4  # a unit covers at most this many of jieba's words


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of conversion: simplified text and, when a table decided it, its spelling."""

    text: str
    spelling: str | None = None  # in OpenCC's standard traditional forms


@cache
def _tokenizer() -> Any:
    import jieba  # noqa: PLC0415 - only traditional editions need the segmenter

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG to stderr
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for line in genre_words():
        word, count, tag = line.split()
        tokenizer.add_word(word, int(count), tag)
    return tokenizer


def cut(text: str) -> list[str]:
    """jieba's words (with new-word discovery), this genre's terms included."""
    return list(_cut(text))


@lru_cache(maxsize=4096)  # names and units cut the same paragraph: cut it once
def _cut(text: str) -> tuple[str, ...]:
    return tuple(_tokenizer().cut(text, HMM=True))


def word_count(word: str) -> int:
    """The word's count in the segmenter's dictionary; 0 for a word jieba invented (a name)."""
    return int(_tokenizer().FREQ.get(word) or 0)


def units(text: str) -> list[Unit]:
    """The text as units of conversion, in order; their texts concatenate to `text`."""
    words = cut(text)
    table, phrases, longest = lexicon(), multiword(), max_word()
    out: list[Unit] = []
    i = 0
    while i < len(words):
        size, spelling = 1, table.get(words[i])
        joined = words[i]
        for j in range(i + 1, min(len(words), i + _MAX_WORDS)):
            joined += words[j]
            if len(joined) > longest:
                break
            if joined in table:
                size, spelling = j - i + 1, table[joined]
            elif joined in phrases:
                size, spelling = j - i + 1, None
        word = "".join(words[i : i + size])
        out.append(Unit(word, spelling if spelling is not None else _inner_spelling(word)))
        i += size
    return out


def _inner_spelling(word: str) -> str | None:
    """A long word OpenCC has no phrase for, spelled from the lexicon's words inside it.

    舍入法 is no entry of either table, but 舍入 is one of the lexicon's: the word is spelled
    捨入 + 法. Only when OpenCC would convert the word character by character, so that no
    OpenCC phrase is overruled.
    """
    table = lexicon()
    if len(word) < 3 or not any(ch in one_to_many() for ch in word):
        return None
    parts: list[str] = []
    found = False
    i = 0
    while i < len(word):
        for size in range(min(len(word) - i, max_word()), 1, -1):
            if (piece := word[i : i + size]) in table:
                parts.append(table[piece])
                found, i = True, i + size
                break
        else:
            parts.append(_default(word[i]))
            i += 1
    if not found or _opencc("s2t", word) != "".join(_default(ch) for ch in word):
        return None
    return "".join(parts)


@cache
def _default(ch: str) -> str:
    return _opencc("s2t", ch)


@cache
def _converter(config: str) -> Any:
    import opencc  # noqa: PLC0415 - only traditional editions need it

    return opencc.OpenCC(config)


def _opencc(config: str, text: str) -> str:
    return str(_converter(config).convert(text))
