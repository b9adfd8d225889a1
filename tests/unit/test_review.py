"""The editor's review page and the change report."""

from __future__ import annotations

from publish.build.review import diff_pieces, render_review, rule_counts
from publish.normalise import normalise

TEXT = "标题\n\n扫码收听有声文章\n\n正文,第一段\n\n写完了。✎\n\n        相关新闻"


def test_diff_pieces_marks_changes() -> None:
    pieces = diff_pieces("正文,第一段", "正文，第一段")
    assert [(p.text, p.before) for p in pieces] == [("正文", None), ("，", ","), ("第一段", None)]


def test_counts_per_rule() -> None:
    counts = {row.code: row.count for row in rule_counts(normalise(TEXT).changes)}
    assert counts["F203"] == 1  # QR caption
    assert counts["P402"] == 1  # the comma
    assert counts["F206"] == 1  # web chrome


def test_review_page_lists_drops_and_edits() -> None:
    normalised = normalise(TEXT)
    html = render_review("示例", tuple(TEXT.split("\n")), normalised, normalised.diagnostics)
    assert "扫码收听有声文章" in html and "相关新闻" in html  # dropped, listed with reasons
    assert "qr-caption" in html and "web-chrome" in html
    assert '<mark title="was: ,">，</mark>' in html
    assert "正文，第一段写完了。" in html.replace('<mark title="was: ,">，</mark>', "，")


def test_diff_of_a_huge_repetitive_line_is_fast_and_lossless() -> None:
    """A 1 MB one-line input made the character diff quadratic (minutes): beyond a bound the
    changed middle is one run (common ends trimmed first), and nothing is lost."""
    from publish.build.review import MAX_DIFF_CHARS, diff_pieces

    before = "正文, " * 100_000 + "end"
    after = "正文，" * 100_000 + "end"
    pieces = diff_pieces(before, after)
    assert len(pieces) <= 3 and len(pieces[1].text) > MAX_DIFF_CHARS  # the coarse path
    assert "".join(p.text for p in pieces) == after
    assert "".join(p.before if p.before is not None else p.text for p in pieces) == before
    small = diff_pieces("甲乙, 丙", "甲乙，丙")
    assert "".join(p.text for p in small) == "甲乙，丙"
    assert any(p.text == "，" for p in small)
