"""`publish merge DIR... -o OUT`: the builds of a CI matrix's shards joined into one.

Each shard (`publish build --shard K/N -o DIR`) leaves its issues' folders, its run report and
its catalogue, covering that shard only. Merging reads every shard's reports back into typed
reports, copies the issues' folders into OUT (each file written whole, never half), points the
reports at the copies, and writes the one run report and catalogue an unsharded build would
have written: the same inputs in the same order, the reprints found across all of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from publish.build.batch import RunResult, write_run_report
from publish.build.catalogue import write_catalogue
from publish.build.report import ErrorInfo, InputReport, dump
from publish.errors import InputError
from publish.files import exclusive, write_bytes_atomic, write_text_atomic

RUN_REPORT = "report.json"


def _json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read a build report: {exc}", path=path) from exc
    if not isinstance(data, dict):
        raise InputError("not a build report (not a JSON object)", path=path)
    return data


def _from_summary(result: dict[str, object]) -> InputReport:
    """An input that failed before it was built has no report of its own: its line in the
    run report is all there is."""
    error, title = result.get("error"), result.get("title")
    return InputReport(
        str(result["input"]),
        str(result["id"]),
        "failed" if result.get("status") != "ok" else "ok",
        title=title if isinstance(title, str) else None,
        error=ErrorInfo.from_json(error) if isinstance(error, dict) else None,
    )


def read_shard(root: Path) -> list[InputReport]:
    """The reports of one shard's build, in its order."""
    run = root / RUN_REPORT
    if not run.is_file():
        raise InputError(
            "not a build folder: it has no report.json",
            path=root,
            hint="give the -o folders of `publish build --shard K/N`",
        )
    results = _json(run).get("results")
    if not isinstance(results, list):
        raise InputError("not a run report (no results)", path=run)
    reports = []
    for result in results:
        own = root / str(result["id"]) / RUN_REPORT
        report = _from_summary(result)
        if own.is_file():
            found = InputReport.from_json(_json(own))
            if found.status == report.status:  # not an older build's report
                report = found
        reports.append(replace(report, skipped=bool(result.get("skipped", False))))
    return reports


def _copy_folder(source: Path, dest: Path) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            write_bytes_atomic(dest / path.relative_to(source), path.read_bytes())


def _moved(report: InputReport, folder: Path) -> InputReport:
    """The report with its outputs where the merged build holds them."""
    outputs = tuple(replace(o, path=str(folder / Path(o.path).name)) for o in report.outputs)
    return replace(report, outputs=outputs)


def merge_builds(
    roots: Sequence[Path], out_root: Path, on_wait: Callable[[str], None] | None = None
) -> RunResult:
    """Join the shards' builds in `roots` into `out_root`; return the merged run."""
    merged: dict[str, tuple[Path, InputReport]] = {}
    for root in roots:
        for report in read_shard(root):
            if report.id in merged:
                raise InputError(
                    f"input id “{report.id}” is in two shards (also {merged[report.id][0]})",
                    path=root,
                    hint="merge the shards of one run: each input is built by one shard",
                )
            merged[report.id] = (root, report)
    out_root.mkdir(parents=True, exist_ok=True)
    with exclusive(out_root, on_wait):
        reports = []
        for root, report in merged.values():
            folder = out_root / report.id
            moved = _moved(report, folder)
            if (root / report.id).is_dir() and root.resolve() != out_root.resolve():
                _copy_folder(root / report.id, folder)
                if (folder / RUN_REPORT).is_file():  # its own report, pointing at the copies
                    write_text_atomic(folder / RUN_REPORT, dump(moved.to_json()))
            reports.append(moved)
        reports.sort(key=lambda r: r.input)  # the order of one build over all the inputs
        result = RunResult(reports, planned=len(reports))
        write_run_report(result, out_root)
        write_catalogue(result.reports, out_root)
    return result
