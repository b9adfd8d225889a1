"""Reprints: the same article in two inputs (a web repost of a magazine article, say).

Each article gets a small sketch: the k smallest hashes of its character 5-grams (Han and
digits only, so punctuation and spacing differences don't count). Two sketches estimate the
Jaccard similarity of the full 5-gram sets; the batch compares sketches across inputs. Sketches
are small tuples of integers, so they travel in the per-input report.
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Sequence

import regex

from publish.build.report import Reprint, Sketch
from publish.model import Issue

SHINGLE = 5
SKETCH_SIZE = 128
THRESHOLD = 0.8
MIN_CHARS = 200  # shorter articles share stock phrases too easily
_INDEXED = 16  # smallest hashes indexed per article
_MIN_SHARED = 4  # of those, how many a candidate pair must share
_KEY_CHARS = regex.compile(r"[\p{Han}0-9]")


def sketch(text: str, size: int = SKETCH_SIZE) -> list[int]:
    chars = "".join(_KEY_CHARS.findall(text))
    shingles = {chars[i : i + SHINGLE] for i in range(len(chars) - SHINGLE + 1)}
    hashes = {zlib.crc32(s.encode("utf-8")) for s in shingles}
    return sorted(heapq.nsmallest(size, hashes))


def similarity(a: Sequence[int], b: Sequence[int], size: int = SKETCH_SIZE) -> float:
    """Bottom-k estimate of the Jaccard similarity of the two 5-gram sets."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(size, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def article_sketches(issue: Issue) -> tuple[Sketch, ...]:
    out = []
    for article in issue.articles:
        text = "".join(b.text for b in article.blocks)
        if len(text) >= MIN_CHARS:
            out.append(Sketch(article.id, article.title, tuple(sketch(text))))
    return tuple(out)


def find_reprints(sketches: dict[str, tuple[Sketch, ...]]) -> list[Reprint]:
    """Article pairs from different inputs whose texts are near-identical.

    Candidates come from an index of each sketch's smallest hashes (near-duplicates share most
    of them), so the cost grows with the number of articles, not with its square.
    """
    index: dict[int, list[tuple[str, int]]] = {}
    for name, articles in sketches.items():
        for n, article in enumerate(articles):
            for h in article.hashes[:_INDEXED]:
                index.setdefault(h, []).append((name, n))
    shared: dict[tuple[tuple[str, int], tuple[str, int]], int] = {}
    for holders in index.values():
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                if a[0] != b[0]:
                    pair = (a, b) if a < b else (b, a)
                    shared[pair] = shared.get(pair, 0) + 1
    found: list[Reprint] = []
    for (a, b), count in sorted(shared.items()):
        if count < _MIN_SHARED:
            continue
        left, right = sketches[a[0]][a[1]], sketches[b[0]][b[1]]
        score = similarity(left.hashes, right.hashes)
        if score >= THRESHOLD:
            found.append(
                Reprint(
                    (a[0], left.article, left.title), (b[0], right.article, right.title), score
                )
            )
    return found
