"""A markdown save's front matter (`title:`, `url:`, `source:`, `date:`, `author:`) as metadata.

Web clippers write YAML (PyYAML reads it); a block that is not valid YAML (a title with `: `
in it, say) is read line by line as `key: value`. Every line is reported with what became of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import regex
import yaml

from publish.ingest.reading import declared_meta
from publish.model import IssueMeta

_URL = regex.compile(r"^(?:https?|ftp)://\S+$")
_KEY_VALUE = regex.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_WIKILINK = regex.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")

# The keys web clippers and OCR tools use, by the field they fill.
_TITLE = ("title",)
_URLS = ("url", "link", "canonical", "original_url", "source_url", "permalink")
_SITES = ("site", "site_name", "sitename", "publisher", "account", "source")
_AUTHORS = ("author", "authors", "by", "creator")
_DATES = ("date", "published", "publish_date", "pubdate", "publish_time")


def _text(value: Any) -> str | None:
    """A scalar or a list of scalars as one string (`[[示范党建]]` wiki links unwrapped)."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [t for t in (_text(v) for v in value) if t]
        return "、".join(parts) or None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = _WIKILINK.sub(r"\1", str(value)).strip().strip("\"'").strip()
    return text or None


def _parse(content: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict):
        return {str(k).lower(): v for k, v in data.items()}
    found: dict[str, Any] = {}
    for line in content.splitlines():
        match = _KEY_VALUE.match(line.strip())
        if match:
            found.setdefault(match.group(1).lower(), match.group(2))
    return found


def _fields(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """IssueMeta field -> (its value, the key it came from)."""
    chosen: dict[str, tuple[str, str]] = {}

    def take(name: str, keys: tuple[str, ...], accept: Any = lambda v: True) -> None:
        for key in keys:
            value = _text(data.get(key))
            if value and accept(value) and name not in chosen:
                chosen[name] = (value, key)

    take("title", _TITLE)
    take("url", (*_URLS, "source"), lambda v: _URL.match(v) is not None)
    take("source_site", _SITES, lambda v: _URL.match(v) is None)
    take("author", _AUTHORS)
    take("date_text", _DATES)
    return chosen


def read_front_matter(content: str) -> tuple[IssueMeta, list[tuple[int, str, str]]]:
    """The metadata, and for each line (its index, text, what became of it) for the report."""
    chosen = _fields(_parse(content))
    values = {name: value for name, (value, _) in chosen.items()}
    meta = declared_meta(values)
    by_key = {key: name for name, (_, key) in chosen.items()}
    report = []
    for index, line in enumerate(content.splitlines()):
        match = _KEY_VALUE.match(line.strip())
        key = match.group(1).lower() if match else None
        field = by_key.get(key or "")
        what = f"metadata: {field}" if field else "front matter, not text"
        report.append((index, line, what))
    return meta, report
