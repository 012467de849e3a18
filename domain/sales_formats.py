"""Which till or shop wrote a sales file, and how each of its rows reads as a :class:`Line`.

Recognised by their header rows, as the programs write them: Shopify's orders export
(``orders_export.csv``: one row per line item, the order's totals on its first row only),
Square's transactions CSV (payments and refunds as events), Stripe's unified payments export
and PayPal's activity download. Any other table with a date, an amount and a customer (email,
phone or name) is read through a :class:`SalesMapping`, guessed from its column names.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from domain.sales import (
    CANCEL,
    FAILED,
    ITEM,
    OTHER,
    REFUND,
    SALE,
    Buyer,
    Line,
    day_first,
    decimal_comma,
    parse_amount,
    parse_sale_date,
)

Row = dict[str, str]  # header → cell

SHOPIFY = ("Name", "Financial Status", "Lineitem name", "Total")
SQUARE = ("Transaction ID", "Gross Sales", "Net Sales", "Event Type")
STRIPE = ("id", "Created date (UTC)", "Amount", "Amount Refunded")
PAYPAL = ("Transaction ID", "Gross", "Net", "Type", "Status", "Reference Txn ID")
LABELS = {"shopify": "Shopify orders export", "square": "Square transactions",
          "stripe": "Stripe payments", "paypal": "PayPal activity", "csv": "sales table"}


@dataclass
class SalesMapping:
    """Which header holds what, for a table from anywhere ("" for none)."""

    date: str = ""
    amount: str = ""
    email: str = ""
    phone: str = ""
    name: str = ""
    order_id: str = ""
    currency: str = ""
    description: str = ""
    status: str = ""
    refunded: str = ""

    def problem(self) -> str:
        """Why a table cannot be read as sales through this mapping, or ``""``."""
        if not self.amount:
            return "no column holds the amount (a Total, Amount or Price column)"
        if not self.date:
            return "no column holds the date of the sale"
        if not (self.email or self.phone or self.name):
            return "no column names the customer (an email, phone or name column)"
        return ""


_SYNONYMS = {  # field → header words, most telling first (a few in German, French, Spanish)
    "date": ("order date", "purchase date", "sale date", "date", "paid at", "created at",
             "created", "day", "datum", "fecha"),
    "amount": ("total", "amount", "gross", "price", "sale", "revenue", "spent", "paid",
               "betrag", "summe", "montant", "importe"),
    "email": ("email", "e mail", "mail", "courriel", "correo"),
    "phone": ("phone", "mobile", "cell", "telephone", "tel", "telefon", "téléphone",
              "teléfono"),
    "name": ("customer name", "customer", "buyer", "client", "full name", "name", "kunde",
             "cliente", "nom", "nombre"),
    "order_id": ("order id", "order number", "order", "transaction id", "invoice",
                 "receipt", "reference", "id", "bestellung", "commande", "pedido"),
    "currency": ("currency", "währung", "devise", "moneda"),
    "description": ("description", "item", "product", "items", "what", "note", "artikel",
                    "produit", "producto"),
    "status": ("status", "state", "statut", "estado"),
    "refunded": ("refunded", "refund", "erstattet", "remboursé"),
}
_SALES_WORDS = ("amount", "total", "price", "gross", "revenue", "order", "sale", "paid",
                "transaction", "invoice", "betrag", "summe", "montant", "importe")


def _norm(header: str) -> str:
    return re.sub(r"[\W_]+", " ", header.strip().lower()).strip()


def guess_mapping(headers: list[str]) -> SalesMapping:
    """The columns of a table from anywhere, guessed from their names; each used once."""
    mapping, taken = SalesMapping(), set()
    for f in fields(SalesMapping):
        for word in _SYNONYMS[f.name]:
            hit = next((h for h in headers if h not in taken and _word_in(word, _norm(h))), "")
            if hit:
                setattr(mapping, f.name, hit)
                taken.add(hit)
                break
    return mapping


def _word_in(word: str, header: str) -> bool:
    return header == word or re.search(rf"(^|\s){re.escape(word)}(\s|$)", header) is not None


NEEDED = {"shopify": SHOPIFY, "square": SQUARE, "stripe": STRIPE, "paypal": PAYPAL}


def detect(headers: list[str]) -> str:
    """"shopify", "square", "stripe", "paypal", "csv" (a sales table from anywhere) or ""
    (no sales file: contacts, say). A program's file lacking one of its columns is still
    recognised, so that :func:`missing` can say which."""
    have = {h.strip() for h in headers}
    best = max(NEEDED, key=lambda k: sum(n in have for n in NEEDED[k]))
    if sum(n in have for n in NEEDED[best]) >= 3:
        return best
    guessed = guess_mapping(headers)
    words = [_norm(h) for h in (guessed.amount, guessed.order_id) if h]
    if guessed.date and any(w in h for h in words for w in _SALES_WORDS):
        return "csv"
    return ""


def missing(kind: str, headers: list[str], mapping: SalesMapping | None = None) -> str:
    """Why a file recognised as ``kind`` cannot be read, or ``""``."""
    if kind == "csv":
        return (mapping or guess_mapping(headers)).problem()
    have = {h.strip() for h in headers}
    lacking = [n for n in NEEDED[kind] if n not in have]
    if lacking:
        return f"this {LABELS[kind]} has no {', '.join(lacking)} column"
    return ""


# --- reading each program's rows ------------------------------------------------------------

@dataclass
class Reading:
    """What the row readers need besides the row: how this file writes amounts and dates."""

    comma: bool | None = None
    day_first: bool = False

    def amount(self, text: str) -> Decimal:
        return parse_amount(text, self.comma)

    def day(self, text: str) -> date:
        return parse_sale_date(text, self.day_first)

    def money(self, text: str) -> Decimal:
        """An amount that may be blank (no refund): zero then."""
        return parse_amount(text, self.comma) if text.strip() else Decimal(0)


def amount_columns(kind: str, mapping: SalesMapping | None) -> tuple[str, ...]:
    """The columns whose values say how this file writes its decimals."""
    if kind == "csv" and mapping is not None:
        return tuple(c for c in (mapping.amount, mapping.refunded) if c)
    return {"shopify": ("Total", "Subtotal"), "square": ("Gross Sales", "Net Sales"),
            "stripe": ("Amount",), "paypal": ("Gross",)}.get(kind, ())


def date_columns(kind: str, mapping: SalesMapping | None) -> tuple[str, ...]:
    if kind == "csv" and mapping is not None:
        return (mapping.date,)
    return {"shopify": ("Paid at", "Created at"), "square": ("Date",),
            "stripe": ("Created date (UTC)",), "paypal": ("Date",)}.get(kind, ())


def comma_of(rows: list[Row], columns: tuple[str, ...]) -> bool | None:
    return decimal_comma(r.get(c, "") for r in rows for c in columns)


def _line(position: str, order_id: str, kind: str, **kw: Any) -> Line:
    return Line(position, order_id.strip(), kind, **kw)


def shopify_line(row: Row, position: str, read: Reading) -> Line:
    """Shopify: the order's first row carries its status and totals; later rows an item."""
    qty, item = row.get("Lineitem quantity", "").strip(), row.get("Lineitem name", "").strip()
    what = f"{qty} × {item}" if item and qty not in ("", "1") else item
    order = row.get("Name", "")
    if not row.get("Financial Status", "").strip():
        return _line(position, order, ITEM, description=what)
    if row.get("Cancelled at", "").strip():
        return _line(position, order, CANCEL)
    status = row["Financial Status"].strip().lower()
    if status in ("refunded", "voided"):
        return _line(position, order, FAILED, note="refunded in full" if status == "refunded"
                     else "voided")
    if status not in ("paid", "partially_paid", "partially_refunded"):
        return _line(position, order, FAILED, note=f"not paid ({status})")
    when = row.get("Paid at", "").strip() or row.get("Created at", "")
    # A pick-up order has no billing address: the shipping name and phone stand in.
    billing = Buyer((row.get("Billing Name", "") or row.get("Shipping Name", "")).strip(),
                    row.get("Email", "").strip(),
                    (row.get("Billing Phone", "") or row.get("Phone", "")
                     or row.get("Shipping Phone", "")).strip(),
                    " ".join(x for x in (row.get("Billing Address1", "").strip(),
                                         row.get("Billing Address2", "").strip()) if x),
                    row.get("Billing City", "").strip(),
                    row.get("Billing Province", "").strip(),
                    row.get("Billing Zip", "").strip().lstrip("'"),
                    row.get("Billing Country", "").strip())
    return _line(position, order, SALE, when=read.day(when),
                 amount=read.amount(row["Total"]), refunded=read.money(
                     row.get("Refunded Amount", "")), currency=row.get("Currency", ""),
                 description=what, buyer=billing)


def square_line(row: Row, position: str, read: Reading) -> Line:
    """Square: a payment, or a refund event naming the same transaction."""
    event = row.get("Event Type", "Payment").strip().lower()
    tid = row.get("Transaction ID", "")
    when = read.day(row.get("Date", ""))
    net = read.amount(row.get("Net Sales", "") or row.get("Gross Sales", ""))
    if event == "refund":
        return _line(position, tid, REFUND, when=when, amount=abs(net))
    buyer = Buyer(row.get("Customer Name", "").strip())
    return _line(position, tid, SALE, when=when, amount=net,
                 refunded=abs(read.money(row.get("Partial Refunds", ""))),
                 description=row.get("Description", "").strip(), buyer=buyer)


def stripe_line(row: Row, position: str, read: Reading) -> Line:
    """Stripe: one payment per row; failed or uncaptured payments are not sales."""
    status = row.get("Status", "").strip().lower()
    pid = row.get("id", "")
    if status in ("failed", "canceled", "cancelled", "incomplete", "blocked") or \
            row.get("Captured", "true").strip().lower() == "false":
        return _line(position, pid, FAILED, note=f"payment {status or 'not captured'}")
    buyer = Buyer(row.get("Customer Description", "").strip(),
                  row.get("Customer Email", "").strip())
    return _line(position, pid, SALE, when=read.day(row.get("Created date (UTC)", "")),
                 amount=read.amount(row["Amount"]),
                 refunded=read.money(row.get("Amount Refunded", "")),
                 currency=row.get("Currency", ""),
                 description=row.get("Description", "").strip(), buyer=buyer)


def paypal_line(row: Row, position: str, read: Reading) -> Line:
    """PayPal: money received is a sale; a refund names the payment in Reference Txn ID;
    transfers, fees, currency conversions and money sent are no sales."""
    kind, status = row.get("Type", "").lower(), row.get("Status", "").strip().lower()
    gross = read.amount(row.get("Gross", ""))
    if "refund" in kind or "reversal" in kind:
        ref = row.get("Reference Txn ID", "") or row.get("Transaction ID", "")
        return _line(position, ref, REFUND, amount=abs(gross))
    if "payment" not in kind or gross <= 0 or "debit" in row.get("Balance Impact", "").lower():
        return _line(position, row.get("Transaction ID", ""), OTHER)
    tid = row.get("Transaction ID", "")
    if status not in ("completed", "cleared"):
        return _line(position, tid, FAILED, note=f"payment {status or 'not completed'}")
    buyer = Buyer(row.get("Name", "").strip(), row.get("From Email Address", "").strip(),
                  row.get("Contact Phone Number", "").strip())
    return _line(position, tid, SALE, when=read.day(row.get("Date", "")), amount=gross,
                 currency=row.get("Currency", ""),
                 description=row.get("Item Title", "").strip(), buyer=buyer)


_WORDS_NOT_SALES = ("refund", "cancel", "void", "fail", "declin", "pending", "unpaid")


def mapped_line(mapping: SalesMapping) -> Callable[[Row, str, Reading], Line]:
    """A reader for a table from anywhere, through ``mapping``."""
    def read_row(row: Row, position: str, read: Reading) -> Line:
        m = mapping
        order = row.get(m.order_id, "").strip() if m.order_id else ""
        status = row.get(m.status, "").strip().lower() if m.status else ""
        refunded = read.money(row.get(m.refunded, "")) if m.refunded else Decimal(0)
        if any(w in status for w in _WORDS_NOT_SALES) and not refunded and "partial" not in status:
            return _line(position, order, CANCEL if "cancel" in status else FAILED,
                         note=status)
        buyer = Buyer(row.get(m.name, "").strip(), row.get(m.email, "").strip(),
                      row.get(m.phone, "").strip())
        return _line(position, order, SALE, when=read.day(row.get(m.date, "")),
                     amount=read.amount(row.get(m.amount, "")), refunded=abs(refunded),
                     currency=row.get(m.currency, "") if m.currency else "",
                     description=row.get(m.description, "").strip() if m.description else "",
                     buyer=buyer)
    return read_row


READERS: dict[str, Callable[[Row, str, Reading], Line]] = {
    "shopify": shopify_line, "square": square_line, "stripe": stripe_line,
    "paypal": paypal_line}


# --- a whole file ----------------------------------------------------------------------------

def read_rows(kind: str, headers: list[str], rows: list[tuple[int, list[str]]],
              default_day_first: bool, mapping: SalesMapping | None = None) -> list[Line]:
    """Every row of a ``kind`` file as a :class:`Line`; a row that cannot be read becomes a
    problem line and never stops the others."""
    reader = mapped_line(mapping or guess_mapping(headers)) if kind == "csv" else READERS[kind]
    blank = [""] * len(headers)  # a short row (a cut-off last line) has its cells empty
    table = [(line, dict(zip(headers, [*cells, *blank[len(cells):]], strict=False)))
             for line, cells in rows]
    dicts = [r for _l, r in table]
    reading = Reading(comma_of(dicts, amount_columns(kind, mapping)),
                      day_first_of(dicts, date_columns(kind, mapping), default_day_first))
    out: list[Line] = []
    seen: dict[str, int] = {}
    for number, (line_no, row) in enumerate(table, 1):
        position = f"row {number} (line {line_no})"
        try:
            line = reader(row, position, reading)
        except (ValueError, ArithmeticError) as exc:
            line = Line(position, _cell_id(kind, row, mapping), SALE, note=str(exc))
        if not line.order_id:
            line.order_id = _row_id(line, seen)
        out.append(line)
    return out


def day_first_of(rows: list[Row], columns: tuple[str, ...], default: bool) -> bool:
    return day_first((r.get(c, "") for r in rows for c in columns), default)


def _cell_id(kind: str, row: Row, mapping: SalesMapping | None) -> str:
    column = {"shopify": "Name", "square": "Transaction ID", "stripe": "id",
              "paypal": "Transaction ID"}.get(kind) or (mapping.order_id if mapping else "")
    return row.get(column, "").strip() if column else ""


def _row_id(line: Line, seen: dict[str, int]) -> str:
    """An id for a row of a table without order ids: the same row of the same file gets the
    same id on every import (so a re-import adds nothing), and two identical rows two ids."""
    b = line.buyer
    key = f"{line.when}|{line.amount}|{b.email}|{b.phone}|{b.name}|{line.description}"
    seen[key] = seen.get(key, 0) + 1
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return f"row-{digest}-{seen[key]}"
