"""Address labels: the maker's sheet geometry (margins, pitch, label size) in points."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from exports.cards.base import Renderer, TextBox
from exports.cards.cardjob import CardJob
from exports.cards.geometry import A4, IN, LETTER, MM, Box, Offsets

if TYPE_CHECKING:
    from exports.cards.pdf import Pdf, Style


class LabelSheet(Renderer):
    """A sheet of address labels; geometry is the maker's: margins, pitch and label size."""

    kind = "label"
    cols: ClassVar[int] = 3
    rows: ClassVar[int] = 10
    left: ClassVar[float] = 0.0  # from the sheet's left edge to the first label
    top: ClassVar[float] = 0.0  # from the sheet's top edge to the first label
    pitch: ClassVar[tuple[float, float]] = (0.0, 0.0)  # label to label, across and down
    padding: ClassVar[tuple[float, float]] = (0.14 * IN, 0.07 * IN)
    address_max: ClassVar[float] = 11.0

    def __init__(self, offsets: Offsets | None = None, guides: bool = False,
                 start: int = 1) -> None:
        super().__init__(offsets, guides)
        self.start = self.check_start(start)  # the first free label of a part-used sheet

    @classmethod
    def per_sheet(cls) -> int:
        """How many labels a sheet holds."""
        return cls.cols * cls.rows

    @classmethod
    def check_start(cls, start: int) -> int:
        """``start`` when it names a label of the sheet; a ValueError in plain words if not."""
        if not 1 <= start <= cls.per_sheet():
            raise ValueError(f"there is no label {start} on the {cls.name} sheet: its labels are "
                             f"numbered 1 to {cls.per_sheet()}, row by row from the top left")
        return start

    def slots(self) -> list[Box]:
        w, h = self.size
        sheet_h = self.page_size[1]
        return [Box(self.left + c * self.pitch[0], sheet_h - self.top - r * self.pitch[1] - h,
                    w, h) for r in range(self.rows) for c in range(self.cols)]

    def address_style(self) -> Style:
        from exports.cards.pdf import Style

        return Style("serif", self.address_max, 6.0, 1.15, "left", "middle", block=True)

    def text_boxes(self, job: CardJob) -> list[TextBox]:
        """The recipient's address on one label (the fit report's list)."""
        label = Box(0, 0, *self.size).inset(*self.padding)
        return [TextBox("address", "\n".join(job.recipient), label, self.address_style())]

    def draw_all(self, pdf: Pdf, jobs: Sequence[CardJob]) -> None:
        style = self.address_style()
        per_sheet = self.per_sheet()
        # The used labels of the first sheet stay empty: the sheet goes in part-used.
        placed: list[CardJob | None] = [None] * (self.start - 1) + list(jobs)
        for first in range(0, max(len(placed), self.start), per_sheet):
            pdf.page(self.page_size)
            for slot, job in zip(self.slots(), placed[first:first + per_sheet], strict=False):
                if job is not None:
                    pdf.text("\n".join(job.recipient), slot.inset(*self.padding), style)


class Avery5160(LabelSheet):
    name = "avery-5160"
    title = "Avery 5160 labels, Letter"
    description = "Avery 5160 address labels, Letter, 3 × 10 (30 a sheet)"
    size = (2.625 * IN, 1.0 * IN)
    sheet = LETTER
    left, top = 0.1875 * IN, 0.5 * IN
    pitch = (2.75 * IN, 1.0 * IN)
    address_max = 10.0


class AveryL7160(LabelSheet):
    name = "avery-l7160"
    title = "Avery L7160 labels, A4"
    description = "Avery L7160 address labels, A4, 3 × 7 (21 a sheet)"
    size = (63.5 * MM, 38.1 * MM)
    sheet = A4
    paper = A4
    cols, rows = 3, 7
    left, top = 7.25 * MM, 15.15 * MM
    pitch = (66.04 * MM, 38.1 * MM)
