"""Sales from a till or web shop, as plain data, and the rules that turn them into purchases.

A sales file is read (``domain.sales_formats``) into :class:`Line`s, one per row: a sale with
its total, a later line item of the same order, a refund, a cancellation, or something that is
no sale at all (a PayPal transfer). :func:`combine` then applies the rules, written once here:

- the lines of one order become one purchase, its items named in the description;
- a refunded, cancelled or failed order is not a sale; a partial refund reduces the amount;
- a negative total is not read as a sale (it is listed as a problem);
- the currency is kept as the file wrote it.

Matching buyers to customers and remembering order ids is storage's work (storage/sales.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

SALE, ITEM, REFUND, CANCEL, FAILED, OTHER = "sale", "item", "refund", "cancel", "failed", "other"


@dataclass(frozen=True, slots=True)
class Buyer:
    """Who bought, as the file names them; any part may be empty."""

    name: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name or self.email or self.phone)


@dataclass(slots=True)
class Line:
    """One row of a sales file, read but not yet judged."""

    position: str  # "row 3 (line 4)"
    order_id: str
    kind: str  # SALE (an order's head), ITEM, REFUND, CANCEL, FAILED or OTHER
    when: date | None = None
    amount: Decimal | None = None  # a sale's total; a refund's amount, positive
    refunded: Decimal = Decimal(0)  # already refunded, as the sale's own row says
    currency: str = ""
    description: str = ""
    buyer: Buyer = field(default_factory=Buyer)
    note: str = ""  # why it is not a sale (a failed payment's status), or a problem


@dataclass(frozen=True, slots=True)
class Sale:
    """One purchase to be: an order, its lines combined and its refunds taken off."""

    position: str
    order_id: str
    when: date
    amount: Decimal
    currency: str
    description: str
    buyer: Buyer
    refunded: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class NotSale:
    """An order or row that does not become a purchase, and why."""

    position: str
    order_id: str
    reason: str
    problem: bool = False  # the file is wrong here (not merely a refund): listed one by one


@dataclass
class SalesRead:
    """What was read from one sales file; ``fatal`` set means nothing can be imported."""

    source: str  # the file's name
    kind: str = ""  # "shopify", "square", "stripe", "paypal" or "csv"
    label: str = ""  # "Shopify orders export"
    sales: list[Sale] = field(default_factory=list)
    not_sales: list[NotSale] = field(default_factory=list)
    fatal: str = ""


# --- the rules -------------------------------------------------------------------------------

def combine(lines: Iterable[Line]) -> tuple[list[Sale], list[NotSale]]:
    """Group ``lines`` by order (in the file's order) and judge each order."""
    orders: dict[str, list[Line]] = {}
    out_sales: list[Sale] = []
    out_not: list[NotSale] = []
    unreadable: set[str] = set()  # orders whose first row could not be read
    for line in lines:
        if line.kind == OTHER or line.order_id in unreadable:
            continue
        if line.note and line.kind == SALE and line.amount is None:  # unreadable: a problem
            out_not.append(NotSale(line.position, line.order_id, line.note, problem=True))
            unreadable.add(line.order_id)
            orders.pop(line.order_id, None)
            continue
        orders.setdefault(line.order_id, []).append(line)
    for order_id, group in orders.items():
        judged = judge(order_id, group)
        if isinstance(judged, Sale):
            out_sales.append(judged)
        else:
            out_not.append(judged)
    return out_sales, out_not


def judge(order_id: str, group: list[Line]) -> Sale | NotSale:
    """One order's lines → a purchase, or the reason it is none."""
    head = next((x for x in group if x.kind in (SALE, FAILED)), None)
    if any(x.kind == CANCEL for x in group):
        return NotSale((head or group[0]).position, order_id, "cancelled")
    if head is None:
        where = group[0].position
        if any(x.kind == REFUND for x in group):
            return NotSale(where, order_id,
                           "a refund of a sale not in this file — nothing changed")
        return NotSale(where, order_id, "order lines without the order's first row",
                       problem=True)
    if head.kind == FAILED:
        return NotSale(head.position, order_id, head.note or "not paid")
    if head.amount is None or head.when is None:
        return NotSale(head.position, order_id, head.note or "no total or date", problem=True)
    if head.amount < 0:
        return NotSale(head.position, order_id,
                       f"a negative total ({head.amount}) is not a sale", problem=True)
    # Refund rows when the file has them, else what the sale's own row says was refunded: a
    # till that writes both (Square's Partial Refunds beside its refund events) counts once.
    events = [x.amount or Decimal(0) for x in group if x.kind == REFUND]
    refunded = sum(events, Decimal(0)) if events else head.refunded
    amount = head.amount - refunded
    if amount <= 0 and refunded > 0:
        return NotSale(head.position, order_id, "refunded in full")
    return Sale(head.position, order_id, head.when, amount, head.currency.upper(),
                describe(group), head.buyer, refunded)


def describe(group: list[Line]) -> str:
    """The order's items: "2 × Tulips, Vase"; the head's own text when there are none."""
    items = [x.description for x in group if x.kind in (SALE, ITEM) and x.description]
    return ", ".join(dict.fromkeys(items))[:500]


# --- amounts ---------------------------------------------------------------------------------

# First digit to last (or a decimal mark before the first: ".5"); spaces of every width.
_CORE = re.compile(r"[.,]?\d[\d.,'\s]*\d|[.,]?\d")
# Thousands groups as owners write them: 1,234,567 or India's 12,34,567 — one mark between
# groups, the last of three digits; "1..5" or "12 50" is a typo, not a number to guess.
_GROUPED = re.compile(r"(?!0)\d{1,3}(?:[.,'\s]\d{2,3})*[.,'\s]\d{3}")
# Arabic and Persian write the decimal mark as U+066B and group thousands with U+066C.
_MARKS = str.maketrans({"\u066b": ".", "\u066c": ","})
_LARGEST = Decimal(10) ** 12  # beyond any till's sale: a misread column, not money


def decimal_comma(texts: Iterable[str]) -> bool | None:
    """Whether this file writes ``1.234,56`` (True) or ``1,234.56`` (False), judged from the
    amounts that settle it (two decimals after the last mark); None when none does."""
    comma = dot = 0
    for text in texts:
        m = re.search(r"([.,])\d{1,2}\D*$", text.strip())
        if m:
            comma += m.group(1) == ","
            dot += m.group(1) == "."
    if comma == dot:
        return None
    return comma > dot


def parse_amount(text: str, comma_decimal: bool | None = None) -> Decimal:
    """``"$1,234.56"``, ``"1.234,56 €"``, ``"(5.00)"``, ``"-5"`` → Decimal; ValueError else.

    Currency signs and codes may stand before or after the number, never inside it. A lone
    mark followed by exactly three digits (``1,234``) is read as the file writes its decimals
    (``comma_decimal``), else as a thousands mark."""
    raw = text.strip()
    found = list(_CORE.finditer(raw.translate(_MARKS)))
    if len(found) != 1 or len(found[0].group()) > 40:
        raise ValueError(f"{raw!r} is not an amount")
    before, after = raw[:found[0].start()], raw[found[0].end():]  # the marks are one for one
    if any(c.isdigit() for c in before + after):
        raise ValueError(f"{raw!r} is not an amount")
    negative = any(c in before for c in "-−(") or after.strip().startswith(("-", ")"))
    value = Decimal(_plain(found[0].group(), comma_decimal))
    if value >= _LARGEST:
        raise ValueError(f"{raw!r} is too large for one sale")
    return -value if negative else value


def _plain(core: str, comma_decimal: bool | None) -> str:
    """The number ``core`` (digits, marks, spaces) writes, as Decimal reads it."""
    marks = [c for c in core if c in ".,"]
    if not marks:
        return _whole(core, core)
    if core[0] in ".,":  # ".5": a mark before any digit can only be the decimal one
        if len(marks) > 1:
            raise ValueError(f"{core!r} is not an amount")
        return "0." + _cents(core[1:], core)
    last = core.rfind(marks[-1])
    decimals = len(core) - last - 1
    # A group led by 0 is never thousands: "0,500" is half.
    lone_decimal = len(marks) == 1 and (decimals != 3 or comma_decimal is (marks[0] == ",")
                                        or re.sub(r"[\s']", "", core[:last]) == "0")
    if len(set(marks)) == 2 or lone_decimal:
        whole, cents = core[:last], core[last + 1:]
        if marks[-1] in whole:
            raise ValueError(f"{core!r} is not an amount")
        return _whole(whole, core) + "." + _cents(cents, core)
    return _whole(core, core)


def _whole(part: str, core: str) -> str:
    """The digits of a whole number written plainly or in thousands groups."""
    if re.fullmatch(r"\d+", part) or _GROUPED.fullmatch(part):
        return re.sub(r"\D", "", part)
    raise ValueError(f"{core!r} is not an amount")


def _cents(part: str, core: str) -> str:
    if not re.fullmatch(r"\d+", part):
        raise ValueError(f"{core!r} is not an amount")
    return part


# --- dates -----------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:[ ,T].*)?$")
_WORDS = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%d-%b-%Y")


def day_first(texts: Iterable[str], default: bool) -> bool:
    """Whether this file's slashed dates are day first: a first number above 12 settles it,
    a second above 12 settles the other way; else ``default`` (the owner's region)."""
    for text in texts:
        m = _SLASHED.match(text.strip())
        if m and int(m.group(1)) > 12:
            return True
        if m and int(m.group(2)) > 12:
            return False
    return default


def parse_sale_date(text: str, first_is_day: bool = False) -> date:
    """A sale's day as tills write it (the time and zone, if any, are dropped: the day is the
    day the till recorded). ValueError when it is not a date."""
    text = text.strip()
    if m := _ISO.match(text):
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _SLASHED.match(text):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
        day, month = (a, b) if first_is_day or "." in text[:6] else (b, a)
        return date(year, month, day)
    head = text.split(" at ")[0].split("T")[0]
    for form in _WORDS:
        try:
            return datetime.strptime(head, form).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")
