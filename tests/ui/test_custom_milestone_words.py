"""A custom milestone has one name everywhere: `today --json`, the window's Today row, the
Calendar, the customer page and the .ics export word it the same (the domain names it)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar

import main
from domain.dates import PartialDate
from domain.model import Interaction, Milestone
from tests.ui.test_today_support import MONDAY, Clock, add, close_windows, open_window, settle
from ui.calendar.model import COL_OCCASION, COL_WHO

LONG = ("Opening night of her first solo show at the Pearl gallery, with the whole family\n"
        "bring the ochre bouquet")
# customer -> (the milestone's note, the name every surface must give it)
NAMED = {
    "Renée Lopez": ("Shop anniversary", "Shop anniversary"),
    "Dana Lopez": ("Gotcha day", "Gotcha day"),
    "Olga Lopez": (LONG, "Opening night of her first solo show at the Pearl gallery,…"),
    "Ivan Lopez": ("", "Milestone"),
}
DAYS = {"Renée": 25, "Dana": 26, "Olga": 27, "Ivan": 28}


@pytest.fixture
def book(notebook):
    """Four customers, each with one custom milestone in the coming week, touched lately."""
    for given, day in DAYS.items():
        note = NAMED[f"{given} Lopez"][0]
        add(given, interactions=[Interaction(date(2026, 11, 20), "visit")],
            milestones=[Milestone("custom", PartialDate(11, day, 2019), note=note)])
    return notebook


@pytest.fixture
def made():
    windows: list = []
    yield windows
    close_windows(windows)


def _command_line(path, tmp_path) -> tuple[dict[str, dict], dict[str, str]]:
    """`today --json`'s milestone of each customer, and the .ics SUMMARY of each, by customer
    — run as the owner would, on the closed notebook."""
    from storage.db import close_notebook

    close_notebook()
    args = ["--notebook", str(path)]
    out = tmp_path / "out.json"
    with open(out, "w", encoding="utf-8") as stream:
        import contextlib

        with contextlib.redirect_stdout(stream):
            assert main.main(["today", "--date", MONDAY.isoformat(), "--json", *args]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    today = {i["customer"]: i for i in items if i["kind"] == "milestone"}
    assert main.main(["export", str(tmp_path / "m.ics"), *args]) == 0
    cal = Calendar.from_ical((tmp_path / "m.ics").read_bytes())
    summaries = {}
    for event in cal.walk("VEVENT"):
        who, _, what = str(event["summary"]).partition(" — ")
        summaries[who] = what
    return today, summaries


def _calendar_titles(window) -> dict[str, str]:
    window.show_screen("calendar")
    settle(window)
    model = window.screens["calendar"].controller.model
    return {model.index(r, COL_WHO).data(): model.index(r, COL_OCCASION).data()
            for r in model.item_rows()}


def _customer_page_kind(window, qtbot, customer_id: int) -> str:
    window.show_screen("customers")
    screen = window.screens["customers"]
    screen.show_customer(customer_id)
    qtbot.waitUntil(lambda: screen.detail.customer_id() == customer_id, timeout=5000)
    settle(window)
    return screen.detail_page.personal.milestones.tree.topLevelItem(0).text(0)


def test_a_custom_milestone_is_worded_the_same_everywhere(qtbot, book, tmp_path, made):
    cli, ics = _command_line(book.path, tmp_path)
    from storage.db import open_notebook

    info = open_notebook(book.path)
    window = open_window(qtbot, info, Clock(MONDAY), made)
    rows = {s.customer: s for s in window.screens["today"].controller.model.suggestions()
            if s.kind == "milestone"}
    calendar = _calendar_titles(window)
    for customer, (_note, name) in NAMED.items():
        assert rows[customer].title == name
        assert rows[customer].reason.startswith(f"{name} on ")
        assert cli[customer]["reason"] == rows[customer].reason  # word for word
        assert calendar[customer] == name
        assert ics[customer] == name


def test_the_customer_page_names_it_too(qtbot, book, made):
    from storage import customers

    window = open_window(qtbot, book, Clock(MONDAY), made)
    for row in customers.list_rows():
        assert _customer_page_kind(window, qtbot, row.id) == NAMED[row.name][1]


def test_two_custom_milestones_on_one_day_keep_their_own_names(notebook):
    """The window's old adapter matched notes by customer and day: both took one name."""
    from ui.calendar.service import CalendarService

    add("Mia", interactions=[Interaction(date(2026, 11, 20), "visit")],
        milestones=[Milestone("custom", PartialDate(11, 26), note="Gotcha day"),
                    Milestone("custom", PartialDate(11, 26), note="Shop anniversary"),
                    Milestone("custom", PartialDate(11, 26), whose="Tom", note="NYC marathon")])
    entries = CalendarService().upcoming(MONDAY).entries
    assert sorted(e.title for e in entries) == ["Gotcha day", "Shop anniversary",
                                                "Tom's NYC marathon"]
