"""Fuzzing the whole pipeline: generated issues with OCR artefacts and hostile strings go through
clean, structure and the EPUB backend without crashing, and every XML file is well-formed.

Profiles: the default is fast (CI); `HYPOTHESIS_PROFILE=long` (used by `make fuzz`) runs many
more examples.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_normalise_properties import (
    issue_text,
)  # a sibling module (pytest puts this folder on sys.path)

from publish.backends.epub import EpubBackend
from publish.build.pipeline import process_source
from publish.build.validate import check_epubs, summarise
from publish.ingest import Source, decode
from publish.model import Issue
from publish.render.context import build_context, build_time

HOSTILE = (
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    "&entity; &amp; &#0;",
    "]]>",
    "url(http://127.0.0.1:9/x.css)",
    "file:///etc/passwd",
    "\x01\x0b\x1f",
    "\ud800",
    "{{ ctx }} {% raw %}",
    "\u202e反向\u202c",
)

settings.register_profile(
    "fast", max_examples=15, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
settings.register_profile(
    "long", max_examples=400, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
# EPUBCheck takes a JVM start per file, so it sees a sample of the generated issues.
EPUBCHECK_SAMPLE = 4 if PROFILE.max_examples < 100 else 40


@st.composite
def hostile_issue(draw: st.DrawFn) -> str:
    text: str = draw(issue_text())
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(HOSTILE)))
    return "\n".join(lines)


def fuzz_issue(text: str) -> Issue | None:
    """The issue `publish build` would make of `text`; None where it reports a clear error."""
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded, encoding, notices = decode(data)
    except Exception as exc:
        assert type(exc).__name__ == "InputError", exc
        return None
    source = Source(
        id="fuzz", path=Path("fuzz.txt"), text=decoded, encoding=encoding, notices=notices
    )
    issue = process_source(source).issue
    return issue if issue.articles else None  # no articles: every line was furniture


@PROFILE
@given(hostile_issue())
def test_pipeline_never_crashes_and_writes_well_formed_epubs(text: str) -> None:
    issue = fuzz_issue(text)
    if issue is None:
        return
    ctx = build_context(issue, modified=build_time({"SOURCE_DATE_EPOCH": "0"}))
    dest = Path(tempfile.gettempdir()) / f"publish-fuzz-{os.getpid()}.epub"
    try:
        EpubBackend().write(issue, ctx, dest)
        with zipfile.ZipFile(dest) as zf:
            for name in zf.namelist():
                if name.endswith((".xhtml", ".opf", ".ncx")):
                    body = zf.read(name)
                    etree.fromstring(body)  # well-formed, or it raises
                    if name.endswith(".xhtml"):
                        assert b"<script" not in body and b'<img src="file' not in body
    finally:
        dest.unlink(missing_ok=True)


@pytest.mark.e2e
def test_a_sample_of_generated_issues_passes_epubcheck(tmp_path: Path) -> None:
    made: list[Path] = []

    @settings(PROFILE, max_examples=EPUBCHECK_SAMPLE)
    @given(hostile_issue())
    def build(text: str) -> None:
        issue = fuzz_issue(text)
        if issue is not None:
            ctx = build_context(issue, modified=build_time({"SOURCE_DATE_EPOCH": "0"}))
            made.append(EpubBackend().write(issue, ctx, tmp_path / f"fuzz-{len(made)}.epub").path)

    build()
    assert len(made) >= EPUBCHECK_SAMPLE // 2, len(made)
    failures = [line for r in check_epubs(made) if not r.ok for line in summarise(r)]
    assert failures == []
