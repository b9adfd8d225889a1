"""One exception hierarchy; every error carries the exit code the CLI returns for it."""

from __future__ import annotations

from pathlib import Path

# Exit codes (documented in README "Exit codes").
EXIT_OK = 0
EXIT_FAILED_INPUTS = 1  # a batch finished but at least one input failed
EXIT_USAGE = 2  # bad command line
EXIT_INPUT = 3  # an input file cannot be read or decoded
EXIT_CONFIG = 4  # publish.toml or a sidecar is invalid
EXIT_RENDER = 5  # a backend failed to write its output
EXIT_ENVIRONMENT = 6  # a required font, program or directory is missing
EXIT_SCRIPT = 7  # strict script conversion found suspicious characters


class PublishError(Exception):
    """Base class: a user-facing error with a file, an optional line and a hint."""

    exit_code = EXIT_FAILED_INPUTS

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"

    def to_dict(self) -> dict[str, object]:
        return {
            "error": type(self).__name__,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "hint": self.hint,
            "exit_code": self.exit_code,
        }


class InputError(PublishError):
    """The input cannot be read, decoded or is not text."""

    exit_code = EXIT_INPUT


class ConfigError(PublishError):
    """publish.toml, a sidecar or a command-line option is invalid."""

    exit_code = EXIT_CONFIG


class RenderError(PublishError):
    """A backend could not produce its output."""

    exit_code = EXIT_RENDER


class EnvironmentProblem(PublishError):
    """Something the machine must provide is missing (font, Java, writable directory)."""

    exit_code = EXIT_ENVIRONMENT


class UsageError(PublishError):
    """The command line is wrong."""

    exit_code = EXIT_USAGE


class ScriptCheckError(PublishError):
    """Strict mode: the traditional edition has conversions that need a human look."""

    exit_code = EXIT_SCRIPT
