"""Show how publish reads one generated issue: front matter, contents items, articles.

python tests/corpus/debug.py 7
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpus.generate import generate
from corpus.run import read
from corpus.scoring import score_issue


def main() -> int:
    number = int(sys.argv[1])
    generated = generate(number)
    issue = read(generated)
    print("dims:", generated.gold.dims)
    print("meta:", issue.meta.title, issue.meta.period, issue.meta.year, issue.meta.number)
    print("-- contents read")
    for e in issue.contents:
        print(f"  [{e.section}] {e.title} | {e.author} | p{e.page} -> {e.article_id}")
    print("-- contents gold")
    for g in generated.gold.contents:
        print(f"  [{g.section}] {g.title} | {g.author} | p{g.page}  {g.dims}")
    print("-- articles read")
    for s in issue.sections:
        for a in s.articles:
            print(f"  [{s.title}] {a.title} | {a.byline} | {a.kind.value} L{a.span.first}")
    print("-- misses")
    for miss in score_issue(generated, issue).misses:
        print("  ", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
