"""Normalise: OCR text -> clean lines, with every change recorded.

`RULES` is the one ordered list of rules. Order matters where noted; each rule is small, named,
documented by a before/after example (see docs/rules.md, generated from this tuple).
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.edition import SIMPLIFIED, Edition
from publish.errors import ConfigError
from publish.ingest.reading import InputFormat, Reading
from publish.lines import Change, ChangeKind, Document, Line, LineKind
from publish.model import Diagnostic
from publish.normalise import (
    checks,
    columns,
    furniture,
    joining,
    markup,
    pages,
    punctuation,
    regions,
    runon,
    spacing,
    unwrap,
    web,
)
from publish.normalise.document import (
    NormaliseConfig,
    Outcome,
    Rule,
    from_reading,
    to_document,
)

# Markdown debris in plain text; a parsed markdown or HTML input has none left.
PLAIN = frozenset({InputFormat.TEXT})
# `**` that CommonMark's flanking rules leave as text next to CJK punctuation is still bold.
PLAIN_OR_MARKDOWN = frozenset({InputFormat.TEXT, InputFormat.MARKDOWN})

RULES: tuple[Rule, ...] = (
    # 1. Whitespace and converter markup first: later rules assume trimmed, markup-free lines.
    # Invisible characters first: a BOM in front of an indent would shield it from trimming.
    Rule("W102", "invisible-characters", markup.remove_invisible,
         "Remove zero-width and control characters (illegal in XML).",
         ("党建\u200b引领", "党建引领")),
    # Scraped HTML next: an `&nbsp;` indent is whitespace for the trimming that follows.
    Rule("W109", "html-debris", markup.html_debris,
         "Decode typographic HTML entities; remove bare <p>/<br> tags left by scraping.",
         ("&nbsp;&nbsp;近年来&ldquo;民情地图&rdquo;<br>", "近年来“民情地图”"),
         inputs=PLAIN),
    Rule("W101", "strip-whitespace", markup.strip_whitespace,
         "Trim indents (web 8-space, ideographic) and trailing spaces.",
         ("        记者 李国惠", "记者 李国惠")),
    # A text that lost its line breaks, before anything reads lines as headers or furniture.
    Rule("W110", "run-on-text", runon.split_run_on,
         "Split a line that lost its breaks into title, dateline and paragraphs.",
         ("标题 2021-05-30 来源：人民网 正文……。　　下一段……", "标题 ⏎ 2021-05-30 … ⏎ 正文……")),
    Rule("W103", "markdown-autolink", markup.unwrap_autolinks,
         "Unwrap markdown autolinks.", ("<http://cpc.people.com.cn>", "http://cpc.people.com.cn"),
         inputs=PLAIN),
    # Tables before lists: a table header row can start with `- `.
    Rule("W104", "markdown-table", markup.markdown_tables,
         "Drop table rulers/empty headers; a row becomes its cells.",
         ("| 11 从“窗口”走进群众“心口” | 李圆圆 |", "11 从“窗口”走进群众“心口” 李圆圆"),
         inputs=PLAIN),
    Rule("W105", "markdown-list", markup.markdown_lists,
         "Strip `- ` list markers; the line is tagged a list item.",
         ("- (一)是否按期进行换届选举;", "(一)是否按期进行换届选举;"),
         inputs=PLAIN),
    Rule("W106", "markdown-heading", markup.markdown_headings,
         "Strip `#` and `>` markers.", ("## 一、总体要求", "一、总体要求"),
         inputs=PLAIN),
    Rule("W107", "markdown-bold", markup.markdown_bold,
         "Remove `**`; a bold tail after Han text is a second phrase.",
         ("聚焦夯基铸魂**树牢为民服务宗旨**", "聚焦夯基铸魂 树牢为民服务宗旨"),
         inputs=PLAIN_OR_MARKDOWN),
    Rule("W108", "split-column-label", markup.split_column_labels,
         "Put a column label `·X·` and the title after it on separate lines.",
         ("·时评·警惕“断根式”农村环境整治", "·时评· ⏎ 警惕“断根式”农村环境整治")),
    # 2. The front matter first: the furniture rules below must know which lines are the
    # contents and masthead (their numbers are page references, their lines are lists).
    Rule("R001", "front-matter-region", regions.tag_front_matter,
         "Tag the contents/masthead block so running-text rules leave it alone."),
    # 3. Marks and furniture. End marks before bullets: `■` ends a line, or starts a heading.
    Rule("F201", "end-mark", furniture.end_marks,
         "Strip end-of-article marks, keeping them as information.",
         ("确保整改整治工作常态长效。■", "确保整改整治工作常态长效。")),
    Rule("F202", "section-bullet", regions.section_bullets,
         "Strip the bullet of a contents section line.", ("■ 卷首", "卷首")),
    Rule("F210", "dot-leader", regions.dot_leaders,
         "Strip contents dot leaders; drop lines of dots.",
         ("..... 省机关事务管理局课题组 23", "省机关事务管理局课题组 23")),
    Rule("F203", "qr-caption", furniture.drop_qr_captions,
         "Drop QR-code captions.", ("扫码收听有声文章", "")),
    Rule("F204", "social-media-promo", furniture.drop_promos,
         "Drop social-media promo lines.", ("天津党务通公众号", "")),
    Rule("F205", "spam-line", furniture.drop_spam,
         "Drop spam injected by scraping sources.", ("沐鸣娱乐", "")),
    Rule("F206", "web-chrome", web.drop_web_chrome,
         "Drop web navigation, footers and disclaimers.", ("返回顶部", "")),
    Rule("F207", "web-metadata", web.web_metadata,
         "Turn web metadata lines into metadata (not text).",
         ("发布时间:2023-12-16 来源: 天津先锋网 作者:佚名", "")),
    Rule("F208", "repeated-title", web.repeated_title,
         "Drop a web page title repeated as image alt text, and its caption.",
         ("一项“立”与“固”的夯基工程──天津……", "")),
    Rule("F209", "photo-caption", furniture.drop_photo_captions,
         "Drop photo captions whose photos are gone.",
         ("2024年4月24日,市引才中心党支部赴静海区调研……", "")),
    Rule("F212", "page-jump", pages.page_jumps,
         "Strip 下转/上接 page-jump markers; the continuation is put back in its article.",
         ("……推动工作落实。（下转第12页）", "……推动工作落实。")),
    # 4. Joins: joining must see furniture gone and the contents block fenced off.
    # Folios: a bare page number in the contents is not page furniture.
    Rule("F211", "page-furniture", pages.drop_page_furniture,
         "Drop folios and running heads printed inside a broken paragraph.",
         ("— 12 —", "")),
    # A full stop read as `.` before joining: the joiner takes a line ending in `.` as unfinished.
    Rule("P406", "ocr-full-stop", punctuation.full_stops,
         "A `.` after Chinese text at a paragraph's end becomes 。 (one inside a line is flagged).",
         ("做到小事不出网格、大事不出社区.", "做到小事不出网格、大事不出社区。")),
    # Unwrap a hard-wrapped text first: the column and join rules work on paragraphs.
    Rule("J299", "unwrap-hard-wrapped", unwrap.unwrap_lines,
         "Join the printed lines of a text hard-wrapped at a fixed measure into paragraphs.",
         ("推动基层治理提质增效的实 ⏎ 践路径", "推动基层治理提质增效的实践路径")),
    Rule("J300", "deinterleave-columns", columns.deinterleave,
         "Put columns of two interleaved articles back in reading order.",
         ("……深耕红色文化资 ⏎ ·理上心来· …… ⏎ 源、积累……", "……文化资 ⏎ 源、积累…… ⏎ ·理上心来·")),
    Rule("J301", "join-broken-paragraph", joining.join_broken_paragraphs,
         "Re-join a paragraph broken at a page/column break (no space).",
         ("……筑牢思想 ⏎ 根基，严格落实……", "……筑牢思想根基，严格落实……")),
    # 5. Characters, on joined paragraphs so contexts across a break are seen.
    Rule("P401", "dash", punctuation.dashes,
         "Box-drawing and ASCII dashes between Chinese words become ——/—.",
         ("夯基工程──天津坚持", "夯基工程——天津坚持")),
    # ~ and | first: the width of a mark next to them depends on them (`记~?` → `记～？`).
    Rule("P404", "tilde-bar", punctuation.tilde_bar,
         "~ and | in Chinese text become ～ and ｜.", ("记~|查~。", "记～｜查～。")),
    Rule("P402", "punctuation-width", punctuation.punct_width,
         "Half-width , : ; ? ! ( ) next to Chinese text become full-width.",
         ("“寻乌调查”精神,运用", "“寻乌调查”精神，运用")),
    Rule("P403", "ellipsis", punctuation.ellipses,
         "Ellipsis runs of the wrong length become ……", ("……………", "……")),
    Rule("Q405", "quote-style", punctuation.quote_style,
         "Corner brackets become “”; a nested double quote becomes ‘’.",
         ("平安「警」相随", "平安“警”相随")),
    # An inserted ` and ` needs its spaces to be recognised: before the spacing rules.
    Rule("T601", "stray-english-and", spacing.stray_and,
         "An English `and` inserted between Chinese words becomes 和.",
         ("社会主义思想 and 党的二十大精神", "社会主义思想和党的二十大精神")),
    # 6. Spacing last: punctuation is full-width by now, so 'next to punctuation' is reliable.
    Rule("S501", "space-around-punctuation", spacing.space_around_punct,
         "Remove spaces before/after Chinese punctuation.",
         ("面对新时代新考题 ，天津", "面对新时代新考题，天津")),
    Rule("S502", "space-han-latin", spacing.space_han_latin,
         "Remove spaces between Han text and digits/Latin in running text (configurable).",
         ("充分激发 14 亿多中国人民", "充分激发14亿多中国人民")),
    Rule("S503", "letter-spaced-name", spacing.letter_spacing,
         "Close up letter-spaced names and labels.", ("副 总 编 李剑", "副总编 李剑")),
    Rule("S504", "list-number-space", spacing.list_number_space,
         "No space after a list number.", ("1. 坚决贯彻落实党中央决策部署。", "1.坚决贯彻落实……")),
    Rule("S506", "space-around-quotes", spacing.space_around_quotes,
         "Remove spaces around “” ‘’ —— …… between Chinese words (running text, not titles).",
         ("各支部把 “我为群众办实事” 作为", "各支部把“我为群众办实事”作为")),
    Rule("S505", "collapse-spaces", spacing.collapse_spaces,
         "Runs of spaces become one.", ("促全民学  ，", "促全民学 ，")),
    # 7. Flags: never change the text.
    Rule("D701", "doubled-word", checks.doubled_words,
         "Flag a word printed twice.", ("不断加强加强与区街", ""), flag_only=True),
    Rule("D702", "traditional-character", checks.traditional_characters,
         "Flag traditional/variant characters in simplified text.", ("各部門", ""), flag_only=True),
    Rule("D703", "emoji", checks.emoji,
         "Flag emoji (no book font has them).", ("📍", ""), flag_only=True),
    Rule("D704", "unbalanced-quotes", checks.unbalanced_quotes,
         "Flag paragraphs whose quotation marks do not pair up.", ("过硬队伍”。", ""),
         flag_only=True),
)  # fmt: skip

RULE_NAMES: frozenset[str] = frozenset(rule.name for rule in RULES)


@dataclass(frozen=True, slots=True)
class Normalised:
    lines: Document
    changes: tuple[Change, ...]
    diagnostics: tuple[Diagnostic, ...]
    printed: Edition = SIMPLIFIED  # the script the source is printed in (read once, by D702)

    @property
    def text_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind is LineKind.TEXT)


def check_rule_names(names: frozenset[str]) -> None:
    unknown = sorted(names - RULE_NAMES)
    if unknown:
        raise ConfigError(
            f"unknown normalisation rule(s): {', '.join(unknown)}",
            hint="see docs/rules.md for the rule names",
        )


def normalise(
    text: str, config: NormaliseConfig | None = None, reading: Reading | None = None
) -> Normalised:
    """Run every enabled rule over the text (or over a parsed input's `reading`), in order;
    collect changes and diagnostics."""
    config = config or NormaliseConfig()
    check_rule_names(config.disabled)
    lines, changes = to_document(text) if reading is None else from_reading(reading)
    fmt = InputFormat.TEXT if reading is None else reading.format
    all_changes = list(changes)
    diagnostics: list[Diagnostic] = []
    printed: Edition | None = None
    for rule in RULES:
        if rule.name in config.disabled or fmt not in rule.inputs:
            continue
        outcome = rule.fn(lines, config)
        lines = outcome.lines
        all_changes.extend(outcome.changes)
        diagnostics.extend(outcome.diagnostics)
        printed = outcome.printed or printed
    if printed is None:  # D702 is disabled: read the script without its flags
        printed = checks.script_of(line.text for line in lines)
    return Normalised(lines, tuple(all_changes), tuple(diagnostics), printed)


__all__ = [
    "RULES",
    "RULE_NAMES",
    "Change",
    "ChangeKind",
    "Line",
    "LineKind",
    "NormaliseConfig",
    "Normalised",
    "Outcome",
    "Rule",
    "normalise",
]
