"""Small dialogs of the Today screen: log a suggestion as done, snooze it to a chosen day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from domain.model import CHANNELS
from domain.outreach import Suggestion
from domain.outreach.wording import weekday_date
from ui import theme
from ui.today.model import channel_icon, channel_label
from ui.today.service import ContactOptions
from ui.widgets.date_fields import DateEdit
from ui.widgets.form_dialog import FormDialog


def _note(text: str) -> QLabel:
    label = theme.label(text, "muted")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class DoneDialog(FormDialog):
    """Which channel it went by (the suggested one first; do-not-contact ones greyed) and an
    optional note. ``value()`` is ``(channel, note)``."""

    def __init__(self, s: Suggestion, options: ContactOptions,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"{s.customer} — {s.title}", "Log it", parent)
        self.setWindowTitle("Mark as done")
        self.form.addRow(_note(s.reason))
        self.channel = self.add_field("channel", "How", self._channels(s, options))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("What happened? (optional) e.g. Called — she loved the "
                                     "peonies and wants tulips in spring.")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(84)
        self.add_field("note", "Note", self.note)
        self.note.setFocus()

    def _channels(self, s: Suggestion, options: ContactOptions) -> QComboBox:
        combo = QComboBox()
        model: QStandardItemModel = combo.model()
        blocked = options.blocked if options.blocked != frozenset(CHANNELS) else frozenset()
        for channel in CHANNELS:
            text = channel_label(channel)
            if channel in blocked:
                text += " — do not contact"
            combo.addItem(channel_icon(channel), text, channel)
            model.item(combo.count() - 1).setEnabled(channel not in blocked)
        first_open = next(c for c in CHANNELS if c not in blocked)
        pick = s.channel if s.channel and s.channel not in blocked else first_open
        combo.setCurrentIndex(combo.findData(pick))
        return combo

    def build_value(self, errors: dict[str, str]) -> tuple[str, str]:
        note = "\n".join(line.rstrip() for line in self.note.toPlainText().strip().splitlines())
        return self.channel.currentData(), note


class SnoozeDialog(FormDialog):
    """Snooze until a day after ``today``; ``value()`` is the day."""

    def __init__(self, s: Suggestion, today: date, parent: QWidget | None = None) -> None:
        super().__init__(f"Snooze: {s.customer} — {s.title}", "Snooze", parent)
        self.setWindowTitle("Snooze until…")
        self._today = today
        self.until = DateEdit(today + timedelta(days=7))
        tomorrow = today + timedelta(days=1)
        self.until.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.add_field("until", "Show it again on", self.until,
                       "It comes back on that morning, as it stands then.")

    def build_value(self, errors: dict[str, str]) -> date:
        day = self.until.value()
        if day <= self._today:
            errors["until"] = f"Choose a day after today ({weekday_date(self._today, day)})."
        return day
