"""Benchmarks (`make bench`): every speed target, measured side by side in one run.

- PDF: the full build of each full issue against the WeasyPrint floor, a bare WeasyPrint
  rendering of the same cleaned text (each paragraph a <p>, the same font and size, A5, no
  contents, heads or outline); wall and CPU seconds, CPU per page, peak memory.
- EPUB: each seed against Pandoc (`-t epub3 --toc`, when installed), one edition, and both
  editions in one process (per edition).
- Batch: the seeds (both editions, EPUB and PDF) on every core, a no-op rebuild, and issues of
  the layout corpus (EPUB) in growing numbers, to show the time per issue stays flat.

Everything runs as whole processes, so the ratios compare like with like; best of N runs.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
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
    cpu: float = 0.0  # user + system seconds of the process and its children


def measure(cmd: list[str]) -> Run:
    start = time.perf_counter()
    before = os.times()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    after = os.times()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}"
        )
    # Worker processes of a batch are the build's children's children: os.times() counts
    # every reaped descendant, wait4's usage only the process itself.
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Run(seconds, usage.ru_maxrss / 1024, max(cpu, usage.ru_utime + usage.ru_stime))


def best_of(n: int, cmd: list[str]) -> Run:
    runs = [measure(cmd) for _ in range(n)]
    return Run(
        min(r.seconds for r in runs), max(r.max_rss_mib for r in runs), min(r.cpu for r in runs)
    )


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


def bench_seed(seed: Path, repeat: int, tmp: Path) -> tuple[str, Run, Run, int, int]:
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
    ours = next((tmp / "out").glob(f"{seed.stem}/*.pdf"))
    return seed.stem[:3], floor, full, pages(tmp / "floor.pdf"), pages(ours)


def publish_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "publish", "build", *args, "-q"]


def bench_batch(tmp: Path) -> None:
    """The full batch (every seed, both editions, EPUB + PDF), then a no-op rebuild."""
    out = str(tmp / "batch")
    full = measure(publish_cmd("-o", out, "--force"))
    noop = best_of(3, publish_cmd("-o", out))
    print("\n| batch of the seeds | measured | target |")
    print("|---|---|---|")
    print(f"| full batch, -j {os.cpu_count()}, wall | {full.seconds:.2f} s | ≤ 12 s |")
    print(f"| full batch, CPU | {full.cpu:.2f} s | |")
    print(f"| no-op rebuild | {noop.seconds:.2f} s | ≤ 0.5 s |")
    print(f"| peak RSS, any process of the batch | {full.max_rss_mib:.0f} MiB | ≤ 250 MiB |")


def bench_pandoc(tmp: Path) -> None:
    """Whole-process EPUB build of each seed (one edition) against Pandoc, when installed."""
    import shutil

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("\n(pandoc not installed: `apt-get install pandoc` to compare)")
        return
    print("\n| seed | pandoc EPUB s | publish, one edition s | ratio |"
          " publish, both editions s | per edition | ratio |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        title = f"title={seed.stem}"
        pandoc_cmd = [pandoc, str(seed), "-f", "markdown", "-t", "epub3", "--toc",
                      "--metadata", title]  # fmt: skip
        theirs = best_of(3, [*pandoc_cmd, "-o", str(tmp / "p.epub")])
        ours_cmd = ["--format", "epub", "--force", "-j", "1"]
        one = best_of(3, publish_cmd(str(seed), "-o", str(tmp / "e"), *ours_cmd,
                                     "--editions", "zh-Hans"))  # fmt: skip
        both = best_of(3, publish_cmd(str(seed), "-o", str(tmp / "e"), *ours_cmd))
        per = both.seconds / 2
        print(
            f"| {seed.stem[:3]} | {theirs.seconds:.2f} | {one.seconds:.2f} |"
            f" {one.seconds / theirs.seconds:.2f}× | {both.seconds:.2f} | {per:.2f} |"
            f" {per / theirs.seconds:.2f}× |"
        )


def bench_scaling(tmp: Path, counts: list[int]) -> None:
    """Issues of the layout corpus (each a different magazine's layout), both editions, EPUB:
    the time per issue stays flat as the batch grows."""
    sys.path.insert(0, str(ROOT / "tests"))
    from corpus.generate import generate

    print(f"\n| layout-corpus issues, -j {os.cpu_count()} | wall s | CPU s | wall per issue |")
    print("|---|---|---|---|")
    for count in counts:
        folder = tmp / f"corpus{count}"
        folder.mkdir()
        for number in range(count):
            generated = generate(number)
            (folder / f"{generated.id}.txt").write_text(generated.text, "utf-8")
        run = measure(publish_cmd(str(folder), "-o", str(tmp / f"out{count}"), "--format", "epub",
                                  "--force"))  # fmt: skip
        print(
            f"| {count} | {run.seconds:.1f} | {run.cpu:.1f} | {run.seconds / count:.3f} |",
            flush=True,
        )


def bench_rebuild(tmp: Path, seed: Path, repeat: int = 5) -> None:
    """`publish serve`'s rebuild after a one-line change (EPUB of both editions and the review
    page), in a warm process: the editor's loop."""
    from publish.build.request import BuildRequest
    from publish.build.serve import Preview
    from publish.render.context import build_time

    source = tmp / "serve" / "issue.txt"
    source.parent.mkdir()
    shutil.copy(seed, source)
    request = BuildRequest(("epub",), ("zh-Hans", "zh-Hant"), tmp / "serve-build", build_time())
    preview = Preview([source], request.out_root, tmp, request, port=0)
    preview.rebuild()
    times = []
    for n in range(repeat):
        source.write_text(source.read_text("utf-8") + f"\n补记第{n}段。\n", "utf-8")
        preview.rebuild()
        times.append(preview.last_build)
    times.sort()
    median = times[len(times) // 2]
    print(f"\n| serve: rebuild after a one-line change ({seed.stem[:3]}, both editions) |"
          f" {times[0]:.2f}–{times[-1]:.2f} s (median {median:.2f}) | ≤ 1 s |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--scaling", default="10,25,50", help="corpus batch sizes, or ''")
    parser.add_argument("seeds", nargs="*", type=Path)
    args = parser.parse_args()
    seeds = args.seeds or [
        s for s in sorted((ROOT / "seeds").glob("*.txt")) if s.stat().st_size > 50_000
    ]
    print("| issue | floor s | publish PDF s | ratio | floor CPU ms/page | publish CPU ms/page"
          " | floor MiB | publish MiB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            name, floor, full, floor_pages, our_pages = bench_seed(seed, args.repeat, Path(tmp))
            print(
                f"| {name} | {floor.seconds:.2f} | {full.seconds:.2f} |"
                f" {full.seconds / floor.seconds:.2f}× |"
                f" {1000 * floor.cpu / floor_pages:.0f} ({floor_pages} p.) |"
                f" {1000 * full.cpu / our_pages:.0f} ({our_pages} p.) |"
                f" {floor.max_rss_mib:.0f} | {full.max_rss_mib:.0f} |",
                flush=True,
            )
        bench_batch(Path(tmp))
        bench_rebuild(Path(tmp), seeds[0])
        bench_pandoc(Path(tmp))
        if args.scaling:
            bench_scaling(Path(tmp), [int(n) for n in args.scaling.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
