"""Chinese typesetting conventions of an edition: punctuation widths and Han–Latin spacing.

Pure rules, no layout engine: which full-width marks of a line lose their blank half, and where a
rendering space goes between Han characters and Latin letters or digits. The PDF applies them in
its WeasyPrint extension (`backends/cjk_justify.py`); the EPUB states them in CSS for reading
systems that implement `text-spacing-trim` and `text-autospace`.

Punctuation styles, after W3C clreq §3.1.6 (标点符号的宽度调整):

- `gb` (Mainland, GB/T 15834—2011 §5.1.10): two adjacent marks are set in 1.5 em; an opening
  mark at the start of a line and a closing or pause mark at its end are set half width.
- `hk`: adjacent marks in 1.5 em (clreq: "regardless of style") and opening marks at the line
  start half width; line ends keep full widths, and the question and exclamation marks, centred
  in Hong Kong and Taiwan type, are never adjusted.
- `tw`: every mark at its nominal full width, as most Taiwan publications set them.

Which half is blank depends on the face: the simplified face sets pause marks at the left of
the em, the traditional faces centre them. The PDF lets the font decide (its OpenType `halt`
positions, publish.render.font_variants), so the rules here only say which characters are halved.

Han–Latin spacing (clreq, mixed text in horizontal writing: up to ¼ em, none at a line start or
end; CSS Text 4's `text-autospace`): a quarter or an eighth of an em between a Han character and
a Latin letter or digit, drawn, never a character of the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import regex

from publish.edition import edition_of
from publish.errors import ConfigError

PunctuationStyle = Literal["gb", "hk", "tw"]
Autospace = Literal["quarter", "eighth", "none"]
PUNCTUATION_STYLES: Final[tuple[PunctuationStyle, ...]] = ("gb", "hk", "tw")
AUTOSPACE_EM: Final[dict[str, float]] = {"quarter": 0.25, "eighth": 0.125, "none": 0.0}

# Blank on the left half of the em (the mark hugs what follows) / on the right half.
OPENING: Final = frozenset("（《「『“‘〈【〔〖［｛")
CLOSING: Final = frozenset("）》」』”’〉】〕〗］｝")
# Pause and stop marks: at the left of the em in simplified type, centred in traditional type.
PAUSES: Final = frozenset("，。、；：！？．")
ADJUSTABLE: Final = OPENING | CLOSING | PAUSES
# Centred in Hong Kong and Taiwan type and never adjusted there (clreq: 不可调整).
FIXED_IN_HK: Final = frozenset("！？")

# Han–Latin spacing goes after the first character of a Han character + Latin letter or digit
# pair (either order): Latin, Greek and Cyrillic letters and decimal digits, but not their
# full-width forms (which are set like Han).
_ALPHANUMERIC = r"(?![\uff00-\uffef])[\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]"
_BEFORE_BOUNDARY = regex.compile(rf"\p{{Han}}(?={_ALPHANUMERIC})|{_ALPHANUMERIC}(?=\p{{Han}})")
_PAIR = regex.compile(rf"\p{{Han}}{_ALPHANUMERIC}|{_ALPHANUMERIC}\p{{Han}}")


@dataclass(frozen=True, slots=True)
class Typesetting:
    """The `[pdf]` settings: `punctuation` None means the edition's default style."""

    punctuation: PunctuationStyle | None = None
    autospace: Autospace = "quarter"

    def style_for(self, language: str) -> PunctuationStyle:
        return self.punctuation or edition_of(language).punctuation

    @property
    def autospace_em(self) -> float:
        return AUTOSPACE_EM[self.autospace]


def validate_punctuation(value: str) -> PunctuationStyle:
    for style in PUNCTUATION_STYLES:
        if value == style:
            return style
    raise ConfigError(
        f"unknown punctuation style “{value}”",
        hint="gb (Mainland: compressed), hk (Hong Kong), tw (Taiwan: full widths)",
    )


def validate_autospace(value: str) -> Autospace:
    for name in ("quarter", "eighth", "none"):
        if value == name:
            return name
    raise ConfigError(f"unknown autospace “{value}”", hint="quarter (¼ em), eighth (⅛ em) or none")


def _adjustable(ch: str, style: PunctuationStyle) -> bool:
    if style == "tw":
        return False
    if style == "hk" and ch in FIXED_IN_HK:
        return False
    return ch in OPENING or ch in CLOSING or ch in PAUSES


def halved(
    text: str, style: PunctuationStyle, *, line_start: bool = False, line_end: bool = False
) -> frozenset[int]:
    """Indices of the marks in `text` set half width.

    Of two adjacent marks the one whose blank half lies between them loses it: an opening mark
    after any mark (`，“` `（“`: so a line broken between them needs no change), else the first
    mark (`。”` `）、`); of an opening mark followed by a closing one, the opening mark's outer
    half. `line_start`/`line_end` say whether the text begins or ends a line.
    """
    if style == "tw" or not text:
        return frozenset()
    out: set[int] = set()
    for i in range(len(text) - 1):
        first, second = text[i], text[i + 1]
        if not (_adjustable(first, style) and _adjustable(second, style)):
            continue
        out.add(i + 1 if second in OPENING else i)
    if line_start and text[0] in OPENING:
        out.add(0)
    last = text[-1]
    if line_end and style == "gb" and (last in CLOSING or last in PAUSES):
        out.add(len(text) - 1)
    return frozenset(out)


def spaced(text: str) -> frozenset[int]:
    """Indices of the characters followed by a Han–Latin space: the first of each Han character
    + Latin letter or digit pair (`有12个`: 有 and 2). A pair a line break separates is not in
    one text, so no space ever ends a line."""
    return frozenset(m.start() for m in _BEFORE_BOUNDARY.finditer(text))


def spaced_chars(text: str) -> frozenset[str]:
    """The characters `spaced()` can pick in `text`: what a spaced face must hold."""
    return frozenset(m.group() for m in _BEFORE_BOUNDARY.finditer(text))


def is_boundary(pair: str) -> bool:
    """Whether two characters are a Han–Latin pair that gets a space between them."""
    return bool(_PAIR.fullmatch(pair))
