"""The traditional-script benchmark (`make bench-script`, part of `make bench`).

Genuine traditional running text (scripts/script_bench_sources.toml: packages installed here at
bench time, at pinned versions) is converted to simplified with OpenCC (t2s, tw2s, tw2sp, hk2s)
and back with plain OpenCC and with publish (s2t, s2tw, s2twp, s2hk). Every character of the
result that differs from the original is an error, except the variant forms listed, with their
reasons, in scripts/script_bench_variants.txt (the same character written two ways, like 裡/裏).
For s2twp the original is first given OpenCC's Taiwan vocabulary (TWPhrases: 項目 → 專案), so
that what is counted is characters, not the choice of words the variant makes on purpose.

Paragraphs are the sources' <p> elements with at least 15 Han characters that end a sentence;
a paragraph in OpenCC's own standard forms, which Taiwan and Hong Kong writing do not use
(爲 啓 羣 衆), was itself machine-converted and is left out.

    python scripts/script_bench.py [--examples N] [--cache DIR]
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import subprocess
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import opencc
import regex

from publish.script import convert_phrase

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "script_bench_sources.toml"
VARIANT_FILE = ROOT / "scripts" / "script_bench_variants.txt"
BACK = {"s2t": "t2s", "s2tw": "tw2s", "s2twp": "tw2sp", "s2hk": "hk2s"}
_PARAGRAPH = regex.compile(r"(?s)<p\b[^>]*>(.*?)</p>")
_SKIP = regex.compile(r"(?s)<(script|style|pre|code|table)\b.*?</\1>")
_MACHINE = regex.compile("[爲啓羣衆]")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Error:
    original: str
    output: str
    context: str


def fetch(source: dict[str, str], cache: Path) -> Path:
    """The source package, unpacked under `cache` (downloaded once)."""
    name, version = source["name"], source["version"]
    target = cache / f"{name}-{version.replace(':', '_')}"
    if target.exists():
        return target
    work = Path(tempfile.mkdtemp(dir=cache))
    if source["registry"] == "debian":
        subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=work, check=True)
        deb = next(work.glob("*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "x")], check=True)
    elif source["registry"] == "npm":
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=work, check=True)
        subprocess.run(
            ["tar", "xzf", next(work.glob("*.tgz")).name, "-C", "."], cwd=work, check=True
        )
        (work / "x").mkdir()
        (work / "package").rename(work / "x" / "package")
    else:
        raise SystemExit(f"{SOURCES.name}: unknown registry {source['registry']!r} for {name}")
    (work / "x").rename(target)
    return target


def paragraphs(path: Path) -> Iterator[str]:
    page = _SKIP.sub(" ", path.read_text("utf-8", errors="replace"))
    for m in _PARAGRAPH.finditer(page):
        text = " ".join(html.unescape(regex.sub(r"<[^>]+>", "", m.group(1))).split())
        if (
            len(_HAN.findall(text)) >= 15
            and text[-1:] in "。！？：；"
            and not _MACHINE.search(text)
        ):
            yield text


def corpus(cache: Path) -> list[str]:
    seen: dict[str, None] = {}
    sources = tomllib.loads(SOURCES.read_text("utf-8"))["source"]
    for source in sources:
        root = fetch(source, cache)
        for path in sorted(root.glob(source["files"])):
            seen.update(dict.fromkeys(paragraphs(path)))
    return list(seen)


def variant_pairs() -> dict[frozenset[str], str]:
    """{frozenset({'裡', '裏'}): reason}: the same character's forms, never counted."""
    pairs = {}
    for line in VARIANT_FILE.read_text("utf-8").splitlines():
        body, _, why = line.partition("#")
        chars = body.split()
        if len(chars) == 2:
            pairs[frozenset(chars)] = why.strip()
    return pairs


def twphrases_reference() -> opencc.OpenCC:
    """The original with OpenCC's Taiwan vocabulary: the s2twp reference."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    entry = {"type": "ocd2", "file": str(share / "TWPhrases.ocd2")}
    config = {
        "name": "Taiwan phrases over traditional text",
        "segmentation": {"type": "mmseg", "dict": entry},
        "conversion_chain": [{"dict": entry}],
    }
    path = Path(tempfile.mkdtemp()) / "t2twp.json"
    path.write_text(json.dumps(config), "utf-8")
    return opencc.OpenCC(str(path))


def errors(original: str, output: str, variants: dict[frozenset[str], str]) -> list[Error]:
    found: list[Error] = []
    matcher = difflib.SequenceMatcher(None, original, output, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        context = original[max(0, i1 - 4) : i2 + 4]
        if i2 - i1 == j2 - j1:
            found += [
                Error(a, b, context)
                for a, b in zip(original[i1:i2], output[j1:j2], strict=True)
                if a != b and frozenset((a, b)) not in variants
            ]
        else:
            found.append(Error(original[i1:i2], output[j1:j2], context))
    return found


def measure(
    texts: list[str], variant: str, variants: dict[frozenset[str], str]
) -> tuple[list[Error], list[Error], float, float]:
    back = opencc.OpenCC(BACK[variant])
    plain = opencc.OpenCC(variant)
    reference = twphrases_reference() if variant == "s2twp" else None
    theirs: list[Error] = []
    ours: list[Error] = []
    plain_seconds = publish_seconds = 0.0
    for text in texts:
        simplified = back.convert(text)
        expected = reference.convert(text) if reference else text
        start = time.perf_counter()
        by_opencc = plain.convert(simplified)
        middle = time.perf_counter()
        by_publish = convert_phrase(simplified, variant, quotes=False)  # type: ignore[arg-type]
        plain_seconds += middle - start
        publish_seconds += time.perf_counter() - middle
        theirs += errors(expected, by_opencc, variants)
        ours += errors(expected, by_publish, variants)
    return theirs, ours, plain_seconds, publish_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=12, help="remaining errors shown")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / ".bench-sources")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    texts = corpus(args.cache)
    han = sum(len(_HAN.findall(t)) for t in texts)
    variants = variant_pairs()
    print(f"{len(texts)} paragraphs, {han} Han characters ({SOURCES.name})\n")
    print("| variant | plain OpenCC errors | per 10,000 | publish errors | per 10,000 | fewer |")
    print("|---|---|---|---|---|---|")
    remaining: dict[str, list[Error]] = {}
    before: dict[str, list[Error]] = {}
    for variant in BACK:
        theirs, ours, _t1, _t2 = measure(texts, variant, variants)
        remaining[variant], before[variant] = ours, theirs
        fewer = 1 - len(ours) / len(theirs) if theirs else 0.0
        print(
            f"| {variant} | {len(theirs)} | {len(theirs) * 1e4 / han:.2f} | {len(ours)} |"
            f" {len(ours) * 1e4 / han:.2f} | {fewer:.0%} |",
            flush=True,
        )
    for variant, found in remaining.items():
        counts = Counter((e.original, e.output) for e in before[variant])
        print(f"\n{variant}: plain OpenCC's errors by pair (original > OpenCC):")
        print("  " + "  ".join(f"{a}>{b} {n}" for (a, b), n in counts.most_common(40)))
        counts = Counter((e.original, e.output) for e in found)
        print(f"{variant}: publish's remaining errors by pair (original > publish):")
        print("  " + "  ".join(f"{a}>{b} {n}" for (a, b), n in counts.most_common(40)))
        for e in found[: args.examples]:
            print(f"  {e.original}>{e.output}  …{e.context}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
