"""Postal addresses, as many as needed, one of them marked for mail."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from domain.model import Address
from ui import icons, theme


class AddressEditor(QFrame):
    """One address: label, street (two lines), city, region, postal code, country."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, address: Address, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 6, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        self.label = self._line(address.label, "Home, work, shop…")
        self.street = QPlainTextEdit(address.street)
        self.street.setPlaceholderText("Street and number")
        self.street.setFixedHeight(54)
        self.street.setTabChangesFocus(True)
        self.street.textChanged.connect(self.changed)
        self.city = self._line(address.city, "City")
        self.region = self._line(address.region, "State / region")
        self.postal_code = self._line(address.postal_code, "Postal code")
        self.country = self._line(address.country, "Country")
        self.mailing = QRadioButton("Send cards here")
        self.mailing.setChecked(address.mailing)
        self.mailing.toggled.connect(lambda _on: self.changed.emit())
        remove = QToolButton()
        remove.setIcon(icons.icon("trash"))
        remove.setToolTip("Remove this address")
        remove.setAutoRaise(True)
        remove.clicked.connect(self.remove_requested)
        grid.addWidget(self.label, 0, 0, 1, 2)
        grid.addWidget(self.mailing, 0, 2)
        grid.addWidget(remove, 0, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.street, 1, 0, 1, 4)
        grid.addWidget(self.city, 2, 0, 1, 2)
        grid.addWidget(self.region, 2, 2, 1, 2)
        grid.addWidget(self.postal_code, 3, 0, 1, 2)
        grid.addWidget(self.country, 3, 2, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)

    def _line(self, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _t: self.changed.emit())
        return edit

    def value(self) -> Address:
        """The address as typed, tidied (blank lines and spaces dropped)."""
        def clean(edit: QLineEdit) -> str:
            return " ".join(edit.text().split())

        street = "\n".join(line.strip() for line in self.street.toPlainText().splitlines()
                           if line.strip())
        return Address(street, clean(self.city), clean(self.region), clean(self.postal_code),
                       clean(self.country), self.mailing.isChecked(), clean(self.label))


class AddressList(QWidget):
    """Every address of a customer, with "Add address"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: list[AddressEditor] = []
        self._group = QButtonGroup(self)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.none = theme.label("No postal address yet.", "muted")
        self._layout.addWidget(self.none)
        self.add_button = QPushButton("+ Add address")
        self.add_button.setProperty("flat", True)
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(self._add_blank)
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_addresses(self, addresses: list[Address], keep_undo: bool = False) -> None:
        """Show ``addresses``, replacing the ones shown (``keep_undo``: unless they are the
        ones shown, whose fields keep their undo)."""
        if keep_undo and [e.value() for e in self._editors] == list(addresses):
            return
        for editor in self._editors:
            self._group.removeButton(editor.mailing)
            editor.deleteLater()
        self._editors = []
        for address in addresses:
            self._add(address)
        self._update_none()

    def addresses(self) -> list[Address]:
        """The non-empty addresses; the first is marked for mail when none is."""
        found = [e.value() for e in self._editors]
        found = [a for a in found if not a.is_empty()]
        if found and not any(a.mailing for a in found):
            found[0].mailing = True
        return found

    def _add_blank(self) -> None:
        editor = self._add(Address(mailing=not self._editors))
        editor.street.setFocus()
        self._update_none()
        self.changed.emit()

    def _add(self, address: Address) -> AddressEditor:
        editor = AddressEditor(address)
        self._group.addButton(editor.mailing)
        editor.changed.connect(self.changed)
        editor.remove_requested.connect(lambda: self._remove(editor))
        self._editors.append(editor)
        self._layout.insertWidget(self._layout.count() - 1, editor)
        return editor

    def _remove(self, editor: AddressEditor) -> None:
        self._group.removeButton(editor.mailing)
        self._editors.remove(editor)
        editor.deleteLater()
        self._update_none()
        self.changed.emit()

    def _update_none(self) -> None:
        self.none.setVisible(not self._editors)
