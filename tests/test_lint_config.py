"""The guard-rails stay in place: ruff's complexity limit and rule sets, mypy on core, pre-commit hooks that
download nothing, and CONTRIBUTING telling how to run them."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_limits_complexity_and_selects_sim_and_ruf():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert {"C90", "SIM", "RUF"} <= set(lint["select"])
    assert lint["mccabe"]["max-complexity"] == 15


def test_make_lint_type_checks_core_and_the_engines():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    paths = re.search(r"^MYPY_PATHS\s*=\s*(.+)$", makefile, re.M).group(1).split()
    assert {"src/samrad/core", "src/samrad/grouping", "src/samrad/synthesis"} <= set(paths)
    assert "$(BIN)/mypy $(MYPY_PATHS)" in makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]


def test_pre_commit_hooks_are_local():
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    repos = re.findall(r"^\s*-\s*repo:\s*(\S+)", config, re.M)
    assert repos == ["local"], "hooks must run the tools in .venv, never fetch their own"
    assert "id: ruff" in config and "id: mypy" in config
    assert "language: system" in config


def test_contributing_says_how_to_lint():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "make lint" in text and "pre-commit install" in text
