"""The bench scripts are run by hand from bench/; their helper modules are imported from there."""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.append(str(BENCH))  # appended: bench/ holds modules named like packages (intake, synthesis)
