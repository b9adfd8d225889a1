"""`publish build`, `publish check` and `publish merge`: a batch of inputs into editions,
EPUBCheck, and the builds of shards joined into one."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from publish.cli.options import comma_list, encoding_of
from publish.errors import EXIT_FAILED_INPUTS, EXIT_OK, EnvironmentProblem, UsageError

if TYPE_CHECKING:
    from publish.build.batch import RunResult
    from publish.build.request import BuildRequest
    from publish.config import Config
    from publish.render.pagesetup import PageSetup


def _page_setup(args: argparse.Namespace, configured: PageSetup) -> PageSetup:
    from publish.render.pagesetup import paper_size  # noqa: PLC0415

    page = configured
    if args.page_size:
        paper_size(args.page_size)
        page = replace(page, size=args.page_size)
    if args.print:
        page = replace(page, print_marks=True)
    return page


def _request(args: argparse.Namespace, config: Config) -> BuildRequest:
    from publish.build.request import BuildRequest  # noqa: PLC0415
    from publish.config import (  # noqa: PLC0415
        validate_editions,
        validate_formats,
        validate_variant,
    )
    from publish.render.context import build_time  # noqa: PLC0415

    return BuildRequest(
        formats=comma_list(args.format, config.build.formats, validate_formats),
        editions=comma_list(args.editions, config.build.editions, validate_editions),
        out_root=args.output or config.output_dir,
        modified=build_time(),
        variant=validate_variant(args.variant) if args.variant else None,
        strict_script=args.strict_script,
        embed_fonts=args.embed_fonts or config.build.embed_fonts,
        page=_page_setup(args, config.pdf),
        encoding=encoding_of(args),
        strict_fixes=args.strict,
    )


def _summary(result: RunResult, out_root: Path, out: TextIO) -> None:
    """The end-of-run table: input, editions, outputs, warnings, time."""
    print(
        f"{'input':28} {'status':8} {'editions':18} {'files':>5} {'warn':>5} {'time':>7}", file=out
    )
    for r in result.reports:
        editions = sorted({o.language for o in r.outputs})
        warnings = r.counts.diagnostics.get("warning", 0)
        status = "current" if r.skipped else r.status
        seconds = sum(r.timings.values())
        print(
            f"{r.id[:28]:28} {status:8} {','.join(editions)[:18]:18}"
            f" {len(r.outputs):>5} {warnings:>5} {seconds:>6.1f}s",
            file=out,
        )
    built = sum(1 for r in result.reports if r.ok and not r.skipped)
    current = sum(1 for r in result.reports if r.skipped)
    doubtful = [(r.id, doubt) for r in result.reports if (doubt := r.doubt)]
    for input_id, doubt in doubtful:
        print(f"⚠ {input_id}: structure in doubt — {doubt}", file=out)
    in_doubt = f", {len(doubtful)} in doubt" if doubtful else ""
    print(
        f"{built} built, {current} current, {len(result.failed)} failed{in_doubt} -> {out_root}",
        file=out,
    )


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.batch import build_all, discover, shard  # noqa: PLC0415
    from publish.build.progress import for_stream  # noqa: PLC0415
    from publish.config import load_config  # noqa: PLC0415

    config = load_config(Path.cwd())
    request = _request(args, config)
    if request.out_root.exists() and not request.out_root.is_dir():
        raise EnvironmentProblem(
            "the output path exists and is not a directory",
            path=request.out_root,
            hint="give -o a directory (it is created if missing)",
        )
    paths = args.paths or [config.root / p for p in config.build.inputs]
    inputs = discover(paths)
    if not inputs:
        raise UsageError(
            "no inputs found", hint="give .txt, .md or .html files, or a directory that has some"
        )
    if args.shard:
        inputs = shard(inputs, args.shard)
    progress = for_stream(out, quiet=args.quiet)
    try:
        result = build_all(
            inputs,
            config=config,
            request=request,
            jobs=args.jobs if args.jobs is not None else (os.cpu_count() or 1),
            force=args.force,
            fail_fast=args.fail_fast,
            progress=progress,
            on_wait=lambda message: print(message, file=out, flush=True),
        )
    finally:
        progress.close()
    for found in result.reprints:
        (a_input, a_article, _), (b_input, b_article, b_title) = found.first, found.second
        print(
            f"reprint {a_input}/{a_article} ≈ {b_input}/{b_article}"
            f" ({found.similarity:.2f}): {b_title}",
            file=out,
        )
    if not args.quiet:
        _summary(result, request.out_root, out)
    code = result.exit_code
    if args.check or config.build.check:
        built = [Path(o.path) for r in result.reports for o in r.outputs if o.format != "pdf"]
        code = max(code, report_checks(built, out)) if built else code
    return code


def report_checks(paths: list[Path], out: TextIO) -> int:
    from publish.build.validate import check_epubs, summarise  # noqa: PLC0415

    results = check_epubs(paths, jobs=os.cpu_count() or 2)
    for result in results:
        for line in summarise(result):
            print(line, file=out)
    failed = sum(not r.ok for r in results)
    print(f"EPUBCheck: {len(results)} checked, {failed} failed", file=out)
    return EXIT_FAILED_INPUTS if failed else EXIT_OK


def cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.validate import find_epubs  # noqa: PLC0415
    from publish.config import load_config  # noqa: PLC0415

    paths = args.paths or [load_config(Path.cwd()).output_dir]
    epubs = find_epubs(paths)
    if not epubs:
        raise UsageError("no EPUB files found", hint="run `publish build` first, or give paths")
    return report_checks(epubs, out)


def cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.merge import merge_builds  # noqa: PLC0415

    result = merge_builds(args.dirs, args.output, lambda m: print(m, file=out, flush=True))
    failed = len(result.failed)
    print(
        f"{len(result.reports)} inputs from {len(args.dirs)} builds, {failed} failed"
        f" -> {args.output}",
        file=out,
    )
    return result.exit_code


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.batch import discover  # noqa: PLC0415
    from publish.build.request import BuildRequest  # noqa: PLC0415
    from publish.build.serve import serve  # noqa: PLC0415
    from publish.config import load_config  # noqa: PLC0415
    from publish.render.context import build_time  # noqa: PLC0415

    project = Path.cwd()
    config = load_config(project)
    inputs = discover(args.paths or [config.root / p for p in config.build.inputs])
    if not inputs:
        raise UsageError("no inputs found", hint="give .txt, .md or .html files, or a folder")
    request = BuildRequest(
        formats=("epub", "pdf") if args.pdf else ("epub",),
        editions=config.build.editions,
        out_root=args.output or config.output_dir,
        modified=build_time(),
        page=config.pdf,
    )
    print(f"building {len(inputs)} input(s) into {request.out_root} …", file=out, flush=True)
    server, preview, stop = serve(inputs, request.out_root, project, request, args.port)
    print(f"publish serve: http://127.0.0.1:{preview.port}/?token={preview.token}", file=out)
    print("(rebuilds when an input, its sidecar, publish.toml, a template or a style changes;"
          " Ctrl-C stops)", file=out, flush=True)  # fmt: skip
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return EXIT_OK
