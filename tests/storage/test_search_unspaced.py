"""Names in scripts written without spaces are found by any part, as typed (issue 16): the
index keeps "小明" as one word, so "明" or "王小明" need the names read run together."""

from __future__ import annotations

import pytest

from domain.model import Customer
from storage import customer_search, customers


@pytest.fixture
def ming(notebook):
    return customers.save_customer(Customer(given_name="小明", family_name="王"))


@pytest.mark.parametrize("typed", ["小明", "王", "王小明", "小明王", "明", "王 小明"])
def test_any_part_of_a_chinese_name_finds_them(ming, typed):
    assert customer_search.search_ids(typed) == [ming]
    [hit] = customer_search.search(typed)  # main.py search: the same rule
    assert hit.customer_id == ming and hit.matched == [("name", "王小明")]


@pytest.mark.parametrize("typed", ["李", "王大明", "小明 smith"])
def test_other_names_do_not(ming, typed):
    customers.save_customer(Customer(given_name="Ann", family_name="Smith"))
    assert ming not in customer_search.search_ids(typed)
