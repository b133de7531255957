"""Registration lists as CSV and XLSX. Every cell goes through safe_cell (no formula injection)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from samrad.core.spreadsheet import safe_row


def registration_table(registrations) -> tuple[list[str], list[list]]:
    header = [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Role"),
        _("Municipality"),
        _("Culture area"),
        _("Status"),
        _("Accessibility or other needs"),
        _("Source"),
        _("Registered"),
        _("Consent given"),
        _("Consent text version"),
    ]
    rows = []
    for r in registrations:
        p = r.participant
        rows.append(
            [
                p.name,
                p.email,
                p.organisation,
                p.role_category.name if p.role_category else "",
                p.municipality.name if p.municipality else "",
                r.area.name if r.area else "",
                r.get_status_display(),
                r.needs,
                r.get_source_display(),
                _local(r.created_at),
                _local(r.consent_at),
                r.consent.version[:12] if r.consent else "",
            ]
        )
    return header, rows


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def as_csv(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with BOM so that Excel opens Swedish letters correctly; semicolon-free RFC 4180 commas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(header: list[str], rows: list[list], title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31] or "Sheet"
    ws.append(safe_row(header))
    for row in rows:
        # openpyxl stores a str as text, never as a formula, once it no longer starts with "=".
        ws.append(safe_row(row))
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
