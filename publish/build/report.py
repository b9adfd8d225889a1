"""The reports of a build, as typed values: what each input became, and the run as a whole.

`build/<id>/report.json` (an `InputReport`) and `build/report.json` (a `RunReport`) are
written from these values and read back into them (an incremental build reuses an input's
report; `publish merge` joins shards' reports). This module is the one place that knows
their JSON shape: everything else handles the dataclasses.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from publish import __version__
from publish.errors import PublishError
from publish.model import Diagnostic, Level, to_jsonable
from publish.lines import Change, ChangeKind

Json = dict[str, Any]  # the JSON edge: only the to_json/from_json methods below see it
Status = Literal["ok", "failed"]


def _diagnostic(data: Json) -> Diagnostic:
    return Diagnostic(data["code"], Level(data["level"]), data["line"], data["message"])


def _change(data: Json) -> Change:
    kind = ChangeKind(data["kind"])
    return Change(data["rule"], data["name"], data["line"], kind, data["before"], data["after"])


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why an input failed: the error's class, its message, where, and what to do."""

    message: str
    error: str = "PublishError"
    path: str | None = None
    line: int | None = None
    hint: str | None = None
    exit_code: int = PublishError.exit_code

    @classmethod
    def of(cls, exc: PublishError) -> ErrorInfo:
        path = None if exc.path is None else str(exc.path)
        return cls(exc.message, type(exc).__name__, path, exc.line, exc.hint, exc.exit_code)

    def to_json(self) -> Json:
        return {
            "error": self.error,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "hint": self.hint,
            "exit_code": self.exit_code,
        }

    @classmethod
    def from_json(cls, data: Json) -> ErrorInfo:
        return cls(
            data["message"],
            data.get("error", "PublishError"),
            data.get("path"),
            data.get("line"),
            data.get("hint"),
            data.get("exit_code", PublishError.exit_code),
        )


@dataclass(frozen=True, slots=True)
class Output:
    """One file a backend wrote."""

    format: str
    language: str
    path: str
    bytes: int
    sha256: str
    warnings: tuple[str, ...] = ()
    embedded_font_bytes: int | None = None  # EPUB: the CJK font subsets it carries

    def to_json(self) -> Json:
        data: Json = {
            "format": self.format,
            "language": self.language,
            "path": self.path,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "warnings": list(self.warnings),
        }
        if self.embedded_font_bytes is not None:
            data["embedded_font_bytes"] = self.embedded_font_bytes
        return data

    @classmethod
    def from_json(cls, data: Json) -> Output:
        return cls(
            data["format"],
            data["language"],
            data["path"],
            data["bytes"],
            data["sha256"],
            tuple(data.get("warnings", ())),
            data.get("embedded_font_bytes"),
        )


@dataclass(frozen=True, slots=True)
class EditionReport:
    """A converted edition and what its post-check flagged (T101)."""

    language: str
    diagnostics: tuple[Diagnostic, ...] = ()

    def to_json(self) -> Json:
        return {"language": self.language, "diagnostics": to_jsonable(self.diagnostics)}

    @classmethod
    def from_json(cls, data: Json) -> EditionReport:
        return cls(data["language"], tuple(_diagnostic(d) for d in data.get("diagnostics", ())))


@dataclass(frozen=True, slots=True)
class Sketch:
    """An article's 5-gram sketch, to find it again in another input (reprints)."""

    article: str
    title: str
    hashes: tuple[int, ...]

    def to_json(self) -> Json:
        return {"id": self.article, "title": self.title, "sketch": list(self.hashes)}

    @classmethod
    def from_json(cls, data: Json) -> Sketch:
        return cls(data["id"], data["title"], tuple(data["sketch"]))


@dataclass(frozen=True, slots=True)
class StructureSummary:
    """How the structure was read, and whether it is in doubt (S104)."""

    contents_entries: int = 0
    contents_found: int = 0
    articles: int = 0
    doubt: str | None = None

    def to_json(self) -> Json:
        return {
            "contents_entries": self.contents_entries,
            "contents_found": self.contents_found,
            "articles": self.articles,
            "doubt": self.doubt,
        }

    @classmethod
    def from_json(cls, data: Json) -> StructureSummary:
        return cls(**{k: data[k] for k in ("contents_entries", "contents_found", "articles")},
                   doubt=data.get("doubt"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Counts:
    input_lines: int = 0
    changes: int = 0
    dropped_lines: int = 0
    joins: int = 0
    diagnostics: dict[str, int] = field(default_factory=dict)  # by level
    sections: int = 0
    articles: int = 0

    def to_json(self) -> Json:
        return {
            "input_lines": self.input_lines,
            "changes": self.changes,
            "dropped_lines": self.dropped_lines,
            "joins": self.joins,
            "diagnostics": dict(self.diagnostics),
            "sections": self.sections,
            "articles": self.articles,
        }

    @classmethod
    def from_json(cls, data: Json) -> Counts:
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Review:
    """What the input was and every change and diagnostic of its reading (the review report)."""

    format: str
    encoding: str
    encoding_by: str
    encodings_tried: tuple[str, ...]
    notices: tuple[str, ...]
    structure: StructureSummary
    counts: Counts
    changes: tuple[Change, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def changes_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(c.rule for c in self.changes).items()))

    def to_json(self) -> Json:
        return {
            "format": self.format,
            "encoding": self.encoding,
            "encoding_by": self.encoding_by,
            "encodings_tried": list(self.encodings_tried),
            "notices": list(self.notices),
            "changes_by_rule": self.changes_by_rule,
            "structure": self.structure.to_json(),
            "counts": self.counts.to_json(),
            "changes": to_jsonable(self.changes),
            "diagnostics": to_jsonable(self.diagnostics),
        }

    @classmethod
    def from_json(cls, data: Json) -> Review:
        return cls(
            data["format"],
            data["encoding"],
            data["encoding_by"],
            tuple(data["encodings_tried"]),
            tuple(data["notices"]),
            StructureSummary.from_json(data["structure"]),
            Counts.from_json(data["counts"]),
            tuple(_change(c) for c in data["changes"]),
            tuple(_diagnostic(d) for d in data["diagnostics"]),
        )


_REVIEW_KEYS = ("format", "encoding")  # a report with these was read, not failed before


@dataclass(frozen=True, slots=True)
class InputReport:
    """One input's build: its status, outputs, review data and timings."""

    input: str
    id: str
    status: Status = "ok"
    title: str | None = None
    review: Review | None = None
    sketches: tuple[Sketch, ...] = ()
    editions: tuple[EditionReport, ...] = ()
    outputs: tuple[Output, ...] = ()
    error: ErrorInfo | None = None
    timings: dict[str, float] = field(default_factory=dict)
    skipped: bool = False  # reused: its outputs were current

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def doubt(self) -> str | None:
        """The reason the input's structure is in doubt (S104), if it is."""
        return self.review.structure.doubt if self.review else None

    @property
    def counts(self) -> Counts:
        return self.review.counts if self.review else Counts()

    def failed(self, error: ErrorInfo) -> InputReport:
        return replace(self, status="failed", error=error)

    def to_json(self) -> Json:
        data: Json = {"input": self.input, "id": self.id, "status": self.status}
        data["outputs"] = [o.to_json() for o in self.outputs]
        if self.review is not None:
            data |= self.review.to_json()
        if self.title is not None:
            data["title"] = self.title
        if self.review is not None:
            data["sketches"] = [s.to_json() for s in self.sketches]
            data["editions"] = [e.to_json() for e in self.editions]
        if self.error is not None:
            data["error"] = self.error.to_json()
        data["timings"] = dict(self.timings)
        return data

    @classmethod
    def from_json(cls, data: Json) -> InputReport:
        error = data.get("error")
        return cls(
            data["input"],
            data["id"],
            data["status"],
            data.get("title"),
            Review.from_json(data) if all(k in data for k in _REVIEW_KEYS) else None,
            tuple(Sketch.from_json(s) for s in data.get("sketches", ())),
            tuple(EditionReport.from_json(e) for e in data.get("editions", ())),
            tuple(Output.from_json(o) for o in data.get("outputs", ())),
            None if error is None else ErrorInfo.from_json(error),
            dict(data.get("timings", {})),
            bool(data.get("skipped", False)),
        )

    def summary(self) -> Json:
        """This input's line in the run report."""
        return {
            "input": self.input,
            "id": self.id,
            "status": self.status,
            "skipped": self.skipped,
            "title": self.title,
            "outputs": [o.to_json() for o in self.outputs],
            "timings": dict(self.timings),
            "diagnostics": dict(self.counts.diagnostics),
            "changes": self.counts.changes,
            "error": None if self.error is None else self.error.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Reprint:
    """The same article in two inputs: (input id, article id, title) of each, and how alike."""

    first: tuple[str, str, str]
    second: tuple[str, str, str]
    similarity: float

    def to_json(self) -> Json:
        keys = ("input", "article", "title")
        return {
            "a": dict(zip(keys, self.first, strict=True)),
            "b": dict(zip(keys, self.second, strict=True)),
            "similarity": round(self.similarity, 3),
        }


def review_report(input_path: str, input_id: str, review: Review) -> Json:
    """`publish clean --report`: one input's changes and diagnostics."""
    return {"input": input_path, "id": input_id} | review.to_json()


def dump(data: Json) -> str:
    """Reports as people and tools read them: UTF-8 text, indented, one newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run_report(reports: list[InputReport], reprints: list[Reprint]) -> Json:
    """`build/report.json`: every input's summary, and the reprints found across them."""
    return {
        "publish_version": __version__,
        "inputs": len(reports),
        "failed": sum(not r.ok for r in reports),
        "results": [r.summary() for r in reports],
        "reprints": [found.to_json() for found in reprints],
    }
