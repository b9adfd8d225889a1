"""Reprint detection across inputs."""

from __future__ import annotations

from publish.build.report import Sketch
from publish.build.reprints import find_reprints, similarity, sketch

BASE = (
    "主题教育开展以来，和平区坚持以学铸魂、以学增智、以学正风、以学促干，"
    "把调查研究作为重要抓手，深入基层一线，聚焦群众急难愁盼问题，宣讲295场，"
    "推动解决实际问题1200余个，群众满意度持续提升。"
) * 4


def test_same_text_with_punctuation_and_spacing_changes_is_similar() -> None:
    variant = BASE.replace("，", ",").replace("295", " 295 ")
    assert similarity(sketch(BASE), sketch(variant)) > 0.95


def test_different_texts_are_not_similar() -> None:
    other = "港产城融合发展行动中，港口是关键。海事队伍是服务港口发展的一支重要力量。" * 6
    assert similarity(sketch(BASE), sketch(other)) < 0.1


def test_find_reprints_pairs_inputs() -> None:
    sketches = {
        "print": (Sketch("a024", "践行“四下基层”", tuple(sketch(BASE))),),
        "web": (Sketch("a001", "天津市和平区：践行“四下基层”", tuple(sketch("天津市" + BASE))),),
        "other": (Sketch("a001", "别的", tuple(sketch("完全不同的内容。" * 40))),),
    }
    (found,) = find_reprints(sketches)
    assert found.to_json()["a"]["input"] == "print"
    assert found.to_json()["b"]["input"] == "web"
    assert found.similarity > 0.9
