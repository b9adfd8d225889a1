#!/usr/bin/env python3
"""Generate docs/rules.md from the RULES tuple (`make docs`); `--check` fails when it is stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publish.ingest.reading import READER_CODES, InputFormat  # noqa: E402
from publish.normalise import RULES  # noqa: E402
from publish.structure.codes import STRUCTURE_CODES  # noqa: E402

DEST = ROOT / "docs" / "rules.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ⏎ ") if text else "—"


def catalogue() -> str:
    lines = [
        "# Normalisation rules",
        "",
        "Generated from `RULES` in `publish/normalise/__init__.py` by `make docs`; do not edit.",
        "Rules run in this order. Disable one by name in `publish.toml` (`[normalise] disabled`).",
        "",
        "| code | name | what it does | before | after |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        before, after = rule.example
        summary = rule.summary + (
            " *(flag only: never changes the text)*" if rule.flag_only else ""
        )
        if rule.inputs != frozenset(InputFormat):
            only = " and ".join(f.value for f in InputFormat if f in rule.inputs)
            summary += f" *(inputs: {only})*"
        after_cell = "(diagnostic)" if rule.flag_only else _cell(after)
        lines.append(
            f"| {rule.code} | `{rule.name}` | {summary} | {_cell(before)} | {after_cell} |"
        )
    lines += [
        "",
        "## What the input readers report",
        "",
        "Generated from `READER_CODES` in `publish/ingest/reading.py`. A markdown or HTML input is",
        "parsed before the rules run; what its reader leaves out or turns into metadata is in the",
        "report under these codes. Rules marked *(inputs: text)* above (markdown debris in OCR",
        "text) skip parsed inputs.",
        "",
        "| code | name | input | what it does |",
        "|---|---|---|---|",
    ]
    lines += [f"| {c.code} | `{c.name}` | {c.format.value} | {c.summary} |" for c in READER_CODES]
    lines += [
        "",
        "## What the structure stage reports",
        "",
        "Generated from `STRUCTURE_CODES` in `publish/structure/codes.py`. Each decision the",
        "structure stage takes without clear support is reported under one of these codes, naming",
        "the input line.",
        "",
        "| code | what it says |",
        "|---|---|",
    ]
    lines += [f"| {c.code} | {c.summary} |" for c in STRUCTURE_CODES]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write docs/rules.md")
    parser.add_argument("--check", action="store_true", help="fail if docs/rules.md is stale")
    args = parser.parse_args(argv)
    text = catalogue()
    if args.check:
        if not DEST.exists() or DEST.read_text("utf-8") != text:
            print("docs/rules.md is stale: run `make docs`", file=sys.stderr)
            return 1
        return 0
    if args.write:
        DEST.parent.mkdir(exist_ok=True)
        DEST.write_text(text, "utf-8")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
