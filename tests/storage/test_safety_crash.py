"""kill -9 in the middle of a large import: the notebook stays intact, each import all or none."""

import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storage import lock
from storage.check import check_file, check_notebook
from storage.db import close_notebook, open_notebook

ROOT = Path(__file__).resolve().parents[2]
BATCH = 2000  # customers per import, each import one transaction

IMPORTER = """
import sys
from domain.model import Customer, Fact, Milestone
from domain.dates import PartialDate
from storage import records
from storage.db import db, open_notebook

open_notebook(sys.argv[1])
size, batch = int(sys.argv[2]), int(sys.argv[3])
print("ready", flush=True)
while True:
    batch += 1
    people = [Customer(given_name=f"G{i}", family_name="Import", company=f"batch-{batch}",
                       emails=[f"g{i}.{batch}@example.com"], phones=["+15035550101"],
                       facts=[Fact("interest", "orchids")],
                       milestones=[Milestone("birthday", PartialDate(1 + i % 12, 1 + i % 28))],
                       notes="Imported. " * 20) for i in range(size)]
    with db.atomic():
        ids = [records.insert_customer(c) for c in people]
        records.insert_profile_children(list(zip(ids, people)))
        print(f"inside {batch}", flush=True)
        records.reindex(ids)
    print(f"committed {batch}", flush=True)
"""


def batches(path: Path) -> dict[str, int]:
    """Customers per import batch, read without writing (mode=ro sees the -wal)."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT company, count(*) FROM customer GROUP BY company"))
    finally:
        con.close()


def run_and_kill(path: Path, first_batch: int, when) -> list[str]:
    """Start an importer, kill -9 it at ``when``; return what it printed."""
    child = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(path), str(BATCH), str(first_batch)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    lines = [child.stdout.readline().strip()]
    assert lines == ["ready"]
    when(child, lines)
    child.send_signal(signal.SIGKILL)
    child.wait()
    lines += child.stdout.read().splitlines()
    return lines


def at_random(rng):
    def wait(child, lines):
        time.sleep(rng.uniform(0.0, 0.6))
    return wait


def mid_transaction(child, lines):
    lines.append(child.stdout.readline().strip())  # "inside N": rows written, not committed


def test_kill_9_during_imports_leaves_each_import_whole_or_absent(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    close_notebook()
    rng = random.Random(6)
    timings = [mid_transaction, at_random(rng), at_random(rng), at_random(rng), mid_transaction]
    cut_short = 0
    for round_, when in enumerate(timings):
        lines = run_and_kill(path, first_batch=round_ * 100, when=when)
        assert lock.holder(path) is None  # the OS let go of the dead process's lock
        assert check_file(path) == []
        counts = batches(path)
        assert set(counts.values()) <= {BATCH}, counts  # no import is partly there
        said = {f"batch-{n}" for n in re.findall(r"committed (\d+)", " ".join(lines))}
        assert said <= counts.keys()  # what was reported saved is there
        cut_short += f"batch-{round_ * 100 + len(said) + 1}" not in counts
        print(f"round {round_}: {len(said)} imports committed, notebook {len(counts)} whole "
              f"imports, {sum(counts.values())} customers, check ok")
    assert cut_short >= 2  # the two kills inside a transaction left nothing of theirs
    open_notebook(path)  # replays the -wal: the notebook opens and checks clean
    assert check_notebook() == []
    close_notebook()
