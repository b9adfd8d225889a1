"""Per-rule before/after tests, driven by the data files in `tests/fixtures/rules/`.

There is one TOML file per rule code (`P402.toml`); each holds a list of `[[case]]` tables:

    name         short kebab-case id, unique within the rule (the test id is `P402-pos-<name>`)
    kind         "positive": the rule must act; "negative": the rule must leave the text alone
    input        raw OCR text; a blank line separates paragraphs, as in the source files
    expected     the cleaned text, one output paragraph per line (default: `input`)
    changes      optional: the exact set of change codes (`Change.rule`) the run records
    diagnostics  optional: the exact set of diagnostic codes the run emits
    messages     optional: substrings that must each occur in some diagnostic message
    end_marks    optional: the end marks kept on the output lines, in order
    tagged       optional table: tag -> the output lines carrying that tag, in order
    meta         optional: the lines that became metadata (`LineKind.META`), in order
    via          "pipeline" (default: the whole `normalise()`), "rule" (this rule alone on
                 `to_document(input)`), or "markdown" / "html" (the input read by that reader
                 first, then the whole `normalise()`)
    config       optional table of `NormaliseConfig` fields (`spacing`, `disabled`)
    note         where the case comes from, or why it matters

"The rule acted" means: it recorded a change (text rules), emitted a diagnostic (flag-only
rules, which must also leave the text unchanged when run alone), or set its tag (tag-only
rules).

`known_bugs.toml` holds reasonable inputs that a rule currently mishandles, with the output
they should have and the output they get (`actual`). They run as strict xfails: once a rule is
fixed its case XPASSes and fails the run, and the case moves into the rule's own file.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from publish.ingest.html import read_html
from publish.ingest.markdown import read_markdown
from publish.lines import Change, Document, Tag
from publish.model import Diagnostic
from publish.normalise import RULES, LineKind, NormaliseConfig, normalise
from publish.normalise.document import to_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"
KNOWN_BUGS = FIXTURES / "known_bugs.toml"
RULES_BY_CODE = {rule.code: rule for rule in RULES}
# Rules that change no text and flag nothing: their effect is a tag on the lines.
TAG_ONLY_RULES = {"R001": Tag.FRONT}
KINDS = ("positive", "negative")
VIAS = ("pipeline", "rule", "markdown", "html")
CASE_FIELDS = frozenset(
    {
        "name",
        "kind",
        "input",
        "expected",
        "changes",
        "diagnostics",
        "messages",
        "end_marks",
        "tagged",
        "meta",
        "via",
        "config",
        "note",
    }
)
BUG_FIELDS = CASE_FIELDS | {"rule", "actual"}


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    kind: str
    input: str
    expected: str
    via: str = "pipeline"
    changes: frozenset[str] | None = None
    diagnostics: frozenset[str] | None = None
    messages: tuple[str, ...] = ()
    end_marks: tuple[str, ...] | None = None
    tagged: tuple[tuple[Tag, tuple[str, ...]], ...] = ()
    meta: tuple[str, ...] | None = None
    config: NormaliseConfig = field(default_factory=NormaliseConfig)
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.kind[:3]}-{self.name}"


def _optional_set(raw: dict[str, Any], key: str) -> frozenset[str] | None:
    return frozenset(raw[key]) if key in raw else None


def _optional_tuple(raw: dict[str, Any], key: str) -> tuple[str, ...] | None:
    return tuple(raw[key]) if key in raw else None


def _case(rule: str, raw: dict[str, Any], allowed: frozenset[str], where: str) -> Case:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {unknown}")
    if rule not in RULES_BY_CODE:
        raise ValueError(f"{where}: no rule with code {rule!r}")
    if raw.get("kind") not in KINDS:
        raise ValueError(f"{where}: kind must be one of {KINDS}")
    if raw.get("via", "pipeline") not in VIAS:
        raise ValueError(f"{where}: via must be one of {VIAS}")
    config = raw.get("config", {})
    return Case(
        rule=rule,
        name=raw["name"],
        kind=raw["kind"],
        input=raw["input"],
        expected=raw.get("expected", raw["input"]),
        via=raw.get("via", "pipeline"),
        changes=_optional_set(raw, "changes"),
        diagnostics=_optional_set(raw, "diagnostics"),
        messages=tuple(raw.get("messages", ())),
        end_marks=_optional_tuple(raw, "end_marks"),
        tagged=tuple(
            (Tag(tag), tuple(texts)) for tag, texts in sorted(raw.get("tagged", {}).items())
        ),
        meta=_optional_tuple(raw, "meta"),
        config=NormaliseConfig(
            disabled=frozenset(config.get("disabled", ())),
            spacing=config.get("spacing", "remove"),
        ),
        note=raw.get("note", ""),
    )


def load_rule_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(FIXTURES.glob("*.toml")):
        if path == KNOWN_BUGS:
            continue
        data = tomllib.loads(path.read_text("utf-8"))
        rule = data.get("rule")
        if rule != path.stem:
            raise ValueError(f"{path.name}: `rule = {rule!r}` does not match the file name")
        for index, raw in enumerate(data.get("case", [])):
            cases.append(_case(rule, raw, CASE_FIELDS, f"{path.name} case {index}"))
    return cases


def load_known_bugs() -> list[Case]:
    if not KNOWN_BUGS.exists():
        return []
    data = tomllib.loads(KNOWN_BUGS.read_text("utf-8"))
    return [
        _case(raw.get("rule", ""), raw, BUG_FIELDS, f"{KNOWN_BUGS.name} case {index}")
        for index, raw in enumerate(data.get("case", []))
    ]


CASES = load_rule_cases()
BUGS = load_known_bugs()


@dataclass(frozen=True)
class Run:
    lines: Document
    changes: tuple[Change, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines if line.kind is LineKind.TEXT)

    @property
    def change_codes(self) -> frozenset[str]:
        return frozenset(change.rule for change in self.changes)

    @property
    def diagnostic_codes(self) -> frozenset[str]:
        return frozenset(diagnostic.code for diagnostic in self.diagnostics)


def run_case(case: Case) -> Run:
    if case.via == "rule":
        lines, _ = to_document(case.input)
        outcome = RULES_BY_CODE[case.rule].fn(lines, case.config)
        return Run(outcome.lines, outcome.changes, outcome.diagnostics)
    reading = None
    if case.via == "markdown":
        reading = read_markdown(case.input)
    elif case.via == "html":
        reading = read_html(case.input)
    result = normalise(case.input, case.config, reading)
    return Run(result.lines, result.changes, result.diagnostics)


def rule_acted(code: str, run: Run) -> bool:
    if code in TAG_ONLY_RULES:
        return any(line.has(TAG_ONLY_RULES[code]) for line in run.lines)
    if RULES_BY_CODE[code].flag_only:
        return code in run.diagnostic_codes
    return code in run.change_codes


def describe(run: Run) -> str:
    changes = "\n".join(
        f"  {c.rule} {c.kind.value} L{c.line}: {c.before!r} -> {c.after!r}" for c in run.changes
    )
    diagnostics = "\n".join(f"  {d.code} L{d.line}: {d.message}" for d in run.diagnostics)
    return f"output:\n{run.text}\nchanges:\n{changes}\ndiagnostics:\n{diagnostics}"


def check(case: Case, run: Run) -> None:
    context = describe(run)
    assert run.text == case.expected, context
    if case.changes is not None:
        assert run.change_codes == case.changes, context
    if case.diagnostics is not None:
        assert run.diagnostic_codes == case.diagnostics, context
    for fragment in case.messages:
        assert any(fragment in d.message for d in run.diagnostics), (fragment, context)
    text_lines = [line for line in run.lines if line.kind is LineKind.TEXT]
    if case.end_marks is not None:
        assert tuple(x.end_mark for x in text_lines if x.end_mark) == case.end_marks, context
    for tag, texts in case.tagged:
        assert tuple(x.text for x in run.lines if x.has(tag)) == texts, (tag, context)
    if case.meta is not None:
        meta = tuple(x.text for x in run.lines if x.kind is LineKind.META)
        assert meta == case.meta, context
    acted = rule_acted(case.rule, run)
    assert acted is (case.kind == "positive"), f"{case.rule} acted={acted}\n{context}"
    if RULES_BY_CODE[case.rule].flag_only:
        assert_flag_keeps_text(case)


def assert_flag_keeps_text(case: Case) -> None:
    """A flag-only rule, run alone, returns its lines untouched and records no change."""
    lines, _ = to_document(case.input)
    outcome = RULES_BY_CODE[case.rule].fn(lines, case.config)
    assert outcome.lines == lines
    assert not outcome.changes


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_rule_case(case: Case) -> None:
    check(case, run_case(case))


if BUGS:  # defined only while there are open bugs, so an empty file adds no skipped test

    @pytest.mark.parametrize(
        "case",
        [
            pytest.param(
                c, id=c.id, marks=pytest.mark.xfail(reason=f"known {c.rule} bug", strict=True)
            )
            for c in BUGS
        ],
    )
    def test_known_rule_bug(case: Case) -> None:
        check(case, run_case(case))


def test_every_rule_has_positive_and_negative_cases() -> None:
    counts = Counter((case.rule, case.kind) for case in CASES)
    thin = [
        f"{rule.code}: {counts[rule.code, 'positive']} positive, "
        f"{counts[rule.code, 'negative']} negative"
        for rule in RULES
        if counts[rule.code, "positive"] < 2 or counts[rule.code, "negative"] < 2
    ]
    assert not thin, "rules with fewer than 2 positive and 2 negative cases:\n" + "\n".join(thin)


def test_flag_only_cases_declare_diagnostics() -> None:
    """Flag-only rules are tested on what they emit (and, in `check`, on leaving text alone)."""
    loose = [
        case.id for case in CASES if RULES_BY_CODE[case.rule].flag_only and case.diagnostics is None
    ]
    assert not loose, f"flag-only cases must declare their diagnostics: {loose}"


def test_case_ids_are_unique() -> None:
    ids = Counter(case.id for case in [*CASES, *BUGS])
    assert not [case_id for case_id, n in ids.items() if n > 1]


def test_positive_cases_change_something() -> None:
    """A positive case of a text rule shows a before/after difference (else it proves little)."""
    same = [
        case.id
        for case in CASES
        if case.kind == "positive"
        and not RULES_BY_CODE[case.rule].flag_only
        and case.rule not in TAG_ONLY_RULES
        and case.expected == case.input
        and case.meta is None
    ]
    assert not same, same
