"""Acting on many customers at once, from the list: saved filters, and for the customers
selected (Shift/Ctrl+click, Ctrl+A) one card wording for all, their queued cards and envelopes
printed, address labels, a tag added or removed, an export, a merge of two.

Each slot starts an operation and returns; what changes the notebook is an undoable command
(ui/customers/many_commands.py), one transaction on the worker.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu

from domain.customer_filter import CustomerFilter
from domain.model import Card
from ui.customers import many_commands as cmds
from ui.customers.commands import CommandEnv
from ui.customers.list_controller import ListController
from ui.customers.many_service import CardSetup, ManyService, MergeSetup
from ui.events import CUSTOMERS, DELETED, TIMELINE
from ui.screens import ScreenContext
from ui.widgets.fit import fit_to_screen
from ui.widgets.folders import documents_folder

if TYPE_CHECKING:  # the dialogs (card templates, merge rules) are imported when first opened
    from ui.customers.merge_dialog import MergeDialog
    from ui.customers.one_card_dialog import OneCardDialog

ALL = "All customers"


class ManyController(QObject):
    """The list's filter row and its "With selected" menu; the dialogs it opened last are
    kept as ``card_dialog``, ``merge_dialog``, ``filter_dialog`` (tests drive them)."""

    def __init__(self, list_: ListController, ctx: ScreenContext, env: CommandEnv,
                 service: ManyService | None = None) -> None:
        super().__init__(list_)
        self._list, self._ctx, self._env = list_, ctx, env
        self._service = service or ManyService()
        self._panel = list_.panel
        self._filter: CustomerFilter | None = None
        self._saved: dict[str, CustomerFilter] = {}
        self.card_dialog: OneCardDialog | None = None
        self.merge_dialog: MergeDialog | None = None
        self.filter_dialog: QDialog | None = None
        self.labels_dialog: QDialog | None = None
        self.print_dialog: QDialog | None = None
        menu = QMenu(self._panel.selection_button)
        menu.aboutToShow.connect(lambda: self.fill_menu(menu))
        self._panel.selection_button.setMenu(menu)
        self._panel.selection_button.setEnabled(False)
        self._panel.filter_button.clicked.connect(self.edit_filter)
        self._filter_menu = QMenu(self._panel.filter_button)
        self._panel.filter_button.setMenu(self._filter_menu)
        self._current_name = ""
        ctx.events.data_changed.connect(self._data_changed)
        self._show_saved({})
        ctx.ops.run(self._service.saved_filters, self._show_saved, label="saved filters")

    def selected_ids(self) -> list[int]:
        """The customers selected in the list, top to bottom."""
        return self._list.selected_ids()

    def _run(self, command: QUndoCommand) -> None:
        self._ctx.undo_stack.push(command)

    def _writable(self) -> bool:
        if self._ctx.notebook.read_only:
            self._ctx.events.say("This notebook is open read-only.")
            return False
        return True

    # --- the menu -------------------------------------------------------------------------

    def fill_menu(self, menu: QMenu) -> None:
        """The actions for the customers selected (as many as there are)."""
        menu.clear()
        count = len(self.selected_ids())
        if not count:
            return
        who = cmds.people(count)
        writable = not self._ctx.notebook.read_only
        for text, slot, ok in (
                (f"Write one card to the {who}…", self.open_card_dialog, writable),
                ("Print their queued cards and envelopes…", self.print_cards, True),
                (f"Address labels for the {who}…", self.labels, True),
                ("Add a tag…", self.add_tag, writable),
                ("Remove a tag…", self.remove_tag, writable),
                (f"Export the {who}…", self.export, True),
                ("Merge these two…", self.open_merge_dialog, writable and count == 2)):
            action = menu.addAction(text, lambda _=False, s=slot: s())
            action.setEnabled(ok)

    # --- one card for all -----------------------------------------------------------------

    def open_card_dialog(self) -> None:
        """Read the templates on the worker, then offer one wording for the selection."""
        ids = self.selected_ids()
        if not ids or not self._writable():
            return
        self._ctx.ops.run(lambda: self._service.card_setup(ids),
                          lambda setup: self._show_card_dialog(ids, setup),
                          label="card templates")

    def _show_card_dialog(self, ids: list[int], setup: CardSetup) -> None:
        from ui.customers.one_card_dialog import OneCardDialog

        dialog = self.card_dialog = OneCardDialog(setup, len(ids), date.today(),
                                                  self._panel.window())
        dialog.accepted.connect(lambda: self._run(cmds.WriteCards(
            ids, dialog.template(), date.today(), self._service, self._env)))
        dialog.accepted.connect(lambda: self._ctx.events.say(
            f"Queued {len(ids):,} cards; print them from Cards (Ctrl+Z takes them back)."))
        fit_to_screen(dialog)
        dialog.open()

    def print_cards(self) -> None:
        """Print the queued cards of the customers selected, with their envelopes."""
        ids = self.selected_ids()
        self._ctx.ops.run(lambda: self._service.queued_cards(ids), self._show_print,
                          label="queued cards")

    def _show_print(self, cards: list[Card]) -> None:
        if not cards:
            self._ctx.events.say("None of them has a card in the print queue.")
            return
        from ui.cards.print_dialog import PrintDialog, usual_format
        from ui.cards.service import CardService

        dialog = self.print_dialog = PrintDialog(CardService(), self._ctx.ops, self._ctx.events,
                             [c.id for c in cards if c.id is not None], usual_format(cards),
                             self._ctx.notebook.read_only, self._panel)
        fit_to_screen(dialog)
        dialog.show()

    def labels(self) -> None:
        """Address labels for the customers selected (the Labels dialog's "chosen")."""
        from ui.cards.labels_dialog import open_labels  # late: reportlab waits for printing

        ids = tuple(self.selected_ids())
        self.labels_dialog = open_labels(self._panel.window(), self._ctx.ops, self._ctx.events, ids,
                    f"The {cmds.people(len(ids))} selected")

    # --- tags -----------------------------------------------------------------------------

    def add_tag(self, tag: str | None = None) -> None:
        """Tag every customer selected (asked when ``tag`` is None); Ctrl+Z takes it back."""
        ids = self.selected_ids()
        tag = tag if tag is not None else self._ask_tag("Add a tag", ids)
        if ids and tag and tag.strip() and self._writable():
            self._run(cmds.AddTag(ids, tag, self._service, self._env))

    def remove_tag(self, tag: str | None = None) -> None:
        """Take a tag from every customer selected; Ctrl+Z puts it back."""
        ids = self.selected_ids()
        tag = tag if tag is not None else self._ask_tag("Remove a tag", ids)
        if ids and tag and tag.strip() and self._writable():
            self._run(cmds.RemoveTag(ids, tag, self._service, self._env))

    def _ask_tag(self, title: str, ids: list[int]) -> str:
        tags = sorted({t.strip() for r in self._list.model.all_rows() if r.id in set(ids)
                       for t in r.tags.split(",") if t.strip()}, key=str.casefold)
        text, ok = QInputDialog.getItem(self._panel.window(), title,
                                        f"Tag for the {cmds.people(len(ids))}:", tags, 0, True)
        return text if ok else ""

    # --- export ---------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> None:
        """Write the customers selected to a vCard or CSV file (asked when ``path`` is None)."""
        ids = self.selected_ids()
        if path is None:
            name, _f = QFileDialog.getSaveFileName(
                self._panel.window(), f"Export the {cmds.people(len(ids))}",
                str(Path(documents_folder()) / "customers.vcf"),
                "vCard (*.vcf);;CSV spreadsheet (*.csv)")
            if not name:
                return
            path = Path(name)
        target = path
        self._ctx.ops.run(lambda: self._service.export(target, ids),
                          lambda n: self._ctx.events.say(
                              f"Saved {cmds.people(n)} to {target.name}."),
                          lambda exc: self._ctx.events.say(f"Could not export: {exc}"),
                          label="export selection")

    # --- merge ----------------------------------------------------------------------------

    def open_merge_dialog(self) -> None:
        """For exactly two customers selected: the merge, field by field."""
        ids = sorted(self.selected_ids())
        if len(ids) != 2 or not self._writable():
            self._ctx.events.say("Choose exactly two customers to merge.")
            return
        self._ctx.ops.run(lambda: self._service.merge_setup(*ids), self._show_merge,
                          label="merge")

    def _show_merge(self, setup: MergeSetup) -> None:
        from ui.customers.merge_dialog import MergeDialog

        dialog = self.merge_dialog = MergeDialog(setup, self._panel.window())
        dialog.accepted.connect(lambda: self._run(cmds.MergeCustomers(
            dialog.kept_id, dialog.gone_id, dialog.chosen(), dialog.kept_name(),
            self._service, self._env)))
        fit_to_screen(dialog)
        dialog.open()

    # --- filters --------------------------------------------------------------------------

    def edit_filter(self) -> None:
        """The Filter… dialog: set the conditions, optionally save them by name."""
        from ui.customers.filter_dialog import FilterDialog

        names = sorted({t.strip() for r in self._list.model.all_rows()
                        for t in r.tags.split(",") if t.strip()}, key=str.casefold)
        dialog = self.filter_dialog = FilterDialog(self._filter or CustomerFilter(), names,
                                                   self._panel.window())

        def done() -> None:
            self.apply_filter(dialog.result_filter())
            if dialog.save_name():
                self.save_filter(dialog.save_name())

        dialog.accepted.connect(done)
        dialog.open()

    def apply_filter(self, f: CustomerFilter | None) -> None:
        """Show only the customers ``f`` lets through (None or empty: everyone)."""
        self._filter = None if f is None or f.is_empty() else f
        self._show_name("")
        if self._filter is None:
            self._list.narrow(None)
            return
        chosen = self._filter
        self._ctx.ops.run(lambda: self._service.matching_ids(chosen),
                          lambda ids: self._narrowed(chosen, ids), label="filter")

    def _narrowed(self, f: CustomerFilter, ids: set[int]) -> None:
        if f is self._filter:  # not replaced meanwhile
            self._list.narrow(ids)
            self._ctx.events.say(f"Showing customers: {f.describe()}.")

    def save_filter(self, name: str) -> None:
        """Keep the filter in use under ``name`` in the notebook."""
        if self._filter is None or not self._writable():
            return
        f = self._filter
        self._ctx.ops.run(lambda: self._service.save_filter(name, f),
                          lambda saved: self._show_saved(saved, name), label="save filter")

    def _show_saved(self, saved: dict[str, CustomerFilter], current: str = "") -> None:
        self._saved = saved
        menu = self._filter_menu
        menu.clear()
        menu.addAction("New filter…", self.edit_filter)
        everyone = menu.addAction(ALL, lambda: self.apply_filter(None))
        everyone.setEnabled(self._filter is not None)
        if saved:
            menu.addSection("Saved")
        for name in saved:
            action = menu.addAction(name, lambda _=False, n=name: self.pick_saved(n))
            action.setCheckable(True)
            action.setChecked(name == (current or self._current_name))
        if current:
            self._show_name(current)

    def saved_names(self) -> list[str]:
        """The names of the filters saved, as the menu lists them."""
        return list(self._saved)

    def pick_saved(self, name: str) -> None:
        """Show the customers of the filter saved as ``name``."""
        if name in self._saved:
            self.apply_filter(self._saved[name])
            self._show_name(name)

    def current_name(self) -> str:
        """The saved filter in use ("" none, or one not saved)."""
        return self._current_name

    def _show_name(self, name: str) -> None:
        self._current_name = name
        self._panel.filter_button.setText(
            name if name else "Filtered" if self._filter is not None else "Filter")
        self._show_saved(self._saved)  # the menu ticks the one in use

    def _data_changed(self, changes: dict, _initiator: object) -> None:
        if self._filter is not None and ({CUSTOMERS, TIMELINE, DELETED} & set(changes)):
            name = self._current_name
            self.apply_filter(self._filter)  # a tag or a purchase may let someone in or out
            if name:
                self._show_name(name)
