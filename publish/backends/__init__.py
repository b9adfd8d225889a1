"""Backends turn an Issue into files. Each one is a small class behind the `Backend` protocol,
registered by name; the heavy libraries are imported only when a backend is used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from publish.errors import UsageError
from publish.render.pagesetup import PageSetup

if TYPE_CHECKING:  # the render context loads Jinja2: only a backend that is used needs it
    from publish.model import Issue
    from publish.render.context import RenderContext


@dataclass(frozen=True, slots=True)
class BackendOptions:
    """Settings a backend may use; each ignores what does not concern it."""

    embed_fonts: bool = False  # EPUB: embed subsets of the CJK serif
    page: PageSetup = field(default_factory=PageSetup)  # PDF: paper, marks, recto, variant


@dataclass(frozen=True, slots=True)
class Written:
    """What one `write()` made: the file, the engine's warnings, and facts for the report."""

    path: Path
    warnings: tuple[str, ...] = ()
    embedded_font_bytes: int | None = None  # EPUB: the CJK font subsets it carries


class Backend(Protocol):
    name: ClassVar[str]
    suffix: ClassVar[str]

    def write(self, issue: Issue, ctx: RenderContext, dest: Path) -> Written: ...


# name -> "module:Class"; looked up lazily so `--format epub` never imports WeasyPrint.
REGISTRY: dict[str, str] = {
    "epub": "publish.backends.epub:EpubBackend",
    "epub-vertical": "publish.backends.epub:VerticalEpubBackend",
    "pdf": "publish.backends.pdf:PdfBackend",
}
FORMAT_NAMES: tuple[str, ...] = tuple(REGISTRY)


def get_backend(name: str, options: BackendOptions | None = None) -> Backend:
    try:
        module_name, _, class_name = REGISTRY[name].partition(":")
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise UsageError(f"unknown output format “{name}”", hint=f"choose from: {known}") from None
    module = importlib.import_module(module_name)
    backend: Backend = getattr(module, class_name)(options or BackendOptions())
    return backend


__all__ = ["FORMAT_NAMES", "REGISTRY", "Backend", "BackendOptions", "Written", "get_backend"]
