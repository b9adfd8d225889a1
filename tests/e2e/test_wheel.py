"""The wheel is what people install (`pip install`, `pipx install`): it must carry the
templates and styles, and build an issue from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from publish.errors import EnvironmentProblem
from publish.render.context import check_resources

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "004_af46ed9cd8e349aa.txt"  # a single web article: quick to build
SOURCES = ("pyproject.toml", "README.md", "publish", "templates", "styles")

pytestmark = pytest.mark.e2e


def _wheel(tmp_path: Path) -> Path:
    """Build the wheel from a copy of the sources (an in-tree build would leave `build/`)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, src / name)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(dist)],
        check=True,
        capture_output=True,
    )
    return next(dist.glob("publish-*.whl"))


def test_the_wheel_carries_its_resources_and_builds_from_another_folder(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("templates", "styles"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                assert f"publish/{folder}/{path.relative_to(ROOT / folder)}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy2(SEED, elsewhere / "issue.txt")
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import publish; print(publish.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(site))  # the wheel's copy, not the checkout
    run = subprocess.run(
        [sys.executable, "-m", "publish", "build", "issue.txt", "-o", "out", "--format", "epub"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert list((elsewhere / "out").rglob("*.epub"))


def test_a_missing_resource_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem) as raised:
        check_resources(tmp_path / "templates")
    assert "templates" in raised.value.message and raised.value.hint
