"""docs/cli.md is generated from the parsers; it must match them (as datasette checks its docs with cog)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date():
    script = _script()
    expected = script.render()
    current = script.TARGET.read_text(encoding="utf-8")
    assert current == expected, f"docs/cli.md is stale: run `{script.COMMAND}` and commit the result"


def test_reference_lists_every_command_and_nested_action():
    from samrad.cli import COMMANDS

    text = _script().render()
    for name in COMMANDS:
        assert f"## `samrad {name}`" in text
    assert "### `samrad followup import-places`" in text
    # The pass-through commands show the engine's options, not a bare "argv".
    assert "--gold-label" in text and "--max-themes" in text
