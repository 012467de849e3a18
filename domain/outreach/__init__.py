"""The Today queue's engine: pure functions over plain data and an explicit ``today``.

``build_queue(contacts, today, settings, states)`` returns the suggestions the owner sees;
``plan_queue`` also counts the nudges held back by the daily capacity, and ``triage`` tells
which customers of a large notebook the engine needs to see whole.
Nothing here reads the clock, the database or Qt.
"""

from domain.outreach.context import Context
from domain.outreach.inputs import Contact, Touch, from_customer, reachable_channels
from domain.outreach.occasions import Occasion
from domain.outreach.queue import GROUPS, State, TodayQueue, build_queue, grouped, plan_queue
from domain.outreach.rules import suggestions_for
from domain.outreach.settings import Settings
from domain.outreach.suggestion import KIND_LABELS, KINDS, NUDGES, OCCASIONS, Suggestion, posted
from domain.outreach.triage import Standing, Triage, triage

__all__ = [
    "GROUPS", "KINDS", "KIND_LABELS", "NUDGES", "OCCASIONS", "Contact", "Context", "Occasion",
    "Settings", "Standing", "State", "Suggestion", "TodayQueue", "Touch", "Triage",
    "build_queue", "from_customer", "grouped", "plan_queue", "posted", "reachable_channels",
    "suggestions_for", "triage",
]
