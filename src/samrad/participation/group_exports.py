"""Breakout-room files for a round: Zoom's pre-assignment CSV and a plain CSV for Teams; a PDF of the lists.

Zoom pre-assigns by the e-mail of a person's Zoom account, so members without an e-mail cannot be in the
file; they are returned as `missing` and shown to staff. Cells go through safe_cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from samrad.core.spreadsheet import safe_row

from .groupview import RoundView

ZOOM_HEADER = ["Pre-assign Room Name", "Email Address"]  # exactly what Zoom's import expects


def _csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(safe_row(row))
    return out.getvalue()


def _rows(view: RoundView, with_name: bool):
    rows, missing = [], []
    for g in view.groups:
        for m in g.members:
            if m.absent:
                continue
            if not m.email:
                missing.append(m.name)
                continue
            rows.append([g.label, m.name, m.email] if with_name else [g.label, m.email])
    return rows, missing


def zoom_csv(view: RoundView) -> tuple[str, list[str]]:
    rows, missing = _rows(view, with_name=False)
    return _csv([ZOOM_HEADER, *rows]), missing


def teams_csv(view: RoundView) -> tuple[str, list[str]]:
    rows, missing = _rows(view, with_name=True)
    return _csv([[_("Room"), _("Name"), _("E-mail")], *rows]), missing


def groups_csv(views: list[RoundView]) -> str:
    """One row per member and round, without e-mail addresses (for the terminal and spreadsheets)."""
    rows = [[_("Round"), _("Group"), _("Name"), _("Culture area"), _("Municipality"), _("Role"), _("Status")]]
    for view in views:
        for g in view.groups:
            for m in g.members:
                rows.append([view.round.number, g.label, m.name, m.area, m.municipality, m.role, m.status_label])
    return _csv(rows)


def lists_pdf(context: dict) -> bytes:
    """The printable lists as PDF (WeasyPrint), styles inlined so that nothing is fetched."""
    from weasyprint import HTML

    css_path = finders.find("participation/print.css")
    context = {**context, "inline_css": Path(css_path).read_text(encoding="utf-8") if css_path else ""}
    html = render_to_string("participation/staff/groups_pdf.html", context)
    return HTML(string=html).write_pdf()
