"""Inputs that cannot be written as TOML fixtures."""

from __future__ import annotations

from publish.normalise import normalise


def test_lone_surrogates_are_removed_not_fatal() -> None:
    result = normalise("党建\ud800引领基层治理")
    assert [line.text for line in result.text_lines] == ["党建引领基层治理"]
    assert any(c.rule == "W102" for c in result.changes)
