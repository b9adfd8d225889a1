"""Cleaning does no harm: properties over the seeds and the layout corpus.

* Clean text is left alone: the cleaner applied to an issue's clean text (the gold of a
  generated issue, one unit per line; the seeds' own cleaned output) changes no line.
* Nothing is lost or reordered: the Han characters of the cleaned lines are the input's, in
  the same order, minus those of the lines and marks the report says were dropped (in every
  single-column generated issue and every seed).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import regex

from corpus.generate import Generated, generate
from publish.build.pipeline import process
from publish.lines import ChangeKind
from publish.normalise import normalise
from publish.render.plaintext import issue_lines
from publish.text.chars import han_only

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
ISSUES = range(0, 60, 3)  # twenty generated issues of every kind
_AND = regex.compile(r"(?<=\p{Han})\s+and\s+(?=\p{Han})")  # T601 writes 和 for it


def gold_text(generated: Generated) -> list[str]:
    """A generated issue as clean text: every title, subtitle, byline, paragraph and note."""
    out: list[str] = []
    for article in generated.gold.articles:
        out.append(article.title)
        if article.subtitle:
            out.append(f"——{article.subtitle}")
        if article.byline:
            out.append(article.byline)
        out.extend(article.paragraphs)
        out.extend(n for n in (article.author_note, article.source_note) if n)
    return out


def cleaned(lines: list[str]) -> list[str]:
    return [line.text for line in normalise("\n\n".join(lines)).lines]


@pytest.mark.parametrize("number", ISSUES)
def test_generated_clean_text_is_left_alone(number: int) -> None:
    lines = gold_text(generate(number))
    assert cleaned(lines) == lines


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_clean_text_is_left_alone(path: Path) -> None:
    lines = list(issue_lines(process(path).issue))
    assert cleaned(lines) == lines


def _kept_in_order(text: str) -> tuple[str, str]:
    """(the input's Han characters minus the reported drops, the output's): the output
    counts what the cleaner keeps beside the text — end marks, and lines turned into
    metadata — since those are kept too."""
    result = normalise(text)
    raw = text.split("\n")
    # A lone end mark (`文`) is dropped as a line but kept on the line before: not lost.
    dropped = {c.line for c in result.changes if c.kind is ChangeKind.DROP and c.rule != "F201"}
    expected = "".join(
        han_only(_AND.sub("和", raw[n - 1])) for n in range(1, len(raw) + 1) if n not in dropped
    )
    got = "".join(han_only(line.text + line.end_mark) for line in result.lines)
    return expected, got


@pytest.mark.parametrize("number", ISSUES)
def test_generated_han_characters_kept_in_order(number: int) -> None:
    generated = generate(number)
    if not generated.gold.single_column:
        pytest.skip("two columns interleaved: putting them back reorders text on purpose")
    expected, got = _kept_in_order(generated.text)
    assert got == expected


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_han_characters_kept_in_order(path: Path) -> None:
    text = path.read_text("utf-8")
    expected, got = _kept_in_order(text)
    if got != expected:
        # The seeds' interleaved columns are put back in order and a deck printed inside a
        # broken paragraph goes after it; every such move is reported: then the same
        # characters, reordered.
        changes = normalise(text).changes
        moves = [c for c in changes if c.rule == "J300" or "moved" in c.after]
        assert moves
        # A character printed on both sides of a column break is kept once (J300 reports it).
        kept_once = Counter(
            han_only(c.before)[0]
            for c in changes
            if c.rule == "J300" and han_only(c.before)[1:] == han_only(c.after)
        )
        assert Counter(expected) - kept_once == Counter(got)
