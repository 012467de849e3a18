"""Printing a batch: one PDF for the chosen cards and one for their envelopes, drawn on the
worker with a progress bar, previewed, saved or printed, then marked printed or mailed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.model import Card
from exports import cards as formats
from exports.cards.fit_report import spoken
from exports.cards.geometry import inches
from ui import theme
from ui.cards import CARDS, alive, printing
from ui.cards.feed_hint import FeedHint, feed_kinds
from ui.cards.format_choice import add_formats
from ui.cards.misfit_panel import MisfitPanel
from ui.cards.pdf_pane import PdfPane
from ui.cards.service import Batch, CardService
from ui.events import TIMELINE, AppEvents
from ui.operations import Operations
from ui.widgets.fit import fit_to_screen


class Progress(QObject):
    """Told by the worker how far the drawing got; heard on the GUI thread."""

    changed = Signal(int, int, str)

    def report(self, done: int, total: int, what: str) -> None:
        self.changed.emit(done, total, what)


def usual_format(chosen: Sequence[Card]) -> str:
    """The card format most of ``chosen`` have (the default when there are none)."""
    counts = Counter(c.card_format for c in chosen if c.card_format in formats.names("card"))
    return counts.most_common(1)[0][0] if counts else formats.DEFAULT["card"]


def printer_combo() -> QComboBox:
    """The system's printers (the default first), or one entry when it has none."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)  # a long printer name must not widen the dialog
    names = printing.printer_names()
    for name in names:
        combo.addItem(name, name)
    if not names:
        combo.addItem("Default printer", printing.ANY_PRINTER)
    return combo


def paper_hint(card_format: str) -> str:
    """What to load in the printer for ``card_format`` (how to feed it: ``feed_kinds``)."""
    cls = formats.get(card_format, "card")
    return f"Card stock {inches(cls.sheet or cls.size)}, at 100 % (no “fit to page”)."


class PrintDialog(QDialog):
    """Print the cards ``card_ids`` (in that order) and their envelopes."""

    marked = Signal(str, list)  # status, card ids

    def __init__(self, service: CardService, ops: Operations, events: AppEvents,
                 card_ids: Sequence[int], card_format: str, read_only: bool = False,
                 parent: QWidget | None = None, clock: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self._clock = clock  # the day marks are dated and settle suggestions on
        self.setWindowTitle("Print cards")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1000, 780)  # a big screen shows the cards large; fit_to_screen shrinks it
        self._service, self._ops, self._events = service, ops, events
        self._ids, self._read_only = list(card_ids), read_only
        self.batch: Batch | None = None
        self._generation = 0
        self._progress: Progress | None = None
        self._left_out: set = set()  # characters the owner agreed to print without
        self._build(card_format)
        self._connect_callbacks()
        fit_to_screen(self)
        self.render()

    # --- layout -------------------------------------------------------------------------

    def _build(self, card_format: str) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        count = len(self._ids)
        outer.addWidget(theme.label(f"Print {count} card{'s' if count != 1 else ''}",
                                    "heading"))
        outer.addLayout(self._build_options(card_format))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress_text = theme.label("", "muted")
        outer.addWidget(self.progress)
        outer.addWidget(self.progress_text)
        self.warning = QLabel()
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {theme.WARNING_TEXT}; background: "
                                   f"{theme.WARNING_SOFT}; border-radius: 6px; padding: 6px;")
        self.warning.hide()
        outer.addWidget(self.warning)
        self.misfits = MisfitPanel()
        outer.addWidget(self.misfits)
        outer.addWidget(self._build_unprintable())
        today = date.today().isoformat()
        self.cards_pane = PdfPane(self._ops, "cards", f"cards-{today}.pdf",
                                  stock="card stock")
        self.envelopes_pane = PdfPane(self._ops, "envelopes", f"envelopes-{today}.pdf",
                                      stock="envelopes")
        self.card_feed, self.envelope_feed = FeedHint(), FeedHint()  # how to feed the paper
        self.cards_pane.buttons.insertWidget(0, self.card_feed, 2)
        self.envelopes_pane.buttons.insertWidget(0, self.envelope_feed, 2)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cards_pane, "Cards")
        self.tabs.addTab(self.envelopes_pane, "Envelopes")
        outer.addWidget(self.tabs, 1)
        outer.addLayout(self._build_footer())

    def _build_options(self, card_format: str) -> QHBoxLayout:
        row = QHBoxLayout()
        self.card_format = QComboBox()
        self.envelope_format = QComboBox()
        self.envelope_format.addItem("No envelopes", "")
        add_formats(self.card_format, "card")
        add_formats(self.envelope_format, "envelope")
        self.card_format.setCurrentIndex(max(0, self.card_format.findData(card_format)))
        self._match_envelope()
        self.printer = printer_combo()
        for title, combo in (("Card format", self.card_format),
                             ("Envelopes", self.envelope_format), ("Printer", self.printer)):
            row.addWidget(theme.label(title, "muted"))
            row.addWidget(combo, 1)
        return row

    def _build_unprintable(self) -> QWidget:
        """The characters no font draws, named, with the owner's choice: leave them out, or
        stop (the command line asks the same with ``--skip-unprintable``)."""
        self.unprintable = QWidget()
        row = QHBoxLayout(self.unprintable)
        row.setContentsMargins(0, 0, 0, 0)
        self.unprintable_text = QLabel()
        self.unprintable_text.setTextFormat(Qt.TextFormat.PlainText)
        self.unprintable_text.setWordWrap(True)
        self.unprintable_text.setStyleSheet(f"color: {theme.WARNING_TEXT}; background: "
                                            f"{theme.WARNING_SOFT}; border-radius: 6px; "
                                            "padding: 6px;")
        self.leave_out = QPushButton("Print without them")
        self.stop = QPushButton("Stop")
        row.addWidget(self.unprintable_text, 1)
        for button in (self.leave_out, self.stop):
            button.setAutoDefault(False)
            row.addWidget(button)
        self.leave_out.clicked.connect(self._leave_out)
        self.stop.clicked.connect(self.reject)
        self.unprintable.hide()
        return self.unprintable

    def _show_unprintable(self, found: list) -> None:
        """Until the owner agrees to leave the characters out, nothing can be printed."""
        from exports.cards.coverage import describe

        found = [f for f in found if f not in self._left_out]  # asked once per dialog
        text = describe(found)
        self.unprintable_text.setText(text[:1].upper() + text[1:] + " They are left out of "
                                      "the PDF: print without them, or stop and change the "
                                      "text.")
        self.unprintable.setVisible(bool(found))
        if found:
            for pane in (self.cards_pane, self.envelopes_pane):
                pane.save_button.setEnabled(False)
                pane.print_button.setEnabled(False)
            self._enable_marks(False)

    def _leave_out(self) -> None:
        if self.batch is not None:
            self._left_out.update(self.batch.unprintable)
        self.unprintable.hide()
        for pane in (self.cards_pane, self.envelopes_pane):
            pane.save_button.setEnabled(pane.rendered is not None)
            pane.print_button.setEnabled(pane.rendered is not None)
        self._enable_marks(self.batch is not None and bool(self.batch.cards))

    def _build_footer(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.note = theme.label("Once they are printed, mark them: each customer's timeline "
                                "gets a card touch.", "muted")
        self.note.setWordWrap(True)
        self.mark_printed = QPushButton("Mark printed")
        self.mark_printed.setProperty("primary", True)
        self.mark_mailed = QPushButton("Mark mailed")
        self.close_button = QPushButton("Close")
        row.addWidget(self.note, 1)
        for button in (self.mark_printed, self.mark_mailed, self.close_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        self._enable_marks(False)
        return row

    def _connect_callbacks(self) -> None:
        self.card_format.currentIndexChanged.connect(self._on_card_format)
        self.envelope_format.currentIndexChanged.connect(lambda _i: self.render())
        self.printer.currentIndexChanged.connect(lambda _i: self.render())
        self.mark_printed.clicked.connect(lambda: self.mark("printed"))
        self.mark_mailed.clicked.connect(lambda: self.mark("mailed"))
        self.close_button.clicked.connect(self.reject)
        self.misfits.switch.connect(self._switch_cards)
        self.misfits.use_for_all.connect(
            lambda fmt: self.card_format.setCurrentIndex(self.card_format.findData(fmt)))
        self.misfits.open_card.connect(self._open_card)
        self._events.data_changed.connect(self._on_data_changed)
        self.cards_pane.printed.connect(lambda _pages: self._offer_mark())

    # --- drawing ------------------------------------------------------------------------

    def _match_envelope(self) -> None:
        fitting = formats.ENVELOPE_FOR.get(self.card_format.currentData(), "")
        self.envelope_format.setCurrentIndex(max(0, self.envelope_format.findData(fitting)))

    def _on_card_format(self, _index: int) -> None:
        self.envelope_format.blockSignals(True)
        self._match_envelope()
        self.envelope_format.blockSignals(False)
        self.render()

    def options(self) -> tuple[str, str, str]:
        """Card format, envelope format ("" for none) and printer chosen."""
        return (self.card_format.currentData(), self.envelope_format.currentData(),
                self.printer.currentData())

    def render(self) -> None:
        """Draw both PDFs on the worker (again) with the options chosen."""
        self._generation += 1
        generation, (card_format, envelope_format, printer) = self._generation, self.options()
        ids, service = list(self._ids), self._service
        self._forget_progress()
        # No parent: it lives as long as the job, which may outlive this dialog.
        progress = self._progress = Progress()
        progress.changed.connect(self._on_progress)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_text.setText("Drawing the cards…")
        self._show_feed(card_format, envelope_format)
        self.cards_pane.set_rendered(None, "Drawing the cards…")
        self.envelopes_pane.set_rendered(None, "Drawing the envelopes…" if envelope_format
                                         else "No envelopes chosen.")
        self._enable_marks(False)
        self._ops.run(lambda: service.render_batch(ids, card_format, envelope_format, printer,
                                                   progress.report),
                      alive(self, lambda batch: self._rendered(generation, batch)),
                      alive(self, lambda exc: self._failed(generation, exc)),
                      label="draw cards")

    def _show_feed(self, card_format: str, envelope_format: str) -> None:
        self.card_feed.set_kind(*feed_kinds(card_format))
        self.envelope_feed.set_kind(f"envelope:{envelope_format}" if envelope_format else "")

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress_text.setText(f"Drawing the {what}… {done} of {total}")

    def _forget_progress(self) -> None:
        if self._progress is not None:
            self._progress.changed.disconnect(self._on_progress)
            self._progress = None

    def _rendered(self, generation: int, batch: Batch) -> None:
        if generation != self._generation:
            return  # the owner changed an option meanwhile; a newer drawing is coming
        self._forget_progress()
        self.batch = batch
        self.progress.hide()
        count = len(batch.card_pdf)
        self.progress_text.setText(f"Ready: {count} page{'s' if count != 1 else ''} of cards"
                                   + (f", {len(batch.envelope_pdf)} of envelopes."
                                      if batch.envelope_pdf else "."))
        card_format, envelope_format, _printer = self.options()
        self.cards_pane.set_rendered(batch.card_pdf, fold=card_format == "a2-folded")
        self.cards_pane.note.setText(paper_hint(card_format))
        self.envelopes_pane.set_rendered(batch.envelope_pdf, "No envelopes chosen.")
        if envelope_format:
            size = inches(formats.get(envelope_format, "envelope").size)
            self.envelopes_pane.note.setText(f"Envelopes {size}, at 100 % (no “fit to page”).")
        self._set_printer_on_panes()
        if not batch.cards:  # every chosen card was left out: no blank page to print
            self.progress_text.setText("Nothing to print: no chosen card fits this format.")
            for pane in (self.cards_pane, self.envelopes_pane):
                pane.set_rendered(None, "Nothing to print: see the cards named above.")
        self.warning.setText("No postal address for " + ", ".join(batch.no_address)
                             + ": their envelopes carry the name only." if batch.no_address
                             else "")
        self.warning.setVisible(bool(batch.no_address))
        self.misfits.show_unfit(batch.unfit, card_format, batch.fits_all)
        self._enable_marks(bool(batch.cards))
        self._show_unprintable(batch.unprintable)

    def _set_printer_on_panes(self) -> None:
        ids, service = list(self._ids), self._service
        card_format, envelope_format, printer = self.options()
        self.cards_pane.set_printer(printer, lambda name: service.render_batch(
            ids, card_format, "", name).card_pdf)
        self.envelopes_pane.set_printer(printer, lambda name: service.render_batch(
            ids, card_format, envelope_format, name).envelope_pdf)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._forget_progress()
            self.progress.hide()
            self.progress_text.setText(f"The cards could not be drawn: {exc}")
            self.cards_pane.set_rendered(None, str(exc))

    def is_ready(self) -> bool:
        """Whether the PDFs for the current options are drawn (tests)."""
        return self.batch is not None and self.progress.isHidden()

    # --- cards that do not fit ----------------------------------------------------------

    def _switch_cards(self, ids: list[int], card_formats: list[str]) -> None:
        """Give the cards that do not fit the larger format their words fit; they leave this
        batch and stay in the print queue, for a batch on that stock."""
        service = self._service
        self._ops.run(lambda: service.switch_format(ids, card_formats),
                      alive(self, lambda _r: self._switched(ids, card_formats)),
                      alive(self, lambda exc: self.note.setText(f"Not switched: {exc}")),
                      label="switch card format")

    def _switched(self, ids: list[int], card_formats: list[str]) -> None:
        self._events.changed(self, **{CARDS: set(ids)})
        self._ids = [i for i in self._ids if i not in ids]
        count, where = len(ids), " or ".join(sorted(map(spoken, set(card_formats))))
        self.note.setText(f"Switched {count} card{'s' if count != 1 else ''} to {where}: "
                          f"{'they stay' if count != 1 else 'it stays'} in the print queue "
                          "for a batch on that card stock.")
        self.render()

    def _open_card(self, card: Card) -> None:
        """Open a card that does not fit in the editor; once saved, the batch is redrawn."""
        from types import SimpleNamespace

        from ui.cards.editor import open_card_editor

        ctx = SimpleNamespace(ops=self._ops, events=self._events,
                              notebook=SimpleNamespace(read_only=self._read_only))
        open_card_editor(self.parentWidget() or self, ctx, card.customer_id, card.occasion,
                         card_id=card.id, service=self._service)

    def _on_data_changed(self, changes: dict, initiator: object) -> None:
        if initiator is not self and set(changes.get(CARDS, ())) & set(self._ids):
            self.render()  # a card of this batch was edited (shortened) meanwhile

    # --- marking ------------------------------------------------------------------------

    def _enable_marks(self, on: bool) -> None:
        self.mark_printed.setEnabled(on and not self._read_only)
        self.mark_mailed.setEnabled(on and not self._read_only)

    def _offer_mark(self) -> None:
        """The cards went to the printer: marking them printed is the next step."""
        if self.mark_printed.isEnabled():
            self.note.setText("Printed? Mark them printed: each customer's timeline gets a "
                              "card touch.")
            self.mark_printed.setDefault(True)
            self.mark_printed.setFocus()

    def mark(self, status: str) -> None:
        """Mark the batch's cards printed or mailed; log a card touch per customer and settle
        the suggestions the cards answer (storage ``set_status``)."""
        if self.batch is None or self._read_only:
            return
        ids = [c.id for c in self.batch.cards]
        people = {c.customer_id for c in self.batch.cards}
        service, today = self._service, self._clock()
        self._enable_marks(False)
        self._ops.run(lambda: service.set_status(ids, status, today),
                      lambda _cards: self._marked(status, ids, people),
                      alive(self, lambda exc: self._mark_failed(exc)), label=f"mark {status}")

    def _marked(self, status: str, ids: list[int], people: set[int]) -> None:
        self._events.changed(self, **{CARDS: set(ids), TIMELINE: people})
        count = len(ids)
        self._events.say(f"Marked {count} card{'s' if count != 1 else ''} {status}.")
        try:
            self.note.setText(f"Marked {status}: a card touch is on each customer's timeline.")
            self.mark_mailed.setEnabled(status == "printed" and not self._read_only)
            self.marked.emit(status, ids)
        except RuntimeError:
            pass  # the dialog was closed meanwhile; the change is announced all the same

    def _mark_failed(self, exc: BaseException) -> None:
        self._enable_marks(True)
        self.note.setText(f"Not marked: {exc}")
