"""Behaviour of the Cards screen: load the lists on the worker, preview the chosen card, move
cards along (queue, drafts, printed, mailed, deleted), print, and the printing settings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject

from ui.cards import CARDS, alive
from ui.cards.commands import DeleteCards
from ui.cards.preview_runner import PreviewRunner
from ui.cards.screen import TABS, CardsScreen
from ui.cards.service import CardRow, CardService
from ui.events import CUSTOMERS, DELETED, TIMELINE
from ui.widgets.fit import fit_to_screen

SENT_LIMIT = 200  # printed and mailed: the newest this many
PICK_ONE = "Choose a card to see it as it will print."


class CardsController(QObject):
    """Drives the :class:`CardsScreen`."""

    def __init__(self, view: CardsScreen, service: CardService, ctx) -> None:
        super().__init__(view)
        self.view, self._service, self.ctx = view, service, ctx
        self._lists: dict[str, list[CardRow]] = {}
        self._loaded = False
        self._loading = 0  # loads under way
        self._print_when_loaded = False  # Ctrl+P came before the lists
        self.preview = PreviewRunner(ctx.ops, view.preview, delay_ms=120, parent=self)
        self._connect_callbacks()
        self.load()

    def _connect_callbacks(self) -> None:
        v, actions = self.view, self.ctx.actions
        v.tabs.currentChanged.connect(lambda _i: self._show_tab())
        v.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())
        v.table.doubleClicked.connect(lambda _index: self.edit())
        v.edit_button.clicked.connect(self.edit)
        v.queue_button.clicked.connect(lambda: self.move("queued"))
        v.draft_button.clicked.connect(lambda: self.move("draft"))
        v.printed_button.clicked.connect(lambda: self.move("printed"))
        v.mailed_button.clicked.connect(lambda: self.move("mailed"))
        v.delete_button.clicked.connect(self.delete)
        v.print_button.clicked.connect(self.print_cards)
        v.aid_button.clicked.connect(self.writing_aid)
        v.labels_button.clicked.connect(lambda: self.labels())
        v.sender_action.triggered.connect(self.edit_sender)
        v.calibrate_action.triggered.connect(self.calibrate)
        if "print_cards" in actions:
            actions["print_cards"].triggered.connect(self.print_shortcut)
        if "print_labels" in actions:
            actions["print_labels"].triggered.connect(lambda: self.labels())
        self.ctx.events.data_changed.connect(self._on_data_changed)

    # --- loading ------------------------------------------------------------------------

    def load(self) -> None:
        """Fetch every list on the worker, then show the current tab."""
        self._loading += 1
        service = self._service

        def fetch() -> dict[str, list[CardRow]]:
            return {status: service.card_rows(
                status, SENT_LIMIT if status in ("printed", "mailed") else None)
                for status, _title in TABS}

        self.ctx.ops.run(fetch, alive(self.view, self._loaded_lists),
                         alive(self.view, self._load_failed), label="load cards")

    def _load_failed(self, exc: BaseException) -> None:
        self._loading -= 1
        self._print_when_loaded = False
        self.ctx.events.say(f"The cards could not be loaded: {exc}")

    def _loaded_lists(self, lists: dict[str, list[CardRow]]) -> None:
        self._loading -= 1
        chosen = self.chosen_ids()
        self._lists, self._loaded = lists, True
        self.view.set_counts({s: len(rows) for s, rows in lists.items()})
        self._show_tab(keep=chosen)
        self.view.count.setText("")
        if self._print_when_loaded and not self._loading:
            self._print_when_loaded = False
            self.print_cards()

    def is_loaded(self) -> bool:
        """Whether the lists have arrived (tests)."""
        return self._loaded and not self._loading

    def refresh(self) -> None:
        """Reload (the screen came to the front: the command line may have printed cards)."""
        self.load()

    def _on_data_changed(self, changes: dict, _initiator: object) -> None:
        if self.view.isVisible() and any(k in changes for k in (CARDS, DELETED, CUSTOMERS)):
            self.load()  # when hidden, coming to the front reloads anyway

    def _show_tab(self, keep: list[int] | None = None) -> None:
        status = self.view.status()
        rows = self._lists.get(status, [])
        self.view.model.set_rows(rows, status)
        self.view.show_list(status, empty=self._loaded and not rows)
        self.select(keep or [r.card.id for r in rows[:1]])  # something to preview at once
        self._on_selection()

    # --- the chosen cards ---------------------------------------------------------------

    def chosen_rows(self) -> list[CardRow]:
        """The cards selected in the list, top to bottom."""
        rows = sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})
        return [self.view.model.row_at(r) for r in rows]

    def chosen_ids(self) -> list[int]:
        """Ids of the selected cards."""
        return [r.card.id for r in self.chosen_rows()]

    def select(self, card_ids: list[int]) -> None:
        """Select ``card_ids`` in the current tab (those it shows)."""
        model, selection = self.view.model, QItemSelection()
        for card_id in card_ids:
            row = model.row_of(card_id)
            if row >= 0:
                selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        self.view.table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _on_selection(self) -> None:
        rows = self.chosen_rows()
        self.view.show_buttons(self.view.status(), len(rows))
        self.view.show_print_scope(len(rows), len(self._lists.get("queued", [])))
        if not self.view.isVisible():
            return  # drawn when the screen comes to the front (reportlab loads only then)
        if len(rows) == 1:
            card, service = rows[0].card, self._service
            self.preview.request(lambda: service.card_preview(card.id), now=True,
                                 fold=card.card_format == "a2-folded")
        elif rows:
            self.preview.clear(f"{len(rows)} cards chosen. Print the {len(rows)} chosen… "
                               "puts them in one PDF.")
        else:
            self.preview.clear(PICK_ONE)

    # --- moving cards along -------------------------------------------------------------

    def edit(self) -> None:
        """Open the chosen draft or queued card in the card editor."""
        rows = self.chosen_rows()
        if len(rows) != 1 or rows[0].card.status not in ("draft", "queued"):
            return
        from ui.cards.editor import open_card_editor

        card = rows[0].card
        open_card_editor(self.view, self.ctx, card.customer_id, card.occasion,
                         card_id=card.id, service=self._service)

    def move(self, status: str) -> None:
        """Queue, draft, mark printed or mark mailed the chosen cards."""
        rows = self.chosen_rows()
        if not rows or self.ctx.notebook.read_only:
            return
        ids = [r.card.id for r in rows]
        people = {r.card.customer_id for r in rows}
        service, today = self._service, date.today()
        self.ctx.ops.run(lambda: service.set_status(ids, status, today),
                         lambda _cards: self._moved(status, ids, people),
                         lambda exc: self.ctx.events.say(f"Not changed: {exc}"),
                         label=f"cards {status}")

    def _moved(self, status: str, ids: list[int], people: set[int]) -> None:
        changes = {CARDS: set(ids)}
        if status in ("printed", "mailed"):
            changes[TIMELINE] = people
        self.ctx.events.changed(self, **changes)
        where = {"queued": "into the print queue", "draft": "back to the drafts",
                 "printed": "printed", "mailed": "mailed"}[status]
        count = len(ids)
        self.ctx.events.say(f"Moved {count} card{'s' if count != 1 else ''} {where}."
                            if status in ("queued", "draft") else
                            f"Marked {count} card{'s' if count != 1 else ''} {where}.")

    def delete(self) -> None:
        """Delete the chosen unsent cards; Ctrl+Z brings them back."""
        ids = [r.card.id for r in self.chosen_rows() if r.card.status in ("draft", "queued")]
        if not ids or self.ctx.notebook.read_only:
            return
        self.ctx.undo_stack.push(DeleteCards(ids, self._service, self.ctx.ops,
                                             self.ctx.events))
        count = len(ids)
        self.ctx.events.say(f"Deleted {count} card{'s' if count != 1 else ''}. "
                            "Press Ctrl+Z to undo.")

    # --- printing -----------------------------------------------------------------------

    def print_shortcut(self) -> None:
        """Ctrl+P: to the Cards screen, then Print… (once the lists are in)."""
        self.ctx.show_screen("cards")
        if self.is_loaded():
            self.print_cards()
        else:
            self._print_when_loaded = True

    def batch_rows(self) -> list[CardRow]:
        """What Print… prints: the cards chosen when several are, else the whole print queue
        (one card chosen is the one previewed, chosen for the owner at once)."""
        chosen = self.chosen_rows()
        return chosen if len(chosen) > 1 else list(self._lists.get("queued", []))

    def print_cards(self):
        """Print… (Ctrl+P): the chosen cards or the queue, in one PDF with their envelopes."""
        from ui.cards.print_dialog import PrintDialog, usual_format

        rows = self.batch_rows()
        if not rows:
            self.ctx.events.say("The print queue is empty: write a card from a customer's "
                                "page or from Today, then add it to the queue.")
            return None
        cards = [r.card for r in rows]
        dialog = PrintDialog(self._service, self.ctx.ops, self.ctx.events,
                             [c.id for c in cards], usual_format(cards),
                             self.ctx.notebook.read_only, self.view)
        fit_to_screen(dialog)
        dialog.show()
        return dialog

    def writing_aid(self):
        """The chosen (or queued) cards with guide lines only, and their talking points."""
        from ui.cards.pdf_pane import PdfDialog
        from ui.cards.print_dialog import usual_format

        rows = self.batch_rows()
        if not rows:
            self.ctx.events.say("Choose the cards to write by hand, or queue some first.")
            return None
        ids, fmt, service = [r.card.id for r in rows], usual_format([r.card for r in rows]), \
            self._service
        dialog = PdfDialog(self.ctx.ops, "Writing aid", f"writing-aid-{date.today()}.pdf",
                           lambda: service.writing_aid(ids, fmt), self.view)
        dialog.show()
        return dialog

    def labels(self, ids: tuple[int, ...] = (), title: str = ""):
        """Address labels: the queued cards' recipients, ``ids`` (the customers chosen
        elsewhere, called ``title``), a tag's or everyone's."""
        from ui.cards.labels_dialog import open_labels

        return open_labels(self.view, self.ctx.ops, self.ctx.events, ids, title)

    def calibrate(self):
        """Printer calibration: print the page, enter what was measured."""
        from ui.cards.calibration_dialog import CalibrationDialog

        dialog = CalibrationDialog(self._service, self.ctx.ops, self.ctx.notebook.read_only,
                                   self.view)
        dialog.show()
        return dialog

    def edit_sender(self) -> None:
        """The sender, signature, return address and offer line, in a small dialog."""
        self.ctx.ops.run(self._service.load_sender, alive(self.view, self._ask_sender),
                         label="load sender")

    def _ask_sender(self, sender) -> None:
        from ui.cards.sender_dialog import SenderDialog

        dialog = SenderDialog(sender, self.ctx.notebook.read_only, self.view)
        if dialog.exec() != SenderDialog.DialogCode.Accepted or self.ctx.notebook.read_only:
            return
        value, service = dialog.value(), self._service
        self.ctx.ops.run(lambda: service.save_sender(value),
                         lambda _r: self.ctx.events.say("Saved who the cards come from."),
                         lambda exc: self.ctx.events.say(f"Not saved: {exc}"),
                         label="save sender")
