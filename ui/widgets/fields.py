"""Form fields that show their own problems: a red line of text right under the field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme


class ErrorLabel(QLabel):
    """Hidden while empty; shows a message in the error colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.set_role(self, "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_error(self, message: str) -> None:
        """Show ``message``; an empty one hides the label."""
        self.setText(message)
        self.setVisible(bool(message))


class FieldBox(QWidget):
    """An editor with its error label underneath, for a QFormLayout row."""

    def __init__(self, editor: QWidget, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        if hint:
            note = theme.label(hint, "muted")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        """Show ``message`` (empty clears it) and mark the editor."""
        self.error.show_error(message)
        theme.set_flag(self.editor, "invalid", bool(message))


class LineList(QWidget):
    """A growing list of one-line values (emails, phones), each with its own error line."""

    changed = Signal()
    left_field = Signal(int)  # the row whose field lost focus after an edit

    def __init__(self, add_text: str, placeholder: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder
        self._rows: list[tuple[QWidget, QLineEdit, ErrorLabel]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.add_button = QPushButton(add_text)
        self.add_button.setProperty("flat", True)
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(lambda: self._add("", focus=True))
        self._layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_placeholder(self, text: str) -> None:
        """The grey hint shown in empty lines."""
        self._placeholder = text
        for _box, edit, _error in self._rows:
            edit.setPlaceholderText(text)

    def set_values(self, values: list[str]) -> None:
        """Replace every row, without emitting ``changed``."""
        for box, _edit, _error in self._rows:
            box.deleteLater()
        self._rows = []
        for value in values:
            self._add(value)

    def values(self) -> list[str]:
        """Each row's text, stripped; blank rows are left out."""
        return [e.text().strip() for _b, e, _r in self._rows if e.text().strip()]

    def raw_values(self) -> list[str]:
        """Every row as typed, blank ones included, in order (indexes match ``set_errors``)."""
        return [e.text().strip() for _b, e, _r in self._rows]

    def editors(self) -> list[QLineEdit]:
        """The line edits, in order."""
        return [e for _b, e, _r in self._rows]

    def set_errors(self, errors: dict[int, str]) -> None:
        """Show ``errors`` by row index; rows not named are cleared."""
        for i, (_box, edit, error) in enumerate(self._rows):
            error.show_error(errors.get(i, ""))
            theme.set_flag(edit, "invalid", i in errors)

    def _add(self, value: str, focus: bool = False) -> None:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        line = QHBoxLayout()
        line.setSpacing(4)
        edit = QLineEdit(value)
        edit.setPlaceholderText(self._placeholder)
        remove = QToolButton()
        remove.setIcon(icons.icon("close"))
        remove.setToolTip("Remove")
        remove.setAutoRaise(True)
        line.addWidget(edit)
        line.addWidget(remove)
        error = ErrorLabel()
        outer.addLayout(line)
        outer.addWidget(error)
        row = (box, edit, error)
        self._rows.append(row)
        self._layout.insertWidget(self._layout.count() - 1, box)
        edit.textEdited.connect(lambda _t: self.changed.emit())
        edit.editingFinished.connect(lambda: self._left(row))
        remove.clicked.connect(lambda: self._remove(row))
        if focus:
            edit.setFocus()
            self.changed.emit()

    def _left(self, row) -> None:
        if row in self._rows:
            self.left_field.emit(self._rows.index(row))

    def _remove(self, row) -> None:
        self._rows.remove(row)
        row[0].deleteLater()
        self.changed.emit()
