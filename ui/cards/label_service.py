"""What the Labels dialog may ask of the notebook: the choices to offer and the labels drawn.

Runs inside operations (on the worker). Whose labels and where they start follow one rule,
``exports.cards.label_run``, the one ``print-labels`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage import mailing
from ui.cards.recording import Rendered


@dataclass
class LabelOptions:
    """Tags in use (name, customers) and how many customers have a queued card."""

    tags: list[tuple[str, int]] = field(default_factory=list)
    queued: int = 0


@dataclass
class LabelSheets:
    """The labels drawn (None when nobody chosen has an address), and who was skipped."""

    rendered: Rendered | None
    count: int = 0
    sheets: int = 0
    skipped: list[str] = field(default_factory=list)


class LabelService:
    """Thin facade over ``storage.mailing`` and ``exports.cards.label_run``."""

    def options(self) -> LabelOptions:
        """What the dialog offers to choose from."""
        return LabelOptions(mailing.tag_counts(), mailing.queued_recipients())

    def render(self, choice: mailing.LabelChoice, label_format: str, start: int,
               printer: str = "") -> LabelSheets:
        """The labels for ``choice`` on ``label_format`` from label ``start``, with
        ``printer``'s offsets."""
        from exports.cards.label_run import label_run
        from ui.cards.recording import render_whole

        run = label_run(choice, label_format, start, printer)
        if not run.jobs:
            return LabelSheets(None, skipped=run.skipped)
        # Whole: a sheet places its labels itself, so it must see every job at once.
        return LabelSheets(render_whole(run.sheet, run.jobs), len(run.jobs), run.sheets(),
                           run.skipped)

    def rendered(self, choice: mailing.LabelChoice, label_format: str, start: int,
                 printer: str) -> Rendered:
        """The labels drawn again for ``printer`` (its offsets), for Print…."""
        drawn = self.render(choice, label_format, start, printer).rendered
        if drawn is None:
            raise ValueError("nobody chosen has a postal address any more")
        return drawn
