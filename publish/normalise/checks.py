"""Flag-only checks: things that look wrong but cannot be fixed safely by a rule.

They never change the text; each finding is a diagnostic with a code and the input line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

import regex

from publish.data import word_list
from publish.edition import Edition, printed_edition
from publish.lines import Document, LineKind
from publish.model import Level
from publish.normalise.document import NormaliseConfig, Outcome, Recorder
from publish.text.chars import EMOJI_RE, quote_balance, traditional_text

_DOUBLED = regex.compile(r"(\p{Han}{2,4})\1")


def doubled_words(lines: Document, _config: NormaliseConfig) -> Outcome:
    """`加强加强`: a word printed twice is usually an OCR or typesetting slip."""
    rec = Recorder("D701", "doubled-word")
    allowed = word_list("reduplication")
    for line in lines:
        for match in _DOUBLED.finditer(line.text):
            if match.group(0) in allowed:
                continue
            start = max(0, match.start() - 4)
            context = line.text[start : match.end() + 4]
            rec.flag(line.first, f"doubled word “{match.group(0)}” in …{context}…")
    return rec.outcome(lines)


@cache
def _t2s() -> Any:
    import opencc  # noqa: PLC0415 - only this check needs it; keep `import publish` light

    return opencc.OpenCC("t2s")


def script_of(texts: Iterable[str]) -> Edition:
    """The edition a text is printed as: traditional when enough of its Han characters are."""
    convert = _t2s().convert
    return printed_edition(traditional_text((text, convert(text)) for text in texts))


def traditional_characters(lines: Document, _config: NormaliseConfig) -> Outcome:
    """A traditional or variant character inside simplified text (`部門`, `甌`).

    Often a personal name (`乾`, `昇`), so this is information for an editor, not a fix.
    The one reading of the script the source is printed in, for the whole pipeline.
    """
    rec = Recorder("D702", "traditional-character")
    converter = _t2s()
    converted = [(line, converter.convert(line.text)) for line in lines]
    printed = printed_edition(traditional_text((line.text, c) for line, c in converted))
    if printed.traditional:
        return rec.outcome(lines, printed)  # a traditional source: its characters are not slips
    aligned = [(line, c) for line, c in converted if len(c) == len(line.text)]
    for line, converted in aligned:
        if converted == line.text:
            continue
        found = Counter(a for a, b in zip(line.text, converted, strict=True) if a != b)
        for char in found:
            index = line.text.index(char)
            context = line.text[max(0, index - 4) : index + 5]
            rec.flag(
                line.first,
                f"traditional/variant character “{char}” in …{context}… (a name, or a slip?)",
                Level.INFO,
            )
    return rec.outcome(lines, printed)


def emoji(lines: Document, _config: NormaliseConfig) -> Outcome:
    """Emoji have no glyph in the book fonts; the PDF backend substitutes them."""
    rec = Recorder("D703", "emoji")
    for line in lines:
        for char in sorted(set(EMOJI_RE.findall(line.text))):
            rec.flag(line.first, f"emoji {char} (U+{ord(char):04X}) has no glyph in the book fonts")
    return rec.outcome(lines)


def unbalanced_quotes(lines: Document, _config: NormaliseConfig) -> Outcome:
    """A paragraph whose quotation marks do not pair up after joining."""
    rec = Recorder("D704", "unbalanced-quotes")
    for line in lines:
        if line.kind is LineKind.TEXT and quote_balance(line.text) != 0:
            rec.flag(line.first, f"quotation marks do not pair up: …{line.text[-16:]}", Level.INFO)
    return rec.outcome(lines)
