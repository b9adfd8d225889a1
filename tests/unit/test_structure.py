"""Structure detection on synthetic issues (not the seeds): metadata, contents, articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.front.contents import parse_contents
from publish.front.masthead import is_masthead_like, is_slogan
from publish.lines import Line, Tag
from publish.model import ArticleKind, Issue
from publish.normalise import normalise
from publish.structure import detect_structure
from publish.structure.metadata import chinese_number, extract_metadata, parse_masthead
from publish.text.names import is_author_field, is_person_name, split_author
from publish.text.shapes import is_author_note, is_byline, is_source_note

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "issues"


def structure_of(name: str) -> Issue:
    text = (FIXTURES / name).read_text("utf-8")
    return detect_structure(normalise(text), Path(name).stem)


def lines(*texts: str, front: bool = True) -> list[Line]:
    out = []
    for n, text in enumerate(texts, start=1):
        blank = 0 if text.startswith("\t") else 1
        line = Line(text=text.strip("\t"), origin=(n,), blank_before=blank)
        out.append(line.tagged(Tag.FRONT) if front else line)
    return out


class TestMetadata:
    def test_a_letter_spaced_name_over_its_latin_name_and_a_dotted_issue_line(self) -> None:
        # `华 源 党 风` reads as two halves (`华源 党风`), not a motto of two phrases; a folio
        # (`第2页`) after the contents is no entry, and the wrapped last entry keeps its tail.
        issue = structure_of("name_in_halves.txt")
        assert issue.meta.title == "华源党风"
        assert [a.title for a in issue.articles] == [
            "发展有实绩 天津出台创新举措",
            "一颗红心为“红星”",
            "如何理解新质生产力本身就是绿色生产力？",
        ]

    def test_a_masthead_first_with_a_notice_and_an_entry_over_two_lines(self) -> None:
        # The notice is no running text, and `【法治天地】标题` over its page line is an entry:
        # the cover and masthead are front matter, not a cover editorial.
        issue = structure_of("masthead_first_notice.txt")
        assert issue.meta.title == "和江先锋"
        assert issue.meta.price == "9.00元"
        assert [a.kind.value for a in issue.articles] == ["article"] * 3
        assert issue.contents[0].title.startswith("习近平：铸牢中华民族共同体意识")

    def test_masthead_fields_whose_gaps_closed_spaced_labels_and_a_notice(self) -> None:
        fields = {f.label: f.value for f in structure_of("masthead_closed_gaps.txt").meta.masthead}
        assert fields["主管"] == "中共示范市委"  # `主管：… 主办：…`: two fields on one line
        assert fields["主办"] == "中共示范市委组织部"
        assert (fields["总编辑"], fields["副总编辑"]) == ("雷梅峰", "高伟")
        assert (fields["责任编辑"], fields["美术编辑"]) == ("董雯晨 王莉平", "白雨")
        assert (fields["主编"], fields["定价"]) == ("肖玲璇", "5.00元")  # `主  编`: one label
        assert fields["出版日期"] == "每月22日出版"  # the notice under it is not its value

    def test_masthead_fields_and_issue_numbers(self) -> None:
        meta = structure_of("page_first.txt").meta
        assert meta.title == "示范党建周刊"  # printed letter-spaced as `示范 党建周刊`
        assert (meta.half, meta.year, meta.number, meta.total_number) == ("上半月", 2024, 3, 512)
        assert meta.publisher == "示范党建周刊社"
        assert meta.sponsor == "示范市委"
        assert (meta.issn, meta.cn, meta.price) == ("1234-5678", "11-2233/D", "6.00元")
        assert meta.date == "2024-03-01"
        assert meta.display_title == "示范党建周刊 2024年第3期（上半月）"

    def test_wrapped_field_values_continue(self) -> None:
        masthead = parse_masthead(
            lines(
                "副总编辑 岳涛",
                "\t王翊",
                "联系地址 某市某区",
                "\t某路82号",
                "编委会委员",
                "张三 李四",
            )
        )
        values = {f.label: f.value for f in masthead.fields}
        assert values["副总编辑"] == "岳涛 王翊"
        assert values["联系地址"] == "某市某区某路82号"  # an address wraps inside a word
        assert values["编委会委员"] == "张三 李四"

    def test_several_fields_on_one_line(self) -> None:
        masthead = parse_masthead(
            lines("主管：示范市委  编辑出版：《示范党建》杂志社", "主编：张三  副主编：李四 王五")
        )
        values = {f.label: f.value for f in masthead.fields}
        assert values["主管"] == "示范市委"
        assert values["编辑出版"] == "《示范党建》杂志社"
        assert values["副主编"] == "李四 王五"

    @pytest.mark.parametrize(
        ("cover", "name"),
        [
            (
                ("示 范 机 关 党 建", "SHIFAN JIGUAN DANGJIAN", "半月刊 2019年第19期（上）"),
                "示范机关党建",
            ),
            (("SHIFAN DANGJIAN", "示范 机关 党建", "围绕中心 服务大局"), "示范机关党建"),
        ],
    )
    def test_magazine_name_on_the_cover(self, cover: tuple[str, ...], name: str) -> None:
        front = lines(*cover, "编辑出版：《示范机关党建》杂志社")
        meta, _masthead = extract_metadata(front, [])
        assert meta.title == name  # not `半月刊`, not the motto, the name printed letter-spaced

    def test_web_page_metadata_line(self) -> None:
        text = "某地推进基层治理\n发布时间:2024-05-06 来源: 示范网 作者:佚名\n正文第一段。\n原文链接:http://example.org/a.html"
        issue = detect_structure(normalise(text), "web")
        assert issue.meta.date == "2024-05-06"
        assert issue.meta.source_site == "示范网"
        assert issue.meta.publisher == "示范网"
        assert issue.meta.author == "佚名"
        assert issue.meta.url == "http://example.org/a.html"
        assert issue.meta.title == "某地推进基层治理"

    def test_web_fields_set_apart_by_spaces_and_an_unlabelled_date(self) -> None:
        text = (
            "以自我革命引领社会革命\n"
            "来源：《示范》2024/12    作者：中央党校课题组    2024-06-16 09:00:00\n"
            "正文第一段，写得很长很长。\n"
        )
        meta = detect_structure(normalise(text), "web").meta
        assert (meta.author, meta.source_site) == ("中央党校课题组", "《示范》2024/12")
        assert (meta.date, meta.year) == ("2024-06-16", 2024)


class TestContents:
    def test_page_first_with_authors_and_sections(self) -> None:
        items = parse_contents(
            lines("理论前沿", "06 把握新时代基层治理的内在逻辑 王建国", "09 以数字化赋能社区服务")
        )
        assert [(i.page, i.title, i.author) for i in items] == [
            (6, "把握新时代基层治理的内在逻辑", "王建国"),
            (9, "以数字化赋能社区服务", None),
        ]

    def test_page_last_with_leaders_wraps_and_sections(self) -> None:
        raw = lines(
            "卷首语",
            "奋进新征程",
            "特约评论员 1",
            "经验交流",
            "关于加强基层党组织建设的",
            "调研报告 12 某某课题组",
            "理论研究的阵地 经验交流的桥梁 党建知识的宝库 党务干部的挚友",
            "新质生产力之新与质",
            "..... 40",
        )
        raw = [x.tagged(Tag.LEADER) if x.text.startswith(".....") else x for x in raw]
        raw = [x.with_text(x.text.lstrip(". ")) for x in raw]
        items = parse_contents(raw)
        assert [(i.section, i.title, i.author, i.page) for i in items] == [
            ("卷首语", "奋进新征程", "特约评论员", 1),
            ("经验交流", "关于加强基层党组织建设的 调研报告", "某某课题组", 12),
            ("经验交流", "新质生产力之新与质", None, 40),
        ]

    def test_slash_author_with_the_leaders_and_page_on_the_next_line(self) -> None:
        raw = lines(
            "警惕“断根式”农村环境整治 / 李华敏",
            "..... 20",
            "从“江心彼心”到干群连心 / 青峰市委组织部",
            "..... 21",
        )
        raw = [x.tagged(Tag.LEADER) if x.text.startswith(".....") else x for x in raw]
        raw = [x.with_text(x.text.lstrip(". ")) for x in raw]
        got = [(i.title, i.author, i.page) for i in parse_contents(raw)]
        assert got == [
            ("警惕“断根式”农村环境整治", "李华敏", 20),
            ("从“江心彼心”到干群连心", "青峰市委组织部", 21),
        ]

    def test_a_name_under_an_entry_is_its_author_where_others_are(self) -> None:
        items = parse_contents(
            lines(
                "党风廉政",
                "新时代机关党建特色品牌创建工作研究 2",
                "毛浩琳 谢晓",
                "警惕“断根式”农村环境整治 8",
                "武浩珊",
                "必须坚持人民至上 13",
            )
        )
        got = [(i.section, i.title, i.author) for i in items]
        assert got == [
            ("党风廉政", "新时代机关党建特色品牌创建工作研究", "毛浩琳 谢晓"),
            ("党风廉政", "警惕“断根式”农村环境整治", "武浩珊"),
            ("党风廉政", "必须坚持人民至上", None),
        ]

    def test_a_line_opening_with_a_closing_mark_goes_on_with_the_line_above(self) -> None:
        items = parse_contents(
            lines("18/幸福都是奋斗出来的", "20/较真“账号”与“帐号", "”，有积极意义")
        )
        got = [(i.title, i.page) for i in items]
        assert got == [("幸福都是奋斗出来的", 18), ("较真“账号”与“帐号”，有积极意义", 20)]

    def test_a_full_name_under_an_entry_without_author_is_its_author(self) -> None:
        items = parse_contents(
            lines(
                "卷首语", "以生活服务之为助力打造美好生活 4", "陶慧春", "从“窗口”走进群众“心口” 8"
            )
        )
        got = [(i.section, i.title, i.author) for i in items]
        assert got == [
            ("卷首语", "以生活服务之为助力打造美好生活", "陶慧春"),
            ("卷首语", "从“窗口”走进群众“心口”", None),
        ]

    def test_section_printed_in_brackets_before_the_title(self) -> None:
        items = parse_contents(
            lines(
                "【卷首】坚定信心 真抓实干 / 本刊评论员 1",
                "【特别策划】在乡村振兴中践行初心 / 李华 4",
            )
        )
        got = [(i.section, i.title, i.author, i.page) for i in items]
        assert got == [
            ("卷首", "坚定信心 真抓实干", "本刊评论员", 1),
            ("特别策划", "在乡村振兴中践行初心", "李华", 4),
        ]

    def test_two_columns_read_row_by_row_with_bare_column_names(self) -> None:
        items = parse_contents(
            lines(
                "实践探索  党风廉政",
                "织密缉私网 平安“警”相随 6  着力推进全方位高水平对外开放 23",
                "本期聚焦 FOCUS  三中全会前，这场座谈会释放改革重要信号 26",
                "新质生产力之“新”与“质” 9  高层声音",
                "一项“立”与“固”的夯基工程 14  心中有责 眼里有活 手上有招 28",
            )
        )
        got = [(i.section, i.title, i.page) for i in items]
        assert got == [
            ("实践探索", "织密缉私网 平安“警”相随", 6),
            ("本期聚焦", "新质生产力之“新”与“质”", 9),
            ("本期聚焦", "一项“立”与“固”的夯基工程", 14),
            ("党风廉政", "着力推进全方位高水平对外开放", 23),
            ("党风廉政", "三中全会前，这场座谈会释放改革重要信号", 26),
            ("高层声音", "心中有责 眼里有活 手上有招", 28),
        ]

    def test_slogan_is_not_an_entry(self) -> None:
        assert is_slogan("理论研究的阵地 经验交流的桥梁 党建知识的宝库 党务干部的挚友")
        assert not is_slogan("学习讲深度 调研出成果 发展有实绩 整改见实效")
        assert not is_slogan("心中有责 眼里有活 手上有招")

    def test_contents_entries_are_linked_to_articles(self) -> None:
        issue = structure_of("page_first.txt")
        assert all(entry.article_id for entry in issue.contents)
        pages = {a.title: a.page for a in issue.articles}
        assert pages["小巷里的“红色管家”"] == 12


class TestNames:
    @pytest.mark.parametrize("name", ["李圆圆", "郜敏", "欧阳明远", "王芳"])
    def test_person_names(self, name: str) -> None:
        assert is_person_name(name)

    @pytest.mark.parametrize("text", ["特别关注", "卷首语", "学习笔记", "基层治理"])
    def test_not_person_names(self, text: str) -> None:
        assert not is_person_name(text)

    @pytest.mark.parametrize(
        "text",
        [
            "市委市级机关工委",
            "省农业农村厅课题组",
            "特约评论员",
            "韩燕玲 刘鑫",
            "某海关财务处 李霞",
            "南开区民政局",
            "本刊编辑部",
            "共产党员网",
            "广州市直机关工委 陈嘉 曹剑",
        ],
    )
    def test_author_fields(self, text: str) -> None:
        assert is_author_field(text)

    @pytest.mark.parametrize("text", ["筑牢口岸国门生物安全网", "织密缉私网", "搭建连心服务台"])
    def test_titles_ending_like_a_unit_are_not_authors(self, text: str) -> None:
        assert not is_author_field(text)  # a one-character suffix needs a place or institution

    def test_split_author_keeps_parallel_phrases(self) -> None:
        assert split_author("以青春之我 讲好觉悟故事 迟爱民") == (
            "以青春之我 讲好觉悟故事",
            "迟爱民",
        )
        assert split_author("畅联通 扩合作 强枢纽") == ("畅联通 扩合作 强枢纽", None)
        assert split_author("学习讲深度 调研出成果") == ("学习讲深度 调研出成果", None)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("把学习成果转化为发展动力 / 本刊评论员", ("把学习成果转化为发展动力", "本刊评论员")),
            ("社区里的“红色管家”／赵敏", ("社区里的“红色管家”", "赵敏")),
            ("党建引领｜基层治理新路径", ("党建引领｜基层治理新路径", None)),  # label｜title
        ],
    )
    def test_split_author_at_a_slash(self, text: str, expected: tuple[str, str | None]) -> None:
        assert split_author(text) == expected

    @pytest.mark.parametrize(
        ("text", "masthead"),
        [("本刊评论员", False), ("本刊记者 王明", False), ("本刊地址：示范路1号", True)],
    )
    def test_house_bylines_are_not_masthead(self, text: str, masthead: bool) -> None:
        assert is_masthead_like(text) is masthead


class TestArticles:
    def test_articles_sections_and_headers(self) -> None:
        issue = structure_of("page_first.txt")
        assert [s.title for s in issue.sections] == ["卷首", "理论前沿", "基层风采"]
        cover, first, second, third, fourth = issue.articles
        assert cover.kind is ArticleKind.COVER_EDITORIAL
        assert first.byline == "文 / 王建国"
        assert [b.type.value for b in first.blocks] == ["paragraph", "heading", "paragraph"]
        assert first.blocks[-1].text.endswith("逐项推动解决，群众满意度持续提升。")
        assert second.source_note == "（市数据局机关党委 供稿）"
        assert third.byline == "文 / 本刊记者 陈晓"
        assert fourth.source_note == "（选自《示范日报》）"

    def test_web_page_title_subtitle_byline_and_chrome(self) -> None:
        issue = structure_of("web_page.txt")
        (article,) = issue.articles
        assert article.title == "乡村振兴的新答卷"
        assert article.subtitle == "示范县发展特色产业纪实"
        assert article.byline == "记者 刘洋"
        assert [b.text for b in article.blocks] == [
            "春耕时节，示范县的田野上一派繁忙景象。",
            "“今年的订单已经排到了秋天。”合作社负责人说。",
        ]

    def test_reposted_article_with_site_chrome_and_a_bare_name_byline(self) -> None:
        text = (
            "某某党史网\n\n您现在的位置：首页 > 正文\n\n长征途中的一次会议\n\n\n\n  王红\n\n"
            "  一九三五年二月，中央红军到达川南。会议在这里召开。\n\n  会议作出了重要决定。\n"
        )
        (article,) = detect_structure(normalise(text), "web").articles
        assert (article.title, article.byline) == ("长征途中的一次会议", "王红")
        assert len(article.blocks) == 2

    def test_reposted_article_header_lines_are_metadata(self) -> None:
        text = (
            "支部建设六十年\n2021-05-30 10:48 李明\n示范报 2021年38期\n关键词：期刊\n李明\n"
            "一九六一年七月，期刊在太原创刊，初为月刊。\n"
        )
        (article,) = detect_structure(normalise(text), "web").articles
        assert (article.title, article.byline) == ("支部建设六十年", "李明")
        assert [b.text for b in article.blocks] == ["一九六一年七月，期刊在太原创刊，初为月刊。"]

    def test_issue_with_cover_lines_slash_authors_and_section_labels_in_the_body(self) -> None:
        issue = structure_of("slash_authors.txt")
        meta = issue.meta
        assert (meta.title, meta.year, meta.number, meta.total_number) == ("示范党员", 2024, 5, 388)
        assert (meta.issn, meta.cn, meta.publisher) == ("1234-5678", "12-3456/D", "示范党员杂志社")
        labels = [f.label for f in meta.masthead]
        assert labels == [
            "主管",
            "主办",
            "编辑出版",
            "国际标准连续出版物号",
            "国内统一连续出版物号",
            "定价",
        ]
        got = [(a.title, a.byline) for a in issue.articles]
        assert got == [
            ("把学习成果转化为发展动力", "本刊评论员"),
            ("在乡村振兴中践行初心", "李华"),
            ("一名村支书的十年", "王强"),
            ("社区里的“红色管家”", "赵敏"),
        ]
        assert [s.title for s in issue.sections] == ["卷首语", "特别策划", "基层声音"]
        assert [e.title for e in issue.contents][:1] == ["把学习成果转化为发展动力"]
        assert issue.articles[1].blocks[0].text.endswith("查看今年新种下的果苗长势。")

    def test_issue_with_inline_leaders_bracketed_sections_and_a_written_year(self) -> None:
        issue = structure_of("inline_leaders.txt")
        assert (issue.meta.title, issue.meta.year, issue.meta.number) == ("示范月刊", 2024, 9)
        got = [(a.title, a.byline) for a in issue.articles]
        assert got == [
            ("深入学习贯彻党的创新理论", "张明"),
            ("坚持人民至上的价值取向", "李红"),
            ("让党旗在一线高高飘扬", "周伟"),
            ("“小网格”撬动“大治理”", "本刊记者 孙丽"),
        ]
        assert [s.title for s in issue.sections] == ["理论学习", "基层党建"]
        entries = [(e.section, e.author, e.page) for e in issue.contents]
        assert entries[:2] == [("理论学习", "张明", 3), ("理论学习", "李红", 6)]
        assert entries[3] == ("基层党建", "本刊记者 孙丽", 12)
        assert issue.articles[0].author_note == "（作者单位：示范市委党校）"

    def test_wechat_post_chrome_credits_and_recommendations(self) -> None:
        issue = structure_of("wechat_post.txt")
        (article,) = issue.articles
        assert article.title == "让支部成为群众身边的“暖心驿站”"
        assert article.source_note == "来源｜示范街道党工委"
        assert [b.text[:6] for b in article.blocks] == [
            "基层党支部是",
            "一、聚焦急难",
            "社区党支部建",
            "二、创新服务",
            "推行“支部+",
        ]
        assert issue.meta.date == "2024-03-12"

    def test_masthead_printed_at_the_end_and_short_paragraphs(self) -> None:
        issue = structure_of("masthead_last.txt")
        meta = issue.meta
        assert (meta.title, meta.number, meta.sponsor, meta.price) == (
            "示范之声",
            3,
            "示范市委",
            "6.00元",
        )
        assert [f.label for f in meta.masthead] == ["主管", "主办", "出版", "地址", "邮编", "定价"]
        assert [(a.title, a.byline, len(a.blocks)) for a in issue.articles] == [
            ("坚定信心 真抓实干", "本刊评论员", 1),
            ("把群众冷暖放在心上", "李华", 1),
        ]

    def test_text_continued_on_a_later_page_goes_back_to_its_article(self) -> None:
        issue = structure_of("page_jumps.txt")
        first, second, third = issue.articles
        assert [b.text[:4] for b in first.blocks] == ["在防汛抢", "洪水退去"]
        assert [len(a.blocks) for a in (second, third)] == [1, 1]
        assert any("continued from an earlier page" in d.message for d in issue.diagnostics)

    def test_magazine_name_and_issue_on_one_line(self) -> None:
        text = (FIXTURES / "inline_leaders.txt").read_text("utf-8")
        text = text.replace("示范月刊\n二〇二四年 第9期", "示范月刊 2024年第9期", 1)
        meta = detect_structure(normalise(text), "x").meta
        assert (meta.title, meta.year, meta.number) == ("示范月刊", 2024, 9)

    def test_interview_questions_are_paragraphs(self) -> None:
        (article,) = structure_of("interview.txt").articles
        assert (article.subtitle, article.byline) == ("访示范区委组织部负责同志", "本刊记者 王明")
        kinds = [(b.type.value, b.text[:5]) for b in article.blocks]
        assert kinds[1:] == [
            ("paragraph", "记者：为什"),
            ("paragraph", "负责同志："),
            ("paragraph", "记者：下一"),
            ("paragraph", "负责同志："),
        ]
        assert article.blocks[-1].text.endswith("三是完善激励机制，让干部安心干事。")

    def test_contents_with_each_page_number_on_its_own_line(self) -> None:
        issue = structure_of("page_on_own_line.txt")
        assert [(e.page, e.article_id) for e in issue.contents] == [(3, "a001"), (6, "a002")]
        assert [a.byline for a in issue.articles] == ["本刊评论员", "李华"]

    def test_contents_teasers_are_not_part_of_titles(self) -> None:
        issue = structure_of("contents_teasers.txt")
        assert [e.title for e in issue.contents] == [
            "把学习成果转化为发展动力",
            "在乡村振兴中践行初心",
            "一名村支书的十年",
            "社区里的“红色管家”",
        ]
        assert all(e.article_id for e in issue.contents)

    def test_a_masthead_after_the_last_entrys_teaser_is_front_matter(self) -> None:
        # Labels above their values, right after a teaser: not a run of one-line articles.
        issue = structure_of("teaser_then_masthead.txt")
        assert [a.title for a in issue.articles] == [
            "在乡村振兴中践行初心",
            "一名村支书的十年",
            "社区里的“红色管家”",
        ]
        assert {f.label for f in issue.meta.masthead} >= {"社长", "主编", "定价"}

    def test_text_without_structure_is_one_article(self) -> None:
        issue = detect_structure(normalise("这是一段没有标题的文字。\n\n又一段文字。"), "plain")
        (article,) = issue.articles
        assert len(article.blocks) == 2

    def test_no_text_is_lost(self) -> None:
        text = (FIXTURES / "page_first.txt").read_text("utf-8")
        issue = detect_structure(normalise(text), "x")
        body = "".join(b.text for a in issue.articles for b in a.blocks) + "".join(
            a.title for a in issue.articles
        )
        for phrase in ("居民的事就是我的事", "社区工作者的负担明显减轻", "学思践悟"):
            assert phrase in body


@pytest.mark.parametrize(
    ("text", "value"),
    [("2024", 2024), ("二〇二四", 2024), ("二零二三", 2023), ("九", 9), ("十", 10), ("十二", 12),
     ("二十", 20), ("二十四", 24), ("9", 9)],
)  # fmt: skip
def test_chinese_numbers_of_issue_lines(text: str, value: int) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["文/图 张三", "文｜李四", "文：王五", "执笔：赵六", "撰文/孙七", "本刊记者 王明", "文 / 记者"],
)
def test_bylines(text: str) -> None:
    assert is_byline(text)


@pytest.mark.parametrize("text", ["文化自信从哪里来", "作者的话", "记者节快乐", "文明实践站"])
def test_not_bylines(text: str) -> None:
    assert not is_byline(text)


@pytest.mark.parametrize(
    "text",
    [
        "（本文来源：人民网）",
        "（转自《学习时报》）",
        "（原文刊于《求是》2024年第1期）",
        "（摘自《示范日报》）",
    ],
)
def test_source_notes(text: str) -> None:
    assert is_source_note(text)


@pytest.mark.parametrize(
    "text", ["（本文作者系市委党校教授）", "作者单位：某某大学", "（作者系示范区委书记）"]
)
def test_author_notes(text: str) -> None:
    assert is_author_note(text)


def test_a_page_saved_without_line_breaks_is_one_article_with_its_title() -> None:
    """F207 once dropped such a page whole as web chrome ("no text left after cleaning")."""
    paragraphs = [
        "近年来，某地坚持以党建引领基层治理，推动各项工作落实落细，群众的获得感不断增强。" * 4,
        "社区干部走进楼栋院落，倾听群众呼声，把问题解决在家门口。" * 4,
    ]
    text = "基层治理的新路径 2021-05-30 10:48 来源：人民网 作者：张三 " + " ".join(paragraphs)
    issue = detect_structure(normalise(text), "page")
    [article] = [a for s in issue.sections for a in s.articles]
    assert article.title == "基层治理的新路径"
    assert [b.text for b in article.blocks] == paragraphs


def test_a_unit_under_a_title_over_the_text_starts_an_unlisted_article() -> None:
    from publish.structure.cues import cue_starts

    body = [
        Line(
            "王洋始终秉持“时时放心不下”的责任感，用一言一行诠释着一名共产党员的责任与担当。", (1,)
        ),
        Line("践行“四下基层” 走好新时代党的群众路线", (2,)),
        Line("松江市税务局党委", (3,)),
        Line("第二批主题教育开展以来，和平区坚持开门搞教育，组织各级干部走基层、察民情。", (4,)),
        Line("以政治建设为统领", (5,)),
        Line("赋能建强西北角街区综合党委", (6,)),
        Line("街区综合党委坚持把政治建设摆在首位，推动各项工作落地见效。", (7,)),
    ]
    starts = cue_starts(body, taken=set(), has_contents=True)
    assert [(s.title, s.cue) for s in starts] == [((1, 1), "byline")]


def test_an_unpaged_contents_above_the_masthead_is_the_front_block() -> None:
    from publish.front.region import front_block
    from publish.normalise.document import to_document

    text = "\n".join(
        [
            "和 安 党 建",
            "学习园地",
            "分众化全覆盖",
            "唐雨",
            "必须坚持人民至上",
            "专题报道",
            "全面提高机关党建质量",
            "主  办 中共和安市委组织部",
            "主  编 武春春",
            "电  话 0942-20756214",
            "学习园地",
            "分众化全覆盖",
            "为学之实，固在践履。学习习近平新时代中国特色社会主义思想，要坚持学思用贯通。",
        ]
    )
    doc, _ = to_document(text)
    assert front_block(doc) == (0, 9)


def test_a_reference_list_is_not_a_contents() -> None:
    from publish.front.region import front_block
    from publish.normalise.document import to_document

    refs = [f"[{n}] 邱伟峰.组织力研究[M].新丰出版社,2019." for n in range(1, 5)]
    doc, _ = to_document("\n".join(["参考文献：", *refs]))
    assert front_block(doc) is None


def test_a_bracketed_label_over_a_paragraph_does_not_open_the_contents() -> None:
    from publish.front.region import front_block
    from publish.normalise.document import to_document

    text = "\n".join(
        [
            "【解读】",
            "农业农村工作，说一千、道一万，增加农民收入是关键。今年起，我国全面实施三大粮食作物完全成本保险。",
            "学习笔记",
            "...... 1",
            "传承红色基因 践行为民初心",
            "...... 7",
            "点亮纪律的明灯",
            "...... 14",
        ]
    )
    doc, _ = to_document(text)
    block = front_block(doc)
    assert block is not None and block[0] == 2


def test_a_name_with_its_affiliation_under_a_title_starts_an_unlisted_article() -> None:
    from publish.structure.cues import cue_starts

    body = [
        Line("要大力培树“严新细实”优良作风，培育以清为美、以廉为荣的机关文化。", (1,)),
        Line("党建引领“三聚” 服务彰显“三心”", (2,)),
        Line("丁鑫（兴宁师范学院）", (3,)),
        Line("窗口单位是政府部门服务企业群众的第一线，也是优化营商环境的关键节点。", (4,)),
    ]
    starts = cue_starts(body, taken=set(), has_contents=True)
    assert [(s.title, s.cue) for s in starts] == [((1, 1), "byline")]


def test_a_kicker_over_a_title_whose_first_line_is_short() -> None:
    from publish.structure.titles import body_titles

    body = [
        Line("（来源：《宝江党建》）", (1,)),
        Line("他山之石·机关", (2,)),
        Line("学习讲深度", (3,)),
        Line("服务彰显“三心”", (4,)),
        Line("今年以来，市纪委监委第六监督检查室党支部坚持以学促干，推动各项工作落地见效。", (5,)),
    ]
    assert body_titles(body).printed_over("他山之石·机关", "学习讲深度 服务彰显“三心”")


def test_an_unpaged_contents_with_marked_columns_ends_at_its_masthead() -> None:
    from publish.front.region import front_block
    from publish.normalise.document import to_document

    text = "\n".join(
        [
            "华 安 组 工 通 讯",
            "■ 学习园地",
            "情系居民勇担当 润物无声践初心",
            "郭璐",
            "从“窗口”走进群众“心口”",
            "■ 言论",
            "以“赤子”之心暖民心聚人心",
            "■ 调查研究",
            "一心为民平生志 情系农村终不悔",
            "主管",
            "中共华安市委",
            "主办",
            "中共华安市委组织部",
            "学习园地",
            "情系居民勇担当 润物无声践初心",
            "郭璐",
            "为学之实，固在践履。学习习近平新时代中国特色社会主义思想，要坚持学思用贯通。",
        ]
    )
    doc, _ = to_document(text)
    assert front_block(doc) == (0, 12)


def test_a_title_over_a_subtitle_and_a_dateline_starts_an_unlisted_article() -> None:
    from publish.structure.cues import cue_starts

    body = [
        Line("各级党组织要把学习成果转化为推动发展的实际行动，在破解难题中彰显担当。", (1,)),
        Line("努力树立新形象体现新担当彰显新作为", (2,)),
        Line("——青山区推进基层治理的实践", (3,)),
        Line("本报讯（记者 廖英）3月25日，省管领导干部勤政廉政集体谈话会议召开。", (4,)),
    ]
    starts = cue_starts(body, taken=set(), has_contents=True)
    assert [(s.title, s.cue) for s in starts] == [((1, 1), "dateline")]


def test_a_title_after_an_end_over_a_house_byline_starts_an_article() -> None:
    from publish.structure.cues import cue_starts

    body = [
        Line("深入推进基层治理现代化，是一项长期而艰巨的任务。", (1,)),
        Line("（摘编自《清江党建》）", (2,)),
        Line("党建引领添动力", (3,)),
        Line("本刊编辑部", (4,)),
        Line("摘要：为学之实，固在践履。", (5,)),
    ]
    starts = cue_starts(body, taken=set(), has_contents=True)
    assert [(s.title, s.cue) for s in starts] == [((2, 2), "after-end")]


def test_a_column_name_over_a_two_line_title_after_an_end_is_its_kicker() -> None:
    from publish.structure.cues import cue_starts

    body = [
        Line("深入推进基层治理现代化，是一项长期而艰巨的任务。", (1,)),
        Line("原文刊于《学习时报》", (2,)),
        Line("警钟长鸣", (3,)),
        Line("贪欲不可纵", (4,)),
        Line("伸手必被捉", (5,)),
        Line("——某某原主任严重违纪违法案剖析", (6,)),
        Line("2007年，另一家造纸厂同样因长期向河流排放污水，被责令限期关停。", (7,)),
    ]
    starts = cue_starts(body, taken=set(), has_contents=True)
    assert [(s.head, s.title, s.cue) for s in starts] == [(2, (3, 4), "after-end")]


def test_a_short_last_title_line_over_a_name_counts_the_whole_title() -> None:
    from publish.structure.cues import cue_starts

    body = [
        Line("以更加优质的税费服务助力天津经济社会高质量发展。", (1,)),
        Line("让机关党务干部“有为有位”", (2,)),
        Line("手上有招", (3,)),
        Line("黎珊博", (4,)),
        Line("在喜迎新中国成立75周年的重要节点，各级党组织扎实开展工作。", (5,)),
    ]
    starts = cue_starts(body, taken=set(), has_contents=True)
    assert [(s.title, s.cue) for s in starts] == [((1, 2), "byline")]
