"""A build killed at any moment (SIGKILL) leaves each output either complete or absent, never
truncated, and the next build recovers."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdf
import pytest

from publish.files import exclusive

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "issues" / "web_page.txt"
pytestmark = pytest.mark.e2e


def build(out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "publish", "build", str(FIXTURE), "-o", str(out), "-q",
         "--force", "-j", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def assert_complete_or_absent(out: Path) -> None:
    for path in out.rglob("*"):
        if path.name.startswith(".") or not path.is_file():
            continue  # temporary files (never under a final name) and stamps
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as zf:
                assert zf.testzip() is None, path
        elif path.suffix == ".pdf":
            assert path.read_bytes().rstrip().endswith(b"%%EOF"), path
            assert len(pypdf.PdfReader(path).pages) > 0
        elif path.suffix == ".json":
            json.loads(path.read_text("utf-8"))
        elif path.suffix == ".html":
            assert path.read_text("utf-8").rstrip().endswith("</html>"), path


def test_sigkill_at_random_points_never_leaves_a_truncated_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    chooser = random.Random(20261123)
    kills = 0
    for _ in range(8):
        proc = build(out)
        time.sleep(chooser.uniform(0.1, 1.2))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        assert_complete_or_absent(out)
    assert kills >= 4, kills  # most runs were really interrupted
    # the next build recovers: every output complete
    assert build(out).wait() == 0
    assert_complete_or_absent(out)
    report = json.loads((out / "web_page" / "report.json").read_text("utf-8"))
    assert report["status"] == "ok" and len(report["outputs"]) == 4
    assert not list(out.rglob("*.tmp"))  # the killed builds' temporaries were cleared


def test_concurrent_builds_into_one_directory_stay_consistent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # Different settings, so interleaved writes would pair one build's files with the other's
    # report and stamp.
    command = [sys.executable, "-m", "publish", "build", str(FIXTURE), "-o", str(out)]
    options = ["-j", "1", "--format", "epub", "--variant"]
    with exclusive(out):  # all three start while the directory is busy, so they must queue
        runs = [
            subprocess.Popen(
                [*command, *options, variant],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for variant in ("s2t", "s2tw", "s2hk")
        ]
        time.sleep(2)
    outputs = [proc.communicate(timeout=120)[0] for proc in runs]
    assert [proc.returncode for proc in runs] == [0, 0, 0], outputs
    assert sum("waiting for another build" in text for text in outputs) >= 1
    assert_complete_or_absent(out)
    report = json.loads((out / "web_page" / "report.json").read_text("utf-8"))
    for output in report["outputs"]:  # the report describes exactly the files on disk
        data = Path(output["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == output["sha256"]
    assert not list(out.rglob("*.tmp"))
