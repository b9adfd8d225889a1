#!/usr/bin/env python3
"""Score publish against the hand-checked gold labels in tests/gold/ and the layout corpus.

    python scripts/score.py              # per seed, then 300 generated issues per layout
    python scripts/score.py --corpus 0   # the seeds only
    python scripts/score.py --json       # the seeds' numbers as JSON

Cleaning (on the `publish clean` output, compared as Han characters so punctuation fixes
don't matter): broken paragraphs re-joined, false joins, leftovers, lost characters.
Structure (on `publish inspect --json`): article titles F1, sections, bylines, source notes,
issue metadata, contents entries matched.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publish.text.chars import fold, han_only  # noqa: E402

GOLD_DIR = ROOT / "tests" / "gold"
SEEDS_DIR = ROOT / "seeds"
_HALF_BETWEEN_HAN = regex.compile(r"(?<=\p{Han})[,:;?!()](?=\p{Han})")
_SPACE_HAN_PUNCT = regex.compile(r"\p{Han} +[，。、；：？！]|[，。、；：？！] +\p{Han}")
KEY = 6  # Han characters compared on each side of a join


def seed_path(gold: dict[str, Any]) -> Path:
    return SEEDS_DIR / str(gold["file"])


def load_gold() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}


def _whole_line(item: dict[str, Any]) -> bool:
    action = item.get("action", "")
    if action:
        return bool(action == "drop")
    return item["kind"] not in ("end_mark", "dot_leader") and not item.get("inline")


@dataclass
class CleaningScore:
    breaks_total: int
    breaks_joined: int
    ends_total: int
    false_joins: int
    half_width_left: int
    space_punct_left: int
    furniture_left: int
    han_lost: int

    @property
    def break_rate(self) -> float:
        return self.breaks_joined / self.breaks_total if self.breaks_total else 1.0

    @property
    def false_join_rate(self) -> float:
        return self.false_joins / self.ends_total if self.ends_total else 0.0


_KEY_CHARS = regex.compile(r"[\p{Han}0-9]")


def key_chars(text: str) -> str:
    """Han characters and digits: what a join is recognised by (punctuation may change; an
    English `and` inserted by the OCR becomes 和)."""
    return "".join(_KEY_CHARS.findall(text.replace(" and ", "和")))


def _joined(a: str, b: str, output_keys: list[str]) -> bool:
    tail, head = key_chars(a)[-KEY:], key_chars(b)[:KEY]
    if not tail or not head:
        return False
    keys = {tail + head}
    if tail[-1] == head[0]:
        keys.add(tail + head[1:])  # a character printed on both sides of the break, once
    return any(key in line for line in output_keys for key in keys)


def score_cleaning(raw_lines: list[str], gold: dict[str, Any], output: list[str]) -> CleaningScore:
    """Compare cleaned output lines with the gold labels of one seed."""
    output_keys = [key_chars(line) for line in output]
    breaks = [b for b in gold.get("breaks", []) if not b.get("optional")]
    joined = sum(
        _joined(raw_lines[b["first"] - 1], raw_lines[b["second"] - 1], output_keys) for b in breaks
    )

    dropped = {x["line"] for x in gold["non_content_lines"] if _whole_line(x)}
    content = [
        n for n in range(1, len(raw_lines) + 1) if raw_lines[n - 1].strip() and n not in dropped
    ]
    following = dict(itertools.pairwise(content))
    ends = [n for n in gold.get("paragraph_ends", []) if n in following]
    false = [n for n in ends if _joined(raw_lines[n - 1], raw_lines[following[n] - 1], output_keys)]

    text = "\n".join(output)
    # A furniture line is left over when its text occurs more often than the kept lines allow
    # (a web page title repeated as alt text is furniture; the title itself is not).
    output_folded = Counter(fold(line) for line in output)
    kept_folded = Counter(fold(raw_lines[n - 1]) for n in content)
    furniture_left = sum(
        1
        for item in gold["non_content_lines"]
        if _whole_line(item)
        and fold(item["text"])
        and output_folded[fold(item["text"])] > kept_folded[fold(item["text"])]
    )

    expected = Counter(han_only("\n".join(raw_lines[n - 1] for n in content)))
    for item in gold["non_content_lines"]:
        if not _whole_line(item) and item.get("kind") == "end_mark":
            # Some files give the whole line as `text` and the mark as `strip`.
            expected.subtract(han_only(item.get("strip", item.get("text", ""))))
    got = Counter(han_only(text))
    lost = sum(max(0, count - got[ch]) for ch, count in expected.items())
    return CleaningScore(
        breaks_total=len(breaks),
        breaks_joined=joined,
        ends_total=len(ends),
        false_joins=len(false),
        half_width_left=len(_HALF_BETWEEN_HAN.findall(text)),
        space_punct_left=len(_SPACE_HAN_PUNCT.findall(text)),
        furniture_left=furniture_left,
        han_lost=lost,
    )


@dataclass
class StructureScore:
    titles_gold: int
    titles_found: int
    titles_matched: int
    sections_right: int
    bylines_right: int
    sources_right: int
    meta_fields: int
    meta_right: int
    contents_total: int
    contents_unaccounted: int
    meta_wrong: list[str]

    @property
    def title_f1(self) -> float:
        if not self.titles_gold or not self.titles_found:
            return 0.0
        p = self.titles_matched / self.titles_found
        r = self.titles_matched / self.titles_gold
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, right: int) -> float:
        return right / self.titles_matched if self.titles_matched else 1.0


def _norm(value: object) -> str:
    return fold(str(value)).lstrip("-—─") if value is not None else ""


_META_FIELDS = {
    "title": "title",
    "subtitle_or_half": "half",
    "year": "year",
    "number": "number",
    "total_number": "total_number",
    "publisher": "publisher",
    "issn": "issn",
    "cn": "cn",
    "language": "language",
}


def score_structure(gold: dict[str, Any], issue: Any) -> StructureScore:
    """Compare a detected Issue with the gold labels of one seed."""
    gold_articles = list(gold["articles"])
    cover_lines = {
        f["start_line"] for f in gold.get("front_matter", []) if f["kind"] == "cover_editorial"
    }
    found = [
        (section.title, a)
        for section in issue.sections
        for a in section.articles
        if a.kind.value != "cover_editorial"
        or any(g["start_line"] == a.span.first for g in gold_articles)
        or a.span.first not in cover_lines
    ]
    remaining = list(found)
    matched: list[tuple[dict[str, Any], Any, Any]] = []
    for g in gold_articles:
        for n, (section, a) in enumerate(remaining):
            if _norm(a.title) == _norm(g["title"]):
                matched.append((g, section, a))
                del remaining[n]
                break
    sections = sum(_norm(sec) == _norm(g.get("section")) for g, sec, _a in matched)
    bylines = sum(_norm(a.byline) == _norm(g.get("byline")) for g, _s, a in matched)
    # Gold files differ on where `（作者系……）` goes; either trailing note may carry it.
    sources = sum(
        _norm(g.get("source_note")) in (_norm(a.source_note), _norm(a.author_note))
        or (g.get("source_note") is None and a.source_note is None)
        for g, _s, a in matched
    )
    wrong: list[str] = []
    fields = 0
    for gold_key, attr in _META_FIELDS.items():
        expected = gold["issue"].get(gold_key)
        if expected is None:
            continue
        fields += 1
        got = getattr(issue.meta, attr)
        if _norm(got) != _norm(expected):
            wrong.append(f"{gold_key}: {got!r} != {expected!r}")
    not_articles = ("cover_editorial", "cover_credit")
    printed = [e for e in gold["toc_printed"] if e.get("kind", "entry") not in not_articles]
    reported = " ".join(d.message for d in issue.diagnostics if d.code.startswith("S1"))
    linked = {_norm(c.title) for c in issue.contents if c.article_id}
    unaccounted = [
        e
        for e in printed
        if _norm(e["title"]) not in linked
        and _norm(e["title"]) not in _norm(reported)
        and not any(_norm(e["title"]) in _norm(c.title) for c in issue.contents if c.article_id)
    ]
    return StructureScore(
        titles_gold=len(gold_articles),
        titles_found=len(found),
        titles_matched=len(matched),
        sections_right=sections,
        bylines_right=bylines,
        sources_right=sources,
        meta_fields=fields,
        meta_right=fields - len(wrong),
        contents_total=len(printed),
        contents_unaccounted=len(unaccounted),
        meta_wrong=wrong,
    )


def clean_output(path: Path) -> list[str]:
    from publish.build.pipeline import clean_lines

    return clean_lines(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--corpus", type=int, default=300, metavar="N", help="layout-corpus issues (0: none)"
    )
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    from publish.build.pipeline import process
    from publish.render.plaintext import issue_lines

    for seed, gold in load_gold().items():
        path = seed_path(gold)
        raw = path.read_text("utf-8").split("\n")
        issue = process(path).issue
        score = score_cleaning(raw, gold, list(issue_lines(issue)))
        structure = score_structure(gold, issue)
        results[seed] = {
            "cleaning": asdict(score)
            | {"break_rate": score.break_rate, "false_join_rate": score.false_join_rate},
            "structure": asdict(structure)
            | {
                "title_f1": structure.title_f1,
                "section_rate": structure.share(structure.sections_right),
                "byline_rate": structure.share(structure.bylines_right),
                "source_rate": structure.share(structure.sources_right),
            },
        }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    print(
        f"{'seed':5} {'breaks':>12} {'false joins':>14} {'HW left':>8} {'sp left':>8} "
        f"{'furn left':>9} {'Han lost':>8}"
    )
    for seed, r in results.items():
        c = r["cleaning"]
        print(
            f"{seed:5} {c['breaks_joined']:>4}/{c['breaks_total']:<4}{c['break_rate']:>4.0%} "
            f"{c['false_joins']:>4}/{c['ends_total']:<4}{c['false_join_rate']:>5.1%} "
            f"{c['half_width_left']:>8} {c['space_punct_left']:>8} {c['furniture_left']:>9} "
            f"{c['han_lost']:>8}"
        )
    print()
    print(
        f"{'seed':5} {'titles F1':>10} {'found/gold':>11} {'sections':>9} {'bylines':>8} "
        f"{'sources':>8} {'meta':>6} {'contents unaccounted':>21}"
    )
    for seed, r in results.items():
        st = r["structure"]
        print(
            f"{seed:5} {st['title_f1']:>10.3f} {st['titles_found']:>5}/{st['titles_gold']:<5} "
            f"{st['section_rate']:>9.0%} {st['byline_rate']:>8.0%} {st['source_rate']:>8.0%} "
            f"{st['meta_right']:>3}/{st['meta_fields']:<2} {st['contents_unaccounted']:>10}/"
            f"{st['contents_total']}"
        )
        for wrong in st["meta_wrong"]:
            print(f"      meta {wrong}")
    if args.corpus:
        print(f"\nlayout corpus: {args.corpus} generated issues (tests/corpus)\n")
        print(corpus_table(args.corpus))
    return 0


def corpus_table(count: int) -> str:
    """The layout corpus's scores, overall and per layout dimension."""
    sys.path.insert(0, str(ROOT / "tests"))
    from corpus.run import score_corpus
    from corpus.scoring import table

    return table(score_corpus(count))


if __name__ == "__main__":
    raise SystemExit(main())
