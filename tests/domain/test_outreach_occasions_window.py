"""Occasions skip a yearly date whose month and day fall on none of the days looked at
(domain.outreach.occasions): the same occasions as looking at every date, Feb 29 included."""

from calendar import isleap
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.dates import PartialDate
from domain.model import Fact, Milestone
from domain.outreach import occasions as module
from domain.outreach.inputs import Contact

EVERY_DAY = frozenset((m, d) for m in range(1, 13) for d in range(1, 32))

partial = st.builds(
    lambda day, year: PartialDate(day.month, day.day, year),
    st.dates(date(2000, 1, 1), date(2000, 12, 31)),  # a leap year: Feb 29 comes up
    st.one_of(st.none(), st.integers(1900, 2030)).filter(lambda y: y is None or isleap(y)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(partial, st.booleans()), max_size=4), st.lists(partial, max_size=3),
       st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))),
       st.dates(date(2020, 1, 1), date(2031, 12, 31)), st.integers(0, 400),
       st.integers(0, 30))
def test_skipping_dates_out_of_the_window_changes_no_occasion(marks, family, first, start,
                                                              days, back):
    c = Contact(7, "Ana", "Ana", milestones=[
        Milestone("birthday" if yearly else "new_baby", when, "", yearly, "", n)
        for n, (when, yearly) in enumerate(marks)],
        family=[Fact("family", f"kid {n}", when) for n, when in enumerate(family)])
    end, once = start + timedelta(days=days), start - timedelta(days=back)
    found = list(module.occasions(c, start, end, once, first))
    module.month_days, real = (lambda start, end: EVERY_DAY), module.month_days
    try:
        assert found == list(module.occasions(c, start, end, once, first))
    finally:
        module.month_days = real


def test_a_feb_29_birthday_falls_on_feb_28_in_a_common_year():
    c = Contact(7, "Ana", "Ana", milestones=[Milestone("birthday", PartialDate(2, 29, 1980))],
                family=[Fact("family", "Leo", PartialDate(2, 29))])
    found = list(module.occasions(c, date(2027, 2, 28), date(2027, 2, 28),
                                  first_purchase=date(2016, 2, 29)))
    assert [(o.whose, o.occurs) for o in found] == [
        ("", date(2027, 2, 28)), ("Leo", date(2027, 2, 28)), ("", date(2027, 2, 28))]
    assert list(module.occasions(c, date(2028, 2, 28), date(2028, 2, 28),
                                 first_purchase=date(2016, 2, 29))) == []

