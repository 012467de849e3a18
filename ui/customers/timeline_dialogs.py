"""Dialogs to add or change an entry on the timeline: a touch, a purchase, a promise, a problem."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.model import (
    INTERACTION_KINDS,
    INTERACTION_LABELS,
    PROBLEM_STATUSES,
    PROMISE_STATUSES,
    Interaction,
    Problem,
    ProblemUpdate,
    Promise,
    Purchase,
)
from domain.validation import format_amount, format_date, parse_amount
from ui.widgets.date_fields import DateEdit
from ui.widgets.form_dialog import FormDialog


def _combo(values: tuple[str, ...], labels: dict[str, str] | None, current: str) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem((labels or {}).get(value, value.capitalize()), value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _text_box(text: str, placeholder: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(22 * lines + 14)
    return box


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


class TouchDialog(FormDialog):
    """Log (or correct) a call, visit, card, email, text, gift, meeting or note."""

    def __init__(self, who: str, item: Interaction | None = None, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        title = "Edit touch" if item else f"Log a touch with {who}"
        super().__init__(title, "Save" if item else "Log it", parent)
        self._item = item
        self.kind = self.add_field("kind", "Kind", _combo(INTERACTION_KINDS, INTERACTION_LABELS,
                                                          item.kind if item else "call"))
        self.when = self.add_field("when", "Date", DateEdit(item.when if item else today))
        self.summary = self.add_field("summary", "What happened", _text_box(
            item.summary if item else "", "e.g. Called about the anniversary bouquet; "
            "she'd like peonies."))
        self.summary.setFocus()

    def build_value(self, errors: dict[str, str]) -> Interaction:
        kind = self.kind.currentData()
        summary = _clean(self.summary.toPlainText())
        if kind == "note" and not summary:
            errors["summary"] = "A note needs some text."
        if self._item is not None:
            return replace(self._item, kind=kind, when=self.when.value(), summary=summary,
                           channel=Interaction(self.when.value(), kind).channel)
        return Interaction(self.when.value(), kind, summary)


class PurchaseDialog(FormDialog):
    def __init__(self, item: Purchase | None = None, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit purchase" if item else "Add a purchase", parent=parent)
        self._item = item
        self.when = self.add_field("when", "Date", DateEdit(item.when if item else today))
        self.amount = self.add_field("amount", "Amount", QLineEdit(
            format_amount(item.amount) if item else ""))
        self.amount.setPlaceholderText("e.g. 120.50")
        self.description = self.add_field("description", "What", QLineEdit(
            item.description if item else ""))
        self.description.setPlaceholderText("e.g. Anniversary bouquet, 24 red roses")

    def build_value(self, errors: dict[str, str]) -> Purchase:
        amount = self.check("amount", errors, lambda: parse_amount(self.amount.text()))
        description = " ".join(self.description.text().split())
        base = self._item or Purchase(self.when.value(), amount)
        return replace(base, when=self.when.value(), amount=amount, description=description)


class PromiseDialog(FormDialog):
    """Something we said we would do, by when; kept when it is done."""

    def __init__(self, item: Promise | None = None, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit promise" if item else "Add a promise", parent=parent)
        self._item = item
        today = today or date.today()
        due = item.due if item else datetime.combine(today + timedelta(days=1), time(17, 0))
        self.what = self.add_field("what", "Promised", QLineEdit(item.what if item else ""))
        self.what.setPlaceholderText("e.g. Call back with the price of the peonies")
        self.made = self.add_field("made", "Made on", DateEdit(item.made if item else today))
        self.due_day = self.add_field("due_day", "Due", DateEdit(due.date()))
        self.due_time = QTimeEdit(QTime(due.hour, due.minute))
        self.due_time.setDisplayFormat("HH:mm")
        self.add_field("due_time", "At", self.due_time)
        self.status = self.add_field("status", "Status", _combo(
            PROMISE_STATUSES, None, item.status if item else "open"))

    def build_value(self, errors: dict[str, str]) -> Promise:
        what = " ".join(self.what.text().split())
        if not what:
            errors["what"] = "Say what was promised."
        due = datetime.combine(self.due_day.value(), self.due_time.time().toPython())
        if self.due_day.value() < self.made.value():
            errors["due_day"] = "The due date is before the day it was promised."
        base = self._item or Promise(self.made.value(), due, what)
        return replace(base, made=self.made.value(), due=due, what=what,
                       status=self.status.currentData())


class ProblemDialog(FormDialog):
    """An after-sale problem, its updates, and how it was resolved."""

    def __init__(self, item: Problem | None = None, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit problem" if item else "Open a problem", parent=parent)
        self.setMinimumWidth(560)
        self._item = item
        self._today = today or date.today()
        self._updates = list(item.updates) if item else []
        self.summary = self.add_field("summary", "Problem", _text_box(
            item.summary if item else "", "e.g. The roses wilted after two days.", 2))
        self.opened = self.add_field("opened", "Opened", DateEdit(item.opened if item
                                                                  else self._today))
        self.waiting_on = self.add_field("waiting_on", "Waiting on", QLineEdit(
            item.waiting_on if item else ""))
        self.waiting_on.setPlaceholderText("e.g. the supplier, or the customer")
        self.status = self.add_field("status", "Status", _combo(
            PROBLEM_STATUSES, None, item.status if item else "open"))
        self.resolved = self.add_field("resolved", "Resolved on", DateEdit(
            item.resolved if item and item.resolved else self._today))
        self.add_field("updates", "Updates", self._build_updates())
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()

    def _build_updates(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.update_list = QTreeWidget()
        self.update_list.setHeaderLabels(["Date", "Update"])
        self.update_list.setRootIsDecorated(False)
        self.update_list.setFixedHeight(110)
        row = QHBoxLayout()
        self.update_text = QLineEdit()
        self.update_text.setPlaceholderText("What happened since, e.g. Sent a replacement")
        add = QPushButton("Add update")
        remove = QPushButton("Remove")
        add.clicked.connect(self._add_update)
        remove.clicked.connect(self._remove_update)
        row.addWidget(self.update_text, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addWidget(self.update_list)
        layout.addLayout(row)
        self._fill_updates()
        return box

    def _fill_updates(self) -> None:
        self.update_list.clear()
        for update in self._updates:
            self.update_list.addTopLevelItem(
                QTreeWidgetItem([format_date(update.when), update.summary]))
        self.update_list.resizeColumnToContents(0)

    def _add_update(self) -> None:
        text = " ".join(self.update_text.text().split())
        if text:
            self._updates.append(ProblemUpdate(self._today, text))
            self.update_text.clear()
            self._fill_updates()

    def _remove_update(self) -> None:
        row = self.update_list.indexOfTopLevelItem(self.update_list.currentItem())
        if row >= 0:
            del self._updates[row]
            self._fill_updates()

    def _status_changed(self) -> None:
        self.form.setRowVisible(self.boxes["resolved"], self.status.currentData() == "resolved")

    def build_value(self, errors: dict[str, str]) -> Problem:
        self._add_update()  # an update typed but not added is still meant
        summary = _clean(self.summary.toPlainText())
        if not summary:
            errors["summary"] = "Describe the problem in a few words."
        resolved = self.resolved.value() if self.status.currentData() == "resolved" else None
        if resolved and resolved < self.opened.value():
            errors["resolved"] = "It cannot be resolved before it was opened."
        base = self._item or Problem(self.opened.value(), summary)
        return replace(base, opened=self.opened.value(), summary=summary,
                       waiting_on=" ".join(self.waiting_on.text().split()),
                       status=self.status.currentData(), resolved=resolved,
                       updates=list(self._updates))
