"""Inter-character justification for Chinese lines in WeasyPrint (a small, scoped extension).

WeasyPrint's `text-align: justify` stretches only spaces, so a line of Chinese that Pango ends
one character early (to keep a comma off the next line's start) stays ragged. Here every CJK
character also counts as an expansion opportunity, and the spacing is applied as Pango letter
spacing on those characters. The glyphs stay one text run, so text extraction and copy-paste
are unchanged.

The two WeasyPrint functions involved are swapped only inside `cjk_justification()` and restored
afterwards; a render in another thread of the same process would see the patch (processes are
fine, as for the logging capture in pdf.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import regex
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

# Ideographs, kana and full-width punctuation: the characters that take inter-character space.
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")


def _count_with_cjk(original: Callable[[Any], int]) -> Callable[[Any], int]:
    def count(box: Any) -> int:
        if isinstance(box, boxes.TextBox):
            return int(original(box)) + len(CJK.findall(box.text))
        if isinstance(box, boxes.LineBox | boxes.InlineBox):
            return sum(count(child) for child in box.children)
        return 0

    return count


def _set_text_with_cjk(original: Callable[..., None]) -> Callable[..., None]:
    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original(self, text, justify)
        spacing = self.justification_spacing if justify else 0
        if not spacing or not CJK.search(self.text):
            return
        attrs = pango.pango_layout_get_attributes(self.layout)
        if attrs == ffi.NULL:
            attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        base = self.style["letter_spacing"]
        units = int((spacing + (0 if base == "normal" else base)) * TO_UNITS)
        offset = 0
        for ch in self.text:
            size = len(ch.encode("utf-8"))
            if CJK.match(ch):
                attr = pango.pango_attr_letter_spacing_new(units)
                attr.start_index, attr.end_index = offset, offset + size
                pango.pango_attr_list_change(attrs, attr)
            offset += size
        pango.pango_layout_set_attributes(self.layout, attrs)

    return set_text


@contextlib.contextmanager
def cjk_justification() -> Iterator[None]:
    count, set_text = inline.count_expandable_spaces, line_break.Layout.set_text
    inline.count_expandable_spaces = _count_with_cjk(count)
    line_break.Layout.set_text = _set_text_with_cjk(set_text)
    try:
        yield
    finally:
        inline.count_expandable_spaces = count
        line_break.Layout.set_text = set_text
