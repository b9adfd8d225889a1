"""`publish check` and `publish build --check`: EPUBCheck over built files, with a summary."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from publish.cli import main
from publish.errors import EXIT_FAILED_INPUTS, EXIT_OK, EXIT_USAGE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
pytestmark = pytest.mark.e2e


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_build_check_and_check_command(tmp_path: Path) -> None:
    page = str(FIXTURES / "web_page.txt")
    code, out, _ = run("build", page, "-o", str(tmp_path), "--format", "epub", "--check")
    assert code == EXIT_OK, out
    assert "EPUBCheck: 2 checked, 0 failed" in out
    # a damaged copy: the checker names the file and the problem, the exit code says it failed
    good = next(tmp_path.rglob("*.zh-Hans.epub"))
    bad = tmp_path / "bad.epub"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            if not name.endswith("content.opf"):
                dst.writestr(name, src.read(name))
    code, out, _ = run("check", str(bad), str(good))
    assert code == EXIT_FAILED_INPUTS
    assert f"FAILED  {bad}" in out and f"ok      {good}" in out
    assert "EPUBCheck: 2 checked, 1 failed" in out


def test_check_without_epubs_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == EXIT_USAGE and "no EPUB" in err
