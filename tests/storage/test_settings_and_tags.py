"""Storage functions the window's Today settings use (once SQL in ui/today/service.py)."""

from __future__ import annotations

import pytest

from domain.model import Customer
from domain.outreach import Settings
from storage import customers, outreach


def test_tag_names_are_each_tag_once_in_alphabetical_order_whatever_the_case(notebook):
    customers.save_customer(Customer(given_name="A", tags=["vip", "Events", "Zoo"]))
    customers.save_customer(Customer(given_name="B", tags=["Events", "vip", "bakery"]))
    assert customers.tag_names() == ["bakery", "Events", "vip", "Zoo"]


def test_update_settings_stores_the_numbers_and_each_tag_cadence_change(notebook):
    outreach.update_settings(Settings(), Settings(default_cadence_days=45,
                                                  tag_cadences={"vip": 10, "events": 20}))
    before = outreach.load_settings()
    assert (before.default_cadence_days, before.tag_cadences) == (45, {"vip": 10, "events": 20})
    outreach.update_settings(before, Settings(default_cadence_days=45,
                                              tag_cadences={"vip": 7, "new": 3}))
    assert outreach.load_settings().tag_cadences == {"vip": 7, "new": 3}


def test_update_settings_is_one_transaction(notebook, monkeypatch):
    def refuse(tag, days):
        raise OSError("disk gone")

    monkeypatch.setattr(outreach, "set_tag_cadence", refuse)
    with pytest.raises(OSError):
        outreach.update_settings(Settings(), Settings(default_cadence_days=45,
                                                      tag_cadences={"vip": 10}))
    assert outreach.load_settings() == Settings()  # the numbers went back with the cadence
