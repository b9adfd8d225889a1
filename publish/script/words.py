"""Word-aware conversion: the text cut into words, so that no OpenCC phrase spans two words.

OpenCC matches the longest phrase entry from each position, whatever the words are: 不断|发挥
meets the entry 断发 (cut hair), 指明|了 meets 明了 (clear). Here the simplified text is cut into
words by jieba's algorithm and dictionary (rjieba, the binding of jieba-rs: native speed, its
dictionary built into the library, so no cache file and a load of about 0.1 s; this genre's
terms added from data/script_words.txt), and a separator that no entry
contains is put between words, so OpenCC converts word by word. Two kinds of unit may cover
more than one word: OpenCC phrases that jieba splits but that are whole words on both edges
(一只 → 一隻, data/script_multiword.txt), and spellings from real traditional text
(data/script_lexicon.txt), which also decide a word OpenCC would convert character by
character with the wrong one of several candidates (卷动 → 捲動, not 卷動).
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Final, NamedTuple

from publish.script.engine import opencc, segmenter
from publish.script.tables import lexicon, max_word, multiword, one_to_many, unit_starts

SEPARATOR: Final = "\U0010fffd"  # Private Use Plane 16: in no OpenCC entry, kept as is
_MAX_WORDS: Final = 4  # a unit covers at most this many of jieba's words


class Unit(NamedTuple):
    """One unit of conversion: simplified text and, when a table decided it, its spelling.

    A named tuple, not a dataclass: there is one per word (40,000 in a large issue), and a
    tuple is several times cheaper to make."""

    text: str
    spelling: str | None = None  # in OpenCC's standard traditional forms


def cut(text: str) -> list[str]:
    """jieba's words (with new-word discovery), this genre's terms included."""
    return list(_cut(text))


@lru_cache(maxsize=4096)  # names and units cut the same paragraph: cut it once
def _cut(text: str) -> tuple[str, ...]:
    return tuple(segmenter().cut(text, True))


def units(text: str) -> list[Unit]:
    """The text as units of conversion, in order; their texts concatenate to `text`."""
    pieces, spelled = plan(text)
    return [Unit(piece, spelled.get(k)) for k, piece in enumerate(pieces)]


def plan(text: str) -> tuple[list[str], dict[int, str]]:
    """The units' texts, and the spellings of those a table decided by their index.

    The same as `units`, in the shape the converter wants: one string per word and a small
    dict, not an object per word (a large issue has 40,000 words). Only the words that begin
    some entry, or are long enough to hold one, are looked at; the others are units as cut."""
    words = cut(text)
    table, phrases, starts = lexicon(), multiword(), unit_starts()
    todo = [k for k, word in enumerate(words) if len(word) > 2 or word in starts]
    pieces: list[str] = []
    spelled: dict[int, str] = {}
    i = 0
    for k in todo:
        if k < i:  # inside a unit already made
            continue
        pieces += words[i:k]
        size, spelling = 1, table.get(words[k])
        joined = words[k]
        j, last = k + 1, min(len(words), k + _MAX_WORDS)
        while j < last and joined in starts:  # while the words so far begin some entry
            joined += words[j]
            if joined in table:
                size, spelling = j - k + 1, table[joined]
            elif joined in phrases:
                size, spelling = j - k + 1, None
            j += 1
        word = "".join(words[k : k + size])
        if spelling is None:
            spelling = _inner_spelling(word)
        if spelling is not None:
            spelled[len(pieces)] = spelling
        pieces.append(word)
        i = k + size
    pieces += words[i:]
    return pieces, spelled


@lru_cache(maxsize=8192)  # words repeat: the same answer
def _inner_spelling(word: str) -> str | None:
    """A word the segmenter made up (not in its dictionary), spelled from the lexicon's words
    inside it: 公布会 is no entry, 公布 is one of the lexicon's, so 公布 + 會. Only when OpenCC
    would convert the word character by character, so that no OpenCC phrase is overruled; and
    never a dictionary word, whose parts are not words (大面积 is not 大面 + 积).
    """
    table = lexicon()
    if len(word) < 3 or not any(ch in one_to_many() for ch in word):
        return None
    if segmenter().has_word(word):  # a dictionary word: made of words only if jieba says so
        return _tiled_spelling(word)
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
    if not found or opencc("s2t", word) != "".join(_default(ch) for ch in word):
        return None
    return "".join(parts)


def _tiled_spelling(word: str) -> str | None:
    """A dictionary word that its own sub-words tile (香港回归 = 香港 + 回归, by jieba's search
    mode), spelled part by part, when a part is a lexicon entry and no OpenCC phrase reaches
    across a part's edge (OpenCC converts the word as it converts its parts). 大面积 has the
    sub-words 大面 and 面积, which overlap: no tiling, so the word is not 大面 + 积."""
    parts = _tiling(word, frozenset(segmenter().cut_for_search(word, False)) - {word})
    table = lexicon()
    if parts is None or not any(part in table for part in parts):
        return None
    if opencc("s2t", word) != "".join(opencc("s2t", part) for part in parts):
        return None
    return "".join(table.get(part) or opencc("s2t", part) for part in parts)


def _tiling(word: str, pieces: frozenset[str]) -> list[str] | None:
    """The word as consecutive pieces of two characters or more, longest first; or None."""
    if not word:
        return []
    for size in range(len(word), 1, -1):
        if word[:size] in pieces and (rest := _tiling(word[size:], pieces)) is not None:
            return [word[:size], *rest]
    return None


@cache
def _default(ch: str) -> str:
    return opencc("s2t", ch)
