"""What every rule is given besides the customer: the day, the settings, the whole notebook."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.outreach.inputs import Contact
from domain.outreach.schedule import latest_occasion, lookahead_days, month_days, shift
from domain.outreach.settings import Settings
from domain.outreach.suggestion import KIND_LABELS, OCCASIONS, Suggestion


@dataclass(slots=True)
class Context:
    """``today`` and the dates derived from it, worked out once per queue."""

    today: date
    settings: Settings = field(default_factory=Settings)
    contacts: Mapping[int, Contact] = field(default_factory=dict)
    now: datetime | None = None  # the time of day, when the caller gives it (promises' hours)
    horizon: date = field(init=False)  # the last due date the queue shows
    look_until: date = field(init=False)  # milestones are looked for up to this day
    once_from: date = field(init=False)  # one-off milestones heard of late, from this day
    referrals: dict[int, list[Contact]] = field(init=False)  # referrer id → who they sent
    month_days: frozenset[tuple[int, int]] = field(init=False)  # (month, day) looked ahead
    reach: date = field(init=False)  # an occasion after this day cannot fall due in the queue
    near_days: frozenset[tuple[int, int]] = field(init=False)  # (month, day) up to ``reach``
    lapse_by: date = field(init=False)  # a last purchase after this cannot have lapsed yet
    thanks_from: date = field(init=False)  # a first purchase before this is thanked or past
    cap_from: date = field(init=False)  # touches from this day on count against the cap

    def __post_init__(self) -> None:
        s, day = self.settings, self.today
        self.horizon = shift(day, s.queue_days)
        self.look_until = shift(day, lookahead_days(s))
        self.once_from = shift(day, -s.recent_milestone_days)
        self.month_days = month_days(day, self.look_until)
        self.reach = latest_occasion(self.horizon, s)
        self.near_days = month_days(day, self.reach)
        self.lapse_by = shift(self.horizon, -s.lapse_min_days)
        self.thanks_from = shift(day, -s.thank_you_window_days)
        self.cap_from = shift(day, 1 - s.cap_days)
        self.referrals = {}
        for c in self.contacts.values():
            if c.referred_by is not None and c.referred_by != c.id:
                self.referrals.setdefault(c.referred_by, []).append(c)

    def days_since(self, day: date) -> int:
        return (self.today - day).days

    def recent(self, day: date, window_days: int) -> bool:
        """Whether ``day`` is today or at most ``window_days`` days before it."""
        return 0 <= self.days_since(day) <= window_days

    def anniversary_near(self, first_purchase: date) -> bool:
        """Whether the customer anniversary a first purchase starts is near enough to fall due
        within the queue's window."""
        return (first_purchase.month, first_purchase.day) in self.near_days


def ref(item_id: int | None, c: Contact, position: int) -> str:
    """An item's part of a key: its id, or the customer and position for an unsaved item."""
    return str(item_id) if item_id is not None else f"{c.id}.{position}"


def suggest(c: Contact, kind: str, due: date, channel: str | None, key: str, reason: str,
            title: str = "", occasion: str | None = None, source_id: int | None = None,
            milestone_kind: str = "") -> Suggestion:
    """A suggestion for ``c``; the title and occasion default to the kind's."""
    return Suggestion(kind, c.id, c.name, due, channel,
                      OCCASIONS.get(kind, kind) if occasion is None else occasion, key, reason,
                      title or KIND_LABELS[kind], source_id, milestone_kind)
