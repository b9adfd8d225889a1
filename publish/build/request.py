"""What a run asks to build for each of its inputs (light: the batch plans and fingerprints
a run with it before any stage is imported)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from publish.render.pagesetup import PageSetup

if TYPE_CHECKING:
    from publish.script.convert import ScriptConfig


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What to build for each input of a run."""

    formats: tuple[str, ...]
    editions: tuple[str, ...]
    out_root: Path
    modified: datetime
    variant: str | None = None  # the command line's choice wins over sidecar and publish.toml
    strict_script: bool = False
    embed_fonts: bool = False
    page: PageSetup = field(default_factory=PageSetup)
    encoding: str | None = None  # the command line's --encoding: wins over the sidecar's
    strict_fixes: bool = False  # --strict: a sidecar fix that does not apply fails the input

    def script(self, configured: ScriptConfig) -> ScriptConfig:
        return replace(
            configured,
            variant=self.variant or configured.variant,  # type: ignore[arg-type]
            strict=self.strict_script or configured.strict,
        )
