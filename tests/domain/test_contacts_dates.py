"""Day first or month first, decided per file (issue 15, finding 2): property and edge tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.contacts import parse_contact_date
from domain.contacts_dates import decide
from domain.dates import PartialDate

days = st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(1900, 2020))


@given(st.lists(days, min_size=1, max_size=30), st.sampled_from(["US", "GB", "DE"]))
def test_a_file_with_one_day_above_12_is_read_day_first_throughout(dates, region):
    dates = [*dates, (25, 6, 2011)]  # settles it
    texts = [f"{d:02d}/{m:02d}/{y}" for d, m, y in dates]
    order = decide(texts, region)
    assert order is not None and order.day_first and order.settled
    assert [parse_contact_date(t, day_first=order.day_first) for t in texts] == [
        PartialDate(m, d, y) for d, m, y in dates]


@given(st.lists(days, min_size=1, max_size=30))
def test_a_file_with_one_month_first_date_is_read_month_first_throughout(dates):
    dates = [*dates, (25, 6, 2011)]
    texts = [f"{m}/{d}/{y}" for d, m, y in dates]
    order = decide(texts, "GB")
    assert order is not None and not order.day_first and order.settled
    assert [parse_contact_date(t, day_first=False) for t in texts] == [
        PartialDate(m, d, y) for d, m, y in dates]


def test_a_file_written_both_ways_follows_the_region_and_says_so():
    order = decide(["25/06/2011", "06/25/2011", "07/03/1985"], "GB")
    assert order is not None and order.day_first and not order.settled and order.mixed
    assert "both ways" in order.describe()


def test_no_slashed_dates_no_order():
    assert decide(["1985-03-07", "--03-07", "", "0/0/00"], "GB") is None


def test_the_owners_choice_wins_and_reads_strictly():
    order = decide(["25/06/2011", "07/03/1985"], "GB", chosen=False)
    assert order is not None and order.chosen and not order.day_first
    assert parse_contact_date("07/03/1985", day_first=False) == PartialDate(7, 3, 1985)
    with pytest.raises(ValueError):  # 25/06/2011 read month first is not a date
        parse_contact_date("25/06/2011", day_first=False)
