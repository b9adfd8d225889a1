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


def test_diagnostics_page_is_current() -> None:
    assert (ROOT / "docs" / "diagnostics.md").read_text("utf-8") == rule_catalogue.diagnostics(), (
        "docs/diagnostics.md is stale: run `make docs`"
    )


def test_every_code_has_one_owner_and_every_code_emitted_is_listed() -> None:
    import regex

    listed = [row[0] for row in rule_catalogue.all_codes()]
    assert len(listed) == len(set(listed)), "a code is registered twice"
    emitted: set[str] = set()
    for path in (ROOT / "publish").rglob("*.py"):
        emitted.update(regex.findall(r"\"([A-Z]\d{3})\"", path.read_text("utf-8")))
    assert emitted <= set(listed), f"not in docs/diagnostics.md: {sorted(emitted - set(listed))}"


def test_the_package_docstring_names_functions_that_exist() -> None:
    import importlib

    import regex

    import publish

    named = regex.findall(r"(publish(?:\.\w+)+)\(", publish.__doc__ or "")
    assert named
    for dotted in named:
        module, _, function = dotted.rpartition(".")
        assert hasattr(importlib.import_module(module), function), dotted


def test_the_ci_workflow_builds_shards_then_merges_them() -> None:
    import regex
    import yaml

    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    found = regex.search(r"```yaml\n(.*?)```", text, regex.DOTALL)
    assert found is not None
    jobs = yaml.safe_load(found.group(1))["jobs"]
    assert jobs["merge"]["needs"] == "build"
    steps = " ".join(str(step.get("run", "")) for step in jobs["merge"]["steps"])
    assert "publish merge shards/build-shard-* -o build" in steps
    assert any("--shard" in str(step.get("run", "")) for step in jobs["build"]["steps"])
