"""Chinese typesetting rules: punctuation widths per style, Han–Latin spacing, derived faces."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st

from publish.config import load_config
from publish.errors import ConfigError
from publish.render.font_variants import halves_face, spaced_face
from publish.render.fonts import find_font
from publish.render.typesetting import (
    ADJUSTABLE,
    OPENING,
    Typesetting,
    halved,
    is_boundary,
    spaced,
)


def marks(text: str, indices: frozenset[int]) -> str:
    return "".join(text[i] for i in sorted(indices))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说：“好。”", "“。"),  # the opening mark after a mark; the first of two closers
        ("见《人民日报》）。", "》）"),  # a run of three: each pair in 1.5 em
        ("（“引文”）", "“”"),  # opening + opening: the second; closing + closing: the first
        ("“”", "“"),  # opening + closing: the opening mark's outer half
        ("好，好。", ""),  # marks apart: nothing
        ("——“他”……", ""),  # dashes and ellipses are never adjusted
    ],
)
def test_adjacent_marks_lose_the_blank_between_them(text: str, expected: str) -> None:
    assert marks(text, halved(text, "gb")) == expected


def test_gb_halves_line_start_openings_and_line_end_closings() -> None:
    text = "“好”，走了。"
    assert marks(text, halved(text, "gb", line_start=True, line_end=True)) == "“”。"
    assert marks(text, halved(text, "gb")) == "”"  # mid-line: only the pair


def test_hk_keeps_line_ends_and_its_centred_question_marks() -> None:
    text = "“好嗎？”走了。"
    assert marks(text, halved(text, "hk", line_start=True, line_end=True)) == "“"
    assert marks("好。”", halved("好。”", "hk")) == "。"


def test_tw_sets_every_mark_full_width() -> None:
    text = "「好。」他說：「走吧。」"
    assert halved(text, "tw", line_start=True, line_end=True) == frozenset()


@given(st.text(alphabet="“”（）《》，。、：好", max_size=30), st.booleans(), st.booleans())
def test_no_pair_of_adjacent_marks_keeps_two_full_widths_under_gb(
    text: str, start: bool, end: bool
) -> None:
    halves = halved(text, "gb", line_start=start, line_end=end)
    assert all(text[i] in ADJUSTABLE for i in halves)
    for i in range(len(text) - 1):
        if text[i] in ADJUSTABLE and text[i + 1] in ADJUSTABLE:
            assert i in halves or i + 1 in halves, text


@given(st.text(alphabet="“”（，。好", max_size=30))
def test_a_line_broken_between_two_marks_needs_no_other_change(text: str) -> None:
    """Halves decided on a paragraph hold for each line cut from it: a break can only fall
    before an opening mark, and that mark is halved at the line start as well."""
    whole = halved(text, "hk")
    for cut in range(1, len(text)):
        if text[cut] not in OPENING:
            continue
        first = halved(text[:cut], "hk", line_end=True)
        second = halved(text[cut:], "hk", line_start=True)
        assert first | {cut + i for i in second} >= whole


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共有12个", "有2"),
        ("在GNSS领域", "在S"),
        ("第３期", ""),  # full-width digits are set like Han
        ("80%的", ""),  # a percent sign is not a letter
        ("Ａ股", ""),
        ("β射线", "β"),
    ],
)
def test_han_latin_spacing_goes_after_the_first_of_each_pair(text: str, expected: str) -> None:
    assert marks(text, spaced(text)) == expected


def test_boundaries() -> None:
    assert is_boundary("有1") and is_boundary("A股")
    assert not is_boundary("12") and not is_boundary("中文") and not is_boundary("，1")


@pytest.mark.parametrize(
    ("language", "style"),
    [("zh-Hans", "gb"), ("zh-Hant", "hk"), ("zh-Hant-HK", "hk"), ("zh-Hant-TW", "tw")],
)
def test_default_style_by_edition(language: str, style: str) -> None:
    assert Typesetting().style_for(language) == style
    assert Typesetting("tw").style_for(language) == "tw"  # configured wins


def test_pdf_section_sets_the_style(tmp_path: Path) -> None:
    (tmp_path / "publish.toml").write_text(
        '[pdf]\npunctuation = "hk"\nautospace = "eighth"\n', "utf-8"
    )
    assert load_config(tmp_path).pdf.typesetting == Typesetting("hk", "eighth")
    assert load_config(tmp_path / "missing").pdf.typesetting == Typesetting(None, "quarter")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[pdf]\npunctuation = "jis"\n', "punctuation style"),
        ('[pdf]\nautospace = "half"\n', "autospace"),
        ("[pdf]\nautospace = 0.25\n", "must be a string"),
    ],
)
def test_bad_styles_are_config_errors(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "publish.toml").write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(tmp_path)
    assert str(caught.value.path) == str(tmp_path / "publish.toml")


def advances(data: bytes, text: str) -> list[tuple[int, int]]:
    font = hb.Font(hb.Face(data))
    out = []
    for ch in text:
        buf = hb.Buffer()
        buf.add_str(ch)
        buf.guess_segment_properties()
        hb.shape(font, buf, {})
        out.append(
            (
                buf.glyph_positions[0].x_advance,
                font.get_glyph_extents(buf.glyph_infos[0].codepoint).x_bearing,
            )
        )
    return out


@pytest.mark.parametrize(
    ("family", "comma_bearing"),
    [("Noto Serif CJK SC", (50, 150)), ("Noto Serif CJK TC", (100, 250))],
)
def test_halves_face_declares_half_widths_and_keeps_the_ink_inside(
    family: str, comma_bearing: tuple[int, int]
) -> None:
    """The simplified comma keeps its place at the left; the traditional one, centred, moves a
    quarter em left; an opening quote moves half an em left: all inside a half-em advance."""
    data = halves_face(find_font(family), "，“", "Test Halves")
    (comma, comma_x), (quote, quote_x) = advances(data, "，“")
    assert comma == quote == 500
    assert comma_bearing[0] < comma_x < comma_bearing[1]
    assert 0 < quote_x < 150
    names = TTFont(io.BytesIO(data))["name"]
    assert names.getDebugName(1) == "Test Halves"  # fontconfig must not take it for its source


def test_spaced_face_widens_advances_only() -> None:
    font = find_font("Noto Serif CJK SC")
    data = spaced_face(font, "有2", 0.25, "Test Spaced")
    assert [a for a, _ in advances(data, "有")] == [1250]
    digit = advances(data, "2")[0]
    plain = spaced_face(font, "有2", 0.0, "Plain")
    assert digit[0] == advances(plain, "2")[0][0] + 250
    assert digit[1] == advances(plain, "2")[0][1]  # the outline did not move
