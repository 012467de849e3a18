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
    EnvelopeA2,
    EnvelopeA6,
    EnvelopeA7,
    EnvelopeC6,
    EnvelopeDL,
)
from exports.cards.labels import Avery5160, AveryL7160

FORMATS: dict[str, type[Renderer]] = {cls.name: cls for cls in (
    FoldedA2Card, A2Card, A6Card, A7Card, Postcard4x6, IsoA6Card, Letter2Up, Letter4Up,
    A4TwoUp, A4FourUp, Envelope10, EnvelopeA2, EnvelopeA6, EnvelopeA7, EnvelopeC6, EnvelopeDL,
    Avery5160, AveryL7160,
)}
DEFAULT = {"card": "a2-folded", "envelope": "env-a2", "label": "avery-5160"}
# The envelope each card format fits, for printing a batch's envelopes.
ENVELOPE_FOR = {"a2-folded": "env-a2", "a2": "env-a2", "a6": "env-a6", "a7": "env-a7",
                "iso-a6": "env-c6", "letter-2up": "env-a6", "letter-4up": "env-a2",
                "a4-2up": "env-c6", "a4-4up": "env-c6", "postcard-4x6": "env-a6"}


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


def listing() -> list[dict[str, str]]:
    """Name, kind, size in inches and mm, and description of every format."""
    return [cls.summary() for cls in FORMATS.values()]
