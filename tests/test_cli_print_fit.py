"""print-cards never truncates (issue 13, finding 6): a card whose message does not fit the
chosen format at its readable floor stops the batch with one line naming the customer, the
format and the larger format that fits; a batch where every card fits prints as before."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from domain.model import Card
from exports import cards
from exports.cards.jobs import job_for
from storage import card_batch, customers, outreach
from storage import templates as store
from storage.db import close_notebook, open_notebook

LONGER = " ".join(["Thank you so much for the lovely visit and for the flowers you chose."] * 10)


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                    .split())


def pages_of(pdf: bytes) -> list[str]:
    """Each page's words, sorted (the queue and the day's order may differ)."""
    return sorted(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def shop(tmp_path) -> Path:
    """The demo notebook with its posted cards of the day queued as 4×6 postcards."""
    path = tmp_path / "shop.rapport"
    assert run("demo", path) == 0
    assert run("print-cards", tmp_path / "first.pdf", "--format", "postcard-4x6",
               "--notebook", path) == 0
    return path


def first_of_the_day() -> Card:
    """The first card print-cards prints today (found, not written again)."""
    mail = [s for s in outreach.today_queue(date.today()) if s.channel == "mail"]
    return card_batch.cards_for_suggestions(mail, date.today(), "a7")[0][0]


def lengthen_one(shop: Path) -> tuple[str, str]:
    """Make the day's first card's message long; its customer's name and its signature."""
    open_notebook(shop)
    try:
        card = first_of_the_day()
        body, sign = card.text.rsplit("\n\n", 1) if "\n\n" in card.text else (card.text, "")
        card.text = f"{body} {LONGER}\n\n{sign}"
        store.update_card(card)
        return customers.get_customer(card.customer_id).display_name, sign.split()[-1]
    finally:
        close_notebook()


def test_a_card_too_long_for_the_format_stops_the_batch(shop, tmp_path, capsys):
    name, _signature = lengthen_one(shop)
    capsys.readouterr()
    out = tmp_path / "cards.pdf"
    assert run("print-cards", out, "--format", "postcard-4x6", "--notebook", shop) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert name in err and "postcard-4x6" in err and "--format a6" in err
    assert not out.exists()


def test_the_larger_format_prints_it_whole_with_its_signature(shop, tmp_path, capsys):
    _name, signature = lengthen_one(shop)
    out = tmp_path / "cards.pdf"
    assert run("print-cards", out, "--format", "a6", "--notebook", shop) == 0
    printed = text_of(out.read_bytes())
    assert printed.count("flowers you chose") == 10 and signature in printed


def test_an_envelope_address_that_cannot_fit_is_named(shop, tmp_path, capsys):
    open_notebook(shop)
    try:
        person = customers.get_customer(first_of_the_day().customer_id)
        person.mailing_address().street = "\n".join(["Apartment 56, Building C, Door 2, "
                                                     "Ring twice and wait"] * 20)
        customers.save_customer(person)
        name = person.display_name
    finally:
        close_notebook()
    capsys.readouterr()
    env = tmp_path / "env.pdf"
    assert run("print-cards", tmp_path / "c.pdf", "--format", "a7", "--envelopes", env,
               "--envelope-format", "env-a7", "--notebook", shop) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and "address" in err and "env-a7" in err
    assert not env.exists()


def test_a_batch_where_every_card_fits_is_unchanged(shop, tmp_path):
    out = tmp_path / "cards.pdf"
    assert run("print-cards", out, "--format", "a7", "--notebook", shop) == 0
    open_notebook(shop)
    try:  # the day's cards, found again (none is written twice)
        mail = [s for s in outreach.today_queue(date.today()) if s.channel == "mail"]
        pairs = card_batch.cards_for_suggestions(mail, date.today(), "a7")
        jobs = [job_for(card, person, store.load_sender()) for card, person in pairs]
    finally:
        close_notebook()
    assert len(PdfReader(out).pages) == len(jobs) > 0
    assert pages_of(out.read_bytes()) == pages_of(cards.get("a7")().render(jobs))
    for j in jobs:
        assert " ".join(j.text.split()) in text_of(out.read_bytes())


def test_a_label_address_that_cannot_fit_is_named(shop, tmp_path, capsys):
    open_notebook(shop)
    try:
        person = customers.get_customer(first_of_the_day().customer_id)
        person.mailing_address().street = "\n".join(["Apartment 56, Building C"] * 9)
        customers.save_customer(person)
    finally:
        close_notebook()
    capsys.readouterr()
    out = tmp_path / "labels.pdf"
    assert run("print-labels", out, "--format", "avery-5160", "--notebook", shop) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and person.display_name in err and "avery-5160" in err
    assert not out.exists()
