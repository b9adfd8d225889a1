"""The model (JSON round trip), the render context and templates, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import markupsafe
import pytest

from publish.files import atomic_path, write_text_atomic
from publish.model import (
    Article,
    Block,
    BlockType,
    Issue,
    IssueMeta,
    Section,
    Span,
    issue_from_jsonable,
    to_jsonable,
)
from publish.render.context import (
    build_context,
    build_time,
    build_toc,
    identifier,
    render_article,
    tie_end,
)

HOSTILE = "<script>alert(1)</script> &amp; ]]> <img src=x onerror=1> url(http://evil/)"


def sample_issue() -> Issue:
    para = Block(BlockType.PARAGRAPH, "正文。" + HOSTILE, Span(5, 5))
    first = Article("a001", "第一篇", (para,), Span(3, 5), byline="文 / 张三", page=4)
    second = Article("a002", "第二篇", (para,), Span(7, 9), source_note="（来源：示范网）")
    lone = Article("a003", "单独一篇", (para,), Span(11, 12))
    return Issue(
        id="sample",
        meta=IssueMeta(title="示范刊物", period="2024年第1期", half="上半月", year=2024, number=1),
        sections=(Section("栏目甲", (first, second)), Section(None, (lone,))),
    )


def test_model_json_round_trip() -> None:
    issue = sample_issue()
    data = json.loads(json.dumps(to_jsonable(issue), ensure_ascii=False))
    assert issue_from_jsonable(data) == issue


def test_display_title() -> None:
    assert sample_issue().meta.display_title == "示范刊物 2024年第1期（上半月）"
    assert IssueMeta(publisher="某出版社").display_title == "某出版社"


def test_toc_is_section_then_articles() -> None:
    toc = build_toc(sample_issue())
    assert [(e.title, [c.title for c in e.children]) for e in toc] == [
        ("栏目甲", ["第一篇", "第二篇"]),
        ("单独一篇", []),
    ]
    assert toc[0].target == "a001"


def test_identifier_is_deterministic_per_edition() -> None:
    issue = sample_issue()
    assert identifier(issue, "zh-Hans") == identifier(issue, "zh-Hans")
    assert identifier(issue, "zh-Hans") != identifier(issue, "zh-Hant")


def test_build_time_from_source_date_epoch() -> None:
    assert build_time({"SOURCE_DATE_EPOCH": "0"}).year == 1970
    assert build_time({}).year >= 2024


def test_article_template_escapes_hostile_text() -> None:
    issue = sample_issue()
    html = render_article(issue.articles[0], build_context(issue))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp;amp;" in html
    assert '<h1 class="title"><span class="phrase">第一篇</span></h1>' in html
    assert '<p class="byline">文 / 张三</p>' in html


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path) -> None:
    dest = tmp_path / "out.txt"
    write_text_atomic(dest, "old")
    with pytest.raises(RuntimeError), atomic_path(dest) as tmp:
        tmp.write_text("half", "utf-8")
        raise RuntimeError("killed mid-write")
    assert dest.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "深化人工智能发展和治理国际合作",
            '深化人工智能发展和治理国际<span class="tie">合作</span>',
        ),
        ("总结经验。", '总结<span class="tie">经验。</span>'),
        # the tie never separates two adjacent marks or a Han–Latin pair: the PDF compresses
        # and spaces them only inside one text
        ("他说：“好。”", '他说<span class="tie">：“好。”</span>'),
        ("共计3个", '共<span class="tie">计3个</span>'),
        ("<b>&危", '&lt;b&gt;<span class="tie">&amp;危</span>'),  # escaped, both halves
    ],
)
def test_tie_end_keeps_the_last_two_characters_together(text: str, expected: str) -> None:
    assert str(tie_end(text)) == expected


@pytest.mark.parametrize("text", ["好", "。", "", "📍 天津 📖 正文", "天 津"])
def test_tie_end_leaves_short_or_spaced_text_alone(text: str) -> None:
    assert str(tie_end(text)) == str(markupsafe.escape(text))
