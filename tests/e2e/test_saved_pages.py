"""Pages as people save them: a WeChat post and a news page, each as markdown and as HTML, build
to one clean article with its metadata and a one-entry table of contents, EPUBCheck-clean."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publish.build.pipeline import process
from publish.build.validate import run_epubcheck
from publish.cli import main
from publish.ingest import read_source
from publish.ingest.reading import InputFormat

ROOT = Path(__file__).resolve().parents[2]
SAVED = ROOT / "tests" / "fixtures" / "saved"
NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf"}
DC = "{http://purl.org/dc/elements/1.1/}"

WECHAT_TITLE = "让支部成为群众身边的“暖心驿站”"
NEWS_TITLE = "示范县：特色产业绘就乡村振兴新答卷"
# name -> (title, url start, author, date, site)
PAGES = {
    "wechat_post.md": (WECHAT_TITLE, "https://mp.weixin.qq.com/s/", None, "2024-03-12", None),
    "wechat_post.html": (WECHAT_TITLE, "http://mp.weixin.qq.com/s?", "示范党建", "2024-03-12", "示范党建"),  # noqa: E501
    "news_page.md": (NEWS_TITLE, "http://www.sfxf.gov.cn/", "刘洋", "2024-05-20", "示范先锋网"),
    "news_page.html": (NEWS_TITLE, "http://www.sfxf.gov.cn/", "刘洋", "2024-05-20", "示范先锋网"),
}  # fmt: skip
# What must never reach the text: page controls, prompts, markup, link targets.
CHROME = (
    "允许", "取消", "收藏", "轻点两下", "扫一扫", "滑动看下一个", "阅读原文", "往期推荐",
    "在看", "知道了", "当前位置", "打印本页", "关闭窗口", "分享到", "上一篇", "下一篇",
    "相关新闻", "网站地图", "版权所有", "ICP备", "返回顶部", "![", "](", "**", "http",
)  # fmt: skip

pytestmark = pytest.mark.e2e


def _article_text(name: str) -> str:
    issue = process(SAVED / name).issue
    return "\n".join(b.text for a in issue.articles for b in a.blocks)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_one_clean_article_with_its_metadata(name: str) -> None:
    title, url, author, date, site = PAGES[name]
    issue = process(SAVED / name).issue
    (article,) = issue.articles
    assert article.title == title
    assert issue.meta.title == title
    assert (issue.meta.url or "").startswith(url)
    assert issue.meta.date == date
    if author:
        assert issue.meta.author == author
    if site:
        assert issue.meta.source_site == site
    text = _article_text(name)
    left = [c for c in CHROME if c in text]
    assert not left, left
    assert " “" not in text and "” " not in text and " —— " not in text
    headings = [b.text for b in article.blocks if b.type.value == "heading"]
    assert headings[:2] in (
        ["一、聚焦急难愁盼", "二、创新服务方式"],
        ["党建引领，产业有了“主心骨”", "科技赋能，田间地头有“新农人”"],
    )


def test_a_picture_caption_is_kept_as_a_caption() -> None:
    for name in ("wechat_post.md", "wechat_post.html"):
        (article,) = process(SAVED / name).issue.articles
        captions = [b.text for b in article.blocks if b.type.value == "caption"]
        assert captions == ["图为示范街道党员志愿者入户走访困难群众"], name


def test_markdown_footnotes_and_tables() -> None:
    (article,) = process(SAVED / "news_page.md").issue.articles
    notes = [b.text for b in article.blocks if b.type.value == "note"]
    assert notes == ["[1] 数据来源：示范县农业农村局2023年统计公报。"]
    assert article.blocks[-1].text == notes[0]  # at the end of its article
    texts = [b.text for b in article.blocks]
    assert "领办合作社（个） 61 98" in texts


def test_every_dropped_line_is_reported() -> None:
    """The chrome is in the report: an image, a link target, a dialog button each have a row."""
    processed = process(SAVED / "wechat_post.md")
    changes = processed.normalised.changes
    dropped = [c.before for c in changes if c.kind.value == "drop"]
    assert dropped.count("允许") == 3 and "收藏" in dropped and "赞，轻点两下取消赞" in dropped
    images = [c for c in changes if c.rule == "M102"]
    assert len(images) == 6
    assert all(c.line for c in changes)  # every row points at an input line


@pytest.mark.parametrize("name", sorted(PAGES))
def test_builds_with_a_one_entry_contents_and_passes_epubcheck(name: str, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["build", str(SAVED / name), "-o", str(tmp_path), "--format", "epub", "-j", "1"], out, err
    )
    assert code == 0, out.getvalue() + err.getvalue()
    stem = Path(name).stem
    report = json.loads((tmp_path / stem / "report.json").read_text("utf-8"))
    assert report["format"] == ("markdown" if name.endswith(".md") else "html")
    assert report["encoding"] == "utf-8"
    for output in report["outputs"]:
        epub = Path(output["path"])
        result = run_epubcheck(epub)
        assert result.ok, [f"{m.severity} {m.id}: {m.message}" for m in result.messages]
        assert not result.messages
        with zipfile.ZipFile(epub) as zf:
            nav_name = next(n for n in zf.namelist() if n.endswith("nav.xhtml"))
            nav = etree.fromstring(zf.read(nav_name))
            opf = etree.fromstring(zf.read(next(n for n in zf.namelist() if n.endswith(".opf"))))
        toc = nav.xpath("//x:nav[@*[local-name()='type']='toc']//x:a", namespaces=NS)
        assert len(toc) == 1, [a.text for a in toc]
        assert opf.find(f".//{DC}title") is not None
        assert (opf.find(f".//{DC}source").text or "").startswith("http")


def test_a_txt_that_is_clearly_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes((SAVED / "wechat_post.md").read_bytes())
    assert read_source(path).format is InputFormat.MARKDOWN
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    assert read_source(seed).format is InputFormat.TEXT  # tables and lists are not enough
