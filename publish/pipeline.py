"""The pipeline for one input: ingest -> normalise -> structure (-> script -> backends)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publish.ingest import Source, read_source
from publish.model import Issue, IssueMeta
from publish.normalise import Normalised, NormaliseConfig, normalise
from publish.plaintext import issue_lines
from publish.structure import detect_structure


@dataclass(frozen=True, slots=True)
class Processed:
    source: Source
    normalised: Normalised
    issue: Issue


def process_source(
    source: Source,
    normalise_config: NormaliseConfig | None = None,
    meta_overrides: IssueMeta | None = None,
) -> Processed:
    normalised = normalise(source.text, normalise_config)
    issue = detect_structure(normalised, source.id, meta_overrides)
    return Processed(source, normalised, issue)


def process(path: Path, normalise_config: NormaliseConfig | None = None) -> Processed:
    return process_source(read_source(path), normalise_config)


def clean_lines(path: Path) -> list[str]:
    return list(issue_lines(process(path).issue))
