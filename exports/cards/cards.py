"""Card formats: flat cards, the folded US A2 card, the 4×6 postcard, and sheets of several
cards with crop marks. Sizes are the US stationery sizes written in points; "iso-" and "a4-"
formats are ISO 216 sizes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from exports.cards.base import CardFace, Renderer, TextBox
from exports.cards.cardjob import CardJob
from exports.cards.geometry import A4, IN, LETTER, MM, Box

if TYPE_CHECKING:
    from exports.cards.pdf import Pdf


class FlatCard(Renderer, CardFace):
    """One card per page, printed on card stock cut to the card's size."""

    def draw(self, pdf: Pdf, job: CardJob) -> None:
        pdf.page(self.page_size)
        self.draw_face(pdf, Box(0, 0, *self.size), job, self.guides)


class A2Card(FlatCard):
    name = "a2"
    title = "US A2 flat card"
    description = "US A2 flat card, fits an A2 envelope"
    size = (4.25 * IN, 5.5 * IN)


class A6Card(FlatCard):
    name = "a6"
    title = "US A6 flat card"
    description = "US A6 flat card, fits an A6 envelope"
    size = (4.5 * IN, 6.25 * IN)
    message_max = 17.0


class A7Card(FlatCard):
    name = "a7"
    title = "US A7 flat card (5×7 in)"
    description = "US A7 flat card (5×7), fits an A7 envelope"
    size = (5 * IN, 7 * IN)
    message_max = 18.0


class IsoA6Card(FlatCard):
    name = "iso-a6"
    title = "ISO A6 flat card"
    iso = True
    description = "ISO A6 flat card, fits a C6 envelope"
    size = (105 * MM, 148 * MM)
    paper = A4


class FoldedA2Card(Renderer, CardFace):
    """A half-letter sheet folded to a US A2 card. Page 1 is the outside (back panel left,
    front panel right), page 2 the inside (message on the right panel): print both sides,
    flipping on the short edge."""

    name = "a2-folded"
    title = "US A2 folded card"
    description = "US A2 folded card: 8.5×5.5 in sheet, two-sided, folds to 4.25×5.5 in"
    size = (4.25 * IN, 5.5 * IN)
    sheet = (8.5 * IN, 5.5 * IN)
    fold = 4.25 * IN
    # The inside is the outside turned over left to right (the back panel backs the message,
    # the front backs the inside-left): a flip about the fold's direction, which on this
    # landscape sheet is its 5.5 in side, the short edge (CUPS: sides=two-sided-short-edge).
    duplex = "short"
    headline_max: ClassVar[float] = 34.0
    tick: ClassVar[float] = 6 * MM  # the fold tick: from the edge, short of the margin

    def draw(self, pdf: Pdf, job: CardJob) -> None:
        back, front = Box(0, 0, *self.sheet).split_h(self.size[0])
        pdf.page(self.sheet)
        pdf.reuse(("a2-folded outside", job.headline, tuple(job.sender), job.business),
                  lambda: self.draw_outside(pdf, back, front, job))
        pdf.page(self.sheet)
        _inside_left, inside_right = Box(0, 0, *self.sheet).split_h(self.size[0])
        self.draw_face(pdf, inside_right, CardJob(text=job.text), self.guides)

    def draw_outside(self, pdf: Pdf, back: Box, front: Box, job: CardJob) -> None:
        """The outside page: front panel, back panel and the fold between them."""
        self.draw_front(pdf, front, job)
        self.draw_back(pdf, back, job)
        self.draw_fold_ticks(pdf)

    def draw_fold_ticks(self, pdf: Pdf) -> None:
        """Thin grey ticks where the sheet folds, at its top and bottom edges: in the
        margin, never on the message or the front's words."""
        from exports.cards.pdf import FAINT

        h = self.sheet[1]
        for y1, y2 in ((0.0, self.tick), (h - self.tick, h)):
            pdf.line(self.fold, y1, self.fold, y2, width=0.3, color=FAINT)

    def draw_front(self, pdf: Pdf, panel: Box, job: CardJob) -> None:
        from exports.cards.pdf import Style

        safe = self.safe_area(panel)
        rule_y = safe.y + safe.h * 0.42
        words = Box(safe.x, rule_y + 10, safe.w, safe.top - rule_y - 10 - safe.h * 0.12)
        pdf.text(job.headline, words, Style("brush", self.headline_max, 14, 1.15, "centre",
                                            "bottom"))
        mid = panel.x + panel.w / 2
        pdf.line(mid - 0.45 * IN, rule_y, mid + 0.45 * IN, rule_y, width=0.8)

    def back_text(self, panel: Box, job: CardJob) -> TextBox:
        """Who the card is from, small at the foot of the back panel."""
        from exports.cards.pdf import FAINT_INK, Style

        foot, _rest = self.safe_area(panel).take_bottom(0.7 * IN)
        return TextBox("return address", "\n".join(job.sender) or job.business, foot,
                       Style("serif", 7.5, 5.0, 1.25, "centre", "bottom", FAINT_INK))

    def text_boxes(self, job: CardJob) -> list[TextBox]:
        """The message inside (no business line there) and the back panel's sender."""
        inside = CardFace.text_boxes(self, CardJob(text=job.text))
        return [*inside, self.back_text(Box(0, 0, *self.size), job)]

    def draw_back(self, pdf: Pdf, panel: Box, job: CardJob) -> None:
        back = self.back_text(panel, job)
        pdf.text(back.text, back.box, back.style)


class Postcard4x6(Renderer, CardFace):
    """The address side of a 4×6 in postcard: message on the left, address on the right."""

    name = "postcard-4x6"
    title = "4×6 postcard"
    description = "4×6 in postcard: message left, stamp and address right"
    size = (6 * IN, 4 * IN)
    message_max = 13.0
    message_min = 9.0  # held in the hand (see CardFace.message_min)
    stamp: ClassVar[tuple[float, float]] = (0.85 * IN, 1.0 * IN)

    def halves(self) -> tuple[Box, Box, Box]:
        """The return address and message boxes (left half) and the right half."""
        left, right = self.safe_area(Box(0, 0, *self.size)).split_h(
            self.size[0] / 2 - self.margin)
        ret = Box(left.x, left.top - 0.55 * IN, left.w - 0.15 * IN, 0.55 * IN)
        message = Box(left.x, left.y, left.w - 0.15 * IN, left.h - 0.65 * IN)
        return ret, message, right

    def text_boxes(self, job: CardJob) -> list[TextBox]:
        """The message, the recipient's address and the sender's, each printed whole."""
        from exports.cards.pdf import FAINT_INK, Style

        ret, message, right = self.halves()
        to = Box(right.x + 0.2 * IN, right.y + 0.35 * IN, right.w - 0.2 * IN, right.h * 0.5)
        return [TextBox("message", job.text, message, self.message_style()),
                TextBox("address", "\n".join(job.recipient), to,
                        Style("serif", 10.5, 6.0, 1.25, "left", "middle", block=True)),
                TextBox("return address", "\n".join(job.sender), ret,
                        Style("serif", 7.0, 5.0, 1.2, "left", "top", FAINT_INK, block=True))]

    def draw(self, pdf: Pdf, job: CardJob) -> None:
        from exports.cards.pdf import FAINT

        pdf.page(self.size)
        w, h = self.size
        safe = self.safe_area(Box(0, 0, w, h))
        right = self.halves()[2]
        pdf.line(w / 2, safe.y + 0.2 * IN, w / 2, safe.top - 0.2 * IN, width=0.5, color=FAINT)
        message, address, sender = self.text_boxes(job)
        pdf.text(sender.text, sender.box, sender.style)
        if self.guides:
            self.draw_guides(pdf, message.box)
        else:
            pdf.text(message.text, message.box, message.style)
        self.draw_stamp(pdf, right)
        pdf.text(address.text, address.box, address.style)

    def draw_stamp(self, pdf: Pdf, right: Box) -> None:
        from exports.cards.pdf import FAINT

        sw, sh = self.stamp
        box = Box(right.right - sw, right.top - sh, sw, sh)
        pdf.rect(box, width=0.5, color=FAINT, dash=(2, 2))
        pdf.label("STAMP", box.x + sw / 2, box.y + sh / 2 - 2, size=6, align="centre",
                  color=FAINT)


class CardSheet(Renderer, CardFace):
    """Several flat cards on one sheet, with crop marks outside the cards to cut along."""

    cols: ClassVar[int] = 2
    rows: ClassVar[int] = 1
    mark_gap: ClassVar[float] = 4.0  # between a card's edge and its crop mark
    mark_length: ClassVar[float] = 14.0

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    def slots(self) -> list[Box]:
        """Each card's trim box, left to right, top to bottom, the grid centred on the sheet."""
        sw, sh = self.page_size
        cw, ch = self.size
        x0 = (sw - cw * self.cols) / 2
        y0 = (sh + ch * self.rows) / 2
        return [Box(x0 + c * cw, y0 - (r + 1) * ch, cw, ch)
                for r in range(self.rows) for c in range(self.cols)]

    def draw_all(self, pdf: Pdf, jobs: Sequence[CardJob]) -> None:
        for start in range(0, max(len(jobs), 1), self.per_sheet):
            pdf.page(self.page_size)
            self.draw_crop_marks(pdf)
            for slot, job in zip(self.slots(), jobs[start:start + self.per_sheet],
                                 strict=False):
                self.draw_face(pdf, slot, job, self.guides)

    def draw_crop_marks(self, pdf: Pdf) -> None:
        """Short lines on every cut, in the margin around the grid: never on a card."""
        slots = self.slots()
        left, right = min(s.x for s in slots), max(s.right for s in slots)
        bottom, top = min(s.y for s in slots), max(s.top for s in slots)
        gap, length = self.mark_gap, self.mark_length
        for x in sorted({round(v, 3) for s in slots for v in (s.x, s.right)}):
            pdf.line(x, top + gap, x, top + gap + length, width=0.3)
            pdf.line(x, bottom - gap, x, bottom - gap - length, width=0.3)
        for y in sorted({round(v, 3) for s in slots for v in (s.y, s.top)}):
            pdf.line(left - gap, y, left - gap - length, y, width=0.3)
            pdf.line(right + gap, y, right + gap + length, y, width=0.3)


class Letter2Up(CardSheet):
    name = "letter-2up"
    title = "A6 cards, 2 on a Letter sheet"
    description = "two US A6 cards (4.5×6.25 in) on a landscape Letter sheet, crop marks"
    size = (4.5 * IN, 6.25 * IN)
    sheet = (LETTER[1], LETTER[0])
    message_max = 17.0


class Letter4Up(CardSheet):
    name = "letter-4up"
    title = "3½×5 in note cards, 4 on a Letter sheet"
    description = "four 3.5×5 in note cards on a Letter sheet, crop marks"
    size = (3.5 * IN, 5 * IN)
    sheet = LETTER
    rows = 2
    margin = 0.25 * IN
    message_max = 13.0
    message_min = 9.0  # held in the hand (see CardFace.message_min)


class A4TwoUp(CardSheet):
    name = "a4-2up"
    title = "ISO A6 cards, 2 on an A4 sheet"
    iso = True
    description = "two ISO A6 cards (105×148 mm) on a landscape A4 sheet, crop marks"
    size = (105 * MM, 148 * MM)
    sheet = (A4[1], A4[0])
    paper = A4


class A4FourUp(CardSheet):
    name = "a4-4up"
    title = "ISO A7 cards, 4 on an A4 sheet"
    iso = True
    description = "four ISO A7 cards (74×105 mm) on an A4 sheet, crop marks"
    size = (74 * MM, 105 * MM)
    sheet = A4
    rows = 2
    paper = A4
    margin = 6 * MM
    message_max = 11.0
    message_min = 9.0  # held in the hand (see CardFace.message_min)
    footer_height = 11.0
