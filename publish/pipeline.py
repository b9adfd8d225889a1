"""The pipeline for one input: ingest -> normalise -> structure -> backends, with a report."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from publish.config import Config, load_sidecar
from publish.errors import PublishError, RenderError
from publish.ingest import Source, read_source
from publish.model import Issue, IssueMeta, to_jsonable
from publish.normalise import NormaliseConfig, Normalised, normalise
from publish.plaintext import issue_lines
from publish.structure import detect_structure


@dataclass(frozen=True, slots=True)
class Processed:
    source: Source
    normalised: Normalised
    issue: Issue


def process_source(
    source: Source,
    normalise_config: NormaliseConfig | None = None,
    meta_overrides: IssueMeta | None = None,
) -> Processed:
    normalised = normalise(source.text, normalise_config)
    issue = detect_structure(normalised, source.id, meta_overrides)
    return Processed(source, normalised, issue)


def process(path: Path, normalise_config: NormaliseConfig | None = None) -> Processed:
    """Ingest, normalise and structure one input (with its sidecar metadata, if any)."""
    source = read_source(path)
    return process_source(source, normalise_config, load_sidecar(path))


def clean_lines(path: Path) -> list[str]:
    return list(issue_lines(process(path).issue))


@dataclass
class Timer:
    """Wall-clock time per stage, for the report."""

    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = round(time.perf_counter() - start, 4)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def changes_report(processed: Processed) -> dict[str, Any]:
    """Every change and diagnostic of one input, as JSON-ready data (the review report)."""
    changes = processed.normalised.changes
    diagnostics = processed.issue.diagnostics
    by_rule = Counter(c.rule for c in changes)
    levels = Counter(d.level.value for d in diagnostics)
    return {
        "input": str(processed.source.path),
        "id": processed.source.id,
        "encoding": processed.source.encoding,
        "notices": list(processed.source.notices),
        "changes_by_rule": dict(sorted(by_rule.items())),
        "counts": {
            "input_lines": len(processed.source.lines),
            "changes": len(changes),
            "dropped_lines": sum(1 for c in changes if c.kind.value == "drop"),
            "joins": sum(1 for c in changes if c.kind.value == "join"),
            "diagnostics": dict(sorted(levels.items())),
            "sections": len(processed.issue.sections),
            "articles": len(processed.issue.articles),
        },
        "changes": [to_jsonable(c) for c in changes],
        "diagnostics": [to_jsonable(d) for d in diagnostics],
    }


def build_input(
    path: Path,
    config: Config,
    formats: tuple[str, ...],
    out_root: Path,
    modified: datetime,
) -> dict[str, Any]:
    """Build every requested output of one input; return its report (also written to disk).

    Errors are caught per input and recorded, so one bad input never stops a batch.
    """
    from publish.backends import get_backend  # noqa: PLC0415 - backends are heavy imports
    from publish.files import write_text_atomic  # noqa: PLC0415
    from publish.render import build_context  # noqa: PLC0415
    from publish.reprints import article_sketches  # noqa: PLC0415
    from publish.review import render_review  # noqa: PLC0415

    timer = Timer()
    report: dict[str, Any] = {"input": str(path), "id": path.stem, "status": "ok", "outputs": []}
    out_dir = out_root / path.stem
    try:
        with timer.stage("ingest"):
            source = read_source(path)
            overrides = load_sidecar(path)
        with timer.stage("normalise"):
            normalised = normalise(source.text, config.normalise)
        with timer.stage("structure"):
            issue = detect_structure(normalised, source.id, overrides)
        processed = Processed(source, normalised, issue)
        report |= changes_report(processed)
        report["title"] = issue.meta.display_title
        report["sketches"] = article_sketches(issue)
        with timer.stage("review"):
            review = render_review(
                issue.meta.display_title, source.lines, normalised, issue.diagnostics
            )
            write_text_atomic(out_dir / "changes.html", review)
        ctx = build_context(issue, modified=modified)
        for name in formats:
            backend = get_backend(name)
            dest = out_dir / f"{source.id}{backend.suffix}"
            with timer.stage(name):
                backend.write(issue, ctx, dest)
            warnings = getattr(backend, "warnings", [])
            report["outputs"].append(
                {
                    "format": name,
                    "path": str(dest),
                    "bytes": dest.stat().st_size,
                    "sha256": sha256(dest),
                    "warnings": list(warnings),
                }
            )
    except PublishError as exc:
        report["status"] = "failed"
        report["error"] = exc.to_dict()
    except OSError as exc:
        error = RenderError(f"cannot write output: {exc.strerror}", path=exc.filename or out_dir)
        report["status"] = "failed"
        report["error"] = error.to_dict()
    report["timings"] = timer.stages
    try:
        write_text_atomic(out_dir / "report.json", _dump(report))
    except OSError as exc:
        report.setdefault("error", {"message": f"cannot write report: {exc.strerror}"})
        report["status"] = "failed"
    return report


def _dump(data: Any) -> str:
    import json  # noqa: PLC0415

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
