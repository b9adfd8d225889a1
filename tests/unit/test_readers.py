"""The markdown and HTML readers, driven by `tests/fixtures/readers/<CODE>.toml`.

Each file holds `[[case]]` tables for one reader code (see `READER_CODES`):

    name         short kebab-case id, unique within the code
    kind         "positive": the reader reports the code; "negative": it does not
    format       "markdown" (default) or "html"
    input        the file's text
    expected     optional: the cleaned text after the whole normaliser, one line per line
    removals     optional: the exact set of reader codes among the report's rows
    diagnostics  optional: the exact set of reader codes among the diagnostics
    tagged       optional table: tag -> the cleaned lines carrying it, in order
    meta         optional table: IssueMeta fields the input declares (`{}`: none)
    note         where the case comes from
"""

from __future__ import annotations

import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from publish.ingest.html import read_html
from publish.ingest.markdown import read_markdown
from publish.ingest.reading import READER_CODES, InputFormat, Reading
from publish.model import IssueMeta
from publish.normalise import LineKind, normalise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
CODES = {c.code: c for c in READER_CODES}
FIELDS = {"name", "kind", "format", "input", "expected", "removals", "diagnostics", "tagged"}
FIELDS |= {"meta", "note"}


def _cases() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(FIXTURES.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        assert data["code"] == path.stem and path.stem in CODES, path.name
        for raw in data["case"]:
            assert set(raw) <= FIELDS, (path.name, sorted(set(raw) - FIELDS))
            found.append((path.stem, raw))
    return found


CASES = _cases()


def _read(raw: dict[str, Any]) -> Reading:
    if raw.get("format", "markdown") == "html":
        return read_html(raw["input"])
    return read_markdown(raw["input"])


@pytest.mark.parametrize(
    ("code", "raw"), CASES, ids=[f"{code}-{raw['kind'][:3]}-{raw['name']}" for code, raw in CASES]
)
def test_reader_case(code: str, raw: dict[str, Any]) -> None:
    reading = _read(raw)
    result = normalise(raw["input"], reading=reading)
    text = [x.text for x in result.lines if x.kind is LineKind.TEXT]
    reader_codes = {c for c in CODES if CODES[c].format is not InputFormat.TEXT}
    removals = {r.code for r in reading.removals} & reader_codes
    diagnostics = {d.code for d in reading.diagnostics}
    acted = code in removals or code in diagnostics
    if raw["kind"] == "positive" and "meta" not in raw:
        assert acted, (removals, diagnostics)
    if raw["kind"] == "negative":
        assert code not in removals, reading.removals
    if "expected" in raw:
        assert text == raw["expected"].strip("\n").split("\n")
    if "removals" in raw:
        assert removals == set(raw["removals"]), reading.removals
    if "diagnostics" in raw:
        assert diagnostics == set(raw["diagnostics"])
    for tag, lines in raw.get("tagged", {}).items():
        assert [x.text for x in result.lines if x.has(tag)] == lines, tag
    if "meta" in raw:
        declared = {
            f.name: getattr(reading.meta, f.name)
            for f in fields(IssueMeta)
            if getattr(reading.meta, f.name) != getattr(IssueMeta(), f.name)
            and f.name != "date_text"
        }
        assert declared == raw["meta"]


def test_every_reader_code_has_positive_and_negative_cases() -> None:
    for code in CODES:
        if code.startswith("I"):  # decoding: tests/unit/test_ingest.py
            continue
        kinds = [raw["kind"] for c, raw in CASES if c == code]
        assert kinds.count("positive") >= 2 and kinds.count("negative") >= 1, code


def test_line_numbers_point_at_the_source() -> None:
    text = (
        "---\ntitle: 标题\n---\n\n# 标题\n\n第一段。\n第二行\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    lines = {x.text: x.line for x in read_markdown(text).lines}
    assert lines == {"标题": 5, "第一段。": 7, "第二行": 8, "a b": 10, "1 2": 12}


def test_ocr_markdown_footnotes_are_notes_at_the_end_of_their_article() -> None:
    """issue 15: `[^12]:` became `[^12]：`, and footnote references became subheadings."""
    from publish.build.pipeline import process_source
    from publish.ingest import Source

    text = (
        "# 论基层治理的三个维度\n\n"
        "基层治理是国家治理的基石[^12]，治理效能直接关系群众的获得感。\n\n"
        "<!-- page 12 -->\n\n"
        "推进基层治理现代化，要坚持党建引领[^13]。\n\n"
        "[^12]: 参见《中国基层治理发展报告》，2023年。\n"
        "[^13]: 同上，第45页。\n"
    )
    reading = read_markdown(text)
    source = Source("ocr", Path("ocr.md"), text, "utf-8", reading=reading)
    (article,) = process_source(source).issue.articles
    assert article.title == "论基层治理的三个维度"
    kinds = [(b.type.value, b.text) for b in article.blocks]
    assert kinds == [
        ("paragraph", "基层治理是国家治理的基石[12]，治理效能直接关系群众的获得感。"),
        ("paragraph", "推进基层治理现代化，要坚持党建引领[13]。"),
        ("note", "[12] 参见《中国基层治理发展报告》，2023年。"),
        ("note", "[13] 同上，第45页。"),
    ]
