"""A build killed at any moment (SIGKILL) leaves each output either complete or absent, never
truncated, and the next build recovers."""

from __future__ import annotations

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
