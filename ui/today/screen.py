"""The Today screen: the controller over the view, the keyboard, and the sidebar count.

Keys while the list (or a button beside it) has the focus: Enter or Ctrl+L logs the chosen
suggestion as done, Del dismisses it; Ctrl+Z (the window's undo) brings a snooze or a dismiss
back. Ctrl+L elsewhere stays the window's "log a touch".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.outreach_settings import OutreachSettingsCommand
from ui.screens import ScreenContext
from ui.today.controller import TodayController
from ui.today.service import TodayService
from ui.today.view import TodayView

_LOG = QKeySequence("Ctrl+L")[0]
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def customer_opener(ctx: ScreenContext) -> Callable[[int], None] | None:
    """Hand a customer over to the Customers screen, when the window has one."""
    find = getattr(ctx, "screen", None)
    if find is None:
        return None

    def open_customer(customer_id: int) -> None:
        screen = find("customers")
        if screen is not None and hasattr(screen, "show_customer"):
            screen.show_customer(customer_id)

    return open_customer


def _card_editor_available() -> bool:
    from importlib.util import find_spec

    try:
        return find_spec("ui.cards.editor") is not None
    except ImportError:
        return False


class TodayScreen(QWidget):
    """Suggestions grouped as Overdue / Today / This week, and what to do about each."""

    badge_changed = Signal(int, str)  # due now (overdue + today), a tooltip: for the sidebar

    def __init__(self, service: TodayService, ctx: ScreenContext,
                 clock: Callable[[], date] = datetime.now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayScreen")
        self.ctx = ctx
        self.view = TodayView()
        self.view.panel.region = lambda: ctx.prefs.region  # numbers as the customer list shows them
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        read_only = ctx.notebook.read_only
        self.controller = TodayController(
            self.view, service, ctx.ops, ctx.events, ctx.undo_stack, clock, read_only,
            customer_opener(ctx), ctx if _card_editor_available() else None)
        self.settings = OutreachSettingsCommand(self, service, ctx.ops, ctx.events, read_only)
        self._connect_callbacks()
        self.view.show_page("loading")
        # The window paints this loading page first; the queue (seconds of Python in a big
        # notebook) would hold the GIL and make the paint wait.
        ctx.after_first_paint(self.controller.load)

    def _connect_callbacks(self) -> None:
        actions, c = self.ctx.actions, self.controller
        c.counted.connect(self.badge_changed)
        c.loaded.connect(self._focus_list)
        c.loaded.connect(self._first_steps_if_no_one)
        self.ctx.events.preferences_changed.connect(self._preferences_changed)
        steps = self.view.first.steps
        for key, name in (("new", "new_customer"), ("contacts", "import_file"),
                          ("sales", "import_file"), ("demo", "open_demo")):
            if name in actions:
                steps[key].clicked.connect(actions[name].trigger)
            if name != "open_demo":
                steps[key].setEnabled(not self.ctx.notebook.read_only)
        self.view.settings_button.clicked.connect(self.settings.open)
        if "outreach_settings" in actions:
            actions["outreach_settings"].triggered.connect(self.settings.open)
        if "go_today" in actions:
            actions["go_today"].triggered.connect(lambda: self.ctx.show_screen("today"))
        if "dismiss_suggestion" in actions:
            dismiss = actions["dismiss_suggestion"]
            dismiss.triggered.connect(c.dismiss_selected)
            self.view.tree.addAction(dismiss)
            dismiss.setEnabled(not self.ctx.notebook.read_only)

    def _preferences_changed(self, _prefs) -> None:
        self.controller.show_again()  # a number reads as from the new home country

    def _first_steps_if_no_one(self) -> None:
        """Nothing due because there is no one yet: say what to do first."""
        from storage import customers

        view = self.view
        if view.pages.currentWidget() is not view.empty:
            return

        def counted(count: int) -> None:
            if count == 0 and view.pages.currentWidget() is view.empty:
                view.show_page("first")

        # unread: "Nothing due" stays, which is true too
        self.ctx.ops.run(customers.count, counted, lambda _exc: None, label="any customers?")

    def _focus_list(self) -> None:
        if self.isVisible() and self.focusWidget() is None:
            self.view.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keyboard -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Take Ctrl+L from the window's "log a touch" while the focus is on this screen."""
        if event.type() == QEvent.Type.ShortcutOverride and self._is_log_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_log_key(event) or (event.key() in _ENTER and self.view.tree.hasFocus()):
            event.accept()
            self.controller.done_selected()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_log_key(event: QKeyEvent) -> bool:
        return event.keyCombination() == _LOG

    # --- screen protocol ------------------------------------------------------------------

    def on_shown(self) -> None:
        """The screen came to the front: catch up with the date, the list takes the keys."""
        self.controller.check_date()
        self.view.tree.setFocus(Qt.FocusReason.OtherFocusReason)
