"""What a batch build shows while it runs: a live status line on a terminal, one plain line per
event otherwise (CI logs, pipes)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from typing import Protocol, TextIO

from publish.build.report import InputReport


class Progress(Protocol):
    def planned(self, ids: list[str], building: list[str], jobs: int) -> None:
        """All input ids; those to build, in the order the workers take them."""

    def finished(self, report: InputReport) -> None:
        """An input is done: built, current (skipped) or failed."""

    def close(self) -> None:
        """The run is over (also after an error)."""


def event_line(report: InputReport) -> str:
    if not report.ok:
        return f"FAILED  {report.input}: {report.error.message if report.error else None}"
    if report.skipped:
        return f"current {report.input} (unchanged since the last build)"
    outputs = ", ".join(Path(o.path).name for o in report.outputs)
    seconds = sum(report.timings.values())
    line = f"ok      {report.input} -> {outputs} ({seconds:.1f} s)"
    doubt = report.doubt
    return f"{line}\n        ⚠ structure in doubt: {doubt}" if doubt else line


class PlainProgress:
    """One line per event: greppable, and nothing is redrawn in a log file."""

    def __init__(self, out: TextIO, *, quiet: bool = False) -> None:
        self.out = out
        self.quiet = quiet

    def planned(self, ids: list[str], building: list[str], jobs: int) -> None:
        pass

    def finished(self, report: InputReport) -> None:
        if report.ok and self.quiet and not report.doubt:
            return  # quiet, but a structure in doubt is still said
        print(event_line(report), file=self.out, flush=True)

    def close(self) -> None:
        pass


GREEN, RED, DIM, RESET = "\033[32m", "\033[31m", "\033[2m", "\033[0m"
CLEAR_LINE = "\r\033[2K"
BAR_WIDTH = 24


class LiveProgress:
    """A status line redrawn four times a second (bar, counts, what is building, elapsed time),
    with each finished input printed above it."""

    def __init__(self, out: TextIO, *, colour: bool = True, interval: float = 0.25) -> None:
        self.out = out
        self.colour = colour
        self.interval = interval
        self.total = 0
        self.done = 0
        self.failed = 0
        self.queue: list[str] = []
        self.jobs = 1
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.ticker = threading.Thread(target=self._tick, daemon=True)

    def paint(self, text: str, code: str) -> str:
        return f"{code}{text}{RESET}" if self.colour and text else text

    def planned(self, ids: list[str], building: list[str], jobs: int) -> None:
        with self.lock:
            self.total, self.queue, self.jobs = len(ids), list(building), jobs
            self.started = time.monotonic()
        self.ticker.start()

    def finished(self, report: InputReport) -> None:
        ok = report.ok
        mark = self.paint("✓", GREEN) if ok else self.paint("✗", RED)
        line = event_line(report)
        if report.skipped:
            line = self.paint(line, DIM)
        with self.lock:
            self.done += 1
            self.failed += 0 if ok else 1
            if report.id in self.queue:
                self.queue.remove(report.id)
            self.out.write(f"{CLEAR_LINE}{mark} {line}\n{self.status()}")
            self.out.flush()

    def status(self) -> str:
        """The status line (called with the lock held)."""
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        bar = self.paint("━" * filled, GREEN) + self.paint("─" * (BAR_WIDTH - filled), DIM)
        building = ", ".join(self.queue[: self.jobs])
        more = f" +{len(self.queue) - self.jobs}" if len(self.queue) > self.jobs else ""
        failed = self.paint(f" · {self.failed} failed", RED) if self.failed else ""
        now = f" · building {building}{more}" if building else ""
        seconds = f" · {time.monotonic() - self.started:.1f} s"
        # A line wider than the terminal wraps, and the carriage return then redraws only its
        # last row: drop what is building first, then cut.
        width = shutil.get_terminal_size().columns - 1
        fixed = BAR_WIDTH + len(f" {self.done}/{self.total}{seconds}")
        fixed += len(f" · {self.failed} failed") if self.failed else 0
        if fixed + len(now) > width:
            now = now[: max(0, width - fixed - 1)] + "…" if width - fixed > 12 else ""
        return f"{bar} {self.done}/{self.total}{failed}{now}{seconds}"

    def _tick(self) -> None:
        while not self.stop.wait(self.interval):
            with self.lock:
                self.out.write(CLEAR_LINE + self.status())
                self.out.flush()

    def close(self) -> None:
        self.stop.set()
        if self.ticker.is_alive():
            self.ticker.join()
        with self.lock:
            self.out.write(CLEAR_LINE)
            self.out.flush()


def for_stream(out: TextIO, *, quiet: bool = False) -> Progress:
    """Live on an interactive terminal, plain otherwise (a pipe, a file, `TERM=dumb`, `--quiet`)."""
    interactive = out.isatty() and os.environ.get("TERM", "") != "dumb"
    if quiet or not interactive:
        return PlainProgress(out, quiet=quiet)
    return LiveProgress(out, colour="NO_COLOR" not in os.environ)
