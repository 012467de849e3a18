"""Printing cards, envelopes and labels to PDF.

Importing this package is cheap: the format classes carry their geometry and description,
and reportlab is loaded only when something is rendered.
"""

from __future__ import annotations

from exports.cards.base import Renderer
from exports.cards.cards import (
    A2Card,
    A4FourUp,
    A4TwoUp,
    A6Card,
    A7Card,
    FoldedA2Card,
    IsoA6Card,
    Letter2Up,
    Letter4Up,
    Postcard4x6,
)
from exports.cards.envelopes import (
    Envelope10,
    EnvelopeA1,
    EnvelopeA2,
    EnvelopeA6,
    EnvelopeA7,
    EnvelopeC6,
    EnvelopeC7,
    EnvelopeDL,
    takes,
)
from exports.cards.labels import Avery5160, AveryL7160

FORMATS: dict[str, type[Renderer]] = {cls.name: cls for cls in (
    FoldedA2Card, A2Card, A6Card, A7Card, Postcard4x6, IsoA6Card, Letter2Up, Letter4Up,
    A4TwoUp, A4FourUp, Envelope10, EnvelopeA1, EnvelopeA2, EnvelopeA6, EnvelopeA7, EnvelopeC6,
    EnvelopeC7, EnvelopeDL, Avery5160, AveryL7160,
)}
DEFAULT = {"card": "a2-folded", "envelope": "env-a2", "label": "avery-5160"}


class UnknownFormat(ValueError):
    """No format of that name (and kind); the message lists the ones there are."""


def names(kind: str | None = None) -> list[str]:
    """Format names, in listing order, of one kind (card, envelope, label) or all."""
    return [n for n, cls in FORMATS.items() if kind is None or cls.kind == kind]


def get(name: str, kind: str | None = None) -> type[Renderer]:
    """The format class called ``name``; raise :class:`UnknownFormat` otherwise."""
    cls = FORMATS.get((name or "").strip().lower())
    if cls is None or (kind is not None and cls.kind != kind):
        what = f"{kind} format" if kind else "format"
        raise UnknownFormat(f"unknown {what} {name!r}; choose one of: {', '.join(names(kind))}")
    return cls


def title(name: str) -> str:
    """What the owner calls the format ``name`` ("US A2 folded card"); an unknown code (an
    old notebook's) is shown as it is."""
    cls = FORMATS.get((name or "").strip().lower())
    return cls.title if cls is not None and cls.title else name


def envelope_for(card_format: str) -> str:
    """The envelope a batch of ``card_format`` cards goes in: the smallest (by area) of
    Rapport's envelopes that takes the finished (folded) card with room to slide it in, among
    those of the card's own system (US or ISO: the shop buys them together) when one fits;
    "" when none does."""
    card = get(card_format, "card")
    fitting = [FORMATS[n] for n in names("envelope") if takes(FORMATS[n].size, card.size)]
    own = [cls for cls in fitting if cls.iso == card.iso] or fitting
    return min(own, key=lambda cls: cls.size[0] * cls.size[1]).name if own else ""


# The envelope each card format fits, for printing a batch's envelopes.
ENVELOPE_FOR = {name: envelope_for(name) for name in names("card")}


def listing() -> list[dict[str, str]]:
    """Name, kind, size in inches and mm, and description of every format."""
    return [cls.summary() for cls in FORMATS.values()]
