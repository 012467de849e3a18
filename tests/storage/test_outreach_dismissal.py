"""A dismissal in a real notebook lasts until the next occasion, at most one cadence period
for a lapse, an open promise or problem (issue 14 item 6); a birthday's lasts for good."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone, Promise, Purchase
from storage import customers, outreach
from storage.db import close_notebook, db, open_notebook

FRI = date(2026, 11, 20)
MONTHLY = [Purchase(date(2026, m, 5), Decimal(40), "flowers") for m in (1, 2, 3, 4)]


def add(given: str, **kw) -> int:
    kw.setdefault("emails", [f"{given.lower()}@example.com"])
    kw.setdefault("phones", ["+15035550101"])
    kw.setdefault("addresses", [Address("1 Elm St", "Portland", mailing=True)])
    kw.setdefault("customer_since", date(2020, 1, 6))
    return customers.save_customer(Customer(given_name=given, family_name="Lopez", **kw))


def kinds(day: date) -> list[str]:
    return [s.kind for s in outreach.today_queue(day)]


def test_a_dismissed_we_miss_you_is_back_a_cadence_later(notebook):
    add("Maria", purchases=MONTHLY, interactions=[Interaction(date(2026, 5, 1), "call")])
    [s] = outreach.today_queue(FRI)
    assert s.kind == "lapsed"
    outreach.dismiss(s, FRI)
    close_notebook()
    open_notebook(notebook.path)
    assert kinds(FRI) == [] and kinds(FRI + timedelta(days=29)) == []
    assert kinds(FRI + timedelta(days=30)) == ["lapsed"]


def test_the_limit_follows_the_tags_cadence(notebook):
    add("Maria", tags=["vip"], promises=[Promise(date(2026, 11, 1),
                                                 datetime(2026, 11, 18, 10), "call back")],
        interactions=[Interaction(date(2026, 11, 5), "visit")])
    outreach.set_tag_cadence("vip", 14)
    [s] = outreach.today_queue(FRI)
    outreach.dismiss(s, FRI)
    assert kinds(FRI + timedelta(days=13)) == []
    assert kinds(FRI + timedelta(days=14)) == ["promise_due"]


def test_a_dismissed_birthday_stays_dismissed_and_old_dismissals_are_not_read(notebook):
    add("Maria", milestones=[Milestone("birthday", PartialDate(12, 4))],
        interactions=[Interaction(date(2026, 11, 19), "visit")])
    [s] = outreach.today_queue(FRI)
    outreach.dismiss(s, FRI)
    assert kinds(FRI + timedelta(days=10)) == []
    assert db.execute_sql("SELECT snoozed_until, dismissed FROM suggestion_state").fetchall() \
        == [(None, 1)]
    db.execute_sql("UPDATE suggestion_state SET snoozed_until = '2026-11-25'")
    assert outreach.load_states(date(2026, 11, 25)) == {}
