"""Command line: parse arguments, call the pipeline, map errors to exit codes.

`main(argv)` returns the exit code, so tests call it in-process. The grammar is in
`options.py`; each command is a function `cmd_<name>(args, out) -> exit code`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from publish.cli.build import cmd_build, cmd_check, cmd_merge, cmd_serve
from publish.cli.inspect import cmd_clean, cmd_inspect, cmd_rules
from publish.cli.options import build_parser
from publish.errors import EXIT_OK, EXIT_USAGE, PublishError

COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "build": cmd_build,
    "check": cmd_check,
    "clean": cmd_clean,
    "inspect": cmd_inspect,
    "merge": cmd_merge,
    "rules": cmd_rules,
    "serve": cmd_serve,
}


def main(
    argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
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
