"""peewee models over the tables of schema.sql. Live rows never leave storage/."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from storage.db import db


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class Customer(BaseModel):
    given_name = TextField(default="")
    family_name = TextField(default="")
    preferred_name = TextField(default="")
    pronunciation = TextField(default="")
    company = TextField(default="")
    role = TextField(default="")
    referred_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="referrals")
    cadence_days = IntegerField(null=True)
    customer_since = DateField(null=True)
    preferred_channels = TextField(default="")
    do_not_contact = TextField(default="")
    notes = TextField(default="")
    sort_key = TextField(default="")
    created = TextField()
    updated = TextField()


class Email(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    address = TextField()
    position = IntegerField(default=0)


class Phone(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    number = TextField()
    position = IntegerField(default=0)


class Address(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    street = TextField(default="")
    city = TextField(default="")
    region = TextField(default="")
    postal_code = TextField(default="")
    country = TextField(default="")
    mailing = BooleanField(default=False)
    label = TextField(default="")
    position = IntegerField(default=0)


class Tag(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    name = TextField()
    position = IntegerField(default=0)


class TagSetting(BaseModel):
    name = TextField(primary_key=True)
    cadence_days = IntegerField(null=True)


class Fact(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    kind = TextField()
    value = TextField()
    relation = TextField(default="")
    birthday = TextField(null=True)
    position = IntegerField(default=0)


class Milestone(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    kind = TextField()
    year = IntegerField(null=True)
    month = IntegerField()
    day = IntegerField()
    day_of_year = IntegerField()
    yearly = BooleanField(default=True)
    whose = TextField(default="")
    note = TextField(default="")
    position = IntegerField(default=0)


class Interaction(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    date = DateField()
    kind = TextField()
    channel = TextField(null=True)
    summary = TextField(default="")


class Purchase(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    date = DateField()
    amount_cents = IntegerField(default=0)
    description = TextField(default="")


class Promise(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    made = DateField()
    due = TextField()  # ISO date or date-time
    what = TextField()
    status = TextField(default="open")


class Problem(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    opened = DateField()
    summary = TextField()
    waiting_on = TextField(default="")
    status = TextField(default="open")
    resolved = DateField(null=True)


class ProblemUpdate(BaseModel):
    problem = ForeignKeyField(Problem, on_delete="CASCADE", backref="updates")
    date = DateField()
    summary = TextField()


class Template(BaseModel):
    occasion = TextField()
    name = TextField()
    body = TextField()
    variant = IntegerField(default=1)
    card_format = TextField(default="a2-folded")
    signature = TextField(default="")
    builtin = BooleanField(default=False)


class Card(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    occasion = TextField()
    template = ForeignKeyField(Template, null=True, on_delete="SET NULL")
    text = TextField()
    card_format = TextField(default="a2-folded")
    status = TextField(default="draft")
    created = DateField(null=True)
    printed = DateField(null=True)
    mailed = DateField(null=True)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class SuggestionState(BaseModel):
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    key = TextField()
    snoozed_until = DateField(null=True)
    dismissed = BooleanField(default=False)


ALL_MODELS = [
    Customer, Email, Phone, Address, Tag, TagSetting, Fact, Milestone, Interaction, Purchase,
    Promise, Problem, ProblemUpdate, Template, Card, Setting, SuggestionState,
]
