"""build/index.html: a catalogue page of every built issue, for people.

Each card has the issue's cover (taken from its EPUB, scaled down), its title, links to every
edition and format, and the number of changes and diagnostics, linking to its change report.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path
from typing import Any

from publish import __version__
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
    from PIL import Image  # noqa: PLC0415

    try:
        with zipfile.ZipFile(epub) as zf:
            data = zf.read(COVER_IN_EPUB)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    image = Image.open(io.BytesIO(data))
    image.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)  # optimize=True costs ~70 ms
    write_bytes_atomic(dest, out.getvalue())
    return True


def _card(report: dict[str, Any], out_root: Path) -> dict[str, Any]:
    outputs = report.get("outputs", [])
    card: dict[str, Any] = {
        "id": report["id"],
        "title": report.get("title"),
        "status": report["status"],
        "skipped": report.get("skipped", False),
        "error": report.get("error", {}).get("message"),
        "changes": report.get("counts", {}).get("changes", 0),
        "diagnostics": sum(report.get("counts", {}).get("diagnostics", {}).values()),
        "outputs": [
            {
                "href": f"{report['id']}/{Path(o['path']).name}",
                "label": f"{o['language']} · {Path(o['path']).name.split('.', 2)[-1]}",
                "size": _size(o["bytes"]),
            }
            for o in outputs
        ],
        "cover": None,
    }
    epubs = [Path(o["path"]) for o in outputs if o["format"] == "epub"]
    if epubs:
        thumb = out_root / report["id"] / "cover.png"
        if _thumbnail(epubs[0], thumb):
            card["cover"] = f"{report['id']}/cover.png"
    return card


def write_catalogue(reports: list[dict[str, Any]], out_root: Path) -> Path:
    cards = [_card(r, out_root) for r in reports]
    html = (
        environment()
        .get_template("report/index.html.j2")
        .render(
            heading="publish · build catalogue",
            issues=cards,
            failed=sum(c["status"] != "ok" for c in cards),
            version=__version__,
            css=(STYLES_DIR / "report.css").read_text("utf-8"),
        )
    )
    dest = out_root / "index.html"
    write_text_atomic(dest, html)
    return dest
