"""A run of address labels, the same for ``print-labels`` and the window's Labels dialog:
which stock, whose labels (``storage.mailing``), and the first free label of the sheet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from domain.model import Customer
from exports import cards
from exports.cards.jobs import CardJob, recipient_lines
from exports.cards.labels import LabelSheet
from exports.cards.offsets import offsets_for
from storage import mailing
from storage import templates as store


@dataclass
class LabelRun:
    """What to draw: the sheet (its start set), one job per label, and who was skipped."""

    sheet: LabelSheet
    jobs: list[CardJob] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def sheets(self) -> int:
        """How many sheets the labels take."""
        return max(1, -(-(self.sheet.start - 1 + len(self.jobs)) // self.sheet.per_sheet()))


SKIPPED_NAMED = 12  # names a message lists; the rest are counted


def skipped_sentence(names: Sequence[str], named: int = SKIPPED_NAMED) -> str:
    """"Skipped 2 customers without a postal address: Ana Lima, Bo Chen." ("" for none)."""
    if not names:
        return ""
    more = len(names) - named
    return (f"Skipped {len(names)} customer{'s' if len(names) != 1 else ''} without a postal "
            f"address: {', '.join(names[:named])}" + (f" and {more} more" if more > 0 else "")
            + ".")


def label_jobs(people: Sequence[Customer], home: str) -> list[CardJob]:
    """One label per customer: name, company and address as their country writes them."""
    return [CardJob(recipient=recipient_lines(p, home), customer=p.display_name)
            for p in people]


def label_sheet(label_format: str = "", start: int = 1, printer: str = "") -> LabelSheet:
    """The stock ``label_format`` (the default when empty) from label ``start``, with
    ``printer``'s offsets. A bad format or start raises ValueError before anything is read."""
    sheet_cls = cast(type[LabelSheet], cards.get(label_format or cards.DEFAULT["label"],
                                                 "label"))
    sheet_cls.check_start(start)
    return sheet_cls(offsets_for(printer, sheet_cls.name), start=start)


def recipients(choice: mailing.LabelChoice) -> tuple[list[CardJob], list[str]]:
    """A label's lines for each customer ``choice`` names who has a postal address, and the
    names of those who have none."""
    found = mailing.label_people(choice)
    return label_jobs(found.people, store.load_sender().home), found.skipped


def label_run(choice: mailing.LabelChoice, label_format: str = "", start: int = 1,
              printer: str = "") -> LabelRun:
    """The labels for ``choice`` on ``label_format`` from label ``start`` (see
    :func:`label_sheet` and :func:`recipients`)."""
    sheet = label_sheet(label_format, start, printer)
    return LabelRun(sheet, *recipients(choice))


def too_long_sentence(jobs: Sequence[CardJob], label_format: str) -> str:
    """The window's words for labels whose address does not fit the stock at a readable
    size (the same rule that stops ``print-labels``); "" when every address fits."""
    from exports.cards import fit_report

    found = fit_report.misfits(jobs, label_format)
    if not found:
        return ""
    names = [jobs[i].customer or "(no name)" for i, _m in found]
    larger = fit_report.format_for_all(jobs, label_format)
    way_out = (f"Choose the {larger} stock, or shorten them" if larger
               else "Shorten them")
    return (f"{len(names)} address{'es' if len(names) != 1 else ''} too long for this label "
            f"at a readable size: {', '.join(names[:SKIPPED_NAMED])}"
            + (f" and {len(names) - SKIPPED_NAMED} more" if len(names) > SKIPPED_NAMED else "")
            + f". {way_out}; nothing is ever cut to fit.")
