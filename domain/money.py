"""Money as the owner reads it: an amount in its currency, written the way the notebook's
country writes numbers (``1.234,50 €`` in Germany, ``$1,234.50`` in the US).

The one rule for every amount the window and the command line show. The currency is the
purchase's own when it has one (a till's export says "EUR"), else the one the notebook's
country uses today (babel's territory data). Stored amounts stay plain decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal, get_territory_currencies

from domain.text import printable

_CODE = re.compile(r"[A-Z]{3}")
_PLAIN = Locale.parse("en_US")  # an unknown country: the amount as the README writes it


@lru_cache(maxsize=64)
def _locale(region: str) -> Locale:
    """The country's usual way of writing numbers (its most likely language)."""
    code = region.strip().upper()
    if not re.fullmatch("[A-Z]{2}", code):
        return _PLAIN
    try:
        return Locale.parse(f"und_{code}")
    except (UnknownLocaleError, ValueError):
        return _PLAIN


@lru_cache(maxsize=64)
def currency_of(region: str) -> str:
    """The ISO 4217 currency ``region`` (a two-letter country) uses today; "" if unknown."""
    code = region.strip().upper()
    if not re.fullmatch("[A-Z]{2}", code):
        return ""
    found = get_territory_currencies(code)
    return found[0] if found else ""


def format_money(amount: Decimal, region: str, currency: str = "") -> str:
    """``amount`` in ``currency`` (else the country's own), written as ``region`` writes it.

    A currency that is no ISO code (a till wrote "€") is shown beside the amount as it was
    written, made safe for a terminal; nothing is ever dropped."""
    locale = _locale(region)
    code = currency.strip().upper() or currency_of(region)
    if not code:
        return format_decimal(amount, "#,##0.00", locale=locale)
    if not _CODE.fullmatch(code):
        return f"{format_decimal(amount, '#,##0.00', locale=locale)} {printable(currency.strip())}"
    return format_currency(amount, code, locale=locale)


def format_totals(amounts: Iterable[tuple[Decimal, str]], region: str) -> str:
    """The sum of ``(amount, currency)`` pairs, one total per currency (``12,50 € + 4,00 $``);
    an amount without a currency counts in the country's own."""
    own = currency_of(region)
    totals: dict[str, Decimal] = {}
    for amount, currency in amounts:
        code = currency.strip().upper() or own
        totals[code] = totals.get(code, Decimal(0)) + amount
    if not totals:
        return format_money(Decimal(0), region)
    return " + ".join(format_money(total, region, code) for code, total in totals.items())
