"""The command line, called in-process through main(argv)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from publish.cli import main
from publish.errors import EXIT_CONFIG, EXIT_FAILED_INPUTS, EXIT_INPUT, EXIT_OK, EXIT_USAGE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_help_lists_every_command_with_an_example() -> None:
    assert main(["--help"], io.StringIO(), io.StringIO()) == EXIT_OK
    code, out, _ = run()
    assert code == EXIT_USAGE
    for command in ("build", "clean", "inspect", "rules"):
        assert f"publish {command}" in out


def test_unknown_command_is_a_usage_error() -> None:
    code, _, err = run("frobnicate")
    assert code == EXIT_USAGE
    assert "invalid choice" in err


def test_clean_prints_one_paragraph_per_line(tmp_path: Path) -> None:
    report = tmp_path / "changes.json"
    code, out, _ = run("clean", str(FIXTURES / "web_page.txt"), "--report", str(report))
    assert code == EXIT_OK
    assert out.splitlines()[:3] == ["乡村振兴的新答卷", "示范县发展特色产业纪实", "记者 刘洋"]
    assert "相关新闻" not in out
    data = json.loads(report.read_text("utf-8"))
    dropped = [c["before"] for c in data["changes"] if c["kind"] == "drop"]
    assert "相关新闻" in dropped and "返回顶部" in dropped


def test_inspect_json_follows_the_contract() -> None:
    code, out, _ = run("inspect", str(FIXTURES / "page_first.txt"), "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert {
        "title",
        "period",
        "year",
        "number",
        "total_number",
        "publisher",
        "issn",
        "cn",
        "language",
    } <= set(data["meta"])
    assert {"section", "title", "author", "page"} <= set(data["contents"][0])
    article = data["sections"][1]["articles"][0]
    assert {"id", "title", "subtitle", "byline", "source_note", "page", "blocks"} <= set(article)
    assert {"type", "text"} <= set(article["blocks"][0])
    assert isinstance(data["diagnostics"], list)


def test_inspect_tree() -> None:
    code, out, _ = run("inspect", str(FIXTURES / "page_first.txt"))
    assert code == EXIT_OK
    assert "示范党建周刊 2024年第3期（上半月）" in out
    assert "· 小巷里的“红色管家” — 文 / 本刊记者 陈晓 p.12" in out


def test_rules_lists_codes() -> None:
    code, out, _ = run("rules")
    assert code == EXIT_OK
    assert "J301" in out and "punctuation-width" in out


def test_missing_input_names_the_file() -> None:
    code, _, err = run("clean", "no/such/file.txt")
    assert code == EXIT_INPUT
    assert "no/such/file.txt" in err


def test_build_epub_only_and_report(tmp_path: Path) -> None:
    code, out, _ = run(
        "build", str(FIXTURES / "web_page.txt"), "-o", str(tmp_path), "--format", "epub"
    )
    assert code == EXIT_OK, out
    assert (tmp_path / "web_page" / "web_page.zh-Hans.epub").exists()
    assert not (tmp_path / "web_page" / "web_page.zh-Hans.pdf").exists()
    report = json.loads((tmp_path / "web_page" / "report.json").read_text("utf-8"))
    assert report["status"] == "ok"
    assert report["outputs"][0]["sha256"]
    run_report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert run_report["inputs"] == 1 and run_report["failed"] == 0


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("标题\n\n正文第一段。", "utf-8")
    (inputs / "bad.txt").write_bytes(b"%PDF-1.4 binary")
    code, out, _ = run("build", str(inputs), "-o", str(tmp_path / "out"), "--format", "epub")
    assert code == EXIT_FAILED_INPUTS
    assert "FAILED" in out and "bad.txt" in out
    assert (tmp_path / "out" / "good" / "good.zh-Hans.epub").exists()
    assert not list((tmp_path / "out" / "bad").glob("*.epub"))


def test_unknown_format_is_a_config_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(FIXTURES / "web_page.txt"), "--format", "docx")
    assert code == EXIT_CONFIG
    assert "docx" in err


def test_reprint_across_inputs_is_reported(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    body = "社区党委坚持党建引领，推动治理重心下移，群众满意度持续提升。" * 10
    (inputs / "print.txt").write_text(f"基层治理新探索\n\n文 / 本刊记者 王明\n\n{body}", "utf-8")
    (inputs / "web.txt").write_text(f"某区：基层治理新探索\n\n{body}", "utf-8")
    code, out, _ = run("build", str(inputs), "-o", str(tmp_path / "out"), "--format", "epub")
    assert code == EXIT_OK
    assert "reprint print/a001 ≈ web/a001" in out
    run_report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert run_report["reprints"][0]["similarity"] > 0.9


def test_build_makes_both_editions_by_default(tmp_path: Path) -> None:
    code, out, _ = run(
        "build", str(FIXTURES / "web_page.txt"), "-o", str(tmp_path), "--format", "epub"
    )
    assert code == EXIT_OK, out
    built = sorted(p.name for p in (tmp_path / "web_page").glob("*.epub"))
    assert built == ["web_page.zh-Hans.epub", "web_page.zh-Hant.epub"]
    report = json.loads((tmp_path / "web_page" / "report.json").read_text("utf-8"))
    assert [o["language"] for o in report["outputs"]] == ["zh-Hans", "zh-Hant"]


def test_editions_and_variant_on_the_command_line(tmp_path: Path) -> None:
    code, out, _ = run(
        "build",
        str(FIXTURES / "web_page.txt"),
        "-o",
        str(tmp_path),
        "--format",
        "epub",
        "--editions",
        "zh-Hant",
        "--variant",
        "s2hk",
    )
    assert code == EXIT_OK, out
    assert [p.name for p in (tmp_path / "web_page").glob("*.epub")] == ["web_page.zh-Hant.epub"]
    report = json.loads((tmp_path / "web_page" / "report.json").read_text("utf-8"))
    assert report["outputs"][0]["language"] == "zh-Hant-HK"


def test_unknown_edition_or_variant_is_a_config_error(tmp_path: Path) -> None:
    page = str(FIXTURES / "web_page.txt")
    code, _, err = run("build", page, "-o", str(tmp_path), "--editions", "zh-TW")
    assert code == EXIT_CONFIG and "zh-Hans" in err
    code, _, err = run("build", page, "-o", str(tmp_path), "--variant", "t2s")
    assert code == EXIT_CONFIG and "s2twp" in err


def test_a_structure_in_doubt_is_said_in_the_run_summary(tmp_path: Path) -> None:
    """A contents whose entries the body does not print: the articles come from cues alone,
    and the run says so on its own lines, not only in report.json (S104)."""
    code, out, _ = run(
        "build", str(FIXTURES / "contents_unmatched.txt"), "-o", str(tmp_path), "--format", "epub"
    )
    assert code == EXIT_OK
    assert "structure in doubt" in out
    assert "1 in doubt" in out.splitlines()[-1]
    report = json.loads((tmp_path / "contents_unmatched" / "report.json").read_text("utf-8"))
    assert report["structure"]["contents_found"] == 0
    assert "0 of 4" in report["structure"]["doubt"]


def test_a_well_read_issue_is_not_in_doubt(tmp_path: Path) -> None:
    code, out, _ = run(
        "build", str(FIXTURES / "page_first.txt"), "-o", str(tmp_path), "--format", "epub"
    )
    assert code == EXIT_OK
    assert "in doubt" not in out
