import datetime as dt
from pathlib import Path

from django.utils.translation import gettext as _

from samrad.core.cli import console, fail


def help() -> str:
    return _("back up the database and uploaded files into one file")


def add_arguments(parser) -> None:
    parser.add_argument(
        "--out", metavar=_("FILE"), help=_("where to write it (default: samrad-backup-DATE-TIME.tar.gz here)")
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help=_("a JSON dump instead of the database's own format (slower; moves between SQLite and PostgreSQL)"),
    )


def run(args) -> int:
    from django.conf import settings
    from django.db import connection

    from samrad import __version__
    from samrad.core.backupfile import BackupError, create_backup

    out = Path(args.out or f"samrad-backup-{dt.datetime.now():%Y%m%d-%H%M%S}.tar.gz")
    try:
        with console.status(_("Backing up …")):
            manifest = create_backup(
                out,
                connection=connection,
                media_root=Path(settings.MEDIA_ROOT),
                portable=args.portable,
                version=__version__,
            )
    except BackupError as exc:
        return fail(str(exc))
    console.print(
        _(
            "Backup written to %(path)s (%(engine)s database, %(files)d uploaded files). It holds personal data: "
            "keep it as safe as the database."
        )
        % {"path": out, "engine": manifest.engine, "files": manifest.data["media_files"]},
        markup=False,
    )
    return 0
