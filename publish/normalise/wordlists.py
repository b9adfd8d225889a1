"""The package's word lists (`publish/data/<name>.txt`): spam, web chrome, surnames …"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """A packaged word list (`publish/data/<name>.txt`): one entry per line, `#` comments."""
    text = resources.files("publish").joinpath("data").joinpath(f"{name}.txt").read_text("utf-8")
    return frozenset(
        entry.strip() for entry in text.splitlines() if entry.strip() and not entry.startswith("#")
    )
