"""The bench's 1,000-card notebook is the notebook as a session left it on the day it prints
for: its agendas are worked out from that day, whatever the computer's date, so the first
print measures printing, not 1,000 agendas worked out on the spot for a day they do not hold."""

from __future__ import annotations

import sqlite3
from datetime import date

from storage import agenda
from tests.bench import thousand

DAY = date(2026, 6, 1)


def test_the_thousand_cards_notebook_holds_its_agendas_for_its_day(tmp_path):
    shop = tmp_path / "thousand.rapport"
    thousand.main(shop, DAY)
    con = sqlite3.connect(shop)
    try:
        held = con.execute("SELECT count(*) FROM agenda_customer WHERE as_of = ? "
                           "AND until >= ?", (DAY.isoformat(), DAY.isoformat())).fetchone()[0]
    finally:
        con.close()
    assert held == thousand.COUNT
    assert agenda.today() == date.today()  # the computer's day again after it
