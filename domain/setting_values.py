"""What each notebook setting may hold, checked once for every way a value comes in.

A notebook file's ``settings`` object is checked key by key on import (a wrong type or a value
out of range refuses the import, naming the key), and a value already stored is checked again
when it is read (a bad one falls back to its default, with a warning in the log), so one odd
value can never stop cards from printing. Keys this Rapport does not know are kept as they are:
a newer Rapport may have written them, and nothing here reads them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from domain.outreach.settings import Settings

OUTREACH_PREFIX = "outreach."
MAX_DAYS = 3650  # ten years: any longer is a typo
MAX_COUNT = 1_000_000
MAX_OFFSET = 300.0  # points (about 10 cm): a printer further off than that is not calibrated
MAX_TEXT = 2_000  # characters in one sender field
SENDER_FIELDS = ("business", "owner", "signature", "offer")
ADDRESS_FIELDS = ("street", "city", "region", "postal_code", "country")
_MAX_PRINTERS = 200
_MAX_KINDS = 50  # three today; room for a newer Rapport's


class BadSetting(ValueError):
    """A setting whose value cannot be used; the message says why in plain words."""


def check_setting(key: str, value: Any) -> Any:
    """``value`` cleaned for ``key``; raise :class:`BadSetting` when it cannot be used."""
    if key.startswith(OUTREACH_PREFIX):
        return _outreach(key[len(OUTREACH_PREFIX):], value)
    check = _CHECKS.get(key)
    return value if check is None else check(value)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    if isinstance(value, int | float):
        return f"the number {value}"
    return "a list" if isinstance(value, list) else "null" if value is None else "an object"


def _number(value: Any, low: float, high: float, what: str, whole: bool = False) -> Any:
    ok_type = isinstance(value, int) if whole else isinstance(value, int | float)
    if isinstance(value, bool) or not ok_type:
        kind = "a whole number" if whole else "a number"
        raise BadSetting(f"{_describe(value)} is not {kind} ({what})")
    if not math.isfinite(value) or not low <= value <= high:
        raise BadSetting(f"{value} is out of range: {what} must be from {low:g} to {high:g}")
    return value


def _object(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise BadSetting(f"{_describe(value)} is not an object ({what})")
    return value


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadSetting(f"{_describe(value)} is not text ({what})")
    if len(value) > MAX_TEXT:
        raise BadSetting(f"the {what} is too long ({len(value):,} characters)")
    return value


def _sender(value: Any) -> dict:
    """The sender as stored (its keys in their order, so a file round-trips byte for byte),
    once every field is known to be usable."""
    data = _object(value, "who the cards come from")
    for k in SENDER_FIELDS:
        _text(data.get(k), k)
    _number(data.get("grace_days", 30), 0, MAX_DAYS, "grace_days, the days old prices hold",
            whole=True)
    address = data.get("return_address")
    address = {} if address is None else _object(address, "return_address")
    for k in ADDRESS_FIELDS:
        _text(address.get(k), f"return address {k}")
    return data


def _offsets(value: Any) -> dict:
    data = _object(value, "printer offsets, x and y in points")
    _shift(data, "printer offsets")
    _kinds(data, "printer offsets")
    printers = data.get("printers")
    printers = {} if printers is None else _object(printers, "printer offsets by printer")
    if len(printers) > _MAX_PRINTERS:
        raise BadSetting(f"offsets for {len(printers):,} printers is more than "
                         f"{_MAX_PRINTERS} printers can be")
    for name, shift in printers.items():
        _shift(_object(shift, f"offsets of {name!r}"), f"offsets of {name!r}")
        _kinds(shift, f"offsets of {name!r}")
    return data


def _kinds(data: dict, what: str) -> None:
    """The shifts per paper kind (card stock, envelopes, plain sheets) under ``kinds``; a
    kind this Rapport does not know is checked the same way and kept."""
    kinds = data.get("kinds")
    kinds = {} if kinds is None else _object(kinds, f"{what} by paper kind")
    if len(kinds) > _MAX_KINDS:
        raise BadSetting(f"{what}: {len(kinds):,} paper kinds is more than {_MAX_KINDS}")
    for kind, shift in kinds.items():
        _shift(_object(shift, f"{what} for {kind!r}"), f"{what} for {kind!r}")


def _shift(data: dict, what: str) -> None:
    for axis in ("x", "y"):
        if data.get(axis) is not None:
            _number(data[axis], -MAX_OFFSET, MAX_OFFSET, f"{what}, {axis}")


def _seeded(value: Any) -> int:
    if value not in (0, 1) or isinstance(value, float):
        raise BadSetting(f"{_describe(value)} is not 0 or 1")
    return int(value)


def _region(value: Any) -> str:
    text = _text(value, "region")
    if text and (len(text) != 2 or not text.isascii() or not text.isalpha()):
        raise BadSetting(f"{text[:30]!r} is not a two-letter country code")
    if text and text.upper() not in _phone_regions():  # "UK" is GB to phone numbers
        raise BadSetting(f"{text!r} is not a country code phone numbers know (Britain is GB)")
    return text.upper()


def _source_costs(value: Any) -> dict[str, int]:
    """What the owner spends per source (how customers found us) over 12 months, in cents."""
    costs = _object(value, "costs per source")
    if len(costs) > _MAX_PRINTERS:
        raise BadSetting(f"{len(costs):,} sources is more than {_MAX_PRINTERS}")
    for name, cents in costs.items():
        _text(name, "source's name")
        _number(cents, 0, 10**13, f"the cost of {name[:30]!r}", whole=True)
    return dict(costs)


def _phone_regions() -> frozenset[str]:
    import phonenumbers  # late, as in domain.validation: only a region needs it

    return frozenset(phonenumbers.SUPPORTED_REGIONS)


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "sender": _sender,
    "printer_offsets": _offsets,
    "builtin_templates_seeded": _seeded,
    "region": _region,
    "insights.source_costs": _source_costs,
}

_OUTREACH = {f.name: f.default for f in fields(Settings) if f.name != "tag_cadences"}


def _outreach(name: str, value: Any) -> Any:
    if name not in _OUTREACH:
        return value  # a newer Rapport's setting: kept, never read here
    default = _OUTREACH[name]
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise BadSetting(f"{_describe(value)} is not true or false")
        return value
    if isinstance(default, float):
        return float(_number(value, 0, 100, name))
    low = 1 if name in ("default_cadence_days", "cap_days") else 0
    high = MAX_DAYS if name.endswith("_days") else MAX_COUNT
    return _number(value, low, high, name, whole=True)
