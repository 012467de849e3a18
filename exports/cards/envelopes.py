"""Envelopes.

Envelopes follow the usual postal convention: the return address in the top-left corner,
the stamp corner left clear, and the recipient's block starting a little left of the centre
line, its top at the middle, so it sits right of centre and below the middle, clear of the
5/8 in strip along the bottom edge that sorting machines print their barcode in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from exports.cards.base import Renderer, TextBox
from exports.cards.cardjob import CardJob
from exports.cards.geometry import A4, IN, MM, Box

if TYPE_CHECKING:
    from exports.cards.pdf import Pdf


# A card slides into its envelope with at least this much room on each dimension.
CLEARANCE = 0.125 * IN


def takes(envelope: tuple[float, float], card: tuple[float, float]) -> bool:
    """Whether an envelope of ``envelope`` size takes a (folded) card of ``card`` size with
    :data:`CLEARANCE` on each dimension, long side along the long side (how they go in)."""
    slack = 1e-6  # A2 cards in A2 envelopes have exactly 1/8 in: not a float's rounding
    return all(e - c >= CLEARANCE - slack for e, c in zip(sorted(envelope), sorted(card),
                                                           strict=True))


class Envelope(Renderer):
    """One envelope per page, fed flap up, landscape."""

    kind = "envelope"
    margin: ClassVar[float] = 0.375 * IN
    return_share: ClassVar[float] = 0.45  # of the width, for the return address
    address_left: ClassVar[float] = 0.46  # the recipient block's left edge, share of width
    address_left_min: ClassVar[float] = 0.3  # how far left a long address may move
    address_top: ClassVar[float] = 0.5  # its top, share of the height from the bottom
    barcode_clear: ClassVar[float] = 0.625 * IN
    address_max: ClassVar[float] = 12.0

    def boxes(self, address_width: float = 0.0) -> tuple[Box, Box]:
        """Where the return address and the recipient block go; a block ``address_width``
        wide moves left (not past ``address_left_min``) rather than shrink."""
        w, h = self.size
        ret_h = min(1.0 * IN, h * 0.3)
        ret = Box(self.margin, h - self.margin - ret_h, w * self.return_share - self.margin,
                  ret_h)
        left = min(w * self.address_left, w - self.margin - address_width)
        left, top = max(left, w * self.address_left_min), h * self.address_top
        bottom = max(self.barcode_clear, self.margin)
        return ret, Box(left, bottom, w - self.margin - left, top - bottom)

    def text_boxes(self, job: CardJob) -> list[TextBox]:
        """The recipient's and the sender's addresses, each printed whole (the fit report's
        list)."""
        from exports.cards.pdf import Pdf, Style

        recipient = "\n".join(job.recipient)
        address = Style("serif", self.address_max, 7.0, 1.25, "left", "top", block=True)
        ret, to = self.boxes(Pdf.natural_width(recipient, address))
        return [TextBox("address", recipient, to, address),
                TextBox("return address", "\n".join(job.sender), ret,
                        Style("serif", 9.0, 6.0, 1.2, "left", "top", block=True))]

    def draw(self, pdf: Pdf, job: CardJob) -> None:
        pdf.page(self.size)
        for part in reversed(self.text_boxes(job)):  # the return address first, as before
            pdf.text(part.text, part.box, part.style)


class Envelope10(Envelope):
    name = "env-10"
    title = "US #10 envelope"
    description = "US #10 business envelope"
    size = (9.5 * IN, 4.125 * IN)
    address_max = 13.0


class EnvelopeA1(Envelope):
    name = "env-a1"
    title = "US A1 envelope"
    description = "US A1 envelope (3⅝×5⅛ in), for 3.5×5 in cards"
    size = (5.125 * IN, 3.625 * IN)


class EnvelopeA2(Envelope):
    name = "env-a2"
    title = "US A2 envelope"
    description = "US A2 envelope, for a2 and a2-folded cards"
    size = (5.75 * IN, 4.375 * IN)


class EnvelopeA6(Envelope):
    name = "env-a6"
    title = "US A6 envelope"
    description = "US A6 envelope, for a6 cards"
    size = (6.5 * IN, 4.75 * IN)


class EnvelopeA7(Envelope):
    name = "env-a7"
    title = "US A7 envelope"
    description = "US A7 envelope, for a7 (5×7 in) cards"
    size = (7.25 * IN, 5.25 * IN)


class EnvelopeC6(Envelope):
    name = "env-c6"
    title = "ISO C6 envelope"
    iso = True
    description = "ISO C6 envelope, for ISO A6 cards"
    size = (162 * MM, 114 * MM)
    paper = A4


class EnvelopeC7(Envelope):
    name = "env-c7"
    title = "ISO C7 envelope"
    iso = True
    description = "ISO C7 envelope, for ISO A7 cards"
    size = (114 * MM, 81 * MM)
    paper = A4


class EnvelopeDL(Envelope):
    name = "env-dl"
    title = "ISO DL envelope"
    iso = True
    description = "ISO DL envelope (A4 folded in three)"
    size = (220 * MM, 110 * MM)
    paper = A4
