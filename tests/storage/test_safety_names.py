"""One writer per notebook *file*, whatever its names: hard links, symlinks, bind mounts, a lock
note deleted while held; a reader keeps no writer out; a FIFO never hangs an open."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.model import Customer
from storage import customers, lock
from storage.db import (
    NotANotebook,
    NotebookBusy,
    close_notebook,
    current_notebook,
    open_notebook,
)

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from storage.db import open_notebook
open_notebook(sys.argv[1], read_only=sys.argv[3] == "read")
print("open", flush=True)
time.sleep(float(sys.argv[2]))
"""

# Writes customers one by one, each in its own transaction, for longer than a second writer
# waits for the lock; prints how many it added, or "busy".
WRITER = """
import sys, time
from domain.model import Customer
from storage import customers
from storage.db import NotebookBusy, NotebookError, open_notebook
try:
    info = open_notebook(sys.argv[1], wait=float(sys.argv[3]))
except NotebookBusy:
    print("busy", flush=True); sys.exit(0)
if info.read_only:
    print("read-only", flush=True); sys.exit(0)
added = 0
for i in range(int(sys.argv[2])):
    customers.save_customer(Customer(given_name=f"{sys.argv[4]}{i}", family_name="Writer"))
    added += 1
    time.sleep(0.01)
print(f"added {added}", flush=True)
"""


def hold(path: Path, seconds: float = 30.0, mode: str = "write") -> subprocess.Popen:
    """Another Rapport process that has ``path`` open (writing or reading) and keeps it."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds), mode],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    return child


def stop(child: subprocess.Popen) -> None:
    child.kill()
    child.wait()


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
    close_notebook()
    yield path
    close_notebook()


@contextlib.contextmanager
def bind_mounted(source: Path, target_dir: Path):
    """``source`` seen under a second path through a bind mount of the file (root only)."""
    target_dir.mkdir()
    target = target_dir / source.name
    target.touch()
    done = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot bind-mount here: {done.stderr.decode().strip()}")
    try:
        yield target
    finally:
        if subprocess.run(["umount", str(target)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(target)], check=True)  # still open somewhere


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM customer").fetchone()[0]
    finally:
        con.close()


# --- two names, one file ------------------------------------------------------------------------

def test_a_notebook_with_two_names_opens_read_only_through_either(shop):
    other = shop.with_name("copy.rapport")
    os.link(shop, other)
    for name in (shop, other):
        info = open_notebook(name)
        assert info.read_only
        assert "has 2 names (hard links)" in info.reason
        assert customers.count() == 1
        close_notebook()


def test_the_lock_follows_the_file_through_a_hard_link(shop):
    child = hold(shop)  # it opened the notebook while it had one name
    try:
        other = shop.with_name("copy.rapport")
        os.link(shop, other)
        assert not lock.NotebookLock(other).acquire()
        assert lock.holder(other) is not None  # who holds it is noted beside the first name
        info = open_notebook(other, wait=0)
        assert info.read_only and "2 names" in info.reason  # never a second writer
    finally:
        stop(child)


def test_the_lock_follows_the_file_through_a_bind_mount(shop, tmp_path):
    with bind_mounted(shop, tmp_path / "elsewhere") as other:
        child = hold(shop)
        try:
            with pytest.raises(NotebookBusy) as err:
                open_notebook(other, wait=0.2)
            assert err.value.owner.pid == child.pid or err.value.owner.pid is None
            assert current_notebook() is None
        finally:
            stop(child)


def test_the_lock_follows_the_file_through_a_symlink(shop, tmp_path):
    link = tmp_path / "link.rapport"
    link.symlink_to(shop)
    child = hold(link)
    try:
        with pytest.raises(NotebookBusy):
            open_notebook(shop, wait=0.2)
    finally:
        stop(child)


def test_deleting_the_lock_note_lets_no_second_writer_in(shop):
    child = hold(shop)
    try:
        lock.lock_path(shop).unlink()
        with pytest.raises(NotebookBusy):
            open_notebook(shop, wait=0.2)
        lock.lock_path(shop).write_text("")  # recreated empty, as a cleaner might
        with pytest.raises(NotebookBusy):
            open_notebook(shop, wait=0.2)
    finally:
        stop(child)


def test_a_notebook_renamed_over_while_waiting_is_locked_by_its_new_file(shop, tmp_path):
    first = lock.NotebookLock(shop)
    assert first.acquire()
    waiting = lock.NotebookLock(shop)
    assert not waiting.acquire(keep_open=True)  # its descriptor is of the old file
    fresh = tmp_path / "fresh.rapport"
    fresh.write_bytes(shop.read_bytes())
    os.replace(fresh, shop)  # a restore puts a new file under the name
    assert waiting.acquire()  # the old file is still locked by ``first``; the new one is free
    assert not lock.NotebookLock(shop).acquire()
    waiting.release()
    first.release()


def run_writers(first: Path, second: Path, rows: int = 150) -> list[str]:
    """Two writers started at once through two names; what each said."""
    children = [subprocess.Popen([sys.executable, "-c", WRITER, str(name), str(rows), "0.5",
                                  tag], cwd=ROOT, stdout=subprocess.PIPE, text=True)
                for name, tag in ((first, "A"), (second, "B"))]
    return [child.communicate(timeout=60)[0].strip() for child in children]


@pytest.mark.parametrize("how", ["symlink", "bind mount", "hard link"])
def test_two_writers_through_two_names_never_both_write(shop, tmp_path, how):
    stack = contextlib.ExitStack()
    if how == "symlink":
        other = tmp_path / "link.rapport"
        other.symlink_to(shop)
    elif how == "hard link":
        other = tmp_path / "copy.rapport"
        os.link(shop, other)
    else:
        other = stack.enter_context(bind_mounted(shop, tmp_path / "elsewhere"))
    with stack:
        for _ in range(2):
            before = count(shop)
            said = run_writers(shop, other)
            added = sum(int(s.split()[1]) for s in said if s.startswith("added"))
            if how == "hard link":
                assert said == ["read-only", "read-only"]
            else:
                assert sorted(s.split()[0] for s in said) == ["added", "busy"], said
            assert count(shop) == before + added  # no import vanished
            assert integrity(shop) == "ok"


# --- a reader is not a writer -------------------------------------------------------------------

def test_a_reader_in_another_process_keeps_no_writer_out(shop):
    reader = hold(shop, mode="read")
    try:
        info = open_notebook(shop, wait=0)
        assert not info.read_only
        customers.save_customer(Customer(given_name="Tom", family_name="Baker"))
        assert customers.count() == 2
    finally:
        stop(reader)


READER = """
import sys
from storage import customers
from storage.db import db, open_notebook
open_notebook(sys.argv[1], read_only=True)
with db.atomic():  # one read transaction across the writer's commits and checkpoint
    first = customers.count()
    print("reading", flush=True)
    sys.stdin.readline()
    verdict = db.execute_sql("PRAGMA quick_check").fetchone()[0]
    print(first, customers.count(), verdict, flush=True)
print(customers.count(), flush=True)
"""


def test_a_long_read_sees_one_state_while_a_writer_writes_and_checkpoints(shop):
    reader = subprocess.Popen([sys.executable, "-c", READER, str(shop)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        open_notebook(shop, wait=0)
        for i in range(300):
            customers.save_customer(Customer(given_name=f"New{i}", family_name="Row"))
        from storage.db import db
        db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().split() == ["1", "1", "ok"]
        assert reader.stdout.readline().strip() == "301"  # a new read sees the writer's rows
    finally:
        stop(reader)
    close_notebook()
    assert integrity(shop) == "ok"


def test_a_read_only_open_leaves_the_folder_as_it_found_it(shop):
    before = sorted(p.name for p in shop.parent.iterdir())
    open_notebook(shop, read_only=True)
    assert customers.count() == 1
    close_notebook()
    assert sorted(p.name for p in shop.parent.iterdir()) == before


# --- not a regular file -------------------------------------------------------------------------

def refuse_quickly(path: Path) -> str:
    started = time.monotonic()
    with pytest.raises(NotANotebook) as err:
        open_notebook(path)
    assert time.monotonic() - started < 2
    return str(err.value)


def test_a_fifo_as_the_notebook_is_refused_at_once(tmp_path):
    fifo = tmp_path / "shop.rapport"
    os.mkfifo(fifo)
    assert "shop.rapport is not a regular file" in refuse_quickly(fifo)
    with pytest.raises(NotANotebook):
        open_notebook(fifo, read_only=True)


def test_a_socket_or_device_as_the_notebook_is_refused(tmp_path):
    path = tmp_path / "s.rapport"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        assert "not a regular file" in refuse_quickly(path)
    finally:
        server.close()
    assert "not a regular file" in refuse_quickly(Path("/dev/null"))


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
def test_a_fifo_beside_the_notebook_is_refused_at_once(shop, suffix):
    os.mkfifo(f"{shop}{suffix}")
    assert f"shop.rapport{suffix} is not a regular file" in refuse_quickly(shop)
    os.unlink(f"{shop}{suffix}")


@pytest.mark.parametrize("command", [["today"], ["import", "people.vcf"], ["export", "x.csv"],
                                     ["backup"], ["check"]])
def test_the_command_line_refuses_a_fifo_in_one_line(tmp_path, command):
    fifo = tmp_path / "shop.rapport"
    os.mkfifo(fifo)
    (tmp_path / "people.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\n")
    try:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *command,
                               "--notebook", str(fifo)], cwd=tmp_path, capture_output=True,
                              text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command[0]} hung on a FIFO")
    assert done.returncode == 1
    said = (done.stdout if command == ["check"] else done.stderr).strip().splitlines()
    assert len(said) == 1 and "not a regular file" in said[0], (done.stdout, done.stderr)


def test_the_command_line_imports_nothing_into_a_notebook_with_two_names(shop, tmp_path):
    os.link(shop, tmp_path / "copy.rapport")
    cards = tmp_path / "people.vcf"
    cards.write_text("BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;;;\nFN:Ann Lee\nEND:VCARD\n")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(cards),
                           "--notebook", str(shop)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Nothing was imported" in lines[0] and "2 names" in lines[0]
    assert count(shop) == 1


# --- reading beside a writer, then taking over --------------------------------------------------

def test_reading_beside_a_writer_then_taking_over(shop):
    from storage.db import open_while_written, reopen_writable

    writer = hold(shop)
    try:
        with pytest.raises(NotebookBusy) as busy:
            open_notebook(shop, wait=0)
        info = open_while_written(shop, busy.value.owner)
        assert info.read_only and info.waiting and f"(pid {writer.pid})" in info.reason
        for _ in range(5):  # each try reuses one descriptor: reading goes on meanwhile
            assert reopen_writable() is None
            assert customers.count() == 1
    finally:
        stop(writer)
    info = reopen_writable()
    assert info is not None and not info.read_only and not current_notebook().read_only
    customers.save_customer(Customer(given_name="Tom", family_name="Baker"))
    # Asked from another process: trying the lock here would close a descriptor of the file.
    other = subprocess.run([sys.executable, "-c", WRITER, str(shop), "1", "0", "C"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert other.stdout.strip() == "busy"
    close_notebook()
    assert count(shop) == 2 and integrity(shop) == "ok"


def test_taking_over_a_notebook_that_got_a_second_name_stays_read_only(shop):
    from storage.db import open_while_written, reopen_writable

    writer = hold(shop)
    try:
        with pytest.raises(NotebookBusy) as busy:
            open_notebook(shop, wait=0)
        open_while_written(shop, busy.value.owner)
        os.link(shop, shop.with_name("copy.rapport"))
    finally:
        stop(writer)
    info = reopen_writable()
    assert info.read_only and not info.waiting and "2 names" in info.reason
    assert customers.count() == 1
    assert reopen_writable() is None  # nothing to wait for any more


LOCK_ONLY = """
import sys, time
from storage.lock import NotebookLock
assert NotebookLock(sys.argv[1]).acquire()
print("open", flush=True)
time.sleep(60)
"""


def test_trying_the_lock_again_and_again_keeps_sqlites_own_locks(shop):
    """POSIX drops all of a process's fcntl locks on a file when it closes any descriptor of
    it; if a failed try closed one, another process's last close would delete the -wal and
    -shm this session still reads."""
    from storage.db import open_while_written, reopen_writable

    holder = subprocess.Popen([sys.executable, "-c", LOCK_ONLY, str(shop)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    try:
        open_while_written(shop, lock.LockOwner(holder.pid, ""))
        assert customers.count() == 1
        wal = Path(f"{shop}-wal")
        assert wal.exists()
        for _ in range(3):
            assert reopen_writable() is None
        subprocess.run([sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect("
                        "sys.argv[1]); c.execute('SELECT 1 FROM customer'); c.close()",
                        str(shop)], check=True)
        assert wal.exists()  # this session's share of the file was still seen
    finally:
        stop(holder)


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MiB tmpfs (root only), unmounted afterwards."""
    folder = tmp_path / "small"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield folder
    close_notebook()
    subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_still_reads_and_leaves_no_sidecar(small_disk):
    path = small_disk / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
    close_notebook()
    fd = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    with contextlib.suppress(OSError):
        while True:
            os.write(fd, b"x" * 4096)
    os.close(fd)
    before = sorted(p.name for p in small_disk.iterdir())
    open_notebook(path, read_only=True)  # export, backup, today on a full disk
    assert customers.count() == 1
    close_notebook()
    assert sorted(p.name for p in small_disk.iterdir()) == before


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_symlink_beside_the_notebook_is_named_as_such(shop, suffix):
    # SQLite refuses a -wal or -journal that is a symlink ("unable to open database file"),
    # which read as "a disk or permission problem"; a -shm symlink was followed.
    target = shop.with_name("other.txt")
    target.write_text("keep me\n")
    Path(f"{shop}{suffix}").symlink_to(target.name)
    said = refuse_quickly(shop)
    assert f"shop.rapport{suffix} is a link to another file" in said
    assert target.read_text() == "keep me\n"
    os.unlink(f"{shop}{suffix}")


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock", ".restoring.part"])
@pytest.mark.parametrize("command", [["demo", "{path}"], ["import", "{vcf}", "--notebook",
                                                          "{path}"]])
def test_a_notebooks_working_file_is_never_made_a_notebook(tmp_path, suffix, command):
    # An empty working file beside a notebook (the -wal of a notebook open in the window, the
    # lock note) passed for a new notebook: `demo shop.rapport-wal` wrote a whole database into
    # the live -wal of the open notebook, exit 0, "Created the demo notebook".
    import main

    shop = tmp_path / "shop.rapport"
    open_notebook(shop)
    customers.save_customer(Customer(given_name="Ann"))
    close_notebook()
    working = Path(f"{shop}{suffix}")
    working.touch()  # as SQLite leaves an emptied -wal while a writer has the notebook open
    vcf = tmp_path / "people.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lee\nEND:VCARD\n")
    argv = [a.format(path=working, vcf=vcf) for a in command]
    assert main.main(argv) == 1
    assert working.stat().st_size == 0
