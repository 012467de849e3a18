"""The open promises with a time, read for the window's notices."""

from __future__ import annotations

from datetime import date, datetime

from domain.model import Customer, Promise
from storage import customers, promise_hours, timeline

NOW = datetime(2026, 11, 23, 15, 0)


def test_due_by_and_the_next_one(notebook):
    ana = customers.save_customer(Customer(given_name="Ana", family_name="Lopez"))
    gone = customers.save_customer(Customer(given_name="Old", family_name="Friend",
                                            status="archived"))
    made = date(2026, 11, 20)
    for who, due, what, status in [
            (ana, datetime(2026, 11, 23, 15, 0), "Call back", "open"),
            (ana, datetime(2026, 11, 23, 9, 30), "Send the quote", "open"),
            (ana, datetime(2026, 11, 23, 0, 0), "Some time today", "open"),  # no hour
            (ana, datetime(2026, 11, 23, 11, 0), "Kept one", "kept"),
            (ana, datetime(2026, 11, 24, 10, 0), "Tomorrow", "open"),
            (gone, datetime(2026, 11, 23, 10, 0), "Archived", "open")]:
        timeline.add(who, Promise(made, due, what, status))
    found = promise_hours.due_by(NOW)
    assert [(p.customer, p.what, p.due.hour) for p in found] == [
        ("Ana", "Send the quote", 9), ("Ana", "Call back", 15)]
    assert promise_hours.next_after(NOW) == datetime(2026, 11, 24, 10, 0)
    assert promise_hours.next_after(datetime(2026, 11, 24, 10, 0)) is None
