"""Backup thinning: the newest few, then one a day, a week, a month. Pure, no files."""

from datetime import datetime, timedelta

from domain.retention import DEFAULT, Retention, to_keep

NOW = datetime(2026, 11, 23, 18, 0)


def hourly(days: int, end: datetime = NOW) -> list[datetime]:
    return [end - timedelta(hours=h) for h in range(days * 24)]


def test_few_backups_are_all_kept():
    stamps = [NOW - timedelta(days=400 * i) for i in range(DEFAULT.recent)]
    assert to_keep(stamps, NOW) == set(stamps)


def test_newest_ten_are_kept_whatever_their_age():
    stamps = hourly(30)
    assert set(sorted(stamps)[-10:]) <= to_keep(stamps, NOW)


def test_one_per_day_for_the_last_fourteen_days():
    kept = to_keep(hourly(60), NOW)
    for back in range(14):
        day = (NOW - timedelta(days=back)).date()
        newest = max(s for s in hourly(60) if s.date() == day)
        assert newest in kept


def test_one_per_week_for_eight_weeks_and_one_per_month_for_twelve_months():
    stamps = hourly(500)
    kept = to_keep(stamps, NOW)
    weeks = {s.isocalendar()[:2] for s in kept}
    months = {(s.year, s.month) for s in kept}
    recent_weeks = sorted({s.isocalendar()[:2] for s in stamps}, reverse=True)[:8]
    recent_months = sorted({(s.year, s.month) for s in stamps}, reverse=True)[:12]
    assert set(recent_weeks) <= weeks
    assert months == set(recent_months)
    assert len(kept) <= DEFAULT.recent + DEFAULT.daily + DEFAULT.weekly + DEFAULT.monthly


def test_the_newest_of_each_period_is_the_one_kept():
    stamps = [datetime(2026, 3, d, h) for d in (2, 10, 20) for h in (9, 17)]
    kept = to_keep(stamps, NOW, Retention(recent=0, daily=0, weekly=0, monthly=1))
    assert kept == {datetime(2026, 3, 20, 17)}


def test_older_than_twelve_months_of_backups_is_dropped():
    stamps = hourly(800)
    oldest_kept = min(to_keep(stamps, NOW))
    assert oldest_kept > NOW - timedelta(days=366)
    assert oldest_kept < NOW - timedelta(days=300)


def test_long_gap_keeps_old_copies_instead_of_a_calendar_window():
    # Left alone for two years: the old monthly copies still count as the latest months.
    old = hourly(120, end=NOW - timedelta(days=730))
    kept = to_keep([*old, NOW], NOW)
    assert len({(s.year, s.month) for s in kept if s < NOW}) >= 4


def test_backups_from_the_future_are_never_deleted():
    future = [NOW + timedelta(days=d) for d in (1, 40, 400)]
    assert set(future) <= to_keep([*hourly(100), *future], NOW)


def test_thinning_twice_deletes_nothing_more():
    stamps = hourly(400)
    once = to_keep(stamps, NOW)
    assert to_keep(once, NOW) == once


def test_thinning_every_day_for_a_year_keeps_a_spread():
    kept: set[datetime] = set()
    start = NOW - timedelta(days=400)
    for day in range(400):
        for hour in (9, 13, 18):
            kept.add(start + timedelta(days=day, hours=hour - 18))
        kept = to_keep(kept, start + timedelta(days=day))
    ages = sorted((NOW - s).days for s in kept)
    assert ages[0] <= 1 and ages[-1] >= 300
    assert len(kept) <= 44


def test_duplicates_count_once():
    stamps = [NOW, NOW, NOW - timedelta(days=1)]
    assert to_keep(stamps, NOW) == {NOW, NOW - timedelta(days=1)}
