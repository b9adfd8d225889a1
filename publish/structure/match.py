"""Fuzzy matching of contents titles to body headings.

Keys ignore whitespace and all punctuation, so `他们,在异国` matches `他们，在异国` and
`平安「警」相随` matches `平安“警”相随`. Scores are normalised indel similarities over those
keys (rapidfuzz's `ratio`, the same measure as difflib's ratio, computed in C).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from publish.text.chars import fold_loose

THRESHOLD = 0.8
Run = tuple[int, int]  # first and last body line index of a candidate title


def key(text: str) -> str:
    return fold_loose(text)


def similarity(a: str, b: str) -> float:
    """1.0 for equal keys; otherwise the indel similarity (0 when either key is empty)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    # Cheap rejection: lengths far apart cannot reach the bar.
    if min(len(a), len(b)) * 2 < THRESHOLD * (len(a) + len(b)):
        return 0.0
    return float(fuzz.ratio(a, b)) / 100.0


class TitleIndex:
    """The body's candidate titles, for asking how well a contents text matches one.

    `printed_over` tells column names printed as kickers: the body prints the short line
    right over the title of the entry that follows it in the contents (which lists the
    column as a section, not as an entry of its own).
    """

    def __init__(
        self,
        titles: Iterable[tuple[str, Run]],
        stacked: Iterable[tuple[str, str]] = (),
        credits: Iterable[str] = (),
    ) -> None:
        self._credits = "\n".join(key(c) for c in credits)
        self._runs: dict[str, list[Run]] = {}
        for text, run in titles:
            k = key(text)
            if len(k) >= 2:
                self._runs.setdefault(k, []).append(run)
        self._keys = sorted(self._runs)
        self._below: dict[str, list[str]] = {}
        for upper, lower in stacked:
            self._below.setdefault(key(upper), []).append(key(lower))
        self._cache: dict[str, tuple[float, str]] = {}

    def _best(self, text: str) -> tuple[float, str]:
        k = key(text)
        if not k:
            return 0.0, ""
        if k in self._runs:
            return 1.0, k
        cached = self._cache.get(k)
        if cached is None:
            found = process.extractOne(k, self._keys, scorer=fuzz.ratio, score_cutoff=60)
            cached = (float(found[1]) / 100.0, found[0]) if found else (0.0, "")
            self._cache[k] = cached
        return cached

    def score(self, text: str) -> float:
        return self._best(text)[0]

    def runs(self, text: str) -> tuple[Run, ...]:
        """Where the body prints the title that `text` matches best (when it matches)."""
        score, found = self._best(text)
        return tuple(self._runs[found]) if score >= THRESHOLD else ()

    def credits(self, name: str) -> bool:
        """The body prints this author (every name of it) in a byline, note or credit."""
        keys = [key(token) for token in name.split()]
        return bool(keys) and all(len(k) >= 2 and k in self._credits for k in keys)

    def printed_over(self, upper: str, lower: str) -> bool:
        """The body prints `upper` on the line right above a title that begins like `lower`."""
        below = self._below.get(key(upper))
        lower_key = key(lower)
        if not below or len(lower_key) < 2:
            return False
        return any(
            b.startswith(lower_key[:8])
            or lower_key.startswith(b[:8])
            or similarity(b, lower_key) >= THRESHOLD
            for b in below
        )


__all__ = ["THRESHOLD", "Run", "TitleIndex", "key", "similarity"]
