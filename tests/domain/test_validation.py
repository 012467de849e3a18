from datetime import date, datetime, time
from decimal import Decimal

import pytest

from domain.dates import PartialDate
from domain.model import Customer, Fact, Milestone
from domain.validation import (
    Invalid,
    format_date,
    format_partial_date,
    format_phone,
    normalize_email,
    normalize_phone,
    parse_amount,
    parse_cadence,
    parse_date,
    parse_due,
    parse_optional_date,
    parse_partial_date,
    parse_time,
    partial_date,
    profile_problems,
    region_from_locale,
    split_tags,
)


def test_email_is_normalised_and_bad_ones_say_why():
    assert normalize_email("  Peggy@Example.COM ") == "Peggy@example.com"
    with pytest.raises(Invalid, match="@-sign"):
        normalize_email("peggy.example.com")
    with pytest.raises(Invalid, match="after the @-sign"):
        normalize_email("peggy@")
    with pytest.raises(Invalid, match="remove this line"):
        normalize_email("   ")


@pytest.mark.parametrize("typed, region, stored", [
    ("(503) 555-0101", "US", "+15035550101"),
    ("503.555.0101", "US", "+15035550101"),
    ("+44 20 7946 0958", "US", "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("+48 512 345 678", "US", "+48512345678"),
])
def test_phone_is_stored_as_e164(typed, region, stored):
    assert normalize_phone(typed, region) == stored


@pytest.mark.parametrize("typed", ["+1 503 555 0101 ext. 12", "503-555-0101 x12",
                                   "(503) 555-0101 ext 12"])
def test_a_phone_extension_typed_in_the_window_is_kept(typed):
    """The window stored "+15035550101" for "503-555-0101 x12", dropping the extension without
    a word, where an import of the same number keeps it: one way to store a number now."""
    from domain.contacts import normalise_phone

    assert normalize_phone(typed, "US") == normalise_phone(typed, "US") == "+15035550101 ext. 12"
    assert format_phone(normalize_phone(typed, "US"), "US") == "(503) 555-0101 ext. 12"


@pytest.mark.parametrize("typed", ["hello", "123", "+1 555 0101 0101 0101 22", ""])
def test_bad_phone_is_refused(typed):
    with pytest.raises(Invalid):
        normalize_phone(typed, "US")


def test_phone_display_is_national_at_home_and_international_abroad():
    assert format_phone("+15035550101", "US") == "(503) 555-0101"
    assert format_phone("+442079460958", "US") == "+44 20 7946 0958"
    assert format_phone("not a number", "US") == "not a number"


def test_region_from_locale():
    assert region_from_locale("en_GB") == "GB"
    assert region_from_locale("de-AT") == "AT"
    assert region_from_locale("C") == "US"
    assert region_from_locale(None) == "US"


@pytest.mark.parametrize("typed, expected", [
    ("14 March", PartialDate(3, 14)),
    ("14 Mar 1980", PartialDate(3, 14, 1980)),
    ("March 14, 1980", PartialDate(3, 14, 1980)),
    ("Mar 14th", PartialDate(3, 14)),
    ("--03-14", PartialDate(3, 14)),
    ("1980-03-14", PartialDate(3, 14, 1980)),
    ("14/03", PartialDate(3, 14)),
    ("29 Feb", PartialDate(2, 29)),
    ("29 Feb 1980", PartialDate(2, 29, 1980)),
])
def test_partial_dates_read_as_people_write_them(typed, expected):
    assert parse_partial_date(typed) == expected


def test_month_first_numeric_dates():
    assert parse_partial_date("03/14/1980", day_first=False) == PartialDate(3, 14, 1980)


def test_feb_29_needs_a_leap_year_only_when_the_year_is_known():
    assert partial_date(29, 2) == PartialDate(2, 29)
    with pytest.raises(Invalid, match="not a leap year"):
        partial_date(29, 2, 1981)
    with pytest.raises(Invalid, match="only 30 days"):
        partial_date(31, 4)
    with pytest.raises(Invalid, match="not a month"):
        parse_partial_date("14 Smarch")


def test_full_dates_need_a_year():
    assert parse_date("2026-03-14") == date(2026, 3, 14)
    assert parse_date("14 Mar 2026") == date(2026, 3, 14)
    with pytest.raises(Invalid, match="Add the year"):
        parse_date("14 Mar")
    with pytest.raises(Invalid):
        parse_date("yesterday-ish")
    assert parse_optional_date("  ") is None


def test_formats_read_back():
    assert format_date(date(2026, 3, 4)) == "4 Mar 2026"
    assert parse_date(format_date(date(2026, 3, 4))) == date(2026, 3, 4)
    assert format_partial_date(PartialDate(2, 29)) == "29 Feb"
    assert parse_partial_date(format_partial_date(PartialDate(2, 29, 1980))) == PartialDate(
        2, 29, 1980)
    assert format_date(None) == "" and format_partial_date(None) == ""


@pytest.mark.parametrize("typed, expected", [
    ("15:00", time(15, 0)), ("3pm", time(15, 0)), ("3:30 pm", time(15, 30)),
    ("12 am", time(0, 0)), ("12pm", time(12, 0)), ("9.15", time(9, 15)),
])
def test_times(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "13pm", "noonish", "10:75"])
def test_bad_times(typed):
    with pytest.raises(Invalid):
        parse_time(typed)


def test_due_defaults_to_end_of_day():
    assert parse_due("2026-03-14", "") == datetime(2026, 3, 14, 17, 0)
    assert parse_due("2026-03-14", "9am") == datetime(2026, 3, 14, 9, 0)


@pytest.mark.parametrize("typed, expected", [
    ("120", Decimal("120.00")), ("$1,200.50", Decimal("1200.50")), ("12,5", Decimal("12.50")),
    ("€ 99", Decimal("99.00")),
])
def test_amounts(typed, expected):
    assert parse_amount(typed) == expected


@pytest.mark.parametrize("typed", ["", "abc", "-5"])
def test_bad_amounts(typed):
    with pytest.raises(Invalid):
        parse_amount(typed)


@pytest.mark.parametrize("typed, expected", [
    ("١٢٠٫٥٠", Decimal("120.50")),  # Arabic: the decimal mark is U+066B, not a dot
    ("١٬٢٠٠٫٥٠", Decimal("1200.50")),  # … and U+066C between thousands
    ("۱۲۰٫۵۰", Decimal("120.50")),  # Persian digits, the same marks
    ("120٫50", Decimal("120.50")),
    ("१२०.५०", Decimal("120.50")),  # Devanagari digits
    ("1\u202f200,50 €", Decimal("1200.50")),  # French: a narrow no-break space, a comma
])
def test_amounts_in_every_writing(typed, expected):
    """"120٫50" was read as 12,050.00: the Arabic decimal mark was dropped as a stray sign
    (a price 100 times too high, saved without a word)."""
    assert parse_amount(typed) == expected


@pytest.mark.parametrize("typed", ["1e5", "12abc34", "1.2.3,4,5.6", "NaN", "5 for 20"])
def test_text_with_digits_in_it_is_not_an_amount(typed):
    """The window's amount took every digit it could find: "1e5" was 15.00, "12abc34" 1,234.00.
    It reads amounts now as imported sales are read (domain.sales.parse_amount): one rule."""
    with pytest.raises(Invalid):
        parse_amount(typed)


def test_cadence_and_tags():
    assert parse_cadence("") is None
    assert parse_cadence("30") == 30
    with pytest.raises(Invalid):
        parse_cadence("0")
    assert split_tags(" regular, florals,,regular ,  big   spender") == [
        "regular", "florals", "big spender"]


def test_profile_problems_name_every_bad_field():
    good = Customer(given_name="Ann", emails=["ann@example.com"], phones=["+15035550101"],
                    facts=[Fact("pet", "Biscuit")],
                    milestones=[Milestone("birthday", PartialDate(2, 29))])
    assert profile_problems(good) == {}
    bad = Customer(emails=["ann@example.com", "nope"], phones=["12"], cadence_days=0,
                   preferred_channels=["email"], do_not_contact=["email"],
                   facts=[Fact("pet", " ")], id=4, referred_by=4)
    problems = profile_problems(bad)
    assert set(problems) == {"given_name", "emails[1]", "phones[0]", "cadence_days",
                             "preferred_channels", "referred_by", "facts[0]"}
    assert profile_problems(Customer(company="Shaw & Daughters")) == {}


@pytest.mark.parametrize("typed, expected", [
    (".5", Decimal("0.50")), (",5", Decimal("0.50")), ("٫٥", Decimal("0.50")),  # no leading 0
    ("$.99", Decimal("0.99")), (".500", Decimal("0.50")), ("0,500", Decimal("0.50")),
    ("0.050", Decimal("0.05")),
    ("1,20,000.50", Decimal("120000.50")), ("12,34,567", Decimal("1234567.00")),  # lakh
    ("1'200.50", Decimal("1200.50")), ("1\u00a0200,50", Decimal("1200.50")),
    ("1.200,50", Decimal("1200.50")), ("12.", Decimal("12.00")), ("0,5", Decimal("0.50")),
])
def test_amounts_as_owners_type_them(typed, expected):
    """".5" was saved as 5.00 and "0.001" as 1.00: a mark before the first digit was dropped as
    a currency sign, and a group led by 0 was taken for thousands — ten and a thousand times
    what the owner meant, without a word."""
    assert parse_amount(typed) == expected


@pytest.mark.parametrize("typed", ["1..5", "1,,5", "12 50", "1 2", "12'5", "1.200.50",
                                   "1,200,50", "1,5 0"])
def test_a_mistyped_grouping_is_refused_not_guessed(typed):
    """"1..5" and "1,,5" were saved as 15.00, "12 50" as 1,250.00, "1.200.50" as 120,050.00:
    a thousands mark or space not followed by a group of three digits is a typo to show the
    owner, not a number to guess."""
    with pytest.raises(Invalid):
        parse_amount(typed)
