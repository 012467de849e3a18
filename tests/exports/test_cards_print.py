"""The print path end to end: templates and cards in the notebook, card touches, and the
print-cards, print-labels and formats commands."""

from datetime import date

import pytest
from pypdf import PdfReader

import main
from domain.cards import builtin_templates
from domain.model import Address, Card, Customer, Fact, Template
from domain.templates import Sender, TemplateProblem
from storage import card_batch, customers
from storage import templates as store

TODAY = date(2026, 6, 1)


def add_customer(name: str, **kw) -> Customer:
    c = Customer(given_name=name, family_name="Shaw",
                 addresses=[Address("12 Elm St", "Portland", "OR", "97201", mailing=True)], **kw)
    c.id = customers.save_customer(c)
    return c


def test_builtins_are_seeded_once(notebook):
    assert store.ensure_builtins() == len(builtin_templates())
    assert store.ensure_builtins() == 0
    birthday = store.list_templates("birthday")
    assert len(birthday) >= 3 and all(t.builtin for t in birthday)
    store.delete_template(birthday[0].id)
    assert len(store.list_templates("birthday")) == len(birthday) - 1  # not seeded again


def test_a_broken_template_is_not_saved(notebook):
    with pytest.raises(TemplateProblem):
        store.save_template(Template("birthday", "Mine", "Dear {{ name "))
    tid = store.save_template(Template("birthday", "Mine", "Dear {{ name }},"))
    assert store.get_template(tid).body == "Dear {{ name }},"


def test_printed_then_mailed_logs_one_card_touch(notebook):
    c = add_customer("Peggy")
    card = store.create_card(Card(c.id, "birthday", "Happy birthday!", status="queued",
                                  created=TODAY))
    store.set_status([card.id], "printed", TODAY)
    store.set_status([card.id], "mailed", date(2026, 6, 2))
    again = store.get_card(card.id)
    assert (again.status, again.printed, again.mailed) == ("mailed", TODAY, date(2026, 6, 2))
    touches = customers.get_customer(c.id).interactions
    assert [(i.kind, i.channel, i.summary) for i in touches] == \
        [("card", "mail", "Birthday card")]
    with pytest.raises(ValueError):
        store.set_status([card.id], "lost", TODAY)


def test_consecutive_customers_get_different_variants(notebook):
    store.save_sender(Sender(business="Bloom", signature="Maria", offer="a free rose"))
    people = [add_customer(n, facts=[Fact("pet", "Biscuit")]) for n in ("Ann", "Bo", "Cy")]
    cards = [card_batch.card_for(p, "first_purchase", TODAY, "a7") for p in people]
    assert len({c.template_id for c in cards}) == 3
    assert all(c.status == "queued" and "Maria" in c.text for c in cards)
    assert "P.S. A little something extra: a free rose." in cards[0].text
    assert card_batch.card_for(people[0], "first_purchase", TODAY, "a7").id == cards[0].id


def test_sender_and_offsets_round_trip(notebook):
    sender = Sender("Bloom", "Maria Lopez", "Maria", Address("48 Alder St", "Portland"),
                    "a free rose", 14)
    store.save_sender(sender)
    store.save_printer_offsets(3.5, -2)
    assert store.load_sender() == sender
    assert store.load_printer_offsets() == (3.5, -2.0)


def test_mailing_recipients_skip_customers_without_an_address(notebook):
    add_customer("Peggy")
    customers.save_customer(Customer(given_name="Nobody"))
    assert [c.given_name for c in store.mailing_recipients()] == ["Peggy"]


# --- the commands -------------------------------------------------------------------------

@pytest.fixture
def demo_book(tmp_path):
    path = tmp_path / "demo.rapport"
    assert main.main(["demo", str(path)]) == 0
    return path


def test_print_cards_and_envelopes_from_the_today_queue(demo_book, tmp_path, capsys):
    out, env = tmp_path / "cards.pdf", tmp_path / "env.pdf"
    code = main.main(["print-cards", str(out), "--format", "a7", "--envelopes", str(env),
                      "--notebook", str(demo_book)])
    assert code == 0
    printed = capsys.readouterr().out
    count = len(PdfReader(out).pages)
    assert count > 0 and f"Printed {count} card" in printed
    assert len(PdfReader(env).pages) == count
    assert float(PdfReader(env).pages[0].mediabox.width) == pytest.approx(522)  # env-a7


def test_print_cards_mark_printed_logs_touches(demo_book, tmp_path):
    args = ["print-cards", str(tmp_path / "c.pdf"), "--notebook", str(demo_book)]
    assert main.main([*args, "--mark-printed"]) == 0
    from storage.db import open_notebook

    open_notebook(demo_book)
    assert store.list_cards("printed")


def test_print_labels(demo_book, tmp_path):
    out = tmp_path / "labels.pdf"
    assert main.main(["print-labels", str(out), "--format", "avery-l7160",
                      "--notebook", str(demo_book)]) == 0
    assert float(PdfReader(out).pages[0].mediabox.height) == pytest.approx(841.89, abs=0.01)


@pytest.mark.parametrize("argv", [
    ["print-cards", "x.pdf", "--format", "a5"],
    ["print-cards", "x.pdf", "--envelopes", "e.pdf", "--envelope-format", "env-9"],
    ["print-labels", "x.pdf", "--format", "avery-0000"],
])
def test_unknown_format_is_one_line_and_exit_1(argv, capsys):
    assert main.main(argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "choose one of" in err


def test_formats_lists_every_kind(capsys):
    assert main.main(["formats"]) == 0
    out = capsys.readouterr().out
    for name in ("a2-folded", "postcard-4x6", "env-dl", "avery-5160"):
        assert name in out
