"""build/index.html: every built issue with its cover, files and change report; opens cleanly."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from publish.cli import main
from publish.errors import EXIT_FAILED_INPUTS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cat")
    (root / "in").mkdir()
    shutil.copy(FIXTURES / "web_page.txt", root / "in" / "web.txt")
    shutil.copy(FIXTURES / "page_first.txt", root / "in" / "issue.txt")
    (root / "in" / "broken.txt").write_bytes(b"\x00binary")
    code = main(["build", str(root / "in"), "-o", str(root / "out"), "-j", "1"], io.StringIO())
    assert code == EXIT_FAILED_INPUTS  # the broken input; the others built
    return root / "out"


def test_every_link_and_image_resolves(built: Path) -> None:
    html = (built / "index.html").read_text("utf-8")
    targets = re.findall(r'(?:href|src)="([^"#]+)"', html)
    assert len(targets) >= 12  # 2 issues × (4 files + change report + cover)
    assert [t for t in targets if not (built / t).is_file()] == []
    assert html.count('class="card"') == 2 and html.count('class="card failed"') == 1
    assert "NUL" in html  # the failed input's error is shown


def open_in_chromium(page: Path, shot: Path) -> list[str]:
    """Screenshot the page in headless Chromium; return its console messages."""
    chromium = shutil.which("chromium")
    assert chromium, "make test installs chromium"
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--v=0", "--window-size=1200,900", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    return [line for line in result.stderr.splitlines() if "CONSOLE" in line]


def test_opens_in_chromium_without_console_errors(built: Path) -> None:
    reports = sorted(built.glob("*/changes.html"))
    assert [p.parent.name for p in reports] == ["issue", "web"]  # the binary input has none
    for page in (built / "index.html", *reports):
        shot = built / f"{page.parent.name}-{page.stem}.png"
        assert open_in_chromium(page, shot) == []
        assert shot.stat().st_size > 10_000  # a real page, not a blank


def test_the_console_check_sees_errors(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<p>x</p><script>console.error('boom')</script>", "utf-8")
    assert any("boom" in line for line in open_in_chromium(page, tmp_path / "bad.png"))
