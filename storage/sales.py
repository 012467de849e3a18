"""Bringing sales into the notebook: buyers matched to customers, then one transaction.

    read = exports.sales_csv.read_file(path)        # domain.sales: orders judged, nothing written
    plan = sales.preview(read, region)              # match / new / ambiguous / already imported
    outcome = sales.apply(plan, {4: 17})            # the owner's choice for an ambiguous buyer

A buyer is matched by email, then phone (both normalised), then exact name; when more than one
customer fits, or only a name fits and the contact details differ, the buyer is *ambiguous*:
the window asks, the command line skips the sale and says so. Never guessed. Each purchase
remembers its till and order id, so importing the same file again adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from domain.contacts import DEFAULT_REGION, normalise_phone, phone_key, split_full_name
from domain.model import Address, Customer
from domain.sales import Buyer, NotSale, Sale, SalesRead
from storage import records
from storage.db import db

MATCH, NEW, AMBIGUOUS, KNOWN = "match", "new", "ambiguous", "known"
SKIP, ADD_NEW = "skip", "new"  # the owner's choices besides a customer's id


@dataclass(frozen=True, slots=True)
class SaleRow:
    """One purchase of the preview and who it goes to."""

    index: int
    sale: Sale
    verdict: str  # match / new / ambiguous / known (already imported)
    customer_id: int | None = None  # the match
    customer_name: str = ""
    reason: str = ""  # "same email", "3 customers named Ann Lee"
    candidates: tuple[tuple[int, str], ...] = ()  # an ambiguous buyer's possible customers


@dataclass
class SalesPreview:
    """What importing a sales file would do; ``apply`` it with the owner's choices."""

    source: str
    kind: str
    label: str
    rows: list[SaleRow] = field(default_factory=list)
    not_sales: list[NotSale] = field(default_factory=list)
    region: str = DEFAULT_REGION
    fatal: str = ""

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for row in self.rows:
            out[row.verdict] += 1
        return dict(out)

    def new_buyers(self) -> int:
        return len({buyer_key(r.sale.buyer) for r in self.rows if r.verdict == NEW})


@dataclass
class SalesOutcome:
    source: str
    purchases: int = 0
    new_customers: int = 0
    matched: int = 0
    known: int = 0
    skipped: list[str] = field(default_factory=list)  # "row 4 (line 5) #1004: Ann Lee — …"
    customer_ids: list[int] = field(default_factory=list)


# --- who is who ------------------------------------------------------------------------------

def buyer_key(b: Buyer) -> str:
    """How two sales of one new buyer are told to be the same person within a file."""
    return b.email.casefold() or phone_key(b.phone) or " ".join(b.name.casefold().split())


def _name_key(given: str, family: str) -> str:
    return " ".join(f"{given} {family}".casefold().split())


@dataclass
class _People:
    """The notebook's customers as matching needs them, read in four queries."""

    email: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    phone: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    name: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    contacts: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    names: dict[int, str] = field(default_factory=dict)


def _people() -> _People:
    p = _People()
    for cid, address in db.execute_sql("SELECT customer_id, address FROM email"):
        p.email[address.casefold()].add(cid)
        p.contacts[cid].add(address.casefold())
    for cid, number in db.execute_sql("SELECT customer_id, number FROM phone"):
        p.phone[phone_key(number)].add(cid)
        p.contacts[cid].add(phone_key(number))
    for cid, given, family, company in db.execute_sql(
            "SELECT id, given_name, family_name, company FROM customer"):
        p.name[_name_key(given, family)].add(cid)
        p.names[cid] = " ".join(f"{given} {family}".split()) or company
    return p


def _match(b: Buyer, people: _People, region: str) -> tuple[str, set[int], str]:
    """(verdict, customer ids, reason) for buyer ``b``."""
    email = b.email.casefold()
    phone = phone_key(normalise_phone(b.phone, region)) if b.phone else ""
    for key, table, what in ((email, people.email, "email"), (phone, people.phone, "phone")):
        ids = table.get(key, set()) if key else set()
        if len(ids) == 1:
            return MATCH, ids, f"same {what}"
        if ids:
            return AMBIGUOUS, ids, f"{len(ids)} customers have the {what} {key}"
    ids = people.name.get(" ".join(b.name.casefold().split()), set()) if b.name else set()
    if len(ids) > 1:
        return AMBIGUOUS, ids, f"{len(ids)} customers are named {b.name}"
    if ids:
        cid = next(iter(ids))
        given = {k for k in (email, phone) if k}
        if given and people.contacts[cid] and not given & people.contacts[cid]:
            return AMBIGUOUS, ids, "same name, but other contact details"
        return MATCH, ids, "same name"
    return NEW, set(), ""


# --- preview ---------------------------------------------------------------------------------

def known_orders(source: str) -> dict[str, int]:
    """The order ids of ``source`` already in the notebook, with their amounts in cents."""
    rows = db.execute_sql("SELECT order_id, amount_cents FROM purchase "
                          "WHERE source = ? AND order_id != ''", (source,))
    return dict(rows.fetchall())


def _changed_since(read: SalesRead, known: dict[str, int]) -> list[NotSale]:
    """Orders imported before that the file now says otherwise about (refunded since, an
    amount changed): told, never changed behind the owner's back."""
    out = []
    for n in read.not_sales:
        if n.order_id in known:
            was = records.from_cents(known[n.order_id])
            out.append(NotSale(n.position, n.order_id, f"{n.reason}, but imported before as a "
                               f"sale of {was}: change it on the customer's timeline",
                               problem=True))
    for sale in read.sales:
        cents = known.get(sale.order_id)
        if cents is not None and cents != records.to_cents(sale.amount):
            out.append(NotSale(sale.position, sale.order_id,
                               f"imported before as {records.from_cents(cents)}, now "
                               f"{sale.amount}: change it on the customer's timeline",
                               problem=True))
    return out


def preview(read: SalesRead, region: str = DEFAULT_REGION) -> SalesPreview:
    """Match every sale of ``read`` against the open notebook; writes nothing."""
    plan = SalesPreview(read.source, read.kind, read.label, not_sales=list(read.not_sales),
                        region=region, fatal=read.fatal)
    if read.fatal:
        return plan
    people, known = _people(), known_orders(read.kind)
    told = _changed_since(read, known)
    plan.not_sales = [n for n in plan.not_sales if n.order_id not in known] + told
    for i, sale in enumerate(read.sales):
        if sale.order_id in known:
            plan.rows.append(SaleRow(i, sale, KNOWN, reason="already imported"))
            continue
        if not sale.buyer.known:
            plan.not_sales.append(NotSale(sale.position, sale.order_id,
                                          "no customer on this sale"))
            continue
        verdict, ids, reason = _match(sale.buyer, people, region)
        first = min(ids) if verdict == MATCH else None
        plan.rows.append(SaleRow(
            i, sale, verdict, first, people.names.get(first, "") if first else "", reason,
            tuple(sorted((cid, _told_apart(people, cid)) for cid in ids))
            if verdict == AMBIGUOUS else ()))
    return plan


def _told_apart(people: _People, cid: int) -> str:
    """``Ann Lee (ann@one.example)``: a name with what tells two of them apart."""
    contact = min(people.contacts.get(cid, ()), default="")
    name = people.names.get(cid, "") or "(no name)"
    return f"{name} ({contact})" if contact else name


# --- apply -----------------------------------------------------------------------------------

def new_customer(b: Buyer, region: str) -> Customer:
    """A customer made from a buyer, with the contact details the file gives."""
    given, family = split_full_name(b.name)
    c = Customer(given_name=given, family_name=family)
    c.emails = [b.email] if b.email else []
    c.phones = [normalise_phone(b.phone, region)] if b.phone else []
    if b.street or b.city or b.postal_code:
        c.addresses = [Address(b.street, b.city, b.region, b.postal_code, b.country,
                               mailing=True)]
    return c


def apply(plan: SalesPreview, choices: Mapping[int, int | str] | None = None) -> SalesOutcome:
    """Write the purchases (``choices``: row index → customer id, "new" or "skip"; an
    ambiguous buyer without a choice is skipped and listed). All or nothing."""
    outcome, choices = SalesOutcome(plan.source), choices or {}
    with db.atomic():
        targets = _targets(plan, choices, outcome)
        new_ids = _insert_buyers(plan, targets)
        known = set(known_orders(plan.kind))  # again, inside the transaction
        rows = []
        for row in plan.rows:
            target = targets.get(row.index)
            if target is None or row.sale.order_id in known:
                continue
            cid = new_ids[target] if isinstance(target, str) else target
            s = row.sale
            rows.append((cid, s.when.isoformat(), records.to_cents(s.amount), s.description,
                         s.currency, plan.kind, s.order_id))
            known.add(s.order_id)
        db.connection().executemany(
            "INSERT INTO purchase (customer_id, date, amount_cents, description, currency, "
            "source, order_id) VALUES (?,?,?,?,?,?,?)", rows)
        if new_ids:
            records.reindex(list(new_ids.values()))
    outcome.purchases = len(rows)
    outcome.new_customers = len(new_ids)
    outcome.customer_ids = sorted({r[0] for r in rows})
    return outcome


def _targets(plan: SalesPreview, choices: Mapping[int, int | str],
             outcome: SalesOutcome) -> dict[int, int | str]:
    """Row index → an existing customer's id, or a new buyer's key."""
    alive = {r[0] for r in db.execute_sql("SELECT id FROM customer")}
    out: dict[int, int | str] = {}
    for row in plan.rows:
        choice = choices.get(row.index)
        if row.verdict == KNOWN:
            outcome.known += 1
        elif choice == SKIP:
            outcome.skipped.append(_said(row, "skipped as chosen"))
        elif isinstance(choice, int) and choice in alive:
            out[row.index] = choice
        elif choice == ADD_NEW or (row.verdict == NEW and choice is None):
            out[row.index] = buyer_key(row.sale.buyer)
        elif row.verdict == MATCH and row.customer_id is not None and row.customer_id in alive:
            out[row.index] = row.customer_id
            outcome.matched += 1
        else:
            outcome.skipped.append(_said(row, f"{row.reason}: not guessed — skipped; "
                                              "import it in the window to choose who"))
    return out


def _said(row: SaleRow, what: str) -> str:
    s = row.sale
    return f"{s.position} {s.order_id}: {s.buyer.name or s.buyer.email} — {what}"


def _insert_buyers(plan: SalesPreview, targets: dict[int, int | str]) -> dict[str, int]:
    """One new customer per new buyer (several orders of one buyer make one customer)."""
    buyers: dict[str, Buyer] = {}
    for row in plan.rows:
        key = targets.get(row.index)
        if isinstance(key, str) and key not in buyers:
            buyers[key] = row.sale.buyer
    ids = {}
    pairs = []
    for key, buyer in buyers.items():
        c = new_customer(buyer, plan.region)
        ids[key] = records.insert_customer(c)
        pairs.append((ids[key], c))
    records.insert_profile_children(pairs)
    return ids
