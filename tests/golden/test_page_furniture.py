"""Robustness: folios and running heads printed at page breaks change nothing.

The seeds carry none (their OCR dropped them), but other issues of the genre do: folios and
the magazine + issue running head are inserted at reproducible random places in the body of
each full issue, and the cleaned text must come out line for line as without them.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from publish.lines import Tag
from publish.normalise import normalise

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FULL_ISSUES = sorted(p for p in SEEDS.glob("*.txt") if p.stat().st_size > 50_000)


def body_lines(text: str) -> list[int]:
    """0-based input line numbers of non-empty lines after the front matter."""
    fenced = [n for line in normalise(text).lines if line.has(Tag.FRONT) for n in line.origin]
    after = max(fenced, default=0)
    return [i for i, t in enumerate(text.split("\n")) if i + 1 > after and t.strip()]


@pytest.mark.parametrize("seed", FULL_ISSUES, ids=[p.stem[:3] for p in FULL_ISSUES])
def test_folios_and_running_heads_at_page_breaks_change_nothing(seed: Path) -> None:
    text = seed.read_text("utf-8")
    clean = [line.text for line in normalise(text).lines]
    chooser = random.Random(seed.stem)
    places = set(chooser.sample(body_lines(text), 25))
    perturbed: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i in places:
            folio = chooser.choice(
                [f"— {i // 40 + 2} —", f"- {i // 40 + 2} -", f"第{i // 40 + 2}页"]
            )
            perturbed += [folio, "示范支部生活 2024年第3期（上半月）"]
        perturbed.append(line)
    assert [line.text for line in normalise("\n".join(perturbed)).lines] == clean
