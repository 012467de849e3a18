"""What the engine reads about each customer: a lean view, cheap to gather for 50,000 people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from domain.model import CHANNELS, Customer, Fact, Milestone, Problem, Promise

FAMILY_KINDS = ("family", "pet")


class Touch(NamedTuple):
    """A logged interaction other than a note; ``channel`` None for a touch on no channel."""

    when: date
    kind: str
    channel: str | None = None


@dataclass(slots=True)
class Contact:
    """One customer as the rules see them.

    ``touches`` come in any order of days; of several on one day the first listed counts as
    the latest (so newest first is the natural order). They may be abridged to the latest few
    (storage sends the last three, or more when the cap is higher): the rules only ask about
    recent history. ``purchases`` may likewise be the first and the latest thirteen days.
    ``reachable`` is the set of channels the notebook has details for (None: all).
    ``lifetime_cents`` (every purchase added up) ranks nudges due the same day.
    """

    id: int
    name: str
    greeting: str = ""
    added: date | None = None
    cadence_days: int | None = None
    tags: tuple[str, ...] = ()
    preferred_channels: tuple[str, ...] = ()
    do_not_contact: tuple[str, ...] = ()
    reachable: frozenset[str] | None = None
    referred_by: int | None = None
    # Sequences, empty tuples by default: 50,000 customers need not carry 300,000 empty lists.
    touches: Sequence[Touch] = ()
    purchases: Sequence[date] = ()
    milestones: Sequence[Milestone] = ()
    family: Sequence[Fact] = ()
    promises: Sequence[Promise] = ()
    problems: Sequence[Problem] = ()
    lifetime_cents: int = 0
    status: str = ""  # "archived", "deceased": the rules suggest nothing for them

    def open_channels(self) -> tuple[str, ...]:
        """Channels we may use and have details for, in the notebook's standard order."""
        return _open(self.do_not_contact, self.reachable)

    def relation_of(self, name: str) -> str:
        """The relation of a family member or pet ("daughter"), or ""."""
        found = next((f for f in self.family if f.value.strip() == name.strip()), None)
        return found.relation if found else ""


@cache
def _open(blocked: tuple[str, ...], reachable: frozenset[str] | None) -> tuple[str, ...]:
    # Cached: 50,000 customers share a handful of combinations.
    allowed = CHANNELS if reachable is None else reachable
    return tuple(c for c in CHANNELS if c not in blocked and c in allowed)


def reachable_channels(c: Customer) -> frozenset[str]:
    """The channels a customer's details allow: a visit always, others need an address."""
    found = {"visit"}
    if c.mailing_address() is not None:
        found.add("mail")
    if c.emails:
        found.add("email")
    if c.phones:
        found |= {"phone", "text"}
    return frozenset(found)


def from_customer(c: Customer, added: date | None = None) -> Contact:
    """The engine's view of a whole customer (tests, single-customer screens, small notebooks)."""
    return Contact(
        id=c.id or 0, name=c.display_name, greeting=c.greeting_name,
        added=c.customer_since or added, cadence_days=c.cadence_days, tags=tuple(c.tags),
        preferred_channels=tuple(c.preferred_channels), do_not_contact=tuple(c.do_not_contact),
        reachable=reachable_channels(c), referred_by=c.referred_by,
        touches=[Touch(i.when, i.kind, i.channel) for i in reversed(c.interactions)
                 if i.kind != "note"],  # newest first, as the timeline is kept oldest first
        purchases=sorted(p.when for p in c.purchases), milestones=list(c.milestones),
        family=[f for f in c.facts if f.kind in FAMILY_KINDS],
        promises=list(c.promises), problems=list(c.problems),
        lifetime_cents=sum(cents(p.amount) for p in c.purchases), status=c.status,
    )


def cents(amount: Decimal | int) -> int:
    """An amount in whole cents, rounded as the notebook stores it."""
    return int((Decimal(amount) * 100).quantize(Decimal(1)))
