"""One writer per notebook: a lock held by another process, released by the OS when it dies."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain.model import Customer
from storage import customers, lock
from storage.db import NotebookBusy, close_notebook, current_notebook, open_notebook

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from storage.db import open_notebook
open_notebook(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold(path: Path, seconds: float = 30.0) -> subprocess.Popen:
    """Another Rapport process that opens ``path`` for writing and keeps it."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "locked"
    return child


@pytest.fixture
def closed(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    close_notebook()
    return path


def test_a_second_writer_is_told_who_has_the_notebook(closed):
    child = hold(closed)
    try:
        started = time.monotonic()
        with pytest.raises(NotebookBusy) as err:
            open_notebook(closed, wait=0.3)
        assert time.monotonic() - started >= 0.3
        assert err.value.owner.pid == child.pid
        # The holder is a command (the default role): the message says so, not "a window".
        assert f"shop.rapport is busy: a Rapport command (pid {child.pid}) is changing it" \
            in str(err.value)
        assert lock.holder(closed).pid == child.pid
        assert current_notebook() is None
    finally:
        child.kill()
        child.wait()


def test_the_lock_is_free_once_the_holder_is_killed(closed):
    child = hold(closed)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock.holder(closed) is None
    info = open_notebook(closed, wait=0)
    assert not info.read_only


def test_the_command_line_waits_briefly_for_the_lock(closed):
    child = hold(closed, seconds=0.4)
    try:
        info = open_notebook(closed)  # the default wait outlasts the other process
        assert not info.read_only
    finally:
        child.wait()


def test_reading_while_another_process_writes_needs_no_lock(closed):
    child = hold(closed)
    try:
        info = open_notebook(closed, read_only=True)
        assert info.read_only and customers.count() == 0
    finally:
        child.kill()
        child.wait()


def test_the_lock_file_holds_pid_and_host_and_is_emptied_on_close(closed):
    open_notebook(closed)
    owner = lock.read_owner(lock.lock_path(closed))
    assert owner.pid == os.getpid() and owner.host
    assert owner.describe() == f"pid {os.getpid()}"
    close_notebook()
    assert lock.lock_path(closed).read_text() == ""
    assert lock.holder(closed) is None


def test_a_second_lock_in_the_same_process_is_refused(closed):
    open_notebook(closed)
    assert not lock.NotebookLock(closed).acquire()
    close_notebook()
    other = lock.NotebookLock(closed)
    assert other.acquire()
    other.release()


def test_an_owner_on_another_machine_is_named():
    assert lock.LockOwner(42, "shop-laptop").describe() in ("pid 42 on shop-laptop", "pid 42")


def test_socket_name_is_short_stable_and_per_notebook(tmp_path):
    a = lock.socket_name(tmp_path / "a.rapport")
    assert a == lock.socket_name(tmp_path / "." / "a.rapport")
    assert a != lock.socket_name(tmp_path / "b.rapport")
    assert a.startswith("rapport-") and len(a) <= 40


def test_the_note_says_whether_a_window_or_a_command_holds_it(closed):
    open_notebook(closed, role=lock.WINDOW)
    assert lock.read_owner(lock.lock_path(closed)).role == "window"
    close_notebook()
    child = hold(closed)
    try:
        assert lock.holder(closed).role == "command"
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize(("role", "words"), [
    (lock.WINDOW, "open in another Rapport window (pid 42)"),
    (lock.COMMAND, "a Rapport command (pid 42) is changing it; try again when it is done"),
    ("", "open in another Rapport (pid 42)"),
])
def test_busy_says_who_has_the_notebook(role, words):
    busy = NotebookBusy(Path("shop.rapport"), lock.LockOwner(42, "", role))
    assert str(busy) == f"shop.rapport is busy: {words}."


@pytest.mark.parametrize("points_at", ["notebook", "other"])
def test_a_symlink_in_place_of_the_note_is_never_written_through(closed, points_at):
    # The note beside the notebook was opened for writing through any symlink there, then
    # truncated: a `shop.rapport.lock` pointing at the notebook emptied it (all of it lost,
    # and the next open said "not a Rapport notebook ... It was left untouched").
    target = closed if points_at == "notebook" else closed.with_name("letter.txt")
    if points_at == "other":
        target.write_text("keep me\n")
    before = target.read_bytes()
    note = lock.lock_path(closed)
    note.unlink(missing_ok=True)
    note.symlink_to(target.name)
    info = open_notebook(closed)
    assert not info.read_only
    customers.save_customer(Customer(given_name="Ann"))
    close_notebook()
    if points_at == "other":
        assert target.read_bytes() == before
    assert closed.stat().st_size > 0
    open_notebook(closed, read_only=True)  # still a notebook, with Ann in it
    assert customers.count() == 1
    close_notebook()


def test_a_hard_link_in_place_of_the_note_is_never_written_through(closed, tmp_path):
    other = tmp_path / "letter.txt"
    other.write_text("keep me\n")
    note = lock.lock_path(closed)
    note.unlink(missing_ok=True)
    os.link(other, note)
    assert open_notebook(closed).read_only is False
    close_notebook()
    assert other.read_text() == "keep me\n"
