"""A setting changed: only the rules that read it worked out again (storage.agenda's
:func:`~storage.agenda.flush` calls :func:`rework`), the other stored rows left alone.

The map of which rule reads which setting is written once, next to the rules
(domain.outreach.rules.READS); a change the map cannot answer in part (a setting the agenda
itself reads, the cap's touches) works everyone out whole (storage.agenda.rebuild).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import fields
from datetime import date

from domain.outreach import Context, Settings
from domain.outreach.rules import KIND, NEEDS, Rule, entries_for, rules_reading
from storage import agenda, agenda_input, collector
from storage.db import db


def rules_changed(settings: Settings) -> tuple[Rule, ...] | None:
    """The rules reading a setting changed since the stored agendas were made (None:
    everything must be worked out again)."""
    made = agenda._made_with()
    if made is None:
        return None
    return rules_reading([f.name for f in fields(Settings)
                          if getattr(made, f.name) != getattr(settings, f.name)])


def rework(rules: tuple[Rule, ...], day: date, marked: Collection[int] = (),
           settings: Settings | None = None,
           progress: Callable[[int, int], None] | None = None) -> int:
    """Work out again, for everyone, only the entries of ``rules`` (a setting only they read
    changed), leaving the other stored rows alone. Each agenda is worked out again on the day
    it was made (most were made on the same day: the last whole rebuild's), so that it stays
    what the rules give on that day (tests/storage/test_agenda_settings.py); those made on a
    day few share (:data:`GROUP_SHARE`), and those of ``marked``, are worked out whole from
    ``day`` (everyone's, when they are most, :data:`WHOLE_SHARE`, or made on more days than
    :data:`PASSES`). The number worked out."""
    settings = settings or agenda.stored_settings()
    con = db.connection()
    wanted = [cid for (cid,) in con.execute("SELECT id FROM customer ORDER BY id")]
    made: dict[int, str] = dict(con.execute(  # the agendas that hold on the day
        "SELECT customer_id, as_of FROM agenda_customer WHERE as_of <= :day AND until >= :day",
        {"day": day.isoformat()}))
    marked = set(marked)
    days = Counter(made.get(cid) for cid in wanted if cid not in marked)
    groups = sorted(d for d, n in days.items() if d is not None and n >= GROUP_SHARE * len(wanted))
    whole = marked | {cid for cid in wanted if made.get(cid) not in groups}
    if len(whole) > WHOLE_SHARE * len(wanted) or len(groups) > PASSES:
        return agenda.rebuild(None, day, settings, progress)
    total = len(groups) * len(wanted) + len(whole)
    kinds = json.dumps([KIND[rule] for rule in rules])
    parts = frozenset().union(*(NEEDS[rule] for rule in rules))
    done = 0
    with collector.paused():
        for made_on in groups:  # one pass over everyone a day (nearly always one day)
            when = date.fromisoformat(made_on)
            others = whole | {cid for cid in wanted if made.get(cid) != made_on}
            for start in range(0, len(wanted), agenda.CHUNK):
                span = (wanted[start], wanted[min(start + agenda.CHUNK, len(wanted)) - 1])
                _rework_span(con, span, rules, Context(when, settings, agenda_input.contacts(
                    when, settings, None, span, parts)), others, kinds)
                if progress is not None:
                    progress(done + min(start + agenda.CHUNK, len(wanted)), total)
            done += len(wanted)
        if whole:
            agenda.rebuild(whole, day, settings, progress and (
                lambda finished, _total: progress(done + finished, total)))
        agenda._note(con, settings)
    return len(wanted)


# The share of agendas not reworked on the day they were made (worked out whole instead)
# above which a setting changed works everyone out whole: a rework's pass would be spent on
# them for nothing, and a list of ids is read slower than everyone by ranges.
WHOLE_SHARE = 0.5
# The least share of everyone made on one day for their agendas to be reworked on that day
# (a pass over everyone each): the others, made on days few share (a customer changed since
# the last whole rebuild), are worked out whole.
GROUP_SHARE = 0.1
# The most days' passes over everyone a rework makes: each costs about half a whole rebuild
# (50,000 customers, CPU: one day's 2.5 s, two 3.9 s, three 5.1 s, five 7.5 s; whole 4.8 s),
# so with agendas made on more days (weekly sales imports leave them so) the whole is quicker.
PASSES = 2


def _rework_span(con: sqlite3.Connection, span: tuple[int, int], rules: tuple[Rule, ...],
                 ctx: Context, whole: Collection[int], kinds: str) -> None:
    """:func:`rework` of the customers numbered ``span``'s first to last, but ``whole``, on
    ``ctx.today`` (the day their agendas were made)."""
    iso = agenda._Days()
    cap = ctx.settings.cap_touches
    new: dict[tuple[int, str], list[tuple]] = {}
    # What every row of a customer shares, as stored in their header (made on the day).
    for cid, touches, losses, spent in con.execute(
            "SELECT customer_id, touches, losses, lifetime_cents FROM agenda_customer "
            "WHERE customer_id BETWEEN ? AND ?", span).fetchall():
        c = ctx.contacts.get(cid)
        if c is None or c.status or cid in whole:
            continue
        days = touches.split(",") if touches else ()
        kth = days[cap - 1] if 0 < cap <= len(days) else None
        for row in agenda._rows(entries_for(c, ctx, None, rules), spent, kth, bool(losses), iso):
            new.setdefault((cid, row[1]), []).append(row)
    old: dict[tuple[int, str], list[tuple]] = {}
    # By the customers' index: SQLite's own choice, the kinds' (agenda_due), read every row
    # of the kinds for each span (2.8 s of CPU for 50,000 customers' keep-in-touch rows).
    for row in con.execute(f"SELECT rowid, {agenda._COLUMNS} FROM agenda INDEXED BY "
                           "agenda_customer_entries WHERE customer_id BETWEEN ? AND ? "
                           "AND kind IN (SELECT value FROM json_each(?))", (*span, kinds)):
        old.setdefault((row[1], row[2]), []).append(row)
    _rewrite(con, old, new, whole)


def _rewrite(con: sqlite3.Connection, old: dict[tuple[int, str], list[tuple]],
             new: dict[tuple[int, str], list[tuple]], whole: Collection[int]) -> None:
    """Make the stored rows ``old`` (rowid first) of each customer and kind the rows ``new``:
    a row that differs is updated in place (its customer and kind kept, their index left
    alone: 50,000 keep-in-touch rows in 0.4–0.7 s, deleted and inserted in 0.6–1.0 s), one the
    same left as it is, the rest deleted or inserted. ``whole``'s rows are left to the whole
    rebuild."""
    changed: list[tuple] = []
    gone: list[tuple[int]] = []
    added: list[tuple] = []
    for who in old.keys() | new.keys():
        if who[0] in whole:
            continue
        was, now = old.get(who, ()), new.get(who, ())
        changed += [(*after[2:], before[0])
                    for before, after in zip(was, now, strict=False) if before[1:] != after]
        gone += [(before[0],) for before in was[len(now):]]
        added += now[len(was):]
    con.executemany("UPDATE agenda SET key = ?, due = ?, shows_from = ?, shows_until = ?, "
                    "channel = ?, every = ?, milestone_kind = ?, detail = ?, rank = ?, "
                    "kth_touch = ?, quiet = ? WHERE rowid = ?", changed)
    con.executemany("DELETE FROM agenda WHERE rowid = ?", gone)
    agenda._insert(con, added)
