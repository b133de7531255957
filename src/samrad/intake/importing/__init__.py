"""Importing answers collected in other tools (CSV, XLSX) as contributions.

from samrad.intake.importing import run_import
report = run_import(consultation, data, "export.csv", mapping_text, dry_run=True)
"""

from .run import Report, run_import

__all__ = ["Report", "run_import"]
