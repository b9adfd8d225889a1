"""A saved page's metadata: what it declares (`<meta>` tags, a WeChat article's ids) first,
then trafilatura's guesses; each value keeps the source line it came from, for the report."""

from __future__ import annotations

from dataclasses import dataclass

import regex
from lxml import etree

from publish.ingest.reading import declared_meta
from publish.model import IssueMeta

_SPACE = regex.compile(r"[\s\u00a0\u3000]+")
_NAME_LIKE = regex.compile(r"^[^，。,；;！？!?:：]{1,20}$")


def _meta_content(tree: etree._Element, *names: str) -> tuple[str, int] | None:
    """The first `<meta name|property=…>` among `names` (case-insensitive) with content."""
    wanted = [n.lower() for n in names]
    found: dict[str, tuple[str, int]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        content = (meta.get("content") or "").strip()
        if key in wanted and content and key not in found:
            found[key] = (content, meta.sourceline or 0)
    return next((found[n] for n in wanted if n in found), None)


def by_id(tree: etree._Element, ident: str) -> etree._Element | None:
    found = tree.xpath(f'//*[@id="{ident}"]')
    return found[0] if found else None


def element_text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = _SPACE.sub(" ", "".join(element.itertext())).strip()
    return text or None


@dataclass(frozen=True, slots=True)
class Found:
    value: str
    line: int
    how: str


def page_meta(tree: etree._Element, guessed: dict[str, str]) -> dict[str, Found]:
    """title, author, date_text, source_site, url: declared by the page first, then guessed."""
    declared = {
        "title": ("og:title", "articletitle", "title"),
        "author": ("author", "og:article:author", "article:author", "byl"),
        "date_text": ("pubdate", "publishdate", "article:published_time", "og:release_date"),
        "source_site": ("sitename", "og:site_name", "contentsource", "source"),
        "url": ("og:url", "url"),
    }
    found: dict[str, Found] = {}
    # A WeChat article's account, title and time, by their ids.
    for name, ident in (("source_site", "js_name"), ("title", "activity-name"),
                        ("date_text", "publish_time")):  # fmt: skip
        element = by_id(tree, ident)
        value = element_text(element)
        if element is not None and value:
            found[name] = Found(value, element.sourceline or 0, f"#{ident}")
    for name, keys in declared.items():
        hit = _meta_content(tree, *keys)
        if name not in found and hit is not None:
            found[name] = Found(hit[0], hit[1], f"<meta {keys[0]}>")
    for name, value in guessed.items():
        if name not in found and value and (name != "author" or _NAME_LIKE.match(value)):
            found[name] = Found(value, 0, "trafilatura")
    return found


def issue_meta(found: dict[str, Found]) -> IssueMeta:
    return declared_meta({name: f.value for name, f in found.items()})
