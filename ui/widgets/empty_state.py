"""What an empty pane says: what is missing and what to do about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme


class EmptyState(QFrame):
    """A centred icon, a heading, a line of help and an optional button."""

    COLUMN = 460  # px: the widest the words run

    def __init__(self, icon_name: str, heading: str, text: str = "", button: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        # The words wrap in a column as wide as the pane allows, up to COLUMN: a wrapped label
        # placed with an alignment gets its one-line width and loses its last lines.
        column = QWidget(self)
        column.setMaximumWidth(self.COLUMN)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        picture = QLabel()
        picture.setPixmap(icons.icon(icon_name, "#a9aca8").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = theme.label(heading, "heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.text = theme.label(text, "muted")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        for widget in (picture, self.heading, self.text):
            layout.addWidget(widget)
        # The button and any further steps, one under the other and equally wide: a narrow
        # pane (the list's half at 1024 px) still shows each step's words whole.
        buttons = QWidget(column)
        self._more = QVBoxLayout(buttons)
        self._more.setContentsMargins(0, 0, 0, 0)
        self._more.setSpacing(6)
        self.button = QPushButton(button, buttons)  # a parent first: alone, it is a window
        self.button.setProperty("primary", True)
        self.button.setVisible(bool(button))
        self._more.addWidget(self.button)
        layout.addSpacing(4)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignHCenter)
        self._buttons = buttons
        self.steps: dict[str, QPushButton] = {}  # what to do next, by key (the button first)

    def add_step(self, key: str, text: str) -> QPushButton:
        """A further thing to do, as a plain button under the main one."""
        button = QPushButton(text, self._buttons)
        self._more.addWidget(button)
        self.steps[key] = button
        return button

    def set_text(self, heading: str, text: str = "") -> None:
        """Change the heading and the line of help."""
        self.heading.setText(heading)
        self.text.setText(text)
        self.text.setVisible(bool(text))


FIRST_STEPS = (("contacts", "Import contacts…"), ("sales", "Import sales…"),
               ("demo", "Open the demo"))


def first_steps(icon_name: str, heading: str, text: str) -> EmptyState:
    """An empty notebook's page: "New customer", then import contacts, import sales and the
    demo, in ``steps`` under those keys ("new" first)."""
    empty = EmptyState(icon_name, heading, text, "New customer")
    empty.steps["new"] = empty.button
    for key, words in FIRST_STEPS:
        empty.add_step(key, words)
    return empty
