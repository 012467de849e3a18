"""Filter the customer list: tag, city, last purchase before or after a day, lifetime value
above an amount, birthday month, how they found us; optionally saved under a name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from domain.customer_filter import MONTHS, BadFilter, CustomerFilter


class DateChoice(QWidget):
    """A day that may be left out (the box unticked)."""

    def __init__(self, text: str, day: date | None) -> None:
        super().__init__()
        self.on, self.edit = QCheckBox(text), QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        shown = day or date.today().replace(month=1, day=1)
        self.edit.setDate(QDate(shown.year, shown.month, shown.day))
        self.on.setChecked(day is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.on)
        row.addWidget(self.edit, 1)

    def day(self) -> date | None:
        shown = self.edit.date()
        return date(shown.year(), shown.month(), shown.day()) if self.on.isChecked() else None


class FilterDialog(QDialog):
    """Edit a filter; ``result_filter()`` and ``save_name()`` once accepted."""

    def __init__(self, current: CustomerFilter, tags: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Filter customers")
        self.tag = QComboBox(editable=True)
        self.tag.addItems(["", *tags])
        self.tag.setCurrentText(current.tag)
        self.city = QLineEdit(current.city)
        self.after = DateChoice("on or after", current.bought_after)
        self.before = DateChoice("not since", current.bought_before)
        self.value = QLineEdit("" if current.value_above is None else str(current.value_above))
        self.value.setPlaceholderText("e.g. 250")
        self.month = QComboBox()
        self.month.addItems(["Any month", *MONTHS])
        self.month.setCurrentIndex(current.birthday_month)
        self.found = QLineEdit(current.found_us)
        self.found.setPlaceholderText("words from “How we met”, e.g. market")
        self.name = QLineEdit()
        self.name.setPlaceholderText("leave empty to use it just now")
        self.problem = QLabel()
        form = QFormLayout(self)
        for label, widget in (("Tag", self.tag), ("City", self.city),
                              ("Last purchase", self.after), ("", self.before),
                              ("Lifetime value above", self.value),
                              ("Birthday in", self.month), ("How they found us", self.found),
                              ("Save as", self.name)):
            form.addRow(label, widget)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._filter = current

    def _try_accept(self) -> None:
        try:
            self._filter = self._read()
        except (BadFilter, InvalidOperation):
            self.problem.setText("The lifetime value should be an amount, such as 250.")
            return
        self.accept()

    def _read(self) -> CustomerFilter:
        text = self.value.text().strip().replace(",", "")
        return CustomerFilter(tag=self.tag.currentText().strip(), city=self.city.text().strip(),
                              bought_after=self.after.day(), bought_before=self.before.day(),
                              value_above=Decimal(text) if text else None,
                              birthday_month=self.month.currentIndex(),
                              found_us=self.found.text().strip())

    def result_filter(self) -> CustomerFilter:
        """The filter as accepted."""
        return self._filter

    def save_name(self) -> str:
        """The name to save it under ("" not to save)."""
        return " ".join(self.name.text().split())
