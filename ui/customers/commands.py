"""Undoable changes to customers: each writes on the worker and announces what it changed.

``QUndoStack.push`` calls ``redo()`` at once; redo and undo start an operation and return.
Operations run one at a time in order, so an undo never overtakes the change it undoes, and
whatever a worker learns (the id of a new customer, what a delete removed) is kept on the
command for the next step.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from domain.model import Customer, Interaction
from storage.customers import DeletedCustomer
from storage.timeline import TimelineItem
from ui.backups.safety import tell_if_disk_full
from ui.customers.service import CustomerService
from ui.events import CUSTOMERS, DELETED, TIMELINE, AppEvents
from ui.operations import Operations

Changes = dict[str, set[int]]


@dataclass
class CommandEnv:
    """What every command needs: where to write, how to run it, whom to tell."""

    service: CustomerService
    ops: Operations
    events: AppEvents
    # Called on the GUI thread after each successful step: (command, redone, customer id).
    on_applied: Callable[[QUndoCommand, bool, int | None], None] | None = None


class StorageCommand(QUndoCommand):
    """Runs ``do()``/``undo_work()`` on the worker; each returns the changes to announce."""

    def __init__(self, text: str, env: CommandEnv) -> None:
        super().__init__(text)
        self.env = env
        self.customer_id: int | None = None

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        raise NotImplementedError

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        raise NotImplementedError

    def redo(self) -> None:
        self.env.ops.run(self.do, lambda ch: self._applied(ch, True), self._failed,
                         label=self.text())

    def undo(self) -> None:
        self.env.ops.run(self.undo_work, lambda ch: self._applied(ch, False), self._failed,
                         label=f"undo {self.text()}")

    def _applied(self, changes: Changes, redone: bool) -> None:
        self.env.events.changed(self, **changes)
        if self.env.on_applied is not None:
            self.env.on_applied(self, redone, self.customer_id)

    def _failed(self, exc: BaseException) -> None:
        self.env.events.say(f"Could not {self.text().lower()}: {exc}")
        self.env.events.changed(self, customers=None)  # show what the notebook really holds
        tell_if_disk_full(None, exc)  # a status line is too easy to miss for that one


class SaveProfile(StorageCommand):
    """An edit of names, contacts, details or milestones: before and after, whole."""

    def __init__(self, before: Customer, after: Customer, env: CommandEnv) -> None:
        super().__init__(f"Edit {after.display_name}", env)
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.customer_id = after.id

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        self.env.service.save(self.after)
        return {CUSTOMERS: {self.customer_id}}

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        self.env.service.save(self.before)
        return {CUSTOMERS: {self.customer_id}}


class NewCustomer(StorageCommand):
    def __init__(self, customer: Customer, env: CommandEnv) -> None:
        super().__init__(f"Add {customer.display_name}", env)
        self.customer = copy.deepcopy(customer)
        self._deleted: DeletedCustomer | None = None

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        if self._deleted is not None:  # redo after undo: the same customer, the same id
            self.customer_id = self.env.service.restore(self._deleted)
        else:
            self.customer_id = self.env.service.save(self.customer)
        return {CUSTOMERS: {self.customer_id}}

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        self._deleted = self.env.service.delete(self.customer_id)
        return {DELETED: {self.customer_id}}


class DeleteCustomer(StorageCommand):
    def __init__(self, customer_id: int, name: str, env: CommandEnv) -> None:
        super().__init__(f"Delete {name}", env)
        self.customer_id = customer_id
        self._deleted: DeletedCustomer | None = None

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        self._deleted = self.env.service.delete(self.customer_id)
        referred = set(self._deleted.referred_ids)
        return {DELETED: {self.customer_id}, CUSTOMERS: referred}

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        self.env.service.restore(self._deleted)
        return {CUSTOMERS: {self.customer_id, *self._deleted.referred_ids}}


class AddItem(StorageCommand):
    """A new touch, purchase, promise or problem."""

    def __init__(self, customer_id: int, item: TimelineItem, text: str,
                 env: CommandEnv) -> None:
        super().__init__(text, env)
        self.customer_id = customer_id
        self.item = item
        self._saved: TimelineItem | None = None

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        if self._saved is None:
            self._saved = self.env.service.add_item(self.customer_id, self.item)
        else:
            self.env.service.put_back_item(self.customer_id, self._saved)
        return {TIMELINE: {self.customer_id}}

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        self.env.service.remove_item(self._saved)
        return {TIMELINE: {self.customer_id}}


class LogKeeping(StorageCommand):
    """A touch that keeps an open promise: both in one transaction, both undone together."""

    def __init__(self, customer_id: int, touch: Interaction, promise_id: int, text: str,
                 env: CommandEnv) -> None:
        super().__init__(text, env)
        self.customer_id, self.touch, self.promise_id = customer_id, touch, promise_id
        self._saved: Interaction | None = None
        self._kept = False

    def do(self) -> Changes:
        """Log the touch and keep the promise (on the worker); return what changed."""
        again = self._saved is not None
        self._saved, self._kept = self.env.service.log_keeping(
            self.customer_id, self._saved or self.touch, self.promise_id, again)
        return {TIMELINE: {self.customer_id}}

    def undo_work(self) -> Changes:
        """Remove the touch and reopen the promise it kept (on the worker)."""
        if self._saved is not None:
            self.env.service.unlog_keeping(self._saved, self.promise_id, self._kept)
        return {TIMELINE: {self.customer_id}}


class UpdateItem(StorageCommand):
    def __init__(self, customer_id: int, before: TimelineItem, after: TimelineItem,
                 text: str, env: CommandEnv) -> None:
        super().__init__(text, env)
        self.customer_id = customer_id
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        self.env.service.update_item(self.after)
        return {TIMELINE: {self.customer_id}}

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        self.env.service.update_item(self.before)
        return {TIMELINE: {self.customer_id}}


class RemoveItem(StorageCommand):
    def __init__(self, customer_id: int, item: TimelineItem, text: str,
                 env: CommandEnv) -> None:
        super().__init__(text, env)
        self.customer_id = customer_id
        self.item = copy.deepcopy(item)

    def do(self) -> Changes:
        """Apply the change (on the worker); return what changed."""
        self.env.service.remove_item(self.item)
        return {TIMELINE: {self.customer_id}}

    def undo_work(self) -> Changes:
        """Take the change back (on the worker); return what changed."""
        self.env.service.put_back_item(self.customer_id, self.item)
        return {TIMELINE: {self.customer_id}}
