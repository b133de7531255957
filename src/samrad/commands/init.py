from django.utils.translation import gettext as _

from samrad.core.cli import console, fail


def help() -> str:
    return _("create or update a consultation from a consultation file (TOML)")


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar=_("FILE"), help=_("the consultation file, e.g. consultation.toml"))
    parser.add_argument("--no-migrate", action="store_true", help=_("do not update the database schema first"))


def run(args) -> int:
    from django.core.management import call_command

    from samrad.consultations.loader import LoadError, load_file

    if not args.no_migrate:
        call_command("migrate", verbosity=0, interactive=False)
    try:
        consultation, report = load_file(args.path)
    except LoadError as exc:
        return fail(exc.format())
    verb = _("Created") if report.created else _("Updated")
    console.print(f"{verb}: {consultation.name} ({consultation.slug})", markup=False)
    parts = [f"{name.replace('_', ' ')}: {count}" for name, count in report.counts.items()]
    console.print("  " + ", ".join(parts), markup=False)
    for name, slugs in report.removed.items():
        if slugs:
            console.print(
                "  " + _("Removed %(what)s: %(slugs)s") % {"what": name, "slugs": ", ".join(slugs)}, markup=False
            )
    return 0
