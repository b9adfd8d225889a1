"""The package's data files (`publish/data/<name>.txt`) and their one loader.

Word lists (spam, web chrome, reduplications, hair words), the surname list and the script
conversion's tables are plain text, one entry per line, `#` starting a comment line; they
travel in the wheel as package data.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """The entries of `publish/data/<name>.txt`: its non-blank lines that are not comments."""
    text = resources.files(__name__).joinpath(f"{name}.txt").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_list(name: str) -> frozenset[str]:
    """A word list: one entry per line (surrounding spaces trimmed)."""
    return frozenset(entry.strip() for entry in data_lines(name))
