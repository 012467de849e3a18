"""The Today queue's engine: pure functions over plain data and an explicit ``today``.

``build_queue(contacts, today, settings, states)`` returns the suggestions the owner sees;
``plan_queue`` also counts the nudges held back by the daily capacity. Each customer's rules
give agenda entries (domain.outreach.agenda) that hold for days: storage keeps them, and
``plan_day`` builds a day's queue from those alone.
Nothing here reads the clock, the database or Qt.
"""

from domain.outreach.agenda import Agenda, agenda_of
from domain.outreach.context import Context
from domain.outreach.inputs import Contact, Touch, from_customer, reachable_channels
from domain.outreach.occasions import Occasion
from domain.outreach.queue import (
    GROUPS,
    State,
    TodayQueue,
    build_queue,
    grouped,
    plan_day,
    plan_queue,
)
from domain.outreach.rules import suggestions_for
from domain.outreach.settings import Settings
from domain.outreach.suggestion import KIND_LABELS, KINDS, NUDGES, OCCASIONS, Suggestion, posted

__all__ = [
    "GROUPS", "KINDS", "KIND_LABELS", "NUDGES", "OCCASIONS", "Agenda", "Contact", "Context",
    "Occasion", "Settings", "State", "Suggestion", "TodayQueue", "Touch", "agenda_of",
    "build_queue", "from_customer", "grouped", "plan_day", "plan_queue", "posted",
    "reachable_channels", "suggestions_for",
]
