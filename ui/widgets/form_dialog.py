"""A small dialog holding a form: OK only closes it when every field checks out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from domain.validation import Invalid
from ui import theme
from ui.widgets.fields import FieldBox
from ui.widgets.fit import FittingScroll, fit_to_screen


class FormDialog(QDialog):
    """Subclasses add rows with ``add_field`` and implement ``build_value``."""

    def __init__(self, title: str, ok_text: str = "Save", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.setSpacing(12)
        outer.addWidget(theme.label(title, "section"))
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        holder = QWidget()  # scrolls when the form is taller than a small laptop's screen
        holder.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(FittingScroll(holder), 1)
        self._fitted = False
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setProperty("primary", True)
        theme.plain_buttons(self.buttons.buttons())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.boxes: dict[str, FieldBox] = {}
        self._value = None

    def showEvent(self, event) -> None:
        if not self._fitted:  # once every row is in: the subclasses add theirs after us
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)

    def add_field(self, key: str, title: str, editor: QWidget, hint: str = "") -> QWidget:
        """Add a row ``title`` with ``editor`` (named ``key``) and its error line."""
        editor.setObjectName(key)
        self.boxes[key] = FieldBox(editor, hint)
        self.form.addRow(title, self.boxes[key])
        return editor

    def field(self, key: str) -> QWidget:
        """The editor of row ``key``."""
        return self.boxes[key].editor

    def build_value(self, errors: dict[str, str]):
        """Return the edited item; put a message under a field key in ``errors``."""
        raise NotImplementedError

    def check(self, key: str, errors: dict[str, str], read):
        """Call ``read()``; an Invalid becomes ``errors[key]`` and the result None."""
        try:
            return read()
        except Invalid as exc:
            errors[key] = str(exc)
            return None

    def value(self):
        """What was saved (after ``exec`` returned Accepted)."""
        return self._value

    def accept(self) -> None:
        errors: dict[str, str] = {}
        value = self.build_value(errors)
        for key, box in self.boxes.items():
            box.set_error(errors.get(key, ""))
        if errors:
            first = next(k for k in self.boxes if k in errors)
            self.boxes[first].editor.setFocus()
            return
        self._value = value
        super().accept()
