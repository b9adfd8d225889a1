"""Configuration: defaults, publish.toml, sidecars; unknown keys and wrong types are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.config import load_config, load_sidecar
from publish.errors import ConfigError
from publish.script import ScriptConfig


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.build.formats == ("epub", "pdf")
    assert config.output_dir == tmp_path / "build"
    assert config.normalise.spacing == "remove"


def test_publish_toml_overrides(tmp_path: Path) -> None:
    (tmp_path / "publish.toml").write_text(
        '[build]\nformats = ["epub"]\noutput = "out"\n'
        '[normalise]\ndisabled = ["stray-english-and"]\nspacing = "keep"\n',
        "utf-8",
    )
    config = load_config(tmp_path)
    assert config.build.formats == ("epub",)
    assert config.output_dir == tmp_path / "out"
    assert config.normalise.disabled == frozenset({"stray-english-and"})
    assert config.normalise.spacing == "keep"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[build]\ncolour = 1\n", "unknown key"),
        ("[bild]\n", "unknown key"),
        ('[build]\nformats = "epub"\n', "list of strings"),
        ('[build]\nformats = ["docx"]\n', "unknown output format"),
        ('[build]\noutput = "../elsewhere"\n', "inside the project"),
        ('[normalise]\ndisabled = ["no-such-rule"]\n', "unknown rule"),
        ('[normalise]\nspacing = "squash"\n', "remove"),
        ("[build\n", "invalid TOML"),
        ('[build]\neditions = ["zh-TW"]\n', "unknown edition"),
        ('[script]\nvariant = "t2s"\n', "unknown script variant"),
        ('[script]\noverrides = ["no equals sign"]\n', "override"),
        ('[script]\nquotes = "yes"\n', "quotes"),
    ],
)
def test_invalid_config_names_the_problem(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "publish.toml").write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(tmp_path)
    assert "publish.toml" in str(info.value)


def test_sidecar_supplies_metadata(tmp_path: Path) -> None:
    issue = tmp_path / "003_x.txt"
    issue.write_text("正文。", "utf-8")
    (tmp_path / "003_x.toml").write_text('[meta]\ntitle = "示例刊物"\nyear = 2024\n', "utf-8")
    meta = load_sidecar(issue).meta
    assert meta is not None
    assert (meta.title, meta.year) == ("示例刊物", 2024)


def test_no_sidecar(tmp_path: Path) -> None:
    sidecar = load_sidecar(tmp_path / "a.txt")
    assert sidecar.meta is None
    assert sidecar.script(ScriptConfig()) == ScriptConfig()


def test_sidecar_script_settings_extend_the_project_ones(tmp_path: Path) -> None:
    issue = tmp_path / "a.txt"
    (tmp_path / "a.toml").write_text(
        '[script]\nvariant = "s2hk"\nprotected = ["于方舟"]\noverrides = ["征程 = 征程"]\n', "utf-8"
    )
    base = ScriptConfig(variant="s2tw", protected=("范仲淹",))
    script = load_sidecar(issue).script(base)
    assert script.variant == "s2hk"
    assert script.protected == ("范仲淹", "于方舟")
    assert ("征程", "征程") in script.overrides


def test_project_script_and_editions(tmp_path: Path) -> None:
    (tmp_path / "publish.toml").write_text(
        '[build]\neditions = ["zh-Hant"]\n[script]\nvariant = "s2twp"\nstrict = true\n', "utf-8"
    )
    config = load_config(tmp_path)
    assert config.build.editions == ("zh-Hant",)
    assert (config.script.variant, config.script.strict) == ("s2twp", True)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[meta]\nmagazine = "x"\n', "unknown key"),
        ('[meta]\nyear = "2024"\n', "integer"),
        ("[meta]\ntitle = 5\n", "string"),
        ('title = "x"\n', "unknown key"),
        ('[meta]\ntitle = "\\ud800"\n', "invalid TOML"),
    ],
)
def test_invalid_sidecar(tmp_path: Path, body: str, message: str) -> None:
    issue = tmp_path / "a.txt"
    (tmp_path / "a.toml").write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message):
        load_sidecar(issue)
