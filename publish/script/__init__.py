"""Script conversion: a simplified issue -> a traditional edition (OpenCC, word-aware, corrected).

OpenCC converts by longest-match segmentation, which goes wrong on exactly this kind of text
(新征程 → 新徵程, 不断发挥 → 不斷髮揮, 指明了 → 指明瞭, a surname 于 → 於). The package:

- `words`: the text cut into words (jieba's algorithm, rjieba), so that no phrase entry spans
  two words, and spellings from real traditional text for words OpenCC would guess character
  by character;
- `names`: personal names whose surname OpenCC would change keep it, issue-wide;
- `corrections`: a character decided by its neighbours after conversion;
- `check`: the post-check (T101), patterns and the class of one-character guesses;
- `convert`: the pipeline over every text of the model, and the corner quotes;
- `tables`: the data (OpenCC's one-to-many characters, lexicon, surname forms);
- `vocabulary`: s2twp's Taiwan vocabulary for whole words;
- `engine`: OpenCC's converters and the segmenter, loaded once per process.
"""

from __future__ import annotations

from dataclasses import replace

from publish.edition import SIMPLIFIED
from publish.model import Issue
from publish.script.check import post_check
from publish.script.convert import (
    VARIANTS,
    ScriptConfig,
    Variant,
    convert_issue,
    convert_phrase,
    default_overrides,
    map_strings,
    parse_override,
)
from publish.script.corrections import correct
from publish.script.engine import converter
from publish.script.names import names_in_text, names_to_protect

__all__ = [
    "VARIANTS",
    "ScriptConfig",
    "Variant",
    "convert_issue",
    "convert_phrase",
    "correct",
    "default_overrides",
    "names_in_text",
    "names_to_protect",
    "parse_override",
    "post_check",
    "simplified_edition",
]


def simplified_edition(issue: Issue) -> Issue:
    """The simplified edition of a traditional source: every text through OpenCC t2s."""
    convert = converter("t2s").convert
    meta = replace(map_strings(issue.meta, convert), language=SIMPLIFIED.language)
    return replace(
        issue,
        meta=meta,
        sections=map_strings(issue.sections, convert),
        contents=map_strings(issue.contents, convert),
        front_matter=map_strings(issue.front_matter, convert),
    )
