"""Every seed, and the traditional-script text made from it (and a traditional fixture), saved in
each encoding it can be saved in, is detected and gives the same cleaned text as its UTF-8 file.

The traditional texts are the seeds through OpenCC's Taiwan-standard config (`s2tw`): its
characters are the ones Big5 has (`s2t` writes variants such as 爲 羣 衆 that Big5 lacks).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc
import pytest

from publish.build.pipeline import process
from publish.ingest import read_source
from publish.render.plaintext import issue_lines

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TRADITIONAL = ROOT / "tests" / "fixtures" / "issues" / "traditional.txt"
# (Python codec to save with, the encoding the reader must report)
ENCODINGS = (
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),  # Python writes the byte-order mark
    ("utf-32", "utf-32"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),  # GBK is a subset: read as GB18030
    ("big5", "big5"),
    ("big5hkscs", "big5hkscs"),
)


@cache
def _texts() -> dict[str, str]:
    to_tw = opencc.OpenCC("s2tw")
    texts = {"traditional": TRADITIONAL.read_text("utf-8")}
    for seed in SEEDS:
        text = seed.read_text("utf-8")
        texts[seed.stem[:3]] = text
        texts[f"{seed.stem[:3]}-s2tw"] = to_tw.convert(text)
    return texts


def _savable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


CASES = [
    (name, codec, expected)
    for name, text in _texts().items()
    for codec, expected in ENCODINGS
    if _savable(text, codec)
]


@cache
def _reference(name: str, folder: Path) -> list[str]:
    path = folder / f"{name}-ref.txt"
    path.write_text(_texts()[name], "utf-8")
    return list(issue_lines(process(path).issue))


def _expected(name: str, codec: str, expected: str) -> set[str]:
    """A text without any HKSCS-only character is Big5 too: either answer is right."""
    if codec == "big5hkscs" and _savable(_texts()[name], "big5"):
        return {"big5", "big5hkscs"}
    return {expected}


def test_the_matrix_covers_every_text_and_the_legacy_encodings() -> None:
    names = {name for name, _, _ in CASES}
    assert names == set(_texts())
    assert {codec for _, codec, _ in CASES} == {codec for codec, _ in ENCODINGS}
    big5 = [name for name, codec, _ in CASES if codec in ("big5", "big5hkscs")]
    assert len(big5) >= 6  # full issues among them (003-s2tw is 66k characters of Big5-HKSCS)


@pytest.mark.parametrize(
    ("name", "codec", "expected"), CASES, ids=[f"{n}-{c}" for n, c, _ in CASES]
)
def test_same_cleaned_text_in_every_encoding(
    name: str, codec: str, expected: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.getbasetemp() / "matrix"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}-{codec}.txt"
    path.write_bytes(_texts()[name].encode(codec))
    source = read_source(path)
    assert source.encoding in _expected(name, codec, expected)
    assert source.text == _texts()[name]
    assert list(issue_lines(process(path).issue)) == _reference(name, folder)


def test_matrix_summary(tmp_path: Path) -> None:
    """Every file of the matrix is detected right."""
    right = 0
    for name, codec, expected in CASES:
        path = tmp_path / f"{name}-{codec}.txt"
        path.write_bytes(_texts()[name].encode(codec))
        right += read_source(path).encoding in _expected(name, codec, expected)
    assert right == len(CASES), f"{right} of {len(CASES)} detected right"
