"""The build's progress display: live on a terminal, one plain line per event otherwise."""

from __future__ import annotations

import io
import re
import time

import pytest

from publish.build.progress import LiveProgress, PlainProgress, for_stream
from publish.build.report import ErrorInfo, InputReport, Output, Status


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def report(name: str, status: Status = "ok", *, skipped: bool = False,
           error: str | None = None) -> InputReport:  # fmt: skip
    output = Output("epub", "zh-Hans", f"build/{name}/{name}.zh-Hans.epub", 1, "")
    return InputReport(
        f"seeds/{name}.txt", name, status, outputs=(output,), timings={"render": 1.25},
        skipped=skipped, error=None if error is None else ErrorInfo(error),
    )  # fmt: skip


def test_a_pipe_gets_plain_lines_and_a_terminal_the_live_display(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    assert isinstance(for_stream(io.StringIO()), PlainProgress)
    assert isinstance(for_stream(Terminal()), LiveProgress)
    assert isinstance(for_stream(Terminal(), quiet=True), PlainProgress)
    monkeypatch.setenv("TERM", "dumb")
    assert isinstance(for_stream(Terminal()), PlainProgress)


def test_plain_lines_name_each_input_once() -> None:
    out = io.StringIO()
    progress = PlainProgress(out)
    progress.planned(["a", "b", "c"], ["a", "c"], 2)
    progress.finished(report("a"))
    progress.finished(report("b", skipped=True))
    progress.finished(report("c", "failed", error="input is empty"))
    progress.close()
    assert out.getvalue().splitlines() == [
        "ok      seeds/a.txt -> a.zh-Hans.epub (1.2 s)",
        "current seeds/b.txt (unchanged since the last build)",
        "FAILED  seeds/c.txt: input is empty",
    ]


def test_quiet_plain_output_keeps_only_failures() -> None:
    out = io.StringIO()
    progress = PlainProgress(out, quiet=True)
    progress.finished(report("a"))
    progress.finished(report("c", "failed", error="boom"))
    assert out.getvalue() == "FAILED  seeds/c.txt: boom\n"


def visible(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


def test_live_display_redraws_a_status_line_under_the_finished_inputs() -> None:
    out = Terminal()
    progress = LiveProgress(out, interval=0.01)
    progress.planned(["a", "b", "c", "d"], ["c", "d", "a"], 2)
    progress.finished(report("b", skipped=True))
    time.sleep(0.05)  # the ticker redraws meanwhile
    progress.finished(report("c"))
    progress.finished(report("d", "failed", error="boom"))
    progress.close()
    text = out.getvalue()
    screen = visible(text).split("\r")
    assert "\x1b[32m✓\x1b[0m ok      seeds/c.txt" in text  # coloured marks
    assert any("1/4 · building c, d +1" in line for line in screen)
    assert any("3/4 · 1 failed · building a" in line for line in screen)
    assert "✗ FAILED  seeds/d.txt: boom" in visible(text)
    assert text.endswith("\r\x1b[2K")  # the status line is cleared at the end
    assert sum("building c, d" in line for line in screen) > 2  # redrawn by the ticker


def test_live_display_without_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    progress = for_stream(out)
    progress.planned(["a"], ["a"], 1)
    progress.finished(report("a"))
    progress.close()
    assert "\x1b[3" not in out.getvalue() and "✓ ok      seeds/a.txt" in out.getvalue()


def test_a_narrow_terminal_gets_a_status_line_that_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    progress = LiveProgress(Terminal(), colour=False)
    progress.planned([f"issue_{n:03d}" for n in range(9)], [f"issue_{n:03d}" for n in range(9)], 2)
    with progress.lock:
        assert len(progress.status()) <= 59
    progress.close()
