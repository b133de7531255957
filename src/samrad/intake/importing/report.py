"""The import report as plain text lines (the command line); the staff page renders the same Report."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .run import Report


def describe_file(report: Report) -> str:
    table = report.table
    parts = [report.file_name]
    if table is not None:
        if table.kind == "xlsx":
            parts.append("Excel (.xlsx)")
        else:
            separator = {";": _("semicolon"), ",": _("comma"), "\t": _("tab")}.get(table.delimiter, table.delimiter)
            parts.append(f"{table.encoding}, {separator}")
    parts.append(f"SHA-256 {report.sha256[:16]}…")
    return " · ".join(parts)


def lines(report: Report) -> list[str]:
    out = [_("File: %(file)s") % {"file": describe_file(report)}]
    if report.table is not None:
        out.append(
            _("%(rows)d rows read, %(empty)d of them empty or without answers; %(records)d rows can be imported.")
            % {"rows": report.rows, "empty": report.empty_rows, "records": report.records}
        )
    if report.mapping is not None:
        counts = {"new": report.new, "existing": report.existing}
        if report.dry_run or report.errors:
            out.append(_("Contributions: %(new)d would be added, %(existing)d already imported.") % counts)
        else:
            out.append(_("Contributions: %(new)d added, %(existing)d already imported.") % counts)
    if report.problems:
        out.append("")
        errors = ngettext("%(n)d error", "%(n)d errors", len(report.errors)) % {"n": len(report.errors)}
        warnings = ngettext("%(n)d warning", "%(n)d warnings", len(report.warnings)) % {"n": len(report.warnings)}
        out.append(_("Problems: %(errors)s, %(warnings)s.") % {"errors": errors, "warnings": warnings})
        for p in report.problems:
            where = []
            if p.row:
                where.append(_("row %(row)d") % {"row": p.row})
            if p.column:
                where.append(_("column “%(column)s”") % {"column": p.column})
            label = _("error") if p.error else _("warning")
            prefix = f"  {label}" + (f" ({', '.join(where)})" if where else "")
            out.append(f"{prefix}: {p.message}")
            if p.suggestion:
                out.append(f"      → {p.suggestion}")
    if report.suggested_mapping:
        out.append("")
        out.append(_("A mapping to start from (check every line, save it as a file and use --mapping):"))
        out.append(report.suggested_mapping.rstrip())
    out.append("")
    if report.imported:
        out.append(
            _("Imported in one transaction. The file is archived as %(path)s.") % {"path": report.batch.archive_path}
        )
    elif report.dry_run and not report.errors:
        out.append(_("Dry run: nothing was imported. Run again without --dry-run to import."))
    elif report.undecided:
        out.append(
            _(
                "Nothing was imported. Make the decisions asked for above (--duplicates, --accept-multiline) and "
                "run again."
            )
        )
    else:
        out.append(_("Nothing was imported. Correct the errors (in the file or the mapping) and run again."))
    return out
