"""Pieces of the insights (domain.insights): months, lifetime value per currency, the
referrals tree. Pure."""

from __future__ import annotations

import heapq
import statistics
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Protocol

# Bucket edges of the lifetime-value distribution, in whole units of a currency: a run of
# them is chosen to cover most customers (10th to 90th percentile), the rest in open ends.
LADDER = (0, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000,
          100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000)
TOP = 10  # top customers kept per currency


def add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after the month of ``first`` (a first day)."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(first: date) -> date:
    """The last day of the month starting on ``first``."""
    return add_months(first, 1) - timedelta(days=1)


class _Spend(Protocol):
    @property
    def customer_id(self) -> int: ...
    @property
    def currency(self) -> str: ...
    @property
    def cents(self) -> int: ...
    @property
    def purchases(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Bucket:
    low_cents: int
    high_cents: int | None  # None: and more
    customers: int


@dataclass(frozen=True, slots=True)
class Top:
    customer_id: int
    name: str
    cents: int
    purchases: int


@dataclass(frozen=True, slots=True)
class ValueGroup:
    """Lifetime value in one currency ("" the notebook's own): never added to another."""

    currency: str
    customers: int
    total_cents: int
    median_cents: int
    buckets: tuple[Bucket, ...]
    top: tuple[Top, ...]
    by_customer: Mapping[int, int] = field(repr=False, compare=False, default_factory=dict)

    @property
    def average_cents(self) -> int:
        return round(self.total_cents / self.customers) if self.customers else 0


def value_groups(spends: Iterable[_Spend], names: Mapping[int, str],
                 top: int = TOP) -> tuple[ValueGroup, ...]:
    """Lifetime value per currency: the notebook's own first, then by customers."""
    cents: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for s in spends:
        cents[s.currency][s.customer_id] += s.cents
        counts[s.currency][s.customer_id] += s.purchases
    groups = [_group(cur, dict(per), counts[cur], names, top) for cur, per in cents.items()]
    groups.sort(key=lambda g: (g.currency != "", -g.customers, g.currency))
    return tuple(groups)


def _group(currency: str, per: dict[int, int], counts: Mapping[int, int],
           names: Mapping[int, str], top: int) -> ValueGroup:
    values = sorted(per.values())
    best = heapq.nsmallest(top, per.items(), key=lambda kv: (-kv[1], kv[0]))
    return ValueGroup(currency, len(values), sum(values), round(statistics.median(values)),
                      buckets(values),
                      tuple(Top(cid, names.get(cid, ""), v, counts[cid]) for cid, v in best),
                      per)


def buckets(values: Sequence[int]) -> tuple[Bucket, ...]:
    """``values`` (cents, sorted) counted in buckets of round amounts."""
    if not values:
        return ()
    low, high = _quantile(values, 0.1) / 100, _quantile(values, 0.9) / 100
    first = max(i for i, edge in enumerate(LADDER) if edge <= low)
    last = next((i for i, edge in enumerate(LADDER) if edge >= high), len(LADDER) - 1)
    edges = [e * 100 for e in LADDER[first:max(last, first + 1) + 1]]
    bounds: list[tuple[int, int | None]] = []
    if edges[0] > 0:
        bounds.append((0, edges[0]))
    bounds += list(pairwise(edges))
    bounds.append((edges[-1], None))
    out = []
    for lo, hi in bounds:  # values are sorted: two binary searches a bucket
        end = len(values) if hi is None else bisect_left(values, hi)
        out.append(Bucket(lo, hi, end - bisect_left(values, lo)))
    while out and out[0].customers == 0:  # an empty open end says nothing
        out.pop(0)
    return tuple(out)


def _quantile(values: Sequence[int], q: float) -> int:
    return values[min(len(values) - 1, int(q * len(values)))]


class _Person(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def referred_by(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Node:
    """A customer in the referrals tree, with the customers they sent."""

    customer_id: int
    name: str
    sent: tuple[Node, ...] = ()
    size: int = 0  # everyone down this branch, the customer left out


def referral_forest(people: Sequence[_Person], names: Mapping[int, str] | None = None
                    ) -> tuple[tuple[Node, ...], int]:
    """Who sent whom: a tree per first referrer, the biggest first; and how many customers
    were referred by someone still in the notebook. A loop (A sent B, B sent A: a typo) is
    cut where it closes, so everyone shows once."""
    if names is None:
        names = {p.id: p.name for p in people}
    parent = {p.id: p.referred_by for p in people}
    children: dict[int, list[int]] = defaultdict(list)
    for p in people:
        if p.referred_by is not None and p.referred_by in parent and p.referred_by != p.id:
            children[p.referred_by].append(p.id)
    referred = sum(len(v) for v in children.values())
    placed: set[int] = set()
    roots = [cid for cid in children if parent.get(cid) not in parent or parent[cid] == cid]
    trees = [_tree(cid, names, children, placed) for cid in sorted(roots)]
    for cid in sorted(children):  # the loops no root leads into
        if cid not in placed:
            trees.append(_tree(cid, names, children, placed))
    trees.sort(key=lambda n: (-n.size, n.name.casefold(), n.customer_id))
    return tuple(trees), referred


def _tree(root: int, names: Mapping[int, str], children: Mapping[int, list[int]],
          placed: set[int]) -> Node:
    """The branch under ``root``, built without recursion (a chain can be thousands long)."""
    placed.add(root)
    order = [root]
    i = 0
    while i < len(order):
        for child in children.get(order[i], ()):
            if child not in placed:
                placed.add(child)
                order.append(child)
        i += 1
    built: dict[int, Node] = {}
    for cid in reversed(order):  # children before their parent
        sent = tuple(sorted((built[c] for c in children.get(cid, ()) if c in built),
                            key=lambda n: (-n.size, n.name.casefold(), n.customer_id)))
        built[cid] = Node(cid, names[cid], sent, sum(1 + n.size for n in sent))
    return built[root]
