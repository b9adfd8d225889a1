"""Simplified → traditional: placeholders, word-aware OpenCC, corrections, flags, quotes.

1. protected terms, names found in the issue (their surname kept) and phrase overrides are
   replaced by placeholders that neither the segmenter nor OpenCC can touch;
2. the rest is cut into units of conversion (words.py): units a table spells are held out too,
   the others go through OpenCC in one call, a separator between units so that no phrase
   entry spans two of them;
3. general corrections (corrections.py) decide a character by its neighbours;
4. the post-check (check.py) flags what is still doubtful, and the class of characters left
   to OpenCC's one-character guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from functools import cache, lru_cache
from typing import Any, Final, Literal

from publish.edition import VARIANT_EDITIONS
from publish.model import (
    Article,
    Block,
    ContentsEntry,
    Diagnostic,
    Issue,
    IssueMeta,
    Level,
    MastheadField,
    Section,
)
from publish.script.check import context, post_check
from publish.script.corrections import correct
from publish.script.engine import converter
from publish.script.names import names_in_text, names_to_protect
from publish.script.tables import ambiguous_alone, one_to_many, surname_forms
from publish.script.vocabulary import taiwan_words
from publish.script.words import SEPARATOR, plan

Variant = Literal["s2t", "s2tw", "s2twp", "s2hk"]
VARIANTS: Final[tuple[str, ...]] = tuple(VARIANT_EDITIONS)
# How a spelling in OpenCC's standard forms is put into each variant's forms (裏 → 裡).
_VARIANT_FORMS: Final[dict[str, str | None]] = {
    "s2t": None,
    "s2tw": "t2tw",
    "s2twp": "t2tw",
    "s2hk": "t2hk",
}
# s2twp's characters are s2tw's; its vocabulary is put in word by word (vocabulary.py).
_CHARACTERS: Final[dict[str, str]] = {"s2twp": "s2tw"}
_PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: never in the text, kept by OpenCC
_PLACEHOLDER_END = 0xFFFFD


@dataclass(frozen=True, slots=True)
class ScriptConfig:
    variant: Variant = "s2t"
    overrides: tuple[tuple[str, str], ...] = ()  # extra (simplified, traditional) phrases
    protected: tuple[str, ...] = ()  # extra terms never converted
    strict: bool = False
    quotes: bool | None = None  # corner brackets; default: Taiwan and Hong Kong variants


@dataclass
class _Run:
    """One conversion run: its phrase table and findings."""

    config: ScriptConfig
    phrases: list[tuple[str, str]]  # (source, replacement), longest first
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Converted:
    text: str
    guesses: tuple[str, ...]  # contexts of one-character guesses (the post-check's class)


@cache
def default_overrides() -> tuple[tuple[str, str], ...]:
    from publish.data import word_list  # noqa: PLC0415

    return tuple(parse_override(line) for line in sorted(word_list("script_overrides")))


def parse_override(entry: str) -> tuple[str, str]:
    """`新征程 = 新征程  # why` → ("新征程", "新征程")."""
    body = entry.split("#", 1)[0]
    source, sep, target = body.partition("=")
    if not sep or not source.strip() or not target.strip():
        raise ValueError(f"override must read `简体 = 繁體`: {entry!r}")
    return source.strip(), target.strip()


@cache
def _in_variant(spelling: str, variant: str) -> str:
    config = _VARIANT_FORMS[variant]
    return spelling if config is None else str(converter(config).convert(spelling))


_CORNER_QUOTES = {ord(a): b for a, b in zip("“”‘’", "「」『』", strict=True)}


class _Placeholders:
    """Replacements held out of the segmenter's and OpenCC's reach, one character each."""

    def __init__(self) -> None:
        self.held: list[str] = []

    def hold(self, replacement: str) -> str:
        if _PLACEHOLDER_BASE + len(self.held) > _PLACEHOLDER_END:
            return replacement  # a text this long is converted without further holds
        self.held.append(replacement)
        return chr(_PLACEHOLDER_BASE + len(self.held) - 1)

    def restore(self, text: str) -> str:
        if not self.held:
            return text
        return text.translate({_PLACEHOLDER_BASE + i: held for i, held in enumerate(self.held)})


def convert_text(text: str, run: _Run) -> Converted:
    if not text:
        return Converted(text, ())
    places = _Placeholders()
    protected = text
    for source, replacement in run.phrases:
        if source in protected:
            protected = protected.replace(source, places.hold(replacement))
    variant = run.config.variant
    words, spelled = plan(protected)
    pieces = list(words)
    for index, spelling in spelled.items():
        pieces[index] = places.hold(correct(_in_variant(spelling, variant)))
    decided = set(spelled)
    if variant == "s2twp":  # Taiwan vocabulary for whole words, over any other spelling
        for index, word in enumerate(words):
            if (taiwan := taiwan_words(word)) is not None:
                pieces[index] = places.hold(_in_variant(taiwan, variant))
                decided.add(index)
    alone = ambiguous_alone()
    guesses = [
        k for k, word in enumerate(words) if len(word) == 1 and word in alone and k not in decided
    ]
    parts = _opencc_pieces(pieces, variant)
    corrected = correct("".join(parts))
    converted = places.restore(corrected)
    contexts = []
    if guesses:  # corrections keep lengths: the pieces' places in the restored text
        out: list[str] = []
        at = 0
        for part in parts:
            out.append(places.restore(corrected[at : at + len(part)]))
            at += len(part)
        starts = [0]
        for piece in out:
            starts.append(starts[-1] + len(piece))
        for index in guesses:
            start = starts[index]
            choices = "/".join(one_to_many()[pieces[index]])
            contexts.append(f"{out[index]} ({choices}) …{context(converted, start, start + 1)}…")
    quotes = run.config.quotes
    if quotes or (quotes is None and VARIANT_EDITIONS[variant].corner_quotes):
        converted = converted.translate(_CORNER_QUOTES)
    return Converted(converted, tuple(contexts))


def _opencc_pieces(pieces: list[str], variant: str) -> list[str]:
    """Every piece through OpenCC in one call; the separator keeps phrases inside pieces."""
    convert = converter(_CHARACTERS.get(variant, variant)).convert
    parts: list[str] = str(convert(SEPARATOR.join(pieces))).split(SEPARATOR)
    if len(parts) != len(pieces):  # never seen; converting piece by piece gives the same
        parts = [str(convert(p)) for p in pieces]
    return parts


def _name_spelling(name: str, variant: str) -> str:
    """The surname in its own form, the given name character by character."""
    convert = converter(_CHARACTERS.get(variant, variant)).convert
    forms = surname_forms()
    surname = _in_variant(forms[name[0]], variant) if name[0] in forms else str(convert(name[0]))
    return surname + "".join(str(convert(ch)) for ch in name[1:])


def _phrase_table(
    names: Iterable[str], config: ScriptConfig, overrides: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Protected terms verbatim, found names with their surname kept, then phrase overrides."""
    table: dict[str, str] = {term: term for term in config.protected}
    for name in names:
        table.setdefault(name, _name_spelling(name, config.variant))
    for source, target in (*overrides, *default_overrides()):
        table.setdefault(source, target)
    return sorted(table.items(), key=lambda kv: len(kv[0]), reverse=True)


def map_strings(obj: Any, convert: Callable[[str], str]) -> Any:
    """Convert every text field of a model value (frozen dataclasses, tuples, strings)."""
    if isinstance(obj, Enum):  # StrEnum kinds are codes, not text
        return obj
    if isinstance(obj, str):
        return convert(obj)
    if isinstance(obj, tuple):
        return tuple(map_strings(x, convert) for x in obj)
    if isinstance(obj, Article | Block | ContentsEntry | MastheadField | Section | IssueMeta):
        changes = {
            f.name: map_strings(getattr(obj, f.name), convert)
            for f in fields(obj)
            if f.name not in _NOT_TEXT
        }
        return replace(obj, **changes)
    return obj


# Identifiers and codes are not text to convert.
_NOT_TEXT: Final = frozenset({"id", "article_id", "language", "issn", "cn", "url", "date"})


def _flag(run: _Run, message: str) -> None:
    level = Level.ERROR if run.config.strict else Level.WARNING
    run.diagnostics.append(Diagnostic("T101", level, None, message))


def convert_issue(issue: Issue, config: ScriptConfig) -> Issue:
    """The traditional edition of an issue: every text converted and corrected, language set."""
    run = _Run(config, _phrase_table(names_to_protect(issue), config, config.overrides))
    # Titles recur (contents, running heads), and a preview rebuilds an issue one line at a
    # time: each text is converted once per configuration and phrase table.
    done = _converted(config, tuple(run.phrases))

    def convert(text: str) -> str:
        converted = done.get(text) or done.setdefault(text, convert_text(text, run))
        for found in post_check(converted.text, text):
            _flag(run, f"check the conversion: …{found}…")
        for found in converted.guesses:
            _flag(run, f"check the conversion, a one-character guess: {found}")
        return converted.text

    sections = map_strings(issue.sections, convert)
    contents = map_strings(issue.contents, convert)
    front = map_strings(issue.front_matter, convert)
    language = VARIANT_EDITIONS[config.variant].language
    meta = replace(map_strings(issue.meta, convert), language=language)
    return replace(
        issue,
        meta=meta,
        sections=sections,
        contents=contents,
        front_matter=front,
        diagnostics=issue.diagnostics + tuple(run.diagnostics),
    )


@lru_cache(maxsize=4)
def _converted(config: ScriptConfig, phrases: tuple[tuple[str, str], ...]) -> dict[str, Converted]:
    """The texts converted so far with this configuration and phrase table (a conversion
    depends on nothing else)."""
    del config, phrases  # the key of the cache
    return {}


def convert_phrase(
    text: str, variant: Variant = "s2t", protected: Iterable[str] = (), quotes: bool | None = None
) -> str:
    """Convert one phrase with the same machinery (tests, the benchmark)."""
    config = ScriptConfig(variant=variant, protected=tuple(protected), quotes=quotes)
    return convert_text(text, _Run(config, _phrase_table(names_in_text(text), config, ()))).text
