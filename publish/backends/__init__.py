"""Backends turn an Issue into files. Each one is a small class behind the `Backend` protocol,
registered by name; the heavy libraries are imported only when a backend is used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from publish.errors import UsageError
from publish.model import Issue
from publish.render.context import RenderContext
from publish.render.pagesetup import PageSetup


@dataclass(frozen=True, slots=True)
class BackendOptions:
    """Settings a backend may use; each ignores what does not concern it."""

    embed_fonts: bool = False  # EPUB: embed subsets of the CJK serif
    page: PageSetup = field(default_factory=PageSetup)  # PDF: paper, marks, recto, variant


class Backend(Protocol):
    name: ClassVar[str]
    suffix: ClassVar[str]

    def write(self, issue: Issue, ctx: RenderContext, dest: Path) -> Path: ...


# name -> "module:Class"; looked up lazily so `--format epub` never imports WeasyPrint.
REGISTRY: dict[str, str] = {
    "epub": "publish.backends.epub:EpubBackend",
    "epub-vertical": "publish.backends.epub:VerticalEpubBackend",
    "pdf": "publish.backends.pdf:PdfBackend",
}


def get_backend(name: str, options: BackendOptions | None = None) -> Backend:
    try:
        module_name, _, class_name = REGISTRY[name].partition(":")
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise UsageError(f"unknown output format “{name}”", hint=f"choose from: {known}") from None
    module = importlib.import_module(module_name)
    backend: Backend = getattr(module, class_name)(options or BackendOptions())
    return backend


__all__ = ["REGISTRY", "Backend", "BackendOptions", "get_backend"]
