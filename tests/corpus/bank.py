"""The article bank: every gold-labelled article of the seeds as clean text.

Built once from the seeds (`python tests/corpus/bank.py --write`) and committed, so that the
layout corpus does not move when the cleaner changes. Each article's title, subtitle and
section come from the gold labels; its blocks (paragraphs, subheadings, list items) from the
seed's cleaned text, kept only when their Han characters agree with the gold span's.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BANK = Path(__file__).with_name("bank.json")
MIN_CHARS = 160  # shorter pieces (digest items, labels) are not articles of their own
AGREE = 0.97
MIN_TITLE = 4


@dataclass(frozen=True)
class BankArticle:
    origin: str  # seed and first gold line, for traceability
    title: str
    subtitle: str | None
    section: str | None
    blocks: tuple[tuple[str, str], ...]  # (block type, text)

    @property
    def chars(self) -> int:
        return sum(len(text) for _, text in self.blocks)


def load_bank() -> tuple[BankArticle, ...]:
    data = json.loads(BANK.read_text("utf-8"))
    return tuple(
        BankArticle(
            origin=a["origin"],
            title=a["title"],
            subtitle=a["subtitle"],
            section=a["section"],
            blocks=tuple((t, x) for t, x in a["blocks"]),
        )
        for a in data["articles"]
    )


def _fold(text: str) -> str:
    from publish.text.chars import fold

    return fold(text)


def _whole_line(item: dict[str, Any]) -> bool:
    """A non-content line dropped whole (not one whose mark or prefix is stripped)."""
    action = item.get("action", "")
    if action:
        return bool(action == "drop")
    return item["kind"] not in ("end_mark", "dot_leader") and not item.get("inline")


def _gold_han(raw: list[str], gold: dict[str, Any], article: dict[str, Any]) -> str:
    from publish.text.chars import han_only

    dropped = {x["line"] for x in gold["non_content_lines"] if _whole_line(x)}
    lines = range(article["start_line"], article["end_line"] + 1)
    return han_only("".join(raw[n - 1] for n in lines if n not in dropped))


def _agreement(body: str, gold: str) -> float:
    """Share of the cleaned body's Han characters that the gold span has, in order (a bio
    moved under the title or an `and` become 和 are fine)."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, body, gold, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(body), 1)


def build_bank() -> list[BankArticle]:
    sys.path.insert(0, str(ROOT))
    from publish.build.pipeline import process
    from publish.text.chars import han_only

    out: list[BankArticle] = []
    for gold_path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        path = ROOT / "seeds" / gold["file"]
        raw = path.read_text("utf-8").split("\n")
        detected = {_fold(a.title): a for a in process(path).issue.articles}
        for g in gold["articles"]:
            found = detected.get(_fold(g["title"]))
            if found is None or g.get("segments"):
                continue  # interleaved articles: their gold spans overlap others
            header = {
                han_only(str(g.get(k) or ""))
                for k in ("title", "subtitle", "kicker", "byline", "source_note", "author_note")
            } - {""}
            # A header line the seed's reading left among the blocks is not body text.
            blocks = tuple(
                (b.type.value, b.text) for b in found.blocks if han_only(b.text) not in header
            )
            body = han_only("".join(text for _, text in blocks))
            if len(body) < MIN_CHARS or _agreement(body, _gold_han(raw, gold, g)) < AGREE:
                continue
            if len(han_only(g["title"])) < MIN_TITLE:
                continue  # `解读`, `声音`: column labels over digest items, not titles
            out.append(
                BankArticle(
                    origin=f"{gold_path.stem}:{g['start_line']}",
                    title=found.title,  # the gold title as the cleaner prints it (full width)
                    subtitle=(g.get("subtitle") or None),
                    section=g.get("section"),
                    blocks=blocks,
                )
            )
    return _distinct(out)


def _distinct(articles: list[BankArticle]) -> list[BankArticle]:
    """One copy of an article printed in two seeds (a web repost of a magazine piece)."""
    from publish.text.chars import han_only

    kept: list[BankArticle] = []
    for article in articles:
        text = han_only("".join(t for _, t in article.blocks))
        if all(_agreement(text, han_only("".join(t for _, t in k.blocks))) < 0.5 for k in kept):
            kept.append(article)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite bank.json")
    args = parser.parse_args(argv)
    bank = build_bank()
    print(f"{len(bank)} articles, {sum(a.chars for a in bank)} characters")
    if args.write:
        data = {"articles": [asdict(a) for a in bank]}
        BANK.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
