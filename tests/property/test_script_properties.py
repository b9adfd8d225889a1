"""Properties of simplified -> traditional conversion on generated running text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.script import convert_phrase
from publish.text.chars import HAN_RE

FAST = settings(max_examples=80, deadline=None, derandomize=True, database=None)
WORDS = (
    "新征程", "发展", "头发", "干部", "实干", "制度", "制造", "于是", "于方舟烈士", "记者于洋",
    "指明了", "明了", "里面", "鹏程里", "4号", "分钟", "只有", "一只", "范围", "多余", "才",
    "“", "”", "‘", "’", "，", "。", "征求", "长征", "干净", "了解", "理发", "白发",
)  # fmt: skip
TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map("".join)


@FAST
@given(TEXT, st.sampled_from(["s2t", "s2tw", "s2hk"]))
def test_conversion_is_character_for_character(text: str, variant: str) -> None:
    converted = convert_phrase(text, variant)  # type: ignore[arg-type]
    assert len(converted) == len(text)
    assert len(HAN_RE.findall(converted)) == len(HAN_RE.findall(text))


@FAST
@given(TEXT)
def test_corner_quotes_replace_every_curly_quote(text: str) -> None:
    converted = convert_phrase(text, "s2tw")
    assert not set("“”‘’") & set(converted)
    assert converted.count("「") == text.count("“")
    assert converted.count("』") == text.count("’")


@FAST
@given(TEXT)
def test_no_private_use_placeholder_leaks(text: str) -> None:
    converted = convert_phrase(text, "s2twp")
    assert not any(0xF0000 <= ord(ch) <= 0x10FFFF for ch in converted)
