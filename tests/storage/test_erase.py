"""Erasing a customer completely: a preview first, then nothing left in the file."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from domain.dates import PartialDate
from domain.model import (
    Address,
    Customer,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
)
from storage import backup_parts, backups, customers, migrations, timeline
from storage.check import check_file
from storage.customers import NotFound
from storage.db import APPLICATION_ID, db
from storage.erase import BackupsErased, erase_customer, erase_from_backups, erase_preview

MARKER = "Quixbrantle"  # a word found nowhere else


def add_marked(filler: int = 0) -> int:
    cid = customers.save_customer(Customer(
        given_name="Wilhelmina", family_name=MARKER, company=f"{MARKER} Ltd",
        emails=[f"{MARKER.lower()}@example.com"], phones=["+15035550101"],
        addresses=[Address(f"1 {MARKER} Way", "Bend", mailing=True)],
        tags=["vip"], notes=f"{MARKER} notes " * 20,
        facts=[Fact("pet", f"{MARKER} the cat")],
        milestones=[Milestone("birthday", PartialDate(3, 14))]))
    timeline.add(cid, Interaction(date(2026, 1, 2), "call", f"{MARKER} called"))
    timeline.add(cid, Interaction(date(2026, 2, 2), "visit"))
    timeline.add(cid, Purchase(date(2026, 1, 3), Decimal("12.50"), f"{MARKER} vase"))
    timeline.add(cid, Promise(date(2026, 1, 3), datetime(2026, 1, 9, 10), "Call back"))
    timeline.add(cid, Problem(date(2026, 1, 4), "Chipped", updates=[
        ProblemUpdate(date(2026, 1, 5), f"{MARKER} replaced it")]))
    db.execute_sql("INSERT INTO card (customer_id, occasion, text) VALUES (?, 'thanks', ?)",
                   (cid, f"Dear {MARKER}"))
    db.execute_sql("INSERT INTO photo (customer_id, data) VALUES (?, ?)", (cid, b"\xff\xd8jpg"))
    return cid


def test_preview_counts_what_will_go(notebook):
    cid = add_marked()
    friend = customers.save_customer(Customer(given_name="Fred", referred_by=cid))
    preview = erase_preview(cid)
    assert preview.name == f"Wilhelmina {MARKER}"
    assert preview.lines() == [
        "1 email address", "1 phone number", "1 postal address", "1 tag", "1 personal detail",
        "1 milestone", "2 interactions", "1 purchase", "1 promise", "1 problem",
        "1 problem update", "1 card", "1 photo"]
    assert preview.referrals == 1
    assert "2 interactions" in preview.message() and "cannot be undone" in preview.message()
    assert "1 customer they referred" in preview.message()
    assert customers.get_customer(friend).referred_by == cid  # a preview changes nothing


def test_erase_removes_everything_and_leaves_others(notebook):
    keep = customers.save_customer(Customer(given_name="Keep", family_name="Me",
                                            notes="unrelated"))
    cid = add_marked()
    friend = customers.save_customer(Customer(given_name="Fred", referred_by=cid))
    removed = erase_customer(cid)
    assert removed.counts["interaction"] == 2 and removed.checkpointed
    with pytest.raises(NotFound):
        customers.get_customer(cid)
    assert customers.search_ids(MARKER) == []
    assert customers.search_ids("unrelated") == [keep]
    assert customers.get_customer(friend).referred_by is None
    for table in ("email", "phone", "address", "tag", "fact", "milestone", "interaction",
                  "purchase", "promise", "problem", "card", "photo"):
        count = db.execute_sql(f"SELECT count(*) FROM {table} WHERE customer_id = ?", (cid,))
        assert count.fetchone()[0] == 0, table
    assert db.execute_sql("SELECT count(*) FROM problem_update").fetchone()[0] == 0


def test_no_trace_left_in_the_file(notebook):
    for n in range(30):  # others around, so pages are shared and reused
        customers.save_customer(Customer(given_name=f"Other{n}", notes="filler " * 50))
    cid = add_marked()
    path = Path(notebook.path)
    # Debian builds SQLite with secure_delete on by default; others do not. Start from off.
    db.execute_sql("PRAGMA secure_delete = OFF")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _traces(path)  # the check can see it while it is there
    erase_customer(cid)
    assert _traces(path) == []
    assert Path(str(path) + "-wal").stat().st_size == 0


def test_the_log_forgets_them_too(notebook, tmp_path):
    """A failure's message may have named them: the owner-only log is cleaned as well."""
    import logging

    from storage import logs

    cid = add_marked()
    other = customers.save_customer(Customer(given_name="Ottilie", family_name="Brandt"))
    handler = logs.PrivateLogHandler(logs.log_path())
    record = logging.LogRecord("rapport", logging.ERROR, __file__, 1,
                               f"could not save Wilhelmina {MARKER} / Ottilie Brandt", None, None)
    handler.emit(record)
    handler.close()
    erase_customer(cid)
    text = logs.log_path().read_text(encoding="utf-8")
    assert MARKER not in text and "Ottilie Brandt" in text
    assert customers.get_customer(other).given_name == "Ottilie"



def test_the_log_forgets_their_phone_in_any_writing(notebook, tmp_path):
    """A rejected number is logged as typed, ``(503) 555-9876``, not as stored."""
    import logging

    from storage import logs

    cid = customers.save_customer(Customer(given_name="Wilhelmina", family_name="Quaye",
                                           phones=["+15035559876"]))
    handler = logs.PrivateLogHandler(logs.log_path())
    for text in ("bad number (503) 555-9876", "bad number +1 503-555-9876",
                 "kept 555-0100"):
        handler.emit(logging.LogRecord("rapport", logging.ERROR, __file__, 1, text, None, None))
    handler.close()
    erase_customer(cid)
    text = logs.log_path().read_text(encoding="utf-8")
    assert "9876" not in text and text.count("[erased]") == 2 and "kept 555-0100" in text

def _traces(path: Path) -> list[str]:
    found = []
    for suffix in ("", "-wal"):
        part = Path(str(path) + suffix)
        data = part.read_bytes().lower() if part.exists() else b""
        if MARKER.lower().encode() in data:
            found.append(part.name)
    return found


def test_secure_delete_is_set_back(notebook):
    db.execute_sql("PRAGMA secure_delete = OFF")
    erase_customer(add_marked())
    assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 0


def test_unknown_customer(notebook):
    with pytest.raises(NotFound):
        erase_preview(12345)
    with pytest.raises(NotFound):
        erase_customer(12345)


# --- backups ----------------------------------------------------------------------------------

ZEB = ("zebedee", "quartermaine", "zeb.q@example.org", "marmalade-sonnet")  # theirs alone
KEEP = ("ottoline", "fairweather", "otto.f@example.org", "lapsang-ballad")  # another's


def add_zebedee() -> int:
    cid = customers.save_customer(Customer(
        given_name="Zebedee", family_name="Quartermaine", emails=["zeb.q@example.org"],
        notes="Writes a marmalade-sonnet every spring. " * 300,  # overflow pages, freed
        facts=[Fact("pet", "Quartermaine the parrot")]))
    timeline.add(cid, Interaction(date(2026, 1, 2), "call", "Zebedee asked for marmalade"))
    timeline.add(cid, Purchase(date(2026, 1, 3), Decimal("9.99"), "Quartermaine jam"))
    return cid


def add_ottoline(**extra) -> int:
    return customers.save_customer(Customer(
        given_name="Ottoline", family_name="Fairweather", emails=["otto.f@example.org"],
        notes="Hums a lapsang-ballad. " * 5, **extra))


def raw(path: Path) -> bytes:
    return path.read_bytes().lower()


def holds(path: Path, words: tuple[str, ...]) -> list[str]:
    data = raw(path)
    return [w for w in words if w.encode() in data]


def backup_at(hour: int) -> Path:
    return backups.backup_now("manual", datetime(2026, 3, 1, hour, 0, 0))


def sound(path: Path) -> None:
    assert backups.verify_backup(path) >= 1
    assert check_file(path) == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    leftovers = [p.name for p in path.parent.iterdir() if not p.name.endswith(".rapport")]
    assert leftovers == []  # no temporary copy, no -journal, no -wal


def test_erasing_reaches_every_backup_and_leaves_no_trace(notebook):
    for n in range(20):  # others around, so pages are shared
        customers.save_customer(Customer(given_name=f"Other{n}", notes="filler " * 40))
    add_ottoline()
    before = backup_at(8)  # taken before Zebedee came: never held him
    cid = add_zebedee()
    customers.save_customer(Customer(given_name="Second", notes="Came later"))
    db.execute_sql("PRAGMA secure_delete = OFF")  # the backups keep freed pages as they are
    taken = [backup_at(9), backup_at(10)]
    assert all(holds(p, ZEB) == list(ZEB) for p in taken)  # the check can see him
    removed = erase_customer(cid)
    assert removed.who.created
    result = erase_from_backups(cid, removed.who)
    assert (result.cleaned, result.absent, result.failed) == (2, 1, [])
    for path in [before, *taken]:
        assert holds(path, ZEB) == [], path.name
        assert holds(path, KEEP) == list(KEEP), path.name
        sound(path)
        con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM customer WHERE id = ?", (cid,)).fetchone() \
            == (0,)
        con.close()
    assert [b.path for b in backups.list_backups(notebook.path)] == [*reversed(taken), before]


def test_referrals_are_cleared_in_the_backups_too(notebook):
    cid = add_zebedee()
    friend = add_ottoline(referred_by=cid)
    path = backup_at(9)
    erase_from_backups(cid, erase_customer(cid).who)
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    assert con.execute("SELECT referred_by FROM customer WHERE id = ?", (friend,)).fetchone() \
        == (None,)
    con.close()
    sound(path)


def test_someone_else_under_a_reused_id_is_left_alone(notebook):
    cid = add_zebedee()
    db.execute_sql("UPDATE customer SET created = '2025-01-01T09:00:00' WHERE id = ?", (cid,))
    old = backup_at(9)  # Zebedee, under this id
    customers.delete_customer(cid)
    otto = add_ottoline()
    assert otto == cid  # no AUTOINCREMENT: the highest id is handed out again
    new = backup_at(10)  # Ottoline, under the same id
    untouched = old.read_bytes()
    result = erase_from_backups(otto, erase_customer(otto).who)
    assert (result.cleaned, result.absent, result.failed) == (1, 1, [])
    assert old.read_bytes() == untouched
    assert holds(new, KEEP) == []


def test_the_same_person_added_again_is_found_by_name(notebook):
    """A notebook re-imported from JSON (or a customer brought back with undo) gives them a
    new ``created``: the backups taken before still hold them under the same id and name."""
    cid = add_zebedee()
    db.execute_sql("UPDATE customer SET created = '2025-01-01T09:00:00' WHERE id = ?", (cid,))
    old = backup_at(9)
    db.execute_sql("UPDATE customer SET created = '2026-11-23T10:00:00' WHERE id = ?", (cid,))
    result = erase_from_backups(cid, erase_customer(cid).who)
    assert (result.cleaned, result.absent, result.failed) == (1, 0, [])
    assert holds(old, ZEB) == []
    sound(old)


def test_a_copy_left_by_a_crash_is_removed(notebook):
    cid = add_zebedee()
    path = backup_at(9)
    left = path.with_name(path.name + ".part")
    left.write_bytes(path.read_bytes())  # a cleaning that died before the rename
    erase_from_backups(cid, erase_customer(cid).who)
    assert not left.exists()
    sound(path)


def test_an_older_version_backup_is_cleaned(notebook):
    add_ottoline()
    cid = add_zebedee()
    created = db.execute_sql("SELECT created FROM customer WHERE id = ?", (cid,)).fetchone()[0]
    folder = backups.backup_dir(notebook.path)
    old = folder / "test_2025-06-01_090000_before-v2.rapport"
    _version_one(old, cid, created)
    assert holds(old, ZEB[:2]) == list(ZEB[:2])
    result = erase_from_backups(cid, erase_customer(cid).who)
    assert (result.cleaned, result.failed) == (1, [])
    assert holds(old, ZEB) == [] and holds(old, KEEP[:2]) == list(KEEP[:2])
    assert backups.verify_backup(old) == 1
    sound(old)


def _version_one(path: Path, cid: int, created: str) -> None:
    """A notebook as Rapport 1 wrote it: no photo, no standing table; Zebedee and Ottoline."""
    con = sqlite3.connect(path)
    for statement in migrations._statements(migrations.SCHEMA.read_text(encoding="utf-8")):
        con.execute(statement)
    for who, (given, family, email, note) in ((cid, ZEB), (cid + 100, KEEP)):
        con.execute("INSERT INTO customer (id, given_name, family_name, notes, created, "
                    "updated) VALUES (?, ?, ?, ?, ?, ?)",
                    (who, given.title(), family.title(), note, created, created))
        con.execute("INSERT INTO email (customer_id, address) VALUES (?, ?)", (who, email))
        con.execute("INSERT INTO customer_fts (rowid, name, notes) VALUES (?, ?, ?)",
                    (who, f"{given} {family}", note))
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    os.chmod(path, 0o600)


def test_backups_that_cannot_be_cleaned_are_left_exactly_as_they_were(notebook):
    add_ottoline()
    cid = add_zebedee()
    good, locked, damaged, newer = (backup_at(h) for h in (9, 10, 11, 12))
    os.chmod(locked, 0o400)
    _flip(damaged, _root_page(damaged, "email") * 4096 - 4096, 8)
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    con.close()
    stranger = good.with_name("test_2026-03-01_130000_manual.rapport")
    stranger.write_bytes(b"not a database at all" * 100)
    os.chmod(stranger, 0o600)
    kept = {p: p.read_bytes() for p in (locked, damaged, newer, stranger)}
    result = erase_from_backups(cid, erase_customer(cid).who)
    assert result.cleaned == 1 and holds(good, ZEB) == []
    assert sorted(name for name, _why in result.failed) == sorted(p.name for p in kept)
    reasons = dict(result.failed)
    assert "read-only" in reasons[locked.name]
    assert "damaged" in reasons[damaged.name]
    assert "newer" in reasons[newer.name]
    assert "not a Rapport notebook" in reasons[stranger.name]
    assert all("\n" not in why for why in reasons.values())
    for path, data in kept.items():
        assert path.read_bytes() == data, path.name
    assert stat.S_IMODE(locked.stat().st_mode) == 0o400
    assert sorted(p.name for p in good.parent.iterdir()) == sorted(
        [good.name, *(p.name for p in kept)])


def test_a_failure_while_cleaning_leaves_that_backup_and_goes_on(notebook, monkeypatch):
    cid = add_zebedee()
    first, second = backup_at(9), backup_at(10)
    untouched = first.read_bytes()
    real = backups.verify_backup

    def flaky(path):  # the cleaned copy of the first backup does not verify
        if path.name != first.name and path.name.startswith(first.name):
            raise backups.BackupError("simulated: the copy did not verify")
        return real(path)

    monkeypatch.setattr(backups, "verify_backup", flaky)
    result = erase_from_backups(cid, erase_customer(cid).who)
    assert result.cleaned == 1 and result.failed[0][0] == first.name
    assert "simulated" in result.failed[0][1]
    assert first.read_bytes() == untouched and holds(second, ZEB) == []
    assert sorted(p.name for p in first.parent.iterdir()) == sorted([first.name, second.name])


def test_the_preview_counts_the_backups(notebook):
    cid = add_zebedee()
    assert "backup" not in erase_preview(cid).message()
    backup_at(9)
    backup_at(10)
    preview = erase_preview(cid)
    assert preview.backups == 2
    assert "from the notebook and from its 2 backups" in preview.message()
    assert preview.who.created == db.execute_sql(
        "SELECT created FROM customer WHERE id = ?", (cid,)).fetchone()[0]
    assert (preview.who.given_name, preview.who.family_name) == ("Zebedee", "Quartermaine")


def test_the_result_in_one_line():
    assert BackupsErased(3, 1).line("Zeb") == "Erased Zeb from the notebook and from 3 backups."
    assert BackupsErased(1, 0).line("Zeb") == "Erased Zeb from the notebook and from 1 backup."
    assert BackupsErased(0, 2).line("Zeb") == "Erased Zeb from the notebook; no backup held them."
    assert BackupsErased().line("Zeb") == "Erased Zeb and everything about them."
    line = BackupsErased(1, 0, [("a.rapport", "it is read-only"),
                                ("b.rapport", "it is damaged")]).line("Zeb")
    assert line == ("Erased Zeb from the notebook and from 1 backup; 2 backups could not be "
                    "cleaned: a.rapport (it is read-only), b.rapport (it is damaged).")
    assert BackupsErased(0, 0, [("a.rapport", "it is read-only")]).line("Zeb") == (
        "Erased Zeb from the notebook; 1 backup could not be cleaned: a.rapport (it is "
        "read-only).")


def _root_page(path: Path, name: str) -> int:
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    try:
        return con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                           (name,)).fetchone()[0]
    finally:
        con.close()


def _flip(path: Path, offset: int, count: int) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_a_backup_finished_during_the_erase_is_cleaned_too(notebook, monkeypatch):
    """A `backup` command reads without a lock: one that began before the erase committed and
    put its copy in place while the backups were being cleaned still held the person."""
    import shutil

    from storage import erase_backups

    cid = add_ottoline()
    early = backup_at(9)
    late_copy = early.with_name("held.tmp")
    shutil.copy(early, late_copy)  # what the slow backup will put in place mid-erase
    arrived = []
    real = erase_backups._erase_in_backup

    def slow_backup_lands(path, customer_id, who):
        if not arrived:
            arrived.append(late_copy.replace(early.with_name(
                early.name.replace("09", "10", 1))))
        return real(path, customer_id, who)

    monkeypatch.setattr(erase_backups, "_erase_in_backup", slow_backup_lands)
    who = erase_preview(cid).who
    erase_customer(cid)
    done = erase_from_backups(cid, who)
    for b in backups.list_backups(notebook.path):
        assert holds(b.path, ("fairweather", "otto.f@example.org")) == [], b.path.name
    assert done.cleaned == 2


def test_a_copy_being_written_now_is_not_taken_for_a_leftover(notebook):
    """Erase removes what crashed copies left, never a copy a live backup is writing."""
    from storage import erase_backups

    backup_at(9)
    folder = backups.backup_dir(notebook.path)
    part = folder / f"{notebook.path.stem}_2026-03-01_110000_manual.rapport.part"
    with backup_parts.claimed(part):
        erase_backups._remove_leftovers({folder})
        assert part.exists()
    erase_backups._remove_leftovers({folder})
    assert not part.exists()


def test_a_referrer_s_stored_thank_you_no_longer_names_them(notebook, monkeypatch):
    """Ottoline's agenda keeps "Referred Zebedee Quartermaine — no thank-you yet" (storage
    .agenda): erasing Zebedee rewrites it in the notebook and drops it from the backups."""
    from storage import agenda

    monkeypatch.setattr(agenda, "_clock", lambda: date(2026, 1, 4))
    otto = add_ottoline()
    cid = customers.save_customer(Customer(given_name="Zebedee", family_name="Quartermaine",
                                           referred_by=otto, customer_since=date(2026, 1, 2)))
    stored = " ".join(d for (d,) in db.execute_sql(
        "SELECT detail FROM agenda WHERE customer_id = ?", (otto,)))
    assert "Zebedee Quartermaine" in stored  # the referrer's thank-you names the friend
    path = backup_at(9)
    erase_from_backups(cid, erase_customer(cid).who)
    assert "Quartermaine" not in " ".join(d for (d,) in db.execute_sql(
        "SELECT detail FROM agenda"))
    assert holds(path, ("zebedee", "quartermaine")) == []
    assert holds(notebook.path, ("zebedee", "quartermaine")) == []
    sound(path)
