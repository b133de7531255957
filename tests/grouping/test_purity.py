"""The engine is plain Python: importing all of it loads no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import samrad.grouping

SCRIPT = """
import sys
import samrad.grouping, samrad.grouping.cli, samrad.grouping.export, samrad.grouping.rebalance
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(bad))
"""


def test_importing_the_engine_loads_no_django() -> None:
    src = str(Path(samrad.grouping.__file__).resolve().parents[2])
    env = {"PYTHONPATH": src, "PATH": ""}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
