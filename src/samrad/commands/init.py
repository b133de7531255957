import datetime as dt
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from samrad.core.cli import console, fail


def help() -> str:
    return _("create or update a consultation from a consultation file (TOML)")


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar=_("FILE"), help=_("the consultation file, e.g. consultation.toml"))
    parser.add_argument("--no-migrate", action="store_true", help=_("do not update the database schema first"))
    parser.add_argument(
        "--allow-delete",
        action="store_true",
        help=_(
            "delete events (and rounds) that are no longer in the file even if they have registrations, groups or "
            "notes; a backup is made first"
        ),
    )


def run(args) -> int:
    from django.core.management import call_command

    from samrad.consultations.loader import LoadError, load_file
    from samrad.core.backupfile import BackupError

    if not args.no_migrate:
        call_command("migrate", verbosity=0, interactive=False)
    try:
        consultation, report = load_file(args.path, allow_delete=args.allow_delete, before_delete=_back_up)
    except LoadError as exc:
        return fail(exc.format())
    except BackupError as exc:
        return fail(_("Could not make a backup before deleting, so nothing was changed: %(error)s") % {"error": exc})
    verb = _("Created") if report.created else _("Updated")
    console.print(f"{verb}: {consultation.name} ({consultation.slug})", markup=False)
    parts = [f"{name.replace('_', ' ')}: {count}" for name, count in report.counts.items()]
    console.print("  " + ", ".join(parts), markup=False)
    for name, slugs in report.removed.items():
        if slugs:
            console.print(
                "  " + _("Removed %(what)s: %(slugs)s") % {"what": name, "slugs": ", ".join(slugs)}, markup=False
            )
    for problem in report.warnings:
        sys.stderr.write(_("Warning: %(problem)s") % {"problem": problem.format(args.path)} + "\n")
    return 0


def _back_up(removals) -> None:
    """List what is about to be deleted and keep a backup of everything first (raises BackupError)."""
    from django.conf import settings
    from django.db import connection

    from samrad import __version__
    from samrad.core.backupfile import create_backup

    console.print(_("Deleting, as --allow-delete says:"), markup=False)
    for removal in removals:
        console.print("  " + removal.describe(), markup=False)
    folder = Path(settings.VAR_DIR) / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"samrad-backup-{dt.datetime.now():%Y%m%d-%H%M%S-%f}-before-init.tar.gz"
    create_backup(out, connection=connection, media_root=Path(settings.MEDIA_ROOT), version=__version__)
    console.print(
        _("Backup of everything before the deletion: %(path)s (restore it with samrad restore).") % {"path": out},
        markup=False,
    )
