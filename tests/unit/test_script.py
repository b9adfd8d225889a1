"""Simplified -> traditional conversion: phrase cases, corrections, the post-check, quotes."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from publish.build.pipeline import editions_of, process, structure
from publish.model import IssueMeta, Level
from publish.normalise.checks import script_of
from publish.render.plaintext import issue_lines
from publish.script import (
    ScriptConfig,
    convert_issue,
    convert_phrase,
    post_check,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASES: list[dict[str, Any]] = tomllib.loads((FIXTURES / "script_phrases.toml").read_text("utf-8"))[
    "case"
]


def test_the_phrase_file_is_large_enough_and_covers_every_variant() -> None:
    assert len(CASES) >= 60
    assert {c["variant"] for c in CASES} == {"s2t", "s2tw", "s2twp", "s2hk"}
    assert sum(c["why"].startswith("bad") for c in CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[f"{c['variant']}:{c['input']}" for c in CASES])
def test_phrase(case: dict[str, Any]) -> None:
    assert convert_phrase(case["input"], case["variant"]) == case["expected"], case["why"]


def test_protected_terms_are_never_converted() -> None:
    assert convert_phrase("范文澜说", protected=["范文澜"]) == "范文澜說"
    assert convert_phrase("只有范文澜", protected=["范文澜"]) == "只有范文澜"


def test_found_names_keep_only_the_surname() -> None:
    # the given name still converts: 于晓刚 -> 于曉剛, not left simplified
    assert convert_phrase("于晓刚同志") == "于曉剛同志"


@pytest.mark.parametrize(
    ("text", "variant", "expected"),
    [
        ("“外‘中’外”", "s2tw", "「外『中』外」"),
        ("“甲”和“乙”", "s2hk", "「甲」和「乙」"),
        ("《书名》", "s2tw", "《書名》"),
    ],
)
def test_corner_quotes_nest(text: str, variant: str, expected: str) -> None:
    assert convert_phrase(text, variant) == expected  # type: ignore[arg-type]


def test_post_check_flags_only_what_conversion_made() -> None:
    assert post_check("不斷髮揮作用") == ["不斷髮揮作用"]
    assert post_check("頭髮花白，理髮店") == []
    assert post_check("局長聶乾震表示", source="局长聂乾震表示") == []
    assert post_check("局長聶乾震表示", source="局长聂干震表示") != []
    assert post_check("致力於發展") == []  # the preposition
    assert post_check("，於心不忍") != []  # clause-initial 於 may be the surname


def _issue() -> Any:
    return process(FIXTURES / "issues" / "web_page.txt").issue


def test_convert_issue_sets_language_and_converts_every_field() -> None:
    issue = _issue()
    for variant, language in (("s2t", "zh-Hant"), ("s2tw", "zh-Hant-TW"), ("s2hk", "zh-Hant-HK")):
        converted = convert_issue(issue, ScriptConfig(variant=variant))  # type: ignore[arg-type]
        assert converted.meta.language == language
        before, after = issue_lines(issue), issue_lines(converted)
        assert before != after
        if variant != "s2twp":  # the other variants convert character for character
            assert [len(line) for line in before] == [len(line) for line in after]
        assert [a.id for a in converted.articles] == [a.id for a in issue.articles]
        assert [a.kind for a in converted.articles] == [a.kind for a in issue.articles]


def test_a_byline_name_is_spelled_as_a_name_everywhere() -> None:
    # 东升 is an OpenCC phrase (東昇, sunrise): the byline's 曲东升 is a person, 曲東升, in the
    # byline and in the running text; 周刊 in a byline is a word, not a name.
    issue = _issue()
    article = issue.articles[0]
    block = replace(article.blocks[0], text="曲东升介绍，东升的太阳。周刊")
    article = replace(article, byline="曲东升 周刊", blocks=(block,))
    issue = replace(issue, sections=(replace(issue.sections[0], articles=(article,)),))
    converted = convert_issue(issue, ScriptConfig()).articles[0]
    assert converted.byline == "曲東升 週刊"
    assert converted.blocks[0].text == "曲東升介紹，東昇的太陽。週刊"


def test_strict_mode_makes_flags_errors() -> None:
    issue = _issue()
    block = issue.articles[0].blocks[0]
    flagged = replace(block, text="他说，于心不忍。")
    article = replace(issue.articles[0], blocks=(flagged,))
    issue = replace(issue, sections=(replace(issue.sections[0], articles=(article,)),))
    lenient = convert_issue(issue, ScriptConfig())
    strict = convert_issue(issue, ScriptConfig(strict=True))
    assert [d.level for d in lenient.diagnostics if d.code == "T101"] == [Level.WARNING]
    assert [d.level for d in strict.diagnostics if d.code == "T101"] == [Level.ERROR]


ISSUES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"


@pytest.mark.parametrize(
    ("texts", "script"),
    [
        (
            ["坚持人民至上的价值取向", "各级党组织要把为民办实事作为检验工作成效的重要标准。"],
            "zh-Hans",
        ),
        (
            ["堅持人民至上的價值取向", "各級黨組織要把為民辦實事作為檢驗工作成效的重要標準。"],
            "zh-Hant",
        ),
        (["聂乾震同志在会上讲话，要求各级党组织认真落实。"], "zh-Hans"),  # a name, not a script
        (["ISSN 1234-5678", ""], "zh-Hans"),
    ],
)
def test_detect_script(texts: list[str], script: str) -> None:
    assert script_of(texts).language == script


def test_a_traditional_source_prints_as_is_and_converts_to_simplified() -> None:
    processed = process(ISSUES / "traditional.txt")
    issue = processed.issue
    assert issue.meta.language == "zh-Hant"
    assert not [d for d in issue.diagnostics if d.code == "D702"]  # not slips in a Hant source
    editions = dict(editions_of(issue, ("zh-Hans", "zh-Hant"), ScriptConfig()))
    assert editions["zh-Hant"] is issue
    simplified = editions["zh-Hans"]
    assert simplified.meta.language == "zh-Hans"
    assert simplified.articles[0].title == "坚持人民至上的价值取向"
    assert simplified.articles[0].blocks[0].text.startswith("人民是历史的创造者。")


def test_a_sidecar_language_wins_over_detection() -> None:
    normalised = process(ISSUES / "web_page.txt").normalised  # simplified
    issue = structure(normalised, "t", IssueMeta(language="zh-Hant-TW"))
    assert issue.meta.language == "zh-Hant-TW"
