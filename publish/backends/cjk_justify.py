"""Chinese line layout in WeasyPrint: justification, punctuation widths, Han–Latin spacing.

A small, scoped extension of WeasyPrint 70's line layout, swapped in only inside
`cjk_layout()`; a render in another thread of the same process would see it (processes are
fine, as for the logging capture in pdf.py).

- Justification: WeasyPrint's `text-align: justify` stretches only spaces, so a line of Chinese
  that Pango ends one character early (to keep a comma off the next line's start) stays ragged.
  Every CJK character also counts as an expansion opportunity, and the spacing is applied as
  Pango letter spacing on those characters.
- Punctuation widths (publish.render.typesetting.halved) and Han–Latin spacing
  (publish.render.typesetting.spaced): the characters concerned are set in a derived face of
  the same font whose glyphs have the adjusted advance (publish.render.font_variants), given as
  a Pango family attribute. Pairs and boundaries are found in the text Pango breaks; a line's
  start is WeasyPrint's `is_line_start`, its end the re-layout of a line cut at a break. So
  Pango measures every line with the widths it is drawn with, and justification fills what
  compression frees.

Glyphs stay one text run with their characters and every glyph box abuts the next, so text
extraction and copy-paste are unchanged.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import regex
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from publish.render.typesetting import PunctuationStyle, halved, spaced

# Ideographs, kana and full-width punctuation: the characters that take inter-character space.
_CJK_CLASS = r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]"
CJK = regex.compile(_CJK_CLASS)
_CJK_RUN = regex.compile(_CJK_CLASS + "+")
_CACHE_MAX = 50_000  # texts remembered per render (a line's text is set two or three times)

# WeasyPrint 70's cffi declarations lack the family attribute; this adds it, changes nothing.
try:
    pango.pango_attr_family_new  # noqa: B018 - declared by a later WeasyPrint?
except AttributeError:
    ffi.cdef("PangoAttribute * pango_attr_family_new (const char *family);")

# Whether the text being broken starts a line: WeasyPrint knows it (`is_line_start`) when it
# calls split_first_line, whose Layout is created inside; set only for the duration of a call.
_LINE_START: contextvars.ContextVar[bool] = contextvars.ContextVar("line_start", default=False)
# Attributes this extension keeps on WeasyPrint's Layout objects.
_START, _END = "_publish_line_start", "_publish_line_end"
_DERIVED = "_publish_derived"  # the Pango layout this extension gave derived families


@dataclass(frozen=True, slots=True)
class FaceVariants:
    """The derived faces of one font family (the first name in an element's font-family)."""

    family: str
    halves: str | None = None  # family of the half-width punctuation face
    halves_chars: frozenset[str] = frozenset()
    spaced: str | None = None  # family of the face with Han–Latin space after each glyph
    spaced_chars: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class LineStyle:
    """What the extension does besides justifying: the punctuation style (None or tw: nominal
    widths) and the derived faces it sets adjusted characters in."""

    punctuation: PunctuationStyle | None = None
    variants: tuple[FaceVariants, ...] = ()

    def variants_for(self, family: str) -> FaceVariants | None:
        return next((v for v in self.variants if v.family == family), None)


def _count_with_cjk(original: Callable[[Any], float]) -> Callable[[Any], float]:
    """Expansion opportunities: WeasyPrint's spaces, plus the CJK characters' share of the
    letter spacing Pango draws. Pango spreads a character's letter spacing half before and half
    after it and drops the outer half at either end of a text, so a text's first and last CJK
    characters count half: the box then grows by exactly what is drawn, and lines end flush."""

    def count(box: Any) -> float:
        if isinstance(box, boxes.TextBox):
            text = box.text
            cjk = float(len(CJK.findall(text)))
            if cjk:
                cjk -= (bool(CJK.match(text[0])) + bool(CJK.match(text[-1]))) / 2
            return float(original(box)) + cjk
        if isinstance(box, boxes.LineBox | boxes.InlineBox):
            return sum(count(child) for child in box.children)
        return 0.0

    return count


def _byte_span(text: str, start: int, end: int) -> tuple[int, int]:
    """UTF-8 byte (start, end) of characters start..end: Pango attributes index bytes."""
    first = len(text[:start].encode("utf-8"))
    return first, first + len(text[start:end].encode("utf-8"))


def _justification(layout: Any) -> float:
    """The letter spacing in points of the CJK characters, when justifying."""
    base = layout.style["letter_spacing"]
    return float(layout.justification_spacing + (0.0 if base == "normal" else float(base)))


def _runs(values: dict[int, str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, value) of the runs of consecutive characters with one value: Pango merges
    equal adjacent attributes, so a run is one call instead of one per character."""
    start = end = -1
    current = ""
    for index in sorted(values):
        value = values[index]
        if index == end and value == current:
            end += 1
            continue
        if start >= 0:
            yield start, end, current
        start, end, current = index, index + 1, value
    if start >= 0:
        yield start, end, current


def _families(layout: Any, text: str, style: LineStyle) -> dict[int, str]:
    """Character index -> the derived family it is set in (none when the element's font has
    no derived faces)."""
    variants = style.variants_for(layout.style["font_family"][0])
    if variants is None:
        return {}
    out: dict[int, str] = {}
    if variants.spaced:
        out.update((i, variants.spaced) for i in spaced(text) if text[i] in variants.spaced_chars)
    if variants.halves and style.punctuation:
        start = getattr(layout, _START, None)
        halves = halved(
            text,
            style.punctuation,
            line_start=_LINE_START.get() if start is None else bool(start),
            line_end=bool(getattr(layout, _END, False)),
        )
        out.update((i, variants.halves) for i in halves if text[i] in variants.halves_chars)
    return out


def _units(points: float) -> int:
    """Pango units of a letter spacing. Pango "hints" a spacing of whole pixels by putting it
    all before each character instead of half before, half after; one unit off avoids that, so
    the halves (and the first and last characters' share in `_count_with_cjk`) hold."""
    units = int(points * TO_UNITS)
    return units + 1 if units and units % TO_UNITS == 0 else units


def _attribute(attrs: Any, attr: Any, span: tuple[int, int]) -> None:
    attr.start_index, attr.end_index = span
    pango.pango_attr_list_change(attrs, attr)


def _set_text_with_cjk(original: Callable[..., None], style: LineStyle) -> Callable[..., None]:
    # This render's texts and their derived families: WeasyPrint sets a line's text two or
    # three times (to break it, to keep it, to draw it), with the same line-edge facts.
    known: dict[tuple[str, str, bool, bool], dict[int, str]] = {}

    def families_of(layout: Any, text: str) -> dict[int, str]:
        start = getattr(layout, _START, None)
        line_start = _LINE_START.get() if start is None else bool(start)
        key = (layout.style["font_family"][0], text, line_start, bool(getattr(layout, _END, 0)))
        found = known.get(key)
        if found is None:
            if len(known) >= _CACHE_MAX:
                known.clear()
            found = known[key] = _families(layout, text, style)
        return found

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original(self, text, justify)
        text = self.text
        if not text or not CJK.search(text):
            return
        justifying = justify and self.justification_spacing
        families = families_of(self, text)
        derived_before = getattr(self, _DERIVED, None) is self.layout
        if not justifying and not families and not derived_before:
            return
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        if justifying:
            units = _units(_justification(self))
            for run in _CJK_RUN.finditer(text):
                span = _byte_span(text, run.start(), run.end())
                _attribute(attrs, pango.pango_attr_letter_spacing_new(units), span)
        if families or derived_before:
            # This Pango layout may hold derived families from a longer text (WeasyPrint breaks
            # a paragraph, then re-sets the layout to the line it kept): its own family first,
            # over the whole text, then the derived ones.
            own = ",".join(self.style["font_family"]).encode()
            _attribute(attrs, pango.pango_attr_family_new(own), (0, len(text.encode("utf-8"))))
            for start, end, family in _runs(families):
                span = _byte_span(text, start, end)
                _attribute(attrs, pango.pango_attr_family_new(family.encode()), span)
            setattr(self, _DERIVED, self.layout)
        pango.pango_layout_set_attributes(self.layout, attrs)

    return set_text


def _split_first_line_at(original: Callable[..., Any]) -> Callable[..., Any]:
    """Remember on the Layout whether its text starts a line (for opening marks there)."""

    def split_first_line(  # noqa: PLR0917 - WeasyPrint's signature
        text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
        is_line_start: bool = True, minimum: bool = False,
    ) -> Any:  # fmt: skip
        token = _LINE_START.set(is_line_start)
        try:
            result = original(
                text, style, context, max_width, justification_spacing, is_line_start, minimum
            )
        finally:
            _LINE_START.reset(token)
        setattr(result[0], _START, is_line_start)
        return result

    return split_first_line


def _metrics_at_line_end(original: Callable[..., Any]) -> Callable[..., Any]:
    """A layout re-set to the text of a line cut at a break ends that line (for the closing
    marks there); WeasyPrint re-sets it inside first_line_metrics when `resume_at`."""

    def first_line_metrics(  # noqa: PLR0917 - WeasyPrint's signature
        first_line: Any, text: str, layout: Any, resume_at: Any, space_collapse: bool,
        style: Any, hyphenated: bool = False, hyphenation_character: Any = None,
    ) -> Any:  # fmt: skip
        if resume_at and not hyphenated:
            setattr(layout, _END, True)
        return original(
            first_line, text, layout, resume_at, space_collapse, style, hyphenated,
            hyphenation_character,
        )  # fmt: skip

    return first_line_metrics


def _word_spacing_keeping_edges(original: Callable[..., Any]) -> Callable[..., Any]:
    """Justification gives a text box a new Layout: it keeps the old one's line-edge facts."""

    def add_word_spacing(context: Any, box: Any, justification_spacing: float, x: float) -> Any:
        before = getattr(box, "pango_layout", None)
        advance = original(context, box, justification_spacing, x)
        after = getattr(box, "pango_layout", None)
        if before is not None and after is not None and after is not before:
            for name in (_START, _END):
                if hasattr(before, name):
                    setattr(after, name, getattr(before, name))
        return advance

    return add_word_spacing


@contextlib.contextmanager
def cjk_layout(style: LineStyle | None = None) -> Iterator[None]:
    """Inside: CJK justification, and `style`'s punctuation widths and Han–Latin spacing."""
    style = style or LineStyle()
    saved = (
        inline.count_expandable_spaces,
        line_break.Layout.set_text,
        inline.split_first_line,
        line_break.first_line_metrics,
        inline.add_word_spacing,
    )
    count, set_text, split, metrics, word_spacing = saved
    inline.count_expandable_spaces = _count_with_cjk(count)
    line_break.Layout.set_text = _set_text_with_cjk(set_text, style)
    inline.split_first_line = _split_first_line_at(split)
    line_break.first_line_metrics = _metrics_at_line_end(metrics)
    inline.add_word_spacing = _word_spacing_keeping_edges(word_spacing)
    try:
        yield
    finally:
        (
            inline.count_expandable_spaces,
            line_break.Layout.set_text,
            inline.split_first_line,
            line_break.first_line_metrics,
            inline.add_word_spacing,
        ) = saved
