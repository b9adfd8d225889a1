"""Benchmarks (`make bench`): the full PDF build of each full issue against the WeasyPrint floor.

The floor is a bare WeasyPrint rendering of the same cleaned text (each paragraph a <p>, the
same font and size, A5, no contents, heads or outline). Both run as whole processes, measured
in one run, so the ratio compares like with like. Peak memory is each process's max RSS.
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_CSS = (
    "@page {size: A5; margin: 20mm 18mm}"
    " body {font-family: 'Noto Serif CJK SC'; font-size: 10.5pt; line-height: 1.75}"
    " p {margin: 0; text-indent: 2em}"
)
FLOOR = """
import sys, weasyprint
paragraphs = open(sys.argv[1], encoding="utf-8").read().split("\\n")
body = "".join("<p>" + p + "</p>" for p in paragraphs if p.strip())
page = "<html lang=zh-Hans><style>" + sys.argv[3] + "</style><body>" + body + "</body></html>"
weasyprint.HTML(string=page).write_pdf(sys.argv[2])
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mib: float


def measure(cmd: list[str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return Run(seconds, usage.ru_maxrss / 1024)


def best_of(n: int, cmd: list[str]) -> Run:
    runs = [measure(cmd) for _ in range(n)]
    return Run(min(r.seconds for r in runs), max(r.max_rss_mib for r in runs))


def bench_seed(seed: Path, repeat: int, tmp: Path) -> tuple[str, Run, Run]:
    text = tmp / f"{seed.stem}.txt"
    subprocess.run(
        [sys.executable, "-m", "publish", "clean", str(seed)],
        stdout=text.open("w", encoding="utf-8"),
        check=True,
    )
    escaped = tmp / f"{seed.stem}.escaped.txt"
    escaped.write_text(html.escape(text.read_text("utf-8")), "utf-8")
    floor = best_of(
        repeat, [sys.executable, "-c", FLOOR, str(escaped), str(tmp / "floor.pdf"), FLOOR_CSS]
    )
    full = best_of(
        repeat,
        [sys.executable, "-m", "publish", "build", str(seed), "-o", str(tmp / "out"),
         "--format", "pdf", "--editions", "zh-Hans", "-q", "--force"],
    )  # fmt: skip
    return seed.stem[:3], floor, full


def publish_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "publish", "build", *args, "-q"]


def bench_batch(tmp: Path) -> None:
    """The full batch (every seed, both editions, EPUB + PDF), then a no-op rebuild."""
    out = str(tmp / "batch")
    full = measure(publish_cmd("-o", out, "--force"))
    noop = best_of(3, publish_cmd("-o", out))
    print(f"\n| full batch, -j {os.cpu_count()} | {full.seconds:.2f} s | target ≤ 12 s |")
    print(f"| no-op rebuild | {noop.seconds:.2f} s | target ≤ 0.5 s |")
    print(f"| peak RSS, any process of the batch | {full.max_rss_mib:.0f} MiB | target ≤ 250 MiB |")


def bench_pandoc(tmp: Path) -> None:
    """Whole-process EPUB build of each seed (one edition) against Pandoc, when installed."""
    import shutil

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("\n(pandoc not installed: `apt-get install pandoc` to compare)")
        return
    print("\n| seed | pandoc EPUB s | publish EPUB s | ratio |")
    print("|---|---|---|---|")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        title = f"title={seed.stem}"
        pandoc_cmd = [pandoc, str(seed), "-f", "markdown", "-t", "epub3", "--metadata", title]
        theirs = best_of(3, [*pandoc_cmd, "-o", str(tmp / "p.epub")])
        ours_cmd = ["--format", "epub", "--editions", "zh-Hans", "--force", "-j", "1"]
        ours = best_of(3, publish_cmd(str(seed), "-o", str(tmp / "e"), *ours_cmd))
        ratio = ours.seconds / theirs.seconds
        print(f"| {seed.stem[:3]} | {theirs.seconds:.2f} | {ours.seconds:.2f} | {ratio:.2f}× |")


def bench_scaling(tmp: Path, counts: list[int]) -> None:
    """A generated catalogue: copies of the seeds under new ids and titles, EPUB only."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    print("\n| issues | seconds | per issue |")
    print("|---|---|---|")
    for count in counts:
        folder = tmp / f"cat{count}"
        folder.mkdir()
        for i in range(count):
            seed = seeds[i % len(seeds)]
            (folder / f"{i:04d}_{seed.stem[:3]}.txt").write_bytes(seed.read_bytes())
            (folder / f"{i:04d}_{seed.stem[:3]}.toml").write_text(
                f'[meta]\ntitle = "示例刊物{i}"\n', "utf-8"
            )
        run = measure(publish_cmd(str(folder), "-o", str(tmp / f"out{count}"), "--format", "epub",
                                  "--editions", "zh-Hans"))  # fmt: skip
        print(f"| {count} | {run.seconds:.1f} | {run.seconds / count:.3f} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--scaling", default="25,50,100,200", help="catalogue sizes, or ''")
    parser.add_argument("seeds", nargs="*", type=Path)
    args = parser.parse_args()
    seeds = args.seeds or [
        s for s in sorted((ROOT / "seeds").glob("*.txt")) if s.stat().st_size > 50_000
    ]
    print("| issue | floor s | publish PDF s | ratio | floor MiB | publish MiB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            name, floor, full = bench_seed(seed, args.repeat, Path(tmp))
            print(
                f"| {name} | {floor.seconds:.2f} | {full.seconds:.2f} |"
                f" {full.seconds / floor.seconds:.2f}× | {floor.max_rss_mib:.0f} |"
                f" {full.max_rss_mib:.0f} |",
                flush=True,
            )
        bench_batch(Path(tmp))
        bench_pandoc(Path(tmp))
        if args.scaling:
            bench_scaling(Path(tmp), [int(n) for n in args.scaling.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
