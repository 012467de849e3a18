"""What a day's ``print-cards --mark-printed`` must do at least, each part timed on its own.

``python -m tests.bench.print_lower [--customers 50000] [--rounds 5]``

Issue 13 asks a day's batch to stay within 2× a bare reportlab script drawing the same strings
(``print_floor.py``). The design asks more of the command than that script does, and this
measures what, part by part, so that the budget can be judged against the least any
implementation of the design pays:

- Python and the modules the command loads (all of them, as ``print-cards`` leaves
  ``sys.modules``), beside Python and reportlab alone (what the floor loads);
- opening the notebook, with its quick check (DESIGN §6: nothing is read unchecked);
- the day's plan (``storage.outreach.today_plan`` on that notebook: which cards are due);
- the cards' words from their templates (the cards are written from the rotation);
- the floor itself: reportlab drawing the recorded strings and saving the PDF;
- the writes, in one transaction: the card rows, the touches (and the customers' last
  change), the settled suggestions, the cards marked printed, the printed customers' agendas
  worked out again (issue 14: agendas change in the same transaction as the data), commit;
- and, with no code of Rapport's, the least any implementation pays: the day's shown entries
  read in raw SQL, and the writes in raw SQL, durable (a card row and a touch each, one agenda
  entry and the last touch kept true), set beside the floor.

Each part runs in a fresh process on a fresh copy of the notebook (known intact, as the bench
leaves it), timed around that part alone, after what it needs is loaded and read untimed.
The medians are printed as a table, with each part's share of the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.bench_print import Bench, last_day
from tests.bench.run import PY, ROOT, ensure_notebook

_FLOOR_IMPORTS = ("import json; from reportlab import rl_config; "
                  "from reportlab.pdfbase import pdfmetrics; "
                  "from reportlab.pdfbase.ttfonts import TTFont; "
                  "from reportlab.pdfgen.canvas import Canvas")


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000


# --- the parts, each run in its own process (``--part NAME NOTEBOOK DAY``) ------------------

def _opened(path: str, day: str):
    """The notebook open, the day parsed, the modules the parts use loaded (untimed)."""
    from datetime import date

    from storage.db import open_notebook

    open_notebook(Path(path))
    return date.fromisoformat(day)


def part_open(path: str, day: str) -> float:
    """Opening the notebook, its quick check included (as the command opens it)."""
    from storage import check_ahead
    from storage.db import open_notebook

    start = time.perf_counter()
    check_ahead.start(Path(path))
    open_notebook(Path(path))
    return _ms(start)


def part_plan(path: str, day: str) -> float:
    """The day's plan: which posted cards are due (as print-cards asks it, kept nowhere)."""
    from domain.outreach import posted
    from storage import outreach

    when = _opened(path, day)
    start = time.perf_counter()
    posted(outreach.today_queue(when, keep=False))
    return _ms(start)


def part_words(path: str, day: str) -> float:
    """The cards' words: each new card written from the next template in rotation, nothing
    saved (storage.card_batch.card_words, the email's path: the same words)."""
    from domain.outreach import posted
    from storage import card_batch, outreach

    when = _opened(path, day)
    mail = posted(outreach.today_queue(when, keep=False))
    start = time.perf_counter()
    card_batch.card_words(mail, when)
    return _ms(start)


def part_writes(path: str, day: str) -> float:
    """The writes of a batch marked printed, in one transaction, from rows made beforehand
    (untimed): prints each step's ms on stderr as JSON, returns the whole."""
    from domain.outreach import posted
    from storage import agenda, answers, card_batch, outreach, records
    from storage.db import db

    when = _opened(path, day)
    mail = posted(outreach.today_queue(when, keep=False))
    found = {card.id: card for _s, card, _p in card_batch.card_words(mail, when)}
    cards = list(found.values())  # a card answering two suggestions is one card
    settled = answers.answered(cards, when)
    last = db.execute_sql("SELECT coalesce(max(id), 0) FROM card").fetchone()[0]
    rows = [(c.id, c.customer_id, c.occasion, c.text, c.card_format or "a7", "queued",
             when.isoformat(), None, None, c.template_id)
            for c in cards if (c.id or 0) > last]  # new cards (others were queued before)
    touches = [(c.customer_id, when.isoformat(), "card", "", f"{c.occasion} card")
               for c in cards]
    people = [(records.now_stamp(), cid) for cid in dict.fromkeys(c.customer_id for c in cards)]
    handled = [(s.customer_id, key, None, 1) for s in settled.values()
               for key in s.settled_keys()]
    steps: dict[str, float] = {}
    start = time.perf_counter()
    with db.atomic():
        con = db.connection()
        at = time.perf_counter()
        con.executemany("INSERT INTO card (id, customer_id, occasion, text, card_format, "
                        "status, created, printed, mailed, template_id) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?)", rows)
        steps["card rows"], at = _ms(at), time.perf_counter()
        con.executemany("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                        "VALUES (?,?,?,?,?)", touches)
        con.executemany("UPDATE customer SET updated = ? WHERE id = ?", people)
        steps["touches"], at = _ms(at), time.perf_counter()
        con.executemany(outreach._UPSERT, handled)
        steps["settled suggestions"], at = _ms(at), time.perf_counter()
        con.executemany("UPDATE card SET printed = ?, status = 'printed' WHERE id = ?",
                        [(when.isoformat(), c.id) for c in cards])
        steps["cards marked printed"], at = _ms(at), time.perf_counter()
        agenda.flush()  # what the commit would do first: the marked customers worked out
        steps["agendas worked out again"], at = _ms(at), time.perf_counter()
    steps["commit"] = _ms(at)
    print(json.dumps(steps), file=sys.stderr)
    return _ms(start)


def part_raw_reads(path: str, day: str) -> float:
    """The reads no plan can skip, in raw SQL: the entries that show on the day and the count
    of nudges due (tests.bench.today_bound), Python and sqlite3 loaded untimed."""
    import sqlite3

    from tests.bench.today_bound import read_shown

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    read_shown(con, day)
    return _ms(start)


def part_raw_writes(path: str, day: str) -> float:
    """The writes no batch marked printed can skip, in raw SQL, durable as Rapport writes
    (WAL, synchronous FULL): a card row and a touch each, and each printed customer's stored
    agenda kept true with the least change there is (one entry and the last touch), on a copy
    whose triggers are dropped first (untimed). Its customers: those with an occasion showing
    on the day, as many as there are cards."""
    import sqlite3

    from tests.bench.today_bound import read_shown

    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA synchronous = FULL")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        con.execute(f'DROP TRIGGER "{name}"')
    shown, _waiting = read_shown(con, day)
    cards = int(os.environ.get("RAPPORT_BENCH_CARDS", "0")) or len(shown)
    ids = list(dict.fromkeys(row[1] for row in shown))[:cards]
    text = "Dear friend, thinking of you on your day. " * 6
    start = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO card (customer_id, occasion, text, card_format, status, "
                    "created, printed) VALUES (?, 'birthday', ?, 'a7', 'printed', ?, ?)",
                    [(cid, text, day, day) for cid in ids])
    con.executemany("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                    "VALUES (?, ?, 'card', '', 'birthday card')", [(cid, day) for cid in ids])
    con.executemany("UPDATE agenda SET due = date(due, '+30 days'), shows_from = "
                    "date(shows_from, '+30 days') WHERE customer_id = ? AND kind = "
                    "'keep_in_touch'", [(cid,) for cid in ids])
    con.executemany("UPDATE agenda_customer SET last_touch = ? WHERE customer_id = ?",
                    [(day, cid) for cid in ids])
    con.execute("COMMIT")
    return _ms(start)


PARTS = {"open": part_open, "plan": part_plan, "words": part_words, "writes": part_writes}
RAW = {"raw reads": part_raw_reads, "raw writes": part_raw_writes}


# --- the runner -----------------------------------------------------------------------------

def _loaded(bench: Bench, source: Path, day: str) -> list[str]:
    """The modules a real ``print-cards --mark-printed`` run leaves loaded (untimed)."""
    copy = bench.fresh(source, "modules.rapport")
    code = ("import sys, json, main; main.main(sys.argv[1:]); "
            "print(json.dumps(sorted(m for m in sys.modules if not m.startswith('_') "
            "and '._' not in m and m != '__main__')))")
    done = subprocess.run([PY, "-c", code, *bench.print_cards(copy, day, True)], check=True,
                          capture_output=True, text=True, env=bench.env, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _imports(bench: Bench, modules: list[str]) -> float:
    code = (f"import importlib\nfor m in {modules!r}:\n    try:\n"
            "        importlib.import_module(m)\n"
            "    except ImportError:\n        pass  # made by an extension (cython_runtime)")
    return bench.timed([PY, "-c", code]) * 1000


def _part(bench: Bench, source: Path, day: str, name: str, cards: int) -> tuple[float, dict]:
    copy = bench.fresh(source, "part.rapport")
    done = subprocess.run([PY, "-m", "tests.bench.print_lower", "--part", name, str(copy),
                           day], check=True, capture_output=True, text=True,
                          env={**bench.env, "RAPPORT_BENCH_CARDS": str(cards)}, cwd=ROOT)
    steps = json.loads(done.stderr.strip().splitlines()[-1]) if name == "writes" else {}
    return float(done.stdout.strip().splitlines()[-1]), steps


def measure(customers: int, rounds: int) -> list[tuple[str, float]]:
    """The parts' medians (ms), in the table's order; the floor's among them."""
    source = ensure_notebook(customers)
    day = last_day(source)
    with tempfile.TemporaryDirectory(prefix="rapport-print-lower-") as tmp:
        bench = Bench(Path(tmp))
        strings = bench.record(source, day, mark=True)
        cards = len(json.loads(strings.read_text("utf-8"))["pages"])
        modules = _loaded(bench, source, day)
        took: dict[str, list[float]] = {}
        for _ in range(rounds):
            runs = {"python + reportlab (the floor's imports)":
                    lambda: bench.timed([PY, "-c", _FLOOR_IMPORTS]) * 1000,
                    "python + every module print-cards loads": lambda: _imports(bench, modules),
                    "floor: reportlab draws the same strings, saves the PDF":
                    lambda: bench.floor(strings) * 1000}
            for label, run in runs.items():
                took.setdefault(label, []).append(run())
            for name in [*PARTS, *RAW]:
                ms, steps = _part(bench, source, day, name, cards)
                took.setdefault(name, []).append(ms)
                for step, value in steps.items():
                    took.setdefault(f"  {step}", []).append(value)
            took.setdefault("print-cards --mark-printed (whole)", []).append(
                bench.rapport(source, day, True) * 1000)
    return [(label, statistics.median(values)) for label, values in took.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--part", nargs=3, metavar=("NAME", "NOTEBOOK", "DAY"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.part:
        name, path, day = args.part
        part = {**PARTS, **RAW}[name]
        print(f"{part(path, day):.1f}")
        return 0
    rows = dict(measure(args.customers, args.rounds))
    floor = rows["floor: reportlab draws the same strings, saves the PDF"]
    extra_imports = rows["python + every module print-cards loads"] - \
        rows["python + reportlab (the floor's imports)"]
    print("| part | ms (median) | share of the floor |\n| --- | --- | --- |")
    for label, ms in rows.items():
        print(f"| {label} | {ms:.0f} | {ms / floor:.2f} |")
    # The command imports while the quick check runs (ui.cli.common.check_ahead): the longer
    # of the two counts, not both.
    least = floor + max(extra_imports, rows["open"]) + sum(rows[p] for p in list(PARTS)[1:])
    print(f"| lower bound: floor + the longer of (imports beyond it, open) + plan + words + "
          f"writes | {least:.0f} | {least / floor:.2f} |")
    # No code of Rapport's at all: what drawing, reading the day and writing it durably take
    least_raw = floor + rows["raw reads"] + rows["raw writes"]
    print(f"| least of any implementation: floor + raw reads + raw writes | {least_raw:.0f} | "
          f"{least_raw / floor:.2f} |")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
