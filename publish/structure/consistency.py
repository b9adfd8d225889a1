"""Flag-only checks across the whole issue: one name or term spelled two ways.

OCR confuses look-alike characters (郜/邵), and typesetters slip (江心彼心/江心彼此). Two
spellings that differ in a single character are reported; which one is right is for an editor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import regex

from publish.model import Diagnostic, Issue, Level
from publish.text.names import is_person_name

_QUOTED = regex.compile(r"“(\p{Han}{4,8})”(\p{Han}{0,3})")
_BYLINE_PREFIX = regex.compile(r"^(?:文\s*[/／]\s*)?(?:本刊记者|记者|本报记者)?\s*")


def _one_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _people(issue: Issue) -> Counter[str]:
    """Personal names printed as authors: bylines, contents authors, masthead staff."""
    sources: list[str] = []
    sources.extend(a.byline for a in issue.articles if a.byline)
    sources.extend(c.author for c in issue.contents if c.author)
    sources.extend(f.value for f in issue.meta.masthead)
    names: Counter[str] = Counter()
    for text in sources:
        for token in _BYLINE_PREFIX.sub("", text).split():
            if is_person_name(token):
                names[token] += 1
    return names


@dataclass
class _Terms:
    counts: Counter[str]
    followers: dict[str, set[str]]  # the characters printed right after the closing quote
    paragraphs: dict[str, set[int]]  # where each term occurs


def _quoted_terms(issue: Issue) -> _Terms:
    texts: Iterable[str] = (
        text
        for article in issue.articles
        for text in (article.title, *(b.text for b in article.blocks))
    )
    terms = _Terms(Counter(), defaultdict(set), defaultdict(set))
    for n, text in enumerate(texts):
        for m in _QUOTED.finditer(text):
            terms.counts[m.group(1)] += 1
            terms.followers[m.group(1)].add(m.group(2))
            terms.paragraphs[m.group(1)].add(n)
    return terms


def _same_use(terms: _Terms, a: str, b: str) -> bool:
    """Variants of one term are used the same way (`“江心彼心”议事会`/`“江心彼此”议事会`) and
    never side by side (a series like `“朝霞计划”“夕霞计划”` is deliberate)."""
    shared = {f for f in terms.followers[a] & terms.followers[b] if f}
    return bool(shared) and not terms.paragraphs[a] & terms.paragraphs[b]


def _surname_variant(a: str, b: str) -> bool:
    """`郜敏`/`邵敏`: the same given name under two look-alike surnames."""
    return a[1:] == b[1:] and a[0] != b[0]


def _pairs(counts: Counter[str]) -> list[tuple[str, str]]:
    by_length: dict[int, list[str]] = {}
    for word in counts:
        by_length.setdefault(len(word), []).append(word)
    return [
        (a, b)
        for words in by_length.values()
        for a, b in combinations(sorted(words), 2)
        if _one_apart(a, b)
    ]


def spelling_diagnostics(issue: Issue) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    people = _people(issue)
    for a, b in _pairs(people):
        if not _surname_variant(a, b) or min(people[a], people[b]) > 1:
            continue
        found.append(
            Diagnostic(
                "S401",
                Level.WARNING,
                None,
                f"one person, two spellings? “{a}” ({people[a]}×) and “{b}” ({people[b]}×)",
            )
        )
    terms = _quoted_terms(issue)
    for a, b in _pairs(terms.counts):
        if not _same_use(terms, a, b):
            continue
        counts = terms.counts
        found.append(
            Diagnostic(
                "S402",
                Level.WARNING,
                None,
                f"one term, two spellings? “{a}” ({counts[a]}×) and “{b}” ({counts[b]}×)",
            )
        )
    return found
