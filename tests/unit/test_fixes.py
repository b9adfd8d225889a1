"""The editor's `[[fix]]` corrections in a sidecar: each kind, anchoring, stale fixes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from publish.build.pipeline import Processed, process
from publish.cli import main
from publish.errors import EXIT_CONFIG, ConfigError
from publish.lines import Tag
from publish.model import Article, BlockType

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
# An unlisted article the automatic reading leaves inside the last one, and a QR caption.
EXTRA = (
    "\n志愿服务进楼院\n\n每逢周末，志愿者都会来到楼院，为老人理发、量血压。\n\n扫码关注示范党员\n"
)


@pytest.fixture
def issue_file(tmp_path: Path) -> Path:
    path = tmp_path / "issue.txt"
    shutil.copy(FIXTURES / "slash_authors.txt", path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(EXTRA)
    return path


def with_fixes(path: Path, *fixes: dict[str, str]) -> Processed:
    tables = []
    for fix in fixes:
        body = "\n".join(
            f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in fix.items()
        )
        tables.append(f"[[fix]]\n{body}\n")
    path.with_suffix(".toml").write_text("\n".join(tables), "utf-8")
    return process(path)


def articles(processed: Processed) -> list[Article]:
    return list(processed.issue.articles)


def by_title(processed: Processed, title: str) -> Article:
    return next(a for a in articles(processed) if a.title == title)


def codes(processed: Processed) -> list[str]:
    return [d.code for d in processed.issue.diagnostics if d.code.startswith("E1")]


def paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.type is BlockType.PARAGRAPH]


def test_without_fixes_the_reading_is_the_automatic_one(issue_file: Path) -> None:
    plain = process(issue_file)
    assert [a.title for a in articles(plain)][-1] == "社区里的“红色管家”"
    assert not codes(plain)


def test_title_byline_and_section(issue_file: Path) -> None:
    fixed = with_fixes(
        issue_file,
        {"kind": "title", "at": "一名村支书的十年", "value": "一名村支书的十年坚守"},
        {"kind": "byline", "at": "社区里的“红色管家”", "value": "赵敏 钱多"},
        {"kind": "section", "at": "在乡村振兴中践行初心", "value": "基层声音"},
    )
    assert by_title(fixed, "一名村支书的十年坚守").byline == "王强"
    assert by_title(fixed, "社区里的“红色管家”").byline == "赵敏 钱多"
    sections = [(s.title, [a.title for a in s.articles]) for s in fixed.issue.sections]
    assert sections[1] == ("基层声音", ["在乡村振兴中践行初心"])
    assert codes(fixed) == ["E101", "E101", "E101"]


def test_article_start_and_not_article(issue_file: Path) -> None:
    plain = process(issue_file)
    assert "志愿服务进楼院" not in [a.title for a in articles(plain)]
    fixed = with_fixes(
        issue_file,
        {"kind": "article-start", "at": "志愿服务进楼院", "byline": "本刊通讯员"},
        {"kind": "not-article", "at": "一名村支书的十年"},
    )
    titles = [a.title for a in articles(fixed)]
    assert "志愿服务进楼院" in titles and "一名村支书的十年" not in titles
    assert by_title(fixed, "志愿服务进楼院").byline == "本刊通讯员"
    merged = by_title(fixed, "在乡村振兴中践行初心")
    assert any("十年前" in text for text in paragraphs(merged))  # its text is kept, not lost
    assert codes(fixed).count("E101") == 2


def test_join_and_keep_break(issue_file: Path) -> None:
    plain = by_title(process(issue_file), "在乡村振兴中践行初心")
    assert len(paragraphs(plain)) == 2
    fixed = with_fixes(
        issue_file,
        {"kind": "join", "at": "果苗长势。\n“乡亲们"},
        {"kind": "keep-break", "at": "今年新种下的\n果苗"},
    )
    texts = paragraphs(by_title(fixed, "在乡村振兴中践行初心"))
    assert texts[0].endswith("今年新种下的")  # the page break is kept
    assert texts[1].startswith("果苗长势。“乡亲们")  # two paragraphs are one
    assert codes(fixed) == ["E101", "E101"]


def test_drop_and_keep(issue_file: Path) -> None:
    plain = process(issue_file)
    assert not any("扫码关注" in line.text for line in plain.normalised.lines)
    fixed = with_fixes(
        issue_file,
        {"kind": "keep", "at": "扫码关注示范党员"},
        {"kind": "drop", "at": "“乡亲们的日子好了"},
    )
    assert any("扫码关注" in line.text for line in fixed.normalised.lines)
    assert [c.name for c in fixed.normalised.changes if c.rule == "E101"] == [
        "fix-keep",
        "fix-drop",
    ]
    dropped = next(c for c in fixed.normalised.changes if c.name == "fix-drop")
    assert "交了答卷" in dropped.before  # in the report, never lost silently


def test_heading_and_not_heading_tag_the_line(issue_file: Path) -> None:
    fixed = with_fixes(
        issue_file,
        {"kind": "heading", "at": "每逢周末，志愿者"},
        {"kind": "not-heading", "at": "志愿服务进楼院"},
    )
    tags = {line.text[:6]: line.tags for line in fixed.normalised.lines}
    assert Tag.HEADING in tags["每逢周末，志"] and Tag.NOT_HEADING in tags["志愿服务进楼"]


def test_a_fix_survives_an_edit_elsewhere(issue_file: Path) -> None:
    text = issue_file.read_text("utf-8").replace(
        "如今，村集体经济收入突破百万元。", "如今，村里变了样。"
    )
    issue_file.write_text("补记：本期有改动。\n\n" + text, "utf-8")  # every line number moves
    fixed = with_fixes(issue_file, {"kind": "title", "at": "社区里的“红色", "value": "红色管家"})
    assert "红色管家" in [a.title for a in articles(fixed)]
    assert codes(fixed) == ["E101"]


def test_stale_and_ambiguous_fixes_warn_and_fail_with_strict(
    issue_file: Path, tmp_path: Path
) -> None:
    fixed = with_fixes(
        issue_file,
        {"kind": "title", "at": "不存在的标题", "value": "新标题"},
        {"kind": "drop", "at": "村"},
    )
    warned = {d.code: d.message for d in fixed.issue.diagnostics if d.code in {"E102", "E103"}}
    assert set(warned) == {"E102", "E103"}
    assert "fix #1 (title at “不存在的标题”)" in warned["E102"]
    assert "fix #2 (drop at “村”)" in warned["E103"]
    out = tmp_path / "out"
    argv = ["build", str(issue_file), "-o", str(out), "--format", "epub", "-j", "1"]
    assert main(argv, io.StringIO(), io.StringIO()) == 0  # a warning by default
    err = io.StringIO()
    assert main([*argv, "--strict", "--force"], io.StringIO(), err) == EXIT_CONFIG
    report = json.loads((out / "issue" / "report.json").read_text("utf-8"))
    assert report["status"] == "failed" and "did not apply" in report["error"]["message"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('kind = "rename"\nat = "x"', "unknown kind"),
        ('kind = "title"\nat = "x"', "needs a value"),
        ('kind = "join"\nat = "no break here"', "both ends of the break"),
        ('kind = "drop"\nat = "  "', "must quote the text"),
        ('kind = "drop"\nat = "x"\nline = "3"', "unknown key"),
    ],
)
def test_a_malformed_fix_is_a_clear_error(issue_file: Path, table: str, message: str) -> None:
    issue_file.with_suffix(".toml").write_text(f"[[fix]]\n{table}\n", "utf-8")
    with pytest.raises(ConfigError, match=message):
        process(issue_file)


def test_inspect_shows_the_anchor_each_decision_would_use(issue_file: Path) -> None:
    out = io.StringIO()
    assert main(["inspect", "--fixes", str(issue_file)], out, io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    assert any(line.startswith("article a002") and "在乡村振兴中践行初心" in line for line in lines)
    join = next(line for line in lines if line.startswith("join J301") and "果苗" in line)
    at = json.loads(join.split(" at = ")[1].split("  ->  ")[0])  # the anchor, as TOML has it
    fixed = with_fixes(issue_file, {"kind": "keep-break", "at": at})
    assert codes(fixed) == ["E101"]
    assert paragraphs(by_title(fixed, "在乡村振兴中践行初心"))[0].endswith("今年新种下的")


def test_the_review_pages_anchors_make_fixes_that_apply(issue_file: Path) -> None:
    import html as html_lib
    import re

    from publish.build.review import render_review

    processed = process(issue_file)
    page = render_review(
        "示例", processed.source.lines, processed.normalised, processed.issue.diagnostics,
        processed.issue,
    )  # fmt: skip
    anchors = [html_lib.unescape(a) for a in re.findall(r'data-at="([^"]*)"', page)]
    texts = [line.text for line in processed.normalised.lines]
    unique = [a for a, t in zip(anchors, texts, strict=True) if texts.count(t) == 1]
    assert len(unique) == len(set(unique)) > 10  # a line printed once has its own anchor
    assert "not an article" in page and "retitle" in page  # the article controls
    at = next(a for a in anchors if a.startswith("清晨六点"))
    joined = next(re.findall(r"data-breaks='([^']*)'", page)[i] for i, a in enumerate(anchors)
                  if a == at)  # fmt: skip
    fixed = with_fixes(
        issue_file,
        {"kind": "heading", "at": at},
        {"kind": "keep-break", "at": json.loads(html_lib.unescape(joined))[0]},
    )
    assert codes(fixed) == ["E101", "E101"]
