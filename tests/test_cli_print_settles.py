"""Issue 14, behaviour 2: a card that goes out settles the suggestion it answers, so
``print-cards --mark-printed`` never prints the same occasion twice (before: printing on 7 Dec
with --mark-printed, then on 8 Dec, printed again the cards of occasions carded the day
before, their suggestions still open)."""

from __future__ import annotations

import json
from datetime import date

import main
from domain import demo
from domain.dates import PartialDate
from domain.model import Address, Customer, Interaction, Milestone
from storage import bulk, customers
from storage.db import close_notebook, open_notebook

DEC_7, DEC_8 = date(2026, 12, 7), date(2026, 12, 8)


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


def posted_keys(shop, day: date, capsys) -> set[tuple[int, str]]:
    """(customer id, key) of every posted-card suggestion ``today`` shows on ``day``."""
    capsys.readouterr()
    assert run("today", "--date", day.isoformat(), "--json", "--notebook", shop) == 0
    return {(s["customer_id"], s["key"]) for s in json.loads(capsys.readouterr().out)
            if s["channel"] == "mail"}


def printed_count(capsys) -> int:
    out = capsys.readouterr().out
    return 0 if "nothing printed" in out else int(out.split()[1])


def demo_shop(path) -> None:
    open_notebook(path)
    bulk.write_all(bulk.NotebookContent(demo.build_demo(DEC_7), demo.demo_templates(),
                                        demo.demo_cards(DEC_7), demo.demo_settings(),
                                        demo.demo_tag_settings()))
    close_notebook()


def test_the_demo_prints_no_occasion_twice(tmp_path, capsys):
    shop = tmp_path / "demo.rapport"
    demo_shop(shop)
    first = posted_keys(shop, DEC_7, capsys)
    assert run("print-cards", tmp_path / "a.pdf", "--date", DEC_7, "--mark-printed",
               "--notebook", shop) == 0
    assert printed_count(capsys) == len(first) > 5
    second = posted_keys(shop, DEC_8, capsys)
    assert not second & first  # every occasion carded on 7 Dec is settled
    assert run("print-cards", tmp_path / "b.pdf", "--date", DEC_8, "--mark-printed",
               "--notebook", shop) == 0
    assert printed_count(capsys) == len(second)  # only what fell due since
    assert not posted_keys(shop, date(2026, 12, 9), capsys) & (first | second)


def test_seven_birthdays_carded_on_the_7th_print_nothing_on_the_8th(tmp_path, capsys):
    shop = tmp_path / "shop.rapport"
    open_notebook(shop)
    for n in range(7):  # birthdays 13-19 Dec: post-by dates 4-10 Dec
        customers.save_customer(Customer(
            given_name=f"Guest{n}", family_name="Lopez", customer_since=date(2020, 1, 6),
            addresses=[Address("1 Elm St", "Portland", "OR", "97201", "US", True)],
            interactions=[Interaction(date(2026, 11, 1), "visit")],  # no anti-nag cap near
            milestones=[Milestone("birthday", PartialDate(12, 13 + n, 1980))]))
    close_notebook()
    assert run("print-cards", tmp_path / "a.pdf", "--date", DEC_7, "--mark-printed",
               "--notebook", shop) == 0
    assert printed_count(capsys) == 7
    assert run("print-cards", tmp_path / "b.pdf", "--date", DEC_8, "--mark-printed",
               "--notebook", shop) == 0
    assert "No posted cards are due on 2026-12-08; nothing printed." in capsys.readouterr().out
    assert posted_keys(shop, DEC_8, capsys) == set()
    capsys.readouterr()
    assert run("today", "--date", DEC_8, "--json", "--notebook", shop) == 0
    assert not [s for s in json.loads(capsys.readouterr().out) if s["kind"] == "milestone"]


def test_without_mark_printed_the_same_cards_print_again(tmp_path, capsys):
    """Printing alone settles nothing: the owner may not have posted them yet."""
    shop = tmp_path / "shop.rapport"
    open_notebook(shop)
    customers.save_customer(Customer(
        given_name="Ana", customer_since=date(2020, 1, 6),
        addresses=[Address("1 Elm St", "Portland", "OR", "97201", "US", True)],
        milestones=[Milestone("birthday", PartialDate(12, 14, 1980))]))
    close_notebook()
    for name in ("a.pdf", "b.pdf"):
        assert run("print-cards", tmp_path / name, "--date", DEC_7, "--notebook", shop) == 0
        assert printed_count(capsys) == 1
