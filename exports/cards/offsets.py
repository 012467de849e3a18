"""Which paper each format prints on, and so which of the printer's offsets it uses.

Card stock, envelopes and plain sheets feed through a printer differently, so the printer is
calibrated for each kind (``domain.printer_offsets``). This is the one place that says which
kind a format is: the window's batches, its calibration and the command line all ask here.
"""

from __future__ import annotations

from domain.printer_offsets import CARD_STOCK, ENVELOPE, KIND_NAMES, PAPER_KINDS, PLAIN_SHEET
from exports import cards
from exports.cards.geometry import A4, LETTER, Offsets, inches, millimetres

# A format's kind (cards, envelopes, labels) → the paper it is printed on. Labels are sheets
# of plain paper weight, fed like any sheet.
_PAPER_OF = {"card": CARD_STOCK, "envelope": ENVELOPE, "label": PLAIN_SHEET}
_PLAIN = {"letter": LETTER, "a4": A4}


def paper_kind(format_name: str) -> str:
    """The paper kind the format ``format_name`` prints on (UnknownFormat if none)."""
    return _PAPER_OF[cards.get(format_name).kind]


def offsets_for(printer: str, format_name: str) -> Offsets:
    """The stored offsets ``printer`` ("" for the default ones) prints ``format_name``
    with: those of the format's paper kind. Reads the open notebook."""
    from storage import templates  # late: listing formats needs no notebook

    return Offsets(*templates.load_printer_offsets(printer, paper_kind(format_name)))


def calibration_papers(kind: str) -> list[tuple[str, str]]:
    """The sizes a calibration page of ``kind`` can be printed on, as (name, label): the
    sheets of the formats printed on that kind (the same size once), or Letter and A4."""
    if kind not in PAPER_KINDS:
        raise ValueError(f"unknown paper kind {kind!r}")
    if kind == PLAIN_SHEET:
        return [("letter", "Letter — 8.5 × 11 in"), ("a4", "A4 — 210 × 297 mm")]
    seen: dict[tuple[float, float], list[str]] = {}
    for name in cards.names():
        if paper_kind(name) == kind:
            seen.setdefault(_rounded(cards.get(name).sheet or cards.get(name).size), []).append(
                name)
    return [(names[0], f"{', '.join(map(cards.title, names))} — "
                        f"{_size_label(cards.get(names[0]))}") for names in seen.values()]


def calibration_paper(name: str) -> tuple[float, float]:
    """The page size, in points, of the calibration paper ``name`` (a format or a sheet)."""
    if name.lower() in _PLAIN:
        return _PLAIN[name.lower()]
    cls = cards.get(name)
    return cls.sheet or cls.size


def kind_name(kind: str) -> str:
    """``card stock``, ``envelopes``, ``plain paper``."""
    return KIND_NAMES[kind]


def _rounded(size: tuple[float, float]) -> tuple[float, float]:
    return round(size[0], 1), round(size[1], 1)


def _size_label(cls: type[cards.Renderer]) -> str:
    size = cls.sheet or cls.size
    return millimetres(size) if cls.iso else inches(size)
