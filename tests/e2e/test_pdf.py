"""The PDF backend end to end: real issues rendered with WeasyPrint, then read back with pypdf.

The full-issue renders take a few seconds each, so every seed is built once per module and
all checks read the same file.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pdf_measures
import pymupdf
import pypdf
import pytest
from pypdf.generic import DictionaryObject

from publish.backends import BackendOptions, Written, get_backend
from publish.backends import pdf as pdf_backend
from publish.backends.pdf import PdfBackend, RefusedURL, StylesOnlyFetcher
from publish.build.pipeline import process
from publish.errors import RenderError
from publish.model import Article, Block, BlockType, Issue, IssueMeta, Section, Span
from publish.render.context import STYLES_DIR, RenderContext, TocEntry, build_context
from publish.render.pagesetup import PageSetup
from publish.render.plaintext import render_text
from publish.render.typesetting import Typesetting
from publish.script import ScriptConfig, convert_issue

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
FULL_ISSUES = ("000", "001", "003")
WHEN = datetime(2024, 1, 1, tzinfo=UTC)
SUBSET_NAME = re.compile(r"^/[A-Z]{6}\+")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Built:
    issue: Issue
    ctx: RenderContext
    path: Path
    reader: pypdf.PdfReader
    texts: tuple[str, ...]  # extracted text per page (extraction is slow: done once)


@dataclass(frozen=True)
class Mark:
    """One outline entry: its title, 0-based page index and children."""

    title: str
    page: int
    children: tuple[Mark, ...]


def seed(prefix: str) -> Path:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return path


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outline_marks(reader: pypdf.PdfReader, items: list[Any] | None = None) -> tuple[Mark, ...]:
    """pypdf's outline is a flat list in which a nested list follows its parent entry."""
    items = reader.outline if items is None else items
    marks: list[Mark] = []
    for item in items:
        if isinstance(item, list):
            last = marks.pop()
            marks.append(Mark(last.title, last.page, outline_marks(reader, item)))
        else:
            marks.append(Mark(item.title, reader.get_destination_page_number(item), ()))
    return tuple(marks)


def article_marks(marks: tuple[Mark, ...]) -> list[Mark]:
    return [child for mark in marks for child in (mark.children or (mark,))]


def fonts(reader: pypdf.PdfReader) -> dict[str, DictionaryObject]:
    found: dict[str, DictionaryObject] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in (font_dict.get_object() if font_dict else {}).values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return found


def font_file_present(font: DictionaryObject) -> bool:
    descendants = font.get("/DescendantFonts")
    target = descendants.get_object()[0].get_object() if descendants else font
    descriptor = target["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.fixture(scope="module", params=FULL_ISSUES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    issue = process(seed(request.param)).issue
    ctx = build_context(issue, modified=WHEN)
    dest = tmp_path_factory.mktemp("pdf") / f"{request.param}.pdf"
    assert PdfBackend().write(issue, ctx, dest).path == dest
    reader = pypdf.PdfReader(dest)
    return Built(issue, ctx, dest, reader, tuple(p.extract_text() for p in reader.pages))


def contents_pages(built: Built) -> str:
    """The text of the pages between the title page and the first article."""
    first_article = min(mark.page for mark in outline_marks(built.reader))
    return "\n".join(built.texts[1:first_article])


def printed_page(contents: str, title: str, start: int) -> tuple[int, int]:
    """The page number printed after `title` (found from `start`) and where the match ends.

    Spaces are dropped (titles wrap and leaders are dotted); line ends are kept, because the
    number ends its line and the next title may begin with digits. The author the printed
    contents names may stand between the title and the leader, and may leave it no dots.
    """
    flat = "\n".join(line.replace(" ", "").replace("\u3000", "") for line in contents.split("\n"))
    pattern = "\n?".join(re.escape(char) for char in squeeze(title)) + r"[^.\d]*?\.*(\d+)$"
    match = re.compile(pattern, re.MULTILINE).search(flat, start)
    assert match, f"{title!r} with a page number not found on the contents pages"
    return int(match[1]), match.end()


def folio(text: str) -> str:
    return text.rstrip().rsplit("\n", 1)[-1].strip()


# ------------------------------------------------------------------------ full issues


@pytest.mark.e2e
def test_outline_nests_articles_under_their_sections(built: Built) -> None:
    marks = outline_marks(built.reader)
    expected = [(entry.title, [child.title for child in entry.children]) for entry in built.ctx.toc]
    assert [(m.title, [c.title for c in m.children]) for m in marks] == expected
    titles = [mark.title for mark in article_marks(marks)]
    assert titles == [article.title for article in built.issue.articles]
    for mark in marks:
        # A section's bookmark points at its first article's opening page.
        assert all(mark.page <= child.page for child in mark.children)
        if mark.children:
            assert mark.page == mark.children[0].page


@pytest.mark.e2e
def test_contents_page_numbers_are_the_real_pages(built: Built) -> None:
    contents = contents_pages(built)
    position = 0
    for mark in article_marks(outline_marks(built.reader)):
        number, position = printed_page(contents, mark.title, position)
        physical = mark.page + 1
        assert number == physical, mark.title
        # The folio printed on the opening page agrees with the contents.
        assert folio(built.texts[mark.page]) == str(physical), mark.title


@pytest.mark.e2e
def test_contents_lists_the_outline_entries(built: Built) -> None:
    contents = squeeze(contents_pages(built))
    assert contents.startswith("目录")
    sections = [entry.title for entry in built.ctx.toc if entry.children]
    for title in sections:
        assert squeeze(title) in contents


@pytest.mark.e2e
def test_title_page_has_no_running_head_or_folio(built: Built) -> None:
    meta = built.issue.meta
    text = built.texts[0]
    assert meta.period and meta.period in text
    assert not re.search(r"(?m)^\s*1\s*$", text)


@pytest.mark.e2e
def test_cjk_fonts_are_embedded_and_subset(built: Built) -> None:
    found = fonts(built.reader)
    assert any("Noto-Serif-CJK-SC" in name for name in found), sorted(found)
    for name, font in found.items():
        assert SUBSET_NAME.match(name), f"{name} is not subset"
        assert font_file_present(font), f"{name} is not embedded"


@pytest.mark.e2e
def test_metadata(built: Built) -> None:
    meta = built.reader.metadata
    assert meta is not None
    assert meta.title == built.ctx.title
    assert meta.author == built.issue.meta.publisher
    assert meta.subject and built.ctx.title in meta.subject
    keywords = meta.get("/Keywords", "")
    for section in built.issue.sections:
        if section.title:
            assert section.title in keywords
    assert meta.creation_date == WHEN
    assert built.reader.trailer["/Root"]["/Lang"] == built.ctx.language


@pytest.mark.e2e
def test_every_article_title_is_printed(built: Built) -> None:
    body = squeeze("".join(built.texts))
    missing = [a.title for a in built.issue.articles if squeeze(a.title) not in body]
    assert not missing


# Closing marks that must never start a line, opening marks that must never end one (GB/T 15834
# line-breaking rules; dashes and ellipses may open a paragraph or an attribution line).
CLOSING = set("，。、；：？！）》」』”’％〉】")
OPENING = set("（《「『“‘〈【")


@pytest.mark.e2e
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(built: Built) -> None:
    lines = [line.strip() for text in built.texts for line in text.splitlines() if line.strip()]
    assert len(lines) > 1000
    starts = [line[:12] for line in lines if line[0] in CLOSING]
    ends = [line[-12:] for line in lines if line[-1] in OPENING]
    assert (starts, ends) == ([], [])


@pytest.mark.e2e
def test_every_han_character_is_extracted_in_order(built: Built) -> None:
    """The cleaned text's Han characters appear in the PDF's text, in reading order.

    Running heads and folios interrupt a paragraph that crosses a page, so each next character
    may be found a little further on (never more than a running head's length away).
    """
    extracted = "".join(HAN.findall("".join(built.texts)))
    position = 0
    for article in built.issue.articles:
        text = "".join(HAN.findall("".join(b.text for b in article.blocks)))
        if not text:
            continue
        position = extracted.find(text[:8], position)  # the article's start, after its header
        assert position >= 0, f"{article.id} not found"
        for block in article.blocks:
            for ch in HAN.findall(block.text):
                found = extracted.find(ch, position, position + 60)
                assert found >= 0, f"{article.id}: {ch} of {block.text[:30]}"
                position = found + 1


@pytest.mark.e2e
def test_page_size_is_a5(built: Built) -> None:
    box = built.reader.pages[5].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        148,
        210,
    )


# ------------------------------------------------------------------------ small documents

HOSTILE = '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://example.com/x.css">'


def emoji_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run(
        [fc_list, "Noto Color Emoji"], check=False, capture_output=True, text=True
    )
    return bool(found.stdout.strip())


def tiny_issue(text: str = "这是一段正文，用来检查排版。") -> Issue:
    def article(n: int, title: str) -> Article:
        block = Block(BlockType.PARAGRAPH, text, Span(n, n))
        return Article(f"a{n:03d}", title, (block,), Span(n, n), byline="文 / 记者")

    return Issue(
        id="tiny",
        meta=IssueMeta(title="测试刊", period="2024年第1期", publisher="测试社"),
        sections=(Section("栏目", (article(1, "第一篇"), article(2, "第二篇"))),),
    )


def write_tiny(dest: Path, issue: Issue | None = None) -> Written:
    issue = issue or tiny_issue()
    return PdfBackend().write(issue, build_context(issue, modified=WHEN), dest)


@pytest.mark.e2e
def test_two_renders_are_byte_identical(tmp_path: Path) -> None:
    write_tiny(tmp_path / "one.pdf")
    write_tiny(tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


@pytest.mark.e2e
def test_untrusted_text_is_printed_not_fetched(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    backend = write_tiny(tmp_path / "hostile.pdf", tiny_issue(HOSTILE))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "hostile.pdf").pages)
    assert "<img" in text and "passwd" in text  # escaped, shown as text
    assert not any("passwd" in message or "example.com" in message for message in backend.warnings)
    # WeasyPrint's own log records stay inside the backend (collected, not printed).
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
    assert capfd.readouterr().err == ""


@pytest.mark.e2e
def test_emoji_keep_the_text_layer_intact(tmp_path: Path) -> None:
    backend = write_tiny(tmp_path / "emoji.pdf", tiny_issue("📍 天津 📖 正文"))
    if not emoji_font_installed():
        # Noto CJK has no emoji; a .notdef in a font of 65535 glyphs garbles its text layer.
        assert any(".notdef" in message for message in backend.warnings)
        pytest.skip("Noto Color Emoji is not installed (Debian: fonts-noto-color-emoji)")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "emoji.pdf").pages)
    assert "📍 天津 📖 正文" in text
    assert "第一篇" in text


@pytest.mark.e2e
def test_a_failed_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("layout exploded")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", explode)
    dest = tmp_path / "broken.pdf"
    with pytest.raises(RenderError, match="layout exploded"):
        write_tiny(dest)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.e2e
def test_a_missing_stylesheet_stops_the_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_backend, "STYLESHEETS", ("base.css", "missing.css"))
    with pytest.raises(RenderError, match=r"missing\.css"):
        write_tiny(tmp_path / "unstyled.pdf")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------ fast unit checks


@pytest.fixture
def fetcher() -> Iterator[StylesOnlyFetcher]:
    yield StylesOnlyFetcher()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/base.css",
        "https://example.com/base.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        (STYLES_DIR / "base.css").as_uri().replace("file://", "file://evil.example"),
        STYLES_DIR.as_uri() + "/../pyproject.toml",
        STYLES_DIR.as_uri() + "/%2e%2e/pyproject.toml",
    ],
)
def test_fetcher_refuses_everything_but_project_stylesheets(
    fetcher: StylesOnlyFetcher, url: str
) -> None:
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_fetcher_serves_project_stylesheets(fetcher: StylesOnlyFetcher) -> None:
    response = fetcher.fetch((STYLES_DIR / "pdf.css").as_uri())
    try:
        assert b"@page" in response.read()
        assert response.content_type == "text/css"
    finally:
        response.close()


def test_fetcher_serves_font_subsets_only_from_the_editions_folder(tmp_path: Path) -> None:
    fonts, elsewhere = tmp_path / "fonts", tmp_path / "elsewhere"
    for folder in (fonts, elsewhere):
        folder.mkdir()
        (folder / "0.otf").write_bytes(b"OTTO")
    fetcher = StylesOnlyFetcher(fonts=fonts)
    response = fetcher.fetch((fonts / "0.otf").as_uri())
    try:
        assert response.read() == b"OTTO"
    finally:
        response.close()
    for url in ((elsewhere / "0.otf").as_uri(), (fonts / "0.otf").as_uri() + "/../../x.otf"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    with pytest.raises(RefusedURL):
        StylesOnlyFetcher().fetch((fonts / "0.otf").as_uri())


def test_registry_finds_the_pdf_backend() -> None:
    backend = get_backend("pdf")
    assert isinstance(backend, PdfBackend)
    assert (backend.name, backend.suffix) == ("pdf", ".pdf")


def test_body_follows_the_contents() -> None:
    from publish.backends.pdf import reading_order

    issue = tiny_issue()
    parts = reading_order(issue, build_context(issue, modified=WHEN).toc)
    assert [p.section.title if p.section else None for p in parts] == ["栏目"]
    assert [a.id for a in parts[0].articles] == ["a001", "a002"]
    orphan = (TocEntry("第一篇", "a001"),)  # an article missing from the contents
    with pytest.raises(RenderError):
        reading_order(issue, orphan)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("prefix", "variant", "face"),
    [("001", "s2t", "Noto-Serif-CJK-TC"), ("004", "s2hk", "Noto-Serif-CJK-HK")],
)
def test_traditional_edition_uses_its_script_font(
    tmp_path: Path, prefix: str, variant: str, face: str
) -> None:
    issue = convert_issue(process(seed(prefix)).issue, ScriptConfig(variant=variant))  # type: ignore[arg-type]
    dest = tmp_path / f"{prefix}.pdf"
    PdfBackend().write(issue, build_context(issue, modified=WHEN), dest)
    reader = pypdf.PdfReader(dest)
    found = fonts(reader)
    assert any(face in name for name in found), sorted(found)
    assert not any("CJK-SC" in name for name in found), sorted(found)
    assert all(font_file_present(font) for font in found.values())
    marks = [m.title for m in article_marks(outline_marks(reader))]
    assert squeeze(issue.articles[0].title) in [squeeze(m) for m in marks]
    body = squeeze("".join(page.extract_text() for page in reader.pages[:6]))
    assert squeeze(issue.meta.display_title) in body


@pytest.mark.e2e
def test_a_character_no_font_has_is_replaced_and_reported(tmp_path: Path) -> None:
    tangut = "\U00017000"  # in no installed font
    backend = write_tiny(tmp_path / "t.pdf", tiny_issue(f"正文里有{tangut}一个字。"))
    assert any("U+17000" in w and "2×" in w for w in backend.warnings), backend.warnings
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "t.pdf").pages)
    assert "正文里有〓一个字" in squeeze(text)
    assert tangut not in text


@pytest.mark.e2e
def test_print_edition_has_bleed_and_trim_on_its_paper(tmp_path: Path) -> None:
    issue = tiny_issue()
    backend = PdfBackend(BackendOptions(page=PageSetup("B5", print_marks=True)))
    backend.write(issue, build_context(issue, modified=WHEN), tmp_path / "p.pdf")
    page = pypdf.PdfReader(tmp_path / "p.pdf").pages[2]

    def mm(box: Any) -> list[float]:
        return [round(float(v) / 72 * 25.4, 1) for v in box]

    assert mm(page.trimbox) == [0.0, 0.0, 176.0, 250.0]
    assert mm(page.bleedbox) == [-3.0, -3.0, 179.0, 253.0]


@pytest.mark.e2e
def test_recto_starts_put_every_article_on_a_right_hand_page(tmp_path: Path) -> None:
    issue = tiny_issue()
    backend = PdfBackend(BackendOptions(page=PageSetup(recto_starts=True)))
    backend.write(issue, build_context(issue, modified=WHEN), tmp_path / "r.pdf")
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    starts = [m.page + 1 for m in article_marks(outline_marks(reader))]
    assert starts and all(page % 2 == 1 for page in starts), starts


@pytest.mark.e2e
# WeasyPrint 70 leaves its sRGB ICC profile file open when it writes PDF/A (its bug, not ours).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_pdf_a_variant_declares_itself(tmp_path: Path) -> None:
    issue = tiny_issue()
    backend = PdfBackend(BackendOptions(page=PageSetup(pdf_variant="pdf/a-3b")))
    backend.write(issue, build_context(issue, modified=WHEN), tmp_path / "a.pdf")
    reader = pypdf.PdfReader(tmp_path / "a.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"3" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]


def qpdf_check(pdf: Path) -> str:
    """qpdf's structural check (xref, object streams, page tree); its report on failure."""
    qpdf = shutil.which("qpdf")
    assert qpdf, "make test installs qpdf"
    result = subprocess.run(
        [qpdf, "--check", str(pdf)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.e2e
def test_qpdf_finds_a_sound_file(built: Built) -> None:
    report = qpdf_check(built.path)
    assert "No syntax or stream encoding errors found" in report


@pytest.mark.e2e
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants_pass_qpdf_and_embed_every_font(tmp_path: Path, variant: str) -> None:
    issue = tiny_issue()
    backend = PdfBackend(BackendOptions(page=PageSetup(pdf_variant=variant)))
    dest = tmp_path / "v.pdf"
    backend.write(issue, build_context(issue, modified=WHEN), dest)
    qpdf_check(dest)
    listing = subprocess.run(["pdffonts", str(dest)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(" yes yes yes " in f" {' '.join(row.split()[-5:-2])} " for row in rows)


def line_ends(pdf: Path, first: int, last: int) -> list[tuple[float, float, str]]:
    """(right edge of the page's text block, line's right end, line text) per body line."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", str(first), "-l", str(last), str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = []
    for page in out.split("<page ")[1:]:
        lines = re.findall(
            r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>', page, re.S
        )
        if len(lines) < 8:
            continue
        right = Counter(round(float(x)) for x, _ in lines).most_common(1)[0][0]
        for x, body in lines:
            found.append((right, float(x), "".join(re.findall(r">([^<]*)</word>", body))))
    return found


@pytest.mark.e2e
def test_chinese_lines_are_justified_flush_right(built: Built) -> None:
    """Full lines end on the text block's right edge; only paragraph ends fall short by a lot."""
    ends = line_ends(built.path, 5, len(built.reader.pages) - 1)  # the colophon is a table
    body_pt = 10.5
    ragged = [text for right, x, text in ends if 1.0 < right - x < 1.5 * body_pt and len(text) > 20]
    flush = [text for right, x, text in ends if abs(right - x) <= 1.0]
    over = [text for right, x, text in ends if x - right > 1.0]
    assert len(flush) > 1000
    assert len(ragged) / len(flush) < 0.03, ragged[:5]
    assert over == []


# ------------------------------------------------------------------------ typesetting style


@cache
def measured_lines(path: Path) -> list[pdf_measures.Line]:
    """Body lines of the article pages (PyMuPDF character origins), once per file."""
    reader = pypdf.PdfReader(path)
    first = min(mark.page for mark in outline_marks(reader))
    return pdf_measures.body_lines(path, pages=range(first, len(reader.pages) - 1))


@pytest.mark.e2e
def test_adjacent_punctuation_takes_at_most_one_and_a_half_ems(built: Built) -> None:
    """GB style (the simplified edition's default): every pair of adjacent marks in the body,
    `。”` `”，` `》（` …, advances at most 1.5 em (justification's letter spacing taken off)."""
    pairs = list(pdf_measures.punctuation_pairs(measured_lines(built.path)))
    assert len(pairs) > 200
    wide = [(p.text, round(p.advance, 3)) for p in pairs if p.advance > 1.5 + 0.02]
    assert wide == []


@pytest.mark.e2e
def test_han_and_latin_or_digits_are_a_quarter_em_apart(built: Built) -> None:
    moves = list(pdf_measures.han_latin_transitions(measured_lines(built.path)))
    assert len(moves) > 100
    off = [(t.text, round(t.gap, 3)) for t in moves if abs(t.gap - 0.25) > 0.03]
    assert off == []


@pytest.mark.e2e
def test_no_line_starts_with_a_space(built: Built) -> None:
    lines = measured_lines(built.path)
    assert [line.text[:10] for line in lines if line.text[:1].isspace()] == []
    extracted = subprocess.run(
        ["pdftotext", "-f", "5", str(built.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert [line[:10] for line in extracted.splitlines() if line[:1] == " "] == []


@pytest.mark.e2e
def test_non_final_lines_of_paragraphs_end_flush(built: Built) -> None:
    flush, short = pdf_measures.justified(measured_lines(built.path))
    assert len(flush) > 1000
    assert len(flush) / (len(flush) + len(short)) >= 0.985, [s.text for s in short[:5]]


@pytest.mark.e2e
def test_every_han_character_of_the_cleaned_text_is_printed(built: Built) -> None:
    """Counted with multiplicity, running heads aside: the contents page (with the authors it
    names) and the colophon (every masthead field and statement) print what the cleaned text
    holds; at most 0.1 % may be missing (a contents entry that matched no article)."""
    wanted = Counter(HAN.findall(render_text(built.issue)))
    found = Counter(HAN.findall(pdf_measures.type_area_text(built.path)))
    missing = wanted - found
    assert sum(missing.values()) <= 0.001 * sum(wanted.values()), missing.most_common(20)


TYPESET = "他说：“好的。”然后（见《人民日报》）走了，“我们”在2024年收到了ABC公司的3份文件。" * 8


def typeset_pdf(dest: Path, typesetting: Typesetting, language: str = "zh-Hans") -> Path:
    issue = replace(tiny_issue(TYPESET), meta=replace(tiny_issue().meta, language=language))
    PdfBackend(BackendOptions(page=PageSetup(typesetting=typesetting))).write(
        issue, build_context(issue, modified=WHEN), dest
    )
    return dest


def article_lines(path: Path) -> list[pdf_measures.Line]:
    """The article pages of a tiny issue: after the title and contents pages, before the
    colophon."""
    return pdf_measures.body_lines(path, pages=range(2, len(pypdf.PdfReader(path).pages) - 1))


def extracted_texts(path: Path) -> dict[str, str]:
    with pymupdf.open(path) as doc:
        mupdf = "".join(page.get_text() for page in doc)
    poppler = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return {
        "pymupdf": mupdf,
        "pdftotext": poppler,
        "pypdf": "".join(p.extract_text() for p in pypdf.PdfReader(path).pages),
    }


@pytest.mark.e2e
def test_compression_and_spacing_leave_the_text_layer_alone(tmp_path: Path) -> None:
    """Three extractors read the same characters from the compressed, spaced edition as from
    one set at nominal widths: no character added (no space at a Han–Latin boundary), none
    lost, and no line split where a halved mark meets the next glyph."""
    plain = extracted_texts(typeset_pdf(tmp_path / "plain.pdf", Typesetting("tw", "none")))
    styled = extracted_texts(typeset_pdf(tmp_path / "gb.pdf", Typesetting("gb", "quarter")))
    for tool, text in styled.items():
        assert squeeze(text) == squeeze(plain[tool]), tool
        assert "在2024年收到了ABC公司的3份文件" in text.replace("\n", ""), tool
    lines = [line for line in styled["pdftotext"].splitlines() if "人民日报" in line]
    assert all(len(line) > 20 for line in lines), lines  # whole lines, not split at `：“`


@pytest.mark.e2e
def test_taiwan_style_keeps_nominal_widths(tmp_path: Path) -> None:
    path = typeset_pdf(tmp_path / "tw.pdf", Typesetting(), language="zh-Hant-TW")
    pairs = list(pdf_measures.punctuation_pairs(article_lines(path)))
    assert pairs and all(abs(p.advance - 2) < 0.02 for p in pairs)


@pytest.mark.e2e
def test_hong_kong_style_compresses_pairs_in_its_centred_face(tmp_path: Path) -> None:
    path = typeset_pdf(tmp_path / "hk.pdf", Typesetting(), language="zh-Hant-HK")
    lines = article_lines(path)
    pairs = list(pdf_measures.punctuation_pairs(lines))
    assert pairs and all(p.advance <= 1.52 for p in pairs)
    moves = list(
        pdf_measures.han_latin_transitions(lines, pdf_measures.Advances("Noto Serif CJK HK"))
    )
    assert moves and all(abs(t.gap - 0.25) < 0.03 for t in moves)


@pytest.mark.e2e
def test_autospace_none_and_eighth(tmp_path: Path) -> None:
    for setting, gap in (("none", 0.0), ("eighth", 0.125)):
        path = typeset_pdf(tmp_path / f"{setting}.pdf", Typesetting(autospace=setting))
        moves = list(pdf_measures.han_latin_transitions(article_lines(path)))
        assert moves and all(abs(t.gap - gap) < 0.03 for t in moves), setting
