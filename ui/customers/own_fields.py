"""The owner's own fields on the Profile tab (a tailor's measurements, an agent's policy
numbers), and the customer's status: archived or deceased customers are suggested nothing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QSizePolicy

from domain.model import Customer, CustomField
from ui.widgets.fields import FieldBox, show_text

# What each status reads as, in the owner's words.
STATUS_LABELS = (
    ("", "Active"),
    ("archived", "Archived: nothing suggested"),
    ("deceased", "Deceased: nothing suggested, no cards"),
)


class OwnFields(QObject):
    """A row per field of the notebook's own, a status choice, and "Add a field…", as rows
    of the Profile tab's own form (so that their labels line up with the others)."""

    changed = Signal()
    add_field = Signal()

    def __init__(self, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._form = form
        self.status = QComboBox()
        self.status.setObjectName("status")
        for value, label in STATUS_LABELS:
            self.status.addItem(label, value)
        self.status.activated.connect(lambda _i: self.changed.emit())
        self._form.addRow("Status", self.status)
        self.add_button = QPushButton("Add a field…")
        self.add_button.setObjectName("add_field")
        self.add_button.setToolTip("A field of your own on every customer's page, "
                                   "such as a measurement or a policy number.")
        self.add_button.clicked.connect(self.add_field)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._form.addRow("", self.add_button)
        self.boxes: dict[str, FieldBox] = {}
        self.kinds: dict[str, str] = {}

    def set_fields(self, fields: list[CustomField]) -> None:
        """Show a row for each of ``fields`` (rows already shown are kept)."""
        for f in fields:
            self.kinds[f.name] = f.kind
            if f.name in self.boxes:
                continue
            edit = QLineEdit()
            edit.setObjectName(f"field:{f.name}")
            edit.setPlaceholderText({"number": "a number", "date": "a date"}.get(f.kind, ""))
            edit.textEdited.connect(lambda _t: self.changed.emit())
            self.boxes[f.name] = FieldBox(edit)
            row = self._form.getWidgetPosition(self.add_button)[0]
            self._form.insertRow(row, f.name, self.boxes[f.name])
            self.boxes[f.name].show()  # now, not at Qt's next turn (the owner types at once)

    def set_customer(self, c: Customer, keep_undo: bool = False) -> None:
        """Show ``c``'s status and values (a value of a field not shown yet adds its row;
        ``keep_undo``: see ui.widgets.fields.show_text)."""
        self.set_fields([CustomField(name) for name in c.fields if name not in self.boxes])
        for name, box in self.boxes.items():
            show_text(self.editor(name), c.fields.get(name, ""), keep_undo)
            box.set_error("")
        self.status.setCurrentIndex(max(self.status.findData(c.status), 0))

    def editor(self, name: str) -> QLineEdit:
        """The line edit of the field called ``name``."""
        return cast(QLineEdit, self.boxes[name].editor)

    def read_into(self, c: Customer, errors: dict[str, str]) -> None:
        """Copy the values and status into ``c``; a number field must hold a number."""
        values = dict(c.fields)
        for name in self.boxes:
            text = " ".join(self.editor(name).text().split())
            if self.kinds.get(name) == "number" and text and not _is_number(text):
                errors[f"field:{name}"] = f"{name} is a number, e.g. 32.5."
            if text:
                values[name] = text
            else:
                values.pop(name, None)
        c.fields = values
        c.status = self.status.currentData() or ""

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, box in self.boxes.items():
            box.set_error(errors.get(f"field:{name}", ""))


def _is_number(text: str) -> bool:
    try:
        return Decimal(text.replace(",", ".")).is_finite()
    except InvalidOperation:
        return False
