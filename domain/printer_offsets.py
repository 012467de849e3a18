"""Printer offsets per printer and paper kind, as the ``printer_offsets`` setting holds them.

Card stock, envelopes and plain sheets go through a printer on different paths, so each kind
keeps its own shift. The setting is one object::

    {"x": 1.5, "y": -2,                                  # older Rapport: one shift for all
     "kinds": {"envelope": {"x": 2, "y": 3}},            # the default ones, per kind
     "printers": {"HP": {"x": 3, "y": 4,                 # older Rapport: HP's one shift
                         "kinds": {"card_stock": {"x": 1, "y": 0}}}}}

A notebook written before paper kinds holds only the single shifts; they carry over to every
kind until that kind is calibrated, so nothing stored is ever lost or rewritten. The most
specific shift wins: the printer's own for the kind, the printer's single one, then the
default ones for the kind, the default single one, and finally none.
"""

from __future__ import annotations

import copy
from typing import Any

CARD_STOCK, ENVELOPE, PLAIN_SHEET = "card_stock", "envelope", "plain_sheet"
PAPER_KINDS = (CARD_STOCK, ENVELOPE, PLAIN_SHEET)
KIND_NAMES = {CARD_STOCK: "card stock", ENVELOPE: "envelopes", PLAIN_SHEET: "plain paper"}


def offsets_in(data: dict[str, Any] | None, printer: str, kind: str) -> tuple[float, float]:
    """The x and y shift (points) ``printer`` prints ``kind`` with, from the setting
    ``data``; ``printer`` "" is the default ones."""
    data = data or {}
    own = (data.get("printers") or {}).get(printer) if printer else None
    for level in (own, data):
        if level is None:
            continue
        shift = (level.get("kinds") or {}).get(kind)
        if shift is None and _single(level):
            shift = level
        if shift is not None:
            return float(shift.get("x", 0.0)), float(shift.get("y", 0.0))
    return 0.0, 0.0


def _single(level: dict[str, Any]) -> bool:
    """Whether a level holds a shift for every kind: its own x or y, or (a printer entry
    written before kinds) no kinds at all."""
    return "x" in level or "y" in level or "kinds" not in level


def with_offsets(data: dict[str, Any] | None, x: float, y: float, printer: str, kind: str,
                 default: bool) -> dict[str, Any]:
    """A copy of the setting with ``kind``'s shift for ``printer`` (and as the default
    ones too when ``default``, or when no printer is named). Other kinds and the single
    shifts of older notebooks are kept as they are."""
    if kind not in PAPER_KINDS:
        raise ValueError(f"unknown paper kind {kind!r}")
    data = copy.deepcopy(data or {})
    value = {"x": float(x), "y": float(y)}
    if printer:
        printers = data.setdefault("printers", {})
        if printers.get(printer) == {}:
            # an older notebook's empty entry meant "no shift" for every kind: say so, or
            # the other kinds would fall back to the default ones once kinds are added
            printers[printer] = {"x": 0.0, "y": 0.0}
        entry = printers.setdefault(printer, {})
        entry.setdefault("kinds", {})[kind] = value
    if default or not printer:
        data.setdefault("kinds", {})[kind] = value
    return data
