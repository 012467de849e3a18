"""`today` on the command line: grouped text, a JSON list, one-line errors, no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import main
from domain.dates import PartialDate
from domain.model import Customer, Interaction, Milestone, Purchase

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def book(tmp_path) -> Path:
    from storage import customers
    from storage.db import close_notebook, open_notebook

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    customers.save_customer(Customer(
        given_name="Maria", family_name="Lopez", phones=["+15035550101"],
        interactions=[Interaction(date(2026, 9, 20), "call")]))
    customers.save_customer(Customer(
        given_name="Ann", family_name="Lee", emails=["ann@example.com"],
        milestones=[Milestone("birthday", PartialDate(11, 26))],
        purchases=[Purchase(date(2026, 11, 19), 12)]))
    close_notebook()
    return path


def test_today_json_lists_objects_with_the_promised_keys(book, capsys):
    assert main.main(["today", "--date", "2026-11-23", "--json", "--notebook", str(book)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["customer"], i["kind"], i["due"], i["channel"]) for i in items] == [
        ("Maria Lopez", "keep_in_touch", "2026-10-20", "text"),
        ("Ann Lee", "thank_you_first_purchase", "2026-11-21", "email"),
        ("Ann Lee", "milestone", "2026-11-26", "email"),
    ]
    assert items[0]["reason"] == "Last touch 64 days ago (a call on 20 Sep)"
    assert all({"customer", "customer_id", "kind", "due", "channel", "reason", "key",
                "occasion"} <= set(i) for i in items)


def test_today_plain_text_is_grouped(book, capsys):
    assert main.main(["today", "--date", "2026-11-23", "--notebook", str(book)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Today, Mon 23 Nov 2026: 3 suggestions")
    assert out.index("Overdue (2)") < out.index("This week (1)")
    assert "Maria Lopez · Keep in touch · Text message" in out
    assert "Last touch 64 days ago (a call on 20 Sep)" in out


def test_today_with_nothing_to_do(book, capsys):
    assert main.main(["today", "--date", "2026-09-21", "--notebook", str(book)]) == 0
    assert capsys.readouterr().out.strip() == "Today, Mon 21 Sep 2026: nothing to do."
    assert main.main(["today", "--date", "2026-09-21", "--json", "--notebook", str(book)]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "20261123", "2026-02-30", ""])
def test_a_bad_date_is_one_line_on_stderr(book, capsys, bad):
    assert main.main(["today", "--date", bad, "--notebook", str(book)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and "Traceback" not in captured.err


def test_a_missing_notebook_is_a_one_line_error(tmp_path, capsys):
    assert main.main(["today", "--notebook", str(tmp_path / "none.rapport")]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_today_never_imports_qt_or_what_only_other_commands_need(book):
    heavy = "{'PySide6', 'reportlab', 'jinja2', 'phonenumbers', 'email_validator'}"
    code = ("import sys, main; main.main(['today', '--json', '--notebook', sys.argv[1]]); "
            f"loaded = {{m.split('.')[0] for m in sys.modules}} & {heavy}; "
            "assert not loaded, f'imported: {loaded}'")
    done = subprocess.run([sys.executable, "-c", code, str(book)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert isinstance(json.loads(done.stdout), list)


def _capacity(path: Path, per_day: int) -> None:
    from domain.outreach import Settings
    from storage import outreach
    from storage.db import close_notebook, open_notebook

    open_notebook(path)
    outreach.save_settings(Settings(daily_capacity=per_day))
    close_notebook()


def test_nudges_beyond_the_daily_capacity_are_counted_in_plain_words(book, capsys):
    _capacity(book, 0)
    assert main.main(["today", "--date", "2026-11-23", "--notebook", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Maria Lopez" not in out and out.startswith("Today, Mon 23 Nov 2026: 2 suggestions")
    assert out.rstrip().endswith("…and 1 more customer is due a keep-in-touch or a "
                                 "we-miss-you note (none are shown: the daily capacity is 0)")


def test_json_stays_a_list_and_the_count_goes_to_stderr(book, capsys):
    _capacity(book, 0)
    assert main.main(["today", "--date", "2026-11-23", "--json", "--notebook", str(book)]) == 0
    captured = capsys.readouterr()
    assert [i["kind"] for i in json.loads(captured.out)] == ["thank_you_first_purchase",
                                                            "milestone"]
    assert captured.err.startswith("…and 1 more customer is due a keep-in-touch")


def test_nothing_is_said_about_waiting_when_nobody_is(book, capsys):
    assert main.main(["today", "--date", "2026-11-23", "--json", "--notebook", str(book)]) == 0
    assert capsys.readouterr().err == ""


@pytest.fixture
def far_book(book) -> Path:
    """The book, and a promise due in the calendar's last week, on 23 Dec 9999."""
    from datetime import datetime

    from domain.model import Promise
    from storage import customers
    from storage.db import close_notebook, open_notebook

    open_notebook(book)
    customers.save_customer(Customer(given_name="Zoë", family_name="Last", promises=[
        Promise(date(9999, 12, 1), datetime(9999, 12, 23, 9), "call back")]))
    close_notebook()
    return book


END_DAYS = ["0001-01-01", "0001-01-07", "9999-12-23", "9999-12-24", "9999-12-25",
            "9999-12-30", "9999-12-31"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
@pytest.mark.parametrize("day", END_DAYS)
def test_any_date_at_the_calendar_s_ends_is_planned(far_book, capsys, day, json_flag):
    code = main.main(["today", "--date", day, *json_flag, "--notebook", str(far_book)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""


@pytest.mark.parametrize("day", ["9999-12-17", "9999-12-23", "9999-12-31"])
def test_the_calendar_s_last_week_shows_what_is_due_in_it(far_book, capsys, day):
    assert main.main(["today", "--date", day, "--json", "--notebook", str(far_book)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert ("Zoë Last", "promise_due", "9999-12-23") in [
        (i["customer"], i["kind"], i["due"]) for i in items]
