"""Behaviour of the Today screen: load the queue on the worker, keep it fresh (changes on the
bus, midnight), and act on the chosen suggestion: done, snooze, dismiss, open, write the card.

``today`` is read from the clock once per load (``clock()``, injected so tests fix the day)
and handed to storage; nothing below reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QMenu

from domain.outreach import Suggestion
from domain.outreach.wording import weekday_date
from storage.outreach import Acted
from ui.events import AppEvents
from ui.operations import Operations
from ui.today.badge import badge, until_midnight_ms
from ui.today.commands import Dismiss, MarkDone, Snooze
from ui.today.handoff import HandoffPart
from ui.today.model import TodayModel, long_date
from ui.today.service import ContactOptions, Queue, TodayService
from ui.today.todays_cards import TodaysCards
from ui.today.view import FAILED_HEADING, TodayView

REFRESH_MS = 250  # after a change, when the screen is in front
REFRESH_HIDDEN_MS = 1500  # behind another screen: only the sidebar count needs it
BUSY_DELAY_MS = 150
# Kinds a card answers well, whatever channel the engine picked.
CARD_KINDS = frozenset({"milestone", "sympathy", "thank_you_first_purchase",
                        "thank_you_referral", "thank_you_patience", "lapsed"})
CARD_EDITOR_MISSING = "The card editor is not available in this version."


def can_write_card(s: Suggestion) -> bool:
    """A posted suggestion, or an occasion a card suits (not a promise or a problem)."""
    return bool(s.occasion) and (s.channel == "mail" or s.kind in CARD_KINDS)


def sentence(text: str) -> str:
    """``text`` with a full stop, unless it already ends a sentence."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def day_and_time(moment: date) -> tuple[date, datetime | None]:
    """The day a clock gives, and its time of day when it gives one (a datetime)."""
    if isinstance(moment, datetime):
        return moment.date(), moment
    return moment, None


def next_week(today: date) -> date:
    """Next Monday (a week on when today is Monday)."""
    return today + timedelta(days=7 - today.weekday())


class TodayController(QObject):
    """Owns the model; ``counted(due_now, tooltip)`` after each load, for the sidebar."""

    counted = Signal(int, str)
    loaded = Signal()

    def __init__(self, view: TodayView, service: TodayService, ops: Operations,
                 events: AppEvents, undo_stack: QUndoStack,
                 clock: Callable[[], date] = datetime.now, read_only: bool = False,
                 open_customer: Callable[[int], None] | None = None,
                 card_ctx: Any = None) -> None:
        super().__init__(view)
        self.view, self._service, self._ops, self._events = view, service, ops, events
        self._undo, self._clock, self._read_only = undo_stack, clock, read_only
        self._open_customer, self._card_ctx = open_customer, card_ctx
        self.model = TodayModel(self)
        self.today = self._day()
        self._generation = 0
        self._is_loaded = False
        self._load_failed = False
        self._current_key = ""
        self._current_row = -1
        self._refresh = QTimer(self, singleShot=True)
        self._refresh.timeout.connect(self.load)
        self._busy = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy.timeout.connect(lambda: view.busy.setVisible(True))
        self._midnight = QTimer(self, singleShot=True)
        self._midnight.timeout.connect(self._on_midnight)
        self._hour = QTimer(self, singleShot=True)  # a promise's hour passes: it turns overdue
        self._hour.timeout.connect(self.load)
        view.tree.setModel(self.model)
        view.fit_columns()
        self.todays_cards = TodaysCards(view.print_button, service, ops, events,
                                        read_only, view)
        self.handoff = HandoffPart(view.panel, service, ops)
        self._connect_callbacks()
        self._enable_actions(None)

    def _connect_callbacks(self) -> None:
        v, panel = self.view, self.view.panel
        v.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        v.tree.doubleClicked.connect(lambda _i: self.done_selected())
        v.tree.customContextMenuRequested.connect(self._context_menu)
        v.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.done_button.clicked.connect(self.done_selected)
        panel.dismiss_button.clicked.connect(self.dismiss_selected)
        panel.open_button.clicked.connect(self.open_selected)
        panel.write_button.clicked.connect(self.write_card_selected)
        v.print_button.clicked.connect(
            lambda: self.todays_cards.print_cards(self.model.suggestions(), self.today))
        panel.snooze_menu.aboutToShow.connect(lambda: self._fill_snooze(panel.snooze_menu))
        self._events.data_changed.connect(self._on_data_changed)

    # --- loading --------------------------------------------------------------------------

    def load(self) -> None:
        """Read the queue for today (from the clock) on the worker, then show it."""
        self._refresh.stop()
        self._generation += 1
        generation, (today, now) = self._generation, day_and_time(self._clock())
        self._busy.start()
        read = (lambda: self._service.queue(today, now)) if now else (
            lambda: self._service.queue(today))  # a clock of days plans by the day
        self._ops.run(read,
                      lambda queue: self._show(generation, queue),
                      lambda exc: self._failed(generation, exc), label="today's suggestions")

    def _day(self) -> date:
        """Today's date from the clock (which may give the time of day too)."""
        return day_and_time(self._clock())[0]

    def is_loaded(self) -> bool:
        """Whether the queue has been shown at least once."""
        return self._is_loaded

    def _show(self, generation: int, queue: Queue) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self._stop_busy()
        self.today = queue.today
        self.model.set_queue(queue.suggestions, queue.today)
        self._is_loaded, self._load_failed = True, False
        self._update_texts(queue)
        self.view.show_page("list" if queue.suggestions else "empty")
        self._reselect()
        self._arm_midnight()
        self._arm_next_hour(queue)
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._stop_busy()
        self._load_failed = True  # the next change in the notebook reads the queue again
        if self._is_loaded:  # what is on show stays; the status bar says why it is not new
            self._events.say(f"Could not read today's suggestions: {exc}")
            return
        self.view.failed.set_text(FAILED_HEADING, str(exc))
        self.view.show_page("failed")

    def _stop_busy(self) -> None:
        self._busy.stop()
        self.view.busy.setVisible(False)

    def _update_texts(self, queue: Queue) -> None:
        counts = self.model.counts  # as the list's headers count them
        parts = [f"{counts['overdue']} overdue"] if counts["overdue"] else []
        parts += [f"{counts['today']} due today"] if counts["today"] else []
        parts += [f"{counts['week']} later this week"] if counts["week"] else []
        self.view.subtitle.setText(" · ".join([long_date(queue.today), *parts]))
        self.todays_cards.show_count(queue.suggestions)
        self.counted.emit(*badge(counts))

    def _on_data_changed(self, changes: dict, _initiator: object) -> None:
        """Anything in the notebook may change the queue: reload soon, in one go."""
        if not (self._is_loaded or self._load_failed) or not changes:
            return
        self._refresh.start(REFRESH_MS if self.view.isVisible() else REFRESH_HIDDEN_MS)

    def _arm_midnight(self) -> None:
        self._midnight.start(until_midnight_ms(datetime.now()))

    def _arm_next_hour(self, queue: Queue) -> None:
        """Read the queue again when the next promise of the day falls due by its hour."""
        today, now = day_and_time(self._clock())
        hours = [s.due_time for s in queue.suggestions
                 if s.due == today and s.due_time is not None and not s.late]
        later = [h for h in hours if now is not None and h > now.time()]
        self._hour.stop()
        if later and now is not None:
            wait = datetime.combine(today, min(later)) - now.replace(tzinfo=None)
            self._hour.start(int(wait.total_seconds() * 1000) + 1000)  # once it has passed

    def _on_midnight(self) -> None:
        self.check_date()
        self._arm_midnight()

    def check_date(self) -> None:
        """Reload when the day has changed since the last load (midnight, a sleeping laptop)."""
        if self._is_loaded and self._day() != self.today:
            self.load()

    # --- selection ------------------------------------------------------------------------

    def current(self) -> Suggestion | None:
        """The suggestion chosen in the list, or None."""
        return self.model.suggestion_at(self.view.tree.currentIndex().row())

    def select(self, key: str) -> None:
        """Choose the suggestion with ``key`` (when shown)."""
        self._select_row(self.model.row_of(key))

    def show_again(self) -> None:
        """Show the chosen suggestion afresh: the owner's home country changed, and with it
        how its number is written."""
        self._on_current_changed(self.view.tree.currentIndex(), None)

    def _on_current_changed(self, current, _previous) -> None:
        s = self.model.suggestion_at(current.row()) if current.isValid() else None
        self._current_key = s.key if s else ""
        self._current_row = current.row() if s else -1
        self.view.panel.show_suggestion(s, self.today)
        self.handoff.show(s, self.today)
        self._enable_actions(s)

    def _reselect(self) -> None:
        """After a reload: the same suggestion, else the one now in its place, else the first."""
        row = self.model.row_of(self._current_key) if self._current_key else -1
        if row < 0:
            row = self.model.item_row_at_or_after(self._current_row)
        self._select_row(row)

    def _select_row(self, row: int) -> None:
        tree, selection = self.view.tree, self.view.tree.selectionModel()
        if row < 0:
            selection.clear()
            self._on_current_changed(self.model.index(-1, 0), None)
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        tree.scrollTo(index)

    def _enable_actions(self, s: Suggestion | None) -> None:
        panel, writable = self.view.panel, s is not None and not self._read_only
        for button in (panel.done_button, panel.snooze_button, panel.dismiss_button):
            button.setEnabled(writable)
        panel.open_button.setEnabled(s is not None and self._open_customer is not None)
        card = writable and can_write_card(s)
        panel.write_button.setVisible(s is None or can_write_card(s))
        panel.write_button.setEnabled(card and self._card_ctx is not None)
        panel.write_button.setToolTip("Write this card in the card editor"
                                      if self._card_ctx is not None else CARD_EDITOR_MISSING)

    def _take_out(self, s: Suggestion) -> None:
        """Drop ``s`` from the list at once (the reload that follows confirms it)."""
        self._current_key = ""
        self.model.remove_key(s.key)
        if not self.model.has_items():
            self.view.show_page("empty")
        self._reselect()

    # --- acting ---------------------------------------------------------------------------

    def done_selected(self) -> None:
        """Done…: ask how it went (channel, note), then log it in one transaction."""
        s = self.current()
        if s is None or self._read_only:
            return
        if s.key in self.handoff.handed:  # handed off: the channel is known, one click logs it
            self._log(s, self.handoff.handed[s.key], "")
            return
        # The dialog opens once the job is over, so "Working…" does not linger behind it.
        self._ops.run(lambda: self._service.contact_options(s.customer_id),
                      lambda options: QTimer.singleShot(0, lambda: self._ask_done(s, options)),
                      label="contact options")

    def _ask_done(self, s: Suggestion, options: ContactOptions) -> None:
        from ui.today.dialogs import DoneDialog  # late: only when the owner acts

        dialog = DoneDialog(s, options, self.view)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._log(s, *dialog.value())

    def _log(self, s: Suggestion, channel: str, note: str) -> None:
        today = self.today
        self._take_out(s)
        self._ops.run(lambda: self._service.act_on(s, channel, note, today), self._logged,
                      lambda exc: self._act_failed(s, exc), label="log a touch")

    def _logged(self, acted: Acted) -> None:
        """On the undo stack once written (a failed Done leaves nothing to undo)."""
        self._undo.push(MarkDone(acted, self._service, self._ops, self._events))
        self._events.say(f"Logged for {acted.suggestion.customer}: "
                         f"{sentence(acted.interaction.summary)} Ctrl+Z undoes it.")

    def _act_failed(self, s: Suggestion, exc: BaseException) -> None:
        self._events.say(f"Could not log it for {s.customer}: {exc}")
        self.load()

    def snooze_selected(self, until: date) -> None:
        """Hide the chosen suggestion until ``until`` (Ctrl+Z brings it back)."""
        s = self.current()
        if s is None or self._read_only or until <= self.today:
            return
        self._take_out(s)
        self._undo.push(Snooze(s, until, self.today, self._service, self._ops, self._events))
        self._events.say(f"Snoozed until {weekday_date(until, self.today)}. "
                         "Ctrl+Z brings it back.")

    def snooze_pick(self) -> None:
        """Snooze until a day chosen in a small dialog."""
        s = self.current()
        if s is None or self._read_only:
            return
        from ui.today.dialogs import SnoozeDialog

        dialog = SnoozeDialog(s, self.today, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.snooze_selected(dialog.value())

    def dismiss_selected(self) -> None:
        """Hide this occurrence of the chosen suggestion (Ctrl+Z brings it back)."""
        s = self.current()
        if s is None or self._read_only:
            return
        self._take_out(s)
        self._undo.push(Dismiss(s, self.today, self._service, self._ops, self._events))
        self._events.say(f"Dismissed “{s.title}” for {s.customer}. Ctrl+Z brings it back.")

    def open_selected(self) -> None:
        """Show the chosen suggestion's customer on the Customers screen."""
        s = self.current()
        if s is not None and self._open_customer is not None:
            self._open_customer(s.customer_id)

    def write_card_selected(self) -> None:
        """Open the card editor for the chosen suggestion; a card put in the print queue
        takes the suggestion off the list (printing logs the touch)."""
        s = self.current()
        if s is None or self._read_only or self._card_ctx is None or not can_write_card(s):
            return
        from ui.cards.editor import open_card_editor

        editor = open_card_editor(self.view, self._card_ctx, s.customer_id, s.occasion or s.kind,
                                  suggestion=s)
        editor.saved.connect(lambda card, _key: self._card_saved(s, card))

    def _card_saved(self, s: Suggestion, card: Any) -> None:
        if getattr(card, "status", "") != "queued":
            return  # a draft: the suggestion stays until the card is done
        if self.model.row_of(s.key) >= 0:
            self._take_out(s)
        self._undo.push(Dismiss(s, self.today, self._service, self._ops, self._events,
                                f"Card for {s.customer} queued"))

    # --- menus ----------------------------------------------------------------------------

    def _fill_snooze(self, menu: QMenu) -> None:
        menu.clear()
        tomorrow = self.today + timedelta(days=1)
        week = next_week(self.today)
        menu.addAction(f"Until tomorrow ({weekday_date(tomorrow, self.today)})",
                       lambda: self.snooze_selected(tomorrow))
        menu.addAction(f"Until next week ({weekday_date(week, self.today)})",
                       lambda: self.snooze_selected(week))
        menu.addAction("Until a day you choose…", self.snooze_pick)

    def _context_menu(self, pos) -> None:
        tree = self.view.tree
        s = self.model.suggestion_at(tree.indexAt(pos).row())
        if s is None:
            return
        self.select(s.key)
        panel, menu = self.view.panel, QMenu(tree)
        for button, slot in ((panel.done_button, self.done_selected),
                             (panel.write_button, self.write_card_selected)):
            if button.isVisible() or button is panel.done_button:
                menu.addAction(button.text(), slot).setEnabled(button.isEnabled())
        snooze = menu.addMenu("Snooze")
        snooze.setEnabled(panel.snooze_button.isEnabled())
        self._fill_snooze(snooze)
        menu.addAction("Dismiss", self.dismiss_selected).setEnabled(
            panel.dismiss_button.isEnabled())
        menu.addSeparator()
        menu.addAction("Open customer", self.open_selected).setEnabled(
            panel.open_button.isEnabled())
        menu.popup(tree.viewport().mapToGlobal(pos))

