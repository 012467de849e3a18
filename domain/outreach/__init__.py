"""The Today queue's engine: pure functions over plain data and an explicit ``today``.

``build_queue(contacts, today, settings, states)`` returns the suggestions the owner sees.
Nothing here reads the clock, the database or Qt.
"""

from domain.outreach.context import Context
from domain.outreach.inputs import Contact, Touch, from_customer, reachable_channels
from domain.outreach.occasions import Occasion
from domain.outreach.queue import GROUPS, State, build_queue, grouped
from domain.outreach.rules import suggestions_for
from domain.outreach.settings import Settings
from domain.outreach.suggestion import KIND_LABELS, KINDS, OCCASIONS, Suggestion

__all__ = [
    "GROUPS", "KINDS", "KIND_LABELS", "OCCASIONS", "Contact", "Context", "Occasion", "Settings",
    "State", "Suggestion", "Touch", "build_queue", "from_customer", "grouped",
    "reachable_channels", "suggestions_for",
]
