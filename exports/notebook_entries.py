"""A customer's touches and sales read from a notebook file straight into the rows the
notebook stores (``records.interaction_row``, ``records.purchase_row``): a quarter of a
million of each at 50,000 customers, so an import streams them in without a domain object
and a field-by-field wrapper for each (issue 17).

An entry written as the export writes it (text where text goes, a known kind, an ISO day, a
plain amount) is checked straight from its JSON object; any other goes through the
field-by-field checks, which accept or refuse it with the message naming the bad field. The
fast test only ever says yes to what the field-by-field checks accept, and gives the same
row: a test holds the two to it for any input (``tests/exports/test_notebook_parse_fast.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from domain.dates import PartialDate
from domain.model import CHANNELS, INTERACTION_CHANNEL, INTERACTION_KINDS, Interaction, Purchase
from exports.json_reader import _AMOUNT, Obj, _iso_date
from storage.records import interaction_row, purchase_row, to_cents


def interaction(o: Obj) -> Interaction:
    """One touch, checked field by field."""
    return Interaction(o.required_date("date"), o.choice("kind", INTERACTION_KINDS, "note"),
                       o.text("summary"), o.optional_choice("channel", CHANNELS))


def purchase(o: Obj) -> Purchase:
    """One sale, checked field by field."""
    return Purchase(o.required_date("date"), o.amount("amount"), o.text("description"),
                    currency=o.text("currency"), source=o.text("source"),
                    order_id=o.text("order_id"))


def interaction_rows(o: Obj) -> list[tuple]:
    """The customer's ``interactions`` as rows, each checked as :func:`interaction` does."""
    return _rows(o, "interactions", _plain_interaction,
                 lambda x: interaction_row(interaction(x)))


def purchase_rows(o: Obj) -> list[tuple]:
    """The customer's ``purchases`` as rows, each checked as :func:`purchase` does."""
    return _rows(o, "purchases", _plain_purchase, lambda x: purchase_row(purchase(x)))


def _rows(o: Obj, key: str, plain: Callable[[dict], tuple | None],
          checked: Callable[[Obj], tuple]) -> list[tuple]:
    """The list ``key`` of ``o`` as rows: each entry as ``plain`` reads it when it is as the
    export writes it, else as ``checked`` reads it field by field (accepted the same, or
    refused with the message naming the bad field)."""
    items = o.items(key)
    if items and {*map(type, items)} != _ONLY_OBJECTS:  # refused as the whole list is, first
        return [checked(x) for x in o.objects(key)]
    return [row if (row := plain(v)) is not None else checked(Obj(v, "", o, key, n))
            for n, v in enumerate(items)]


def _plain_interaction(v: dict) -> tuple | None:
    """A touch's row when it is written as the export writes it, else None."""
    day, kind, summary, channel = v.get("date"), v.get("kind"), v.get("summary"), \
        v.get("channel")
    stored = _day(day) if type(day) is str else None
    if (stored is None or not (kind is None or (type(kind) is str and kind in INTERACTION_KINDS))
            or not (summary is None or type(summary) is str)
            or not (channel is None or (type(channel) is str and channel in CHANNELS))):
        return None
    kind = "note" if kind is None else kind
    # No channel given: the one its kind implies, as Interaction fills it in.
    return (stored, kind, INTERACTION_CHANNEL.get(kind) if channel is None else channel,
            "" if summary is None else summary)


def _plain_purchase(v: dict) -> tuple | None:
    """A sale's row when it is written as the export writes it, else None."""
    # Each text checked on its own line, not by a generator: a quarter of a million sales.
    get = v.get
    day, amount = get("date"), get("amount")
    what, currency, source, order = get("description"), get("currency"), get("source"), \
        get("order_id")
    stored = _day(day) if type(day) is str else None
    cents = 0 if amount is None else _cents(amount) if type(amount) is str else None
    if (stored is None or cents is None
            or not (what is None or type(what) is str)
            or not (currency is None or type(currency) is str)
            or not (source is None or type(source) is str)
            or not (order is None or type(order) is str)):
        return None
    return (stored, cents, what or "", currency or "", source or "", order or "")


@lru_cache(maxsize=8192)
def _day(text: str) -> str | None:
    """An ISO day as stored, or None when it is not one (cached: a few thousand days)."""
    found = _iso_date(text)
    return None if found is None else found.isoformat()


@lru_cache(maxsize=8192)
def _cents(text: str) -> int | None:
    """An amount's cents, as ``purchase_row`` stores them, or None when it is not written as
    an amount (cached: a shop's prices repeat)."""
    return to_cents(Decimal(text)) if _AMOUNT.match(text) else None


_ONLY_OBJECTS = {dict}  # the types in a list of entries as the export writes them


def partial_date(o: Obj, key: str) -> PartialDate | None:
    """``o.partial_date(key)``, read through a cache (a few thousand distinct birthdays and
    anniversaries over 50,000 customers; a PartialDate never changes); anything the cache
    does not know as good is read field by field, for its message."""
    value = o.data.get(key)
    found = _partial(value) if type(value) is str else None
    return found if found is not None else o.partial_date(key)


@lru_cache(maxsize=8192)
def _partial(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def forget() -> None:
    """Let go of what the caches above hold, once a file's last customer is read: the
    import's heaviest step, working out every agenda at the commit, comes after."""
    for cache in (_day, _cents, _partial):
        cache.cache_clear()
