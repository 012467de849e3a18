"""Issue 14, behaviour 3: a promise's hour, as the notebook keeps it (``due`` holds the day and
the time since version 1: no migration), makes it late at that hour when the caller gives the
time of day; ``today --json`` says the hour."""

from __future__ import annotations

import json
from datetime import date, datetime

import main
from domain.model import Customer, Interaction, Promise
from storage import customers, outreach
from storage.db import close_notebook

MON = date(2026, 11, 23)


def add(given: str, hour: int) -> int:
    return customers.save_customer(Customer(
        given_name=given, family_name="Lopez", phones=["+15035550101"],
        interactions=[Interaction(date(2026, 11, 20), "visit")],
        promises=[Promise(date(2026, 11, 18), datetime(2026, 11, 23, hour, 30), "Call back")]))


def test_the_notebook_plans_by_the_hour_when_given_the_time(notebook):
    add("Ann", 16)
    add("Bo", 9)
    by_day = outreach.today_queue(MON)
    assert [(s.customer, s.group(MON)) for s in by_day] == [("Bo Lopez", "today"),
                                                            ("Ann Lopez", "today")]
    late = outreach.today_queue(MON, now=datetime(2026, 11, 23, 9, 31))
    assert [(s.customer, s.group(MON)) for s in late] == [("Bo Lopez", "overdue"),
                                                          ("Ann Lopez", "today")]
    assert late[0].reason == "Promised: Call back — overdue since 09:30"


def test_today_json_says_the_hour(notebook, capsys):
    add("Ann", 16)
    close_notebook()
    assert main.main(["today", "--date", "2026-11-23", "--json", "--notebook",
                      str(notebook.path)]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert (found["due"], found["due_time"], found["group"]) == ("2026-11-23", "16:30", "today")
