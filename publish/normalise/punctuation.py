"""Punctuation: width in Chinese context, dashes, ellipses, tilde/bar, quotation-mark style.

Width is decided per character from its neighbours, never per article or per line: the seeds
switch style mid-article and even mid-sentence at page breaks. Numbers, times, URLs, e-mail
addresses and Latin text keep their ASCII punctuation.
"""

from __future__ import annotations

import regex

from publish.lines import ChangeKind, Document, Line, LineKind, Tag
from publish.normalise.document import (
    CONTEXT,
    NormaliseConfig,
    Outcome,
    Recorder,
    regex_rule,
    substitute,
    text_rule,
)
from publish.text.chars import is_cjk, is_han

_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# Spans whose ASCII punctuation is part of the token.
_PROTECTED = regex.compile(
    r"(?:https?://|ftp://|www\.)[^\s\p{Han}，。；！？（）“”]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r"|\d{1,3}(?:,\d{3})+(?!\d)"
    r"|\d+:\d+"
    r"|&(?:[A-Za-z]{2,8}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});"  # an HTML entity printed as text
)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest non-space character from `index` in direction `step` ('' at the edge)."""
    i = index + step
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _protected_positions(text: str) -> set[int]:
    return {i for m in _PROTECTED.finditer(text) for i in range(*m.span())}


def _paren_pairs(text: str, protected: set[int]) -> dict[int, int]:
    """Matching ASCII/full-width round brackets: index of '(' -> index of ')' and back."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if i in protected:
            continue
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            j = stack.pop()
            pairs[j] = i
            pairs[i] = j
    return pairs


def _chinese_context(text: str, i: int) -> bool:
    return is_cjk(_neighbour(text, i, -1)) or is_cjk(_neighbour(text, i, +1))


def _paren_is_chinese(text: str, i: int, pairs: dict[int, int]) -> bool:
    j = pairs.get(i)
    if j is None:
        return _chinese_context(text, i)
    lo, hi = min(i, j), max(i, j)
    inner = text[lo + 1 : hi]
    return (
        any(is_han(c) for c in inner)
        or is_cjk(_neighbour(text, lo, -1))
        or is_cjk(_neighbour(text, hi, +1))
    )


def widen_punctuation(text: str, _config: NormaliseConfig) -> tuple[str, list[tuple[str, str]]]:
    """`,:;?!()` → `，：；？！（）` next to Chinese text, one character at a time."""
    if not any(c in _WIDE for c in text):
        return text, []
    protected = _protected_positions(text)
    pairs = _paren_pairs(text, protected)
    chars = list(text)
    edits: list[tuple[str, str]] = []
    for i, ch in enumerate(text):
        if ch not in _WIDE or i in protected:
            continue
        # The left side is read from the text as widened so far: `(草案);` → `（草案）；`.
        current = "".join(chars[: i + 1]) + text[i + 1 :]
        if ch in "()":
            wide = _paren_is_chinese(current, i, pairs)
        elif ch in "?!":
            left = _neighbour(current, i, -1)
            wide = is_cjk(left) or (left == "" and _chinese_context(current, i))
        elif ch == ":" and _neighbour(text, i, -1).isdigit() and _neighbour(text, i, 1).isdigit():
            wide = False
        else:
            wide = _chinese_context(current, i)
        if wide:
            chars[i] = _WIDE[ch]
            lo, hi = max(0, i - CONTEXT), i + 1 + CONTEXT
            edits.append((text[lo:hi], "".join(chars[lo:i]) + _WIDE[ch] + text[i + 1 : hi]))
    return "".join(chars), edits


punct_width = text_rule("P402", "punctuation-width", widen_punctuation)

_SINGLE_HYPHEN = regex.compile(r"(?<=[\p{Han}”’])-(?=[\p{Han}“‘])")


def _dash(m: regex.Match[str]) -> str | None:
    if len(m.group(0)) >= 2:
        return "——"
    # A lone hyphen is a name (`一汽-大众`); a chain of them (`村“两委”-副书记-书记`) is a
    # sequence of stages that Chinese prints with dashes.
    return "—" if len(_SINGLE_HYPHEN.findall(m.string)) >= 2 else None


dashes = regex_rule(
    "P401",
    "dash",
    r"[─━]{2,}|(?<=[\p{Han}”’])-{2,}(?=[\p{Han}“‘])|(?<=[\p{Han}”’])-(?=[\p{Han}“‘])",
    _dash,
)


def _ellipsis(m: regex.Match[str]) -> str | None:
    run = m.group(0)
    if run == "……":
        return None
    if run[0] in ".。·":
        text = m.string
        left = text[m.start() - 1] if m.start() > 0 else ""
        right = text[m.end()] if m.end() < len(text) else ""
        alone = not left.strip() and not right.strip()
        if not (alone or is_cjk(left) or is_cjk(right)):
            return None
    return "……"


ellipses = regex_rule("P403", "ellipsis", r"…+|\.{3,}|。{3,}|·{3,}", _ellipsis)


def _tilde_bar(m: regex.Match[str]) -> str | None:
    """Look past neighbouring tildes, bars and ASCII marks (`记~|查~`, `10:30~,周一`) for the
    Chinese context; the marks are widened by P402 right after."""
    text = m.string
    skip = "~|～｜ ,;:?!"
    left = m.start() - 1
    while left >= 0 and text[left] in skip:
        left -= 1
    right = m.end()
    while right < len(text) and text[right] in skip:
        right += 1
    if (left >= 0 and is_cjk(text[left])) or (right < len(text) and is_cjk(text[right])):
        return "～" if m.group(0) == "~" else "｜"
    return None


tilde_bar = regex_rule("P404", "tilde-bar", r"[~|]", _tilde_bar)

_OPEN_Q = "“‘「『"
_CLOSE_Q = "”’」』"


def _quote_levels(text: str) -> list[tuple[int, int]] | None:
    """(index, depth) for each double/corner quote if they nest properly, else None."""
    depth = 0
    out: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in "“「『":
            depth += 1
            out.append((i, depth))
        elif ch in "”」』":
            if depth == 0:
                return None
            out.append((i, depth))
            depth -= 1
        elif ch in "‘’":
            # Single curly quotes already mark an inner level; they don't change our count.
            continue
    return out if depth == 0 else None


def normalise_quotes(text: str, _config: NormaliseConfig) -> tuple[str, list[tuple[str, str]]]:
    """「」/『』 → “”; a double quote nested inside another becomes ‘’ (Chinese nesting)."""
    if not any(c in text for c in "「」『』") and text.count("“") < 2:
        return text, []
    levels = _quote_levels(text)
    chars = list(text)
    if levels is None:
        # Unbalanced (a source error): only replace corner brackets, never re-nest.
        corner = {"「": "“", "」": "”", "『": "“", "』": "”"}
        for i, ch in enumerate(text):
            chars[i] = corner.get(ch, ch)
    else:
        for i, depth in levels:
            opening = text[i] in "“「『"
            inner = depth % 2 == 0
            chars[i] = ("‘" if inner else "“") if opening else ("’" if inner else "”")
    new = "".join(chars)
    if new == text:
        return text, []
    edits = [
        (text[max(0, i - CONTEXT) : i + CONTEXT], new[max(0, i - CONTEXT) : i + CONTEXT])
        for i in range(len(text))
        if text[i] != new[i]
    ]
    return new, edits


quote_style = text_rule("Q405", "quote-style", normalise_quotes)

# OCR reads 。 as `.`: at the end of a paragraph after Chinese text it is a full stop. Between two
# Han characters inside a line it probably is one too, but an abbreviation or an address can look
# the same: flagged, not changed.
_FINAL_DOT = regex.compile(r"(?<=[\p{Han}”’）])\.(?=[”’]?$)")
_INNER_DOT = regex.compile(r"(?<=\p{Han})\.(?=\p{Han})")


def full_stops(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`…大事不出社区.` → `…大事不出社区。`; `社区.下一步` is flagged."""
    rec = Recorder("P406", "ocr-full-stop")
    out: list[Line] = []
    for line in lines:
        if line.kind is not LineKind.TEXT or line.has(Tag.FRONT):
            out.append(line)
            continue
        text, edits = substitute(line.text, _FINAL_DOT, lambda m: "。")
        for before, after in edits:
            rec.change(line.first, ChangeKind.EDIT, before, after)
        for found in _INNER_DOT.finditer(text):
            around = text[max(0, found.start() - CONTEXT) : found.end() + CONTEXT]
            rec.flag(line.first, f"“.” between Chinese words (…{around}…): a misread “。”?")
        out.append(line.with_text(text) if text != line.text else line)
    return rec.outcome(out)


__all__ = [
    "dashes",
    "ellipses",
    "full_stops",
    "normalise_quotes",
    "punct_width",
    "quote_style",
    "tilde_bar",
    "widen_punctuation",
]
