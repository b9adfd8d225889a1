"""Configuration: defaults in code, `publish.toml` at the project root, `<input>.toml` sidecars.

Validated once at load: unknown keys and wrong types are errors that name the file and the key.
Precedence: command line > sidecar (per issue metadata) > publish.toml > defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from publish.backends import FORMAT_NAMES
from publish.edition import EDITION_NAMES
from publish.errors import ConfigError
from publish.fixes import Fix, parse_fixes
from publish.ingest.encoding import normal_codec
from publish.model import IssueMeta
from publish.normalise.document import NormaliseConfig
from publish.render.pagesetup import PageSetup, paper_size
from publish.render.pagesetup import validate_variant as validate_pdf_variant
from publish.render.typesetting import Typesetting, validate_autospace, validate_punctuation
from publish.script import VARIANTS, ScriptConfig, parse_override

CONFIG_NAME = "publish.toml"
DEFAULT_FORMATS = ("epub", "pdf")  # epub-vertical on request


@dataclass(frozen=True, slots=True)
class BuildConfig:
    inputs: tuple[str, ...] = ("seeds",)
    output: str = "build"
    formats: tuple[str, ...] = DEFAULT_FORMATS
    editions: tuple[str, ...] = EDITION_NAMES
    embed_fonts: bool = False  # EPUB: embed subsets of the CJK serif
    check: bool = False  # run EPUBCheck on every EPUB built


@dataclass(frozen=True, slots=True)
class Config:
    build: BuildConfig = field(default_factory=BuildConfig)
    normalise: NormaliseConfig = field(default_factory=NormaliseConfig)
    script: ScriptConfig = field(default_factory=ScriptConfig)
    pdf: PageSetup = field(default_factory=PageSetup)
    root: Path = Path()

    @property
    def output_dir(self) -> Path:
        return self.root / self.build.output


@dataclass(frozen=True, slots=True)
class Sidecar:
    """What an input's `<id>.toml` says: metadata, and script settings for this issue."""

    meta: IssueMeta | None = None
    encoding: str | None = None  # [input] encoding: the input's encoding, instead of detection
    variant: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()
    protected: tuple[str, ...] = ()
    fixes: tuple[Fix, ...] = ()  # [[fix]]: the editor's corrections (publish.fixes)

    def script(self, base: ScriptConfig) -> ScriptConfig:
        return replace(
            base,
            variant=self.variant or base.variant,  # type: ignore[arg-type]
            overrides=base.overrides + self.overrides,
            protected=base.protected + self.protected,
        )


def _table(data: Any, name: str, path: Path) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ConfigError(f"[{name}] must be a table", path=path)
    return data


def _check_keys(data: dict[str, Any], allowed: set[str], where: str, path: Path) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ConfigError(
            f"unknown key(s) in {where}: {', '.join(unknown)}",
            path=path,
            hint=f"allowed: {', '.join(sorted(allowed))}",
        )


def _strings(value: Any, key: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings", path=path)
    return tuple(value)


def _string(value: Any, key: str, path: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be a string", path=path)
    return value


def _bool(value: Any, key: str, path: Path, hint: str | None = None) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false", path=path, hint=hint)
    return value


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("config file is not UTF-8", path=path) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror}", path=path) from exc


def _inside(value: str, key: str, path: Path) -> str:
    """A relative path that stays inside the project: a shared config must not make a build
    read or write elsewhere (`-o` and input arguments on the command line are the user's own)."""
    if not value or Path(value).is_absolute() or ".." in Path(value).parts:
        raise ConfigError(f"{key} must be a path inside the project, not “{value}”", path=path)
    return value


def _build_section(data: dict[str, Any], path: Path) -> BuildConfig:
    allowed = {"inputs", "output", "formats", "editions", "embed_fonts", "check"}
    _check_keys(data, allowed, "[build]", path)
    build = BuildConfig()
    if "inputs" in data:
        inputs = _strings(data["inputs"], "build.inputs", path)
        build = replace(build, inputs=tuple(_inside(i, "build.inputs", path) for i in inputs))
    if "output" in data:
        output = _inside(_string(data["output"], "build.output", path), "build.output", path)
        build = replace(build, output=output)
    if "formats" in data:
        formats = _strings(data["formats"], "build.formats", path)
        validate_formats(formats, path)
        build = replace(build, formats=formats)
    if "editions" in data:
        editions = _strings(data["editions"], "build.editions", path)
        validate_editions(editions, path)
        build = replace(build, editions=editions)
    if "embed_fonts" in data:
        build = replace(build, embed_fonts=_bool(data["embed_fonts"], "build.embed_fonts", path))
    if "check" in data:
        build = replace(build, check=_bool(data["check"], "build.check", path))
    return build


def _validate_choices(
    values: tuple[str, ...], allowed: tuple[str, ...], what: str, path: Path | None, hint: str = ""
) -> None:
    bad = [v for v in values if v not in allowed]
    if bad or not values:
        raise ConfigError(
            f"unknown {what}: {', '.join(bad) or '(none given)'}",
            path=path,
            hint=f"choose from: {', '.join(allowed)}{hint}",
        )


def validate_editions(editions: tuple[str, ...], path: Path | None = None) -> None:
    hint = "; [script] variant picks the traditional one"
    _validate_choices(editions, EDITION_NAMES, "edition(s)", path, hint)


def validate_encoding(name: str, path: Path | None = None) -> str:
    """A text encoding Python knows (`gb18030`, `big5`, `big5-hkscs`, `utf-8` …)."""
    codec = normal_codec(name)
    if codec is None:
        raise ConfigError(
            f"unknown encoding “{name}”",
            path=path,
            hint="e.g. utf-8, gb18030, gbk, big5, big5hkscs, utf-16",
        )
    return codec


def validate_variant(variant: str, path: Path | None = None) -> str:
    if variant not in VARIANTS:
        raise ConfigError(
            f"unknown script variant “{variant}”",
            path=path,
            hint=f"choose from: {', '.join(VARIANTS)}",
        )
    return variant


def _overrides(value: Any, key: str, path: Path) -> tuple[tuple[str, str], ...]:
    try:
        return tuple(parse_override(entry) for entry in _strings(value, key, path))
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}", path=path) from exc


def _script_section(data: dict[str, Any], path: Path) -> ScriptConfig:
    _check_keys(data, {"variant", "overrides", "protected", "strict", "quotes"}, "[script]", path)
    config = ScriptConfig()
    if "variant" in data:
        variant = validate_variant(_string(data["variant"], "script.variant", path), path)
        config = replace(config, variant=variant)  # type: ignore[arg-type]
    if "overrides" in data:
        config = replace(config, overrides=_overrides(data["overrides"], "script.overrides", path))
    if "protected" in data:
        config = replace(config, protected=_strings(data["protected"], "script.protected", path))
    if "strict" in data:
        config = replace(config, strict=_bool(data["strict"], "script.strict", path))
    if "quotes" in data:
        hint = "true: 「」『』 in every traditional edition; false: keep “” ‘’"
        config = replace(config, quotes=_bool(data["quotes"], "script.quotes", path, hint))
    return config


def _pdf_section(data: dict[str, Any], path: Path) -> PageSetup:
    keys = {"page_size", "print", "recto_starts", "pdf_variant", "punctuation", "autospace"}
    _check_keys(data, keys, "[pdf]", path)
    setup = PageSetup()
    try:
        setup = replace(setup, typesetting=_typesetting(data, path))
        if "page_size" in data:
            size = _string(data["page_size"], "pdf.page_size", path)
            paper_size(size)
            setup = replace(setup, size=size)
        if "pdf_variant" in data:
            variant = validate_pdf_variant(_string(data["pdf_variant"], "pdf.pdf_variant", path))
            setup = replace(setup, pdf_variant=variant)
    except ConfigError as exc:
        raise ConfigError(exc.message, path=path, hint=exc.hint) from None
    if "print" in data:
        setup = replace(setup, print_marks=_bool(data["print"], "pdf.print", path))
    if "recto_starts" in data:
        setup = replace(setup, recto_starts=_bool(data["recto_starts"], "pdf.recto_starts", path))
    return setup


def _typesetting(data: dict[str, Any], path: Path) -> Typesetting:
    typesetting = Typesetting()
    if "punctuation" in data:
        style = validate_punctuation(_string(data["punctuation"], "pdf.punctuation", path))
        typesetting = replace(typesetting, punctuation=style)
    if "autospace" in data:
        space = validate_autospace(_string(data["autospace"], "pdf.autospace", path))
        typesetting = replace(typesetting, autospace=space)
    return typesetting


def validate_formats(formats: tuple[str, ...], path: Path | None = None) -> None:
    _validate_choices(formats, FORMAT_NAMES, "output format(s)", path)


def _normalise_section(data: dict[str, Any], path: Path) -> NormaliseConfig:
    _check_keys(data, {"disabled", "spacing"}, "[normalise]", path)
    config = NormaliseConfig()
    if "disabled" in data:
        from publish.normalise import RULE_NAMES  # noqa: PLC0415 - loads every rule

        names = frozenset(_strings(data["disabled"], "normalise.disabled", path))
        unknown = sorted(names - RULE_NAMES)
        if unknown:
            raise ConfigError(f"unknown rule name(s): {', '.join(unknown)}", path=path)
        config = replace(config, disabled=names)
    if "spacing" in data:
        spacing = _string(data["spacing"], "normalise.spacing", path)
        if spacing not in ("remove", "keep"):
            raise ConfigError("normalise.spacing must be “remove” or “keep”", path=path)
        config = replace(config, spacing=spacing)  # type: ignore[arg-type]
    return config


def load_config(root: Path) -> Config:
    """Defaults, overridden by `publish.toml` in `root` when it exists."""
    path = root / CONFIG_NAME
    if not path.exists():
        return Config(root=root)
    data = read_toml(path)
    _check_keys(data, {"build", "normalise", "script", "pdf"}, "publish.toml", path)
    return Config(
        build=_build_section(_table(data.get("build", {}), "build", path), path),
        normalise=_normalise_section(_table(data.get("normalise", {}), "normalise", path), path),
        script=_script_section(_table(data.get("script", {}), "script", path), path),
        pdf=_pdf_section(_table(data.get("pdf", {}), "pdf", path), path),
        root=root,
    )


_META_FIELDS = {
    f.name: f for f in fields(IssueMeta) if f.name not in ("masthead", "notices", "contributors")
}
_INT_FIELDS = {"year", "number", "total_number"}


def sidecar_path(input_path: Path) -> Path:
    return input_path.with_suffix(".toml")


def load_sidecar(input_path: Path) -> Sidecar:
    """Per-issue settings from `<input>.toml`: `[meta]` fields and `[script]` additions."""
    path = sidecar_path(input_path)
    if not path.exists():
        return Sidecar()
    data = read_toml(path)
    _check_keys(data, {"meta", "script", "input", "fix"}, path.name, path)
    meta = (
        _meta_section(_table(data.get("meta", {}), "meta", path), path) if "meta" in data else None
    )
    source = _table(data.get("input", {}), "input", path)
    _check_keys(source, {"encoding"}, "[input]", path)
    script = _table(data.get("script", {}), "script", path)
    _check_keys(script, {"variant", "overrides", "protected"}, "[script]", path)
    return Sidecar(
        meta=meta,
        encoding=validate_encoding(_string(source["encoding"], "input.encoding", path), path)
        if "encoding" in source
        else None,
        variant=validate_variant(_string(script["variant"], "script.variant", path), path)
        if "variant" in script
        else None,
        overrides=_overrides(script.get("overrides", []), "script.overrides", path),
        protected=_strings(script.get("protected", []), "script.protected", path),
        fixes=parse_fixes(data["fix"], path) if "fix" in data else (),
    )


def _meta_section(meta: dict[str, Any], path: Path) -> IssueMeta:
    _check_keys(meta, set(_META_FIELDS), "[meta]", path)
    values: dict[str, Any] = {}
    for key, value in meta.items():
        if key in _INT_FIELDS:
            if not isinstance(value, int) or isinstance(value, bool):
                raise ConfigError(f"meta.{key} must be an integer", path=path)
        elif not isinstance(value, str):
            raise ConfigError(f"meta.{key} must be a string", path=path)
        elif any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise ConfigError(
                f"meta.{key} contains an invalid character (lone surrogate)", path=path
            )
        values[key] = value
    return IssueMeta(**values)
