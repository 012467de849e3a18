"""Date inputs: a day-month-year picker whose year may stay empty, and a calendar date edit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from domain.dates import PartialDate
from domain.validation import MONTHS, Invalid, partial_date


class PartialDateEdit(QWidget):
    """Day, month and an optional year: a birthday without a year is normal, Feb 29 is fine."""

    changed = Signal()

    def __init__(self, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setObjectName("day")
        self.month = QComboBox()
        self.month.setObjectName("month")
        if optional:
            self.month.addItem("No date", 0)
        for number, name in enumerate(MONTHS, 1):
            self.month.addItem(name, number)
        self.year = QLineEdit()
        self.year.setObjectName("year")
        self.year.setPlaceholderText("Year (optional)")
        self.year.setMaxLength(4)
        self.year.setMaximumWidth(120)
        row.addWidget(self.day)
        row.addWidget(self.month, 1)
        row.addWidget(self.year)
        self.day.valueChanged.connect(lambda _v: self.changed.emit())
        self.month.currentIndexChanged.connect(self._month_changed)
        self.year.textEdited.connect(lambda _t: self.changed.emit())
        self._month_changed()

    def _month_changed(self) -> None:
        empty = self.month.currentData() == 0
        self.day.setEnabled(not empty)
        self.year.setEnabled(not empty)
        self.changed.emit()

    def set_value(self, value: PartialDate | None) -> None:
        """Show ``value``."""
        if value is None:
            self.month.setCurrentIndex(0)
            self.year.clear()
            return
        self.month.setCurrentIndex(self.month.findData(value.month))
        self.day.setValue(value.day)
        self.year.setText(str(value.year) if value.year else "")

    def value(self) -> PartialDate | None:
        """The date (None when optional and unset); raise Invalid with a message."""
        month = self.month.currentData()
        if month == 0:
            return None
        year_text = self.year.text().strip()
        if year_text and not year_text.isdigit():
            raise Invalid("The year is a number such as 1980, or leave it empty.")
        return partial_date(self.day.value(), month, int(year_text) if year_text else None)


class DateEdit(QDateEdit):
    """A required date with a calendar, shown as ``14 Mar 2026``."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumWidth(140)
        self.set_value(value or date.today())

    def set_value(self, value: date) -> None:
        """Show ``value``."""
        self.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date:
        """The date shown."""
        return self.date().toPython()
