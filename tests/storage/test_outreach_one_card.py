"""Two occasions of one customer's day in a real notebook (issue 14 item 5): one suggestion,
one card whose words answer both, one Done (or snooze, dismiss, undo) for both."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone, Purchase
from domain.templates import Sender
from storage import card_batch, customers, outreach
from storage import templates as store

WED = date(2026, 11, 25)


@pytest.fixture
def maria(notebook) -> int:
    """Maria's birthday card is to be posted by Fri 27 Nov, when her thank-you for sending
    Ann (who first bought today) falls due."""
    store.save_sender(Sender(business="Bloom", signature="Rosa"))
    cid = customers.save_customer(Customer(
        given_name="Maria", family_name="Lopez", customer_since=date(2020, 1, 6),
        addresses=[Address("1 Elm St", "Portland", mailing=True)],
        milestones=[Milestone("birthday", PartialDate(12, 4, 1976))],
        interactions=[Interaction(date(2026, 11, 10), "call")]))
    customers.save_customer(Customer(
        given_name="Ann", family_name="Lee", referred_by=cid, customer_since=WED,
        addresses=[Address("2 Oak St", "Portland", mailing=True)],
        purchases=[Purchase(WED, Decimal(30), "tulips")]))
    return cid


def hers(cid: int, day: date = WED) -> list:
    return [s for s in outreach.today_queue(day) if s.customer_id == cid]


def test_one_card_answers_both_and_its_words_say_both(maria):
    [s] = hers(maria)
    assert [a.kind for a in s.also] == ["thank_you_referral"]
    [(card, _person)] = card_batch.cards_for_suggestions([s], WED, "a2-folded")
    assert card.occasion == "birthday"
    assert "thank you for sending Ann Lee our way" in card.text
    assert card.text.index("Ann Lee") < card.text.rindex("Rosa")


def test_one_done_settles_both_and_undo_brings_both_back(maria):
    [s] = hers(maria)
    done = outreach.act_on(s, "mail", "Birthday card with a thank-you", WED)
    assert hers(maria) == [] and hers(maria, WED + timedelta(days=1)) == []
    outreach.undo_act(done)
    assert [x.settled_keys() for x in hers(maria)] == [s.settled_keys()]


@pytest.mark.parametrize("hide", ["snooze", "dismiss"])
def test_snooze_or_dismiss_hides_both_and_restore_shows_both(maria, hide):
    [s] = hers(maria)
    if hide == "snooze":
        outreach.snooze(s, date(2026, 11, 27))
    else:
        outreach.dismiss(s, WED)
    assert hers(maria) == []
    outreach.restore(s)
    assert [x.settled_keys() for x in hers(maria)] == [s.settled_keys()]


def test_one_done_settles_two_milestones_of_one_day(maria):
    c = customers.get_customer(maria)
    c.milestones.append(Milestone("wedding_anniversary", PartialDate(12, 4, 2001)))
    customers.save_customer(c)
    [s] = hers(maria)
    assert sorted(a.kind for a in s.also) == ["milestone", "thank_you_referral"]
    outreach.act_on(s, "mail", "One card for everything", WED)
    assert hers(maria) == [] and hers(maria, WED + timedelta(days=1)) == []
