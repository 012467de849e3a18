"""Reading and writing whole customers (profile and children) in a handful of queries.

Shared by the per-customer API (customers.py) and bulk work (import, export, demo); callers
own the transaction. Raw SQL on purpose, over the tables storage/models.py declares: 350,000
rows insert in 1.65 s with ``executemany`` against 12.3 s with peewee's ``insert_many``, and
50,000 rows read as sqlite3 tuples in 0.42 s against 0.88 s as peewee ``.tuples()``
(MEASURED.md, this machine).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from domain.dates import PartialDate
from domain.model import (
    Address,
    Customer,
    Fact,
    Interaction,
    Milestone,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
)
from domain.text import fold
from storage.db import db, notebook_version
from storage.migrations import CONTACT_LABELS, FIELDS
from storage.models import CUSTOMER_TABLES, meta

# The tables saving a profile replaces whole (the rest of what a customer owns stays).
PROFILE_CHILDREN = tuple(meta(t.model).table_name for t in CUSTOMER_TABLES if t.profile)


def sort_key(given: str, family: str, company: str) -> str:
    """Accent- and case-blind key: Łukasz files beside Lukas, Zoë beside Zoe."""
    return fold(" ".join(p for p in (family or company or given, given) if p))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _day(text: str) -> date:
    """A day from a NOT NULL column."""
    return date.fromisoformat(text)


def _due(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _channels(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


# --- writing -------------------------------------------------------------------------------

def customer_values(c: Customer) -> tuple:
    return (
        c.given_name, c.family_name, c.preferred_name, c.pronunciation, c.company, c.role,
        c.referred_by, c.cadence_days, _iso(c.customer_since), ",".join(c.preferred_channels),
        ",".join(c.do_not_contact), c.notes, sort_key(c.given_name, c.family_name, c.company),
        c.status,
    )


_CUSTOMER_COLUMNS = (
    "given_name, family_name, preferred_name, pronunciation, company, role, referred_by, "
    "cadence_days, customer_since, preferred_channels, do_not_contact, notes, sort_key, status"
)
_MARKS = ", ".join("?" * (len(_CUSTOMER_COLUMNS.split(",")) + 2))  # and created, updated


def insert_customer(c: Customer, keep_id: bool = False) -> int:
    """Insert the customer row only; return its id (``c.id`` kept when ``keep_id``)."""
    stamp = now_stamp()
    values = (*customer_values(c), stamp, stamp)
    if keep_id and c.id is not None:
        db.execute_sql(
            f"INSERT INTO customer (id, {_CUSTOMER_COLUMNS}, created, updated) "
            f"VALUES (?, {_MARKS})", (c.id, *values))
        return c.id
    cursor = db.execute_sql(
        f"INSERT INTO customer ({_CUSTOMER_COLUMNS}, created, updated) "
        f"VALUES ({_MARKS})", values)
    return cursor.lastrowid


def insert_customers(customers: Sequence[Customer]) -> None:
    """Insert many customer rows, each with its own ``id`` (bulk import, demo), in one go."""
    stamp = now_stamp()
    marks = ",".join("?" * (len(_CUSTOMER_COLUMNS.split(",")) + 3))
    db.connection().executemany(
        f"INSERT INTO customer (id, {_CUSTOMER_COLUMNS}, created, updated) VALUES ({marks})",
        [(c.id, *customer_values(c), stamp, stamp) for c in customers])


def insert_new_customers(customers: Sequence[Customer]) -> list[int]:
    """Insert many new customer rows in one statement; their ids in order, the next free
    ones as inserting them one at a time would give (an import: 10,000 rows 0.4 s → 0.03 s)."""
    first = db.execute_sql("SELECT coalesce(max(id), 0) + 1 FROM customer").fetchone()[0]
    ids = list(range(first, first + len(customers)))
    stamp = now_stamp()
    marks = ",".join("?" * (len(_CUSTOMER_COLUMNS.split(",")) + 3))
    db.connection().executemany(
        f"INSERT INTO customer (id, {_CUSTOMER_COLUMNS}, created, updated) VALUES ({marks})",
        [(cid, *customer_values(c), stamp, stamp) for cid, c in zip(ids, customers, strict=True)])
    return ids


def update_customer_row(c: Customer) -> None:
    sets = ", ".join(f"{col.strip()} = ?" for col in _CUSTOMER_COLUMNS.split(","))
    db.execute_sql(f"UPDATE customer SET {sets}, updated = ? WHERE id = ?",
                   (*customer_values(c), now_stamp(), c.id))


def delete_children(customer_id: int, tables: Sequence[str]) -> None:
    for table in tables:
        db.execute_sql(f"DELETE FROM {table} WHERE customer_id = ?", (customer_id,))


def insert_profile_children(pairs: Iterable[tuple[int, Customer]]) -> None:
    """Emails, phones, addresses, tags, facts and milestones of each (id, customer)."""
    rows: dict[str, list[tuple]] = defaultdict(list)
    emails, phones, addresses, tags, facts, milestones, values = (
        rows["email"], rows["phone"], rows["address"], rows["tag"], rows["fact"],
        rows["milestone"], rows["field_value"])
    for cid, c in pairs:
        # Only the lists a customer has: most lack some (an import: 50,000 customers at once).
        if c.emails:
            emails += [(cid, e, i, c.email_labels.get(e, "")) for i, e in enumerate(c.emails)]
        if c.phones:
            phones += [(cid, p, i, c.phone_labels.get(p, "")) for i, p in enumerate(c.phones)]
        if c.addresses:
            addresses += [
                (cid, a.street, a.city, a.region, a.postal_code, a.country, int(a.mailing),
                 a.label, i) for i, a in enumerate(c.addresses)]
        if c.tags:
            tags += [(cid, t, i) for i, t in enumerate(dict.fromkeys(c.tags))]
        if c.facts:
            facts += [
                (cid, f.kind, f.value, f.relation, f.birthday.iso() if f.birthday else None, i)
                for i, f in enumerate(c.facts)]
        if c.milestones:
            milestones += [
                (cid, m.kind, m.date.year, m.date.month, m.date.day, m.date.day_of_year(),
                 int(m.yearly), m.whose, m.note, i) for i, m in enumerate(c.milestones)]
        if c.fields:
            values += [(cid, name.strip(), value) for name, value in c.fields.items()
                       if name.strip() and value.strip()]
    con = db.connection()
    con.executemany("INSERT INTO email (customer_id, address, position, label) "
                    "VALUES (?,?,?,?)", rows["email"])
    con.executemany("INSERT INTO phone (customer_id, number, position, label) "
                    "VALUES (?,?,?,?)", rows["phone"])
    con.executemany(
        "INSERT INTO address (customer_id, street, city, region, postal_code, country, "
        "mailing, label, position) VALUES (?,?,?,?,?,?,?,?,?)", rows["address"])
    con.executemany("INSERT INTO tag (customer_id, name, position) VALUES (?,?,?)", rows["tag"])
    con.executemany(
        "INSERT INTO fact (customer_id, kind, value, relation, birthday, position) "
        "VALUES (?,?,?,?,?,?)", rows["fact"])
    con.executemany(
        "INSERT INTO milestone (customer_id, kind, year, month, day, day_of_year, yearly, "
        "whose, note, position) VALUES (?,?,?,?,?,?,?,?,?,?)", rows["milestone"])
    # A value of a field the notebook does not have yet (an import) defines the field.
    con.executemany(
        "INSERT OR IGNORE INTO custom_field (name, position) "
        "VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM custom_field))",
        [(name,) for name in dict.fromkeys(r[1] for r in rows["field_value"])])
    con.executemany("INSERT OR REPLACE INTO field_value (customer_id, name, value) "
                    "VALUES (?,?,?)", rows["field_value"])


def insert_timeline(pairs: Iterable[tuple[int, Customer]]) -> None:
    """Interactions, purchases, promises and problems (with updates) of each (id, customer)."""
    interactions, purchases, promises = [], [], []
    problems: list[tuple[int, Problem]] = []
    for cid, c in pairs:
        if c.interactions:  # an import streams them in as rows: most customers have none here
            interactions += [(cid, *interaction_row(i)) for i in c.interactions]
        if c.purchases:
            purchases += [(cid, *purchase_row(p)) for p in c.purchases]
        if c.promises:
            promises += [(cid, p.made.isoformat(), p.due.isoformat(timespec="minutes"),
                          p.what, p.status) for p in c.promises]
        if c.problems:
            problems += [(cid, p) for p in c.problems]
    insert_touches_and_sales(interactions, purchases)
    con = db.connection()
    con.executemany("INSERT INTO promise (customer_id, made, due, what, status) "
                    "VALUES (?,?,?,?,?)", promises)
    for cid, p in problems:
        insert_problem(cid, p)


def interaction_row(i: Interaction) -> tuple:
    """A touch's stored columns after ``customer_id``: date, kind, channel, summary."""
    return (i.when.isoformat(), i.kind, i.channel, i.summary)


def purchase_row(p: Purchase) -> tuple:
    """A sale's stored columns after ``customer_id``: date, amount_cents, description,
    currency, source, order_id."""
    return (p.when.isoformat(), to_cents(p.amount), p.description, p.currency, p.source,
            p.order_id)


def insert_touches_and_sales(interactions: Sequence[tuple], purchases: Sequence[tuple]) -> None:
    """Insert rows of ``(customer_id, *interaction_row(…))`` and ``(customer_id,
    *purchase_row(…))`` (a notebook file streams them in as rows, issue 17)."""
    con = db.connection()
    con.executemany("INSERT INTO interaction (customer_id, date, kind, channel, summary) "
                    "VALUES (?,?,?,?,?)", interactions)
    # A sale of a till already in the notebook (a notebook file imported twice) is kept once.
    con.executemany("INSERT INTO purchase (customer_id, date, amount_cents, description, "
                    "currency, source, order_id) VALUES (?,?,?,?,?,?,?) "
                    "ON CONFLICT DO NOTHING", purchases)


def insert_problem(customer_id: int, p: Problem, problem_id: int | None = None) -> int:
    """Insert a problem and its updates; ``problem_id`` None picks a new id."""
    cursor = db.execute_sql(
        "INSERT INTO problem (id, customer_id, opened, summary, waiting_on, status, resolved) "
        "VALUES (?,?,?,?,?,?,?)",
        (problem_id, customer_id, p.opened.isoformat(), p.summary, p.waiting_on, p.status,
         _iso(p.resolved)))
    problem_id = cursor.lastrowid
    db.connection().executemany(
        "INSERT INTO problem_update (problem_id, date, summary) VALUES (?,?,?)",
        [(problem_id, u.when.isoformat(), u.summary) for u in p.updates])
    return problem_id


def to_cents(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal(1)))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


# --- reading -------------------------------------------------------------------------------

def _where(ids: Sequence[int] | None, column: str = "customer_id") -> tuple[str, tuple]:
    if ids is None:
        return "", ()
    return f" WHERE {column} IN ({','.join('?' * len(ids))})", tuple(ids)


def _grouped(sql: str, ids: Sequence[int] | None,
             column: str = "customer_id") -> dict[int, list[tuple]]:
    where, params = _where(ids, column)
    order = sql.split(" ORDER BY ")
    query = order[0] + where + (" ORDER BY " + order[1] if len(order) > 1 else "")
    groups: dict[int, list[tuple]] = defaultdict(list)
    for row in db.execute_sql(query, params):
        groups[row[0]].append(row[1:])
    return groups


def load_customers(ids: Sequence[int] | None = None, whole: bool = True) -> list[Customer]:
    """Whole customers (profile and timeline) for ``ids``, or everyone, in ten queries.

    ``whole=False``: only what a card is written from (profile, addresses, facts, milestones,
    purchases); emails, phones, tags, touches, promises and problems are left empty. A day's
    cards at 200,000 customers then read 90,000 touches less.
    """
    if ids is not None and not ids:
        return []
    if ids is not None and len(ids) > 900:
        chunks = [ids[i:i + 900] for i in range(0, len(ids), 900)]
        return [c for chunk in chunks for c in load_customers(chunk, whole)]
    where, params = _where(ids, "id")
    columns = _CUSTOMER_COLUMNS
    none: dict[int, list[tuple]] = defaultdict(list)
    fields = none
    if notebook_version() >= FIELDS:
        fields = _grouped("SELECT customer_id, name, value FROM field_value "
                          "ORDER BY customer_id, id", ids)
    else:  # an older notebook, read-only: no status, no fields
        columns = columns.replace("status", "''")
    rows = db.execute_sql(
        f"SELECT id, {columns} FROM customer{where} ORDER BY id", params).fetchall()
    label = "label" if notebook_version() >= CONTACT_LABELS else "''"  # older, read-only
    emails = _grouped(f"SELECT customer_id, address, {label} FROM email "
                      "ORDER BY customer_id, position", ids) if whole else none
    phones = _grouped(f"SELECT customer_id, number, {label} FROM phone "
                      "ORDER BY customer_id, position", ids) if whole else none
    addresses = _grouped(
        "SELECT customer_id, street, city, region, postal_code, country, mailing, label "
        "FROM address ORDER BY customer_id, position", ids)
    tags = _grouped("SELECT customer_id, name FROM tag ORDER BY customer_id, position",
                    ids) if whole else none
    facts = _grouped("SELECT customer_id, kind, value, birthday, relation, id FROM fact "
                     "ORDER BY customer_id, position", ids)
    milestones = _grouped(
        "SELECT customer_id, kind, month, day, year, whose, yearly, note, id FROM milestone "
        "ORDER BY customer_id, position", ids)
    interactions = _grouped(
        "SELECT customer_id, date, kind, summary, channel, id FROM interaction "
        "ORDER BY customer_id, date, id", ids) if whole else none
    purchases = _grouped(
        "SELECT customer_id, date, amount_cents, description, id, currency, source, order_id "
        "FROM purchase "
        "ORDER BY customer_id, date, id", ids)
    promises = _grouped(
        "SELECT customer_id, made, due, what, status, id FROM promise "
        "ORDER BY customer_id, made, id", ids) if whole else none
    problems = _load_problems(ids) if whole else defaultdict(list)
    out = []
    for row in rows:
        cid = row[0]
        out.append(Customer(
            id=cid, given_name=row[1], family_name=row[2], preferred_name=row[3],
            pronunciation=row[4], company=row[5], role=row[6], referred_by=row[7],
            cadence_days=row[8], customer_since=_date(row[9]),
            preferred_channels=_channels(row[10]), do_not_contact=_channels(row[11]),
            notes=row[12], status=row[14], fields={f[0]: f[1] for f in fields[cid]},
            emails=[e[0] for e in emails[cid]], phones=[p[0] for p in phones[cid]],
            email_labels={e[0]: e[1] for e in emails[cid] if e[1]},
            phone_labels={p[0]: p[1] for p in phones[cid] if p[1]},
            addresses=[Address(a[0], a[1], a[2], a[3], a[4], bool(a[5]), a[6])
                       for a in addresses[cid]],
            tags=[t[0] for t in tags[cid]],
            facts=[Fact(f[0], f[1], PartialDate.parse(f[2]) if f[2] else None, f[3], f[4])
                   for f in facts[cid]],
            milestones=[Milestone(m[0], PartialDate(m[1], m[2], m[3]), m[4], bool(m[5]), m[6],
                                  m[7]) for m in milestones[cid]],
            interactions=[Interaction(_day(i[0]), i[1], i[2], i[3], i[4], cid)
                          for i in interactions[cid]],
            purchases=[Purchase(_day(p[0]), from_cents(p[1]), p[2], p[3], cid, *p[4:])
                       for p in purchases[cid]],
            promises=[Promise(_day(p[0]), _due(p[1]), p[2], p[3], p[4], cid)
                      for p in promises[cid]],
            problems=problems[cid],
        ))
    return out


def _load_problems(ids: Sequence[int] | None) -> dict[int, list[Problem]]:
    where, params = _where(ids)
    updates: dict[int, list[ProblemUpdate]] = defaultdict(list)
    sub = f"SELECT id FROM problem{where}"
    for pid, day, summary, uid in db.execute_sql(
            f"SELECT problem_id, date, summary, id FROM problem_update WHERE problem_id IN "
            f"({sub}) ORDER BY problem_id, date, id", params):
        updates[pid].append(ProblemUpdate(_day(day), summary, uid))
    out: dict[int, list[Problem]] = defaultdict(list)
    for pid, cid, opened, summary, waiting, status, resolved in db.execute_sql(
            f"SELECT id, customer_id, opened, summary, waiting_on, status, resolved "
            f"FROM problem{where} ORDER BY customer_id, opened, id", params):
        out[cid].append(Problem(_day(opened), summary, status, _date(resolved), waiting,
                                updates[pid], pid, cid))
    return out


# --- search index --------------------------------------------------------------------------

def reindex(ids: Sequence[int] | None = None) -> None:
    """Rebuild the search rows of ``ids`` (everyone when None) inside the caller's transaction
    (storage.customer_search, where the index is described)."""
    from storage import customer_search  # late: it reads customers through this module

    customer_search.reindex(ids)
