"""The notebook's schema, declared once: a new notebook's tables are made from these models
(storage.migrations), and a test proves that an older notebook brought up through the numbered
migrations ends up with exactly the same tables, columns, defaults, keys and indexes.

Dates are stored as ISO text and read by the query modules into domain dataclasses: live rows
never leave storage/. Defaults are declared to SQLite too (``DEFAULT ''``), since bulk work
writes rows with raw ``executemany`` (see records.py, and MEASURED.md for why).

:data:`CUSTOMER_TABLES` lists the tables a customer owns, for delete, undo, erase and export.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from peewee import (
    SQL,
    AutoField,
    BlobField,
    BooleanField,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelIndex,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, SearchField

from storage.db import db


def _default(value: Any) -> list[SQL]:
    """The column's default in SQLite's own words, for rows written without peewee."""
    return [SQL(f"DEFAULT '{value}'" if isinstance(value, str) else f"DEFAULT {int(value)}")]


def _text(default: str | None = None, **kw: Any) -> TextField:
    """TEXT NOT NULL (``null=True``: may be NULL), with its default in SQLite too."""
    if default is None:
        return TextField(**kw)
    return TextField(default=default, constraints=_default(default), **kw)


def _int(default: int | None = None, **kw: Any) -> IntegerField:
    if default is None:
        return IntegerField(**kw)
    return IntegerField(default=default, constraints=_default(default), **kw)


def _flag(default: bool) -> BooleanField:
    """0 or 1 in an INTEGER column."""
    return BooleanField(default=default, constraints=_default(default))


def _owner(model: type[Model] | None = None, **kw: Any) -> ForeignKeyField:
    """The row's owner (the customer unless said); the row goes when its owner goes (ON DELETE
    CASCADE). Unindexed here: each table declares the index its queries need."""
    return ForeignKeyField(model or Customer, on_delete="CASCADE", index=False, **kw)


def _index(model: type[Model], name: str, *fields: Any, unique: bool = False) -> None:
    model.add_index(ModelIndex(model, fields, unique=unique, name=name))


class BaseModel(Model):
    # ``INTEGER PRIMARY KEY``, SQLite's rowid (peewee would add a redundant NOT NULL).
    id = AutoField(null=True)

    class Meta:
        database = db
        legacy_table_names = False


class Customer(BaseModel):
    given_name = _text("")
    family_name = _text("")
    preferred_name = _text("")
    pronunciation = _text("")
    company = _text("")
    role = _text("")
    referred_by = ForeignKeyField("self", null=True, on_delete="SET NULL", index=False,
                                  column_name="referred_by", backref="referrals")
    cadence_days = IntegerField(null=True)
    customer_since = TextField(null=True)
    preferred_channels = _text("")
    do_not_contact = _text("")
    notes = _text("")
    sort_key = _text("")
    created = _text()
    updated = _text()
    status = _text("")  # "", "archived" or "deceased": nothing is suggested for them (v9)


class Email(BaseModel):
    customer = _owner()
    address = _text()
    position = _int(0)
    label = _text("")  # as the address book typed it: "home", "work" (version 6)


class Phone(BaseModel):
    customer = _owner()
    number = _text()
    position = _int(0)
    label = _text("")  # "cell", "work,fax", or the owner's own word (version 6)


class Address(BaseModel):
    customer = _owner()
    street = _text("")
    city = _text("")
    region = _text("")
    postal_code = _text("")
    country = _text("")
    mailing = _flag(False)
    label = _text("")
    position = _int(0)


class Tag(BaseModel):
    customer = _owner()
    name = _text()
    position = _int(0)

    class Meta:
        constraints: ClassVar[list[SQL]] = [SQL("UNIQUE (customer_id, name)")]


class CustomField(BaseModel):
    """A field the owner added to every customer of this notebook (version 9)."""

    name = _text()
    kind = _text("text")  # "text", "number" or "date"
    position = _int(0)

    class Meta:
        constraints: ClassVar[list[SQL]] = [SQL("UNIQUE (name)")]


class FieldValue(BaseModel):
    """One customer's value of a custom field, by the field's name (version 9)."""

    customer = _owner()
    name = _text()
    value = _text("")

    class Meta:
        constraints: ClassVar[list[SQL]] = [SQL("UNIQUE (customer_id, name)")]


class TagSetting(BaseModel):
    name = TextField(primary_key=True, null=True)
    cadence_days = IntegerField(null=True)


class Fact(BaseModel):
    customer = _owner()
    kind = _text()
    value = _text()
    relation = _text("")
    birthday = TextField(null=True)  # ``YYYY-MM-DD`` or ``--MM-DD``
    position = _int(0)


class Milestone(BaseModel):
    customer = _owner()
    kind = _text()
    year = IntegerField(null=True)
    month = _int()
    day = _int()
    day_of_year = _int()  # in a leap year: Feb 29 = 60, for fast upcoming queries
    yearly = _flag(True)
    whose = _text("")
    note = _text("")
    position = _int(0)


class Interaction(BaseModel):
    customer = _owner()
    date = _text()
    kind = _text()
    channel = TextField(null=True)
    summary = _text("")


class Purchase(BaseModel):
    customer = _owner()
    date = _text()
    amount_cents = _int(0)
    description = _text("")
    currency = _text("")  # ISO 4217 as the till wrote it; "" typed in the notebook's own
    source = _text("")  # the till or shop it came from (shopify, square…); "" typed by hand
    order_id = _text("")  # its order or transaction id there: a re-import adds nothing


class Promise(BaseModel):
    customer = _owner()
    made = _text()
    due = _text()  # ISO date or date-time
    what = _text()
    status = _text("open")


class Problem(BaseModel):
    customer = _owner()
    opened = _text()
    summary = _text()
    waiting_on = _text("")
    status = _text("open")
    resolved = TextField(null=True)


class ProblemUpdate(BaseModel):
    problem = _owner(Problem, backref="updates")
    date = _text()
    summary = _text()


class Template(BaseModel):
    occasion = _text()
    name = _text()
    body = _text()
    variant = _int(1)
    card_format = _text("a2-folded")
    signature = _text("")
    builtin = _flag(False)


class Card(BaseModel):
    customer = _owner()
    occasion = _text()
    template = ForeignKeyField(Template, null=True, on_delete="SET NULL", index=False)
    text = _text()
    card_format = _text("a2-folded")
    status = _text("draft")
    created = TextField(null=True)
    printed = TextField(null=True)
    mailed = TextField(null=True)


class Setting(BaseModel):
    key = TextField(primary_key=True, null=True)
    value = _text()  # JSON


class SuggestionState(BaseModel):
    customer = _owner()
    key = _text()  # the suggestion's kind and occurrence, e.g. 'milestone:12:2026'
    snoozed_until = TextField(null=True)
    dismissed = _flag(False)

    class Meta:
        constraints: ClassVar[list[SQL]] = [SQL("UNIQUE (customer_id, key)")]


class Photo(BaseModel):
    """One small photo per customer (a downscaled JPEG from an imported vCard)."""

    id = None  # type: ignore[assignment]  # keyed by its customer
    customer = _owner(primary_key=True, null=True)
    mime = _text("image/jpeg")
    data = BlobField()


# What Rapport works out from the tables above; never saved, exported or put back.

class CustomerSearch(FTS5Model):
    """The search index; its rowid is the customer's id (storage.customer_search)."""

    name = SearchField()
    company = SearchField()
    notes = SearchField()
    details = SearchField()  # personal facts and tags
    email = SearchField()
    address = SearchField()  # street, city, postal code
    phone = SearchField()  # marked digit tokens (domain.phone_search)

    class Meta:
        database = db
        table_name = "customer_fts"
        options: ClassVar[dict[str, str]] = {"tokenize": "unicode61 remove_diacritics 2"}


class AgendaEntry(BaseModel):
    """One occurrence a rule foresees for a customer (domain.outreach.entries.Entry), kept
    so that Today reads the day's from an index (storage.agenda). Worked out again in the
    transaction that changes the customer's data. No foreign key: a customer's rows go when
    their agenda is worked out again after the deletion (a foreign key's checks made
    replacing 50,000 customers' rows take seconds longer)."""

    customer_id = IntegerField()
    kind = _text()
    key = _text()
    due = _text()
    shows_from = _text()
    shows_until = _text()
    channel = TextField(null=True)
    every = IntegerField(default=0)  # keep in touch: the days of one cadence period
    milestone_kind = _text("")
    # A nudge's: what the customer has spent (it ranks nudges), the day of the touch that
    # fills the cap (domain.outreach.queue.plain_nudge), whether they have had a loss.
    rank = IntegerField(default=0)
    kth_touch = TextField(null=True)
    quiet = _flag(False)
    detail = _text()  # JSON: what only the words need (name, title, words…), read when worded

    class Meta:
        table_name = "agenda"


class AgendaCustomer(BaseModel):
    """What the day's policy needs of a customer's past, and the days their entries hold for
    (domain.outreach.agenda.Agenda)."""

    id = None  # type: ignore[assignment]
    customer_id = IntegerField(primary_key=True, null=True)  # no foreign key: see AgendaEntry
    as_of = _text()
    until = _text()
    last_touch = TextField(null=True)
    touches = _text("")  # the latest touch days the cap counts, newest first, comma-separated
    losses = _text("")  # days of bereavements, comma-separated
    lifetime_cents = IntegerField(default=0)

    class Meta:
        table_name = "agenda_customer"


class AgendaDirty(BaseModel):
    """Customers whose agenda a write has made stale (0: everyone, a setting changed), marked
    by triggers and worked out again before the transaction commits."""

    id = None  # type: ignore[assignment]
    customer_id = IntegerField(primary_key=True, null=True)

    class Meta:
        table_name = "agenda_dirty"
        without_rowid = True


# Each index the queries need, by the name the numbered migrations gave it.
_index(Customer, "customer_sort_key", Customer.sort_key)
_index(Customer, "customer_referred_by", Customer.referred_by)
_index(Email, "email_customer", Email.customer, Email.position)
_index(Email, "email_address", Email.address.collate("NOCASE"))
_index(Phone, "phone_customer", Phone.customer, Phone.position)
_index(Phone, "phone_number", Phone.number)
_index(Address, "address_customer", Address.customer, Address.position)
_index(Tag, "tag_name", Tag.name)
_index(Fact, "fact_customer", Fact.customer, Fact.position)
_index(Fact, "fact_birthday_day", SQL("substr(birthday, -5)"))  # family birthdays by day
_index(Milestone, "milestone_customer", Milestone.customer)
_index(Milestone, "milestone_day", Milestone.day_of_year)
_index(Interaction, "interaction_customer", Interaction.customer, Interaction.date)
# Today reads each customer's latest touches from this index alone, never from the rows.
_index(Interaction, "interaction_touch", Interaction.customer, Interaction.date,
       Interaction.id, Interaction.kind, Interaction.channel)
# A customer's lifetime value is added up from the index alone.
_index(Purchase, "purchase_customer", Purchase.customer, Purchase.date, Purchase.amount_cents)
# One purchase per order of a till or shop (migrations._add_sale_ids).
Purchase.add_index(ModelIndex(Purchase, (Purchase.source, Purchase.order_id), unique=True,
                              name="purchase_order", where=SQL("order_id != ''")))
_index(Promise, "promise_customer", Promise.customer)
_index(Promise, "promise_status", Promise.status, Promise.due)
_index(Problem, "problem_customer", Problem.customer)
_index(ProblemUpdate, "problem_update_problem", ProblemUpdate.problem)
_index(Card, "card_customer", Card.customer)
_index(Card, "card_status", Card.status)
_index(AgendaEntry, "agenda_customer_entries", AgendaEntry.customer_id)
# Today's read (storage.agenda): the entries due by the day's horizon; the nudges from their
# own index alone (50,000 of them in a large notebook), the rest by their due date.
_NUDGE_KINDS = SQL("kind IN ('keep_in_touch', 'lapsed')")
AgendaEntry.add_index(ModelIndex(
    AgendaEntry, (AgendaEntry.due, AgendaEntry.customer_id, AgendaEntry.kind, AgendaEntry.rank,
                  AgendaEntry.kth_touch, AgendaEntry.quiet),
    name="agenda_nudges", where=_NUDGE_KINDS))
AgendaEntry.add_index(ModelIndex(AgendaEntry, (AgendaEntry.kind, AgendaEntry.due),
                                 name="agenda_due"))
# Whether every agenda holds on a day: the ends of these two, not a pass over them all.
_index(AgendaCustomer, "agenda_until", AgendaCustomer.until)
_index(AgendaCustomer, "agenda_as_of", AgendaCustomer.as_of)

ALL_MODELS: list[type[Model]] = [
    Customer, Email, Phone, Address, Tag, CustomField, FieldValue, TagSetting, Fact, Milestone,
    Interaction, Purchase, Promise, Problem, ProblemUpdate, Template, Card, Setting,
    SuggestionState, Photo, CustomerSearch, AgendaEntry, AgendaCustomer, AgendaDirty,
]


# --- the tables a customer owns -------------------------------------------------------------

class Owned(NamedTuple):
    """A table whose rows belong to one customer."""

    model: type[BaseModel]
    noun: str  # one row, in the owner's words ("email address"): the erase preview counts them
    profile: bool = False  # replaced whole when the profile is saved (customers.save_customer)


# Parents before children: rows are put back in this order. A test fails when a table that
# belongs to a customer is in neither this list nor DERIVED_TABLES.
CUSTOMER_TABLES: tuple[Owned, ...] = (
    Owned(Email, "email address", profile=True),
    Owned(Phone, "phone number", profile=True),
    Owned(Address, "postal address", profile=True),
    Owned(Tag, "tag", profile=True),
    Owned(Fact, "personal detail", profile=True),
    Owned(Milestone, "milestone", profile=True),
    Owned(FieldValue, "custom field value", profile=True),
    Owned(Interaction, "interaction"),
    Owned(Purchase, "purchase"),
    Owned(Promise, "promise"),
    Owned(Problem, "problem"),
    Owned(ProblemUpdate, "problem update"),
    Owned(Card, "card"),
    Owned(Photo, "photo"),
    Owned(SuggestionState, "snoozed or dismissed suggestion"),
)

# Worked out from a customer's rows and rebuilt from them: never saved, exported or put back.
DERIVED_TABLES: tuple[type[Model], ...] = (CustomerSearch, AgendaEntry, AgendaCustomer,
                                          AgendaDirty)


def meta(model: type[Model]) -> Any:
    """peewee's description of ``model``: its fields, keys, table name (untyped in the stubs)."""
    return model._meta  # type: ignore[attr-defined]


def owner_key(model: type[Model]) -> ForeignKeyField:
    """The foreign key by which ``model``'s rows belong to a customer (directly, or through
    the owned row they hang off: a problem's updates)."""
    keys = [f for f in meta(model).refs if f.rel_model is Customer]
    owned = {t.model for t in CUSTOMER_TABLES}
    keys = keys or [f for f in meta(model).refs if f.rel_model in owned]
    return keys[0]


def owned_by(model: type[Model], customer_id: int) -> Any:
    """The condition naming ``model``'s rows that belong to customer ``customer_id``."""
    key = owner_key(model)
    if key.rel_model is Customer:
        return key == customer_id
    parent = key.rel_model
    return key.in_(parent.select(meta(parent).primary_key).where(owned_by(parent, customer_id)))
