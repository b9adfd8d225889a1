"""Read generated issues with publish and score them (in worker processes).

python tests/corpus/run.py 300            # the per-dimension tables for issues 0..299
python tests/corpus/run.py 40 --misses    # and what went wrong in each issue
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpus.generate import Generated, generate
from corpus.scoring import IssueScore, score_issue, table


def read(generated: Generated):  # type: ignore[no-untyped-def]
    """The Issue publish reads from a generated text (as `publish inspect` would)."""
    from publish.build.pipeline import process_source
    from publish.ingest import Source

    source = Source(generated.id, Path(f"{generated.id}.txt"), generated.text, "utf-8")
    return process_source(source).issue


def score_one(number: int) -> IssueScore:
    generated = generate(number)
    return score_issue(generated, read(generated))


def score_corpus(count: int, start: int = 0, workers: int | None = None) -> list[IssueScore]:
    numbers = range(start, start + count)
    workers = workers or min(os.cpu_count() or 1, 4)
    if workers == 1:
        return [score_one(n) for n in numbers]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(score_one, numbers, chunksize=4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=300)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--misses", action="store_true", help="list what went wrong per issue")
    parser.add_argument("-j", type=int, default=None)
    args = parser.parse_args(argv)
    scores = score_corpus(args.count, args.start, args.j)
    print(table(scores))
    if args.misses:
        for s in scores:
            if s.misses:
                print(f"\n{s.id}: " + "\n  ".join(s.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
