"""Behaviour of the detail page: load a customer, track edits, check and save them, undoably.

The profile (Profile, Contact and Personal tabs) is edited in place and saved as a whole with
Save (Ctrl+S); nothing is written while a field is invalid. Timeline entries are saved as soon
as their dialog closes. Every write is a QUndoCommand, so Ctrl+Z takes it back.
"""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog

from domain.model import CUSTOM_FIELD_KINDS, Customer, CustomField
from domain.validation import profile_problems
from ui import ask
from ui.customers import commands
from ui.customers.detail_page import (
    TAB_CONTACT,
    TAB_PERSONAL,
    TAB_PROFILE,
    DetailPage,
    summary_line,
)
from ui.customers.service import CustomerPage, CustomerService
from ui.customers.timeline_editor import TimelineEditor
from ui.events import CUSTOMERS, DELETED, TIMELINE, AppEvents, touches
from ui.operations import Operations
from ui.preferences import Preferences

_TAB_OF = {"given_name": TAB_PROFILE, "customer_since": TAB_PROFILE, "cadence_days": TAB_PROFILE,
           "referred_by": TAB_PROFILE, "emails": TAB_CONTACT, "phones": TAB_CONTACT,
           "preferred_channels": TAB_CONTACT, "facts": TAB_PERSONAL, "milestones": TAB_PERSONAL}


class DetailController(QObject):
    """Shows one customer (or a new one) and turns the owner's edits into undoable commands."""

    pick_referrer = Signal()  # the screen opens the picker; it has the list's rows

    def __init__(self, page: DetailPage, service: CustomerService, ops: Operations,
                 events: AppEvents, undo_stack: QUndoStack, prefs: Preferences,
                 env: commands.CommandEnv) -> None:
        super().__init__(page)
        self.page = page
        self._service, self._ops, self._events = service, ops, events
        self._stack, self._prefs, self._env = undo_stack, prefs, env
        self._baseline: Customer | None = None  # what the notebook holds
        self._loaded: CustomerPage | None = None
        self._is_new = False
        self._dirty = False
        self._populating = False
        self._wanted: int | None = None  # the customer whose page is loading
        self.timeline = TimelineEditor(page, self, undo_stack, env)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        page = self.page
        for form in (page.profile, page.contact, page.personal):
            form.changed.connect(self._on_changed)
        page.profile.choose_referrer.connect(self.pick_referrer)
        page.profile.add_field.connect(self.ask_field)
        page.save_button.clicked.connect(self.save)
        page.revert_button.clicked.connect(self.revert)
        self._events.data_changed.connect(self._on_data_changed)

    # --- what is shown --------------------------------------------------------------------

    def customer_id(self) -> int | None:
        """The id of the saved customer shown, or None (nobody, or a new one)."""
        return None if self._is_new or self._baseline is None else self._baseline.id

    def customer(self) -> Customer | None:
        """The customer as saved (not the unsaved edits)."""
        return self._baseline

    def is_new(self) -> bool:
        """Whether the page shows a customer not saved yet."""
        return self._is_new

    def show_customer(self, customer_id: int | None) -> None:
        """Load and show ``customer_id`` (None: the "choose someone" hint)."""
        self._wanted = customer_id
        if customer_id is None:
            self._baseline, self._loaded, self._is_new = None, None, False
            self._set_dirty(False)
            self.page.show_nobody()
            return
        self._ops.run(lambda: self._service.page(customer_id),
                      lambda p: self._show_page(customer_id, p),
                      lambda exc: self._load_failed(customer_id, exc),
                      label="load customer")

    def show_new(self, today: date | None = None) -> None:
        """A blank profile; saving it adds the customer."""
        self._wanted = None
        self._is_new = True
        self._loaded = CustomerPage(Customer(customer_since=today or date.today()))
        self._ops.run(self._service.fields, self.page.profile.own.set_fields,
                      label="load fields")
        self._fill(self._loaded, full=True)
        self.page.tabs.setCurrentIndex(TAB_PROFILE)
        self.page.profile.editor("given_name").setFocus()

    def _show_page(self, customer_id: int, loaded: CustomerPage) -> None:
        if customer_id != self._wanted:
            return  # the owner has moved on to someone else
        same = self._baseline is not None and self._baseline.id == customer_id
        self._is_new = False
        self._loaded = loaded
        # the same customer read back (after a save): the fields keep their undo history
        self._fill(loaded, full=not (same and self._dirty), keep_undo=same)

    def _load_failed(self, customer_id: int, exc: BaseException) -> None:
        if customer_id == self._wanted:
            self._events.say(str(exc))
            self.show_customer(None)

    def _fill(self, loaded: CustomerPage, full: bool, keep_undo: bool = False) -> None:
        c = loaded.customer
        self._baseline = copy.deepcopy(c)
        stats = self._stats(loaded)
        self.page.show_header(c, stats, self._is_new)
        self.page.timeline.set_customer(c, loaded.region)
        if not full:
            return  # keep the owner's unsaved edits; only the timeline moved
        self._populating = True
        try:
            self.page.profile.own.set_fields(loaded.fields)
            self.page.profile.set_customer(c, loaded.referrer_name, keep_undo)
            self.page.contact.set_customer(c, keep_undo)
            self.page.personal.set_customer(c)
        finally:
            self._populating = False
        self._set_dirty(self._is_new)

    def _stats(self, loaded: CustomerPage) -> str:
        return summary_line(loaded.customer, loaded.referrer_name, loaded.referrals,
                            date.today(), loaded.region)

    # --- editing --------------------------------------------------------------------------

    def _on_changed(self) -> None:
        if not self._populating and self._baseline is not None:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool, problem: str = "") -> None:
        self._dirty = dirty
        self.page.set_dirty(dirty, problem)

    def is_dirty(self) -> bool:
        """Whether the profile has edits not saved yet."""
        return self._dirty

    def collect(self) -> tuple[Customer, dict[str, str]]:
        """The edited customer and every problem with it, keyed by field."""
        c = copy.deepcopy(self._baseline) if self._baseline else Customer()
        errors: dict[str, str] = {}
        self.page.profile.read_into(c, errors)
        self.page.contact.read_into(c, errors)
        self.page.personal.read_into(c, errors)
        found = profile_problems(c, self._prefs.region)
        # Emails and phones were normalised while reading; their indexes are the form's.
        found = {k: v for k, v in found.items() if not k.startswith(("emails[", "phones["))}
        return c, {**found, **errors}

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show ``errors`` next to their fields (an empty dict clears them)."""
        self.page.profile.show_errors(errors)
        self.page.contact.show_errors(errors)

    def save(self) -> bool:
        """Check everything; save when all is well (undoably). False when something is wrong."""
        if self._baseline is None or (not self._dirty and not self._is_new):
            return True
        customer, errors = self.collect()
        self.show_errors(errors)
        if errors:
            self._reveal_first(errors)
            self._set_dirty(True, "Not saved: fix the fields marked in red.")
            return False
        if self._is_new:
            self._stack.push(commands.NewCustomer(customer, self._env))
            self._is_new = False
        else:
            self._stack.push(commands.SaveProfile(self._baseline, customer, self._env))
        self._baseline = customer
        self._set_dirty(False)
        self._events.say(f"Saved {customer.display_name}.")
        return True

    def _reveal_first(self, errors: dict[str, str]) -> None:
        first = next(iter(errors))
        tab = _TAB_OF.get(first.split("[")[0], TAB_PROFILE)
        self.page.tabs.setCurrentIndex(tab)

    def revert(self) -> None:
        """Forget unsaved edits (a new, unsaved customer is dropped)."""
        if self._is_new:
            self._is_new = False
            self.show_customer(None)
            return
        if self._loaded is not None:
            self._fill(self._loaded, full=True)
            self.show_errors({})
        self._set_dirty(False)

    def can_leave(self) -> bool:
        """Before showing someone else: save, drop or keep unsaved edits (asks the owner)."""
        if not self._dirty:
            return True
        name = self._baseline.display_name if self._baseline and not self._is_new else \
            "the new customer"
        answer = ask.unsaved(self.page, name)
        if answer == ask.SAVE:
            return self.save()
        if answer == ask.DISCARD:
            self._is_new = False
            self._set_dirty(False)
            return True
        return False

    def set_preferences(self, prefs: Preferences) -> None:
        """A new home region or date order: read and show the fields with it from now on."""
        self._prefs = prefs
        self.page.contact.set_region(prefs.region)
        self.page.profile.day_first = prefs.day_first
        if self._loaded is not None and not self._dirty:
            self._fill(self._loaded, full=True)

    def set_referrer(self, customer_id: int, name: str) -> None:
        """The owner picked who referred this customer."""
        self.page.profile.set_referrer(customer_id, name, changed=True)

    def ask_field(self) -> None:
        """Ask the owner for a field of their own: its name, then its kind."""
        name, ok = QInputDialog.getText(self.page, "Add a field",
                                        "A field every customer's page shows, "
                                        "e.g. Inseam or Policy number:")
        if not ok or not name.strip():
            return
        kind, ok = QInputDialog.getItem(self.page, "Add a field", f"What {name.strip()} holds:",
                                        list(CUSTOM_FIELD_KINDS), 0, False)
        if ok:
            self.define_field(name, kind)

    def define_field(self, name: str, kind: str = "text") -> None:
        """Add the field to the notebook, then its row to the page."""
        self._ops.run(lambda: self._service.define_field(name, kind), self._field_added,
                      lambda exc: self._events.say(str(exc)), label="add field")

    def _field_added(self, found: CustomField) -> None:
        self.page.profile.own.set_fields([found])
        self.page.profile.own.editor(found.name).setFocus()
        self._events.say(f"Every customer's page now has {found.name}.")

    # --- the notebook changed -------------------------------------------------------------

    def _on_data_changed(self, changes: dict, _initiator: object) -> None:
        current = self.customer_id()
        if current is None or self._wanted != current:
            return  # nobody shown, or the owner is already moving on to someone else
        if touches(changes, DELETED, current):
            self.show_customer(None)
        elif touches(changes, CUSTOMERS, current) or touches(changes, TIMELINE, current):
            self._wanted = current
            self._ops.run(lambda: self._service.page(current),
                          lambda p: self._show_page(current, p),
                          lambda exc: self._load_failed(current, exc),
                          label="reload customer")
