"""The notebook's entities as plain data: what storage returns and the rules and screens use.

Nothing here knows about Qt, peewee or files. Ids are the notebook's integer keys; an entity
that is not saved yet has ``id = None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from domain.dates import PartialDate

# The notebook's region (its country: phone numbers, address format) until the owner sets
# one. Here, not in domain.contacts, so that what only needs the default (cards, the
# sender) does not load the phone-number library with it.
DEFAULT_REGION = "US"
CHANNELS = ("mail", "phone", "email", "text", "visit")
CHANNEL_LABELS = {
    "mail": "Posted card",
    "phone": "Phone",
    "email": "Email",
    "text": "Text message",
    "visit": "Visit",
}

INTERACTION_KINDS = ("note", "call", "visit", "email", "text", "card", "gift", "meeting")
INTERACTION_LABELS = {
    "note": "Note",
    "call": "Call",
    "visit": "Visit",
    "email": "Email",
    "text": "Text",
    "card": "Card sent",
    "gift": "Gift",
    "meeting": "Meeting",
}
# The channel each kind of touch used; a note is not a touch on any channel.
INTERACTION_CHANNEL = {
    "note": None,
    "call": "phone",
    "visit": "visit",
    "email": "email",
    "text": "text",
    "card": "mail",
    "gift": "visit",
    "meeting": "visit",
}
# The interaction a suggested channel is logged as.
CHANNEL_INTERACTION = {"mail": "card", "phone": "call", "email": "email", "text": "text",
                       "visit": "visit"}

MILESTONE_KINDS = (
    "birthday",
    "wedding_anniversary",
    "customer_anniversary",
    "business_anniversary",
    "graduation",
    "new_baby",
    "new_home",
    "promotion",
    "retirement",
    "bereavement",
    "custom",
)
MILESTONE_LABELS = {
    "birthday": "Birthday",
    "wedding_anniversary": "Wedding anniversary",
    "customer_anniversary": "Customer anniversary",
    "business_anniversary": "Business anniversary",
    "graduation": "Graduation",
    "new_baby": "New baby",
    "new_home": "New home",
    "promotion": "Promotion",
    "retirement": "Retirement",
    "bereavement": "Bereavement",
    "custom": "Other",
}
# Kinds that come back every year unless the owner says otherwise.
YEARLY_MILESTONES = frozenset(
    {"birthday", "wedding_anniversary", "customer_anniversary", "business_anniversary"}
)

FACT_KINDS = ("interest", "family", "pet", "like", "dislike", "gift_idea", "how_we_met")
FACT_LABELS = {
    "interest": "Interest",
    "family": "Family",
    "pet": "Pet",
    "like": "Likes",
    "dislike": "Dislikes",
    "gift_idea": "Gift idea",
    "how_we_met": "How we met",
}

PROMISE_STATUSES = ("open", "kept", "missed")
PROBLEM_STATUSES = ("open", "resolved")
CARD_STATUSES = ("draft", "queued", "printed", "mailed")


@dataclass(slots=True)
class Address:
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    mailing: bool = False
    label: str = ""

    def is_empty(self) -> bool:
        return not any((self.street, self.city, self.region, self.postal_code, self.country))


@dataclass(slots=True)
class Fact:
    """A small personal detail: an interest, a family member, a pet, a gift idea…"""

    kind: str
    value: str
    birthday: PartialDate | None = None
    relation: str = ""
    id: int | None = None


@dataclass(slots=True)
class Milestone:
    kind: str
    date: PartialDate
    # Empty: the customer's own. Else a family member's name: a child's birthday is a
    # birthday whose is the child.
    whose: str = ""
    yearly: bool = True
    note: str = ""
    id: int | None = None


@dataclass(slots=True)
class Interaction:
    when: date
    kind: str
    summary: str = ""
    channel: str | None = None
    id: int | None = None
    customer_id: int | None = None

    def __post_init__(self) -> None:
        if self.channel is None:
            self.channel = INTERACTION_CHANNEL.get(self.kind)


@dataclass(slots=True)
class Purchase:
    when: date
    amount: Decimal
    description: str = ""
    id: int | None = None
    customer_id: int | None = None
    currency: str = ""  # "" in the notebook's own; else as the till wrote it ("EUR")
    source: str = ""  # where an imported sale came from ("shopify"); "" typed by hand
    order_id: str = ""  # its order or transaction id there


@dataclass(slots=True)
class Promise:
    made: date
    due: datetime
    what: str
    status: str = "open"
    id: int | None = None
    customer_id: int | None = None


@dataclass(slots=True)
class ProblemUpdate:
    when: date
    summary: str
    id: int | None = None


@dataclass(slots=True)
class Problem:
    opened: date
    summary: str
    status: str = "open"
    resolved: date | None = None
    waiting_on: str = ""
    updates: list[ProblemUpdate] = field(default_factory=list)
    id: int | None = None
    customer_id: int | None = None

    def last_activity(self) -> date:
        dates = [self.opened, *(u.when for u in self.updates)]
        return max(dates)


@dataclass(slots=True)
class Customer:
    """Everything the notebook knows about one person."""

    given_name: str = ""
    family_name: str = ""
    preferred_name: str = ""
    pronunciation: str = ""
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    preferred_channels: list[str] = field(default_factory=list)
    do_not_contact: list[str] = field(default_factory=list)
    referred_by: int | None = None
    cadence_days: int | None = None
    customer_since: date | None = None
    notes: str = ""
    facts: list[Fact] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    purchases: list[Purchase] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # How the address book labelled each phone and email ("cell", "work,fax", "home"), by the
    # number or address as it is in ``phones`` / ``emails``; those without one are not here.
    phone_labels: dict[str, str] = field(default_factory=dict)
    email_labels: dict[str, str] = field(default_factory=dict)
    # The notebook's own fields (storage.custom_fields), by name: "Inseam" → "32".
    fields: dict[str, str] = field(default_factory=dict)
    status: str = ""  # one of STATUSES: archived or deceased customers are never suggested
    id: int | None = None

    @property
    def display_name(self) -> str:
        return display_name(self.given_name, self.family_name, self.preferred_name, self.company)

    @property
    def greeting_name(self) -> str:
        """What they like to be called: the preferred name, else the given name."""
        return self.preferred_name or self.given_name or self.family_name or self.company

    def mailing_address(self) -> Address | None:
        for address in self.addresses:
            if address.mailing and not address.is_empty():
                return address
        return next((a for a in self.addresses if not a.is_empty()), None)

    def facts_of(self, kind: str) -> list[Fact]:
        return [f for f in self.facts if f.kind == kind]


# A customer's status: "" (active), or one that means nothing is suggested for them again.
STATUSES = ("", "archived", "deceased")
CUSTOM_FIELD_KINDS = ("text", "number", "date")


@dataclass(frozen=True)
class CustomField:
    """A field of the owner's own that every customer page shows: its name and kind."""

    name: str
    kind: str = "text"  # one of CUSTOM_FIELD_KINDS


def display_name(given: str, family: str, preferred: str = "", company: str = "") -> str:
    """How a customer is listed: ``Margaret “Peggy” Shaw``, else the company, else a dash."""
    preferred = preferred.strip()
    if preferred and preferred != (given := given.strip()):
        if given:
            return f"{given} “{preferred}” {family.strip()}".strip()
        family = family.strip()
        return f"{preferred} {family}" if family else preferred
    return person_name(given, family) or company.strip() or "(no name)"


def person_name(given: str, family: str) -> str:
    """The name as its script writes it: 王小明 and 김 민준 family first, Bo Li given first."""
    # Called for each of 50,000 names when the window lists everyone: no generator, one test
    # of the letters for most names (issue 17).
    given, family = given.strip(), family.strip()
    if not (given and family):
        return given or family
    both = given + family
    if both.isascii():  # most names: no CJK letter to look for
        return f"{given} {family}"
    if _HANGUL.search(both):
        return f"{family} {given}"
    if _HAN_OR_KANA.search(both):
        return family + given
    return f"{given} {family}"


# One regular-expression search per name, not a Python call per letter: 50,000 names with
# accents (Zoë, Łukasik) cost 0.1 s more the per-letter way when the window lists them.
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HAN_OR_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                          "\uf900-\ufaff\U00020000-\U0002ffff]")


class CustomerRow(NamedTuple):
    """One line of the customer list: cheap to load for 50,000 people.

    A named tuple, not a frozen dataclass: the window builds one per customer at each start,
    and a tuple is made in C where a frozen dataclass sets each field through
    ``object.__setattr__`` (8× slower; 50 ms of the first window at 50,000, issue 17).
    """

    id: int
    name: str
    sort_key: str
    company: str
    email: str
    phone: str
    city: str
    tags: str
    last_touch: date | None
    status: str = ""  # "archived", "deceased" (see STATUSES)
    # Lifetime value per currency, cents ("" the notebook's own first): never added together.
    lifetime: tuple[tuple[str, int], ...] = ()


@dataclass(slots=True)
class Template:
    occasion: str
    name: str
    body: str
    variant: int = 1
    card_format: str = "a2-folded"
    signature: str = ""
    builtin: bool = False
    id: int | None = None


@dataclass(slots=True)
class Card:
    customer_id: int
    occasion: str
    text: str
    card_format: str = "a2-folded"
    status: str = "draft"
    created: date | None = None
    printed: date | None = None
    mailed: date | None = None
    template_id: int | None = None
    id: int | None = None
