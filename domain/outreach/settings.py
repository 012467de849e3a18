"""The owner's outreach settings: cadences, lead times, windows, the per-customer cap and the
daily capacity."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults follow DESIGN §2; every number is in days unless its name says otherwise."""

    default_cadence_days: int = 30
    # Cadence per tag ("vip": 14); a customer with several tags gets the shortest.
    tag_cadences: dict[str, int] = field(default_factory=dict)
    mailing_lead_days: int = 5  # business days between printing a card and the occasion
    queue_days: int = 7  # the queue shows what is due within the next N days
    milestone_window_days: int = 21  # how far ahead milestones are looked for (at least lead)
    recent_milestone_days: int = 14  # a one-off milestone recorded late still gets its note
    thank_you_days: int = 2  # thank-yous fall due this long after the purchase or referral
    thank_you_window_days: int = 30  # after that, an unthanked purchase is history
    problem_follow_up_days: int = 3
    patience_window_days: int = 30  # a thanks-for-patience note stays relevant this long
    lapse_factor: float = 2.0
    lapse_min_days: int = 90
    sympathy_window_days: int = 30
    sympathy_quiet_days: int = 60  # no sales wording for this long after a bereavement
    cap_touches: int = 2  # outreach per customer per cap_days, touches and queue together
    cap_days: int = 14
    purchase_counts_as_touch: bool = True  # a customer who just bought needs no reminder call
    # Keep-in-touch and we-miss-you suggestions shown a day, the two counted together: nobody
    # works through 40,000 nudges, so the longest overdue come first and the rest wait.
    daily_capacity: int = 20

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (tag cadences live in their own table)."""
        values = asdict(self)
        values.pop("tag_cadences")
        return values

    @classmethod
    def from_dict(cls, values: dict[str, Any],
                  tag_cadences: dict[str, int] | None = None) -> Settings:
        """Settings from stored values; unknown keys and unusable values keep the default."""
        base = cls(tag_cadences=dict(tag_cadences or {}))
        changes = {f.name: _coerce(values[f.name], getattr(base, f.name))
                   for f in fields(cls) if f.name in values and f.name != "tag_cadences"}
        return replace(base, **{k: v for k, v in changes.items() if v is not None})


def _coerce(value: Any, default: Any) -> Any:
    """``value`` as the type of ``default``, or None when it does not fit (never negative)."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value < 0:
        return None
    return type(default)(value)
