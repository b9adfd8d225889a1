"""Assemble articles from the body lines between two starts: header, blocks, notes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from publish.lines import Line, Tag
from publish.model import Article, ArticleKind, Block, BlockType, Span
from publish.structure.segment import Start, is_heading_line
from publish.text.chars import fold_loose, quote_balance
from publish.text.names import dateline_credit, end_credit, is_author_field
from publish.text.shapes import (
    BYLINE_LABEL,
    is_attribution,
    is_author_note,
    is_bio,
    is_byline,
    is_closed,
    is_source_note,
    looks_like_heading,
)

_LABEL = regex.compile(r"^[·•](\p{Han}{1,8})[·•]$")
_SPLIT_NOTES = regex.compile(r"^(.*[）)])\s*([（(]\s*来源\s*[:：][^）)]*[）)])$")
_EDITOR_NOTE = regex.compile(r"^(?:编者按|开栏语|编者的话|导读)[：:]")
_DOUBLED = regex.compile(r"(\p{Han})\1")


def printed_title(body: list[Line], start: Start) -> str:
    """The title lines exactly as printed in the body, joined by a space."""
    return " ".join(line.text for line in body[start.title[0] : start.title[1] + 1])


@dataclass
class Draft:
    """An article while it is being assembled (mutable; frozen into model.Article later)."""

    title: str
    lines: list[Line]  # body lines of the article, in reading order
    start: Start
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    source_note: str | None = None
    author_note: str | None = None
    kind: ArticleKind = ArticleKind.ARTICLE
    header: list[Line] = field(default_factory=list)
    segments: list[Span] = field(default_factory=list)

    @property
    def span(self) -> Span:
        numbers = [n for line in self.header + self.lines for n in line.origin]
        return Span.of(numbers)

    def last_open(self) -> bool:
        """The article stops mid-sentence: its last body line is running text left open."""
        if self.source_note or self.author_note or not self.lines:
            return False
        last = self.lines[-1]
        return not last.end_mark and not is_closed(last.text) and not looks_like_heading(last.text)


def split_title_dash(title: str) -> tuple[str, str] | None:
    """`主标题——副标题` on one line → (title, subtitle); not a dash inside 《》 or quotes."""
    at = title.find("——")
    if at <= 0 or at + 2 >= len(title):
        return None
    before = title[:at]
    if before.count("《") != before.count("》") or quote_balance(before) != 0:
        return None
    return before.strip(), title[at:].lstrip("—").strip()


def title_text(body: list[Line], start: Start) -> str:
    """The title as printed in the body, corrected by the contents where they agree.

    When body and contents have the same characters, the version with fewer spaces wins: a
    space inside a printed title is either a phrase break (both print it) or an artefact.
    """
    lines = body[start.title[0] : start.title[1] + 1]
    label = _LABEL.match(lines[0].text) if len(lines) == 1 else None
    text = label.group(1) if label else " ".join(line.text for line in lines)
    text = text.rstrip("：:")
    item = start.item
    if item is None:
        return text
    if fold_loose(item.title) == fold_loose(text):
        if item.title.count(" ") < text.count(" "):
            return item.title
    elif _DOUBLED.sub(r"\1", fold_loose(text)) == fold_loose(item.title):
        # `践行行为民` in the body, `践行为民` in the contents: a doubled character at a line
        # join. The caller reports the correction (S220).
        return item.title
    return text


def assemble(body: list[Line], starts: list[Start], dropped: set[int]) -> list[Draft]:
    drafts: list[Draft] = []
    for n, start in enumerate(starts):
        end = starts[n + 1].head if n + 1 < len(starts) else len(body)
        if start.cue == "untitled":
            # No heading anywhere: every line is text; the title is a short excerpt.
            rest = [body[k] for k in range(start.head, end) if k not in dropped]
            drafts.append(Draft(title=_excerpt(rest), lines=rest, start=start))
            continue
        header = [body[k] for k in range(start.head, start.title[1] + 1) if k not in dropped]
        rest = [body[k] for k in range(start.title[1] + 1, end) if k not in dropped]
        draft = Draft(title=title_text(body, start), lines=rest, start=start, header=header)
        if start.cue == "editor-note":
            draft.kind = ArticleKind.SECTION_INTRO
        elif start.item is None and (parts := split_title_dash(draft.title)):
            draft.title, draft.subtitle = parts
        _read_front_of_body(draft)  # before the header adds bios/ledes in front of the text
        _read_header(draft, body, start, dropped)
        drafts.append(draft)
    return drafts


def _excerpt(lines: list[Line], size: int = 16) -> str:
    text = lines[0].text if lines else ""
    return text if len(text) <= size else text[:size].rstrip("，。、；：,.;: ") + "……"


def read_tail_notes(drafts: list[Draft]) -> None:
    for draft in drafts:
        _read_tail_notes(draft)
        read_dateline(draft)


def _read_header(draft: Draft, body: list[Line], start: Start, dropped: set[int]) -> None:
    """Kicker or column label above the title; bios above it become the first note."""
    pre = [body[k] for k in range(start.head, start.title[0]) if k not in dropped]
    # Bios and ledes printed above the title are the article's first paragraphs.
    bios = [line for line in pre if is_bio(line.text) or not is_heading_line(line)]
    for line in pre:
        if line in bios:
            continue
        label = _LABEL.match(line.text)
        draft.kicker = label.group(1) if label else line.text
    if bios:
        draft.lines = bios + draft.lines
        draft.header = [line for line in draft.header if line not in bios]


def _read_front_of_body(draft: Draft) -> None:
    """Subtitle and byline right under the title."""
    author = draft.start.item.author if draft.start.item else None
    for at in range(3):
        if not draft.lines:
            return
        line = draft.lines[0]
        text = line.text
        if draft.byline is None and _is_byline_here(text, author):
            draft.byline = text
            if BYLINE_LABEL.match(text) and len(draft.lines) > 1:
                name = draft.lines[1]
                if is_author_field(name.text) and len(name.text) <= 40:
                    # `文` ⏎ `张三`: the label and its name on two lines.
                    draft.byline = f"{text} {name.text}"
                    draft.header.append(draft.lines.pop(0))
        elif draft.subtitle is None and draft.byline is None and _is_subtitle(line, at == 0):
            draft.subtitle = text.lstrip("—─").strip()
        else:
            return
        draft.header.append(draft.lines.pop(0))


def _is_byline_here(text: str, author: str | None) -> bool:
    if text.startswith(("——", "—", "──")):
        return False  # a subtitle (`——记某某社区党委`), even when it names a unit
    if is_byline(text):
        return True
    if not looks_like_heading(text) or len(text) > 40:
        return False
    if author and fold_loose(author) and fold_loose(author) in fold_loose(text):
        return True
    return is_author_field(text)


def _is_subtitle(line: Line, under_title: bool = False) -> bool:
    """`——记某某社区党委`; right under the title also `——蔡奇主持并讲话` (a news deck there,
    the source of a quotation elsewhere)."""
    text = line.text
    if text.startswith(("——", "──")) and (under_title or not is_attribution(text)):
        return len(text) <= 60
    return line.has(Tag.DECK)


def _read_tail_notes(draft: Draft) -> None:
    """Source and author notes at the end (also a deck the normaliser moved into the body)."""
    for line in list(draft.lines):
        if line.has(Tag.DECK) and draft.subtitle is None:
            draft.subtitle = line.text
            draft.lines.remove(line)
            draft.header.append(line)
    while draft.lines:
        line = draft.lines[-1]
        text = line.text
        both = _SPLIT_NOTES.match(text)
        if both and is_author_note(both.group(1)) and draft.source_note is None:
            draft.author_note, draft.source_note = both.group(1), both.group(2)
        elif is_source_note(text) and draft.source_note is None:
            draft.source_note = text
        elif is_author_note(text) and draft.author_note is None:
            draft.author_note = text
        elif draft.byline is None and len(draft.lines) > 1 and (name := end_credit(text)):
            draft.byline = name  # `（张三）` under the last paragraph: its author
        else:
            return
        draft.header.append(draft.lines.pop())


def read_dateline(draft: Draft) -> None:
    """`本报讯（记者 张三）3月5日，……`: a newspaper dateline names the author; the paragraph
    keeps it as printed."""
    if draft.byline is not None or not draft.lines:
        return
    draft.byline = dateline_credit(draft.lines[0].text)


def blocks_of(draft: Draft) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for index, line in enumerate(draft.lines):
        blocks.append(Block(_block_type(line, index, draft.lines), line.text, Span.of(line.origin)))
    return tuple(blocks)


def _block_type(line: Line, index: int, lines: list[Line]) -> BlockType:  # noqa: PLR0911
    text = line.text
    if line.has(Tag.DISPLACED) or line.has(Tag.DECK) or (index == 0 and is_bio(text)):
        return BlockType.NOTE
    if _EDITOR_NOTE.match(text) or line.has(Tag.FOOTNOTE):
        return BlockType.NOTE
    if line.has(Tag.CAPTION):
        return BlockType.CAPTION
    if line.has(Tag.LIST):
        return BlockType.LIST_ITEM
    if text.startswith("——") and (is_attribution(text) or len(text) <= 40):
        return BlockType.ATTRIBUTION
    last = index == len(lines) - 1
    if is_heading_line(line) and not last and not line.end_mark:
        return BlockType.HEADING
    return BlockType.PARAGRAPH


def reassemble_interleaved(drafts: list[Draft]) -> list[str]:
    """Move continuation paragraphs printed after another article back to their article.

    Two-column spreads are read column by column, so an article can stop mid-sentence while
    its continuation appears after the next article's end (its source note or end mark).
    Returns a message per move.
    """
    messages: list[str] = []
    for n, draft in enumerate(drafts):
        orphans = _orphans_after_end(draft)
        if not orphans:
            continue
        following = drafts[n + 1] if n + 1 < len(drafts) else None
        if following is not None and not following.lines:
            # The next article has a title but no text: its text was printed above its title.
            for line in orphans:
                draft.lines.remove(line)
            following.lines = orphans
            messages.append(
                f"lines {orphans[0].first}–{orphans[-1].origin[-1]} are the text of"
                f" “{following.title}” (printed above its title)"
            )
            continue
        # Only the article printed just before: a column break moves text one article on.
        target = drafts[n - 1] if n > 0 and drafts[n - 1].last_open() else None
        if target is None:
            continue
        for line in orphans:
            draft.lines.remove(line)
        _glue_continuation(target, orphans)
        messages.append(
            f"lines {orphans[0].first}–{orphans[-1].origin[-1]} continue “{target.title}”"
            f" (printed after “{draft.title}”)"
        )
    return messages


def reattach_jumps(drafts: list[Draft]) -> list[str]:
    """Put text continued on a later page (`上接第5页`) back at the end of the article that
    broke off there (`下转第12页`), nearest first. Returns a message per move."""
    messages: list[str] = []
    waiting = [d for d in drafts if any(line.has(Tag.JUMP_TO) for line in d.lines)]
    for draft in drafts:
        for index, line in enumerate(draft.lines):
            if not line.has(Tag.JUMP_FROM):
                continue
            earlier = [d for d in waiting if drafts.index(d) < drafts.index(draft)]
            if not earlier:
                break
            target = earlier[-1]
            waiting.remove(target)
            run = draft.lines[index : _run_end(draft.lines, index) + 1]
            del draft.lines[index : index + len(run)]
            if target.last_open():
                _glue_continuation(target, run)
            else:
                target.lines.extend(run)
            messages.append(
                f"lines {run[0].first}–{run[-1].origin[-1]} continue “{target.title}”"
                " (continued from an earlier page)"
            )
            break
    return messages


def _run_end(lines: list[Line], start: int) -> int:
    """The last line of a continued run: its end mark or closing note, else the last line."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.end_mark or is_source_note(line.text) or is_author_note(line.text):
            return index
    return len(lines) - 1


def _orphans_after_end(draft: Draft) -> list[Line]:
    """Running text after a source or author note inside the article: the note ended it, so
    what follows was printed here but belongs elsewhere."""
    for index, line in enumerate(draft.lines[:-1]):
        if is_source_note(line.text) or is_author_note(line.text):
            tail = draft.lines[index + 1 :]
            first = tail[0].text
            if not looks_like_heading(first) and not is_source_note(first):
                return tail
            return []
    return []


def _glue_continuation(target: Draft, orphans: list[Line]) -> None:
    last = target.lines[-1]
    first = orphans[0]
    joined = replace(
        last,
        text=last.text + first.text,
        origin=last.origin + first.origin,
        end_mark=first.end_mark,
    )
    target.lines[-1] = joined
    target.lines.extend(orphans[1:])


def to_article(draft: Draft, article_id: str, page: int | None) -> Article:
    return Article(
        id=article_id,
        title=draft.title,
        blocks=blocks_of(draft),
        span=draft.span,
        kind=draft.kind,
        kicker=draft.kicker,
        subtitle=draft.subtitle,
        byline=draft.byline,
        source_note=draft.source_note,
        author_note=draft.author_note,
        page=page,
        segments=tuple(draft.segments),
    )
