"""Adding, changing and removing timeline entries through small dialogs, each one undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog

from domain.model import INTERACTION_LABELS, Interaction, Problem, Promise, Purchase
from ui import ask
from ui.customers import commands
from ui.customers.detail_page import DetailPage
from ui.customers.timeline_dialogs import (
    ProblemDialog,
    PromiseDialog,
    PurchaseDialog,
    TouchDialog,
)


def _noun(item) -> str:
    if isinstance(item, Interaction):
        return INTERACTION_LABELS.get(item.kind, "touch").lower()
    return type(item).__name__.lower()


class TimelineEditor(QObject):
    """Opens the right dialog for the Timeline tab's buttons and for Ctrl+L."""

    def __init__(self, page: DetailPage, detail, undo_stack: QUndoStack,
                 env: commands.CommandEnv) -> None:
        super().__init__(page)
        self.page, self._detail, self._stack, self._env = page, detail, undo_stack, env
        page.timeline.add_requested.connect(self.add)
        page.timeline.edit_requested.connect(self.edit)
        page.timeline.remove_requested.connect(self.remove)
        page.log_button.clicked.connect(lambda: self.add("touch"))

    def _who(self) -> tuple[int | None, str]:
        customer = self._detail.customer()
        cid = self._detail.customer_id()
        return cid, customer.display_name if customer is not None else ""

    def _dialog(self, kind: str, item=None) -> QDialog:
        today = date.today()
        _cid, who = self._who()
        if kind == "touch":
            return TouchDialog(who, item, today, self.page)
        make = {"purchase": PurchaseDialog, "promise": PromiseDialog, "problem": ProblemDialog}
        return make[kind](item, today, self.page)

    def add(self, kind: str) -> bool:
        """Ask for a new entry of ``kind`` (touch, purchase, promise, problem) and save it."""
        cid, who = self._who()
        if cid is None:
            self._env.events.say("Choose a saved customer first.")
            return False
        dialog = self._dialog(kind)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        item = dialog.value()
        verb = "Log" if kind == "touch" else "Add"
        text = f"{verb} {_noun(item)} for {who}"
        kept = self._promise_kept(item) if isinstance(item, Interaction) else None
        if kept is not None and kept.id is not None:
            self._stack.push(commands.LogKeeping(cid, item, kept.id, text, self._env))
        else:
            self._stack.push(commands.AddItem(cid, item, text, self._env))
        self.page.tabs.setCurrentWidget(self.page.timeline)
        return True

    def _promise_kept(self, touch: Interaction) -> Promise | None:
        """The open promise ``touch`` keeps, if the owner says it does (asked about the one
        due first: the page already holds the customer's promises, nothing is read)."""
        # Late: it brings the outreach rules and the card templates (jinja2), some 30 ms of
        # the first window's start at 50,000 customers, for the first touch logged (issue 17).
        from domain.outreach.answered import answered_promise

        customer = self._detail.customer()
        promise = answered_promise(customer.promises if customer else [], touch)
        if promise is None:
            return None
        question = f"Does this {_noun(touch)} keep the promise “{promise.what}”?"
        return promise if ask.yes_no(self.page, "Promise kept?", question,
                                     "Yes, it is kept", "No, still open") else None

    def edit(self, item) -> None:
        """Change ``item`` in its dialog (undoable)."""
        cid, who = self._who()
        if cid is None:
            return
        kind = {Interaction: "touch", Purchase: "purchase", Promise: "promise",
                Problem: "problem"}[type(item)]
        dialog = self._dialog(kind, item)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value() != item:
            self._stack.push(commands.UpdateItem(cid, item, dialog.value(),
                                                 f"Edit {_noun(item)} for {who}", self._env))

    def remove(self, item) -> None:
        """Remove ``item`` (undoable; no question asked)."""
        cid, who = self._who()
        if cid is None:
            return
        self._stack.push(commands.RemoveItem(cid, item, f"Remove {_noun(item)} from {who}",
                                             self._env))
        self._env.events.say(f"Removed the {_noun(item)}. Press Ctrl+Z to bring it back.")
