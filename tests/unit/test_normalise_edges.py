"""Inputs that cannot be written as TOML fixtures."""

from __future__ import annotations

from publish.normalise import NormaliseConfig, normalise
from publish.normalise.document import drop_where, to_document


def test_lone_surrogates_are_removed_not_fatal() -> None:
    result = normalise("党建\ud800引领基层治理")
    assert [line.text for line in result.text_lines] == ["党建引领基层治理"]
    assert any(c.rule == "W102" for c in result.changes)


def test_a_furniture_rule_never_drops_a_line_of_content() -> None:
    """The veto every dropping rule goes through: two sentences over a hundred characters are
    content, whatever the rule's predicate says; the line stays and the doubt is reported."""
    content = "近年来，某地坚持以党建引领基层治理，推动各项工作落实落细，群众的获得感不断增强。" * 3
    lines, _ = to_document(f"扫码关注\n{content}")
    outcome = drop_where("F999", "always", lambda _d, _i: True)(lines, NormaliseConfig())
    assert [line.text for line in outcome.lines] == [content]
    assert [change.before for change in outcome.changes] == ["扫码关注"]
    assert [diagnostic.code for diagnostic in outcome.diagnostics] == ["F999"]
