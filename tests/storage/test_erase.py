"""Erasing a customer completely: a preview first, then nothing left in the file."""

from __future__ import annotations

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
from storage import customers, timeline
from storage.customers import NotFound
from storage.db import db
from storage.erase import erase_customer, erase_preview

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
