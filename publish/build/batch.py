"""Batch builds: find the inputs, build each one (a failure never stops the others), report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from publish.build.catalogue import write_catalogue
from publish.build.report import ErrorInfo, InputReport, Reprint, dump, run_report
from publish.config import Config
from publish.errors import EXIT_FAILED_INPUTS, EXIT_OK, InputError
from publish.files import exclusive, write_text_atomic
from publish.build.incremental import fingerprint, previous_report, record
from publish.ingest import INPUT_SUFFIXES, id_problem
from publish.build.request import BuildRequest
from publish.build.progress import Progress
from publish.build.reprints import find_reprints


def discover(paths: Iterable[Path]) -> list[Path]:
    """Input files: each `*.txt`, `*.md` and `*.html` in a directory (sorted), or a file given
    directly."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.iterdir() if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError("no such file or directory", path=path)
    return found


def shard(inputs: list[Path], part: tuple[int, int]) -> list[Path]:
    """The K-th of N parts (1-based): an input belongs to the part its id hashes to, so a
    CI matrix of N jobs builds every input exactly once, and adding an input moves no other."""
    k, n = part
    return [p for p in inputs if int(hashlib.sha256(p.stem.encode()).hexdigest(), 16) % n == k - 1]


def duplicate_ids(inputs: list[Path]) -> dict[str, list[Path]]:
    seen: dict[str, list[Path]] = {}
    for path in inputs:
        seen.setdefault(path.stem, []).append(path)
    return {k: v for k, v in seen.items() if len(v) > 1}


@dataclass(frozen=True, slots=True)
class RunResult:
    reports: list[InputReport]
    planned: int = 0  # inputs asked for (fail-fast may leave some unbuilt)

    @property
    def reprints(self) -> list[Reprint]:
        """Articles that appear in two inputs (e.g. a web repost of a magazine article)."""
        return find_reprints({r.id: r.sketches for r in self.reports if r.ok})

    @property
    def failed(self) -> list[InputReport]:
        return [r for r in self.reports if not r.ok]

    @property
    def exit_code(self) -> int:
        if not self.failed:
            return EXIT_OK
        if max(len(self.reports), self.planned) == 1:
            error = self.failed[0].error
            return error.exit_code if error is not None else EXIT_FAILED_INPUTS
        return EXIT_FAILED_INPUTS


def _duplicate_report(path: Path, others: list[Path]) -> InputReport:
    error = InputError(
        f"duplicate input id “{path.stem}” (also {', '.join(str(o) for o in others if o != path)})",
        path=path,
        hint="rename one of the files",
    )
    return _error_report(path, error)


def _error_report(path: Path, error: InputError) -> InputReport:
    """A failure found before building, so no per-input report is written (only the run's)."""
    return InputReport(str(path), path.stem).failed(ErrorInfo.of(error))


def _reuse_or_none(
    path: Path, config: Config, request: BuildRequest, *, force: bool
) -> tuple[str, InputReport | None]:
    digest = fingerprint(path, config, request)
    if force:
        return digest, None
    return digest, previous_report(request.out_root / path.stem, digest)


def build_all(
    inputs: list[Path],
    *,
    config: Config,
    request: BuildRequest,
    jobs: int = 1,
    force: bool = False,
    fail_fast: bool = False,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> RunResult:
    """Build every input (in `jobs` worker processes), skipping those whose outputs are current.

    A failed input never stops the others unless `fail_fast`; reports keep the input order.
    Builds into one output directory take turns (`on_wait` hears when this one has to wait).
    """
    with exclusive(request.out_root, on_wait):
        reports, pending = _plan(inputs, config, request, force=force)
        jobs = min(jobs, len(pending)) or 1
        return _run(
            inputs,
            reports,
            _order(pending, jobs),
            config=config,
            request=request,
            jobs=jobs,
            fail_fast=fail_fast,
            progress=progress,
        )


def _plan(
    inputs: list[Path], config: Config, request: BuildRequest, *, force: bool
) -> tuple[dict[Path, InputReport], dict[Path, str]]:
    """Reports of the inputs that need no build (current, or failed before building), and the
    fingerprints of those to build."""
    duplicates = duplicate_ids(inputs)
    reports: dict[Path, InputReport] = {}
    pending: dict[Path, str] = {}
    for path in inputs:
        if path.stem in duplicates:
            reports[path] = _duplicate_report(path, duplicates[path.stem])
            continue
        if (problem := id_problem(path)) is not None:
            reports[path] = _error_report(path, problem)
            continue
        try:
            digest, previous = _reuse_or_none(path, config, request, force=force)
        except OSError:
            digest, previous = "", None  # unreadable: build_input reports it properly
        if previous is not None:
            reports[path] = previous
        else:
            pending[path] = digest
    return reports, pending


def _order(pending: dict[Path, str], jobs: int) -> dict[Path, str]:
    if jobs > 1:
        # Biggest first (by input size), so a big issue does not start last and run alone.
        return dict(sorted(pending.items(), key=lambda item: _size(item[0]), reverse=True))
    return pending


def _run(
    inputs: list[Path],
    reports: dict[Path, InputReport],
    pending: dict[Path, str],
    *,
    config: Config,
    request: BuildRequest,
    jobs: int,
    fail_fast: bool,
    progress: Progress | None,
) -> RunResult:
    if progress is not None:
        progress.planned([p.stem for p in inputs], [p.stem for p in pending], jobs)
        for report in (reports[p] for p in inputs if p in reports):
            progress.finished(report)

    def finished(path: Path, report: InputReport) -> bool:
        reports[path] = report
        if report.ok and pending[path]:
            record(request.out_root / path.stem, pending[path])
        if progress is not None:
            progress.finished(report)
        return fail_fast and not report.ok

    if jobs > 1:
        _run_pool(pending, config, request, jobs, finished)
    elif pending:
        from publish.build.pipeline import build_input  # noqa: PLC0415 - only when building

        for path in pending:
            if finished(path, build_input(path, config, request)):
                break
    result = RunResult([reports[p] for p in inputs if p in reports], planned=len(inputs))
    write_run_report(result, request.out_root)
    write_catalogue(result.reports, request.out_root)
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # unreadable: build_input reports it


def _run_pool(
    pending: dict[Path, str],
    config: Config,
    request: BuildRequest,
    jobs: int,
    finished: Callable[[Path, InputReport], bool],
) -> None:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # noqa: PLC0415

    from publish.build.pipeline import build_input  # noqa: PLC0415 - only when building

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_input, path, config, request): path for path in pending}
        remaining = set(futures)
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for future in done:
                if finished(futures[future], future.result()):
                    for other in remaining:
                        other.cancel()
                    return


def write_run_report(result: RunResult, out_root: Path) -> Path:
    return write_text_atomic(out_root / "report.json", dump(run_report(result.reports, result.reprints)))
