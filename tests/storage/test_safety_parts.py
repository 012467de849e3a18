"""Killed backups leave ``.part`` files: the next backup (or open) removes the dead ones only."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from domain.model import Customer
from storage import backup_parts, backups, customers
from storage.db import close_notebook, open_notebook, sqlite_connection

WRITER = """
import os, signal, sqlite3, sys, time
from pathlib import Path
from storage import backup_parts
tmp = Path(sys.argv[1])
with backup_parts.claimed(tmp):  # as every copy Rapport writes
    con = sqlite3.connect(tmp)
    con.execute("CREATE TABLE t (x)")
    con.execute("BEGIN")
    con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 2000)
    print("writing", flush=True)
    if sys.argv[2] == "die":
        os.kill(os.getpid(), signal.SIGKILL)  # killed in the middle of the copy
    time.sleep(60)
"""


def killed_backup(tmp) -> None:
    """A real process killed while it writes ``tmp`` (leaving it and its -journal)."""
    done = subprocess.run([sys.executable, "-c", WRITER, str(tmp), "die"], capture_output=True,
                          text=True, cwd=os.getcwd())
    assert done.returncode == -signal.SIGKILL and "writing" in done.stdout


@pytest.fixture
def live_backup():
    """Start a process writing a copy; yields a function that starts it at a path."""
    started = []

    def start(tmp):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp), "live"],
                                stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
        assert proc.stdout.readline().strip() == "writing"
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def test_dead_parts_go_at_the_next_backup_and_a_live_one_stays(notebook, live_backup):
    folder = backups.backup_dir(notebook.path)
    dead = folder / "test_2026-01-01_000000_daily.rapport.part"
    live = folder / "test_2026-01-02_000000_daily.rapport.part"
    killed_backup(dead)
    writer = live_backup(live)
    assert leftovers(folder) == [dead.name, f"{dead.name}-journal", live.name,
                                 f"{live.name}-journal"]
    copy = backups.backup_now("manual")  # the dead copy goes however young it is
    assert leftovers(folder) == [live.name, f"{live.name}-journal"] and copy.exists()
    writer.kill()
    writer.wait()
    backups.backup_now("manual")
    assert leftovers(folder) == []


def test_parts_go_on_open_and_another_notebooks_stay(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    folder = backups.backup_dir(path)
    killed_backup(folder / "shop_2026-01-01_000000_close.rapport.part")
    killed_backup(tmp_path / "shop.rapport.restoring.part")  # a killed recovery
    other = tmp_path / "shop2.rapport.restoring.part"  # another notebook's: not ours to touch
    other.write_bytes(b"x")
    backups.maybe_backup_on_open()
    assert leftovers(folder) == [] and leftovers(tmp_path) == [other.name]
    close_notebook()


def test_a_copy_never_takes_the_part_another_process_is_writing(notebook, live_backup):
    # Two backups started in the same second chose the same name: the second deleted the
    # first's .part as a leftover and wrote its own under that name; the first then failed
    # ("disk I/O error", "attempt to write a readonly database": 2 of 6 concurrent backups).
    folder = backups.backup_dir(notebook.path)
    dest = folder / "test_2026-01-02_000000_manual.rapport"
    live = dest.with_name(dest.name + ".part")
    writer = live_backup(live)
    inode = live.stat().st_ino
    with pytest.raises(backups.BackupError, match="writing a copy"):
        backups.write_copy(sqlite_connection(), dest)
    assert live.stat().st_ino == inode and not dest.exists()
    writer.kill()
    writer.wait()


def test_backups_started_together_all_succeed(tmp_path):
    from tests.test_cli_safety import ROOT

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Ann", notes="x" * 2_000_000))
    close_notebook()
    procs = [subprocess.Popen([sys.executable, "main.py", "backup", "--notebook", str(path)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(6)]
    done = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert [d[2] for d in done] == [0] * 6, [d[1] for d in done]
    copies = {d[0].strip() for d in done}
    assert len(copies) == 6
    for copy in copies:
        assert backups.verify_backup(Path(copy)) >= 1


def test_a_part_left_behind_is_removed_only_while_its_lock_is_held(tmp_path, monkeypatch):
    """Six backups started together failed now and then ("disk I/O error", "attempt to write
    a readonly database"): one process looked at a part's lock (free: its writer had just made
    it and not yet locked it), its writer then locked it and began the copy, and the first
    removed it anyway — the writer's SQLite then wrote into the next claimant's file, and one
    renamed the other's half-written copy to a backup. A part goes now only while the remover
    holds its lock, which its writer takes before it writes."""
    import fcntl

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Ann"))
    close_notebook()
    part = backups.backup_dir(path) / "shop_2026-01-02_000000_manual.rapport.part"
    part.parent.mkdir(exist_ok=True)
    part.write_bytes(b"left by a killed copy")
    probes: list[str] = []
    real = backup_parts.remove_with_sidecars

    def probing(target: Path) -> None:  # a writer trying to lock the part as it goes
        fd = os.open(target, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            probes.append("a writer could lock it")
        except BlockingIOError:
            probes.append("held")
        finally:
            os.close(fd)
        real(target)

    monkeypatch.setattr(backup_parts, "remove_with_sidecars", probing)
    assert backups.clear_stale_parts(path) == [part]
    assert probes == ["held"] and not part.exists()


def test_a_part_goes_last_after_its_journals(tmp_path, monkeypatch):
    """A part's name freed first could be claimed by another copy at once; the journal then
    removed by name was that copy's (its SQLite said "disk I/O error"). The journals go first."""
    part = tmp_path / "shop_2026-01-02_000000_manual.rapport.part"
    for name in (part, Path(f"{part}-journal"), Path(f"{part}-wal")):
        name.write_bytes(b"x")
    gone: list[str] = []
    real = Path.unlink

    def recording(self: Path, missing_ok: bool = False) -> None:
        if self.exists():
            gone.append(self.name)
        real(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", recording)
    backup_parts.remove_with_sidecars(part)
    assert gone[-1] == part.name and len(gone) == 3
