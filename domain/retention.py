"""Which backups to keep: the newest few, then one a day, one a week, one a month.

Pure: takes the times backups were taken and ``now``; no files, no clock. Periods are counted
the way borg and restic count them: "14 daily" keeps the newest backup of each of the 14 most
recent days that have one, so a notebook left alone for a season still keeps a spread of old
copies instead of losing them to a calendar window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

Period = Callable[[datetime], tuple[int, ...]]


@dataclass(frozen=True)
class Retention:
    """How many backups to keep of each kind."""

    recent: int = 10
    daily: int = 14
    weekly: int = 8
    monthly: int = 12


DEFAULT = Retention()


def _day(when: datetime) -> tuple[int, ...]:
    return when.year, when.month, when.day


def _week(when: datetime) -> tuple[int, ...]:
    iso = when.isocalendar()
    return iso.year, iso.week


def _month(when: datetime) -> tuple[int, ...]:
    return when.year, when.month


def newest_per_period(stamps: list[datetime], period: Period, count: int) -> set[datetime]:
    """The newest of ``stamps`` (sorted newest first) in each of the ``count`` latest periods."""
    chosen: dict[tuple[int, ...], datetime] = {}
    for when in stamps:
        key = period(when)
        if key not in chosen:
            if len(chosen) == count:
                break
            chosen[key] = when
    return set(chosen.values())


def to_keep(stamps: Iterable[datetime], now: datetime,
            policy: Retention = DEFAULT) -> set[datetime]:
    """The backup times to keep; the others may be deleted.

    A backup dated after ``now`` is always kept: the clock was changed, and a wrong clock is no
    reason to delete anything.
    """
    ordered = sorted(set(stamps), reverse=True)
    keep = {when for when in ordered if when > now}
    past = [when for when in ordered if when <= now]
    keep.update(past[:policy.recent])
    for period, count in ((_day, policy.daily), (_week, policy.weekly),
                          (_month, policy.monthly)):
        keep |= newest_per_period(past, period, count)
    return keep
