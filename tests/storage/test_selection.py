"""Many customers at once: saved filters, a tag for a selection, one wording as a card each,
and a merge of two customers (storage/customer_filters.py, selection.py, merge.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.customer_filter import BadFilter, CustomerFilter
from domain.dates import PartialDate
from domain.model import Address, Card, Customer, Fact, Interaction, Milestone, Purchase, Template
from storage import customer_filters, customers, merge, owned, selection, templates, timeline
from storage.db import db

TODAY = date(2026, 12, 7)


def _add(given: str, city: str = "Portland", tags=("regular",), **kw) -> int:
    return customers.save_customer(Customer(
        given_name=given, family_name="Shaw", emails=[f"{given.lower()}@example.com"],
        tags=list(tags), addresses=[Address("1 Elm St", city, "OR", "97201", "US", True)],
        **kw))


def _buy(cid: int, when: date, amount: str) -> None:
    timeline.add(cid, Purchase(when, Decimal(amount), "roses"))


def test_filter_conditions_pick_the_right_customers(notebook):
    ann = _add("Ann", milestones=[Milestone("birthday", PartialDate(12, 24, 1970))],
               facts=[Fact("how_we_met", "Found us on Instagram")])
    bob = _add("Bob", city="Salem", tags=("wholesale",))
    cy = _add("Cy", milestones=[Milestone("birthday", PartialDate(3, 2))])
    _buy(ann, date(2026, 11, 1), "300.00")
    _buy(bob, date(2024, 5, 1), "40.00")
    _buy(cy, date(2025, 1, 1), "99.00")
    _buy(cy, date(2025, 2, 1), "2.00")

    def ids(**kw) -> set[int]:
        return customer_filters.matching_ids(CustomerFilter(**kw))

    assert ids() == {ann, bob, cy}
    assert ids(tag="REGULAR") == {ann, cy}
    assert ids(city="salem") == {bob}
    assert ids(bought_after=date(2026, 1, 1)) == {ann}
    assert ids(bought_before=date(2026, 1, 1)) == {bob, cy}
    assert ids(value_above=Decimal("100")) == {ann, cy}
    assert ids(value_above=Decimal("100"), tag="regular", city="Portland") == {ann, cy}
    assert ids(birthday_month=12) == {ann}
    assert ids(found_us="instagram") == {ann}


def test_a_saved_filter_round_trips_by_name(notebook):
    lapsed = CustomerFilter(tag="regular", bought_before=date(2026, 6, 1),
                            value_above=Decimal("250.50"), birthday_month=12,
                            found_us="market", city="Portland")
    customer_filters.save_filter("Lapsed regulars", lapsed)
    customer_filters.save_filter("December", CustomerFilter(birthday_month=12))
    customer_filters.save_filter("lapsed  REGULARS", CustomerFilter(tag="vip"))  # replaces
    saved = customer_filters.saved_filters()
    assert list(saved) == ["December", "lapsed REGULARS"]
    assert saved["lapsed REGULARS"] == CustomerFilter(tag="vip")
    assert CustomerFilter.from_json(lapsed.to_json()) == lapsed
    customer_filters.delete_filter("December")
    assert list(customer_filters.saved_filters()) == ["lapsed REGULARS"]


def test_a_damaged_saved_filter_hides_only_itself(notebook):
    db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (
        customer_filters.SETTING_KEY,
        '{"ok": {"tag": "vip"}, "bad": {"birthday_month": 13}, "odd": {"sql": "x"}}'))
    assert customer_filters.saved_filters() == {"ok": CustomerFilter(tag="vip")}
    with pytest.raises(BadFilter):
        CustomerFilter.from_json({"value_above": [1]})
    with pytest.raises(BadFilter):
        customer_filters.save_filter("   ", CustomerFilter(tag="x"))


def test_tag_a_selection_and_take_it_back(notebook):
    ids = [_add(n, tags=()) for n in ("Ann", "Bob", "Cy")]
    customers.save_customer(Customer(given_name="Dee", tags=["Holiday"], id=None))
    has = _add("Eve", tags=("x", "HOLIDAY"))
    before = {i: owned.read(i) for i in [*ids, has]}
    added = selection.add_tag([*ids, has], "holiday")
    assert sorted(added) == sorted(ids)  # Eve had it already, in another case
    assert all("holiday" in customers.get_customer(i).tags for i in ids)
    assert set(customers.search_ids("holiday")) >= set(ids)  # searched at once
    selection.take_tag(added, "holiday")
    assert {i: owned.read(i) for i in [*ids, has]} == before
    removed = selection.remove_tag([has, ids[0]], "Holiday")
    assert customers.get_customer(has).tags == ["x"]
    selection.put_back_tags(removed)
    assert owned.read(has) == before[has]


def test_one_wording_becomes_a_personal_card_each_in_one_transaction(notebook):
    ids = [_add(n) for n in ("Ann", "Bob", "Cy")]
    wording = Template("holiday", "ours", "Dear {{ name }}, happy holidays!", card_format="a7",
                       signature="— {{ owner }}")
    cards = selection.write_cards(ids, wording, TODAY)
    stored = templates.list_cards("queued")
    assert [c.id for c in cards] == [c.id for c in stored]
    assert sorted(c.text.split(",")[0] for c in stored) == ["Dear Ann", "Dear Bob", "Dear Cy"]
    assert {c.card_format for c in stored} == {"a7"}
    selection.delete_cards([c.id for c in cards])
    assert templates.list_cards() == []


def test_a_bad_wording_queues_nothing(notebook):
    from domain.templates import TemplateProblem

    ids = [_add(n) for n in ("Ann", "Bob")]
    with pytest.raises(TemplateProblem):
        selection.write_cards(ids, Template("holiday", "x", "Dear {{ nmae }}"), TODAY)
    assert templates.list_cards() == []


def _rich(given: str, when: date) -> int:
    cid = _add(given, facts=[Fact("interest", "orchids")],
               milestones=[Milestone("birthday", PartialDate(5, 1))])
    timeline.add(cid, Interaction(when, "call", "rang about " + given))
    timeline.add(cid, Interaction(when, "visit", "came by"))
    _buy(cid, when, "12.50")
    templates.create_card(Card(cid, "thank_you", f"Thanks {given}", status="printed",
                               printed=when))
    return cid


def test_merge_keeps_every_row_of_both_and_undo_restores_both(notebook):
    keep, gone = _rich("Ann", date(2026, 1, 5)), _rich("Anne", date(2025, 3, 9))
    friend = _add("Fay", referred_by=gone)
    before = owned.read(keep), owned.read(gone)
    counts = {k: owned.counts(keep)[k] + owned.counts(gone)[k]
              for k in ("interaction", "purchase", "card")}
    done = merge.merge(keep, gone, {"given_name": "Anne", "notes": "met twice"})
    assert customers.get_customer(keep).given_name == "Anne"
    assert customers.get_customer(friend).referred_by == keep
    after = owned.counts(keep)
    assert {k: after[k] for k in counts} == counts
    merged = customers.get_customer(keep)
    assert merged.emails == ["ann@example.com", "anne@example.com"]
    assert merged.tags == ["regular"]  # the same tag once
    assert len(merged.milestones) == 1  # the same birthday once
    assert sum(p.amount for p in merged.purchases) == Decimal("25.00")
    with pytest.raises(customers.NotFound):
        customers.get_customer(gone)
    merge.unmerge(done)
    assert (owned.read(keep), owned.read(gone)) == before
    assert customers.get_customer(friend).referred_by == gone
    assert set(customers.search_ids("Anne")) >= {gone}


def test_merge_refuses_a_customer_with_themselves(notebook):
    cid = _add("Ann")
    with pytest.raises(ValueError):
        merge.merge(cid, cid, {})


def test_the_price_rise_notice_carries_each_customers_name_and_the_grace_period(notebook):
    from domain.cards import builtins

    sender = templates.load_sender()
    sender.grace_days = 45
    templates.save_sender(sender)
    ids = [_add(n) for n in ("Ann", "Bob")]
    notice = builtins()["price_change"].templates[0]
    cards = selection.write_cards(ids, notice, TODAY)
    assert [c.text.split(",")[0] for c in cards] == ["Dear Ann", "Dear Bob"]
    assert all("21 January 2027" in c.text for c in cards)  # 45 days after 7 December


def test_one_customer_the_wording_cannot_fill_in_stops_the_whole_batch(notebook):
    from domain.templates import TemplateProblem

    ids = [_add("Ann", facts=[Fact("family", "Jo", relation="son")]), _add("Bob"), _add("Cy")]
    with pytest.raises(TemplateProblem):
        selection.write_cards(ids, Template("holiday", "x",
                                            "Love to {{ family_list[0].name }}"), TODAY)
    assert templates.list_cards() == []


def test_a_merge_never_drops_a_wish_not_to_be_contacted(notebook):
    keep = _add("Ann", do_not_contact=["email"])
    gone = _add("Anne", do_not_contact=["phone", "email"])
    merge.merge(keep, gone, {"do_not_contact": ""})  # even when the dialog said otherwise
    assert customers.get_customer(keep).do_not_contact == ["email", "phone"]


def test_random_merges_lose_nothing_and_undo_exactly(notebook):
    """The attack: 40 merges of random pairs among 120 generated customers (touches,
    purchases, promises, problems, referrals, shared tags), each checked and undone."""
    import random

    from storage import bulk
    from tests.bench.generate import make_customer

    rng = random.Random(15)
    bulk.write_all(bulk.NotebookContent([make_customer(i, TODAY, rng) for i in range(1, 121)]))
    for n in range(1, 121, 3):
        templates.create_card(Card(n, "holiday", f"Card {n}", status="queued"))
    everyone = {i: owned.read(i) for i in range(1, 121)}
    kept_rows = ("interaction", "purchase", "promise", "problem", "problem update", "card")
    for _ in range(40):
        keep, gone = rng.sample(range(1, 121), 2)
        total = {k: owned.counts(keep)[k] + owned.counts(gone)[k] for k in kept_rows}
        done = merge.merge(keep, gone, {"given_name": "Merged"})
        assert {k: owned.counts(keep)[k] for k in kept_rows} == total
        merge.unmerge(done)
        assert owned.read(keep) == everyone[keep] and owned.read(gone) == everyone[gone]
    assert {i: owned.read(i) for i in range(1, 121)} == everyone
    referrers = db.execute_sql("SELECT count(*) FROM customer WHERE referred_by IS NOT NULL")
    assert referrers.fetchone()[0] == sum(1 for r in everyone.values() if r.customer[7])


def test_random_tagging_and_its_undo_restore_every_row(notebook):
    """The attack: 30 rounds of a tag added to or taken from a random selection, the tag
    written in another case each time, each undone; every customer as before."""
    import random

    ids = [_add(f"P{n}", tags=random.Random(n).sample(["vip", "Regular", "x"], n % 3))
           for n in range(30)]
    before = {i: owned.read(i) for i in ids}
    rng = random.Random(7)
    for _ in range(30):
        chosen, tag = rng.sample(ids, rng.randint(1, 30)), rng.choice(["VIP", "regular", "new"])
        if rng.random() < 0.5:
            selection.take_tag(selection.add_tag(chosen, tag), " ".join(tag.split()))
        else:
            selection.put_back_tags(selection.remove_tag(chosen, tag))
        assert {i: owned.read(i) for i in ids} == before
