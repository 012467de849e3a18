"""Killed backups leave ``.part`` files: the next backup (or open) removes the dead ones only."""

import os
import signal
import subprocess
import sys
import time

from storage import backups
from storage.db import close_notebook, open_notebook

KILLED = """
import os, signal, sqlite3, sys
from pathlib import Path
from storage import backups
tmp = Path(sys.argv[1])
backups._private_empty_file(tmp)
con = sqlite3.connect(tmp)
con.execute("CREATE TABLE t (x)")
con.execute("BEGIN")
con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 2000)
print("writing", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # killed in the middle of the copy
"""


def killed_backup(tmp) -> None:
    """A real process killed while it writes ``tmp`` (leaving it and its -journal)."""
    done = subprocess.run([sys.executable, "-c", KILLED, str(tmp)], capture_output=True,
                          text=True, cwd=os.getcwd())
    assert done.returncode == -signal.SIGKILL and "writing" in done.stdout


def age(path, seconds: float) -> None:
    for side in ("", "-journal"):
        if os.path.exists(f"{path}{side}"):
            then = time.time() - seconds
            os.utime(f"{path}{side}", (then, then))


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def test_dead_parts_go_at_the_next_backup_and_a_live_one_stays(notebook):
    folder = backups.backup_dir(notebook.path)
    dead, live = folder / "test_2026-01-01_000000_daily.rapport.part", \
        folder / "test_2026-01-02_000000_daily.rapport.part"
    killed_backup(dead)
    killed_backup(live)
    assert leftovers(folder) == [dead.name, f"{dead.name}-journal", live.name,
                                 f"{live.name}-journal"]
    age(dead, 2 * backups.STALE_PART)
    copy = backups.backup_now("manual")  # this process holds the notebook: age decides
    assert leftovers(folder) == [live.name, f"{live.name}-journal"] and copy.exists()


def test_parts_go_on_open_once_nobody_holds_the_notebook(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    close_notebook()
    folder = backups.backup_dir(path)
    killed_backup(folder / "shop_2026-01-01_000000_close.rapport.part")
    killed_backup(tmp_path / "shop.rapport.restoring.part")
    other = tmp_path / "shop2.rapport.restoring.part"  # another notebook's: not ours to touch
    other.write_bytes(b"x")
    assert backups.clear_stale_parts(path)  # no Rapport holds shop.rapport: they are dead
    assert leftovers(folder) == [] and leftovers(tmp_path) == [other.name]
    open_notebook(path)
    killed_backup(folder / "shop_2026-01-02_000000_close.rapport.part")
    age(folder / "shop_2026-01-02_000000_close.rapport.part", 2 * backups.STALE_PART)
    backups.maybe_backup_on_open()
    assert leftovers(folder) == []
    close_notebook()
