"""`publish clean`, `publish inspect` and `publish rules`: one input's text and structure."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from publish.cli.options import encoding_of
from publish.errors import EXIT_OK
from publish.lines import ChangeKind
from publish.model import Article, BlockType, Issue, Level

if TYPE_CHECKING:
    from publish.build.pipeline import Processed


def cmd_clean(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.pipeline import process, review_of  # noqa: PLC0415
    from publish.build.report import dump, review_report  # noqa: PLC0415
    from publish.files import write_text_atomic  # noqa: PLC0415
    from publish.render.plaintext import render_text  # noqa: PLC0415

    processed = process(args.path, encoding=encoding_of(args))
    out.write(render_text(processed.issue))
    if args.report:
        source = processed.source
        report = review_report(str(source.path), source.id, review_of(processed))
        write_text_atomic(args.report, dump(report))
    return EXIT_OK


def cmd_inspect(args: argparse.Namespace, out: TextIO) -> int:
    from publish.build.pipeline import process  # noqa: PLC0415
    from publish.model import to_jsonable  # noqa: PLC0415

    processed = process(args.path, encoding=encoding_of(args))
    issue = processed.issue
    if args.json:
        out.write(json.dumps(to_jsonable(issue), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if args.fixes:
        for line in fix_anchors(processed):
            print(line, file=out)
        return EXIT_OK
    _print_masthead(issue, out)
    for section in issue.sections:
        print(f"\n{section.title or '(无栏目)'}", file=out)
        for article in section.articles:
            print(_article_line(article), file=out)
    _print_findings(issue, out)
    return EXIT_OK


def _anchor(text: str) -> str:
    """A TOML string for `at = …` (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def fix_anchors(processed: Processed) -> list[str]:
    """Every decision a `[[fix]]` can change, with the anchor it would use: each article (for
    title, byline, section, not-article), each join (keep-break), each dropped line (keep)."""
    out = ["# decision           line  at = (the anchor)  ->  the fix kinds that use it"]
    for section in processed.issue.sections:
        for article in section.articles:
            where = f"L{article.span.first}"
            also = f"section “{section.title}”" if section.title else "no section"
            out.append(
                f"article {article.id:10} {where:6} at = {_anchor(article.title)}"
                f"  ->  title, byline, section, not-article  ({also})"
            )
    for change in processed.normalised.changes:
        if change.kind is ChangeKind.JOIN and "⏎" in change.before:
            at = _anchor(change.before.replace("⏎", "\n"))
            out.append(f"join {change.rule:13} L{change.line:<5} at = {at}  ->  keep-break")
        elif change.kind is ChangeKind.DROP and change.before.strip():
            at = _anchor(change.before)
            out.append(f"drop {change.rule:13} L{change.line:<5} at = {at}  ->  keep")
    return out


def _print_masthead(issue: Issue, out: TextIO) -> None:
    meta = issue.meta
    print(meta.display_title, file=out)
    issn, cn = meta.issn and f"ISSN {meta.issn}", meta.cn and f"CN {meta.cn}"
    details = [v for v in (meta.publisher, issn, cn) if v]
    if details:
        print("  " + " · ".join(details), file=out)


def _article_line(article: Article) -> str:
    page = f" p.{article.page}" if article.page else ""
    paragraphs = sum(1 for b in article.blocks if b.type is BlockType.PARAGRAPH)
    byline = f" — {article.byline}" if article.byline else ""
    where = f"L{article.span.first}-{article.span.last}"
    return f"  · {article.title}{byline}{page}  [{paragraphs}¶, {where}]"


def _print_findings(issue: Issue, out: TextIO) -> None:
    """How the contents matched, and every diagnostic above the informative ones."""
    linked = sum(1 for c in issue.contents if c.article_id)
    print(f"\ncontents: {len(issue.contents)} entries, {linked} matched to articles", file=out)
    levels = Counter(d.level.value for d in issue.diagnostics)
    summary = ", ".join(f"{n} {lvl}" for lvl, n in sorted(levels.items())) or "none"
    print(f"diagnostics: {summary}", file=out)
    for d in issue.diagnostics:
        if d.level is not Level.INFO:
            print(f"  {d.code} L{d.line}: {d.message}", file=out)


def cmd_rules(_args: argparse.Namespace, out: TextIO) -> int:
    from publish.normalise import RULES  # noqa: PLC0415

    for rule in RULES:
        flag = " (flag only)" if rule.flag_only else ""
        print(f"{rule.code}  {rule.name:28} {rule.summary}{flag}", file=out)
    return EXIT_OK
