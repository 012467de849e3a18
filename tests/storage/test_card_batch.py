"""A day's cards are written in one batch: the same words per customer as one card at a time,
and a number of statements that does not grow with the number of cards."""

from datetime import date

from domain.model import Address, Card, Customer, Fact
from domain.outreach.suggestion import Suggestion
from domain.templates import Sender
from storage import card_batch, customers
from storage import templates as store
from storage.db import db

TODAY = date(2026, 11, 23)
NAMES = ("Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal")


def add_customer(name: str) -> int:
    c = Customer(given_name=name, family_name="Shaw", facts=[Fact("pet", "Biscuit")],
                 addresses=[Address("12 Elm St", "Portland", "OR", "97201", mailing=True)])
    return customers.save_customer(c)


def wish(cid: int, occasion: str) -> Suggestion:
    return Suggestion(occasion, cid, "", TODAY, "mail", occasion, f"{occasion}:{cid}", "")


def seed() -> dict[str, int]:
    """Customers on the same occasions, some with earlier cards, one with a queued card."""
    store.save_sender(Sender(business="Bloom", signature="Maria"))
    ids = {n: add_customer(n) for n in NAMES}
    first = store.list_templates("first_purchase")
    earlier = [("Bo", first[1], "printed"), ("Di", first[0], "mailed"),
               ("Ed", first[2], "queued"), ("Bo", first[0], "printed")]
    for name, t, status in earlier:
        store.create_card(Card(ids[name], "first_purchase", f"Earlier words for {name}.",
                               status=status, created=date(2026, 1, 5), template_id=t.id))
    return ids


def day_of(ids: dict[str, int]) -> list[Suggestion]:
    order = [("Ann", "first_purchase"), ("Bo", "first_purchase"), ("Cy", "birthday"),
             ("Cy", "first_purchase"), ("Di", "first_purchase"), ("Ed", "first_purchase"),
             ("Flo", "first_purchase"), ("Ann", "first_purchase"), ("Gus", "birthday"),
             ("Hal", "first_purchase"), ("Flo", "birthday")]
    return [wish(ids[name], occasion) for name, occasion in order]


# Found by running this test on the code that wrote one card at a time (re-reading the
# occasion's cards for each): the batch must keep exactly this rotation.
ONE_AT_A_TIME = [("Ann", "first_purchase", 2), ("Bo", "first_purchase", 3), ("Cy", "birthday", 3),
                 ("Cy", "first_purchase", 1), ("Di", "first_purchase", 2),
                 ("Ed", "first_purchase", 3), ("Flo", "first_purchase", 3),
                 ("Ann", "first_purchase", 2), ("Gus", "birthday", 1),
                 ("Hal", "first_purchase", 1), ("Flo", "birthday", 2)]


def test_the_batch_gives_each_customer_the_words_one_card_at_a_time_gave(notebook):
    ids = seed()
    pairs = card_batch.cards_for_suggestions(day_of(ids), TODAY, "a2-folded")
    names = {v: k for k, v in ids.items()}
    cards = [card for card, _person in pairs]
    assert [(names[c.customer_id], c.occasion, store.get_template(c.template_id).variant)
            for c in cards] == ONE_AT_A_TIME
    assert cards[5].text == "Earlier words for Ed."  # his queued card, not a new one
    assert cards[7] == cards[0]  # Ann twice: one card
    for card in cards:
        assert store.get_card(card.id) == card  # what was returned is what was saved
        if card.customer_id != ids["Ed"]:
            assert card.status == "queued" and card.created == TODAY
            assert names[card.customer_id] in card.text and "Maria" in card.text
    assert len(store.list_cards()) == 4 + 9  # the earlier ones and 9 new


def statements_for(day: list[Suggestion]) -> tuple[int, int]:
    """(statements other than the card inserts, card inserts) while writing ``day``."""
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        card_batch.cards_for_suggestions(day, TODAY, "a2-folded")
    finally:
        db.connection().set_trace_callback(None)
    inserts = sum(1 for s in seen if s.startswith("INSERT INTO card"))
    return len(seen) - inserts, inserts


def test_the_statements_of_a_batch_do_not_grow_with_its_cards(notebook):
    ids = [add_customer(f"C{i}") for i in range(40)]
    store.ensure_builtins()

    def day(people: list[int]) -> list[Suggestion]:
        return [wish(cid, o) for cid in people for o in ("first_purchase", "birthday")]

    small, large = statements_for(day(ids[:2])), statements_for(day(ids[2:]))
    assert (small[1], large[1]) == (2 * 2, 38 * 2)  # one row per card, in one executemany
    assert small[0] == large[0]  # reads and transaction statements: as many for 76 as for 4


def test_a_batch_for_printing_reads_only_what_cards_use_and_writes_the_same_words(notebook):
    ids = seed()
    for cid in ids.values():  # a touch each: printing has no use for them
        db.execute_sql("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                       "VALUES (?, '2026-11-01', 'call', 'phone', 'Asked about roses')", (cid,))
    with db.atomic():  # its commit works out the agendas those touches changed
        pass
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        pairs = card_batch.cards_for_suggestions(day_of(ids), TODAY, "a2-folded",
                                                 whole=False)
    finally:
        db.connection().set_trace_callback(None)
    read = " ".join(s for s in seen if s.lstrip().upper().startswith("SELECT"))
    unused = ("interaction", "promise", "problem", "email", "phone", "tag")
    assert not any(f"FROM {t} " in read for t in unused)
    names = {v: k for k, v in ids.items()}
    assert [(names[c.customer_id], c.occasion, store.get_template(c.template_id).variant)
            for c, _person in pairs] == ONE_AT_A_TIME
    assert all(not person.interactions for _card, person in pairs)
