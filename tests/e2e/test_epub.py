"""End-to-end EPUB builds of every seed: EPUBCheck clean, navigation = structure, reproducible."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from publish.backends import BackendOptions, get_backend
from publish.backends.epub import APPLE_OPTIONS, chapter_href
from publish.build.pipeline import process
from publish.build.validate import run_epubcheck
from publish.model import Issue
from publish.render.context import build_context, build_time
from publish.render.pagesetup import PageSetup
from publish.render.plaintext import render_text
from publish.render.typesetting import Typesetting
from publish.script import ScriptConfig, convert_issue

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FULL_ISSUES = ("000_", "001_", "003_")
NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}

pytestmark = pytest.mark.e2e


def _build(seed: Path, dest: Path) -> tuple[Issue, Path]:
    issue = process(seed).issue
    ctx = build_context(issue, modified=build_time(EPOCH))
    return issue, get_backend("epub").write(issue, ctx, dest / f"{issue.id}.epub").path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Issue, Path]]]:
    out = tmp_path_factory.mktemp("epub")
    yield {seed.name: _build(seed, out) for seed in SEEDS}


def _xml(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as zf:
        return etree.fromstring(zf.read(name))


@pytest.mark.parametrize("seed", [s.name for s in SEEDS])
def test_epubcheck_reports_nothing(built: dict[str, tuple[Issue, Path]], seed: str) -> None:
    _issue, epub = built[seed]
    result = run_epubcheck(epub)
    assert result.ok, [f"{m.severity} {m.id} {m.location}: {m.message}" for m in result.messages]


@pytest.mark.parametrize("seed", [s.name for s in SEEDS if s.name.startswith(FULL_ISSUES)])
def test_nav_and_ncx_follow_sections(built: dict[str, tuple[Issue, Path]], seed: str) -> None:
    issue, epub = built[seed]
    nav = _xml(epub, "EPUB/nav.xhtml")
    ncx = _xml(epub, "EPUB/toc.ncx")
    for section in issue.sections:
        titles = [a.title for a in section.articles]
        if section.title is None or (len(titles) == 1 and titles[0] == section.title):
            continue
        nav_children = nav.xpath(
            "//x:nav[@epub:type='toc']//x:li[x:a[normalize-space()=$t]]/x:ol/x:li/x:a/text()",
            namespaces=NS,
            t=section.title,
        )
        assert nav_children == titles
        ncx_children = ncx.xpath(
            "//ncx:navPoint[ncx:navLabel/ncx:text=$t]/ncx:navPoint/ncx:navLabel/ncx:text/text()",
            namespaces=NS,
            t=section.title,
        )
        assert ncx_children == titles
    linked = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)
    assert len(linked) >= len(issue.articles)


@pytest.mark.parametrize("seed", [s.name for s in SEEDS])
def test_every_article_has_its_text(built: dict[str, tuple[Issue, Path]], seed: str) -> None:
    issue, epub = built[seed]
    for article in issue.articles:
        chapter = _xml(epub, f"EPUB/text/{article.id}.xhtml")
        text = "".join(chapter.itertext())
        assert article.title in text
        for block in article.blocks:
            assert block.text in text


def test_metadata(built: dict[str, tuple[Issue, Path]]) -> None:
    issue, epub = built[SEEDS[0].name]
    opf = _xml(epub, "EPUB/content.opf")
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["zh-Hans"]
    assert opf.xpath("//dc:title/text()", namespaces=NS) == [issue.meta.display_title]
    assert issue.meta.display_title == "天津支部生活 2023年第11期（下半月）"
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2023-11-14T22:13:20Z"]


@pytest.fixture(scope="module")
def traditional(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Issue, Path]]:
    """Every seed in generic s2t, and the web article in the Taiwan and Hong Kong variants."""
    out = tmp_path_factory.mktemp("epub-hant")
    jobs = [(seed, "s2t") for seed in SEEDS] + [(SEEDS[-1], "s2twp"), (SEEDS[-1], "s2hk")]
    built: dict[str, tuple[Issue, Path]] = {}
    for seed, variant in jobs:
        issue = convert_issue(process(seed).issue, ScriptConfig(variant=variant))  # type: ignore[arg-type]
        ctx = build_context(issue, modified=build_time(EPOCH))
        dest = out / f"{issue.id}.{variant}.epub"
        built[f"{seed.name}:{variant}"] = (issue, get_backend("epub").write(issue, ctx, dest).path)
    return built


def test_traditional_editions_pass_epubcheck(traditional: dict[str, tuple[Issue, Path]]) -> None:
    problems = {
        key: [f"{m.severity} {m.id} {m.location}: {m.message}" for m in result.messages]
        for key, (_issue, epub) in traditional.items()
        if not (result := run_epubcheck(epub)).ok
    }
    assert problems == {}


def test_traditional_editions_declare_their_language(
    traditional: dict[str, tuple[Issue, Path]],
) -> None:
    expected = {"s2t": "zh-Hant", "s2twp": "zh-Hant-TW", "s2hk": "zh-Hant-HK"}
    for key, (issue, epub) in traditional.items():
        language = expected[key.rsplit(":", 1)[1]]
        opf = _xml(epub, "EPUB/content.opf")
        assert opf.xpath("//dc:language/text()", namespaces=NS) == [language], key
        assert opf.xpath("//dc:title/text()", namespaces=NS) == [issue.meta.display_title]
        chapter = _xml(epub, f"EPUB/{chapter_href(issue.articles[0].id)}")
        assert chapter.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        assert chapter.get("lang") == language
        nav = _xml(epub, "EPUB/nav.xhtml")
        titles = nav.xpath("//x:nav[@epub:type='toc']//x:a/text()", namespaces=NS)
        assert issue.articles[0].title in titles


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    seed = SEEDS[-1]
    _, first = _build(seed, tmp_path / "a")
    _, second = _build(seed, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert zf.namelist()[0] == "mimetype"
        assert zf.getinfo("mimetype").compress_type == zipfile.ZIP_STORED


def test_two_builds_with_embedded_fonts_are_byte_identical(tmp_path: Path) -> None:
    issue = convert_issue(process(SEEDS[-1]).issue, ScriptConfig(variant="s2tw"))
    ctx = build_context(issue, modified=build_time(EPOCH))
    paths = [
        get_backend("epub-vertical", BackendOptions(embed_fonts=True))
        .write(issue, ctx, tmp_path / f"{n}.epub")
        .path
        for n in ("a", "b")
    ]
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_vertical_edition(tmp_path: Path) -> None:
    issue = convert_issue(process(SEEDS[0]).issue, ScriptConfig(variant="s2tw"))
    ctx = build_context(issue, modified=build_time(EPOCH))
    epub = get_backend("epub-vertical").write(issue, ctx, tmp_path / "v.vertical.epub").path
    result = run_epubcheck(epub)
    assert result.ok, [f"{m.severity} {m.id}: {m.message}" for m in result.messages]
    opf = _xml(epub, "EPUB/content.opf")
    assert opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    mode = opf.xpath("//opf:meta[@name='primary-writing-mode']/@content", namespaces=NS)
    assert mode == ["vertical-rl"]
    chapter = _xml(epub, f"EPUB/{chapter_href(issue.articles[0].id)}")
    sheets = chapter.xpath("//x:link[@rel='stylesheet']/@href", namespaces=NS)
    assert "../style/epub-vertical.css" in sheets
    with zipfile.ZipFile(epub) as zf:
        assert b"writing-mode: vertical-rl" in zf.read("EPUB/style/epub-vertical.css")


@pytest.mark.parametrize("seed", [s.name for s in SEEDS])
def test_landmarks_cover_and_accessibility(built: dict[str, tuple[Issue, Path]], seed: str) -> None:
    issue, epub = built[seed]
    nav = _xml(epub, "EPUB/nav.xhtml")
    marks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    kinds = {a.get(f"{{{NS['epub']}}}type"): a.get("href") for a in marks}
    assert kinds == {
        "cover": "text/cover.xhtml",
        "titlepage": "text/titlepage.xhtml",
        "toc": "nav.xhtml#toc",
        "bodymatter": f"text/{issue.articles[0].id}.xhtml",
    }
    opf = _xml(epub, "EPUB/content.opf")
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == issue.meta.language
    cover = opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert [(c.get("href"), c.get("media-type")) for c in cover] == [
        ("images/cover.png", "image/png")
    ]
    page = _xml(epub, "EPUB/text/cover.xhtml")
    alts = page.xpath("//x:img/@alt", namespaces=NS)
    assert len(alts) == 1 and issue.meta.display_title in alts[0]
    spine = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    assert spine[:3] == ["cover-page", "titlepage", "nav"]

    def meta(prop: str) -> list[str]:
        return opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)

    assert meta("schema:accessMode") == ["textual", "visual"]
    assert meta("schema:accessModeSufficient") == ["textual"]
    assert meta("schema:accessibilityHazard") == ["none"]
    assert {"tableOfContents", "structuralNavigation"} <= set(meta("schema:accessibilityFeature"))
    assert meta("schema:accessibilitySummary")
    assert meta("dcterms:conformsTo") == []  # no audit, no claim


@pytest.mark.parametrize("seed", [s.name for s in SEEDS if s.name.startswith(FULL_ISSUES)])
def test_page_list_maps_printed_pages_to_article_starts(
    built: dict[str, tuple[Issue, Path]], seed: str
) -> None:
    issue, epub = built[seed]
    nav = _xml(epub, "EPUB/nav.xhtml")
    opf = _xml(epub, "EPUB/content.opf")
    features = opf.xpath(
        "//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS
    )
    entries = nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    if not any(a.page for a in issue.articles):  # contents printed without page numbers
        assert entries == [] and "pageNavigation" not in features
        return
    pages = [int(a.text) for a in entries]
    assert len(pages) >= 10 and pages == sorted(set(pages))
    by_id = {a.id: a for a in issue.articles}
    for a, page in zip(entries, pages, strict=True):
        href, fragment = a.get("href").split("#")
        article_id = href.removeprefix("text/").removesuffix(".xhtml")
        assert by_id[article_id].page == page
        chapter = _xml(epub, f"EPUB/{href}")
        marker = chapter.xpath(f"//*[@id='{fragment}']", namespaces=NS)[0]
        assert marker.get(f"{{{NS['epub']}}}type") == "pagebreak"
        assert marker.get("aria-label") == str(page)
    source = opf.xpath("//dc:source[@id='src']/text()", namespaces=NS)
    assert source == [
        f"urn:issn:{issue.meta.issn}" if issue.meta.issn else issue.meta.display_title
    ]
    assert opf.xpath("//opf:meta[@refines='#src']/text()", namespaces=NS) == ["pagination"]
    assert "pageNavigation" in features


def test_series_and_contributors(built: dict[str, tuple[Issue, Path]]) -> None:
    issue, epub = built[SEEDS[0].name]
    opf = _xml(epub, "EPUB/content.opf")
    assert opf.xpath("//opf:meta[@property='belongs-to-collection']/text()", namespaces=NS) == [
        issue.meta.title
    ]
    position = opf.xpath("//opf:meta[@property='group-position']/text()", namespaces=NS)
    assert position == [str(issue.meta.total_number)]
    contributors = opf.xpath("//dc:contributor/text()", namespaces=NS)
    assert contributors and all(
        name in "".join(a.byline or "" for a in issue.articles) for name in contributors
    )
    subjects = opf.xpath("//dc:subject/text()", namespaces=NS)
    assert subjects == list(dict.fromkeys(s.title for s in issue.sections if s.title))


def test_chapters_are_small(built: dict[str, tuple[Issue, Path]]) -> None:
    for _issue, epub in built.values():
        with zipfile.ZipFile(epub) as zf:
            sizes = {
                i.filename: i.file_size for i in zf.infolist() if i.filename.endswith(".xhtml")
            }
        assert max(sizes.values()) < 250_000, max(sizes, key=sizes.__getitem__)


@pytest.mark.parametrize(
    ("seed_index", "variant", "backend"), [(0, None, "epub"), (-1, "s2hk", "epub-vertical")]
)
def test_embedded_fonts_cover_every_character(
    tmp_path: Path, seed_index: int, variant: str | None, backend: str
) -> None:
    from fontTools.ttLib import TTFont

    issue = process(SEEDS[seed_index]).issue
    if variant:
        issue = convert_issue(issue, ScriptConfig(variant=variant))  # type: ignore[arg-type]
    ctx = build_context(issue, modified=build_time(EPOCH))
    epub = (
        get_backend(backend, BackendOptions(embed_fonts=True))
        .write(issue, ctx, tmp_path / "f.epub")
        .path
    )
    result = run_epubcheck(epub)
    assert result.ok, [f"{m.severity} {m.id}: {m.message}" for m in result.messages]
    opf = _xml(epub, "EPUB/content.opf")
    fonts = opf.xpath("//opf:item[@media-type='font/otf']/@href", namespaces=NS)
    assert sorted(fonts) == ["fonts/serif-bold.otf", "fonts/serif-normal.otf"]
    chapter = _xml(epub, f"EPUB/{chapter_href(issue.articles[0].id)}")
    assert "../style/fonts.css" in chapter.xpath("//x:link/@href", namespaces=NS)
    # Apple Books draws embedded fonts only when told to
    options = _xml(epub, APPLE_OPTIONS)
    assert options.xpath("//option[@name='specified-fonts']/text()") == ["true"]
    with zipfile.ZipFile(epub) as zf:
        text = "".join(
            "".join(_xml(epub, n).itertext()) for n in zf.namelist() if n.endswith(".xhtml")
        )
        font = TTFont(io.BytesIO(zf.read("EPUB/fonts/serif-normal.otf")))
    covered = set(font.getBestCmap())
    missing = {ch for ch in text if ch.strip() and ord(ch) not in covered}
    # emoji are not in any CJK face: the reader's fallback draws them
    assert {ch for ch in missing if ord(ch) < 0x1F000} == set()


def test_apple_options_only_with_embedded_fonts(built: dict[str, tuple[Issue, Path]]) -> None:
    _issue, epub = built[SEEDS[0].name]
    with zipfile.ZipFile(epub) as zf:
        assert APPLE_OPTIONS not in zf.namelist()


def _css(epub: Path, name: str) -> str:
    with zipfile.ZipFile(epub) as zf:
        return zf.read(f"EPUB/style/{name}").decode()


def test_spacing_stylesheet_follows_the_edition(
    built: dict[str, tuple[Issue, Path]], tmp_path: Path
) -> None:
    """text-spacing-trim and text-autospace for reading systems that implement them: GB
    trimming for the simplified edition, nominal widths for Taiwan's."""
    issue, epub = built[SEEDS[0].name]
    chapter = _xml(epub, f"EPUB/{chapter_href(issue.articles[0].id)}")
    assert "../style/spacing.css" in chapter.xpath("//x:link/@href", namespaces=NS)
    css = _css(epub, "spacing.css")
    assert "text-spacing-trim: trim-both;" in css
    assert "text-autospace: ideograph-alpha ideograph-numeric;" in css
    taiwan = convert_issue(issue, ScriptConfig(variant="s2tw"))
    ctx = build_context(taiwan, modified=build_time(EPOCH))
    options = BackendOptions(page=PageSetup(typesetting=Typesetting(autospace="none")))
    tw = get_backend("epub", options).write(taiwan, ctx, tmp_path / "tw.epub").path
    css = _css(tw, "spacing.css")
    assert "text-spacing-trim: space-all;" in css and "trim-start" not in css
    assert "text-autospace: no-autospace;" in css


def _all_text(epub: Path) -> str:
    with zipfile.ZipFile(epub) as zf:
        names = [n for n in zf.namelist() if n.endswith(".xhtml")]
    return "".join("".join(_xml(epub, n).itertext()) for n in names)


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@pytest.mark.parametrize("seed", [s.name for s in SEEDS])
def test_every_han_character_of_the_cleaned_text_is_in_the_book(
    built: dict[str, tuple[Issue, Path]], seed: str
) -> None:
    """The cleaned text (`publish clean`: contents and masthead page included) has no Han
    character the EPUB lacks, counted with multiplicity: at most 0.1 % may be missing (a
    contents entry that matched no article)."""
    issue, epub = built[seed]
    wanted = Counter(HAN.findall(render_text(issue)))
    found = Counter(HAN.findall(_all_text(epub)))
    missing = sum((wanted - found).values())
    assert missing <= 0.001 * sum(wanted.values()), (wanted - found).most_common(20)


@pytest.mark.parametrize("seed", [s.name for s in SEEDS if s.name.startswith(FULL_ISSUES)])
def test_colophon_carries_the_whole_masthead(
    built: dict[str, tuple[Issue, Path]], seed: str
) -> None:
    issue, epub = built[seed]
    colophon = " ".join(_xml(epub, "EPUB/text/colophon.xhtml").itertext())
    for field in issue.meta.masthead:
        assert field.label in colophon and field.value in colophon, field
    assert issue.meta.notices
    for notice in issue.meta.notices:
        assert notice in colophon
