"""Configuration: defaults, publish.toml, sidecars; unknown keys and wrong types are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.config import load_config, load_sidecar
from publish.errors import ConfigError


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
    meta = load_sidecar(issue)
    assert meta is not None
    assert (meta.title, meta.year) == ("示例刊物", 2024)


def test_no_sidecar(tmp_path: Path) -> None:
    assert load_sidecar(tmp_path / "a.txt") is None


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
