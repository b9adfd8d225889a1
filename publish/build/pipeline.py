"""The pipeline for one input: ingest -> normalise -> structure -> backends, with a report."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from publish.build.request import BuildRequest
from publish.build.report import (
    Counts,
    EditionReport,
    ErrorInfo,
    InputReport,
    Output,
    Review,
    StructureSummary,
    dump,
)
from publish.config import Config, Sidecar, load_sidecar, sidecar_path
from publish.edition import SIMPLIFIED, edition_of
from publish.errors import ConfigError, InputError, PublishError, RenderError, ScriptCheckError
from publish.fixes import STALE, Fix
from publish.ingest import Source, read_source
from publish.model import Issue, IssueMeta, Level
from publish.normalise import NormaliseConfig, Normalised, normalise
from publish.lines import ChangeKind
from publish.normalise.fixing import apply_line_fixes, kept_breaks
from publish.render.pagesetup import PageSetup
from publish.render.plaintext import issue_lines
from publish.script import ScriptConfig
from publish.structure import detect_structure, merge_meta

if TYPE_CHECKING:
    from publish.backends import Written


@dataclass(frozen=True, slots=True)
class Processed:
    source: Source
    normalised: Normalised
    issue: Issue


def process_source(
    source: Source,
    normalise_config: NormaliseConfig | None = None,
    meta_overrides: IssueMeta | None = None,
    fixes: Sequence[Fix] = (),
) -> Processed:
    normalised = normalise_source(source, normalise_config, fixes)
    issue = structure_source(normalised, source, meta_overrides, fixes)
    return Processed(source, normalised, issue)


def normalise_source(
    source: Source, config: NormaliseConfig | None, fixes: Sequence[Fix] = ()
) -> Normalised:
    """The rules over the input, then the editor's line and break fixes."""
    config = config or NormaliseConfig()
    if fixes:
        config = replace(config, kept_breaks=kept_breaks(fixes))
    return apply_line_fixes(normalise(source.text, config, source.reading), fixes)


def input_overrides(source: Source, meta_overrides: IssueMeta | None) -> IssueMeta | None:
    """What the input declares about itself (front matter, `<meta>` tags) wins over what the
    structure stage reads from the text; the sidecar wins over both."""
    if source.reading is None:
        return meta_overrides
    return merge_meta(source.meta, meta_overrides) if meta_overrides else source.meta


def structure_source(
    normalised: Normalised,
    source: Source,
    meta_overrides: IssueMeta | None,
    fixes: Sequence[Fix] = (),
) -> Issue:
    """`structure()` with what the input declares about itself; the ingest stage's
    diagnostics (a truncated file, a code fence) come first."""
    issue = structure(normalised, source.id, input_overrides(source, meta_overrides), fixes)
    return replace(issue, diagnostics=source.diagnostics + issue.diagnostics)


def structure(
    normalised: Normalised,
    source_id: str,
    meta_overrides: IssueMeta | None,
    fixes: Sequence[Fix] = (),
) -> Issue:
    """The issue's structure, its language set to the script it is printed in."""
    issue = detect_structure(normalised, source_id, meta_overrides, fixes)
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
    return process_source(source, normalise_config, sidecar.meta, sidecar.fixes)


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


def structure_summary(issue: Issue) -> StructureSummary:
    """How the structure was read, and whether it is in doubt (S104)."""
    doubts = [d.message for d in issue.diagnostics if d.code == "S104"]
    return StructureSummary(
        contents_entries=len(issue.contents),
        contents_found=sum(1 for e in issue.contents if e.article_id),
        articles=len(issue.articles),
        doubt=doubts[0] if doubts else None,
    )


def review_of(processed: Processed) -> Review:
    """Every change and diagnostic of one input (the review report)."""
    source, changes = processed.source, processed.normalised.changes
    diagnostics = processed.issue.diagnostics
    levels = Counter(d.level.value for d in diagnostics)
    counts = Counts(
        input_lines=len(source.lines),
        changes=len(changes),
        dropped_lines=sum(1 for c in changes if c.kind is ChangeKind.DROP),
        joins=sum(1 for c in changes if c.kind is ChangeKind.JOIN),
        diagnostics=dict(sorted(levels.items())),
        sections=len(processed.issue.sections),
        articles=len(processed.issue.articles),
    )
    return Review(
        format=source.format.value,
        encoding=source.encoding,
        encoding_by=source.encoding_method,
        encodings_tried=tuple(source.encodings_tried),
        notices=tuple(source.notices),
        structure=structure_summary(processed.issue),
        counts=counts,
        changes=changes,
        diagnostics=diagnostics,
    )


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
    made: Made,
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
            flagged = tuple(d for d in edition.diagnostics if d.code == "T101")
            made.editions.append(EditionReport(language, flagged))
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
                written = backend.write(edition, ctx, dest)
            made.outputs.append(_output(fmt, language, written))


def _process_and_review(
    path: Path,
    config: Config,
    timer: Timer,
    out_dir: Path,
    request: BuildRequest,
) -> tuple[Processed, Sidecar]:
    from publish.files import write_text_atomic  # noqa: PLC0415
    from publish.build.review import render_review  # noqa: PLC0415

    with timer.stage("ingest"):
        sidecar = load_sidecar(path)
        source = read_source(path, request.encoding or sidecar.encoding)
    with timer.stage("normalise"):
        normalised = normalise_source(source, config.normalise, sidecar.fixes)
    with timer.stage("structure"):
        issue = structure_source(normalised, source, sidecar.meta, sidecar.fixes)
    with timer.stage("review"):
        review = render_review(
            issue.meta.display_title, source.lines, normalised, issue.diagnostics, issue
        )
        write_text_atomic(out_dir / "changes.html", review)
    if request.strict_fixes and (stale := [d.message for d in issue.diagnostics if d.code in STALE]):
        raise ConfigError(
            f"{len(stale)} fix(es) in the sidecar did not apply: {stale[0]}",
            path=sidecar_path(path),
            hint="update or remove them (publish inspect --fixes shows the anchors)",
        )
    if not issue.articles:
        raise InputError(
            "no text left after cleaning: every line was dropped as furniture",
            path=path,
            hint="see changes.html for why each line was dropped",
        )
    return Processed(source, normalised, issue), sidecar


@dataclass
class Made:
    """What an input's build has made so far (kept when a later edition fails)."""

    editions: list[EditionReport] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)


def build_input(path: Path, config: Config, request: BuildRequest) -> InputReport:
    """Build every requested output of one input; return its report (also written to disk).

    Errors are caught per input and recorded, so one bad input never stops a batch.
    """
    from publish.build.reprints import article_sketches  # noqa: PLC0415
    from publish.files import write_text_atomic  # noqa: PLC0415

    timer, made = Timer(), Made()
    report = InputReport(str(path), path.stem)
    out_dir = request.out_root / path.stem
    try:
        processed, sidecar = _process_and_review(path, config, timer, out_dir, request)
        report = replace(
            report,
            title=processed.issue.meta.display_title,
            review=review_of(processed),
            sketches=article_sketches(processed.issue),
        )
        script = request.script(sidecar.script(config.script))
        _write_editions(processed, script, request, timer, made)
    except PublishError as exc:
        report = report.failed(ErrorInfo.of(exc))
    except OSError as exc:
        error = RenderError(f"cannot write output: {exc.strerror}", path=exc.filename or out_dir)
        report = report.failed(ErrorInfo.of(error))
    report = replace(
        report, editions=tuple(made.editions), outputs=tuple(made.outputs), timings=timer.stages
    )
    try:
        write_text_atomic(out_dir / "report.json", dump(report.to_json()))
    except OSError as exc:
        error_info = report.error or ErrorInfo(f"cannot write report: {exc.strerror}")
        report = report.failed(error_info)
    return report


def _output(name: str, language: str, written: Written) -> Output:
    dest = written.path
    return Output(
        format=name,
        language=language,
        path=str(dest),
        bytes=dest.stat().st_size,
        sha256=sha256(dest),
        warnings=written.warnings,
        embedded_font_bytes=written.embedded_font_bytes,
    )
