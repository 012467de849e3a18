"""The number or address to use for a channel (domain.reach.reach_for)."""

from __future__ import annotations

from domain.model import Address, Customer
from domain.outreach.handoff import shown_reach
from domain.reach import reach_for


def _someone() -> Customer:
    return Customer(given_name="Ana", phones=["+15035550100", "+15035550199"],
                    phone_labels={"+15035550199": "cell"}, emails=["ana@example.com"],
                    addresses=[Address("1 Oak St", "Portland", "OR", "97201", mailing=True)])


def test_each_channel_gets_its_own_detail():
    ana = _someone()
    assert reach_for(ana, "phone") == "(503) 555-0100"
    assert reach_for(ana, "text") == "(503) 555-0199"  # the mobile takes texts
    assert reach_for(ana, "email") == "ana@example.com"
    assert reach_for(ana, "mail") == reach_for(ana, "visit")
    assert "1 Oak St" in reach_for(ana, "visit") and "97201" in reach_for(ana, "mail")


def test_nothing_known_gives_an_empty_string():
    nobody = Customer(given_name="Bo")
    assert [reach_for(nobody, c) for c in ("phone", "text", "email", "mail", "visit", None)] \
        == [""] * 6


def test_a_channel_they_closed_gives_nothing_on_the_agenda_as_in_today():
    """The agenda and Today ask one rule: someone who asked not to be phoned shows no number."""
    ana = _someone()
    ana.do_not_contact = ["phone", "text", "visit"]
    assert reach_for(ana, "phone") == reach_for(ana, "text") == reach_for(ana, "visit") == ""
    assert reach_for(ana, "email") == "ana@example.com"


def test_a_number_reads_as_its_country_writes_it():
    """On paper, in Today and in ``today``'s text, a number reads as people write it: national
    at home, international abroad (as the customer list shows it); links and a copied number
    keep the stored form, which any phone dials."""
    assert shown_reach("phone", "+15035550107", "US") == "(503) 555-0107"
    assert shown_reach("text", "+442079460958", "US") == "+44 20 7946 0958"
    assert shown_reach("phone", "+442079460958", "GB") == "020 7946 0958"
    assert shown_reach("email", "ana@example.com", "US") == "ana@example.com"
    assert shown_reach("visit", "1 Oak St, Portland", "US") == "1 Oak St, Portland"
    assert shown_reach("phone", "ask at the counter", "US") == "ask at the counter"
    assert shown_reach("phone", "", "US") == ""
    assert reach_for(_someone(), "phone", "GB") == "+1 503-555-0100"


def test_a_number_kept_as_typed_reads_as_typed():
    """An import keeps a number it cannot read as it was written (``normalise_phone``): a short
    code, a local number without its area code, a note with a number in it. Shown, it stays
    so: phonenumbers reads letters as keypad digits and puts any digits behind the country
    code, which made "+1 5550107275367262" of "555-0107 ask for Bob" and "+1 911" of "911",
    numbers nobody wrote and no phone reaches."""
    for kept in ("shop 555-0107 ask for Bob", "911", "112", "5550107", "+1911", "ext 12"):
        assert shown_reach("phone", kept, "US") == kept
        assert shown_reach("text", kept, "GB") == kept
    customer = _someone()
    customer.phones = ["555-0107 ask for Bob"]
    assert reach_for(customer, "phone", "US") == "555-0107 ask for Bob"  # the agenda's line
    assert shown_reach("phone", "+15035550107 ext. 12", "US") == "(503) 555-0107 ext. 12"
