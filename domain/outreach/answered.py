"""What a card or a touch answers.

A card that went out answers its occasion: the rule every path that prints or posts a card
uses (the customer page, a batch, ``print-cards --mark-printed``), so the occasion is
remembered as answered, as Done remembers it, and no card is printed for it twice. A touch
logged on the customer page may keep an open promise: the window asks about that one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from domain.cards import occasion_for
from domain.model import Interaction, Promise
from domain.outreach.context import Context
from domain.outreach.inputs import Contact
from domain.outreach.rules import suggestions_for
from domain.outreach.schedule import lookahead_days
from domain.outreach.settings import Settings
from domain.outreach.suggestion import OBLIGATIONS, Suggestion


def card_context(when: date, settings: Settings) -> Context:
    """The day a card went out, looking as far ahead as milestones are looked for: a card
    printed before its occasion reaches the queue answers it all the same."""
    return Context(when, replace(settings, queue_days=lookahead_days(settings)))


def answered_by_card(occasion: str, c: Contact, ctx: Context) -> list[Suggestion]:
    """``c``'s suggestions on ``ctx.today`` that a card for ``occasion`` answers: those whose
    card would be of that occasion. A promise or a problem is not answered by a card: it is
    kept in the owner's own words (Done, or the customer page's question)."""
    return [s for s in suggestions_for(c, ctx)
            if s.kind not in OBLIGATIONS and occasion_for(s.occasion or s.kind) == occasion]


def answered_promise(promises: Iterable[Promise], touch: Interaction) -> Promise | None:
    """The open promise a touch may keep: made by the touch's day, the one due first; a note
    keeps no promise."""
    if touch.kind == "note":
        return None
    open_ = [p for p in promises if p.status == "open" and p.made <= touch.when]
    return min(open_, key=lambda p: p.due, default=None)
