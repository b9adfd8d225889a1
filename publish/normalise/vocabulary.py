"""The issue's own vocabulary: how often two characters stand side by side in its text.

No dictionary is needed to tell that `资|源` or `停|歇` across a break is a word the issue
uses and `采用|源` is not: the pair statistics of the issue itself say so (pointwise mutual
information, which favours pairs that belong together over pairs of merely common
characters). Used to re-join words cut by a page break (J301) and to pair interleaved
columns (J300).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from publish.lines import Document

_HAN_RUN = regex.compile(r"\p{Han}+")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Character-pair statistics of the issue itself (no dictionary needed)."""

    pairs: Counter[str]
    left: Counter[str]  # how often a character starts a pair
    right: Counter[str]  # how often a character ends a pair
    total: int

    def association(self, first: str, second: str) -> float:
        """Pointwise mutual information of a pair, 0 when unseen or not above chance.

        Raw counts favour frequent characters (`为的` is common and means nothing); PMI favours
        pairs that belong together (`资源`, `革命`, `打造`)."""
        seen = self.pairs[first + second]
        if not seen or not self.total:
            return 0.0
        expected = self.left[first] * self.right[second] / self.total
        return max(0.0, math.log(seen / expected)) if expected else 0.0


def vocabulary(lines: Document) -> Vocabulary:
    """The document's pair statistics (the same for the joining and the column rules unless
    one of them changed a line: computed once for both)."""
    return _vocabulary(tuple(line.text for line in lines))


@lru_cache(maxsize=2)
def _vocabulary(texts: tuple[str, ...]) -> Vocabulary:
    pairs: Counter[str] = Counter()
    for text in texts:
        for run in _HAN_RUN.findall(text):
            pairs.update(run[i : i + 2] for i in range(len(run) - 1))
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for pair, n in pairs.items():
        left[pair[0]] += n
        right[pair[1]] += n
    return Vocabulary(pairs, left, right, sum(pairs.values()))
