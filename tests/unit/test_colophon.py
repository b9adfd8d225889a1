"""The colophon carries the whole masthead, and the contents the authors it prints."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from publish.model import Issue
from publish.normalise import normalise
from publish.render.context import build_context, environment
from publish.structure import detect_structure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
STATEMENTS = (
    "声明\n\n"
    "本刊刊发的文字、图片均向作者支付稿酬，如因作者信息不详无法联系的，敬请作者与本刊联系。\n\n"
    "欢迎来稿\n\n"
)


def issue_with_statements() -> Issue:
    text = (FIXTURES / "page_first.txt").read_text("utf-8")
    text = text.replace("定价 6.00元\n", "定价 6.00元\n\n" + STATEMENTS)
    return detect_structure(normalise(text), "statements")


def test_statements_under_the_masthead_are_kept_in_order() -> None:
    issue = issue_with_statements()
    assert issue.meta.notices == (
        "声明",
        "本刊刊发的文字、图片均向作者支付稿酬，如因作者信息不详无法联系的，敬请作者与本刊联系。",
        "欢迎来稿",
    )
    titles = [entry.title for entry in issue.contents]
    assert not any("声明" in t or "来稿" in t for t in titles)


def test_colophon_prints_the_issue_line_fields_and_statements() -> None:
    issue = issue_with_statements()
    ctx = build_context(issue, modified=datetime(2024, 1, 1, tzinfo=UTC))
    html = environment().get_template("epub/colophon.html.j2").render(ctx=ctx)
    assert "总第512期" in html and "每月1日出版" in html
    for field in ctx.masthead:
        assert f"<dt>{field.label}</dt>" in html and f"<dd>{field.value}</dd>" in html
    for notice in ctx.issue.meta.notices:
        assert f'<p class="notice">{notice}</p>' in html


def test_contents_names_the_printed_authors() -> None:
    issue = issue_with_statements()
    ctx = build_context(issue, modified=datetime(2024, 1, 1, tzinfo=UTC))
    authors = {entry.title: entry.author for part in ctx.toc for entry in (*part.children, part)}
    assert authors["把握新时代基层治理的内在逻辑"] == "王建国"
    assert authors["以数字化赋能社区服务"] is None
