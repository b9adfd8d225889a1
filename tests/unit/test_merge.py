"""`publish merge`: the builds of a CI matrix's shards make the build one job would have made."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from publish.build.batch import shard
from publish.cli import main
from publish.errors import EXIT_FAILED_INPUTS, EXIT_INPUT, EXIT_OK

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
NAMES = ("a", "b", "c", "d", "e")
# Long enough for the reprint sketch: the same article in every input, found across shards.
ARTICLE = (
    "主题教育开展以来，各级党组织坚持以学铸魂、以学增智、以学正风、以学促干，聚焦群众急难愁盼。" * 6
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    page = (FIXTURES / "web_page.txt").read_text("utf-8")
    for name in NAMES:
        (folder / f"{name}.txt").write_text(f"{page}\n\n{ARTICLE}\n", "utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01 binary")  # fails in whichever shard holds it
    paths = sorted(folder.glob("*.txt"))
    assert shard(paths, (1, 2)) and shard(paths, (2, 2)), "both shards must hold inputs"
    return folder


def _without_timings(report: dict[str, object]) -> dict[str, object]:
    results = report["results"]
    assert isinstance(results, list)
    return report | {"results": [r | {"timings": None} for r in results]}


def build(cwd: Path, inputs: Path, out: str, *extra: str) -> int:
    cwd.mkdir(parents=True, exist_ok=True)
    code, _, _ = run("build", str(inputs), "-o", str(cwd / out), "--format", "epub", "-j", "1",
                     *extra)  # fmt: skip
    return code


def test_merged_shards_equal_one_build(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    # Output paths are recorded as given: build and merge into `build` from sibling folders.
    (tmp_path / "one").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    assert run("build", str(inputs), "-o", "build", "--format", "epub", "-j", "1")[0] == (
        EXIT_FAILED_INPUTS
    )
    (tmp_path / "shards").mkdir()
    monkeypatch.chdir(tmp_path / "shards")
    for k in (1, 2):
        run("build", str(inputs), "-o", f"s{k}", "--format", "epub", "-j", "1", "--shard", f"{k}/2")
    (tmp_path / "merged").mkdir()
    monkeypatch.chdir(tmp_path / "merged")
    code, text, _ = run("merge", "../shards/s1", "../shards/s2", "-o", "build")
    assert code == EXIT_FAILED_INPUTS  # the binary input failed, in the merge as in one build
    assert f"{len(NAMES) + 1} inputs from 2 builds, 1 failed" in text

    one, merged = tmp_path / "one" / "build", tmp_path / "merged" / "build"
    one_report = json.loads((one / "report.json").read_text("utf-8"))
    merged_report = json.loads((merged / "report.json").read_text("utf-8"))
    assert _without_timings(merged_report) == _without_timings(one_report)
    assert merged_report["reprints"]  # found across the shards: the same text in every input
    assert (merged / "index.html").read_bytes() == (one / "index.html").read_bytes()
    for name in NAMES:
        for output in (one / name).glob("*.epub"):
            assert (merged / name / output.name).read_bytes() == output.read_bytes()
        own = json.loads((merged / name / "report.json").read_text("utf-8"))
        assert all(o["path"].startswith(f"build/{name}/") for o in own["outputs"])


def test_an_input_in_two_shards_is_refused(inputs: Path, tmp_path: Path) -> None:
    assert build(tmp_path, inputs, "x") == EXIT_FAILED_INPUTS
    assert build(tmp_path, inputs, "y") == EXIT_FAILED_INPUTS
    code, _, err = run("merge", str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(tmp_path / "m"))
    assert code == EXIT_INPUT
    assert "is in two shards" in err and not (tmp_path / "m" / "report.json").exists()


def test_a_folder_that_is_no_build_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("merge", str(tmp_path / "empty"), "-o", str(tmp_path / "m"))
    assert code == EXIT_INPUT
    assert "empty" in err and "no report.json" in err


def test_merging_one_build_into_itself_keeps_it(inputs: Path, tmp_path: Path) -> None:
    for name in NAMES[1:]:
        (inputs / f"{name}.txt").unlink()
    (inputs / "bad.txt").unlink()
    assert build(tmp_path, inputs, "b") == EXIT_OK
    before = (tmp_path / "b" / "a" / "report.json").read_bytes()
    assert run("merge", str(tmp_path / "b"), "-o", str(tmp_path / "b"))[0] == EXIT_OK
    assert (tmp_path / "b" / "a" / "report.json").read_bytes() == before
