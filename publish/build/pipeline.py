"""The pipeline for one input: ingest -> normalise -> structure -> backends, with a report."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from publish.config import Config, Sidecar, load_sidecar
from publish.edition import SIMPLIFIED, edition_of
from publish.errors import InputError, PublishError, RenderError, ScriptCheckError
from publish.ingest import Source, read_source
from publish.model import Issue, IssueMeta, Level, to_jsonable
from publish.normalise import NormaliseConfig, Normalised, normalise
from publish.render.pagesetup import PageSetup
from publish.render.plaintext import issue_lines
from publish.script import ScriptConfig
from publish.structure import detect_structure, merge_meta


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
    normalised = normalise(source.text, normalise_config, source.reading)
    return Processed(source, normalised, structure_source(normalised, source, meta_overrides))


def input_overrides(source: Source, meta_overrides: IssueMeta | None) -> IssueMeta | None:
    """What the input declares about itself (front matter, `<meta>` tags) wins over what the
    structure stage reads from the text; the sidecar wins over both."""
    if source.reading is None:
        return meta_overrides
    return merge_meta(source.meta, meta_overrides) if meta_overrides else source.meta


def structure_source(
    normalised: Normalised, source: Source, meta_overrides: IssueMeta | None
) -> Issue:
    """`structure()` with what the input declares about itself; the ingest stage's
    diagnostics (a truncated file, a code fence) come first."""
    issue = structure(normalised, source.id, input_overrides(source, meta_overrides))
    return replace(issue, diagnostics=source.diagnostics + issue.diagnostics)


def structure(normalised: Normalised, source_id: str, meta_overrides: IssueMeta | None) -> Issue:
    """The issue's structure, its language set to the script it is printed in."""
    issue = detect_structure(normalised, source_id, meta_overrides)
    declared = meta_overrides is not None and meta_overrides.language != IssueMeta().language
    if not declared and normalised.printed is not SIMPLIFIED:  # a sidecar's `language` wins
        issue = replace(issue, meta=replace(issue.meta, language=normalised.printed.language))
    return issue


def process(
    path: Path, normalise_config: NormaliseConfig | None = None, encoding: str | None = None
) -> Processed:
    """Ingest, normalise and structure one input (with its sidecar metadata, if any).
    `encoding` (the command line's) wins over the sidecar's `[input] encoding`."""
    sidecar = load_sidecar(path)
    source = read_source(path, encoding or sidecar.encoding)
    return process_source(source, normalise_config, sidecar.meta)


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
            elapsed = time.perf_counter() - start
            self.stages[name] = round(self.stages.get(name, 0.0) + elapsed, 4)  # stages may repeat


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def structure_summary(issue: Issue) -> dict[str, Any]:
    """How the structure was read, and whether it is in doubt (S104)."""
    doubts = [d.message for d in issue.diagnostics if d.code == "S104"]
    return {
        "contents_entries": len(issue.contents),
        "contents_found": sum(1 for e in issue.contents if e.article_id),
        "articles": len(issue.articles),
        "doubt": doubts[0] if doubts else None,
    }


def changes_report(processed: Processed) -> dict[str, Any]:
    """Every change and diagnostic of one input, as JSON-ready data (the review report)."""
    changes = processed.normalised.changes
    diagnostics = processed.issue.diagnostics
    by_rule = Counter(c.rule for c in changes)
    levels = Counter(d.level.value for d in diagnostics)
    return {
        "input": str(processed.source.path),
        "id": processed.source.id,
        "format": processed.source.format.value,
        "encoding": processed.source.encoding,
        "encoding_by": processed.source.encoding_method,
        "encodings_tried": list(processed.source.encodings_tried),
        "notices": list(processed.source.notices),
        "changes_by_rule": dict(sorted(by_rule.items())),
        "structure": structure_summary(processed.issue),
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


def editions_of(
    issue: Issue, editions: tuple[str, ...], script: ScriptConfig
) -> Iterator[tuple[str, Issue]]:
    """(edition name, issue) for the simplified and/or the traditional edition; the one in the
    script the source is printed in is the issue as printed, the other one is converted.

    The name (zh-Hans, zh-Hant) goes into file names, so they do not change with the variant;
    the variant's full language tag (zh-Hant-TW, zh-Hant-HK) is in the edition's metadata.
    """
    from publish.script import convert_issue, simplified_edition  # noqa: PLC0415 - OpenCC

    printed = edition_of(issue.meta.language).name
    for edition in editions:
        if edition == printed:
            yield edition, issue
        elif edition == SIMPLIFIED.name:
            yield edition, simplified_edition(issue)
        else:
            yield edition, convert_issue(issue, script)


def _strict_failures(issue: Issue) -> list[str]:
    return [d.message for d in issue.diagnostics if d.code == "T101" and d.level is Level.ERROR]


def _write_editions(
    processed: Processed,
    script: ScriptConfig,
    request: BuildRequest,
    timer: Timer,
    report: dict[str, Any],
) -> None:
    """Render every requested edition of one issue in every requested format."""
    from publish.backends import BackendOptions, get_backend  # noqa: PLC0415 - heavy imports
    from publish.render.context import build_context  # noqa: PLC0415

    issue, source = processed.issue, processed.source
    out_dir = request.out_root / source.id
    editions = editions_of(issue, request.editions, script)
    while True:
        with timer.stage("script"):  # conversion happens lazily, as the edition is drawn
            drawn = next(editions, None)
        if drawn is None:
            break
        name, edition = drawn
        language = edition.meta.language
        if edition is not issue:
            converted = [to_jsonable(d) for d in edition.diagnostics if d.code == "T101"]
            report["editions"].append({"language": language, "diagnostics": converted})
            if script.strict and (strict := _strict_failures(edition)):
                raise ScriptCheckError(
                    f"{len(strict)} suspicious conversion(s), e.g. {strict[0]}",
                    path=source.path,
                )
        ctx = build_context(edition, modified=request.modified)
        for fmt in request.formats:
            options = BackendOptions(embed_fonts=request.embed_fonts, page=request.page)
            backend = get_backend(fmt, options)
            dest = out_dir / f"{source.id}.{name}{backend.suffix}"
            with timer.stage(f"{fmt}:{name}"):
                backend.write(edition, ctx, dest)
            report["outputs"].append(_output_record(fmt, language, dest, backend))


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What to build for each input of a run."""

    formats: tuple[str, ...]
    editions: tuple[str, ...]
    out_root: Path
    modified: datetime
    variant: str | None = None  # the command line's choice wins over sidecar and publish.toml
    strict_script: bool = False
    embed_fonts: bool = False
    page: PageSetup = field(default_factory=PageSetup)
    encoding: str | None = None  # the command line's --encoding: wins over the sidecar's

    def script(self, configured: ScriptConfig) -> ScriptConfig:
        return replace(
            configured,
            variant=self.variant or configured.variant,  # type: ignore[arg-type]
            strict=self.strict_script or configured.strict,
        )


def _process_and_review(
    path: Path, config: Config, timer: Timer, out_dir: Path, encoding: str | None
) -> tuple[Processed, Sidecar]:
    from publish.files import write_text_atomic  # noqa: PLC0415
    from publish.build.review import render_review  # noqa: PLC0415

    with timer.stage("ingest"):
        sidecar = load_sidecar(path)
        source = read_source(path, encoding or sidecar.encoding)
    with timer.stage("normalise"):
        normalised = normalise(source.text, config.normalise, source.reading)
    with timer.stage("structure"):
        issue = structure_source(normalised, source, sidecar.meta)
    with timer.stage("review"):
        review = render_review(
            issue.meta.display_title, source.lines, normalised, issue.diagnostics
        )
        write_text_atomic(out_dir / "changes.html", review)
    if not issue.articles:
        raise InputError(
            "no text left after cleaning: every line was dropped as furniture",
            path=path,
            hint="see changes.html for why each line was dropped",
        )
    return Processed(source, normalised, issue), sidecar


def build_input(path: Path, config: Config, request: BuildRequest) -> dict[str, Any]:
    """Build every requested output of one input; return its report (also written to disk).

    Errors are caught per input and recorded, so one bad input never stops a batch.
    """
    from publish.files import write_text_atomic  # noqa: PLC0415
    from publish.build.reprints import article_sketches  # noqa: PLC0415

    timer = Timer()
    report: dict[str, Any] = {"input": str(path), "id": path.stem, "status": "ok", "outputs": []}
    out_dir = request.out_root / path.stem
    try:
        processed, sidecar = _process_and_review(path, config, timer, out_dir, request.encoding)
        report |= changes_report(processed)
        report["title"] = processed.issue.meta.display_title
        report["sketches"] = article_sketches(processed.issue)
        report["editions"] = []
        script = request.script(sidecar.script(config.script))
        _write_editions(processed, script, request, timer, report)
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


def _output_record(name: str, language: str, dest: Path, backend: Any) -> dict[str, Any]:
    return {
        "format": name,
        "language": language,
        "path": str(dest),
        "bytes": dest.stat().st_size,
        "sha256": sha256(dest),
        "warnings": list(getattr(backend, "warnings", [])),
        **getattr(backend, "details", {}),
    }


def _dump(data: Any) -> str:
    import json  # noqa: PLC0415

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
