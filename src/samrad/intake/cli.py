"""`samrad import FILE --consultation SLUG [--mapping MAP.toml] [--dry-run] [--duplicates WHAT] [--accept-multiline]`"""

import getpass
from pathlib import Path

from django.utils.translation import gettext as _

from samrad.core.cli import console, fail, get_consultation


def help() -> str:
    return _("import answers from a survey tool's export (CSV or XLSX) as contributions")


def add_arguments(parser) -> None:
    from .importing.mapping import DUPLICATES

    parser.add_argument("file", metavar=_("FILE"), help=_("the export: .csv (UTF-8 or Windows-1252, ; or ,) or .xlsx"))
    parser.add_argument("--consultation", required=True, metavar="SLUG", help=_("the consultation's slug"))
    parser.add_argument("--mapping", metavar="MAP.toml", help=_("which column holds what (see docs/organisers.md)"))
    parser.add_argument("--dry-run", action="store_true", help=_("check and report only; import nothing"))
    parser.add_argument(
        "--duplicates",
        choices=DUPLICATES,
        help=_("what to do with rows that repeat a respondent id: keep the first, keep all, or refuse the file"),
    )
    parser.add_argument(
        "--accept-multiline",
        action="store_true",
        help=_("confirm that cells over many lines, reported as possibly swallowed rows, are right"),
    )


def run(args) -> int:

    from .importing import run_import
    from .importing.report import lines

    consultation = get_consultation(args.consultation)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return fail(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror or exc})
    mapping_text = ""
    if args.mapping:
        try:
            mapping_text = Path(args.mapping).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            return fail(_("Cannot read the mapping %(path)s: %(error)s") % {"path": args.mapping, "error": exc})
    report = run_import(
        consultation,
        data,
        path.name,
        mapping_text,
        dry_run=args.dry_run,
        actor_label=f"cli:{_user()}",
        duplicates=args.duplicates or "",
        accept_multiline=args.accept_multiline,
    )
    for line in lines(report):
        console.print(line, markup=False)
    return 2 if report.errors else 0


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"
