"""Backups: verified copies, when they are taken, listing, thinning on disk, restore."""

import sqlite3
from datetime import datetime, timedelta

import pytest

from domain.model import Customer, Fact
from domain.retention import to_keep
from storage import backups, customers, migrations, records, restore
from storage.backups import BackupError
from storage.db import (
    APPLICATION_ID,
    NotebookError,
    close_notebook,
    open_notebook,
    sqlite_connection,
)

NOW = datetime(2026, 11, 23, 18, 0, 0)


def person(name: str) -> Customer:
    return Customer(given_name=name, family_name="Shaw", emails=[f"{name.lower()}@example.com"],
                    facts=[Fact("interest", "orchids")], notes=f"{name} prefers mornings.")


def names_in(path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT given_name FROM customer ORDER BY id")]
    finally:
        con.close()


def everyone() -> list[Customer]:
    return records.load_customers()


def test_backup_now_writes_a_verified_private_copy(notebook):
    customers.save_customer(person("Peggy"))
    path = backups.backup_now("manual", NOW)
    assert path.parent == notebook.path.parent / "test-backups"
    assert path.name == "test_2026-11-23_180000_manual.rapport"
    assert names_in(path) == ["Peggy"]
    assert backups.verify_backup(path) == migrations.LATEST
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no .part, no -journal


def test_two_backups_in_one_second_do_not_overwrite(notebook):
    first = backups.backup_now("manual", NOW)
    second = backups.backup_now("manual", NOW)
    assert first != second and first.exists() and second.exists()
    listed = backups.list_backups(notebook.path)
    assert [b.path for b in listed] == [second, first]


def test_list_backups_gives_date_size_and_reason(notebook):
    backups.backup_now("daily", NOW - timedelta(days=2))
    backups.backup_now("Before Import!", NOW)
    (notebook.path.parent / "test-backups" / "holiday.jpg").write_bytes(b"not ours")
    listed = backups.list_backups(notebook.path)
    assert [(b.taken, b.reason) for b in listed] == [
        (NOW, "before-import"), (NOW - timedelta(days=2), "daily")]
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)


def test_backup_on_open_is_daily(notebook):
    assert backups.maybe_backup_on_open(NOW) is not None
    assert backups.maybe_backup_on_open(NOW + timedelta(hours=23)) is None
    assert backups.maybe_backup_on_open(NOW + timedelta(days=1)) is not None
    assert len(backups.list_backups(notebook.path)) == 2


def test_backup_on_open_when_the_newest_is_from_the_future(notebook):
    backups.backup_now("daily", NOW + timedelta(days=300))  # the clock was wrong back then
    assert backups.maybe_backup_on_open(NOW) is not None


def test_backup_on_close_only_after_changes(notebook):
    assert backups.backup_on_close_if_changed(NOW) is None
    customers.save_customer(person("Peggy"))
    path = backups.backup_on_close_if_changed(NOW)
    assert path is not None and names_in(path) == ["Peggy"]
    assert backups.backup_on_close_if_changed(NOW + timedelta(minutes=1)) is None


def test_changes_by_another_connection_count_too(notebook):
    other = sqlite3.connect(notebook.path)
    other.execute("UPDATE customer SET notes = 'x'")
    other.execute("INSERT INTO tag_setting (name, cadence_days) VALUES ('vip', 14)")
    other.commit()
    other.close()
    assert backups.backup_on_close_if_changed(NOW) is not None


def test_thinning_on_disk_follows_the_policy(notebook):
    stamps = [NOW - timedelta(hours=7 * i) for i in range(300)]
    folder = backups.backup_dir(notebook.path)
    for when in stamps:  # thinning reads names only: stand-ins are enough
        (folder / f"test_{when:%Y-%m-%d_%H%M%S}_daily.rapport").write_bytes(b"copy")
    gone = backups.thin(notebook.path, NOW)
    left = {b.taken for b in backups.list_backups(notebook.path)}
    assert left == to_keep(stamps, NOW)
    assert len(gone) == len(stamps) - len(left) > 200


def test_automatic_backups_thin_the_folder(notebook):
    for day in range(40):
        backups.backup_now("daily", NOW - timedelta(days=40 - day))
    backups.maybe_backup_on_open(NOW)
    assert len(backups.list_backups(notebook.path)) < 30


def test_restore_puts_back_the_backup_and_keeps_the_current_state(notebook):
    peggy = customers.save_customer(person("Peggy"))
    before = everyone()
    chosen = backups.backup_now("manual", NOW - timedelta(days=1))
    customers.save_customer(person("Arthur"))
    customers.delete_customer(peggy)
    safety = restore.restore(chosen)
    assert everyone() == before
    assert customers.search_ids("peggy") == [peggy]
    assert "before-restore" in safety.name and names_in(safety) == ["Arthur"]
    assert sqlite_connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sqlite_connection().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    close_notebook()
    open_notebook(notebook.path)
    assert everyone() == before


def test_restore_refuses_what_is_not_a_good_backup(notebook, tmp_path):
    customers.save_customer(person("Peggy"))
    junk = tmp_path / "junk.rapport"
    junk.write_bytes(b"\x00" * 4096)
    newer = backups.backup_now("manual", NOW)
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.close()
    for bad in (junk, newer):
        with pytest.raises(NotebookError):
            restore.restore(bad)
    assert [c.given_name for c in everyone()] == ["Peggy"]


def test_restore_into_a_read_only_notebook_is_refused(notebook):
    path = backups.backup_now("manual", NOW)
    open_notebook(notebook.path, read_only=True)
    with pytest.raises(NotebookError, match="read-only"):
        restore.restore(path)


def test_an_older_backup_is_migrated_after_restore(notebook, tmp_path):
    customers.save_customer(person("Peggy"))
    old = tmp_path / "old.rapport"
    con = sqlite3.connect(old)
    for statement in migrations._statements(migrations.SCHEMA.read_text(encoding="utf-8")):
        con.execute(statement)
    con.execute("INSERT INTO customer (given_name, created, updated) "
                "VALUES ('Vera', '2020-01-01T00:00:00', '2020-01-01T00:00:00')")
    con.execute("INSERT INTO customer_fts (rowid, name) VALUES (1, 'vera')")
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    restore.restore(old)
    assert [c.given_name for c in everyone()] == ["Vera"]
    assert sqlite_connection().execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST


def test_a_migration_takes_a_backup_first(tmp_path):
    if migrations.LATEST < 2:
        pytest.skip("only one schema version so far")
    path = tmp_path / "v1.rapport"
    con = sqlite3.connect(path)
    for statement in migrations._statements(migrations.SCHEMA.read_text(encoding="utf-8")):
        con.execute(statement)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.close()
    open_notebook(path)
    taken = backups.list_backups(path)
    close_notebook()
    assert [b.reason for b in taken] == [f"before-v{migrations.LATEST}"]
    assert backups.verify_backup(taken[0].path) == 1


def test_backups_go_to_the_data_folder_when_the_notebook_folder_is_read_only(
        notebook, monkeypatch, tmp_path):
    real_access = backups.os.access
    folder = notebook.path.parent
    monkeypatch.setattr(backups.os, "access",
                        lambda p, mode: False if p == folder else real_access(p, mode))
    path = backups.backup_now("manual", NOW)
    assert path.parent.parent == tmp_path / "userdata" / "backups"
    assert backups.list_backups(notebook.path)[0].path == path


def test_backup_without_an_open_notebook_says_so():
    close_notebook()
    with pytest.raises(NotebookError, match="No notebook is open"):
        backups.backup_now()


def test_a_backup_that_fails_to_write_leaves_nothing_behind(notebook, monkeypatch):
    def broken(source, tmp, check="integrity_check"):
        raise BackupError("simulated")

    monkeypatch.setattr(backups, "_copy_into", broken)
    with pytest.raises(BackupError):
        backups.backup_now("manual", NOW)
    assert list((notebook.path.parent / "test-backups").iterdir()) == []
