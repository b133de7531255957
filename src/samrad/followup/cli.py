"""`samrad followup …`: the follow-up's commands.

samrad followup import-places FILE --consultation SLUG [--dry-run] [--invented]
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samrad.core.cli import console, fail, get_consultation


def help() -> str:
    return _("follow-up: import cultural meeting places for the participation map")


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    places = sub.add_parser(
        "import-places",
        help=_("import cultural meeting places from a CSV file (replaces the places already imported)"),
        description=_(
            "Import cultural meeting places from a CSV file: name, kind, address, latitude, longitude, municipality. "
            "All or nothing: if a row cannot be placed, nothing is imported and every such row is listed."
        ),
    )
    places.add_argument("file", metavar=_("FILE"), help=_("the CSV file"))
    places.add_argument("--consultation", required=True, metavar="SLUG", help=_("the consultation, e.g. orebro-2022"))
    places.add_argument("--dry-run", action="store_true", help=_("only check the file, change nothing"))
    places.add_argument("--invented", action="store_true", help=_("mark the places as invented (an example)"))


def run(args) -> int:

    from .places import import_places

    consultation = get_consultation(args.consultation)
    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return fail(_("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror or exc})
    report = import_places(consultation, raw, path.name, dry_run=args.dry_run, invented=args.invented)
    if not report.ok:
        lines = [
            ngettext(
                "%(file)s was not imported (%(count)d problem). Nothing was changed.",
                "%(file)s was not imported (%(count)d problems). Nothing was changed.",
                len(report.errors),
            )
            % {"file": path.name, "count": len(report.errors)}
        ]
        return fail("\n".join(lines + ["  " + line for line in report.lines()]))
    for line in report.lines():
        console.print("  " + line, markup=False)
    if args.dry_run:
        console.print(
            _("%(file)s is fine: %(count)d places can be imported (dry run, nothing changed).")
            % {"file": path.name, "count": len(report.rows)},
            markup=False,
        )
    else:
        console.print(
            _("Imported %(count)d places into %(slug)s (replacing %(old)d).")
            % {"count": report.imported, "slug": consultation.slug, "old": report.replaced},
            markup=False,
        )
    return 0
