import sys
from pathlib import Path

from django.utils.translation import gettext as _

from samrad.core.cli import console, fail


def help() -> str:
    return _("replace the database and uploaded files with those in a backup file")


def add_arguments(parser) -> None:
    parser.add_argument("file", metavar=_("FILE"), help=_("a file made by samrad backup"))
    parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))


def run(args) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from samrad.audit.log import record
    from samrad.core.backupfile import BackupError, check_compatible, read_manifest, restore_backup

    path = Path(args.file)
    try:
        manifest = read_manifest(path)
        check_compatible(manifest, connection.settings_dict)
    except BackupError as exc:
        return fail(str(exc))
    console.print(
        _("Backup of %(when)s: %(engine)s database, %(files)d uploaded files.")
        % {"when": manifest.data["created_at"], "engine": manifest.engine, "files": manifest.data["media_files"]},
        markup=False,
    )
    if not args.yes:
        if not sys.stdin.isatty():
            return fail(
                _("Restoring replaces everything in the database %(name)s. Add --yes to go ahead.")
                % {"name": connection.settings_dict["NAME"]}
            )
        answer = input(
            _(
                "This replaces everything in the database %(name)s and in %(media)s. Stop the web service first. "
                "Type yes to go ahead: "
            )
            % {"name": connection.settings_dict["NAME"], "media": settings.MEDIA_ROOT}
        )
        if answer.strip().lower() not in {"yes", "ja"}:
            console.print(_("Nothing was restored."), markup=False)
            return 1
    try:
        with console.status(_("Restoring …")):
            restore_backup(path, connection=connection, media_root=Path(settings.MEDIA_ROOT))
            call_command(
                "migrate", verbosity=0, interactive=False
            )  # a backup from an older samrad is brought up to date
    except BackupError as exc:
        return fail(str(exc))
    record("ops.restored", label="samrad restore", backup=path.name, created_at=manifest.data["created_at"])
    console.print(_("Restored from %(path)s. Start the web service again.") % {"path": path}, markup=False)
    return 0
