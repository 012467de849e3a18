"""A bereavement: a note of sympathy at once, and a quiet time without sales wording."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from domain.dates import PartialDate
from domain.model import Milestone
from domain.outreach.channels import pick
from domain.outreach.context import Context
from domain.outreach.entries import WORDING, Entry, entry
from domain.outreach.history import History
from domain.outreach.inputs import Contact
from domain.outreach.schedule import shift
from domain.outreach.wording import MONTHS, possessive, when_past

# A card or a gift after the loss is the sympathy note, whoever logged it.
SYMPATHY_TOUCHES = frozenset({"card", "gift"})
# Where a detail's name ends and its aside begins: "Ernesto (retired teacher)", "Tom — a vet".
_ASIDE = re.compile(r"\s*(?:[;,(:]|\s[—–-]\s)")


def losses(c: Contact) -> Iterator[tuple[Milestone, date]]:
    """Each bereavement with its day; one without a year cannot be placed and is skipped."""
    for m in c.milestones:
        day = m.date.to_date() if m.kind == "bereavement" else None
        if day is not None:
            yield m, day


def sympathy(c: Contact, h: History, ctx: Context) -> Iterator[Entry]:
    """Due on the day of the loss, until a card or gift is logged or the window passes."""
    for m, day in losses(c):
        channel = pick(c, "sympathy")
        if channel is None or h.touched_since(day, SYMPATHY_TOUCHES):
            continue
        whose = " ".join(m.whose.replace(":", " ").split()).casefold()
        yield entry(c.id, c.name, "sympathy", day, channel,
                    f"sympathy:{c.id}:{day.isoformat()}:{whose}", day,
                    shift(day, ctx.settings.sympathy_window_days), (_loss(c, m),),
                    title="Sympathy", milestone_kind="bereavement", source_id=m.id)


def _sympathy_words(e: Entry, ctx: Context) -> str:
    return f"{e.words[0]} {when_past(e.due, ctx.today)} — a note of sympathy"


WORDING["sympathy"] = _sympathy_words


def _loss(c: Contact, m: Milestone) -> str:
    """ "Loss of Tom (Maria's husband)", or "A bereavement" when no one is named."""
    whose = m.whose.strip()
    if not whose:
        return f"A bereavement ({m.note.strip()})" if m.note.strip() else "A bereavement"
    relation = c.relation_of(whose)
    if relation and c.greeting:
        return f"Loss of {whose} ({possessive(c.greeting)} {relation})"
    return f"Loss of {whose} ({m.note.strip()})" if m.note.strip() else f"Loss of {whose}"


def departed(milestones: Iterable[Milestone]) -> dict[str, PartialDate]:
    """Who died, as the bereavements name them (by :func:`name_key`), and when: people a card
    must never greet. A bereavement naming no one marks no one."""
    return {name_key(m.whose): m.date for m in milestones
            if m.kind == "bereavement" and name_key(m.whose)}


def name_key(name: str) -> str:
    """A name as compared: case and extra spaces aside ("  ernesto " is Ernesto)."""
    return " ".join(name.split()).casefold()


def died(detail: str, gone: Mapping[str, PartialDate]) -> PartialDate | None:
    """When the person or pet a family detail names died (None: not that we know); the
    detail may carry an aside ("Ernesto (retired teacher)")."""
    if not gone:
        return None
    return gone.get(name_key(detail)) or gone.get(name_key(_ASIDE.split(detail, 1)[0]))


def died_phrase(when: PartialDate) -> str:
    """ "died 3 Nov 2026", or "died 3 Nov" when the year is not known."""
    text = f"died {when.day} {MONTHS[when.month - 1]}"
    return f"{text} {when.year}" if when.year else text
