"""Documentation generated from code must match the code."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import rule_catalogue  # noqa: E402


def test_rule_catalogue_is_current() -> None:
    assert (ROOT / "docs" / "rules.md").read_text("utf-8") == rule_catalogue.catalogue(), (
        "docs/rules.md is stale: run `make docs`"
    )


def test_every_rule_documented_with_an_example() -> None:
    from publish.normalise import RULES

    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)), "rule codes must be unique"
    for rule in RULES:
        assert rule.summary
        if rule.code != "R001":  # tagging only: nothing to show before/after
            assert rule.example[0], rule.code


def test_every_structure_code_emitted_is_documented() -> None:
    import regex

    from publish.structure.codes import STRUCTURE_CODES

    documented = {c.code for c in STRUCTURE_CODES}
    emitted: set[str] = set()
    for package in ("structure", "front"):
        for path in (ROOT / "publish" / package).glob("*.py"):
            emitted.update(regex.findall(r"\"(S\d{3})\"", path.read_text("utf-8")))
    assert emitted <= documented, f"undocumented: {sorted(emitted - documented)}"
