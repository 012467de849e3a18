"""`insights [--date D] [--json]`: the 12 months up to the day, in words or as JSON."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import main
from domain.insights import FOUND_US_FIELD
from domain.model import Customer, Interaction, Purchase

DAY = date(2026, 12, 7)


@pytest.fixture
def book(tmp_path) -> Path:
    from storage import custom_fields, customers, insights
    from storage.db import close_notebook, open_notebook

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    custom_fields.define(FOUND_US_FIELD)
    ann = customers.save_customer(Customer(
        given_name="Maria", family_name="Lopez", customer_since=date(2025, 2, 1),
        fields={FOUND_US_FIELD: "Farmers market"},
        purchases=[Purchase(date(2026, 2, 1), Decimal("80")), Purchase(date(2026, 3, 1),
                                                                       Decimal("40")),
                   Purchase(date(2026, 3, 31), Decimal("25"), currency="EUR")],
        interactions=[Interaction(date(2026, 2, 15), "card")]))
    customers.save_customer(Customer(
        given_name="Ann", family_name="Lee", referred_by=ann,
        purchases=[Purchase(date(2026, 6, 1), Decimal("300"))],
        interactions=[Interaction(date(2026, 6, 16), "call"),  # day 15: too late
                      Interaction(date(2026, 6, 2), "note")]))  # a note never counts
    insights.save_source_costs({"Farmers market": 12_000})
    close_notebook()
    return path


def _run(book: Path, *extra: str) -> int:
    return main.main(["insights", "--notebook", str(book), *extra])


def test_text_reads_as_sentences(book, capsys):
    assert _run(book, "--date", DAY.isoformat()) == 0
    out = capsys.readouterr().out
    assert out.startswith("Insights, January – 7 December 2026 (2 customers)")
    assert "1 of 2 new customers (50%) thanked within 14 days" in out
    assert "Not thanked: Ann Lee" in out
    assert "Lifetime value (EUR)" in out and "€25.00" in out  # the till's own currency
    assert "Ann Lee: $300.00 (1 purchase)" in out  # the notebook's (a US region)
    assert "Maria Lopez — sent 1" in out
    assert "Farmers market: 1 customer, 1 won this period; spent $120.00, $120.00 per " \
           "customer won, a customer is worth $120.00" in out
    assert "Dec (so far)" in out


def test_json_has_stable_keys(book, capsys):
    assert _run(book, "--date", DAY.isoformat(), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["date", "start", "customers", "months", "thank_you_coverage",
                          "lifetime_value", "drifting", "referrals", "sources"]
    assert data["date"] == "2026-12-07" and data["start"] == "2026-01-01"
    cover = data["thank_you_coverage"]
    assert (cover["new_customers"], cover["thanked"], cover["share"]) == (2, 1, 0.5)
    assert [g["currency"] for g in data["lifetime_value"]] == ["", "EUR"]
    assert data["lifetime_value"][0]["total_cents"] == 42_000
    assert data["referrals"]["tree"][0]["sent"][0]["customer"] == "Ann Lee"
    market = next(s for s in data["sources"] if s["source"] == "Farmers market")
    assert market["cost_per_won_cents"] == 12_000
    assert len(data["months"]) == 12 and data["months"][-1]["partial"] is True


def test_an_earlier_date_sees_only_what_happened_by_then(book, capsys):
    assert _run(book, "--date", "2026-03-05", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["start"] == "2025-04-01"
    assert data["thank_you_coverage"]["new_customers"] == 1
    assert data["lifetime_value"][0]["total_cents"] == 12_000  # no June purchase, no EUR yet


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "9999-12-31", "0001-03-01"])
def test_a_bad_date_is_one_line_and_exit_1(book, capsys, bad):
    assert _run(book, "--date", bad) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("rapport: --date") and "Traceback" not in err


def test_a_missing_notebook_is_one_line_and_exit_1(tmp_path, capsys):
    assert _run(tmp_path / "none.rapport") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_empty_notebook_says_so(tmp_path, capsys):
    from storage.db import close_notebook, open_notebook

    open_notebook(tmp_path / "empty.rapport")
    close_notebook()
    assert _run(tmp_path / "empty.rapport", "--date", DAY.isoformat()) == 0
    out = capsys.readouterr().out
    assert "No new customers in the period." in out and "No purchases recorded yet." in out
