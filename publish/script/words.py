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
    if not found or opencc("s2t", word) != by_characters(word):
        return None
    return "".join(parts)


def _tiled_spelling(word: str) -> str | None:
    """A dictionary word spelled from its parts, when every way of cutting it into the fewest
    parts spells it the same and otherwise than OpenCC does. Parts are its own sub-words
    (jieba's search mode) and single characters; a part is spelled by the lexicon or by OpenCC.

    香港回归 = 香港 + 回归 (香港回歸, the lexicon's 回歸); 重大斗争 = 重大 + 斗争 (OpenCC matches
    大斗 across the two and writes 斗); 娘家人 = 娘家 + 人 or 娘 + 家人, both 娘家人. But 大面积 =
    大面 + 积 (大麵積) or 大 + 面积 (大面積): no agreement, so OpenCC decides. A word that is
    itself one of OpenCC's phrase entries is OpenCC's, and so is a word OpenCC converts
    character by character (夸夸其谈 → 誇誇其談: no phrase to mend, and a lexicon part, 夸夸,
    is no better evidence than OpenCC's table)."""
    if word in multiword() or opencc("s2t", word) == by_characters(word):
        return None
    pieces = frozenset(segmenter().cut_for_search(word, False)) - {word}
    spellings = _fewest_parts(word, pieces)
    if len(spellings) != 1:
        return None
    (spelling,) = spellings
    return None if spelling == opencc("s2t", word) else spelling


def _fewest_parts(word: str, pieces: frozenset[str]) -> set[str]:
    """The spellings of every cut of `word` into the fewest parts (sub-words or characters)."""
    table = lexicon()
    # best[i]: (fewest parts for word[:i], the spellings of the cuts with that many)
    best: list[tuple[int, set[str]]] = [(0, {""})] + [(len(word) + 1, set())] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            part = word[start:end]
            if end - start > 1 and part not in pieces:
                continue
            count = best[start][0] + 1
            if count > best[end][0]:
                continue
            spelled = table.get(part) or opencc("s2t", part)
            made = {head + spelled for head in best[start][1]}
            best[end] = (count, made if count < best[end][0] else best[end][1] | made)
    return best[len(word)][1]


def by_characters(text: str) -> str:
    """The text converted character by character (no phrase entry: OpenCC's default forms)."""
    return "".join(map(_default, text))


@cache
def _default(ch: str) -> str:
    return opencc("s2t", ch)
