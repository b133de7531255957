"""One backup file: the database and the uploaded files (MEDIA_ROOT), with a manifest.

    samrad-backup-20240101-120000.tar.gz
      manifest.json        format, samrad version, engine, applied migrations, SHA-256 of every member
      database.pgdump      PostgreSQL: pg_dump --format=custom (exact: schema, sequences, triggers)
      database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
      database.json        portable (--portable, or PostgreSQL without pg_dump): Django's dumpdata
      media/…              uploaded files

Native dumps are the default because they are exact and fast, and they are what an IT department already
knows how to handle; the JSON dump is slower but moves between SQLite and PostgreSQL.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = 1
EXCLUDE_FROM_JSON = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """A problem the user can fix; the message says how."""


@dataclass
class Manifest:
    data: dict

    @property
    def engine(self) -> str:
        return self.data["engine"]

    @property
    def database_member(self) -> str:
        return self.data["database"]


def vendor_of(db: dict) -> str:
    engine = db["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(_("samrad can back up SQLite and PostgreSQL databases, not %(engine)s.") % {"engine": engine})


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


def pg_tool(name: str) -> str | None:
    return shutil.which(name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations(connection) -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def dump_database(db: dict, connection, target_dir: Path, *, portable: bool) -> tuple[str, str]:
    """Write the database into target_dir; returns (engine, member name)."""
    vendor = vendor_of(db)
    if vendor == "postgresql" and not portable and pg_tool("pg_dump"):
        out = target_dir / "database.pgdump"
        done = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(out)],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(_("pg_dump failed: %(error)s") % {"error": done.stderr.strip()})
        return "postgresql", out.name
    if vendor == "sqlite" and not portable:
        out = target_dir / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(out)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return "sqlite", out.name
    from django.core.management import call_command

    out = target_dir / "database.json"
    call_command(
        "dumpdata",
        exclude=EXCLUDE_FROM_JSON,
        natural_foreign=True,
        output=str(out),
        database=connection.alias,
        verbosity=0,
    )
    return "json", out.name


def create_backup(out: Path, *, connection, media_root: Path, portable: bool = False, version: str = "") -> Manifest:
    out = Path(out)
    if out.exists():
        raise BackupError(_("%(path)s already exists. Choose another name with --out.") % {"path": out})
    with tempfile.TemporaryDirectory(prefix="samrad-backup-") as tmp:
        tmp_dir = Path(tmp)
        engine, member = dump_database(connection.settings_dict, connection, tmp_dir, portable=portable)
        media_files = sorted(p for p in Path(media_root).rglob("*") if p.is_file()) if Path(media_root).is_dir() else []
        sha256 = {member: _sha256(tmp_dir / member)}
        for path in media_files:
            sha256["media/" + path.relative_to(media_root).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "samrad": version,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": member,
            "migrations": applied_migrations(connection),
            "media_files": len(media_files),
            "sha256": sha256,
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            raw = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(raw), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(raw))
            tar.add(tmp_dir / member, arcname=member)
            for path in media_files:
                tar.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
        os.chmod(partial, 0o600)  # personal data inside: readable by the owner only
        partial.rename(out)
    return Manifest(manifest)


def read_manifest(path: Path) -> Manifest:
    try:
        with tarfile.open(path, "r:*") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            data = json.loads(member.read())
    except FileNotFoundError:
        raise BackupError(_("%(path)s does not exist.") % {"path": path}) from None
    except (tarfile.TarError, KeyError, json.JSONDecodeError, OSError):
        raise BackupError(_("%(path)s is not a samrad backup (no readable manifest.json).") % {"path": path}) from None
    if data.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s has backup format %(format)s; this samrad reads format %(expected)s.")
            % {"path": path, "format": data.get("format"), "expected": FORMAT}
        )
    return Manifest(data)


def check_compatible(manifest: Manifest, db: dict) -> None:
    """The backup must fit the target database and must not be newer than this samrad."""
    vendor = vendor_of(db)
    if manifest.engine in ("postgresql", "sqlite") and manifest.engine != vendor:
        raise BackupError(
            _(
                "This backup is of a %(engine)s database and cannot be restored into %(target)s. Make a portable "
                "backup (samrad backup --portable) to move between SQLite and PostgreSQL."
            )
            % {"engine": manifest.engine, "target": vendor}
        )
    if manifest.engine == "postgresql" and not pg_tool("pg_restore"):
        raise BackupError(_("pg_restore is needed to restore this backup: install the PostgreSQL client tools."))
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.data["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            _("This backup comes from a newer samrad (unknown migrations: %(names)s). Upgrade samrad first.")
            % {"names": ", ".join(unknown[:5])}
        )


def _extract_verified(tar: tarfile.TarFile, manifest: Manifest, into: Path) -> None:
    expected = manifest.data["sha256"]
    names = [m.name for m in tar.getmembers() if m.isfile() and m.name != "manifest.json"]
    if sorted(names) != sorted(expected):
        raise BackupError(_("The backup is incomplete or has unexpected files; it was not restored."))
    tar.extractall(into, members=[m for m in tar.getmembers() if m.name in expected], filter="data")
    for name, digest in expected.items():
        if _sha256(into / name) != digest:
            raise BackupError(
                _("%(name)s in the backup is damaged (checksum differs); nothing was restored.") % {"name": name}
            )


def restore_backup(path: Path, *, connection, media_root: Path) -> Manifest:
    """Replace the database behind `connection` and the files in media_root with the backup's."""
    manifest = read_manifest(path)
    db = connection.settings_dict
    check_compatible(manifest, db)
    with tempfile.TemporaryDirectory(prefix="samrad-restore-") as tmp:
        tmp_dir = Path(tmp)
        with tarfile.open(path, "r:*") as tar:
            _extract_verified(tar, manifest, tmp_dir)
        _restore_database(manifest, tmp_dir / manifest.database_member, connection)
        _restore_media(tmp_dir / "media", Path(media_root))
    return manifest


def _restore_database(manifest: Manifest, file: Path, connection) -> None:
    db = connection.settings_dict
    if manifest.engine == "postgresql":
        connection.close()
        done = subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                db["NAME"],
                str(file),
            ],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(
                _("pg_restore failed; the database is unchanged: %(error)s") % {"error": done.stderr.strip()}
            )
    elif manifest.engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        from django.core.management import call_command

        call_command("migrate", database=connection.alias, verbosity=0, interactive=False)
        call_command("flush", database=connection.alias, verbosity=0, interactive=False)
        call_command("loaddata", str(file), database=connection.alias, verbosity=0)


def _restore_media(source: Path, media_root: Path) -> None:
    if media_root.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{stamp}"))
    media_root.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, media_root)
    else:
        media_root.mkdir()
