"""samrad backup / restore: a round trip into a fresh database gives the same rows in every table, and the
same uploaded files. On SQLite (the online backup API) and on PostgreSQL (pg_dump/pg_restore into a second
database)."""

import datetime as dt
import io
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.utils import load_backend

from samrad.audit.log import record
from samrad.core.backupfile import BackupError, create_backup, read_manifest, restore_backup
from tests.ops.people import contribute, participant, run_cli, with_role

pytestmark = pytest.mark.django_db(transaction=True)


def _fill(consultation, media_root: Path):
    admin = with_role("admin", consultation, "administrator")
    person = participant(consultation, "Märta Ståhl", "marta@example.org")
    contribute(consultation, "Kulturskolan behöver fler lärare i Hällefors.\nOch lokaler!", participant=person)
    record("test.backup", actor=admin, consultation=consultation, note="åäö ✓")
    (media_root / "uploads").mkdir(parents=True, exist_ok=True)
    (media_root / "uploads" / "bilaga.txt").write_text("en uppladdad fil", encoding="utf-8")


def _tables():
    return sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})


def _rows(cursor, table):
    cursor.execute(f'SELECT * FROM "{table}"')
    return sorted(cursor.fetchall(), key=repr)


def _connection_to(name: str):
    """A second Django connection to another database on the same server (or another SQLite file)."""
    settings_dict = {**connection.settings_dict, "NAME": name}
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "restore-target")


def _assert_same(source, target):
    with source.cursor() as a, target.cursor() as b:
        for table in _tables():
            assert _rows(a, table) == _rows(b, table), table


def _to_ms(tables):
    def cell(value):
        if isinstance(value, dt.datetime):
            return value.replace(microsecond=value.microsecond // 1000 * 1000)
        return value

    return {table: sorted((tuple(cell(v) for v in row) for row in rows), key=repr) for table, rows in tables.items()}


def _media_files(root: Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite round trip")
def test_sqlite_round_trip(example_plan, settings, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    _fill(example_plan, media)
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive, connection=connection, media_root=media)
    assert manifest.engine == "sqlite" and manifest.data["media_files"] == 2  # the logo and the upload
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    target_file = tmp_path / "restored.sqlite3"
    sqlite3.connect(target_file).close()
    target = _connection_to(str(target_file))
    restored_media = tmp_path / "restored-media"
    try:
        restore_backup(archive, connection=target, media_root=restored_media)
        _assert_same(connection, target)
    finally:
        target.close()
    assert _media_files(restored_media) == _media_files(media)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL round trip")
def test_postgresql_round_trip(example_plan, settings, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    _fill(example_plan, media)
    archive = tmp_path / "backup.tar.gz"
    assert create_backup(archive, connection=connection, media_root=media).engine == "postgresql"

    name = f"{connection.settings_dict['NAME']}_restore"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    target = _connection_to(name)
    try:
        restore_backup(archive, connection=target, media_root=tmp_path / "restored-media")
        _assert_same(connection, target)
        # The append-only trigger came along with the schema.
        with target.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'samrad_audit_append_only'")
            assert cursor.fetchone()[0] == 1
    finally:
        target.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert _media_files(tmp_path / "restored-media") == _media_files(media)


def test_portable_backup_restores_through_the_command(example_plan, settings, tmp_path, capsys, monkeypatch):
    """The JSON dump, restored with `samrad restore` into the (emptied) database it came from."""
    media = Path(settings.MEDIA_ROOT)
    _fill(example_plan, media)
    archive = tmp_path / "portable.tar.gz"
    code, out, err = run_cli(capsys, "backup", "--portable", "--out", str(archive))
    assert code == 0, err
    assert "json" in out and read_manifest(archive).engine == "json"
    with connection.cursor() as cursor:
        # Content types and permissions are not in the portable dump: migrate recreates them (other ids).
        derived = {"django_session", "django_content_type", "auth_permission"}
        before = {table: _rows(cursor, table) for table in _tables() if table not in derived}

    code, _, err = run_cli(capsys, "restore", str(archive))  # no terminal: asks for --yes
    assert code == 2 and "--yes" in err
    code, out, err = run_cli(capsys, "restore", str(archive), "--yes")
    assert code == 0, err
    with connection.cursor() as cursor:
        after = {table: _rows(cursor, table) for table in before}
    after["audit_auditevent"] = [row for row in after["audit_auditevent"] if "ops.restored" not in row]
    # Django's JSON keeps times to the millisecond (documented in docs/operations.md, Deployment), and
    # many-to-many links are re-created with new row ids.
    links = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.auto_created}
    for tables in (before, after):
        for table in links & set(tables):
            tables[table] = sorted((row[1:] for row in tables[table]), key=repr)
    assert _to_ms(after) == _to_ms(before)
    assert _media_files(media) == {
        "logos/orebro-2022.svg": (media / "logos/orebro-2022.svg").read_bytes(),
        "uploads/bilaga.txt": b"en uppladdad fil",
    }
    assert list(media.parent.glob("media.before-restore-*"))  # the old files are kept aside


def test_a_damaged_backup_is_refused(example_plan, settings, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=media, portable=True)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "database.json":
                data = data.replace(b"Dialoger", b"Dialogar")
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(BackupError, match="kontrollsumman"):
        restore_backup(damaged, connection=connection, media_root=tmp_path / "m")
    not_a_backup = tmp_path / "anteckningar.txt"
    not_a_backup.write_text("hej")
    with pytest.raises(BackupError, match="ingen säkerhetskopia"):
        read_manifest(not_a_backup)
