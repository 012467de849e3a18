"""Templates and cards in the notebook, and the sender and printer settings cards use.

Built-in templates are copied into the template table the first time templates are used,
so the owner can edit them like their own. Marking a card printed or mailed logs a ``card``
touch on the customer's timeline in the same transaction.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from peewee import OperationalError

from domain.cards import also_line, builtin_templates
from domain.dates import PartialDate
from domain.model import (
    CARD_STATUSES,
    DEFAULT_REGION,
    Address,
    Card,
    Customer,
    Interaction,
    Milestone,
    Template,
)
from domain.printer_offsets import CARD_STOCK, offsets_in, with_offsets
from domain.setting_values import BadSetting, check_setting
from domain.templates import OCCASIONS, Sender, check_template
from storage import customers, timeline
from storage.customers import NotFound
from storage.db import NotebookReadOnly, db

log = logging.getLogger(__name__)

SEEDED_KEY = "builtin_templates_seeded"
SENDER_KEY = "sender"
OFFSETS_KEY = "printer_offsets"
REGION_KEY = "region"  # the owner's country: phone numbers without + and addresses without one
SENT = ("printed", "mailed")  # statuses reached once the card has gone out

_TEMPLATE_COLUMNS = "occasion, name, body, variant, card_format, signature, builtin, id"
_CARD_COLUMNS = ("customer_id, occasion, text, card_format, status, created, printed, mailed, "
                 "template_id, id")


# --- templates ---------------------------------------------------------------------------

def ensure_builtins() -> int:
    """Copy the built-in templates in once per notebook; return how many were added."""
    if _setting(SEEDED_KEY) is not None:
        return 0
    templates = builtin_templates()
    try:
        with db.atomic():
            db.connection().executemany(
                "INSERT INTO template (occasion, name, body, variant, card_format, signature, "
                "builtin) VALUES (?,?,?,?,?,?,1)",
                [(t.occasion, t.name, t.body, t.variant, t.card_format, t.signature)
                 for t in templates])
            _set_setting(SEEDED_KEY, 1)
    except (sqlite3.OperationalError, OperationalError, NotebookReadOnly):
        return 0  # a read-only notebook: use the templates it has
    return len(templates)


def list_templates(occasion: str | None = None) -> list[Template]:
    """Every template (or one occasion's), built-ins first, by occasion and variant."""
    ensure_builtins()
    where, params = ("WHERE occasion = ?", (occasion,)) if occasion else ("", ())
    rows = db.execute_sql(f"SELECT {_TEMPLATE_COLUMNS} FROM template {where} "
                          "ORDER BY occasion, variant, id", params)
    return [_template(r) for r in rows]


def get_template(template_id: int) -> Template:
    row = db.execute_sql(f"SELECT {_TEMPLATE_COLUMNS} FROM template WHERE id = ?",
                         (template_id,)).fetchone()
    if row is None:
        raise NotFound("That template is no longer in the notebook.")
    return _template(row)


def save_template(t: Template) -> int:
    """Create or update a template; raise ``TemplateProblem`` if it would not render."""
    check_template(t.body)
    check_template(t.signature)
    values = (t.occasion, t.name.strip() or OCCASIONS.get(t.occasion, t.occasion), t.body,
              t.variant, t.card_format, t.signature, int(t.builtin))
    with db.atomic():
        if t.id is None:
            return db.execute_sql(
                "INSERT INTO template (occasion, name, body, variant, card_format, signature, "
                "builtin) VALUES (?,?,?,?,?,?,?)", values).lastrowid
        cursor = db.execute_sql(
            "UPDATE template SET occasion = ?, name = ?, body = ?, variant = ?, "
            "card_format = ?, signature = ?, builtin = ? WHERE id = ?", (*values, t.id))
        if cursor.rowcount == 0:
            raise NotFound("That template is no longer in the notebook.")
        return t.id


def restore_template(t: Template) -> int:
    """Put a deleted template back under its old id (undo)."""
    with db.atomic():
        cursor = db.execute_sql(
            "INSERT INTO template (id, occasion, name, body, variant, card_format, signature, "
            "builtin) VALUES (?,?,?,?,?,?,?,?)", (t.id, t.occasion, t.name, t.body, t.variant,
                                                 t.card_format, t.signature, int(t.builtin)))
    return cursor.lastrowid  # its old id


def delete_template(template_id: int) -> None:
    """Delete a template; cards written from it keep their text."""
    with db.atomic():
        db.execute_sql("DELETE FROM template WHERE id = ?", (template_id,))


def template_usage(occasion: str) -> tuple[dict[int, int], dict[int, int]]:
    """For variant rotation: each template's latest card id, and each customer's latest
    template, among this occasion's cards (one grouped read: a batch reads it once)."""
    rows = db.execute_sql(
        "SELECT template_id, customer_id, max(id) AS latest FROM card WHERE occasion = ? "
        "AND template_id IS NOT NULL GROUP BY customer_id, template_id ORDER BY latest",
        (occasion,)).fetchall()
    last_used = {t: card_id for t, _c, card_id in rows}  # by rising id: the latest wins
    last_for_customer = {c: t for t, c, _id in rows}
    return last_used, last_for_customer


def _template(r: Sequence[Any]) -> Template:
    return Template(occasion=r[0], name=r[1], body=r[2], variant=r[3], card_format=r[4],
                    signature=r[5], builtin=bool(r[6]), id=r[7])


# --- cards -------------------------------------------------------------------------------

def create_card(card: Card) -> Card:
    """Save a new card (a draft unless its status says otherwise); return it with its id."""
    _check_status(card.status)
    with db.atomic():
        card_id = db.execute_sql(
            "INSERT INTO card (customer_id, occasion, text, card_format, status, created, "
            "printed, mailed, template_id) VALUES (?,?,?,?,?,?,?,?,?)",
            (card.customer_id, card.occasion, card.text, card.card_format, card.status,
             _iso(card.created), _iso(card.printed), _iso(card.mailed),
             card.template_id)).lastrowid
    return get_card(card_id)


def update_card(card: Card) -> None:
    """Save an edited card's text, format and template (its status has its own function)."""
    with db.atomic():
        cursor = db.execute_sql(
            "UPDATE card SET text = ?, card_format = ?, occasion = ?, template_id = ? "
            "WHERE id = ?", (card.text, card.card_format, card.occasion, card.template_id,
                             card.id))
        if cursor.rowcount == 0:
            raise NotFound("That card is no longer in the notebook.")


def get_card(card_id: int) -> Card:
    row = db.execute_sql(f"SELECT {_CARD_COLUMNS} FROM card WHERE id = ?",
                         (card_id,)).fetchone()
    if row is None:
        raise NotFound("That card is no longer in the notebook.")
    return _card(row)


def list_cards(status: str | None = None, customer_id: int | None = None) -> list[Card]:
    """Cards, oldest first, optionally of one status and/or one customer."""
    clauses: list[str] = []
    params: list[str | int] = []
    if status is not None:
        clauses.append("status = ?")
        params.append(status)
    if customer_id is not None:
        clauses.append("customer_id = ?")
        params.append(customer_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute_sql(f"SELECT {_CARD_COLUMNS} FROM card {where} ORDER BY id",
                          tuple(params))
    return [_card(r) for r in rows]


def delete_card(card_id: int) -> None:
    with db.atomic():
        db.execute_sql("DELETE FROM card WHERE id = ?", (card_id,))


def set_status(card_ids: Iterable[int], status: str, when: date) -> list[Card]:
    """Move cards to ``status`` in one transaction. The first time a card is marked printed
    or mailed, a ``card`` touch is logged for its customer and the suggestions it answers are
    settled, as Done settles them (storage.answers). A whole day's batch is read in one query
    and written in one ``executemany`` per table; a card that is gone changes nothing."""
    _check_status(status)
    ids = list(card_ids)
    with db.atomic():
        cards = _cards_by_id(ids)
        missing = [i for i in ids if i not in cards]
        if missing:
            raise NotFound("That card is no longer in the notebook.")
        if status in SENT:  # a card listed twice goes out once
            going = [cards[i] for i in dict.fromkeys(ids) if cards[i].status not in SENT]
            timeline.log_touches([(c.customer_id, _card_touch(c, when)) for c in going])
            _settle(going, when)
        stamp = {"printed": "printed = ?,", "mailed": "mailed = ?,"}.get(status, "")
        params = (when.isoformat(),) if stamp else ()
        db.connection().executemany(f"UPDATE card SET {stamp} status = ? WHERE id = ?",
                                    [(*params, status, i) for i in dict.fromkeys(ids)])
        after = _cards_by_id(ids)
    return [after[i] for i in ids]


def _cards_by_id(ids: Sequence[int]) -> dict[int, Card]:
    """The cards of ``ids`` that are in the notebook, by id (one query for any number)."""
    rows = db.execute_sql(f"SELECT {_CARD_COLUMNS} FROM card WHERE id IN "
                          "(SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
    return {card.id: card for card in map(_card, rows) if card.id is not None}


def _settle(gone_out: list[Card], when: date) -> None:
    """Settle the suggestions the cards answer, so no occasion is carded twice (late import:
    storage.answers brings the Today queue's machinery, which listing cards never needs)."""
    from storage.answers import settle_sent

    settle_sent(gone_out, when)


def _card_touch(card: Card, when: date) -> Interaction:
    label = OCCASIONS.get(card.occasion, card.occasion)
    return Interaction(when, "card", f"{label} card")


def _check_status(status: str) -> None:
    if status not in CARD_STATUSES:
        raise ValueError(f"{status!r} is not a card status ({', '.join(CARD_STATUSES)})")


def _card(r: Sequence[Any]) -> Card:
    return Card(customer_id=r[0], occasion=r[1], text=r[2], card_format=r[3], status=r[4],
                created=_date(r[5]), printed=_date(r[6]), mailed=_date(r[7]),
                template_id=r[8], id=r[9])


# --- settings cards use ------------------------------------------------------------------

def load_sender() -> Sender:
    """Who the cards come from (business, owner, signature, return address, offer, and the
    owner's country from the ``region`` setting)."""
    data = _checked_setting(SENDER_KEY) or {}  # checked: every field has its type
    address = data.get("return_address") or {}
    return Sender(
        business=str(data.get("business") or ""), owner=str(data.get("owner") or ""),
        signature=str(data.get("signature") or ""), offer=str(data.get("offer") or ""),
        grace_days=int(data.get("grace_days", 30)),
        return_address=_address(address),
        home=_checked_setting(REGION_KEY) or DEFAULT_REGION)


def _address(data: dict[str, Any]) -> Address:
    def text(key: str) -> str:
        return str(data.get(key) or "")

    return Address(text("street"), text("city"), text("region"), text("postal_code"),
                   text("country"))


def save_sender(sender: Sender) -> None:
    a = sender.return_address
    _set_setting(SENDER_KEY, {
        "business": sender.business, "owner": sender.owner, "signature": sender.signature,
        "offer": sender.offer, "grace_days": sender.grace_days,
        "return_address": {"street": a.street, "city": a.city, "region": a.region,
                           "postal_code": a.postal_code, "country": a.country}})


def save_first_day(sender: Sender) -> None:
    """The first start's answers: who the cards come from and the notebook's region (its
    country: address format, phone numbers), in one transaction: all of it or nothing."""
    with db.atomic():
        save_sender(sender)
        _set_setting(REGION_KEY, sender.home)


def load_printer_offsets(printer: str = "", kind: str = CARD_STOCK) -> tuple[float, float]:
    """The x and y shift in points (0, 0 until calibrated) ``printer`` prints paper of
    ``kind`` with: its own when it was calibrated, else the default ones; a notebook's
    single shift from before paper kinds counts for every kind."""
    return offsets_in(_checked_setting(OFFSETS_KEY), printer, kind)


def save_printer_offsets(x: float, y: float, printer: str = "", default: bool = True,
                         kind: str = CARD_STOCK) -> None:
    """Keep ``kind``'s offsets (points): the default ones, and ``printer``'s own when named
    (the default too when ``default``, as for the system's default printer)."""
    _set_setting(OFFSETS_KEY, with_offsets(_checked_setting(OFFSETS_KEY), x, y, printer, kind,
                                           default))


def _setting(key: str) -> Any:
    row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def _checked_setting(key: str) -> Any:
    """A stored setting checked for its type and range; None (its default) when it is
    missing or unusable, with a warning: one odd value must not stop all printing."""
    try:
        value = _setting(key)
        return None if value is None else check_setting(key, value)
    except (BadSetting, ValueError) as exc:
        log.warning("setting %r in the notebook cannot be used (%s); using the default", key,
                    exc)
        return None


def _set_setting(key: str, value: Any) -> None:
    with db.atomic():
        db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, json.dumps(value)))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --- cards for the print queue (written by storage.card_batch) ---------------------------

# An address a letter can reach: a street, a city or a postcode (a country alone is not).
POSTAL = "(a.street != '' OR a.city != '' OR a.postal_code != '')"


def mailing_recipients(customer_ids: Sequence[int] | None = None) -> list[Customer]:
    """Customers with a postal address (names, company and addresses only), by name."""
    where = ""
    params: tuple[str, ...] = ()
    if customer_ids is not None:  # one JSON parameter: no limit on how many are chosen
        where, params = (" AND c.id IN (SELECT value FROM json_each(?))",
                         (json.dumps(list(customer_ids)),))
    rows = db.execute_sql(
        "SELECT c.id, c.given_name, c.family_name, c.preferred_name, c.company, a.street, "
        "a.city, a.region, a.postal_code, a.country, a.mailing FROM customer c "
        "JOIN address a ON a.customer_id = c.id WHERE " + POSTAL + where +
        " ORDER BY c.sort_key, c.id, a.mailing DESC, a.position", params)
    out: dict[int, Customer] = {}
    for r in rows:
        c = out.setdefault(r[0], Customer(given_name=r[1], family_name=r[2],
                                          preferred_name=r[3], company=r[4], id=r[0]))
        c.addresses.append(Address(r[5], r[6], r[7], r[8], r[9], bool(r[10])))
    return list(out.values())


def suggestion_details(s: Any, person: Customer) -> tuple[Milestone | None, str]:
    """For a card written from a Today suggestion: the milestone it celebrates and, for a
    referral thank-you, the name of the friend they sent."""
    friend = ""
    if s.kind == "thank_you_referral" and s.source_id is not None:
        friend = customers.names([s.source_id]).get(s.source_id, "")
    return milestone_of(s, person), friend


def also_lines(s: Any, person: Customer, friends: dict[int, str] | None = None) -> list[str]:
    """The lines a card written for ``s`` adds for the other occasions of the day it answers
    (``friends``: the names of referred customers, read here when not given)."""
    others = list(getattr(s, "also", ()))
    if not others:
        return []
    if friends is None:
        friends = customers.names([a.source_id for a in others
                                   if a.kind == "thank_you_referral" and a.source_id])
    lines = []
    for a in others:
        m = milestone_of(a, person)
        friend = friends.get(a.source_id, "") if a.kind == "thank_you_referral" else ""
        lines.append(also_line(a.occasion or a.kind, m.whose if m else "", friend, a.title))
    return lines


def milestone_of(s: Any, person: Customer) -> Milestone | None:
    """The milestone a suggestion celebrates: recorded, a family birthday, or the first
    purchase's anniversary."""
    if s.kind not in ("milestone", "sympathy"):
        return None
    found = next((m for m in person.milestones if m.id == s.source_id), None)
    if found is not None:
        return found
    for f in person.facts:
        if f.birthday and f.value.strip() and f.value.strip() in (s.title or ""):
            return Milestone("birthday", f.birthday, whose=f.value.strip())
    if s.occasion == "customer_anniversary" and person.purchases:
        first = min(p.when for p in person.purchases)
        return Milestone("customer_anniversary", PartialDate.from_date(first))
    return None
