"""The box that tells the owner something failed: what, whether their data is safe, where the
log is. Modeless, so the window stays usable; ``ui.failures`` shows one at a time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui import theme

if TYPE_CHECKING:
    from ui.failures import Failure


class FailureDialog(QDialog):
    """One failure, in words; "Open log folder" and "Copy details" for whoever helps."""

    def __init__(self, failure: Failure, log_file: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.failure, self.log_file = failure, log_file
        self._others = 0
        self.headline = _label(f"<b>{_html(failure.headline)}</b>")
        self.summary = _label(_html(failure.summary), "muted")
        self.safety = _label(_html(failure.safety))
        self.repeats = _label("", "muted")
        self.repeats.hide()
        self.where = _label(_where(log_file, failure.unlogged))
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build()

    def _build(self) -> None:
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder = QPushButton("Open log folder")
        self.copy = QPushButton("Copy details")
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_folder.clicked.connect(self.open_log_folder)
        self.open_folder.setEnabled(self.log_file is not None)
        self.copy.clicked.connect(self.copy_details)
        theme.plain_buttons(buttons.buttons())
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for widget in (self.summary, self.safety, self.repeats, self.where, buttons):
            layout.addWidget(widget)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        self.setMinimumWidth(460)

    def count(self, same: int, others: int) -> None:
        """Say how often this failure came back, and how many others came while it showed."""
        parts = [f"This happened {same} times."] if same > 1 else []
        if others:
            parts.append(f"{others} other failure{'s' if others > 1 else ''} came after it; "
                         "they are in the log too.")
        self.repeats.setText(" ".join(parts))
        self.repeats.setVisible(bool(parts))

    def details(self) -> str:
        """What "Copy details" copies: the failure, its traceback and where the log is."""
        return f"{self.failure.headline}\n{self.failure.details}\nLog: {self.log_file}\n"

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.copy.setText("Copied")

    def open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


def _where(log_file: Path | None, unlogged: str) -> str:
    if log_file is None:
        return "No log could be written; “Copy details” has them."
    if unlogged:
        return (f"The log {_html(str(log_file))} could not be written ({_html(unlogged)}); "
                "“Copy details” has them.")
    return f"The details are in the log: {_html(str(log_file))}"


def _label(text: str, role: str = "") -> QLabel:
    label = theme.label(text, role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _html(text: str) -> str:
    """Plain text shown as rich text: an exception's message may hold ``<`` or ``&``."""
    import html

    return html.escape(text).replace("\n", "<br>")
