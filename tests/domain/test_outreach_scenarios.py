"""A florist's notebook built from the rules table (DESIGN §2): one customer per rule, and the
exact queue the table predicts on several days."""

import pytest

from domain.outreach import Settings, build_queue
from tests.domain.outreach_builders import (
    d,
    family,
    milestone,
    person,
    problem,
    promise,
    touch,
)

MONTHLY = [d("2026-01-05"), d("2026-02-04"), d("2026-03-06"), d("2026-04-05")]


def notebook():
    return [
        person(1, "Ann Lee", referred_by=2, purchases=[d("2026-11-18")], added=d("2026-11-18")),
        person(2, "Bo Chen", touches=[touch("2026-09-01", "call")]),
        person(3, "Cy Diaz", milestones=[milestone("birthday", "1976-12-04")],
               touches=[touch("2026-11-02", "visit")]),
        person(4, "Dee Eve", touches=[touch("2026-10-10", "email")]),
        person(5, "Eli Fox", promises=[promise("2026-11-23T10:00")],
               touches=[touch("2026-11-16", "visit")]),
        person(6, "Flo Gray", problems=[problem("2026-11-12", updates=("2026-11-15",),
                                                 waiting_on="the grower")],
               touches=[touch("2026-11-15", "call")]),
        person(7, "Gus Hill", purchases=MONTHLY, touches=[touch("2026-11-01", "call")]),
        person(8, "Hal Ives", purchases=MONTHLY, family=[family("Tom", "husband")],
               milestones=[milestone("bereavement", "2026-11-19", whose="Tom")],
               touches=[touch("2026-11-19", "visit")]),
        person(9, "Ida Jo", problems=[problem("2026-11-03", resolved="2026-11-17")],
               touches=[touch("2026-11-16", "email")]),
    ]


EXPECTED = {
    "2026-11-20": [  # a Friday: the week runs to Fri 27 Nov
        ("Gus Hill", "lapsed", "2026-07-04", "email"),
        ("Dee Eve", "keep_in_touch", "2026-11-09", "phone"),
        ("Ida Jo", "thank_you_patience", "2026-11-17", "mail"),
        ("Flo Gray", "problem_follow_up", "2026-11-18", "phone"),
        ("Hal Ives", "sympathy", "2026-11-19", "mail"),
        ("Ann Lee", "thank_you_first_purchase", "2026-11-20", "mail"),
        ("Bo Chen", "thank_you_referral", "2026-11-20", "mail"),
        ("Eli Fox", "promise_due", "2026-11-23", "phone"),
        ("Cy Diaz", "milestone", "2026-11-27", "mail"),  # Fri 4 Dec, five business days
    ],
    "2026-12-01": [  # too late to post Cy's card: a call on the day instead
        ("Gus Hill", "lapsed", "2026-07-04", "email"),
        ("Dee Eve", "keep_in_touch", "2026-11-09", "phone"),
        ("Ida Jo", "thank_you_patience", "2026-11-17", "mail"),
        ("Flo Gray", "problem_follow_up", "2026-11-18", "phone"),
        ("Hal Ives", "sympathy", "2026-11-19", "mail"),
        ("Ann Lee", "thank_you_first_purchase", "2026-11-20", "mail"),
        ("Bo Chen", "thank_you_referral", "2026-11-20", "mail"),
        ("Eli Fox", "promise_due", "2026-11-23", "phone"),
        ("Cy Diaz", "milestone", "2026-12-04", "phone"),
    ],
    "2027-01-04": [  # thank-yous and sympathy have passed; Hal is still in his quiet time
        ("Gus Hill", "lapsed", "2026-07-04", "email"),
        ("Bo Chen", "keep_in_touch", "2026-10-01", "email"),
        ("Dee Eve", "keep_in_touch", "2026-11-09", "phone"),
        ("Flo Gray", "problem_follow_up", "2026-11-18", "phone"),
        ("Eli Fox", "promise_due", "2026-11-23", "phone"),
        ("Cy Diaz", "keep_in_touch", "2026-12-02", "phone"),
        ("Ida Jo", "keep_in_touch", "2026-12-16", "phone"),
        ("Ann Lee", "keep_in_touch", "2026-12-18", "phone"),
        ("Gus Hill", "milestone", "2027-01-05", "phone"),  # first anniversary as a customer
    ],
    "2027-01-25": [  # Hal's quiet time is over: his nudges come back
        ("Gus Hill", "lapsed", "2026-07-04", "email"),
        ("Hal Ives", "lapsed", "2026-07-04", "phone"),
        ("Bo Chen", "keep_in_touch", "2026-10-01", "email"),
        ("Dee Eve", "keep_in_touch", "2026-11-09", "phone"),
        ("Flo Gray", "problem_follow_up", "2026-11-18", "phone"),
        ("Eli Fox", "promise_due", "2026-11-23", "phone"),
        ("Cy Diaz", "keep_in_touch", "2026-12-02", "phone"),
        ("Ida Jo", "keep_in_touch", "2026-12-16", "phone"),
        ("Ann Lee", "keep_in_touch", "2026-12-18", "phone"),
    ],
}


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_the_queue_the_rules_table_predicts(day):
    found = build_queue(notebook(), d(day), Settings())
    assert [(s.customer, s.kind, s.due.isoformat(), s.channel) for s in found] == EXPECTED[day]


def test_reasons_on_the_first_day_read_naturally():
    found = {s.customer: s.reason for s in build_queue(notebook(), d("2026-11-20"))}
    assert found == {
        "Gus Hill": "No purchase since 5 Apr (229 days); usually every 30 days",
        "Dee Eve": "Last touch 41 days ago (an email on 10 Oct)",
        "Ida Jo": "Problem resolved on 17 Nov (wilted roses) — thank them for their patience",
        "Flo Gray": ("Problem: wilted roses — no update for 5 days (since 15 Nov); waiting on "
                     "the grower"),
        "Hal Ives": "Loss of Tom (Hal's husband) yesterday — a note of sympathy",
        "Ann Lee": "First purchase on 18 Nov — no thank-you yet",
        "Bo Chen": "Referred Ann Lee (who first bought on 18 Nov) — no thank-you yet",
        "Eli Fox": "Promised: call back about the lilies — due Mon 23 Nov at 10:00",
        "Cy Diaz": "Birthday on Fri 4 Dec (turns 50) — post the card by 27 Nov",
    }


def test_acting_on_the_day_clears_what_it_answers():
    book = notebook()
    for n, kind in ((3, "call"), (1, "card"), (0, "card"), (8, "card")):  # Dee, Bo, Ann, Ida
        book[n].touches = [*book[n].touches, touch("2026-11-20", kind)]
    found = build_queue(book, d("2026-11-20"))
    assert [s.customer for s in found] == ["Gus Hill", "Flo Gray", "Hal Ives", "Eli Fox",
                                           "Cy Diaz"]
