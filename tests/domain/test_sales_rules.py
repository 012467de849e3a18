"""The rules of sales in, on plain data: amounts and dates as tills write them, orders judged,
and any row of any sales file read without an exception escaping."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.sales import day_first, parse_amount, parse_sale_date
from domain.sales_formats import NEEDED, detect, read_rows
from tests.exports import sales_files


@pytest.mark.parametrize("text, comma, expected", [
    ("$1,234.56", None, "1234.56"), ("1.234,56 €", None, "1234.56"),
    ("1\u00a0234,56\u00a0€", None, "1234.56"), ("1\u202f234,56 €", None, "1234.56"),
    ("(5.00)", None, "-5.00"), ("-$20.00", None, "-20.00"), ("$-20.00", None, "-20.00"),
    ("€12", None, "12"), ("12", None, "12"), ("12.5", None, "12.5"), ("0,99", None, "0.99"),
    ("1,234", None, "1234"), ("1.234", None, "1234"), ("1.234", False, "1.234"),
    ("1,234", True, "1.234"), ("1,234,567.89", None, "1234567.89"), ("USD 45.00", None, "45.00"),
    ("45.00 USD", None, "45.00"), ("−7,50", None, "-7.50"),
    ("١٬٢٠٠٫٥٠", None, "1200.50"), ("۱۲۰٫۵۰ ریال", None, "120.50"), ("١٢٠٫٥", True, "120.5"),
])
def test_amounts_as_tills_write_them(text, comma, expected):
    assert parse_amount(text, comma) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "forty", "1e5", "NaN", "Infinity", "$", "--",
                                  "1.2.3,4,5.6", "12,34,56.78.9", "9" * 40,
                                  "1..5", "12 50", "1.200.50"])
def test_what_is_not_an_amount_is_refused_plainly(text):
    with pytest.raises(ValueError, match=r"not an amount|too large"):
        parse_amount(text)


@pytest.mark.parametrize("text, first_is_day, expected", [
    ("2026-11-03 10:14:22 -0500", False, date(2026, 11, 3)),
    ("2026-11-03T23:59:59Z", False, date(2026, 11, 3)),
    ("11/03/2026", False, date(2026, 11, 3)), ("03/11/2026", True, date(2026, 11, 3)),
    ("03.11.2026", False, date(2026, 11, 3)), ("3/11/26", True, date(2026, 11, 3)),
    ("Nov 3, 2026", False, date(2026, 11, 3)), ("3 November 2026", False, date(2026, 11, 3)),
])
def test_dates_as_tills_write_them(text, first_is_day, expected):
    assert parse_sale_date(text, first_is_day) == expected


def test_the_file_decides_day_first_else_the_region():
    assert day_first(["01/02/2026", "25/11/2026"], default=False) is True
    assert day_first(["01/02/2026", "11/25/2026"], default=True) is False
    assert day_first(["01/02/2026"], default=True) is True
    with pytest.raises(ValueError):
        parse_sale_date("2026-02-30")


def test_contacts_files_are_not_taken_for_sales():
    from pathlib import Path

    from exports.csv_import import open_table

    fixtures = Path(__file__).resolve().parents[1] / "exports" / "fixtures"
    for path in fixtures.glob("*.csv"):
        assert detect(open_table(path.read_bytes()).headers) == "", path.name


CELL = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "paid", "refunded", "Refund", "Payment", "2026-11-03", "13/13/2026", "$1,234.56",
     "-5", "(3.00)", "Completed", "Express Checkout Payment", "Payment Refund", "#1001",
     "9" * 30, "1.2.3", "true", "false", "Credit"]))


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(NEEDED)), data=st.data())
def test_any_row_of_any_sales_file_reads_without_escaping(kind, data):
    headers = {"shopify": sales_files.SHOPIFY, "square": sales_files.SQUARE,
               "stripe": sales_files.STRIPE, "paypal": sales_files.PAYPAL}[kind]
    rows = [(n + 2, data.draw(st.lists(CELL, max_size=len(headers) + 2)))
            for n in range(data.draw(st.integers(0, 6)))]
    for line in read_rows(kind, headers, rows, default_day_first=False):
        assert line.order_id  # every row is named, so a re-import finds it again


def test_a_row_cut_short_is_a_problem_not_a_crash():
    headers = sales_files.SHOPIFY
    cut = ["#1001", "a@example.com", "paid", "2026-11-03"]  # the file ends mid-row
    (line,) = read_rows("shopify", headers, [(2, cut)], default_day_first=False)
    assert line.order_id == "#1001" and "not an amount" in line.note


def test_a_refund_written_twice_by_the_till_counts_once():
    from domain.sales import REFUND, SALE, Line, judge

    sale = Line("row 1", "T1", SALE, date(2026, 11, 3), Decimal("45.00"),
                refunded=Decimal("20.00"))
    event = Line("row 2", "T1", REFUND, date(2026, 11, 4), Decimal("20.00"))
    assert judge("T1", [sale, event]).amount == Decimal("25.00")
    assert judge("T1", [sale]).amount == Decimal("25.00")


def test_a_pick_up_order_names_its_buyer_from_the_shipping_columns():
    row = {"Name": "#7", "Financial Status": "paid", "Total": "12.00",
           "Paid at": "2026-11-03 10:00:00 -0500", "Shipping Name": "Ola Berg",
           "Shipping Phone": "+47 22 12 34 56"}
    (line,) = read_rows("shopify", sales_files.SHOPIFY,
                        [(2, [row.get(h, "") for h in sales_files.SHOPIFY])],
                        default_day_first=False)
    assert (line.buyer.name, line.buyer.phone) == ("Ola Berg", "+47 22 12 34 56")
