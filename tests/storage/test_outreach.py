"""The Today queue from a real notebook: gathering, snooze and dismiss, acting, settings,
the calendar."""

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.dates import PartialDate
from domain.model import (
    Address,
    Customer,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
)
from domain.outreach import NUDGES, Settings, build_queue, from_customer, plan_queue
from storage import customers, outreach, records, timeline
from storage.db import close_notebook, db, open_notebook

FRI = date(2026, 11, 20)


def add(given: str, **kw) -> int:
    kw.setdefault("family_name", "Lopez")
    kw.setdefault("emails", [f"{given.lower()}@example.com"])
    kw.setdefault("phones", ["+15035550101"])
    kw.setdefault("addresses", [Address("1 Elm St", "Portland", mailing=True)])
    kw.setdefault("customer_since", date(2020, 1, 6))
    return customers.save_customer(Customer(given_name=given, **kw))


def shown(day: date = FRI) -> list[tuple[str, str, str]]:
    return [(s.customer, s.kind, s.due.isoformat()) for s in outreach.today_queue(day)]


def test_snooze_until_a_day_persists_and_expires(notebook):
    add("Maria", interactions=[Interaction(date(2026, 10, 1), "call")])
    [s] = outreach.today_queue(FRI)
    outreach.snooze(s, date(2026, 11, 23))
    close_notebook()
    open_notebook(notebook.path)
    assert shown(FRI) == [] and shown(date(2026, 11, 22)) == []
    assert shown(date(2026, 11, 23)) == [("Maria Lopez", "keep_in_touch", "2026-10-31")]


def test_dismiss_hides_this_occurrence_and_restore_undoes_it(notebook):
    add("Maria", milestones=[Milestone("birthday", PartialDate(12, 4))],
        interactions=[Interaction(date(2026, 11, 19), "visit")])
    [s] = outreach.today_queue(FRI)
    outreach.dismiss(s, FRI)
    assert shown() == []
    assert shown(date(2027, 11, 26)) == [("Maria Lopez", "milestone", "2027-11-29")]
    outreach.restore(s)
    assert shown() == [("Maria Lopez", "milestone", "2026-11-27")]


def test_dismiss_survives_editing_the_customer(notebook):
    cid = add("Maria", milestones=[Milestone("birthday", PartialDate(12, 4))],
              interactions=[Interaction(date(2026, 11, 19), "visit")])
    outreach.dismiss(outreach.today_queue(FRI)[0], FRI)
    c = customers.get_customer(cid)
    c.phones = ["+15035550199"]  # a profile save rewrites the milestone rows
    customers.save_customer(c)
    assert shown() == []


def test_acting_logs_the_touch_and_marks_it_handled(notebook):
    cid = add("Maria", interactions=[Interaction(date(2026, 10, 1), "call")])
    [s] = outreach.today_queue(FRI)
    done = outreach.act_on(s, "email", "Sent photos of the new tulips", FRI).interaction
    assert (done.kind, done.channel, done.when) == ("email", "email", FRI)
    logged = customers.get_customer(cid).interactions
    assert [(i.kind, i.summary) for i in logged][-1] == ("email", "Sent photos of the new tulips")
    assert shown() == []


def test_acting_without_a_note_uses_the_suggestion_s_title(notebook):
    add("Maria", purchases=[Purchase(date(2026, 11, 18), Decimal("40.00"))])
    [s] = outreach.today_queue(FRI)
    assert outreach.act_on(s, "mail", "", FRI).interaction.summary == \
        "Thank-you: first purchase"


def test_acting_on_a_promise_keeps_it_and_on_a_problem_notes_it(notebook):
    cid = add("Maria", interactions=[Interaction(date(2026, 11, 19), "visit")])
    timeline.add(cid, Promise(date(2026, 11, 10), datetime(2026, 11, 20, 15), "call back"))
    timeline.add(cid, Problem(date(2026, 11, 10), "wilted roses"))
    for s in outreach.today_queue(FRI):
        outreach.act_on(s, "phone", "", FRI)
    c = customers.get_customer(cid)
    assert [p.status for p in c.promises] == ["kept"]
    assert [u.summary for u in c.problems[0].updates] == ["Followed up on the problem"]
    assert shown() == [("Maria Lopez", "problem_follow_up", "2026-11-23")]  # the next one


def test_acting_is_one_transaction(notebook, monkeypatch):
    cid = add("Maria", interactions=[Interaction(date(2026, 10, 1), "call")])
    [s] = outreach.today_queue(FRI)

    def fail(*_args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(outreach, "_settle", fail)
    with pytest.raises(RuntimeError):
        outreach.act_on(s, "phone", "called", FRI)
    assert len(customers.get_customer(cid).interactions) == 1
    assert len(outreach.today_queue(FRI)) == 1


def _timeline(cid: int) -> tuple:
    """What Done may change for a customer: touches, promises, problem updates."""
    c = customers.get_customer(cid)
    return ([(i.id, i.summary) for i in c.interactions], [p.status for p in c.promises],
            [[(u.id, u.summary) for u in p.updates] for p in c.problems])


def _state_rows() -> list[tuple]:
    return db.execute_sql("SELECT id, customer_id, key, snoozed_until, dismissed "
                          "FROM suggestion_state ORDER BY id").fetchall()


def test_undoing_done_takes_back_exactly_what_it_did(notebook):
    cid = add("Maria", interactions=[Interaction(date(2026, 11, 19), "visit")])
    timeline.add(cid, Promise(date(2026, 11, 10), datetime(2026, 11, 20, 15), "call back"))
    timeline.add(cid, Problem(date(2026, 11, 10), "wilted roses"))
    olga = add("Olga", interactions=[Interaction(date(2026, 10, 1), "call")])
    [kit] = [s for s in outreach.today_queue(FRI) if s.customer_id == olga]
    outreach.snooze(kit, date(2026, 11, 19))  # a snooze already over: its row stays
    before, states = (_timeline(cid), _timeline(olga)), _state_rows()
    queue = outreach.today_queue(FRI)
    assert len(queue) == 3
    done = [outreach.act_on(s, "phone", "", FRI) for s in queue]
    assert shown() == [("Maria Lopez", "problem_follow_up", "2026-11-23")]
    for acted in reversed(done):
        outreach.undo_act(acted)
    assert (_timeline(cid), _timeline(olga)) == before and _state_rows() == states
    assert outreach.today_queue(FRI) == queue


def test_undoing_done_leaves_a_promise_kept_elsewhere_kept(notebook):
    cid = add("Maria", interactions=[Interaction(date(2026, 11, 19), "visit")])
    promise = timeline.add(cid, Promise(date(2026, 11, 10), datetime(2026, 11, 20, 15),
                                        "call back"))
    [s] = outreach.today_queue(FRI)
    timeline.update(replace(promise, status="kept"))  # kept on the customer's page meanwhile
    outreach.undo_act(outreach.act_on(s, "phone", "", FRI))
    assert [p.status for p in customers.get_customer(cid).promises] == ["kept"]


def test_undoing_done_is_one_transaction(notebook, monkeypatch):
    cid = add("Maria", interactions=[Interaction(date(2026, 10, 1), "call")])
    [s] = outreach.today_queue(FRI)
    acted = outreach.act_on(s, "phone", "called", FRI)
    monkeypatch.setattr(outreach, "_put_state", lambda *_a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        outreach.undo_act(acted)
    assert len(customers.get_customer(cid).interactions) == 2
    assert outreach.today_queue(FRI) == []


def test_acting_on_a_channel_that_does_not_exist_is_refused(notebook):
    add("Maria", interactions=[Interaction(date(2026, 10, 1), "call")])
    with pytest.raises(ValueError):
        outreach.act_on(outreach.today_queue(FRI)[0], "pigeon", "", FRI)


def _fill(count: int) -> None:
    for n in range(count):
        cid = add(f"Person{n}", referred_by=None,
                  milestones=[Milestone("birthday", PartialDate(12, 1 + n % 9), whose="Ella")],
                  facts=[Fact("family", "Ella", PartialDate(11, 25), "daughter")],
                  interactions=[Interaction(date(2026, 9, 1 + n % 20), "call")],
                  purchases=[Purchase(date(2026, 1 + n % 5, 3), Decimal("9.00")),
                             Purchase(date(2026, 6, 3), Decimal("9.00"))])
        timeline.add(cid, Promise(date(2026, 11, 1), datetime(2026, 11, 20), "call back"))
        timeline.add(cid, Problem(date(2026, 11, 1), "late", updates=[
            ProblemUpdate(date(2026, 11, 2), "asked the van")]))


def _statements(action) -> int:
    seen: list[str] = []
    db.connection().set_trace_callback(seen.append)
    try:
        action()
    finally:
        db.connection().set_trace_callback(None)
    return len([s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))])


def test_today_reads_the_same_few_queries_for_any_number_of_customers(notebook, monkeypatch):
    from storage import agenda, agenda_read

    monkeypatch.setattr(agenda, "_clock", lambda: FRI)  # stored agendas hold on the day read
    _fill(3)
    few = _statements(lambda: outreach.today_queue(FRI))
    _fill(3)
    few_again = _statements(lambda: outreach.today_queue(FRI))  # the kept plan, 3 changed
    _fill(40)
    many_again = _statements(lambda: outreach.today_queue(FRI))  # … 40 changed
    agenda_read._kept = None  # the day read whole again
    many = _statements(lambda: outreach.today_queue(FRI))
    assert few == many <= 19  # settings, snoozes, which agendas hold, the reads, the numbers
    assert few_again == many_again <= 19  # … and those changed since, read whole


def _varied_notebook() -> None:
    maria = add("Maria", milestones=[Milestone("birthday", PartialDate(12, 4, 1976)),
                                     Milestone("bereavement", PartialDate(11, 2, 2026),
                                               "Tom", False)],
                facts=[Fact("family", "Tom", relation="husband"),
                       Fact("family", "Ella", PartialDate(11, 30, 2018), "daughter")],
                interactions=[Interaction(date(2026, 9, day), kind) for day, kind in
                              ((1, "call"), (5, "email"), (9, "text"), (13, "card"))],
                purchases=[Purchase(date(2016, 11, 25), Decimal(1)),
                           *(Purchase(date(2026, m, 5), Decimal(1)) for m in range(1, 5))])
    add("Ann", referred_by=maria, purchases=[Purchase(date(2026, 11, 17), Decimal(3))],
        phones=[], addresses=[], do_not_contact=["email"])
    add("Bo", preferred_channels=["text"], tags=["vip"], cadence_days=None,
        interactions=[Interaction(date(2026, 11, 9), "text"), Interaction(date(2026, 11, 9),
                                                                          "note")])
    cy = add("Cy", interactions=[Interaction(date(2026, 11, 18), "visit")])
    timeline.add(cy, Promise(date(2026, 11, 1), datetime(2026, 11, 23, 10), "email the quote"))
    timeline.add(cy, Problem(date(2026, 11, 1), "late van", "resolved", date(2026, 11, 17)))
    add("Dee", purchases=[Purchase(date(2026, m, 10), Decimal(2)) for m in (9, 10, 11)])
    outreach.set_tag_cadence("vip", 7)


@pytest.mark.parametrize("day", ["2026-11-20", "2026-11-30", "2027-01-04", "2027-02-27"])
def test_gathered_queue_matches_the_engine_on_whole_customers(notebook, day):
    _varied_notebook()
    today = date.fromisoformat(day)
    settings = outreach.load_settings()
    whole = [from_customer(c, date(2020, 1, 6)) for c in records.load_customers()]
    expected = build_queue(whole, today, settings)
    assert expected  # the notebook says something on each of these days
    assert outreach.today_queue(today) == expected


def test_settings_round_trip_with_defaults(notebook):
    assert outreach.load_settings() == Settings()
    outreach.save_settings(Settings(default_cadence_days=45, mailing_lead_days=3))
    outreach.set_tag_cadence("vip", 10)
    loaded = outreach.load_settings()
    assert (loaded.default_cadence_days, loaded.mailing_lead_days) == (45, 3)
    assert loaded.tag_cadences == {"vip": 10}
    outreach.set_tag_cadence("vip", None)
    assert outreach.load_settings().tag_cadences == {}


def test_a_damaged_or_odd_setting_falls_back_to_its_default(notebook):
    with db.atomic():
        db.execute_sql("INSERT INTO setting (key, value) VALUES "
                       "('outreach.default_cadence_days', '\"soon\"'), "
                       "('outreach.cap_touches', '{oops'), ('outreach.queue_days', '10')")
    loaded = outreach.load_settings()
    assert (loaded.default_cadence_days, loaded.cap_touches, loaded.queue_days) == (30, 2, 10)


def test_tag_cadence_drives_keep_in_touch(notebook):
    add("Bo", tags=["vip"], interactions=[Interaction(date(2026, 11, 9), "call")])
    assert shown() == []
    outreach.set_tag_cadence("vip", 7)
    assert shown() == [("Bo Lopez", "keep_in_touch", "2026-11-16")]


def test_calendar_wraps_at_year_end(notebook):
    add("Maria", milestones=[Milestone("birthday", PartialDate(1, 5, 1980)),
                             Milestone("wedding_anniversary", PartialDate(12, 30)),
                             Milestone("birthday", PartialDate(3, 1), "Ella")],
        facts=[Fact("family", "Ella", relation="daughter"),
               Fact("pet", "Biscuit", PartialDate(1, 2), "dog")])
    entries = outreach.calendar(date(2026, 12, 20), days=30)
    assert [(e.when.isoformat(), e.title, e.detail) for e in entries] == [
        ("2026-12-30", "Wedding anniversary", ""),
        ("2027-01-02", "Biscuit's birthday (Maria's dog)", ""),
        ("2027-01-05", "Birthday", "turns 47"),
    ]


def test_calendar_keeps_feb_29_on_feb_28_in_common_years(notebook):
    add("Maria", milestones=[Milestone("birthday", PartialDate(2, 29, 1988))])
    common = outreach.calendar(date(2027, 2, 1), days=27)  # to Sun 28 Feb 2027
    assert [(e.when.isoformat(), e.detail) for e in common] == [("2027-02-28", "turns 39")]
    leap = outreach.calendar(date(2028, 2, 1), days=28)
    assert [e.when.isoformat() for e in leap] == ["2028-02-29"]
    assert outreach.calendar(date(2028, 2, 1), days=27) == []


def test_calendar_default_is_sixty_days_by_date(notebook):
    add("Maria", milestones=[Milestone("birthday", PartialDate(1, 18))])
    add("Ann", milestones=[Milestone("birthday", PartialDate(12, 1))])
    assert [e.customer for e in outreach.calendar(date(2026, 11, 20))] == ["Ann Lopez",
                                                                           "Maria Lopez"]
    assert [e.customer for e in outreach.calendar(date(2026, 11, 18))] == ["Ann Lopez"]


def test_today_queue_reads_a_read_only_notebook(notebook):
    add("Maria", interactions=[Interaction(date(2026, 10, 1), "call")])
    close_notebook()
    open_notebook(notebook.path, read_only=True)
    assert shown() == [("Maria Lopez", "keep_in_touch", "2026-10-31")]


def test_the_daily_capacity_is_stored_with_the_other_settings(notebook):
    outreach.save_settings(Settings(daily_capacity=5))
    assert outreach.load_settings().daily_capacity == 5


def test_today_plan_shows_the_capacity_and_counts_the_rest(notebook):
    for n in range(1, 6):
        add(f"P{n}", interactions=[Interaction(date(2026, 9, n), "call")])
    outreach.save_settings(Settings(daily_capacity=2))
    found = outreach.today_plan(FRI)
    assert [s.customer for s in found.suggestions] == ["P1 Lopez", "P2 Lopez"]
    assert found.waiting == 3
    assert outreach.today_queue(FRI) == found.suggestions


def test_plain_nudges_on_one_day_go_to_the_biggest_spender_then_the_longest_standing(
        notebook, monkeypatch):
    """SQLite ranks the plain customers' nudges (storage.agenda_read._BEST): the same order as
    the rules', ties on the day broken by spend, then by who came first; a customer due both a
    keep-in-touch and a we-miss-you is one nudge."""
    from storage import agenda_read

    monkeypatch.setattr(agenda_read, "RESERVE", 0)  # SQLite's order alone picks the three
    spend = {"Low": "20", "High": "900", "Mid": "300", "Twin": "300"}
    for given, amount in spend.items():
        add(given, purchases=[Purchase(date(2024, 3, 1), Decimal("1"), "Card"),
                              Purchase(date(2026, 9, 1), Decimal(amount), "Roses")])
    both = add("Both", purchases=[Purchase(date(2024, 1, 5) + timedelta(days=30 * k),
                                           Decimal("50"), "Tulips") for k in range(6)])
    outreach.save_settings(Settings(daily_capacity=3))
    due = db.execute_sql("SELECT customer_id, kind FROM agenda WHERE due <= :day AND kind != "
                         "'calendar' AND shows_from <= :day AND shows_until >= :day",
                         {"day": FRI.isoformat()}).fetchall()
    assert {kind for _cid, kind in due} == set(NUDGES)  # plain customers, every one
    assert {kind for cid, kind in due if cid == both} == {"keep_in_touch", "lapsed"}
    settings = outreach.load_settings()
    whole = [from_customer(c) for c in records.load_customers()]
    expected = plan_queue(whole, FRI, settings, {})
    assert [s.customer for s in expected.suggestions] == ["Both Lopez", "High Lopez",
                                                          "Mid Lopez"]
    assert expected.waiting == 2  # Twin (spent as Mid, came later) and Low
    assert outreach.today_plan(FRI, keep=False) == expected


def _generated(count: int, today: date) -> None:
    """``count`` varied customers, as the benchmark makes them (touches, purchases, family,
    milestones, promises, problems, referrals)."""
    from storage import bulk
    from tests.bench.generate import make_customer

    rng = random.Random(7)
    with db.atomic():
        bulk.write_all(bulk.NotebookContent([make_customer(i, today, rng)
                                             for i in range(1, count + 1)]))


@pytest.mark.parametrize("capacity", [0, 3, 20])
def test_today_plan_is_the_engine_over_every_customer(notebook, capacity):
    made = date(2026, 11, 23)
    _generated(150, made)
    outreach.set_tag_cadence("vip", 21)
    outreach.save_settings(Settings(daily_capacity=capacity))
    settings = outreach.load_settings()
    whole = [from_customer(c) for c in records.load_customers()]
    for day in (made, made + timedelta(days=9), made + timedelta(days=45)):
        expected = plan_queue(whole, day, settings, outreach.load_states(day))
        assert expected.waiting > 0 or capacity == 20
        assert outreach.today_plan(day) == expected
        assert outreach.today_plan(day, keep=False) == expected  # the command line's read
        for s in [s for s in expected.suggestions if s.kind in NUDGES][:2]:
            outreach.dismiss(s, day)  # hidden nudges make room for the next ones
        assert outreach.today_plan(day) == plan_queue(whole, day, settings,
                                                      outreach.load_states(day))


def test_a_new_notebook_has_the_index_the_queue_reads_touches_from(notebook):
    indexes = {row[1] for row in db.execute_sql("PRAGMA index_list('interaction')")}
    assert "interaction_touch" in indexes
    columns = [row[2] for row in db.execute_sql("PRAGMA index_info('interaction_touch')")]
    assert columns == ["customer_id", "date", "id", "kind", "channel"]


def test_a_snoozed_card_a_touch_answered_lets_keep_in_touch_show(notebook, monkeypatch):
    """A snoozed birthday card stops standing for the next touch once a touch is logged after
    it came into the window: keep in touch shows then (domain.outreach.policy._standing).
    Today's read leaves a keep-in-touch unread only when nothing can hide what stands for it
    (keep_in_touch_stands_aside): read whole once, or kept and told, the same queue."""
    from storage import agenda, agenda_read

    day = date(2026, 11, 27)  # the card came into the window on the 20th; touched since
    monkeypatch.setattr(agenda, "_clock", lambda: day)  # stored agendas hold on the day read
    outreach.save_settings(replace(outreach.load_settings(), default_cadence_days=7))
    add("Maria", milestones=[Milestone("birthday", PartialDate(12, 4))],
        interactions=[Interaction(date(2026, 11, 24), "visit")])
    assert [s.kind for s in outreach.today_queue(day)] == ["milestone"]
    assert not agenda_read._unanswered(day)  # read from the stored agendas, not on the spot
    [card] = outreach.today_queue(day)
    outreach.snooze(card, date(2026, 12, 3))
    kept = [s.kind for s in outreach.today_queue(day)]  # the kept plan, told of the snooze
    agenda_read._kept = None
    once = [s.kind for s in outreach.today_plan(day, keep=False).suggestions]
    assert kept == once == ["keep_in_touch"]
