"""Bad input: each case gives a clear error (or a noticed repair) and a documented exit code, and
a good input built in the same run is complete. The table in docs/errors.md is this list:
`UPDATE_DOCS=1 pytest tests/unit/test_bad_inputs.py` rewrites it, the test checks it otherwise."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from publish.cli import main
from publish.errors import (
    EXIT_CONFIG,
    EXIT_ENVIRONMENT,
    EXIT_FAILED_INPUTS,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
)
from publish.ingest import MAX_INPUT_BYTES
from publish.render.fonts import coverage, find_font

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "fixtures" / "issues" / "web_page.txt"
DOC = ROOT / "docs" / "errors.md"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the bad input (and its sidecar) into a folder
    code: int  # exit code when it is the only input
    says: str  # what the message (or the report's notice) contains
    outcome: str  # for the table


def text(name: str, body: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, "utf-8")
        return path

    return make


def with_sidecar(toml: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        shutil.copy(GOOD, folder / "side.txt")
        (folder / "side.toml").write_text(toml, "utf-8")
        return folder / "side.txt"

    return make


def big(folder: Path) -> Path:
    path = folder / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50 << 20)  # sparse: no need to write the bytes
    return path


CHINESE = "天津市召开会议。\n\n会议强调，要把学习成果转化为工作成效。\n"
TRADITIONAL = (
    "堅持人民至上的價值取向\n\n人民是歷史的創造者，各級黨組織要把為民辦實事作為檢驗標準。\n"
)
CANTONESE = "港鐵站嘅月台\n\n佢哋都喺度等車，話今日啲人多過平時。\n"
SAVED = ROOT / "tests" / "fixtures" / "saved"


def saved(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        shutil.copy(SAVED / name, folder / name)
        return folder / name

    return make


CASES = [
    Case("empty file", text("empty.txt", b""), EXIT_INPUT, "empty", "error"),
    Case("whitespace only", text("blank.txt", " \n\t\n"), EXIT_INPUT, "empty", "error"),
    Case("PDF bytes", text("pdf.txt", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"), EXIT_INPUT, "PDF", "error"),
    Case("PNG bytes", text("png.txt", b"\x89PNG\r\n\x1a\n\0\0"), EXIT_INPUT, "PNG", "error"),
    Case("NUL bytes", text("nul.txt", b"abc\x00def"), EXIT_INPUT, "NUL", "error"),
    Case("invalid UTF-8", text("bad8.txt", b"ab \xc3\x28 \xa0\xa1\x80"), EXIT_INPUT, "UTF-8", "error"),  # noqa: E501
    Case("GB18030 Chinese", text("gbk.txt", CHINESE.encode("gb18030")), EXIT_OK, "GB18030", "decoded, notice"),  # noqa: E501
    Case("UTF-16 with BOM", text("u16.txt", "\ufeff".encode("utf-16-le") + CHINESE.encode("utf-16-le")), EXIT_OK, "", "decoded"),  # noqa: E501
    Case("UTF-8 with BOM", text("bom.txt", "\ufeff" + CHINESE), EXIT_OK, "", "decoded"),
    Case("UTF-32 with BOM", text("u32.txt", CHINESE.encode("utf-32")), EXIT_OK, "UTF-32", "decoded, notice"),  # noqa: E501
    Case("Big5 traditional text (was read as GB18030: mojibake)", text("big5.txt", TRADITIONAL.encode("big5")), EXIT_OK, "decoded as Big5", "decoded right, notice"),  # noqa: E501
    Case("Big5-HKSCS text", text("hkscs.txt", CANTONESE.encode("big5hkscs")), EXIT_OK, "decoded as Big5-HKSCS", "decoded right, notice"),  # noqa: E501
    Case("UTF-8 with one corrupt byte", text("corrupt.txt", CHINESE.encode()[:12] + b"\xff" + CHINESE.encode()[12:]), EXIT_INPUT, "GB18030, Big5, Big5-HKSCS", "error naming the encodings tried"),  # noqa: E501
    Case("Latin-1 bytes", text("latin1.txt", "Caf\xe9 r\xe9sum\xe9 na\xefve\n".encode("latin-1")), EXIT_INPUT, "cannot decode", "error naming the encodings tried"),  # noqa: E501
    Case("truncated download (cut inside a character)", text("cut.txt", CHINESE.encode()[:-2]), EXIT_OK, "truncated", "decoded, warning"),  # noqa: E501
    Case("WeChat post saved as markdown", saved("wechat_post.md"), EXIT_OK, "markdown", "one article, chrome dropped"),  # noqa: E501
    Case("news page saved as HTML", saved("news_page.html"), EXIT_OK, "html", "one article, chrome dropped"),  # noqa: E501
    Case("HTML page without text", text("empty.html", "<html><body><img src='a.png'><script>x()</script></body></html>"), EXIT_INPUT, "no text left", "error"),  # noqa: E501
    Case("CRLF line endings", text("crlf.txt", CHINESE.replace("\n", "\r\n")), EXIT_OK, "", "built"),  # noqa: E501
    Case("CR line endings", text("cr.txt", CHINESE.replace("\n", "\r")), EXIT_OK, "", "built"),
    Case("one 1 MB line", text("line.txt", "正文，" * 110_000 + "。\n"), EXIT_OK, "", "built"),
    Case("XML-illegal controls", text("ctl.txt", "标题\n\n正文\x01\x0b\x1f一段。\n"), EXIT_OK, "", "built, controls removed"),  # noqa: E501
    Case("only furniture lines", text("promo.txt", "扫码收听有声文章\n\n■\n"), EXIT_INPUT, "no text left", "error"),  # noqa: E501
    Case("no structure", text("plain.txt", "没有标题也没有目录的一段文字。\n"), EXIT_OK, "", "built as one article"),  # noqa: E501
    Case("hostile markup", text("evil.txt", "标题\n\n<script>alert(1)</script><img src=file:///etc/passwd> ]]> &amp; url(http://x)\n"), EXIT_OK, "", "built, shown as text"),  # noqa: E501
    Case(f"a 50 MB input (limit {MAX_INPUT_BYTES >> 20} MB)", big, EXIT_INPUT, "limit", "error, read nothing"),  # noqa: E501
    Case("sidecar: malformed TOML", with_sidecar("[meta\n"), EXIT_CONFIG, "invalid TOML", "error"),
    Case("sidecar: lone surrogate", with_sidecar('[meta]\ntitle = "\\ud800"\n'), EXIT_CONFIG, "invalid TOML", "error"),  # noqa: E501
    Case("sidecar: unknown key", with_sidecar('[meta]\nmagazine = "x"\n'), EXIT_CONFIG, "unknown key", "error"),  # noqa: E501
    Case("sidecar: wrong type", with_sidecar('[meta]\nyear = "2024"\n'), EXIT_CONFIG, "integer", "error"),  # noqa: E501
    Case("sidecar: bad variant", with_sidecar('[script]\nvariant = "t2s"\n'), EXIT_CONFIG, "variant", "error"),  # noqa: E501
    Case("sidecar: unknown encoding", with_sidecar('[input]\nencoding = "klingon"\n'), EXIT_CONFIG, "unknown encoding", "error"),  # noqa: E501
]  # fmt: skip


def run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_alone_and_beside_a_good_one(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = case.make(folder)
    code, said = run("build", str(bad), "-o", str(tmp_path / "one"), "--format", "epub", "-j", "1")
    report = json.loads((tmp_path / "one" / bad.stem / "report.json").read_text("utf-8"))
    assert code == case.code, said
    if case.code != EXIT_OK:
        assert case.says in report["error"]["message"] and bad.name in said
        assert report["error"]["exit_code"] == case.code
        assert not list((tmp_path / "one" / bad.stem).glob("*.epub"))  # nothing half-written
    else:
        assert case.says in json.dumps(report, ensure_ascii=False)
        for output in report["outputs"]:
            with zipfile.ZipFile(output["path"]) as zf:
                assert zf.testzip() is None
                for name in zf.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx")):
                        etree.fromstring(zf.read(name))  # well-formed XML, or it raises
    # beside a good input: the good one is complete whatever happened to the bad one
    shutil.copy(GOOD, folder / "good.txt")
    code, _ = run("build", str(folder), "-o", str(tmp_path / "two"), "--format", "epub", "-j", "1")
    assert code == (EXIT_OK if case.code == EXIT_OK else EXIT_FAILED_INPUTS)
    good = json.loads((tmp_path / "two" / "good" / "report.json").read_text("utf-8"))
    assert good["status"] == "ok" and len(good["outputs"]) == 2


def test_hostile_markup_is_text(tmp_path: Path) -> None:
    bad = CASES[[c.name for c in CASES].index("hostile markup")].make(tmp_path)
    run("build", str(bad), "-o", str(tmp_path / "o"), "--format", "epub", "-j", "1")
    epub = next((tmp_path / "o").rglob("*.zh-Hans.epub"))
    with zipfile.ZipFile(epub) as zf:
        chapters = "".join(zf.read(n).decode() for n in zf.namelist() if "/text/a" in n)
    assert "&lt;script&gt;" in chapters and "<script" not in chapters
    assert "<img" not in chapters


@dataclass(frozen=True)
class RunCase:
    name: str
    argv: list[str]
    code: int
    says: str
    prepare: Callable[[Path, pytest.MonkeyPatch], None] | None = None  # in the project folder


def config(toml: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    def prepare(project: Path, _: pytest.MonkeyPatch) -> None:
        (project / "publish.toml").write_text(toml, "utf-8")

    return prepare


def no_fonts(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fontconfig that knows no fonts at all."""
    conf = project / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<fontconfig><dir>/nonexistent</dir></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    find_font.cache_clear()
    coverage.cache_clear()


def dotted_name(project: Path, _: pytest.MonkeyPatch) -> None:
    shutil.copy(GOOD, project / "...txt")


RUN_CASES = [
    RunCase("missing input", ["build", "nowhere.txt"], EXIT_INPUT, "no such file"),
    RunCase("folder without inputs", ["build", "empty-dir"], EXIT_USAGE, "no inputs"),
    RunCase("unknown format", ["build", "good.txt", "--format", "docx"], EXIT_CONFIG, "format"),
    RunCase("unknown edition", ["build", "good.txt", "--editions", "zh-TW"], EXIT_CONFIG, "edition"),  # noqa: E501
    RunCase("bad page size", ["build", "good.txt", "--page-size", "Letter"], EXIT_CONFIG, "page size"),  # noqa: E501
    RunCase("bad shard", ["build", "good.txt", "--shard", "3/2"], EXIT_USAGE, "K/N"),
    RunCase("unknown --encoding", ["build", "good.txt", "--encoding", "klingon"], EXIT_CONFIG, "unknown encoding"),  # noqa: E501
    RunCase("wrong --encoding", ["build", "good.txt", "--encoding", "big5"], EXIT_INPUT, "not valid Big5"),  # noqa: E501
    RunCase("duplicate ids", ["build", "a", "b"], EXIT_FAILED_INPUTS, "duplicate input id"),
    RunCase("file name `...txt` (id `..`)", ["build", "...txt"], EXIT_INPUT, "cannot name an output folder", dotted_name),  # noqa: E501
    RunCase("output is a file", ["build", "good.txt", "-o", "good.txt"], EXIT_ENVIRONMENT, "not a directory"),  # noqa: E501
    RunCase("unwritable output directory", ["build", "good.txt", "-o", "/proc/publish-out"], EXIT_ENVIRONMENT, "cannot write to the output directory"),  # noqa: E501
    RunCase("missing font", ["build", "good.txt", "--format", "epub"], EXIT_ENVIRONMENT, "is not installed", no_fonts),  # noqa: E501
    RunCase("config: malformed TOML", ["build", "good.txt"], EXIT_CONFIG, "invalid TOML", config("[build\n")),  # noqa: E501
    RunCase("config: unknown key", ["build", "good.txt"], EXIT_CONFIG, "unknown key", config('[build]\nouput = "x"\n')),  # noqa: E501
    RunCase("config: wrong type", ["build", "good.txt"], EXIT_CONFIG, "build.embed_fonts", config('[build]\nembed_fonts = "yes"\n')),  # noqa: E501
    RunCase("config: output outside the project", ["build", "good.txt"], EXIT_CONFIG, "inside the project", config('[build]\noutput = "../../out"\n')),  # noqa: E501
    RunCase("config: inputs outside the project", ["build"], EXIT_CONFIG, "inside the project", config('[build]\ninputs = ["/etc"]\n')),  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize("case", RUN_CASES, ids=[c.name for c in RUN_CASES])
def test_run_level_problems(case: RunCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(GOOD, tmp_path / "good.txt")
    (tmp_path / "empty-dir").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(GOOD, tmp_path / folder / "same.txt")
    if case.prepare is not None:
        case.prepare(tmp_path, monkeypatch)
    try:
        argv = case.argv
        got, said = (
            run(*argv, "-j", "1") if argv[0] == "build" and "--shard" not in argv else run(*argv)
        )
    finally:
        find_font.cache_clear()  # a font looked up under a test's fontconfig must not stick
        coverage.cache_clear()
    assert got == case.code, said
    assert case.says in said, said
    assert not (tmp_path.parent / "out").exists() and not (tmp_path / "report.json").exists()


def table() -> str:
    rows = [f"| {c.name} | {c.outcome} | {c.code} | {c.says or '—'} |" for c in CASES]
    rows += [f"| {c.name} | run-level | {c.code} | {c.says} |" for c in RUN_CASES]
    return "\n".join(
        [
            "# Bad input: what happens",
            "",
            "Generated from `tests/unit/test_bad_inputs.py`, which checks every row: the exit",
            "code when the case is the only input, the message (or the report's notice), and",
            "that a good input built in the same run is complete (a batch with a failure exits 1).",
            "Exit codes: 0 ok · 1 some inputs failed · 2 usage · 3 unreadable input ·",
            "4 invalid configuration · 5 rendering failed · 6 missing font, program or directory ·",
            "7 suspicious traditional conversions (`--strict-script`).",
            "",
            "| case | outcome | exit code | message contains |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )


def test_docs_table_is_current() -> None:
    if os.environ.get("UPDATE_DOCS"):
        DOC.write_text(table(), "utf-8")
    assert DOC.read_text("utf-8") == table(), (
        "run: UPDATE_DOCS=1 pytest tests/unit/test_bad_inputs.py"
    )
