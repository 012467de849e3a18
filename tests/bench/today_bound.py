"""A lower bound for ``today --json``: what any Rapport answering it must do, and nothing more.

``python -m tests.bench.today_bound NOTEBOOK DAY`` (the default settings: the bench notebook's)

Python starts; the database layer the product is built on (peewee) and the day's rules
(``domain.outreach``) are loaded but never run; the rows Today cannot do without are read
with the indexed statements Today uses — every stored entry other than a nudge that shows on
the day, with its stored words, and the due nudges counted — and each entry read is written
out as one JSON line of its stored words. No policy, no wording, no names' numbers or
addresses: less than ``today --json`` has to do. Its time, set beside the raw-scan floor of the
same run, says how much of issue 14's ``today --json`` budget is left for the rules themselves.
"""

import json
import sqlite3
import sys

import peewee  # noqa: F401  the product's database layer (the product card names it)

import domain.outreach  # noqa: F401  the rules, loaded: Today cannot answer without them

_NUDGES = ("SELECT count(DISTINCT customer_id) FROM agenda INDEXED BY agenda_nudges "
           "WHERE kind IN ('keep_in_touch', 'lapsed') AND due <= :horizon")


def read_shown(con: sqlite3.Connection, day: str) -> tuple[list[tuple], int]:
    """The stored entries but nudges that show on ``day`` (default settings), and how many
    customers have a nudge due: the rows Today cannot do without."""
    from datetime import date

    from domain.outreach import Context, Settings
    from storage.agenda_sql import SHOWN  # Today's own statement, storage not loaded

    horizon = Context(date.fromisoformat(day), Settings()).horizon.isoformat()
    params = {"day": day, "horizon": horizon}
    rows = con.execute(SHOWN, params).fetchall()
    (waiting,), = con.execute(_NUDGES, params)
    return rows, waiting


def main(path: str, day: str) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows, waiting = read_shown(con, day)
    write, dumps, loads = sys.stdout.write, json.dumps, json.loads
    for _rowid, cid, kind, key, due, *_rest, detail in rows:
        write(dumps({"customer_id": cid, "kind": kind, "key": key, "due": due,
                     "words": loads(detail) if detail else None}, ensure_ascii=False) + "\n")
    print(f"{waiting} customers with a nudge due", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
