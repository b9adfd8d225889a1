"""The two engines, loaded once per process: OpenCC converters and the word segmenter.

Both are loaded on first use only (a simplified-only build never pays for them), and every
module of the package shares them: an OpenCC configuration costs 20-30 ms to load, the
segmenter's dictionary about 0.1 s.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from publish.script.tables import genre_words


@cache
def converter(config: str) -> Any:
    """OpenCC with one of its configurations (s2t, t2s, s2twp, t2tw …)."""
    import opencc  # noqa: PLC0415 - only script conversion needs it

    return opencc.OpenCC(config)


def opencc(config: str, text: str) -> str:
    return str(converter(config).convert(text))


@cache
def segmenter() -> Any:
    """rjieba's segmenter (jieba's algorithm and dictionary), this genre's terms added.

    The module's default instance, not a new `rjieba.Jieba()`: importing rjieba has already
    built it from the dictionary, and a second one would load it again. The terms added are
    words of this genre only, so other users of that instance in the process lose nothing.
    """
    import rjieba  # noqa: PLC0415 - only traditional editions need the segmenter

    for line in genre_words():
        word, count, tag = line.split()
        rjieba.add_word(word, int(count), tag)
    return rjieba
