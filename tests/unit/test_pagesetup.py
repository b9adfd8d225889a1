"""Page geometry for the PDF: paper sizes, whole-character measures, print marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.config import load_config
from publish.errors import ConfigError
from publish.render.pagesetup import PageSetup, paper_size, stylesheet


@pytest.mark.parametrize(
    ("size", "mm"),
    [("A5", (148, 210)), ("a4", (210, 297)), ("B5", (176, 250)), ("185mm 260mm", (185, 260))],
)
def test_paper_sizes(size: str, mm: tuple[float, float]) -> None:
    assert paper_size(size) == mm


@pytest.mark.parametrize("size", ["Letter", "10mm 10mm", "185 260", "", "A5; color: red"])
def test_bad_paper_sizes_are_config_errors(size: str) -> None:
    with pytest.raises(ConfigError, match="page size"):
        paper_size(size)


def test_the_measure_is_a_whole_number_of_characters_that_fits() -> None:
    assert PageSetup("A5").measure_chars() == 30  # the A5 design in pdf.css
    for size in ("B5", "16K", "A4"):
        setup = PageSetup(size)
        width, _ = setup.paper_mm()
        text_width = setup.measure_chars() * 10.5 * 25.4 / 72
        assert 2 * 17 <= width - text_width < 2 * 17 + 2 * 3.71


def test_default_a5_needs_no_override_and_options_add_rules() -> None:
    assert stylesheet(PageSetup()) == ""
    css = stylesheet(PageSetup("B5", print_marks=True, recto_starts=True))
    assert "size: 176mm 250mm" in css
    assert "calc(88mm - 19 * 10.5pt + 1mm)" in css  # 38 characters, inner margin 2 mm wider
    assert "bleed: 3mm; marks: crop cross" in css
    assert "break-before: right" in css


def test_pdf_section_of_publish_toml(tmp_path: Path) -> None:
    (tmp_path / "publish.toml").write_text(
        '[pdf]\npage_size = "16K"\nprint = true\nrecto_starts = true\npdf_variant = "pdf/a-3b"\n',
        "utf-8",
    )
    assert load_config(tmp_path).pdf == PageSetup("16K", True, True, "pdf/a-3b")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[pdf]\npage_size = "Letter"\n', "page size"),
        ('[pdf]\npdf_variant = "pdf/x-4"\n', "pdf_variant"),
        ('[pdf]\nprint = "yes"\n', "true or false"),
        ("[pdf]\nbleed = 3\n", "unknown key"),
    ],
)
def test_bad_pdf_section(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "publish.toml").write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(tmp_path)
    assert "publish.toml" in str(info.value)
