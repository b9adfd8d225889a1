"""build/index.html: a catalogue page of every built issue, for people.

Each card has the issue's cover (taken from its EPUB, scaled down), its title, links to every
edition and format, and the number of changes and diagnostics, linking to its change report.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from publish import __version__
from publish.build.report import InputReport
from publish.files import write_bytes_atomic, write_text_atomic
from publish.render.context import STYLES_DIR, environment

COVER_IN_EPUB = "EPUB/images/cover.png"
THUMB_WIDTH = 240


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} KB"


def _thumbnail(epub: Path, dest: Path) -> bool:
    """Scale the EPUB's cover down to `dest`, unless an up-to-date one is there (no-op runs)."""
    with contextlib.suppress(OSError):
        if dest.stat().st_mtime_ns >= epub.stat().st_mtime_ns:
            return True
    try:
        with zipfile.ZipFile(epub) as zf:
            data = zf.read(COVER_IN_EPUB)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    write_bytes_atomic(dest, _scaled(data))
    return True


@lru_cache(maxsize=64)
def _scaled(cover: bytes) -> bytes:
    """The cover scaled down, once per cover in a process (a preview rebuilds an EPUB whose
    cover did not change)."""
    from PIL import Image  # noqa: PLC0415

    image = Image.open(io.BytesIO(cover))
    image.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True costs ~70 ms
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    label: str
    size: str


@dataclass(frozen=True, slots=True)
class Card:
    """One issue on the catalogue page."""

    id: str
    title: str | None
    status: str
    skipped: bool
    error: str | None
    changes: int
    diagnostics: int
    outputs: tuple[Link, ...]
    cover: str | None


def _card(report: InputReport, out_root: Path) -> Card:
    outputs = tuple(
        Link(
            f"{report.id}/{Path(o.path).name}",
            f"{o.language} · {Path(o.path).name.split('.', 2)[-1]}",
            _size(o.bytes),
        )
        for o in report.outputs
    )
    cover = None
    epubs = [Path(o.path) for o in report.outputs if o.format == "epub"]
    if epubs and _thumbnail(epubs[0], out_root / report.id / "cover.png"):
        cover = f"{report.id}/cover.png"
    return Card(
        id=report.id,
        title=report.title,
        status=report.status,
        skipped=report.skipped,
        error=report.error.message if report.error else None,
        changes=report.counts.changes,
        diagnostics=sum(report.counts.diagnostics.values()),
        outputs=outputs,
        cover=cover,
    )


def write_catalogue(reports: list[InputReport], out_root: Path) -> Path:
    cards = [_card(r, out_root) for r in reports]
    html = (
        environment()
        .get_template("report/index.html.j2")
        .render(
            heading="publish · build catalogue",
            issues=cards,
            failed=sum(c.status != "ok" for c in cards),
            version=__version__,
            css=(STYLES_DIR / "report.css").read_text("utf-8"),
        )
    )
    dest = out_root / "index.html"
    write_text_atomic(dest, html)
    return dest
