"""A large notebook for benchmarks.

``python -m tests.bench.generate OUT.rapport --customers 50000``

Customers are drawn from the demo's names, words and shop items, with a realistic spread:
most have an email and a phone, a few facts, a birthday, a handful of touches and purchases;
some have promises and problems; one in ten was referred by an earlier customer. Everything is
written through the same bulk path as a JSON import, in one transaction.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from domain.dates import PartialDate
from domain.demo_data import PEOPLE
from domain.demo_phrases import BUSINESS_ITEMS, ITEMS, KIND_WEIGHTS, SUMMARIES
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

GIVEN = sorted({p.given for p in PEOPLE if p.given} | {
    "Anna", "James", "Olivia", "Noah", "Sofia", "Mateo", "Amara", "Ravi", "Leila", "Jonas",
    "Mariam", "Kenji", "Aroha", "Bogdan", "Ines", "Tariq", "Freya", "Oluwaseun", "Camille"})
FAMILY = sorted({p.family for p in PEOPLE if p.family} | {
    "Smith", "García", "Kim", "Novak", "Haddad", "Kowalski", "Andersson", "Müller", "Rossi",
    "Silva", "Nakamura", "Adeyemi", "Papadopoulos", "Öztürk", "Jovanović", "Horváth"})
CITIES = (("Portland", "OR", "972"), ("Beaverton", "OR", "970"), ("Gresham", "OR", "970"),
          ("Vancouver", "WA", "986"), ("Lake Oswego", "OR", "970"))
STREETS = ("SE Division St", "NE Alberta St", "N Williams Ave", "SW Barbur Blvd",
           "NW 23rd Ave", "SE Hawthorne Blvd", "NE Sandy Blvd", "N Lombard St")
TAGS = ("regular", "vip", "wholesale", "wedding", "events", "weekly order", "newsletter")
FACTS = tuple((p_kind, value) for p in PEOPLE for p_kind, value, *_ in p.facts
              if p_kind in ("interest", "like", "dislike", "gift_idea", "how_we_met"))
RELATIONS = ("wife", "husband", "partner", "daughter", "son", "mother", "father", "sister")
PETS = (("Biscuit", "dog"), ("Miso", "cat"), ("Pepper", "dog"), ("Luna", "cat"),
        ("Kiwi", "parrot"))
# Each kind as often as its weight says, so one uniform pick is a weighted pick.
KIND_POOL = tuple(kind for kind, weight in KIND_WEIGHTS.items() for _ in range(weight))


# random.Random's randint and choice are the generator's main cost; these are 4× cheaper.
def _int(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _pick(rng: random.Random, items):
    return items[int(rng.random() * len(items))]


def make_customer(i: int, today: date, rng: random.Random) -> Customer:
    """Customer number ``i`` (an id, and the referral target range)."""
    given, family = _pick(rng, GIVEN), _pick(rng, FAMILY)
    since = today - timedelta(days=_int(rng, 1, 3650))
    c = Customer(given_name=given, family_name=family, customer_since=since, id=i)
    handle = fold(f"{given}.{family}").replace(" ", "")
    if rng.random() < 0.85:
        c.emails = [f"{handle}{i}@example.com"]
    if rng.random() < 0.9:
        c.phones = [f"+1503{_int(rng, 2_000_000, 9_999_999)}"]
    if rng.random() < 0.7:
        city, region, zip_head = _pick(rng, CITIES)
        c.addresses = [Address(f"{_int(rng, 100, 9999)} {_pick(rng, STREETS)}", city,
                               region, f"{zip_head}{_int(rng, 1, 99):02d}", mailing=True)]
    c.tags = rng.sample(TAGS, _pick(rng, (0, 0, 1, 1, 2)))
    if rng.random() < 0.15:
        c.company = f"{family} {_pick(rng, ('Dental', 'Law', 'Bakery', 'Studio', 'Café'))}"
    if i > 1 and rng.random() < 0.1:
        c.referred_by = _int(rng, 1, i - 1)
    c.facts = _facts(rng)
    c.milestones = _milestones(rng)
    c.purchases = _purchases(since, today, bool(c.company), rng)
    c.interactions = _touches(since, today, rng)
    _followups(c, today, rng)
    return c


def _facts(rng: random.Random) -> list[Fact]:
    facts = [Fact(*_pick(rng, FACTS)) for _ in range(_int(rng, 0, 3))]
    if rng.random() < 0.5:
        facts.append(Fact("family", _pick(rng, GIVEN), _birthday(rng, 0.3),
                          _pick(rng, RELATIONS)))
    if rng.random() < 0.2:
        name, animal = _pick(rng, PETS)
        facts.append(Fact("pet", name, relation=animal))
    return facts


def _birthday(rng: random.Random, chance: float) -> PartialDate | None:
    if rng.random() >= chance:
        return None
    month, day = _int(rng, 1, 12), _int(rng, 1, 28)
    return PartialDate(month, day, _pick(rng, (None, _int(rng, 1940, 2015))))


def _milestones(rng: random.Random) -> list[Milestone]:
    out = []
    if rng.random() < 0.6:
        out.append(Milestone("birthday", _birthday(rng, 1.0)))
    if rng.random() < 0.2:
        out.append(Milestone("wedding_anniversary", _birthday(rng, 1.0)))
    return out


def _purchases(since: date, today: date, business: bool, rng: random.Random) -> list[Purchase]:
    items = BUSINESS_ITEMS if business else ITEMS
    days = sorted(_int(rng, 0, (today - since).days) for _ in range(_int(rng, 1, 8)))
    out = []
    for n in days:
        what, low, high = _pick(rng, items)
        out.append(Purchase(since + timedelta(days=n), Decimal(_int(rng, low, high)), what))
    return out


def _touches(since: date, today: date, rng: random.Random) -> list[Interaction]:
    span = (today - since).days
    out = []
    for n in sorted(_int(rng, 0, span) for _ in range(_int(rng, 0, 10))):
        kind = _pick(rng, KIND_POOL)
        out.append(Interaction(since + timedelta(days=n), kind, _pick(rng, SUMMARIES[kind])))
    return out


def _followups(c: Customer, today: date, rng: random.Random) -> None:
    if rng.random() < 0.1:
        made = today - timedelta(days=_int(rng, 0, 60))
        due = datetime.combine(made + timedelta(days=_int(rng, 1, 14)), datetime.min.time())
        status = "open" if due.date() >= today - timedelta(days=7) else _pick(rng, ("kept",
                                                                                    "missed"))
        c.promises = [Promise(made, due, "Call back about the order", status)]
    if rng.random() < 0.03:
        opened = today - timedelta(days=_int(rng, 1, 90))
        resolved = rng.random() < 0.6
        c.problems = [Problem(opened, "Flowers wilted early", "resolved" if resolved else "open",
                              opened + timedelta(days=3) if resolved else None, "",
                              [ProblemUpdate(opened + timedelta(days=1), "Replacement offered")])]


# The day the notebook is made for: its customers' pasts lead up to it, their agendas are
# worked out from it, and the benchmarks ask for its Today queue.
BENCH_DAY = date(2026, 11, 23)


def generate(path: Path, count: int, today: date = BENCH_DAY, seed: int = 1,
             chunk: int = 5000) -> None:
    """Create the notebook at ``path`` holding ``count`` generated customers, their agendas
    worked out from ``today`` (storage.agenda)."""
    from storage import agenda, bulk
    from storage.db import close_notebook, db, open_notebook

    rng = random.Random(seed)
    agenda.set_clock(lambda: today)
    open_notebook(path)
    try:
        with db.atomic():
            for start in range(1, count + 1, chunk):
                stop = min(start + chunk, count + 1)
                batch = [make_customer(i, today, rng) for i in range(start, stop)]
                bulk.write_all(bulk.NotebookContent(batch))
    finally:
        close_notebook()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.exists() and args.out.stat().st_size:
        print(f"{args.out} already exists; choose a new file.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    generate(args.out, args.customers, BENCH_DAY, args.seed)
    seconds = time.perf_counter() - started
    size = args.out.stat().st_size / 2**20
    print(f"{args.customers:,} customers in {seconds:.1f} s; {args.out} is {size:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
