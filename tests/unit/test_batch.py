"""Batch builds: incremental skips, shards, worker processes, fail-fast."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from publish.build import incremental
from publish.build.batch import shard
from publish.build.incremental import fingerprint
from publish.build.request import BuildRequest
from publish.cli import main
from publish.config import Config
from publish.errors import EXIT_FAILED_INPUTS, EXIT_OK, EXIT_USAGE
from publish.normalise import NormaliseConfig
from publish.render.context import build_time
from publish.render.pagesetup import PageSetup
from publish.script import ScriptConfig

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out, io.StringIO())
    return code, out.getvalue()


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(FIXTURES / "web_page.txt", folder / f"{name}.txt")
    return folder


def statuses(out_root: Path) -> dict[str, str]:
    run_report = json.loads((out_root / "report.json").read_text("utf-8"))
    return {r["id"]: ("current" if r["skipped"] else r["status"]) for r in run_report["results"]}


def test_second_build_skips_and_force_rebuilds(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    base = ("build", str(inputs), "-o", str(out), "--format", "epub", "-j", "1")
    assert run(*base)[0] == EXIT_OK
    assert statuses(out) == {"a": "ok", "b": "ok", "c": "ok"}
    code, text = run(*base)
    assert code == EXIT_OK and "0 built, 3 current" in text
    assert statuses(out) == {"a": "current", "b": "current", "c": "current"}
    # input bytes, a sidecar, a deleted output, a different request: each rebuilds what it touches
    (inputs / "a.txt").write_text((inputs / "a.txt").read_text("utf-8") + "\n补记一段。\n", "utf-8")
    (inputs / "b.toml").write_text('[meta]\ntitle = "另一个刊名"\n', "utf-8")
    next((out / "c").glob("*.zh-Hant.epub")).unlink()
    run(*base)
    assert statuses(out) == {"a": "ok", "b": "ok", "c": "ok"}
    run(*base, "--editions", "zh-Hans")
    assert statuses(out) == {"a": "ok", "b": "ok", "c": "ok"}
    run(*base, "--force", "--editions", "zh-Hans")
    assert statuses(out) == {"a": "ok", "b": "ok", "c": "ok"}


def test_fingerprint_covers_config_and_environment(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = BuildRequest(("epub",), ("zh-Hans",), tmp_path, build_time())
    path = inputs / "a.txt"
    first = fingerprint(path, Config(), request)
    assert fingerprint(path, Config(), request) == first
    later = BuildRequest(
        ("epub",), ("zh-Hans",), tmp_path / "x", build_time({"SOURCE_DATE_EPOCH": "9"})
    )
    assert fingerprint(path, Config(), later) == first  # build time and output root do not count
    assert (
        fingerprint(path, Config(), BuildRequest(("pdf",), ("zh-Hans",), tmp_path, build_time()))
        != first
    )
    for changed in (  # each section of publish.toml counts
        Config(normalise=NormaliseConfig(spacing="keep")),
        Config(script=ScriptConfig(variant="s2tw")),
        Config(pdf=PageSetup(size="B5")),
    ):
        assert fingerprint(path, changed, request) != first
    monkeypatch.setattr(incremental, "environment_digest", lambda: "templates changed")
    assert fingerprint(path, Config(), request) != first


def test_tree_digest_sees_content_and_names(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("a", "utf-8")
    first = incremental._tree_digest(tmp_path)
    (tmp_path / "t.j2").write_text("b", "utf-8")
    second = incremental._tree_digest(tmp_path)
    (tmp_path / "t.j2").rename(tmp_path / "u.j2")
    assert len({first, second, incremental._tree_digest(tmp_path)}) == 3


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
def test_shards_cover_every_input_exactly_once(n: int) -> None:
    inputs = [Path(f"seeds/{i:03d}_issue.txt") for i in range(40)]
    parts = [shard(inputs, (k, n)) for k in range(1, n + 1)]
    assert sorted(p for part in parts for p in part) == sorted(inputs)
    assert sum(len(part) for part in parts) == len(inputs)
    assert shard(inputs, (1, n)) == parts[0]  # deterministic


def test_bad_shard_and_jobs_are_usage_errors(inputs: Path) -> None:
    assert run("build", str(inputs), "--shard", "3/2")[0] == EXIT_USAGE
    assert run("build", str(inputs), "--shard", "x")[0] == EXIT_USAGE
    assert run("build", str(inputs), "-j", "0")[0] == EXIT_USAGE


def test_parallel_build_reports_in_input_order_and_isolates_a_bad_input(
    inputs: Path, tmp_path: Path
) -> None:
    (inputs / "b.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    code, text = run("build", str(inputs), "-o", str(out), "--format", "epub", "-j", "2")
    assert code == EXIT_FAILED_INPUTS
    assert statuses(out) == {"a": "ok", "b": "failed", "c": "ok"}
    assert "FAILED" in text and "b.txt" in text


def test_fail_fast_stops_after_the_first_failure(inputs: Path, tmp_path: Path) -> None:
    (inputs / "a.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    code, _ = run(
        "build", str(inputs), "-o", str(out), "--format", "epub", "-j", "1", "--fail-fast"
    )
    assert code == EXIT_FAILED_INPUTS
    assert statuses(out) == {"a": "failed"}


def test_an_epub_only_build_never_imports_weasyprint(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from publish.cli import main; "
        f"main(['build', {str(FIXTURES / 'web_page.txt')!r}, '-o', {str(tmp_path)!r}, "
        "'--format', 'epub', '-j', '1', '-q']); "
        "print(sorted(m for m in ('weasyprint', 'pydyf') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_run_and_input_reports_follow_their_schema(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (inputs / "bad.txt").write_bytes(b"\x00")
    assert run("build", str(inputs), "-o", str(out), "--format", "epub", "-j", "1")[0] == 1
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert set(report) == {"publish_version", "inputs", "failed", "results", "reprints"}
    assert (report["inputs"], report["failed"]) == (4, 1)
    keys = {"input", "id", "status", "skipped", "title", "outputs", "timings", "diagnostics",
            "changes", "error"}  # fmt: skip
    for result in report["results"]:
        assert set(result) == keys
        assert result["status"] in {"ok", "failed"}
        assert all(isinstance(v, float) for v in result["timings"].values())
        assert (result["error"] is None) == (result["status"] == "ok")
        for output in result["outputs"]:
            assert set(output) >= {"format", "language", "path", "bytes", "sha256", "warnings"}
            data = Path(output["path"]).read_bytes()
            assert len(data) == output["bytes"]
            assert hashlib.sha256(data).hexdigest() == output["sha256"]
    failed = next(r for r in report["results"] if r["status"] == "failed")
    assert set(failed["error"]) >= {"message", "path", "exit_code"}
    one = json.loads((out / "a" / "report.json").read_text("utf-8"))
    assert set(one) >= {"input", "id", "status", "outputs", "timings", "counts", "changes",
                        "diagnostics"}  # fmt: skip
    assert set(one["counts"]) >= {"changes", "dropped_lines", "diagnostics", "articles"}
