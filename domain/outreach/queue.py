"""The Today queue: what is overdue, due today or due this week, minus snoozed and dismissed,
within each customer's cap, sorted by due date then kind priority."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from domain.outreach.context import Context
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.rules import suggestions_for
from domain.outreach.rules.sympathy import in_mourning
from domain.outreach.settings import Settings
from domain.outreach.suggestion import PRIORITY, SALES_KINDS, UNCAPPED, Suggestion

GROUPS = (("overdue", "Overdue"), ("today", "Today"), ("week", "This week"))


@dataclass(frozen=True, slots=True)
class State:
    """What the owner did with a suggestion's key: snoozed until a day, or dismissed."""

    snoozed_until: date | None = None
    dismissed: bool = False

    def hides(self, today: date) -> bool:
        return self.dismissed or (self.snoozed_until is not None and self.snoozed_until > today)


def build_queue(contacts: Iterable[Contact], today: date, settings: Settings | None = None,
                states: Mapping[str, State] | None = None) -> list[Suggestion]:
    """The Today queue for ``today`` over the whole notebook."""
    book = {c.id: c for c in contacts}
    ctx = Context(today, settings or Settings(), book)
    states = states or {}
    queue: list[Suggestion] = []
    horizon = ctx.horizon
    for c in book.values():
        h = History.of(c, today)
        found = [s for s in suggestions_for(c, ctx, h) if s.due <= horizon]
        if found and states:
            found = [s for s in found if not _hidden(s, states, today)]
        if found:
            queue += _limit(c, h, found, ctx)
    queue.sort(key=Suggestion.sort_key)
    return queue


def _hidden(s: Suggestion, states: Mapping[str, State], today: date) -> bool:
    state = states.get(s.key)
    return state is not None and state.hides(today)


def _limit(c: Contact, h: History, found: list[Suggestion], ctx: Context) -> list[Suggestion]:
    """Quiet after a loss, no redundant nudge, then the cap; uncapped ones always stay."""
    if c.milestones and in_mourning(c, ctx.today, ctx.settings.sympathy_quiet_days):
        found = [s for s in found if not is_sales(s)]
    if len(found) > 1:
        found = without_redundant_nudge(_unique(found))
    return found if len(found) == 1 and found[0].kind in UNCAPPED else cap(h, found, ctx)


def _unique(found: list[Suggestion]) -> list[Suggestion]:
    """One suggestion per key: a birthday entered twice is still one birthday."""
    seen: dict[str, Suggestion] = {}
    for s in found:
        seen.setdefault(s.key, s)
    return list(seen.values())


def without_redundant_nudge(found: list[Suggestion]) -> list[Suggestion]:
    """Keep-in-touch only when there is no other reason to be in touch: a birthday card, a
    promised call or a we-miss-you note already is the touch that resets the clock."""
    if all(s.kind == "keep_in_touch" for s in found):
        return found
    return [s for s in found if s.kind != "keep_in_touch"]


def is_sales(s: Suggestion) -> bool:
    """Suggestions with a sales flavour: thank-yous for business, nudges, anniversaries."""
    return s.kind in SALES_KINDS or s.milestone_kind == "customer_anniversary"


def cap(h: History, found: list[Suggestion], ctx: Context) -> list[Suggestion]:
    """At most ``cap_touches`` outreach per ``cap_days``: touches already logged in that time
    use up room first, then queued suggestions in priority order take what is left. Replies
    (promises, problems, patience, sympathy) are not outreach: never capped, never counted."""
    settings = ctx.settings
    room = max(0, settings.cap_touches - h.recent_count(ctx.today, settings.cap_days))
    capped = [s for s in found if s.kind not in UNCAPPED]
    if len(capped) <= room:
        return found
    capped.sort(key=lambda s: (PRIORITY[s.kind], s.due, s.key))
    return [s for s in found if s.kind in UNCAPPED] + capped[:room]


def grouped(queue: list[Suggestion], today: date) -> list[tuple[str, list[Suggestion]]]:
    """The queue under the headings Overdue, Today and This week (empty groups left out)."""
    groups = [(label, [s for s in queue if s.group(today) == name]) for name, label in GROUPS]
    return [(label, items) for label, items in groups if items]
