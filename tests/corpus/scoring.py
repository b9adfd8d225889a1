"""Score what publish reads from a generated issue against the issue's gold labels.

Issue level: article titles (F1), sections, bylines, contents entries parsed (title and page),
paragraphs reproduced exactly, mid-sentence breaks repaired, false joins, text order, metadata.
Each measure is also kept per article and per contents entry with their layout dimensions, so
`table()` can show which layouts are read worst.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from corpus.generate import Generated, GoldArticle

KEY = 6  # Han characters/digits compared on each side of a join
_KEY_CHARS = regex.compile(r"[\p{Han}0-9]")
_LATIN_TAIL = regex.compile(r"\s*[A-Z][A-Z\s]*$")
_BYLINE_LEAD = regex.compile(r"^[□■●◆▲\s]+")


def fold(text: str | None) -> str:
    from publish.text.chars import fold as publish_fold

    return publish_fold(text or "").lstrip("-—─")


def loose(text: str | None) -> str:
    from publish.text.chars import fold_loose

    return fold_loose(_BYLINE_LEAD.sub("", text or ""))


_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def key_chars(text: str) -> str:
    """Han characters and digits: what a join is recognised by (damage changes neither)."""
    return "".join(_KEY_CHARS.findall(text.translate(_FULL_DIGITS)))


def section_key(name: str | None) -> str:
    """`理论前沿 THEORY` reads as `理论前沿`: the English name is decoration."""
    return fold(_LATIN_TAIL.sub("", name or ""))


_LABEL = regex.compile(r"^[□■●◆\s]*(?:文图|图文|撰文|文/图|文)\s*(?:[/／:：|｜]\s*|\s+)")


def byline_key(text: str | None) -> str:
    """Bylines compare by their words: separators, bullets and a `文` label aside."""
    return loose(_LABEL.sub("", text or ""))


@dataclass
class ArticleRecord:
    dims: dict[str, str]
    found: bool
    section_ok: bool
    byline_ok: bool
    paragraphs: int
    exact: int


@dataclass
class EntryRecord:
    dims: dict[str, str]
    parsed: bool
    author_ok: bool
    section_ok: bool


@dataclass
class IssueScore:
    id: str
    dims: dict[str, str]
    titles_gold: int = 0
    titles_found: int = 0
    titles_matched: int = 0
    sections_right: int = 0
    bylines_right: int = 0
    entries_total: int = 0
    entries_parsed: int = 0
    entries_author: int = 0
    entries_section: int = 0
    paragraphs_total: int = 0
    paragraphs_exact: int = 0
    breaks_total: int = 0
    breaks_joined: int = 0
    ends_total: int = 0
    false_joins: int = 0
    order_ok: bool | None = None
    meta_fields: int = 0
    meta_right: int = 0
    masthead_total: int = 0
    masthead_right: int = 0
    articles: list[ArticleRecord] = field(default_factory=list)
    entries: list[EntryRecord] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)  # what went wrong, for reading

    @property
    def title_f1(self) -> float:
        return f1(self.titles_matched, self.titles_found, self.titles_gold)


def f1(matched: int, found: int, gold: int) -> float:
    if not gold or not found:
        return 0.0 if gold else 1.0
    p, r = matched / found, matched / gold
    return 2 * p * r / (p + r) if p + r else 0.0


def _joined(a: str, b: str, output_keys: list[str]) -> bool:
    tail, head = key_chars(a)[-KEY:], key_chars(b)[:KEY]
    if not tail or not head:
        return False
    return any(tail + head in line for line in output_keys)


def score_issue(generated: Generated, issue: Any) -> IssueScore:
    """`issue`: the publish.model.Issue read from `generated.text`."""
    from publish.render.plaintext import article_lines, issue_lines

    gold = generated.gold
    score = IssueScore(generated.id, dict(gold.dims))
    detected = [(s.title, a) for s in issue.sections for a in s.articles]
    blocks = {b.text.strip() for _s, a in detected for b in a.blocks}
    remaining = list(detected)
    for g in gold.articles:
        match = next(
            (n for n, (_s, a) in enumerate(remaining) if fold(a.title) == fold(g.title)), None
        )
        found = match is not None
        section_ok = byline_ok = False
        if match is not None:
            section, article = remaining.pop(match)
            section_ok = section_key(section) == section_key(g.section)
            byline_ok = byline_key(article.byline) == byline_key(g.byline)
            if not section_ok:
                score.misses.append(f"section {g.title[:16]}: {section!r} != {g.section!r}")
            if not byline_ok:
                score.misses.append(f"byline {g.title[:16]}: {article.byline!r} != {g.byline!r}")
        else:
            score.misses.append(f"title missed: {g.title}")
        exact = sum(p.strip() in blocks for p in g.paragraphs)
        score.articles.append(
            ArticleRecord(g.dims, found, section_ok, byline_ok, len(g.paragraphs), exact)
        )
        score.titles_matched += found
        score.sections_right += section_ok
        score.bylines_right += byline_ok
        score.paragraphs_total += len(g.paragraphs)
        score.paragraphs_exact += exact
    score.misses.extend(f"spurious title: {a.title}" for _s, a in remaining)
    score.titles_gold = len(gold.articles)
    score.titles_found = len(detected)
    _score_contents(score, generated, issue)
    output_keys = [key_chars(line) for line in issue_lines(issue)]
    score.breaks_total = len(gold.breaks)
    score.breaks_joined = sum(_joined(a, b, output_keys) for a, b in gold.breaks)
    score.ends_total = len(gold.ends)
    # The contents page prints a column and a title on one line (`时评｜标题`): no join.
    body_keys = [key_chars(line) for _s, a in detected for line in article_lines(a)]
    false_joins = [(a, b) for a, b in gold.ends if _joined(a, b, body_keys)]
    score.false_joins = len(false_joins)
    score.misses.extend(f"false join: …{a[-12:]} + {b[:16]}…" for a, b in false_joins)
    if gold.single_column:
        score.order_ok = _order_kept(gold.articles, detected)
    _score_meta(score, gold.meta, issue.meta)
    _score_masthead(score, gold.masthead, issue.meta.masthead)
    return score


def _score_masthead(score: IssueScore, gold: list[tuple[str, str]], fields: Any) -> None:
    """Masthead fields read with their label and whole value (`主  编 张三` → 主编: 张三)."""
    read = {(f.label, loose(f.value)) for f in fields}
    for label, value in gold:
        score.masthead_total += 1
        if (label, loose(value)) in read:
            score.masthead_right += 1
        else:
            score.misses.append(f"masthead {label}: {value!r} not read")


def _score_contents(score: IssueScore, generated: Generated, issue: Any) -> None:
    entries = list(issue.contents)
    for g in generated.gold.contents:
        match = next((e for e in entries if fold(e.title) == fold(g.title)), None)
        parsed = match is not None and match.page == g.page
        author_ok = match is not None and byline_key(match.author) == byline_key(g.author)
        section_ok = match is not None and section_key(match.section) == section_key(g.section)
        if match is not None:
            entries.remove(match)
        if not parsed:
            got = f"{match.title!r} p{match.page}" if match else "none"
            score.misses.append(f"entry {g.title[:20]!r} p{g.page}: {got}")
        score.entries.append(EntryRecord(g.dims, parsed, author_ok, section_ok))
        score.entries_total += 1
        score.entries_parsed += parsed
        score.entries_author += author_ok
        score.entries_section += section_ok


def _order_kept(gold: list[GoldArticle], detected: list[tuple[Any, Any]]) -> bool:
    """Every gold paragraph found in the output comes after the one before it."""
    from publish.text.chars import han_only

    text = han_only("".join(b.text for _s, a in detected for b in a.blocks))
    position = 0
    for article in gold:
        for paragraph in article.paragraphs:
            han = han_only(paragraph)
            if len(han) < 8:
                continue
            at = text.find(han, position)
            if at >= 0:
                position = at + len(han)
            elif text.find(han) >= 0:
                return False
    return True


_META = ("title", "year", "number", "total_number", "half")


def _score_meta(score: IssueScore, gold: dict[str, object], meta: Any) -> None:
    for name in _META:
        expected = gold.get(name)
        if expected is None:
            continue
        score.meta_fields += 1
        got = getattr(meta, name)
        if fold(str(got)) == fold(str(expected)):
            score.meta_right += 1
        else:
            score.misses.append(f"meta {name}: {got!r} != {expected!r}")


# --- aggregation ---------------------------------------------------------------------------------


@dataclass
class Totals:
    issues: int = 0
    titles_gold: int = 0
    titles_found: int = 0
    titles_matched: int = 0
    sections_right: int = 0
    bylines_right: int = 0
    entries_total: int = 0
    entries_parsed: int = 0
    paragraphs_total: int = 0
    paragraphs_exact: int = 0
    breaks_total: int = 0
    breaks_joined: int = 0
    ends_total: int = 0
    false_joins: int = 0
    order_issues: int = 0
    order_kept: int = 0
    meta_fields: int = 0
    meta_right: int = 0
    masthead_total: int = 0
    masthead_right: int = 0

    def add(self, s: IssueScore) -> None:
        self.issues += 1
        for name in (
            "titles_gold", "titles_found", "titles_matched", "sections_right", "bylines_right",
            "entries_total", "entries_parsed", "paragraphs_total", "paragraphs_exact",
            "breaks_total", "breaks_joined", "ends_total", "false_joins", "meta_fields",
            "meta_right", "masthead_total", "masthead_right",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(s, name))
        if s.order_ok is not None:
            self.order_issues += 1
            self.order_kept += s.order_ok

    def rates(self) -> dict[str, float]:
        def share(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "titles_f1": f1(self.titles_matched, self.titles_found, self.titles_gold),
            "sections": share(self.sections_right, self.titles_matched),
            "bylines": share(self.bylines_right, self.titles_matched),
            "contents": share(self.entries_parsed, self.entries_total),
            "paragraphs": share(self.paragraphs_exact, self.paragraphs_total),
            "breaks": share(self.breaks_joined, self.breaks_total),
            "false_joins": share(self.false_joins, self.ends_total),
            "order": share(self.order_kept, self.order_issues),
            "meta": share(self.meta_right, self.meta_fields),
            "masthead": share(self.masthead_right, self.masthead_total),
        }


def totals(scores: Iterable[IssueScore]) -> Totals:
    t = Totals()
    for s in scores:
        t.add(s)
    return t


HEADS = ("titles_f1", "sections", "bylines", "contents", "paragraphs", "breaks", "false_joins")


def _row(label: str, count: int, rates: dict[str, float], heads: tuple[str, ...]) -> str:
    cells = " ".join(f"{rates[h]:>8.3f}" for h in heads)
    return f"  {label:<34} {count:>5} {cells}"


def table(scores: list[IssueScore]) -> str:
    """The overall scores, then one table per layout dimension (worst values visible)."""
    out = []
    head = " ".join(f"{h[:8]:>8}" for h in HEADS)
    overall = totals(scores)
    out.append(f"{'all':<36} {'n':>5} {head} {'order':>8} {'meta':>8} {'masthead':>8}")
    rates = overall.rates()
    out.append(
        _row("", overall.issues, rates, HEADS)
        + f" {rates['order']:>8.3f} {rates['meta']:>8.3f} {rates['masthead']:>8.3f}"
    )
    by_issue_dim: dict[str, dict[str, list[IssueScore]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        for dim, value in s.dims.items():
            by_issue_dim[dim][value].append(s)
    out.append("\nper issue layout")
    for dim in sorted(by_issue_dim):
        out.append(f" {dim}")
        for value, group in sorted(by_issue_dim[dim].items()):
            out.append(_row(value, len(group), totals(group).rates(), HEADS))
    out.append(_article_tables(scores))
    out.append(_entry_tables(scores))
    return "\n".join(out)


Record = TypeVar("Record", "ArticleRecord", "EntryRecord")


def _by_dimension(records: list[Record]) -> dict[str, dict[str, list[Record]]]:
    """Records grouped by each layout dimension they carry, then by its value."""
    groups: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for dim, value in record.dims.items():
            groups[dim][value].append(record)
    return groups


def _article_tables(scores: list[IssueScore]) -> str:
    groups = _by_dimension([a for s in scores for a in s.articles])
    out = [
        f"\nper article layout {'':<17} {'n':>5} {'found':>8} {'section':>8}"
        f" {'byline':>8} {'exact':>8}"
    ]
    for dim in sorted(groups):
        out.append(f" {dim}")
        for value, records in sorted(groups[dim].items()):
            n = len(records)
            found = [r for r in records if r.found]
            paragraphs = sum(r.paragraphs for r in records) or 1
            out.append(
                f"  {value:<34} {n:>5} {len(found) / n:>8.3f}"
                f" {sum(r.section_ok for r in found) / max(len(found), 1):>8.3f}"
                f" {sum(r.byline_ok for r in found) / max(len(found), 1):>8.3f}"
                f" {sum(r.exact for r in records) / paragraphs:>8.3f}"
            )
    return "\n".join(out)


def _entry_tables(scores: list[IssueScore]) -> str:
    groups = _by_dimension([e for s in scores for e in s.entries])
    out = [
        f"\nper contents entry layout {'':<10} {'n':>5} {'parsed':>8} {'author':>8} {'section':>8}"
    ]
    for dim in sorted(groups):
        out.append(f" {dim}")
        for value, records in sorted(groups[dim].items()):
            n = len(records)
            out.append(
                f"  {value:<34} {n:>5} {sum(r.parsed for r in records) / n:>8.3f}"
                f" {sum(r.author_ok for r in records) / n:>8.3f}"
                f" {sum(r.section_ok for r in records) / n:>8.3f}"
            )
    return "\n".join(out)
