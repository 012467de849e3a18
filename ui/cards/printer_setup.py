"""A printer set up for one job: the job's own page size in full-page mode, the orientation
of its pages, and duplex on the edge the format flips on. The window (before its print
dialog opens, so the dialog's Properties show the card stock) and the command line
(``--printer``) both go through :func:`set_up`.

Why not ``QPrinter.setPageLayout``: on a printer whose driver reports hardware margins it
refuses a zero-margin layout, and on a driver without custom sizes it refuses every size the
driver does not list, returning False; ignored, the job went out on the queue's Letter or A4
(MEASURED.md). ``setPageSize`` with the driver's own size of the same dimensions (its
borderless variant when it has one) is taken. Every return value is checked and the layout
read back; a size the printer cannot take is named in a :class:`PrinterError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from exports import cards as formats
from exports.cards.geometry import IN, inches, millimetres

SLACK = 1.5  # points: drivers round sizes to whole points (A4 is 595 × 842 in a PPD)
STOCK = {"card": "card stock", "envelope": "envelopes", "label": "label sheets"}
Duplex = QPrinter.DuplexMode
DUPLEX = {"": Duplex.DuplexNone, "short": Duplex.DuplexShortSide,
          "long": Duplex.DuplexLongSide}


class PrinterError(OSError):
    """The printer cannot print the job as it is; the message says so in one line."""


@dataclass(frozen=True, slots=True)
class Paper:
    """What one job prints on: every page's size in points (landscape when wider than
    tall), what the owner loads, and the edge two-sided sheets flip on ("" one-sided)."""

    size: tuple[float, float]
    stock: str = "paper"
    duplex: str = ""

    @classmethod
    def for_format(cls, name: str) -> Paper:
        """The paper of the card, envelope or label format ``name``."""
        fmt = formats.get(name)
        return cls(fmt.sheet or fmt.size, STOCK.get(fmt.kind, "paper"), fmt.duplex)

    def describe(self) -> str:
        """``8.5 × 5.5 in card stock``; millimetres for sizes not in eighths of an inch."""
        eighths = all(abs(v / IN * 8 - round(v / IN * 8)) < 0.02 for v in self.size)
        return f"{inches(self.size) if eighths else millimetres(self.size)} {self.stock}"

    def needs_manual_duplex(self, printer: QPrinter) -> bool:
        """Whether this two-sided job must be printed one side at a time on ``printer``
        (it cannot duplex, or the owner turned duplex off in the print dialog). Never for
        a PDF file: its pages stay in order, one after another."""
        native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        return bool(self.duplex) and native and printer.duplex() == Duplex.DuplexNone


def set_up(printer: QPrinter, paper: Paper) -> None:
    """Give ``printer`` the paper's size, full page, and duplex as the format needs (when the
    printer has it). Raises :class:`PrinterError` when the printer cannot take the size."""
    set_size(printer, paper)
    preset_duplex(printer, paper)


def set_size(printer: QPrinter, paper: Paper) -> None:
    """The paper's size on ``printer``, full page, pages turned as the paper is; checked."""
    printer.setFullPage(True)  # returns nothing: read back
    if not printer.fullPage():
        raise _cannot(printer, paper)
    if not printer.setPageSize(_page_size(printer, paper)):
        raise _cannot(printer, paper)
    w, h = paper.size
    turn = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    if not printer.setPageOrientation(turn):
        raise _cannot(printer, paper)
    # Zero margins are refused where the driver has no borderless variant of the size: the
    # painting still covers the paper (full page), the driver keeps its own margins.
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    if not same_size(printer, paper):
        raise _cannot(printer, paper)


def preset_duplex(printer: QPrinter, paper: Paper) -> None:
    """Two-sided on the paper's edge when the printer has it, one-sided otherwise (a
    two-sided job then goes by hand). A one-sided job is never printed on both sides."""
    wanted = DUPLEX[paper.duplex]
    if wanted not in _info(printer).supportedDuplexModes():
        wanted = Duplex.DuplexNone
    printer.setDuplex(wanted)  # returns nothing: read back
    if printer.duplex() != wanted and wanted != Duplex.DuplexNone:
        wanted = Duplex.DuplexNone  # it would not take the edge: by hand instead
        printer.setDuplex(wanted)
    if printer.duplex() != wanted:
        raise PrinterError(f"{_named(printer)} would print {paper.describe()} on both "
                           "sides; print to a PDF instead.")


def same_size(printer: QPrinter, paper: Paper) -> bool:
    """Whether ``printer``'s paper is the paper's size, as its layout reads back."""
    rect = printer.pageLayout().fullRectPoints()
    return _close((rect.width(), rect.height()), paper.size)


def keep_size(printer: QPrinter, paper: Paper) -> str:
    """After the print dialog: the paper's size again if the dialog changed it, and what it
    had changed, in words ("" when it kept the job's size). Raises PrinterError when the
    printer chosen there cannot take the paper.

    Qt's dialog for a CUPS driver sets the driver's default paper (Letter) when it is
    accepted, whatever the printer had; the pages are drawn at the paper's size and painted
    over the whole sheet, so any other size would stretch them.
    """
    if same_size(printer, paper):
        return ""
    layout = printer.pageLayout()
    rect = layout.fullRectPoints()
    changed = (f"The print dialog chose {layout.pageSize().name()} "
               f"({inches((rect.width(), rect.height()))}); the pages went out on "
               f"{paper.describe()}, the size they are drawn at.")
    set_size(printer, paper)
    return changed


def _info(printer: QPrinter) -> QPrinterInfo:
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return QPrinterInfo()  # a PDF file: no driver to ask
    return QPrinterInfo.printerInfo(printer.printerName())


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= SLACK and abs(a[1] - b[1]) <= SLACK


def _page_size(printer: QPrinter, paper: Paper) -> QPageSize:
    """The driver's own size of the paper's dimensions (portrait, as drivers list them),
    the borderless one when there is one; an exact custom size where the driver takes
    custom sizes; otherwise :class:`PrinterError`."""
    portrait = (min(paper.size), max(paper.size))
    info = _info(printer)
    listed = info.supportedPageSizes() if not info.isNull() else []
    same = [s for s in listed if _close(s.size(QPageSize.Unit.Point).toTuple(), portrait)]
    if same:
        return min(same, key=lambda s: _margin_sum(printer, s))
    if listed and not _takes_custom(info, portrait):
        raise _cannot(printer, paper)
    return QPageSize(QSizeF(*portrait), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)


def _margin_sum(printer: QPrinter, size: QPageSize) -> float:
    """The driver's least margins on ``size`` (0 for a borderless size)."""
    printer.setPageSize(size)
    m = printer.pageLayout().minimumMargins()
    return m.left() + m.top() + m.right() + m.bottom()


def _takes_custom(info: QPrinterInfo, portrait: tuple[float, float]) -> bool:
    if not info.supportsCustomPageSizes():
        return False
    low = info.minimumPhysicalPageSize().size(QPageSize.Unit.Point)
    high = info.maximumPhysicalPageSize().size(QPageSize.Unit.Point)
    if high.isEmpty():  # the driver gives no range
        return True
    return (low.width() - SLACK <= portrait[0] <= high.width() + SLACK
            and low.height() - SLACK <= portrait[1] <= high.height() + SLACK)


def _cannot(printer: QPrinter, paper: Paper) -> PrinterError:
    return PrinterError(f"{_named(printer)} cannot take {paper.describe()}; "
                        "print to a PDF instead.")


def _named(printer: QPrinter) -> str:
    name = printer.printerName()
    return f"The printer '{name}'" if name else "The printer"
