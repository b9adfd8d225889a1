"""Incremental builds: an input is rebuilt only when something its outputs depend on changed.

The fingerprint covers the input's bytes, its sidecar, the configuration and the build request
(without the build time), the package's code and data, the templates and styles, and the font
files the editions use. It is stored next to the outputs; a matching fingerprint with every
output still present means the previous report stands.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from publish import __version__
from publish.config import Config, sidecar_path
from publish.edition import EDITIONS
from publish.files import write_text_atomic
from publish.build.request import BuildRequest
from publish.build.report import InputReport
from publish.render.context import STYLES_DIR, TEMPLATES_DIR

STAMP = ".publish-stamp"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _font_files(families: set[str]) -> list[str]:
    """`file:index:size:mtime` of every installed face of the families (one fc-list call)."""
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ["fc-list missing"]
    listing = subprocess.run(
        [fc_list, "-f", "%{family}|%{file}|%{index}\n"],
        capture_output=True, text=True, check=False, timeout=30,
    ).stdout  # fmt: skip
    found = []
    for line in listing.splitlines():
        names, _, rest = line.partition("|")
        if families & set(names.split(",")):
            path, _, index = rest.partition("|")
            try:
                stat = Path(path).stat()
            except OSError:
                continue
            found.append(f"{path}:{index}:{stat.st_size}:{stat.st_mtime_ns}")
    return sorted(set(found))


@cache
def environment_digest() -> str:
    """Code, data, templates, styles and font files: the same for every input of a run."""
    from publish.render.fonts import EMOJI_FAMILY  # noqa: PLC0415

    digest = hashlib.sha256(__version__.encode())
    for root in (PACKAGE_DIR, TEMPLATES_DIR, STYLES_DIR):
        digest.update(_tree_digest(root).encode())
    families = {f for e in EDITIONS for f in (e.serif, e.sans)} | {EMOJI_FAMILY}
    for entry in _font_files(families):
        digest.update(entry.encode())
    return digest.hexdigest()


def fingerprint(path: Path, config: Config, request: BuildRequest) -> str:
    digest = hashlib.sha256(environment_digest().encode())
    digest.update(path.read_bytes())
    sidecar = sidecar_path(path)
    digest.update(sidecar.read_bytes() if sidecar.exists() else b"-")
    digest.update(repr(replace(config, root=Path())).encode())
    # The build time and the output root do not change what is built.
    digest.update(repr(replace(request, modified=_EPOCH, out_root=Path())).encode())
    return digest.hexdigest()


def previous_report(out_dir: Path, digest: str) -> InputReport | None:
    """The last report of this input if its fingerprint matches and its outputs are all there."""
    try:
        if (out_dir / STAMP).read_text("utf-8").strip() != digest:
            return None
        report = InputReport.from_json(json.loads((out_dir / "report.json").read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable, or written by another version: build again
    if not report.ok or not all(Path(o.path).exists() for o in report.outputs):
        return None
    return replace(report, skipped=True)


def record(out_dir: Path, digest: str) -> None:
    write_text_atomic(out_dir / STAMP, digest + "\n")
