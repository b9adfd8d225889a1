"""Batch builds: find the inputs, build each one (a failure never stops the others), report."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from publish import __version__
from publish.config import Config
from publish.errors import EXIT_FAILED_INPUTS, EXIT_OK, InputError
from publish.files import write_text_atomic
from publish.pagesetup import PageSetup
from publish.pipeline import BuildRequest, build_input
from publish.reprints import find_reprints


def discover(paths: Iterable[Path]) -> list[Path]:
    """Input files: each `*.txt` in a directory (sorted), or a file given directly."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or directory", path=path)
    return found


def duplicate_ids(inputs: list[Path]) -> dict[str, list[Path]]:
    seen: dict[str, list[Path]] = {}
    for path in inputs:
        seen.setdefault(path.stem, []).append(path)
    return {k: v for k, v in seen.items() if len(v) > 1}


@dataclass(frozen=True, slots=True)
class RunResult:
    reports: list[dict[str, Any]]

    @property
    def reprints(self) -> list[dict[str, Any]]:
        """Articles that appear in two inputs (e.g. a web repost of a magazine article)."""
        ok = {r["id"]: r.get("sketches", []) for r in self.reports if r["status"] == "ok"}
        return [found.to_dict() for found in find_reprints(ok)]

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.reports if r["status"] != "ok"]

    @property
    def exit_code(self) -> int:
        if not self.failed:
            return EXIT_OK
        if len(self.reports) == 1:
            return int(self.failed[0].get("error", {}).get("exit_code", EXIT_FAILED_INPUTS))
        return EXIT_FAILED_INPUTS


def _duplicate_report(path: Path, others: list[Path]) -> dict[str, Any]:
    error = InputError(
        f"duplicate input id “{path.stem}” (also {', '.join(str(o) for o in others if o != path)})",
        path=path,
        hint="rename one of the files",
    )
    return {"input": str(path), "id": path.stem, "status": "failed", "error": error.to_dict()}


def build_all(
    inputs: list[Path],
    *,
    config: Config,
    formats: tuple[str, ...],
    out_root: Path,
    modified: datetime,
    editions: tuple[str, ...] | None = None,
    variant: str | None = None,
    strict_script: bool = False,
    embed_fonts: bool = False,
    page: PageSetup | None = None,
    progress: Any = None,
) -> RunResult:
    request = BuildRequest(
        formats,
        editions or config.build.editions,
        out_root,
        modified,
        variant,
        strict_script,
        embed_fonts or config.build.embed_fonts,
        page or config.pdf,
    )
    duplicates = duplicate_ids(inputs)
    reports: list[dict[str, Any]] = []
    for path in inputs:
        if path.stem in duplicates:
            report = _duplicate_report(path, duplicates[path.stem])
        else:
            report = build_input(path, config, request)
        reports.append(report)
        if progress is not None:
            progress(report)
    result = RunResult(reports)
    write_run_report(result, out_root)
    return result


def write_run_report(result: RunResult, out_root: Path) -> Path:
    summary = {
        "publish_version": __version__,
        "inputs": len(result.reports),
        "failed": len(result.failed),
        "results": [
            {
                "input": r["input"],
                "id": r["id"],
                "status": r["status"],
                "title": r.get("title"),
                "outputs": r.get("outputs", []),
                "timings": r.get("timings", {}),
                "diagnostics": r.get("counts", {}).get("diagnostics", {}),
                "changes": r.get("counts", {}).get("changes", 0),
                "error": r.get("error"),
            }
            for r in result.reports
        ],
        "reprints": result.reprints,
    }
    return write_text_atomic(
        out_root / "report.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
    )
