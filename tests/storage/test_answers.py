"""Issue 14, behaviour 2: a card that goes out (printed or mailed, from anywhere) settles the
suggestion it answers, in the transaction that marks it, as Done does."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.dates import PartialDate
from domain.model import Address, Card, Customer, Interaction, Milestone, Promise
from storage import customers, outreach
from storage import templates as store
from storage.db import db

MON = date(2026, 11, 23)


def add(given: str, **kw) -> int:
    kw.setdefault("addresses", [Address("1 Elm St", "Portland", mailing=True)])
    kw.setdefault("customer_since", date(2020, 1, 6))
    kw.setdefault("interactions", [Interaction(date(2026, 11, 1), "visit")])  # no cap near
    return customers.save_customer(Customer(given_name=given, family_name="Lopez", **kw))


def kinds(day: date = MON) -> list[tuple[int, str]]:
    return [(s.customer_id, s.kind) for s in outreach.today_queue(day)]


def card(who: int, occasion: str) -> int:
    return store.create_card(Card(who, occasion, "Dear you", "a2-folded", "queued", MON)).id


def test_a_card_written_on_the_customer_page_settles_the_birthday(notebook):
    wes = add("Wes", milestones=[Milestone("birthday", PartialDate(12, 4, 1980))])
    assert kinds() == [(wes, "milestone")]
    store.set_status([card(wes, "birthday")], "printed", MON)
    assert kinds() == [] and kinds(date(2026, 11, 30)) == []
    assert kinds(date(2027, 11, 26)) == [(wes, "milestone")]  # next year's still comes


def test_a_card_printed_before_its_occasion_reaches_the_queue_answers_it(notebook):
    wes = add("Wes", milestones=[Milestone("birthday", PartialDate(12, 10, 1980))])
    assert kinds() == []  # post by 3 Dec: not yet in the week's queue
    store.set_status([card(wes, "birthday")], "mailed", MON)
    assert kinds(date(2026, 12, 1)) == []


def test_a_card_of_another_occasion_settles_nothing(notebook):
    wes = add("Wes", milestones=[Milestone("birthday", PartialDate(12, 4, 1980))])
    store.set_status([card(wes, "holiday")], "printed", MON)
    assert kinds() == [(wes, "milestone")]


def test_a_card_never_keeps_a_promise(notebook):
    """A promise is kept in the owner's words (Done, or the touch's question), not by a
    "thinking of you" card that happens to go out the same day."""
    tara = add("Tara", promises=[Promise(date(2026, 11, 18), datetime(2026, 11, 23, 15, 0),
                                         "Post the catalogue")])
    store.set_status([card(tara, "keep_in_touch")], "printed", MON)
    assert kinds() == [(tara, "promise_due")]


def test_draft_or_queued_settles_nothing_and_mailed_after_printed_once(notebook):
    wes = add("Wes", milestones=[Milestone("birthday", PartialDate(12, 4, 1980))])
    cid = card(wes, "birthday")
    store.set_status([cid], "draft", MON)
    assert kinds() == [(wes, "milestone")]
    store.set_status([cid], "printed", MON)
    [(key, dismissed)] = db.execute_sql("SELECT key, dismissed FROM suggestion_state")
    store.set_status([cid], "mailed", date(2026, 11, 24))
    assert db.execute_sql("SELECT key, dismissed FROM suggestion_state").fetchall() == [
        (key, dismissed)]


def test_the_mark_and_its_settling_are_one_transaction(notebook, monkeypatch):
    """If settling fails, the card stays queued and no touch is logged."""
    from storage import answers

    wes = add("Wes", milestones=[Milestone("birthday", PartialDate(12, 4, 1980))])
    cid = card(wes, "birthday")

    def broken(found):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(answers.outreach, "mark_handled", broken)
    with pytest.raises(RuntimeError):
        store.set_status([cid], "printed", MON)
    assert store.get_card(cid).status == "queued"
    assert [i.kind for i in customers.get_customer(wes).interactions] == ["visit"]
    assert kinds() == [(wes, "milestone")]


def test_a_touch_keeps_its_promise_in_one_transaction_and_undo_reopens_it(notebook):
    from storage import timeline

    tara = add("Tara")
    other = add("Olga")
    due = datetime(2026, 11, 23, 15, 0)
    pid = timeline.add(tara, Promise(date(2026, 11, 18), due, "Send photos")).id
    touch, kept = timeline.log_keeping(tara, Interaction(MON, "call"), pid)
    assert kept and kinds() == []
    assert customers.get_customer(tara).promises[0].status == "kept"
    timeline.unlog_keeping(touch, pid, kept)
    assert customers.get_customer(tara).promises[0].status == "open"
    assert [i.kind for i in customers.get_customer(tara).interactions] == ["visit"]
    _touch, kept = timeline.log_keeping(other, Interaction(MON, "call"), pid)
    assert not kept  # never another customer's promise
    assert customers.get_customer(tara).promises[0].status == "open"
