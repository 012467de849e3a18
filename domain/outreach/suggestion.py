"""One suggestion in the Today queue, and what each kind means."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from domain.outreach.handoff import DETAIL

# Kind names as DESIGN §4 fixes them, in priority order for suggestions due the same day:
# what cannot wait (grief, promises, problems) before celebrations, before routine contact.
KINDS = (
    "sympathy",
    "promise_due",
    "problem_follow_up",
    "milestone",
    "thank_you_first_purchase",
    "thank_you_referral",
    "thank_you_patience",
    "keep_in_touch",
    "lapsed",
)
PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}

KIND_LABELS = {
    "sympathy": "Sympathy",
    "promise_due": "Promise",
    "problem_follow_up": "Problem follow-up",
    "milestone": "Milestone",
    "thank_you_first_purchase": "Thank-you: first purchase",
    "thank_you_referral": "Thank-you: referral",
    "thank_you_patience": "Thanks for your patience",
    "keep_in_touch": "Keep in touch",
    "lapsed": "We miss you",
}

# The template occasion each kind suggests (names of domain/templates.py); a milestone
# suggests its own kind ("birthday"). A promise or a problem is kept in the owner's own words.
OCCASIONS = {
    "sympathy": "sympathy",
    "promise_due": "",
    "problem_follow_up": "",
    "thank_you_first_purchase": "first_purchase",
    "thank_you_referral": "referral",
    "thank_you_patience": "thank_you_patience",
    "keep_in_touch": "keep_in_touch",
    "lapsed": "we_miss_you",
}

# Replies: they answer something that happened and start no conversation, so they neither
# count against the per-customer cap nor use up its room.
REPLIES = frozenset({"sympathy", "promise_due", "problem_follow_up", "thank_you_patience"})
# Open-ended outreach: nothing happened that asks for it, so it piles up in a large notebook;
# the daily capacity bounds how many the queue shows. These alone are what the per-customer
# cap holds back: a moment (milestone, sympathy), a thank-you or an obligation always shows.
NUDGES = frozenset({"keep_in_touch", "lapsed"})
# Occurrences that never pass by themselves: a lapse lasts until the next purchase, an open
# promise or problem until it is settled. Dismissing one hides it for one cadence period (see
# queue.dismissal); every other kind's occurrence passes (a year's birthday, a thank-you's
# window, a keep-in-touch period), and its dismissal with it.
LINGERING = frozenset({"lapsed", "promise_due", "problem_follow_up"})
# The owner's own obligations: shown even when every channel is closed (channel None).
OBLIGATIONS = frozenset({"promise_due", "problem_follow_up"})
# Kinds with a sales flavour, held back for a while after a bereavement.
SALES_KINDS = frozenset({"thank_you_first_purchase", "thank_you_referral", "keep_in_touch",
                         "lapsed"})


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a queue
# makes 50,000 of these. Treat them as read-only all the same.
@dataclass(slots=True)
class Suggestion:
    """Someone to reach, why, by when and how.

    ``key`` names this occurrence ("milestone:12:2026") for snooze, dismiss and acting on it;
    ``source_id`` is the promise, problem or milestone it comes from, when there is one;
    ``milestone_kind`` says which occasion a milestone or sympathy suggestion is for;
    ``also`` holds the other occasions of the day one card answers with it.
    """

    kind: str
    customer_id: int
    customer: str
    due: date
    channel: str | None
    occasion: str
    key: str
    reason: str
    title: str = ""
    source_id: int | None = None
    milestone_kind: str = ""
    due_time: time | None = None  # the hour a promise is due by, when it has one
    late: bool = False  # its hour has passed today (the rule was given the time of day)
    # Other occasions of the same day this one card answers (domain.outreach.together).
    also: tuple[Suggestion, ...] = ()
    # The number or address its channel uses (domain.outreach.handoff), filled in by storage;
    # a detail of delivery, not of what is suggested, so equal suggestions stay equal.
    reach: str = field(default="", compare=False)

    def settled_keys(self) -> tuple[str, ...]:
        """Every occurrence this suggestion settles: its own, and those it answers too."""
        return (self.key, *(a.key for a in self.also)) if self.also else (self.key,)

    def group(self, today: date) -> str:
        """"overdue", "today" or "week": the heading the Today screen files it under."""
        if self.due < today or self.late:
            return "overdue"
        return "today" if self.due == today else "week"

    def sort_key(self) -> tuple:
        # Of one day's promises, the one due first by the hour; one without an hour last.
        return (self.due, PRIORITY[self.kind], self.due_time or time.max,
                self.customer.casefold(), self.key)

    def to_json(self, today: date) -> dict[str, Any]:
        """The object ``today --json`` prints."""
        return {
            "customer": self.customer, "customer_id": self.customer_id, "kind": self.kind,
            "due": self.due.isoformat(), "channel": self.channel, "reason": self.reason,
            "title": self.title, "occasion": self.occasion, "key": self.key,
            "group": self.group(today),
            **({"also": [a.also_json() for a in self.also]} if self.also else {}),
        } | ({"due_time": self.due_time.isoformat("minutes")} if self.due_time else {}) \
            | self.reach_json()

    def reach_json(self) -> dict[str, str]:
        """``{"phone": …}`` or ``{"email": …}``: what its channel uses, when there is one."""
        return {DETAIL[self.channel or ""]: self.reach} if self.reach else {}

    def also_json(self) -> dict[str, Any]:
        """What ``to_json`` says of an occasion this card answers too."""
        return {"kind": self.kind, "key": self.key, "title": self.title,
                "occasion": self.occasion, "reason": self.reason}


def posted(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """The day's posted cards: the suggestions whose channel is the mail, in queue order.
    ``print-cards`` and Today's "Print today's cards" both print exactly these."""
    return [s for s in suggestions if s.channel == "mail"]
