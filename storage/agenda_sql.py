"""The statements Today reads the stored agendas with (storage.agenda_read), apart from what
runs them: a benchmark's lower bound (tests/bench/today_bound.py) reads the day with the very
same SQL without loading storage."""

from __future__ import annotations

from domain.outreach import KINDS, NUDGES

# An entry's stored columns, in the order storage.agenda_read turns them into entries.
ROWS = ("SELECT rowid, customer_id, kind, key, due, shows_from, shows_until, channel, every, "
        "milestone_kind, detail FROM agenda ")
# Every entry but the nudges that shows on ``:day``, due by ``:horizon`` (index agenda_due).
SHOWN = ROWS + ("WHERE kind IN ({kinds}) AND due <= :horizon AND shows_from <= :day "
                "AND shows_until >= :day").format(
                    kinds=",".join(f"'{k}'" for k in KINDS if k not in NUDGES))  # fixed names
