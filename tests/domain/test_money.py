"""Issue 16, Deliver 4: amounts show the currency, written as the notebook's country writes
numbers (babel); a purchase from a till in another currency shows in that one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.money import currency_of, format_money, format_totals


@pytest.mark.parametrize("region, currency, shown", [
    ("DE", "", "1.234,50\xa0€"),
    ("US", "", "$1,234.50"),
    ("GB", "", "£1,234.50"),
    ("JP", "", "￥1,234"),  # no cents in yen; half to even, as babel rounds
    ("CH", "", "CHF\xa01’234.50"),
    ("de", "", "1.234,50\xa0€"),  # as a setting may hold it
    ("DE", "USD", "1.234,50\xa0$"),  # the till's own currency wins
    ("US", "eur", "€1,234.50"),
])
def test_an_amount_in_the_notebooks_country_and_currency(region, currency, shown):
    assert format_money(Decimal("1234.50"), region, currency) == shown


def test_a_country_gives_its_currency():
    assert [currency_of(r) for r in ("DE", "FR", "US", "JP", "IN")] == \
        ["EUR", "EUR", "USD", "JPY", "INR"]


@pytest.mark.parametrize("region", ["", "ZZ", "AQ", "toolong", "1", "\x00"])
def test_an_unknown_country_shows_the_plain_amount(region):
    assert currency_of(region) == ""
    assert format_money(Decimal("1234.5"), region) == "1,234.50"


@pytest.mark.parametrize("currency, shown", [
    ("XYZ", "1.234,50\xa0XYZ"),  # a code babel does not know, shown as it is
    ("€", "1.234,50 €"),  # not a code: the till's text beside the amount
    ("<b>x</b>\x1b[2J", "1.234,50 <b>x</b>�[2J"),
])
def test_a_tills_odd_currency_is_shown_never_lost_or_crashing(currency, shown):
    assert format_money(Decimal("1234.50"), "DE", currency) == shown


def test_negative_and_huge_amounts():
    assert format_money(Decimal("-5"), "DE") == "-5,00\xa0€"
    assert format_money(Decimal("99999999999.99"), "US") == "$99,999,999,999.99"


def test_totals_add_up_per_currency():
    assert format_totals([(Decimal("10"), ""), (Decimal("2.5"), "EUR")], "DE") == "12,50\xa0€"
    assert format_totals([(Decimal("10"), ""), (Decimal("3"), "USD"), (Decimal("1"), "usd")],
                         "DE") == "10,00\xa0€ + 4,00\xa0$"
    assert format_totals([], "US") == "$0.00"
