"""Fuzzy matching of contents titles to body headings.

Keys ignore whitespace and all punctuation, so `他们,在异国` matches `他们，在异国` and
`平安「警」相随` matches `平安“警”相随`. Scores are difflib ratios over those keys.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from publish.chars import fold_loose

THRESHOLD = 0.8


def key(text: str) -> str:
    return fold_loose(text)


def similarity(a: str, b: str) -> float:
    """1.0 for equal keys; otherwise the difflib ratio (0 when either key is empty)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    # Cheap rejection before the quadratic matcher: lengths far apart cannot reach the bar.
    if min(len(a), len(b)) * 2 < THRESHOLD * (len(a) + len(b)):
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
