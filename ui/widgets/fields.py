"""Form fields that show their own problems: a red line of text right under the field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme


def show_text(edit: QLineEdit | QPlainTextEdit, text: str, keep_undo: bool = False) -> None:
    """Put ``text`` in ``edit``. ``keep_undo`` (the same record read back after a save): the
    field's undo history stays, so Ctrl+Z after Ctrl+S still undoes the typing; unchanged
    text is left alone and changed text goes in as one undoable step. Otherwise (someone
    else's record) the history starts afresh: Ctrl+Z must never bring another's words back."""
    line = isinstance(edit, QLineEdit)
    if not keep_undo:
        edit.setText(text) if line else edit.setPlainText(text)
    elif (edit.text() if line else edit.toPlainText()) != text:
        if line:
            edit.selectAll()
            edit.insert(text)
        else:
            cursor = edit.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)


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

    def set_values(self, values: list[str], keep_undo: bool = False) -> None:
        """Replace every row, without emitting ``changed`` (``keep_undo``: rows that already
        show ``values`` are kept, with their undo; see :func:`show_text`)."""
        if keep_undo and [e.text() for _b, e, _r in self._rows] == list(values):
            return
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
