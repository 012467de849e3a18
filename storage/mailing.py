"""Whose address labels to print: one rule for the command line and the window.

The owner chooses the recipients of the queued cards, the customers chosen in the list, the
customers with a tag, or everyone. Those with a postal address get a label, in name order;
those without are named as skipped, never silently dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from domain.model import Customer, display_name
from storage import templates
from storage.db import db, notebook_version
from storage.migrations import FIELDS

WHO = ("queued", "customers", "tag", "all")

# The chosen customers' ids, per kind of choice (one parameter at most).
_CHOSEN = {
    "queued": "SELECT DISTINCT customer_id FROM card WHERE status = 'queued'",
    "customers": "SELECT value FROM json_each(?)",
    "tag": "SELECT customer_id FROM tag WHERE name = ? COLLATE NOCASE",
    "all": "SELECT id FROM customer",
}

_ID = {"tag": "customer_id", "all": "id"}
_ACTIVE = "SELECT id FROM customer WHERE status = ''"


@dataclass(frozen=True)
class LabelChoice:
    """Whose labels: ``queued`` (the recipients of queued cards), ``customers`` (``ids``),
    ``tag`` (the customers tagged ``tag``, in any case) or ``all``."""

    who: str = "all"
    tag: str = ""
    ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.who not in WHO:
            raise ValueError(f"unknown choice of customers {self.who!r}")

    def _params(self) -> tuple[str, ...]:
        if self.who == "customers":
            return (json.dumps(list(self.ids)),)
        return (self.tag.strip(),) if self.who == "tag" else ()


@dataclass
class LabelPeople:
    """The chosen customers with a postal address (by name) and the names of those without."""

    people: list[Customer] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def label_people(choice: LabelChoice) -> LabelPeople:
    """Who gets a label for ``choice``, and who is skipped for want of a postal address."""
    chosen, params = _CHOSEN[choice.who], choice._params()
    if choice.who in ("tag", "all") and notebook_version() >= FIELDS:
        # A broad choice leaves out those no longer reached: the archived and those who died
        # (a card addressed to the dead hurts the family). Chosen by name, they still count.
        chosen = f"SELECT x.* FROM ({chosen}) x WHERE x.{_ID[choice.who]} IN ({_ACTIVE})"
    ids = [r[0] for r in db.execute_sql(chosen, params)]
    people = templates.mailing_recipients(ids)
    rows = db.execute_sql(
        "SELECT c.given_name, c.family_name, c.preferred_name, c.company FROM customer c "
        f"WHERE c.id IN ({chosen}) AND NOT EXISTS (SELECT 1 FROM address a WHERE "
        f"a.customer_id = c.id AND {templates.POSTAL}) ORDER BY c.sort_key, c.id", params)
    return LabelPeople(people, [display_name(*r) for r in rows])


def tag_counts() -> list[tuple[str, int]]:
    """Every tag in use and how many customers carry it, by name."""
    rows = db.execute_sql("SELECT name, count(*) FROM tag GROUP BY name COLLATE NOCASE "
                          "ORDER BY name COLLATE NOCASE")
    return [(r[0], r[1]) for r in rows]


def queued_recipients() -> int:
    """How many customers have a card in the print queue."""
    return db.execute_sql(f"SELECT count(*) FROM ({_CHOSEN['queued']})").fetchone()[0]
