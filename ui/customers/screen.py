"""The Customers screen: the list beside the detail page, and the commands that act on them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QSplitter, QWidget

from ui import ask
from ui.customers import commands
from ui.customers.detail_controller import DetailController
from ui.customers.detail_page import DetailPage
from ui.customers.list_controller import ListController
from ui.customers.list_menu import ListMenu
from ui.customers.list_panel import ListPanel
from ui.customers.many import ManyController
from ui.customers.person_data import PersonDataCommand
from ui.customers.referrer_picker import ReferrerPicker
from ui.customers.service import CustomerService
from ui.screens import ScreenContext

DETAIL_MIN = 380  # the customer's page, at the least: its form's labels and fields whole


class CustomersScreen(QWidget):
    """Layout: a splitter with the list on the left and the detail page on the right."""

    def __init__(self, service: CustomerService, ctx: ScreenContext,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customersScreen")
        self.ctx = ctx
        self.list_panel = ListPanel()
        self.detail_page = DetailPage(ctx.prefs.region, ctx.prefs.day_first)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.detail_page)
        # A window made smaller takes most from the page: the list keeps its names readable
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        env = commands.CommandEnv(service, ctx.ops, ctx.events, self._applied)
        self.list = ListController(self.list_panel, service, ctx.ops, ctx.events,
                                   ctx.prefs.region)
        self.detail = DetailController(self.detail_page, service, ctx.ops, ctx.events,
                                       ctx.undo_stack, ctx.prefs, env)
        self._env = env
        self.person = PersonDataCommand(self, ctx.ops, ctx.events, ctx.undo_stack, self.detail,
                                        ctx.notebook.read_only)
        self.list_menu = ListMenu(self, ctx.ops, ctx.events, self.list)
        self.many = ManyController(self.list, ctx, env)
        self.list_menu.extend = self.many.fill_menu
        self._connect_callbacks()
        self.list.load()

    def _connect_callbacks(self) -> None:
        actions, ctx = self.ctx.actions, self.ctx
        actions["new_customer"].triggered.connect(self.new_customer)
        actions["find"].triggered.connect(self.focus_search)
        actions["log_touch"].triggered.connect(self.log_touch)
        actions["write_card"].triggered.connect(self.write_card)
        self.detail_page.card_button.clicked.connect(self.write_card)
        actions["delete_customer"].triggered.connect(self.delete_customer)
        actions["save"].triggered.connect(self.detail.save)
        actions["revert"].triggered.connect(self.detail.revert)
        self.list_panel.table.addAction(actions["delete_customer"])
        self.list_panel.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_panel.table.customContextMenuRequested.connect(self.list_menu.show)
        self.list_panel.new_button.clicked.connect(self.new_customer)
        steps = self.list_panel.empty.steps
        steps["new"].clicked.connect(self.new_customer)
        for key, name in (("contacts", "import_file"), ("sales", "import_file"),
                          ("demo", "open_demo")):
            steps[key].clicked.connect(actions[name].trigger)
        self.detail_page.delete_button.clicked.connect(self.delete_customer)
        actions["export_person"].triggered.connect(self.person.export_shown)
        actions["erase_customer"].triggered.connect(self.person.erase_shown)
        more = QMenu(self.detail_page.more_button)
        more.addActions([actions["export_person"], actions["erase_customer"]])
        self.detail_page.more_button.setMenu(more)
        self.list.selected.connect(self._on_selected)
        self.list.model.modelReset.connect(self._first_rows)
        self.detail.pick_referrer.connect(self._pick_referrer)
        ctx.events.data_changed.connect(lambda changes, _who: self.list.refresh(changes))
        ctx.events.preferences_changed.connect(self._preferences_changed)
        if ctx.notebook.read_only:
            self._make_read_only()

    # --- commands -------------------------------------------------------------------------

    def new_customer(self) -> None:
        """Ctrl+N: a blank profile on the right; Save adds them."""
        if self.ctx.notebook.read_only:
            return
        self.ctx.show_screen("customers")
        if not self.detail.can_leave():
            return
        self.list.select_quietly(None)
        self.detail.show_new()

    def show_customer(self, customer_id: int) -> None:
        """Come to the front with ``customer_id`` selected (a hand-over from Today, Calendar)."""
        self.ctx.show_screen("customers")
        if customer_id == self.detail.customer_id() and not self.detail.is_new():
            return
        if not self.detail.can_leave():
            return
        if self.list.model.row_of(customer_id) < 0:
            self.list_panel.search.clear()  # a search that hides them would hide the choice
        self.list.select(customer_id)

    def focus_search(self) -> None:
        """Ctrl+F: to the search box, its text selected."""
        self.ctx.show_screen("customers")
        self.list_panel.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_panel.search.selectAll()

    def log_touch(self) -> None:
        """Ctrl+L: log a call, visit, card… for the customer shown."""
        if self.ctx.notebook.read_only:
            return
        self.ctx.show_screen("customers")
        self.detail.timeline.add("touch")

    def write_card(self) -> None:
        """Write a card to the customer shown (the card editor, beside their facts)."""
        if self.ctx.notebook.read_only:
            return
        self.ctx.show_screen("customers")
        cid = self.detail.customer_id()
        if cid is None:
            self.ctx.events.say("Choose a saved customer first.")
            return
        from ui.cards.editor import open_card_editor

        open_card_editor(self, self.ctx, cid, "keep_in_touch")

    def delete_customer(self) -> None:
        """Ask, then delete the customer on show; Ctrl+Z brings them back."""
        cid, customer = self.detail.customer_id(), self.detail.customer()
        if cid is None or customer is None or self.ctx.notebook.read_only:
            return
        name = customer.display_name
        if not ask.confirm(self, "Delete customer", f"Delete {name}?", "Delete",
                           "Their details, timeline and cards go too. You can bring them "
                           "back with Edit ▸ Undo (Ctrl+Z)."):
            return
        self.detail.revert()
        self.ctx.undo_stack.push(commands.DeleteCustomer(cid, name, self._env))
        self.ctx.events.say(f"Deleted {name}. Press Ctrl+Z to undo.")

    # --- callbacks ------------------------------------------------------------------------

    def _on_selected(self, customer_id: int | None) -> None:
        if customer_id == self.detail.customer_id() and not self.detail.is_new():
            return
        if not self.detail.can_leave():
            self.list.select_quietly(self.detail.customer_id())
            return
        self.detail.show_customer(customer_id)

    def _first_rows(self) -> None:
        if self.list.model.rowCount():
            self.list.model.modelReset.disconnect(self._first_rows)
            QTimer.singleShot(0, self, self._take_keyboard_if_fresh)  # once the table shows

    def _take_keyboard_if_fresh(self) -> None:
        """Built as it came to the front, the screen showed "Loading…" when ``on_shown`` gave
        the list the keyboard; now that the rows are in, the list takes it (and, as Qt does,
        makes the first row current) unless the owner has already chosen something."""
        if self.isVisible() and self.list.current_id() is None \
                and self.detail.customer_id() is None and not self.detail.is_new():
            self.on_shown()

    def _applied(self, command: QUndoCommand, redone: bool, customer_id: int | None) -> None:
        """After a command lands: show the customer it brought (back) into being."""
        brought_back = (isinstance(command, commands.NewCustomer) and redone) or (
            isinstance(command, commands.DeleteCustomer) and not redone)
        if brought_back and customer_id is not None:
            self.list.select(customer_id)

    def _pick_referrer(self) -> None:
        picker = ReferrerPicker(self.list.model.all_rows(), self.detail.customer_id(), self,
                                find=self.find_referrers)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen:
            self.detail.set_referrer(*picker.chosen)

    def find_referrers(self, text: str, then) -> None:
        """Look ``text`` up with the window's search on the worker; ``then(ids)`` after."""
        from ui.cards import alive

        self.ctx.ops.run(lambda: self._env.service.search_ids(text), alive(self, then),
                         label="find a customer")

    def _preferences_changed(self, prefs) -> None:
        self.list.model.set_region(prefs.region)
        self.detail.set_preferences(prefs)

    def _make_read_only(self) -> None:
        for name in ("new_customer", "log_touch", "write_card", "delete_customer", "save",
                     "revert", "erase_customer"):
            self.ctx.actions[name].setEnabled(False)
        self.list_panel.new_button.setEnabled(False)
        for key in ("new", "contacts", "sales"):  # the demo may still be opened
            self.list_panel.empty.steps[key].setEnabled(False)
        page = self.detail_page
        page.read_only = True
        for widget in (page.profile, page.contact, page.personal, page.save_bar):
            widget.setEnabled(False)

    # --- screen protocol ------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # sizes only hold once the splitter knows its final width
            self._sized = True
            QTimer.singleShot(0, self._initial_sizes)

    def _initial_sizes(self) -> None:
        """The list as wide as its columns want (a small laptop's list still shows names
        whole), the page the rest; a wide window shares at 45 : 55."""
        width = self.splitter.width()
        left = max(self.list_panel.comfortable_width(), int(width * 0.45))
        left = min(left, width - max(DETAIL_MIN, self.detail_page.minimumSizeHint().width()))
        self.splitter.setSizes([left, width - left])

    def on_shown(self) -> None:
        """The screen came to the front: the list takes the keyboard."""
        if not self.list_panel.search.hasFocus():
            self.list_panel.table.setFocus()

    def can_close(self) -> bool:
        """Before the window closes: deal with unsaved edits."""
        return self.detail.can_leave()
