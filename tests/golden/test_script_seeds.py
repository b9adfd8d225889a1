"""Traditional editions of the sample issues: no known-bad conversion, a clean round trip."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc
import pytest

from publish.build.pipeline import process
from publish.model import Issue
from publish.render.plaintext import issue_lines
from publish.script import ScriptConfig, Variant, convert_issue

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
VARIANTS: tuple[Variant, ...] = ("s2t", "s2tw", "s2twp", "s2hk")

# Wrong conversions OpenCC makes on text of this kind (see tests/fixtures/script_phrases.toml).
KNOWN_BAD = (
    "新徵程", "斷髮揮", "握髮展", "植髮展", "指明瞭", "闡明瞭", "說明瞭", "製度",
    "工匠之纔", "運用於方舟", "於方舟烈士", "倫敦裏", "倫敦裡", "鵬程裏", "鵬程裡",
    "好乾部", "促乾", "分鍾", "時鍾",
)  # fmt: skip
BACK = {"s2t": "t2s", "s2tw": "tw2s", "s2hk": "hk2s"}
# Standard traditional forms whose reverse conversion keeps them: (simplified, traditional).
VARIANT_FORMS = {("坐", "座"), ("熏", "薰"), ("象", "像")}


@cache
def _issue(path: Path) -> Issue:
    return process(path).issue


@cache
def _converted(path: Path, variant: Variant) -> Issue:
    return convert_issue(_issue(path), ScriptConfig(variant=variant, quotes=False))


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_no_known_bad_conversion(seed: Path, variant: Variant) -> None:
    text = "\n".join(issue_lines(_converted(seed, variant)))
    assert [bad for bad in KNOWN_BAD if bad in text] == []


@pytest.mark.parametrize("variant", sorted(BACK))
@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_round_trip_changes_no_han_character(seed: Path, variant: Variant) -> None:
    source = issue_lines(_issue(seed))
    converted = issue_lines(_converted(seed, variant))
    back = opencc.OpenCC(f"{BACK[variant]}.json")
    changed = []
    for src, trad in zip(source, converted, strict=True):
        round_trip = back.convert(trad)
        assert len(round_trip) == len(src)
        for s, t, r in zip(src, trad, round_trip, strict=True):
            if s in {r, t}:  # unchanged, or a traditional character the source printed
                continue
            if (s, t) not in VARIANT_FORMS:
                changed.append(f"{s}->{t}->{r}")
    assert changed == []


REVIEWED = Path(__file__).with_name("script_t101.txt")


def test_post_check_flags_are_the_reviewed_ones() -> None:
    """Every T101 flag on the seeds is in script_t101.txt with its verdict (and no other)."""
    flags = sorted(
        (seed.stem[:3], d.message)
        for seed in SEEDS
        for d in _converted(seed, "s2t").diagnostics
        if d.code == "T101"
    )
    lines = [line.split("\t") for line in REVIEWED.read_text("utf-8").splitlines()]
    reviewed = sorted(
        (seed, message) for seed, message, _verdict in (x for x in lines if len(x) == 3)
    )
    assert all(len(x) == 3 for x in lines if x and not x[0].startswith("#"))
    assert flags == reviewed
