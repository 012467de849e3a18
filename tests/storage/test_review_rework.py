"""Hostile review of a setting's rework (storage.agenda_rework): agendas made on several
days, each group big enough to be reworked on its own day, archived and deceased customers
among them, and a setting saved on one thread while a Done is logged on another."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

from storage import agenda, custom_fields, outreach
from storage.db import db
from tests.storage.test_agenda import START, edit, scratch, seeded
from tests.storage.test_agenda_settings import all_hold, rebuilt_as_made, stored


def test_agendas_made_on_several_days_with_archived_and_deceased_customers(tmp_path_factory):
    with seeded(tmp_path_factory, 23, 60) as (rng, ids):
        for later in (1, 2, 3):  # a fifth of the customers written on each of three days
            day = START + timedelta(days=later)
            agenda.set_clock(lambda day=day: day)
            for cid in ids[(later - 1) * 12:later * 12]:
                edit(rng, [cid], day)
        for cid, status in zip(ids[::7], ["archived", "deceased"] * 10, strict=False):
            custom_fields.set_status(cid, status)
        made = {d for (d,) in db.execute_sql("SELECT DISTINCT as_of FROM agenda_customer")}
        assert len(made) >= 3
        day = START + timedelta(days=4)
        agenda.set_clock(lambda: day)
        before = outreach.load_settings()
        outreach.update_settings(before, replace(
            before, default_cadence_days=before.default_cadence_days - 11,
            lapse_min_days=before.lapse_min_days + 5))
        assert stored() == rebuilt_as_made() and all_hold(day)
        found, expected = outreach.today_plan(day), scratch(day)
        assert found.suggestions == expected.suggestions
        assert found.waiting == expected.waiting
        assert not db.execute_sql(
            "SELECT 1 FROM agenda a JOIN customer c ON c.id = a.customer_id "
            "WHERE c.status != '' AND a.kind != 'calendar'").fetchone()


def test_a_setting_saved_while_a_done_is_logged_on_another_thread(tmp_path_factory):
    """Each thread its own connection, their writes one at a time as the window's one
    operations thread runs them (ui/operations.py: two writers at once in one process get
    "database is locked" at once, a deferred transaction's upgrade not waiting: by design).
    Whatever the order, the stored agendas are the rules' on their days and Today is the
    rules' queue."""
    with seeded(tmp_path_factory, 31, 50):
        day = START + timedelta(days=1)
        agenda.set_clock(lambda: day)
        queue = outreach.today_plan(day).suggestions
        assert len(queue) >= 6
        failures: list[BaseException] = []
        one_at_a_time = threading.Lock()

        def done() -> None:
            try:
                for s in queue[:6]:
                    with one_at_a_time:
                        outreach.act_on(s, s.channel or "phone", "done", day)
            except BaseException as exc:  # reported below, on the test's thread
                failures.append(exc)
            finally:
                db.close()

        worker = threading.Thread(target=done)
        worker.start()
        for step in range(4):
            with one_at_a_time:
                before = outreach.load_settings()
                outreach.update_settings(before, replace(
                    before, default_cadence_days=before.default_cadence_days + 3 + step))
        worker.join(120)
        assert not worker.is_alive() and failures == []
        assert stored() == rebuilt_as_made() and all_hold(day)
        found, expected = outreach.today_plan(day), scratch(day)
        assert found.suggestions == expected.suggestions
        assert not {s.key for s in found.suggestions} & {s.key for s in queue[:6]}
