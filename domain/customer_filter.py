"""A filter over the customer list, as the owner saves it by name: tag, city, last purchase
before or after a day, lifetime value above an amount, birthday month, how they found us.

Pure: the rule of what each condition means lives in ``storage.customer_filters``; this is the
value the window edits, the notebook keeps (as JSON) and the list applies.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class BadFilter(ValueError):
    """A saved filter that cannot be read back (its message says why, in plain words)."""


@dataclass(frozen=True)
class CustomerFilter:
    """Every condition set must hold; an empty one (``""``, None, 0) does not narrow."""

    tag: str = ""
    city: str = ""
    bought_after: date | None = None  # their last purchase on or after this day
    bought_before: date | None = None  # their last purchase before this day (not since)
    value_above: Decimal | None = None  # lifetime value (all purchases) above this amount
    birthday_month: int = 0  # 1–12: their own birthday falls in this month
    found_us: str = ""  # words from "How we met"

    def __post_init__(self) -> None:
        if not 0 <= self.birthday_month <= 12:
            raise BadFilter(f"there is no month {self.birthday_month}")
        if self.value_above is not None and self.value_above < 0:
            raise BadFilter("a lifetime value cannot be below zero")

    def is_empty(self) -> bool:
        """Whether the filter lets everyone through."""
        return not any(_is_set(getattr(self, f.name)) for f in fields(self))

    def to_json(self) -> dict[str, Any]:
        """The filter as JSON values (dates ISO, money as text): what the notebook keeps."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if _is_set(value):
                out[f.name] = value.isoformat() if isinstance(value, date) else (
                    str(value) if isinstance(value, Decimal) else value)
        return out

    @classmethod
    def from_json(cls, data: Any) -> CustomerFilter:
        """Read back what :meth:`to_json` wrote; raise :class:`BadFilter` on anything else."""
        if not isinstance(data, dict):
            raise BadFilter("a saved filter is a set of conditions")
        known = {f.name for f in fields(cls)}
        if set(data) - known:
            raise BadFilter(f"unknown condition {sorted(set(data) - known)[0]!r}")
        try:
            return cls(tag=str(data.get("tag", "")), city=str(data.get("city", "")),
                       bought_after=_day(data.get("bought_after")),
                       bought_before=_day(data.get("bought_before")),
                       value_above=_money(data.get("value_above")),
                       birthday_month=_month(data.get("birthday_month", 0)),
                       found_us=str(data.get("found_us", "")))
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise BadFilter(str(exc)) from None

    def describe(self) -> str:
        """The conditions in the owner's words: ``tag “regular”, city Portland``."""
        parts = []
        if self.tag.strip():
            parts.append(f"tag “{self.tag.strip()}”")
        if self.city.strip():
            parts.append(f"in {self.city.strip()}")
        if self.bought_after:
            parts.append(f"bought since {self.bought_after.isoformat()}")
        if self.bought_before:
            parts.append(f"no purchase since {self.bought_before.isoformat()}")
        if self.value_above is not None:
            parts.append(f"spent over {self.value_above}")
        if self.birthday_month:
            parts.append(f"birthday in {MONTHS[self.birthday_month - 1]}")
        if self.found_us.strip():
            parts.append(f"met through “{self.found_us.strip()}”")
        return ", ".join(parts) or "everyone"


def _is_set(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value != 0 if isinstance(value, int) else value is not None


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise BadFilter("a lifetime value is an amount such as 250.00")
    return Decimal(str(value))


def _month(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadFilter("a birthday month is a number from 1 to 12")
    return value
