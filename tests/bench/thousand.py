"""A notebook of 1,000 customers, each with a birthday a week after one day: on that day
1,000 posted cards are due.

``python -m tests.bench.thousand OUT.rapport YYYY-MM-DD``

Their agendas are worked out from that day, as the bench generator's are from its day: the
notebook as a session left it on the day it prints for. (Worked out from the computer's day,
a print for another day worked all 1,000 out again on the spot, 60 ms of a 650 ms first
print, and how long the bench took depended on the day it ran.)

Names are the bench generator's, kept to those the card's brush face draws whole (Latin
script only), so the batch measures drawing in one face. Each customer has a phone and a
recent call, so no other posted card is due that day.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone, Purchase
from domain.templates import Sender
from tests.bench.generate import CITIES, FAMILY, GIVEN, STREETS

COUNT = 1000
LEAD = 7  # days before the birthday: time enough to post a card
SENDER = Sender(business="Bloom & Co", owner="Maria Lopez", signature="Maria",
                return_address=Address("48 Alder St", "Portland", "OR", "97205"),
                offer="a free Friday bunch on your next visit")


def customers(day: date, given: list[str], family: list[str]) -> list[Customer]:
    soon = day + timedelta(days=LEAD)
    out = []
    for i in range(COUNT):
        city, region, zip_head = CITIES[i % len(CITIES)]
        out.append(Customer(
            given_name=given[i % len(given)], family_name=family[(i * 7) % len(family)],
            id=i + 1, customer_since=day - timedelta(days=1000 + i),
            phones=[f"+1503555{i:04d}"],
            addresses=[Address(f"{100 + i} {STREETS[i % len(STREETS)]}", city, region,
                               f"{zip_head}{i % 100:02d}", mailing=True)],
            milestones=[Milestone("birthday", PartialDate(soon.month, soon.day, 1950 + i % 50))],
            purchases=[Purchase(day - timedelta(days=40 + i % 20), Decimal(45), "bouquet")],
            interactions=[Interaction(day - timedelta(days=3), "call", "Asked about roses")]))
    return out


def main(path: Path, day: date) -> None:
    from exports.cards import fonts
    from storage import agenda, bulk, templates
    from storage.db import close_notebook, db, open_notebook

    brush = fonts.face("brush")
    given = [n for n in GIVEN if brush.has_all(n)]
    family = [n for n in FAMILY if brush.has_all(n)]
    agenda.set_clock(lambda: day)
    open_notebook(path)
    try:
        with db.atomic():
            bulk.write_all(bulk.NotebookContent(customers(day, given, family)))
        templates.save_sender(SENDER)
    finally:
        close_notebook()
        agenda.set_clock(date.today)  # tests call this in their own process


if __name__ == "__main__":
    main(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]))
