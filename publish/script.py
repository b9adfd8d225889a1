"""Script conversion: a simplified issue -> a traditional edition (OpenCC, corrected).

OpenCC converts by longest-match segmentation, which goes wrong on exactly this kind of text
(新征程 → 新徵程, 不断发挥 → 不斷髮揮, 指明了 → 指明瞭, a surname 于 → 於). Three layers fix it:

1. protected terms (personal names found in the issue, plus a list) are not converted at all;
2. phrase overrides (data/script_overrides.txt, extendable per issue) are converted as wholes
   before OpenCC sees the text, so they win over its segmentation;
3. general corrections after conversion decide a character by its neighbours (髮 survives only
   in words about hair; 纔 is always 才; 徵 before 程/途 is 征 …), so unseen phrases are fixed
   too.

A post-check then flags characters that are usually wrong in modern running text when they come
out of a conversion (diagnostic T101); strict mode turns them into errors. Taiwan and Hong Kong
editions also get corner-bracket quotation marks (“‘’” → 「『』」).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from functools import cache
from typing import Any, Final, Literal

import regex

from publish.chars import traditional_text
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
from publish.names import is_person_name, surnames
from publish.normalise.wordlists import word_list

Variant = Literal["s2t", "s2tw", "s2twp", "s2hk"]
VARIANTS: Final[tuple[str, ...]] = ("s2t", "s2tw", "s2twp", "s2hk")
LANGUAGE: Final[dict[str, str]] = {
    "s2t": "zh-Hant",
    "s2tw": "zh-Hant-TW",
    "s2twp": "zh-Hant-TW",
    "s2hk": "zh-Hant-HK",
}
CORNER_QUOTES: Final = frozenset({"s2tw", "s2twp", "s2hk"})
_PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: never in the text, kept by OpenCC


@dataclass(frozen=True, slots=True)
class ScriptConfig:
    variant: Variant = "s2t"
    overrides: tuple[tuple[str, str], ...] = ()  # extra (simplified, traditional) phrases
    protected: tuple[str, ...] = ()  # extra terms never converted
    strict: bool = False
    quotes: bool | None = None  # corner brackets; default: Taiwan and Hong Kong variants


@dataclass
class _Run:
    """One conversion run: its phrase table, protected terms and findings."""

    config: ScriptConfig
    phrases: list[tuple[str, str]]  # (source, replacement), longest first
    diagnostics: list[Diagnostic] = field(default_factory=list)


@cache
def _converter(variant: str) -> Any:
    import opencc  # noqa: PLC0415 - only traditional editions need it

    return opencc.OpenCC(variant)


@cache
def default_overrides() -> tuple[tuple[str, str], ...]:
    return tuple(parse_override(line) for line in _data_lines("script_overrides"))


def _data_lines(name: str) -> list[str]:
    return sorted(word_list(name))


def parse_override(entry: str) -> tuple[str, str]:
    """`新征程 = 新征程  # why` → ("新征程", "新征程")."""
    body = entry.split("#", 1)[0]
    source, sep, target = body.partition("=")
    if not sep or not source.strip() or not target.strip():
        raise ValueError(f"override must read `简体 = 繁體`: {entry!r}")
    return source.strip(), target.strip()


# --- names that must not be converted -------------------------------------------------------

# A surname that OpenCC turns into another character (于→於, 范→範, 余→餘), in a context that
# says "this is a person": a title before it, or a title/role after it.
_CONVERTIBLE_SURNAMES = "于范余"
_TITLE_BEFORE = (
    r"(?:教师|老师|记者|书记|主任|同志|委员|主席|局长|部长|校长|院长|经理|代表|烈士|队员|党员"
    r"|馆员|先生|女士)"
)
_TITLE_AFTER = r"(?:烈士|同志|先生|女士|老师|书记|主任|故居|纪念馆|等人)"
_NAME_BEFORE_TITLE = regex.compile(rf"[{_CONVERTIBLE_SURNAMES}]\p{{Han}}{{1,2}}(?={_TITLE_AFTER})")
# A bare surname opening a clause before a form of address: 余先生说, 范老师讲. Not 于: a
# clause-initial 于 is as often the preposition (于先生犹见典型), so it converts and is flagged.
_SURNAME_BEFORE_TITLE = regex.compile(r"(?<!\p{Han})[范余](?=先生|女士|老师|同志|书记|主任|教授)")
_NAME_AFTER_TITLE = regex.compile(rf"(?<={_TITLE_BEFORE})[{_CONVERTIBLE_SURNAMES}]\p{{Han}}{{2}}")


def names_to_protect(issue: Issue) -> set[str]:
    """Personal names of the issue whose surname OpenCC would change (于菲菲, 于方舟)."""
    names: set[str] = set()
    for text in _person_fields(issue):
        for token in regex.split(r"[\s/／、，,]+", text):
            if token and token[0] in _CONVERTIBLE_SURNAMES and is_person_name(token):
                names.add(token)
    for text in _all_text(issue):
        names |= names_in_text(text)
    return names


def names_in_text(text: str) -> set[str]:
    """Names that context marks as a person: 于方舟烈士, 记者于洋.

    "对于王老师" is the preposition before 王老师: a one-character given name that is itself a
    common surname is not taken as a name.
    """
    single, _double = surnames()
    found = {m.group(0) for m in _NAME_AFTER_TITLE.finditer(text)}
    found |= {m.group(0) for m in _SURNAME_BEFORE_TITLE.finditer(text)}
    for m in _NAME_BEFORE_TITLE.finditer(text):
        name = m.group(0)
        if len(name) == 2 and name[1] in single:  # surname + one character
            continue
        found.add(name)
    return found


def _person_fields(issue: Issue) -> Iterable[str]:
    yield from (a.byline for a in issue.articles if a.byline)
    yield from (c.author for c in issue.contents if c.author)
    yield from (f.value for f in issue.meta.masthead)


def _all_text(issue: Issue) -> Iterable[str]:
    for article in issue.articles:
        yield from (article.title, *(b.text for b in article.blocks))


# --- general corrections, applied to the converted text -------------------------------------


@cache
def _hair_words() -> regex.Pattern[str]:
    """Every word about hair, longest first, as one pattern (overlaps found too)."""
    words = sorted(word_list("hair_words"), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in words))


def _hair_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _hair_words().finditer(text, overlapped=True)]


def _fix_hair(text: str) -> str:
    """髮 (hair) only inside words about hair; elsewhere the conversion meant 發."""
    if "髮" not in text:
        return text
    keep = _hair_spans(text)
    return "".join(
        "發" if ch == "髮" and not any(a <= i < b for a, b in keep) else ch
        for i, ch in enumerate(text)
    )


# (pattern, replacement, why); patterns see the converted (traditional) text.
_CORRECTIONS: Final[tuple[tuple[regex.Pattern[str], str, str], ...]] = (
    (regex.compile("纔"), "才", "纔 is a variant; modern text writes 才"),
    (regex.compile(r"徵(?=[程途戰伐討])|(?<=[長出遠親南])徵"), "征", "征 marches, 徵 levies"),
    (regex.compile(r"製(?=[度約止衡裁])|(?<=[體機法])製"), "制", "制度/制約/體制, not manufacture"),
    (regex.compile(r"乾(?=[部勁線活群羣])|(?<=[實苦能骨主軀促])乾"), "幹", "幹部/實幹, not dry"),
    (regex.compile(r"(?<=[分時鬧警])鍾"), "鐘", "a clock or minute (鐘), not the surname 鍾"),
    (
        regex.compile(r"(?<=[指闡說表證標申聲講查點])明瞭(?![然若望解])"),
        "明了",
        "verb + 了 (particle), not 明瞭 (clear)",
    ),
    (regex.compile(r"[裏裡](?=\d|[（(]|小區|社區|號)"), "里", "里 in a lane or estate name"),
    (
        regex.compile(r"(?<![\d一二兩三四五六七八九十百千萬幾每這那數半單成整])隻(?=有|是|要|能)"),
        "只",
        "只有/只是/只要/只能: the adverb, glued to a noun before it (雞只有 -> 雞隻有)",
    ),
)


def correct(text: str) -> str:
    text = _fix_hair(text)
    for pattern, replacement, _why in _CORRECTIONS:
        text = pattern.sub(replacement, text)
    return text


# --- the post-check -------------------------------------------------------------------------

# 於 and 裏 are right in running text almost everywhere (the preposition; "inside"), so they are
# suspects only where the text points to the other reading: 於 opening a clause before a name or
# title (the surname 于), 裏/裡 in a unit or a place (里).
_SUSPECT: Final = regex.compile(
    r"[髮瞭纔乾範]"
    r"|(?<!\p{Han})於(?=\p{Han})(?!是|今|此|何|斯)"
    r"|於(?=\p{Han}{1,2}(?:先生|女士|同志|老師|書記|主任|烈士))"
    r"|(?<=[鄰故鄉千萬百華英公市海])[裏裡]|[裏裡](?=[弄巷村])"
)
_SUSPECT_OK: Final = regex.compile(
    r"瞭解|明瞭|瞭然|瞭望|瞭若指掌|乾(?:乾)?淨|乾燥|乾杯|乾貨|包乾|餅乾|糕乾|乾脆|乾坤|乾旱|乾涸|乾枯|"
    r"[示規模典防垂師失風]範|範[圍疇本例式]"
)


def _kept_from_source(text: str, source: str | None, index: int) -> bool:
    """The character was already printed so (a name like 聶乾震): conversion did not make it."""
    if source is None:
        return False
    if len(source) == len(text):
        return source[index] == text[index]
    return text[index] in source


def post_check(text: str, source: str | None = None) -> list[str]:
    """Characters conversion produced that are usually wrong in modern running text, in context.

    `source` is the simplified text the conversion started from, if known.
    """
    suspects = list(_SUSPECT.finditer(text))
    if not suspects:  # the common case: skip the allow-lists
        return []
    allowed = {i for m in _SUSPECT_OK.finditer(text) for i in range(*m.span())}
    allowed |= {i for a, b in _hair_spans(text) for i in range(a, b)}
    return [
        text[max(0, m.start() - 4) : m.end() + 4]
        for m in suspects
        if m.start() not in allowed and not _kept_from_source(text, source, m.start())
    ]


# --- conversion -----------------------------------------------------------------------------


_CORNER_QUOTES = {ord(a): b for a, b in zip("“”‘’", "「」『』", strict=True)}


def _quote_style(text: str) -> str:
    return text.translate(_CORNER_QUOTES)


def _convert_text(text: str, run: _Run) -> str:
    if not text:
        return text
    placed: list[str] = []

    def hold(replacement: str) -> str:
        placed.append(replacement)
        return chr(_PLACEHOLDER_BASE + len(placed) - 1)

    protected = text
    for source, replacement in run.phrases:
        if source in protected:
            protected = protected.replace(source, hold(replacement))
    converted = _converter(run.config.variant).convert(protected)
    converted = correct(converted)
    restored = "".join(
        placed[ord(ch) - _PLACEHOLDER_BASE]
        if _PLACEHOLDER_BASE <= ord(ch) < _PLACEHOLDER_BASE + len(placed)
        else ch
        for ch in converted
    )
    quotes = run.config.quotes
    if quotes or (quotes is None and run.config.variant in CORNER_QUOTES):
        restored = _quote_style(restored)
    return restored


def _phrase_table(
    names: Iterable[str], config: ScriptConfig, overrides: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Protected terms verbatim, found names with their surname kept, then phrase overrides."""
    convert = _converter(config.variant).convert
    table: dict[str, str] = {term: term for term in config.protected}
    for name in names:
        table.setdefault(name, name[0] + convert(name[1:]))  # only the surname is protected
    for source, target in (*overrides, *default_overrides()):
        table.setdefault(source, target)
    return sorted(table.items(), key=lambda kv: len(kv[0]), reverse=True)


def _map_strings(obj: Any, convert: Callable[[str], str]) -> Any:
    """Convert every text field of a model value (frozen dataclasses, tuples, strings)."""
    if isinstance(obj, Enum):  # StrEnum kinds are codes, not text
        return obj
    if isinstance(obj, str):
        return convert(obj)
    if isinstance(obj, tuple):
        return tuple(_map_strings(x, convert) for x in obj)
    if isinstance(obj, Article | Block | ContentsEntry | MastheadField | Section | IssueMeta):
        changes = {
            f.name: _map_strings(getattr(obj, f.name), convert)
            for f in fields(obj)
            if f.name not in _NOT_TEXT
        }
        return replace(obj, **changes)
    return obj


# Identifiers and codes are not text to convert.
_NOT_TEXT: Final = frozenset({"id", "article_id", "language", "issn", "cn", "url", "date"})


def convert_issue(issue: Issue, config: ScriptConfig) -> Issue:
    """The traditional edition of an issue: every text converted and corrected, language set."""
    run = _Run(config, _phrase_table(names_to_protect(issue), config, config.overrides))

    def convert(text: str) -> str:
        converted = _convert_text(text, run)
        for context in post_check(converted, text):
            run.diagnostics.append(
                Diagnostic(
                    "T101",
                    Level.ERROR if config.strict else Level.WARNING,
                    None,
                    f"check the conversion: …{context}…",
                )
            )
        return converted

    sections = _map_strings(issue.sections, convert)
    contents = _map_strings(issue.contents, convert)
    front = _map_strings(issue.front_matter, convert)
    meta = replace(_map_strings(issue.meta, convert), language=LANGUAGE[config.variant])
    return replace(
        issue,
        meta=meta,
        sections=sections,
        contents=contents,
        front_matter=front,
        diagnostics=issue.diagnostics + tuple(run.diagnostics),
    )


def detect_script(texts: Iterable[str]) -> str:
    """`zh-Hant` when the source is printed in traditional characters, else `zh-Hans`."""
    converter = _converter("t2s")
    pairs = ((text, converter.convert(text)) for text in texts)
    return "zh-Hant" if traditional_text(pairs) else "zh-Hans"


def simplified_edition(issue: Issue) -> Issue:
    """The simplified edition of a traditional source: every text through OpenCC t2s."""
    converter = _converter("t2s")
    meta = replace(_map_strings(issue.meta, converter.convert), language="zh-Hans")
    return replace(
        issue,
        meta=meta,
        sections=_map_strings(issue.sections, converter.convert),
        contents=_map_strings(issue.contents, converter.convert),
        front_matter=_map_strings(issue.front_matter, converter.convert),
    )


def convert_phrase(text: str, variant: Variant = "s2t", protected: Iterable[str] = ()) -> str:
    """Convert one phrase with the same machinery (tests and `publish` tools)."""
    config = ScriptConfig(variant=variant, protected=tuple(protected))
    return _convert_text(text, _Run(config, _phrase_table(names_in_text(text), config, ())))
