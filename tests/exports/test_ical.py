"""iCalendar export of milestones: floating all-day dates, stable UIDs, rules that really fire."""

from __future__ import annotations

from datetime import date, datetime

from dateutil.rrule import rrulestr
from icalendar import Calendar

from domain.dates import PartialDate
from domain.model import Customer, Milestone
from exports import ical
from exports.registry import exporter_for
from storage import customers

TODAY = date(2026, 11, 23)


def maria(*milestones: Milestone, saved: bool = False) -> Customer:
    return Customer(given_name="Maria", family_name="Nguyễn", milestones=list(milestones),
                    id=None if saved else 7)


def events(cal: Calendar) -> list:
    return [c for c in cal.walk("VEVENT")]


def parsed(customer: Customer) -> list:
    """Export and read back, as another calendar program would."""
    return events(Calendar.from_ical(ical.calendar([customer], TODAY).to_ical()))


def occurrences(event, start_year: int = 2025, end_year: int = 2029) -> list[date]:
    """Expand the event's RRULE with dateutil, as a calendar would."""
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(),
                    dtstart=datetime(start.year, start.month, start.day))
    window = rule.between(datetime(start_year, 1, 1), datetime(end_year, 12, 31), inc=True)
    return [d.date() for d in window]


def test_feb_29_birthday_fires_every_year_on_feb_28_in_common_years():
    (event,) = parsed(maria(Milestone("birthday", PartialDate(2, 29, 1980))))
    assert occurrences(event) == [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28),
                                  date(2028, 2, 29), date(2029, 2, 28)]
    assert event.decoded("dtstart") == date(1980, 2, 29)


def test_a_plain_yearly_rule_would_skip_common_years():
    # Why the special rule: RFC 5545 skips Feb 29 in common years under FREQ=YEARLY alone.
    rule = rrulestr("FREQ=YEARLY", dtstart=datetime(1980, 2, 29))
    fired = rule.between(datetime(2025, 1, 1), datetime(2029, 12, 31), inc=True)
    assert [d.year for d in fired] == [2028]


def test_ordinary_yearly_milestone():
    (event,) = parsed(maria(Milestone("wedding_anniversary", PartialDate(6, 12, 2010))))
    assert event["rrule"].to_ical() == b"FREQ=YEARLY"
    assert occurrences(event) == [date(y, 6, 12) for y in range(2025, 2030)]


def test_all_day_floating_dates():
    text = ical.calendar([maria(Milestone("birthday", PartialDate(3, 14, 1980)))],
                         TODAY).to_ical().decode()
    assert "DTSTART;VALUE=DATE:19800314" in text
    assert "DTEND;VALUE=DATE:19800315" in text
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert "TRANSP:TRANSPARENT" in text


def test_year_less_dates_start_in_a_real_year():
    birthday, leap = parsed(maria(Milestone("birthday", PartialDate(3, 14)),
                                  Milestone("birthday", PartialDate(2, 29), whose="Tom")))
    assert birthday.decoded("dtstart") == date(2026, 3, 14)
    assert leap.decoded("dtstart") == date(2026, 2, 28)  # 2026 has no Feb 29
    assert occurrences(leap, 2026, 2028) == [date(2026, 2, 28), date(2027, 2, 28),
                                             date(2028, 2, 29)]


def test_once_only_milestone_has_no_rule():
    (event,) = parsed(maria(Milestone("new_home", PartialDate(9, 1, 2026), yearly=False)))
    assert "RRULE" not in event
    assert event.decoded("dtstart") == date(2026, 9, 1)


def test_summaries_say_whose_and_what():
    own, child, custom = parsed(maria(Milestone("birthday", PartialDate(3, 14)),
                                      Milestone("birthday", PartialDate(5, 2), whose="Tom"),
                                      Milestone("custom", PartialDate(7, 1), note="Shop opening")))
    assert str(own["summary"]) == "Maria Nguyễn — birthday"
    assert str(child["summary"]) == "Maria Nguyễn — Tom’s birthday"
    # The owner's words as written, the name Today and the Calendar give it (issue 14)
    assert str(custom["summary"]) == "Maria Nguyễn — Shop opening"


def test_a_custom_milestone_is_named_as_today_names_it_and_keeps_its_whole_note():
    note = "NYC marathon\nTraining starts in May; she runs for the shelter"
    long, bare, hers = parsed(maria(Milestone("custom", PartialDate(7, 1), note=note),
                                    Milestone("custom", PartialDate(8, 1)),
                                    Milestone("custom", PartialDate(9, 1), whose="Tom",
                                              note="Gotcha day")))
    assert str(long["summary"]) == "Maria Nguyễn — NYC marathon"
    assert str(long["description"]) == note  # the name is its first line: the rest is kept
    assert str(bare["summary"]) == "Maria Nguyễn — Milestone"
    assert "description" not in bare
    assert str(hers["summary"]) == "Maria Nguyễn — Tom’s Gotcha day"
    assert "description" not in hers


def test_uids_are_stable_across_exports_and_distinct():
    person = maria(Milestone("birthday", PartialDate(3, 14)),
                   Milestone("custom", PartialDate(7, 1)), Milestone("custom", PartialDate(8, 1)))
    first = [str(e["uid"]) for e in parsed(person)]
    second = [str(e["uid"]) for e in parsed(person)]
    assert first == second and len(set(first)) == 3


def test_uids_survive_saving_the_profile(notebook, tmp_path):
    cid = customers.save_customer(maria(Milestone("birthday", PartialDate(3, 14)), saved=True))
    ical.export_file(tmp_path / "a.ics", TODAY)
    customer = customers.get_customer(cid)
    customer.notes = "edited"
    customers.save_customer(customer)  # rewrites the milestone rows with new ids
    ical.export_file(tmp_path / "b.ics", TODAY)
    uids = [str(e["uid"]) for name in ("a.ics", "b.ics")
            for e in events(Calendar.from_ical((tmp_path / name).read_bytes()))]
    assert uids[0] == uids[1]


def test_export_through_the_registry_counts_customers_with_milestones(notebook, tmp_path):
    customers.save_customer(maria(Milestone("birthday", PartialDate(3, 14)), saved=True))
    customers.save_customer(Customer(given_name="No", family_name="Dates"))
    path = tmp_path / "m.ics"
    assert exporter_for(path)(path) == 1
    cal = Calendar.from_ical(path.read_bytes())
    assert str(cal["prodid"]) == "-//Rapport//Milestones//EN"
    assert len(events(cal)) == 1
