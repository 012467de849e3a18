"""What the Labels dialog may ask of the notebook: the choices to offer and the labels drawn.

Runs inside operations (on the worker). Whose labels and where they start follow one rule,
``exports.cards.label_run``, the one ``print-labels`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage import mailing
from storage.mailing import LabelChoice

if TYPE_CHECKING:
    from exports.cards.jobs import CardJob
    from ui.cards.pdf_raster import PdfPages  # pypdfium2 loads when labels are drawn

Recipients = tuple[list["CardJob"], list[str]]


@dataclass
class LabelOptions:
    """Tags in use (name, customers) and how many customers have a queued card."""

    tags: list[tuple[str, int]] = field(default_factory=list)
    queued: int = 0


@dataclass
class LabelSheets:
    """The labels drawn (None when nobody chosen has an address), and who was skipped."""

    rendered: PdfPages | None
    count: int = 0
    sheets: int = 0
    skipped: list[str] = field(default_factory=list)
    too_long: str = ""  # addresses the stock cannot take at a readable size ("" if none)
    unprintable: str = ""  # characters no bundled font draws, and where ("" if none)


class LabelService:
    """Thin facade over ``storage.mailing`` and ``exports.cards.label_run``.

    Who gets a label is read once per choice and kept, so clicking another first label
    redraws without reading the notebook again (35,000 labels: 1.9 s saved a click);
    :meth:`forget` drops it when the notebook changes.
    """

    def __init__(self) -> None:
        self._kept: tuple[int, LabelChoice, Recipients] | None = None
        self._epoch = 0  # forget() moves it on: a read started before cannot be kept

    def options(self) -> LabelOptions:
        """What the dialog offers to choose from."""
        return LabelOptions(mailing.tag_counts(), mailing.queued_recipients())

    def forget(self) -> None:
        """The notebook changed: read who gets a label again next time (GUI thread)."""
        self._epoch += 1
        self._kept = None

    def render(self, choice: LabelChoice, label_format: str, start: int,
               printer: str = "") -> LabelSheets:
        """The labels for ``choice`` on ``label_format`` from label ``start``, with
        ``printer``'s offsets."""
        from exports.cards.label_run import LabelRun, label_sheet, too_long_sentence
        from ui.cards import pdf_raster

        sheet = label_sheet(label_format, start, printer)
        jobs, skipped = self._recipients(choice)
        if not jobs:
            return LabelSheets(None, skipped=skipped)
        if problem := too_long_sentence(jobs, sheet.name):  # never cut to fit
            return LabelSheets(None, skipped=skipped, too_long=problem)
        from exports.cards.coverage import describe, unprintable

        run = LabelRun(sheet, jobs, skipped)
        # Whole: a sheet places its labels itself, so it must see every job at once.
        return LabelSheets(pdf_raster.read(sheet.render(jobs)), len(jobs), run.sheets(),
                           skipped, unprintable=describe(unprintable(jobs)))

    def rendered(self, choice: LabelChoice, label_format: str, start: int,
                 printer: str) -> PdfPages:
        """The labels drawn again for ``printer`` (its offsets), for Print…."""
        drawn = self.render(choice, label_format, start, printer).rendered
        if drawn is None:
            raise ValueError("nobody chosen has a postal address any more")
        return drawn

    def _recipients(self, choice: LabelChoice) -> Recipients:
        from exports.cards.label_run import recipients

        epoch, kept = self._epoch, self._kept
        if kept is not None and kept[0] == epoch and kept[1] == choice:
            return kept[2]
        found = recipients(choice)
        if epoch == self._epoch:
            self._kept = (epoch, choice, found)
        return found
