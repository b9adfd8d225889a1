"""The command line's grammar: commands, options and their checks (argparse)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from publish import __version__
from publish.edition import EDITION_NAMES
from publish.errors import UsageError

EPILOG = """\
commands (each has --help):
  build     build EPUB and PDF editions       publish build seeds/000_x.txt -o build --format epub
                                              publish build --editions zh-Hant --variant s2twp
  clean     print the cleaned text            publish clean seeds/000_x.txt --report changes.json
  inspect   show the detected structure       publish inspect seeds/000_x.txt --json
  check     validate EPUBs with EPUBCheck      publish check build/
  merge     join the builds of shards         publish merge shard-1/ shard-2/ -o build
  serve     preview, rebuilt on change        publish serve seeds/ --port 8000
  rules     list the normalisation rules      publish rules

exit codes: 0 ok, 1 some inputs failed, 2 usage, 3 bad input, 4 bad config,
            5 rendering failed, 6 missing font/program/directory,
            7 suspicious traditional conversions (--strict-script)
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() controls the exit code."""

    def error(self, message: str) -> Any:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
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
        "--strict",
        action="store_true",
        help="fail an input whose sidecar has a fix that does not apply (stale or ambiguous)",
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
    inspect.add_argument(
        "--fixes",
        action="store_true",
        help="every decision a sidecar [[fix]] can change, with the anchor it would use",
    )
    _encoding_option(inspect)

    check = sub.add_parser(
        "check",
        help="validate EPUBs with EPUBCheck and print a summary",
        description="Example: publish check build/  (default: the build directory)",
    )
    check.add_argument("paths", nargs="*", type=Path, help="EPUB files or directories")

    merge = sub.add_parser(
        "merge",
        help="join the builds of --shard jobs into one build (run report and catalogue)",
        description="Example: publish merge shard-1/ shard-2/ -o build",
    )
    merge.add_argument("dirs", nargs="+", type=Path, help="the shards' output folders")
    merge.add_argument("-o", "--output", type=Path, required=True, help="the merged build")

    served = sub.add_parser(
        "serve",
        help="a local preview (127.0.0.1) that rebuilds on change; review-page fixes are saved",
        description="Example: publish serve seeds/ --port 8000",
    )
    served.add_argument("paths", nargs="*", type=Path, help="input files or directories")
    served.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (8000)")
    served.add_argument("-o", "--output", type=Path, help="build directory (default: build)")
    served.add_argument("--pdf", action="store_true", help="build the PDFs too (slower)")

    sub.add_parser(
        "rules", help="list the normalisation rules", description="Example: publish rules"
    )
    return parser


def _encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        help="the inputs' encoding (gb18030, big5, big5hkscs, utf-16 …) instead of detection",
    )


def encoding_of(args: argparse.Namespace) -> str | None:
    from publish.config import validate_encoding  # noqa: PLC0415

    return validate_encoding(args.encoding) if args.encoding else None


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("must be a whole number of at least 1")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError("must be a port number (0 to 65535)")
    return int(value)


def _shard(value: str) -> tuple[int, int]:
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError("must be K/N with 1 <= K <= N, e.g. 2/4")
    return int(k), int(n)


def comma_list(
    value: str | None, default: tuple[str, ...], validate: Callable[[tuple[str, ...]], None]
) -> tuple[str, ...]:
    """A comma-separated option, validated; the configured default when it is not given."""
    if value is None:
        return default
    items = tuple(item.strip() for item in value.split(",") if item.strip())
    validate(items)
    return items
