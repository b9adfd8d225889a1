"""Command line: parse arguments, call the pipeline, map errors to exit codes.

`main(argv)` returns the exit code, so tests call it in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from publish import __version__
from publish.edition import EDITION_NAMES
from publish.errors import (
    EXIT_FAILED_INPUTS,
    EXIT_OK,
    EXIT_USAGE,
    EnvironmentProblem,
    PublishError,
    UsageError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from publish.build.batch import RunResult
    from publish.build.pipeline import BuildRequest
    from publish.config import Config
    from publish.render.pagesetup import PageSetup


EPILOG = """\
commands (each has --help):
  build     build EPUB and PDF editions       publish build seeds/000_x.txt -o build --format epub
                                              publish build --editions zh-Hant --variant s2twp
  clean     print the cleaned text            publish clean seeds/000_x.txt --report changes.json
  inspect   show the detected structure       publish inspect seeds/000_x.txt --json
  check     validate EPUBs with EPUBCheck      publish check build/
  rules     list the normalisation rules      publish rules

exit codes: 0 ok, 1 some inputs failed, 2 usage, 3 bad input, 4 bad config,
            5 rendering failed, 6 missing font/program/directory,
            7 suspicious traditional conversions (--strict-script)
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() controls the exit code."""

    def error(self, message: str) -> Any:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="publish",
        description="OCR'd Chinese periodicals -> EPUB 3 and typeset PDF editions.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"publish {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    build = sub.add_parser(
        "build",
        help="build every input (default: seeds/) into build/",
        description="Build EPUB/PDF editions. Example: publish build seeds/ -o build --format epub",
    )
    build.add_argument("paths", nargs="*", type=Path, help="input files or directories")
    build.add_argument("-o", "--output", type=Path, help="output directory (default: build)")
    build.add_argument("--format", help="comma-separated formats: epub,pdf (default: both)")
    build.add_argument(
        "--editions",
        help=f"comma-separated: {','.join(EDITION_NAMES)} (default: both, or publish.toml)",
    )
    build.add_argument(
        "--variant", help="traditional variant: s2t, s2tw, s2twp (Taiwan phrases), s2hk"
    )
    build.add_argument(
        "--strict-script",
        action="store_true",
        help="fail an input whose traditional edition has suspicious conversions (exit 7)",
    )
    build.add_argument(
        "--embed-fonts",
        action="store_true",
        help="EPUB: embed the serif, subset to the characters used (for readers without CJK fonts)",
    )
    build.add_argument(
        "--check", action="store_true", help="validate every EPUB built with EPUBCheck"
    )
    build.add_argument(
        "--print", action="store_true", help="PDF for a print shop: 3 mm bleed and crop marks"
    )
    build.add_argument("--page-size", help="PDF paper: A5 (default), B5, 16K, A4 or '185mm 260mm'")
    build.add_argument(
        "-j", "--jobs", type=_positive, help="worker processes (default: the CPU count)"
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild even inputs whose outputs are current"
    )
    build.add_argument("--fail-fast", action="store_true", help="stop at the first failed input")
    build.add_argument(
        "--shard", type=_shard, help="K/N: build only the K-th of N deterministic parts (CI)"
    )
    build.add_argument("-q", "--quiet", action="store_true", help="only print failures")
    _encoding_option(build)

    clean = sub.add_parser(
        "clean",
        help="print the cleaned text: one paragraph or heading per line",
        description="Example: publish clean seeds/000_x.txt --report changes.json",
    )
    clean.add_argument("path", type=Path)
    clean.add_argument("--report", type=Path, help="write every change and diagnostic as JSON")
    _encoding_option(clean)

    inspect = sub.add_parser(
        "inspect",
        help="show the detected structure (sections, articles, diagnostics)",
        description="Example: publish inspect seeds/000_x.txt --json",
    )
    inspect.add_argument("path", type=Path)
    inspect.add_argument("--json", action="store_true", help="machine-readable JSON")
    _encoding_option(inspect)

    check = sub.add_parser(
        "check",
        help="validate EPUBs with EPUBCheck and print a summary",
        description="Example: publish check build/  (default: the build directory)",
    )
    check.add_argument("paths", nargs="*", type=Path, help="EPUB files or directories")

    sub.add_parser(
        "rules", help="list the normalisation rules", description="Example: publish rules"
    )
    return parser


def _encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        help="the inputs' encoding (gb18030, big5, big5hkscs, utf-16 …) instead of detection",
    )


def _encoding(args: argparse.Namespace) -> str | None:
    from publish.config import validate_encoding  # noqa: PLC0415

    return validate_encoding(args.encoding) if args.encoding else None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("must be a whole number of at least 1")
    return int(value)


def _shard(value: str) -> tuple[int, int]:
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError("must be K/N with 1 <= K <= N, e.g. 2/4")
    return int(k), int(n)


def _comma_list(
    value: str | None, default: tuple[str, ...], validate: Callable[[tuple[str, ...]], None]
) -> tuple[str, ...]:
    """A comma-separated option, validated; the configured default when it is not given."""
    if value is None:
        return default
    items = tuple(item.strip() for item in value.split(",") if item.strip())
    validate(items)
    return items


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
    from publish.build.pipeline import BuildRequest  # noqa: PLC0415
    from publish.config import (  # noqa: PLC0415
        validate_editions,
        validate_formats,
        validate_variant,
    )
    from publish.render.context import build_time  # noqa: PLC0415

    return BuildRequest(
        formats=_comma_list(args.format, config.build.formats, validate_formats),
        editions=_comma_list(args.editions, config.build.editions, validate_editions),
        out_root=args.output or config.output_dir,
        modified=build_time(),
        variant=validate_variant(args.variant) if args.variant else None,
        strict_script=args.strict_script,
        embed_fonts=args.embed_fonts or config.build.embed_fonts,
        page=_page_setup(args, config.pdf),
        encoding=_encoding(args),
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


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
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
        code = max(code, _report_checks(built, out)) if built else code
    return code


def _cmd_clean(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.pipeline import process, review_of  # noqa: PLC0415
    from publish.build.report import dump, review_report  # noqa: PLC0415
    from publish.files import write_text_atomic  # noqa: PLC0415
    from publish.render.plaintext import render_text  # noqa: PLC0415

    processed = process(args.path, encoding=_encoding(args))
    out.write(render_text(processed.issue))
    if args.report:
        source = processed.source
        report = review_report(str(source.path), source.id, review_of(processed))
        write_text_atomic(args.report, dump(report))
    return EXIT_OK


def _cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.pipeline import process  # noqa: PLC0415
    from publish.model import to_jsonable  # noqa: PLC0415

    issue = process(args.path, encoding=_encoding(args)).issue
    if args.json:
        out.write(json.dumps(to_jsonable(issue), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    meta = issue.meta
    print(meta.display_title, file=out)
    details = [
        v
        for v in (meta.publisher, meta.issn and f"ISSN {meta.issn}", meta.cn and f"CN {meta.cn}")
        if v
    ]
    if details:
        print("  " + " · ".join(details), file=out)
    for section in issue.sections:
        print(f"\n{section.title or '(无栏目)'}", file=out)
        for a in section.articles:
            page = f" p.{a.page}" if a.page else ""
            paragraphs = sum(1 for b in a.blocks if b.type.value == "paragraph")
            byline = f" — {a.byline}" if a.byline else ""
            print(
                f"  · {a.title}{byline}{page}  [{paragraphs}¶, L{a.span.first}-{a.span.last}]",
                file=out,
            )
    linked = sum(1 for c in issue.contents if c.article_id)
    print(f"\ncontents: {len(issue.contents)} entries, {linked} matched to articles", file=out)
    levels = Counter(d.level.value for d in issue.diagnostics)
    summary = ", ".join(f"{n} {lvl}" for lvl, n in sorted(levels.items())) or "none"
    print(f"diagnostics: {summary}", file=out)
    for d in issue.diagnostics:
        if d.level.value != "info":
            print(f"  {d.code} L{d.line}: {d.message}", file=out)
    return EXIT_OK


def _cmd_rules(_args: argparse.Namespace, out: TextIO) -> int:
    from publish.normalise import RULES  # noqa: PLC0415

    for rule in RULES:
        flag = " (flag only)" if rule.flag_only else ""
        print(f"{rule.code}  {rule.name:28} {rule.summary}{flag}", file=out)
    return EXIT_OK


def _report_checks(paths: list[Path], out: TextIO) -> int:
    from publish.build.validate import check_epubs, summarise  # noqa: PLC0415

    results = check_epubs(paths, jobs=os.cpu_count() or 2)
    for result in results:
        for line in summarise(result):
            print(line, file=out)
    failed = sum(not r.ok for r in results)
    print(f"EPUBCheck: {len(results)} checked, {failed} failed", file=out)
    return EXIT_FAILED_INPUTS if failed else EXIT_OK


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.validate import find_epubs  # noqa: PLC0415
    from publish.config import load_config  # noqa: PLC0415

    paths = args.paths or [load_config(Path.cwd()).output_dir]
    epubs = find_epubs(paths)
    if not epubs:
        raise UsageError("no EPUB files found", hint="run `publish build` first, or give paths")
    return _report_checks(epubs, out)


COMMANDS = {
    "build": _cmd_build,
    "check": _cmd_check,
    "clean": _cmd_clean,
    "inspect": _cmd_inspect,
    "rules": _cmd_rules,
}


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version exit through argparse
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help(out)
            return EXIT_USAGE
        return COMMANDS[args.command](args, out)
    except PublishError as exc:
        print(f"publish: error: {exc}", file=err)
        return exc.exit_code
    except KeyboardInterrupt:
        print("publish: interrupted", file=err)
        return 130


def main_entry() -> None:
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`publish inspect … | head`): not an error of ours.
        import os  # noqa: PLC0415

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_OK
    sys.exit(code)
