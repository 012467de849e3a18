"""The Templates screen: wordings by occasion on the left, the chosen one's editor in the
middle, and its card for a sample (or chosen) customer on the right (layout;
``controller.py`` does the rest)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from domain.templates import OCCASIONS, PLACEHOLDERS
from ui import icons, theme
from ui.cards.editor import plain_label
from ui.cards.format_choice import add_formats
from ui.templates.chip_edit import ChipEdit
from ui.widgets.fields import ErrorLabel
from ui.widgets.fit import share_width


class ChipList(QListWidget):
    """Chips that wrap onto as many rows as they need, up to ``MAX_ROWS`` (then it scrolls):
    on a small laptop the words being written keep their room."""

    MAX_ROWS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.count():
            self.doItemsLayout()
            last = self.visualItemRect(self.item(self.count() - 1))
            row = self.visualItemRect(self.item(0)).height() + self.spacing()
            room = 2 * self.frameWidth() + 8
            needed = min(last.bottom() + self.verticalOffset(), self.MAX_ROWS * row) + room
            if needed != self.height():
                self.setFixedHeight(max(needed, 30))


class TemplatesScreen(QWidget):
    """The list, the editor and the preview."""

    def __init__(self, service, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesScreen")
        self.ctx = ctx
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list())
        self.splitter.addWidget(self._build_editor())
        self.splitter.addWidget(self._build_preview())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._sized = False
        from ui.templates.controller import TemplatesController

        self.controller = TemplatesController(self, service, ctx)

    def _build_list(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(12, 14, 4, 10)
        column.addWidget(theme.label("Templates", "heading"))
        hint = theme.label("The words each card starts from. Several wordings for an "
                           "occasion take turns, so customers do not get the same card.",
                           "muted")
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.tree = QTreeWidget()
        self.tree.setObjectName("templateTree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        column.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(icons.icon("plus"), "New")
        self.new_button.setToolTip("A new wording of your own for this occasion")
        self.duplicate_button = QPushButton("Duplicate")
        self.duplicate_button.setToolTip("Copy this wording to make your own version")
        self.delete_button = QPushButton(icons.icon("trash"), "Delete")
        self.delete_button.setToolTip("Delete your wording (undo with Ctrl+Z)")
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    def _build_editor(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(8, 14, 8, 10)
        column.setSpacing(6)
        column.addWidget(self._build_banner())
        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.name.setPlaceholderText("Name of this wording")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        column.addWidget(self.name)
        pickers = QGridLayout()  # one choice a row: side by side both were cut on a laptop
        pickers.setColumnStretch(1, 1)
        self.occasion = QComboBox()
        for key, title in OCCASIONS.items():
            self.occasion.addItem(title, key)
        self.format = QComboBox()
        add_formats(self.format, "card")
        for row, (title, combo) in enumerate((("Occasion", self.occasion),
                                              ("Card format", self.format))):
            pickers.addWidget(theme.label(title, "muted"), row, 0)
            pickers.addWidget(combo, row, 1)
        column.addLayout(pickers)
        column.addWidget(theme.label("Words", "section"))
        self.body = ChipEdit()  # fields as chips ("First name"); stored as Jinja
        self.body.setObjectName("templateBody")
        self.body_error = ErrorLabel()
        column.addWidget(self.body, 3)
        column.addWidget(self.body_error)
        column.addWidget(theme.label("Sign-off", "section"))
        self.signature = ChipEdit()
        self.signature.setObjectName("templateSignature")
        self.signature.setFixedHeight(58)
        self.signature_error = ErrorLabel()
        column.addWidget(self.signature)
        column.addWidget(self.signature_error)
        column.addWidget(theme.label("Click to add a detail where the cursor is:", "muted"))
        column.addWidget(self._build_placeholders())
        column.addWidget(self._build_save_bar())
        return box

    def _build_banner(self) -> QFrame:
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(f"QFrame#banner {{ background: {theme.WARNING_SOFT}; "
                                  "border: 1px solid #ecd9a0; border-radius: 6px; }")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 6, 6, 6)
        text = theme.label("Built-in wording. Duplicate it to make a version of your own; "
                           "yours and the built-in ones take turns.")
        text.setWordWrap(True)
        self.banner_duplicate = QPushButton("Duplicate")
        row.addWidget(text, 1)
        row.addWidget(self.banner_duplicate)
        self.banner.hide()
        return self.banner

    def _build_placeholders(self) -> QListWidget:
        self.placeholders = ChipList()
        self.placeholders.setObjectName("placeholders")
        self.placeholders.setFlow(QListView.Flow.LeftToRight)
        self.placeholders.setWrapping(True)
        self.placeholders.setResizeMode(QListView.ResizeMode.Adjust)
        self.placeholders.setSpacing(3)
        self.placeholders.setStyleSheet(
            f"QListWidget#placeholders {{ background: transparent; border: none; }}"
            f"QListWidget#placeholders::item {{ background: {theme.ACCENT_SOFT}; "
            f"color: {theme.ACCENT}; border-radius: 8px; padding: 1px 6px; }}")
        for name, field in PLACEHOLDERS.items():
            item = QListWidgetItem(field.label)
            item.setToolTip(f"{field.label}: {field.meaning} (written {{{{ {name} }}}})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.placeholders.addItem(item)
        return self.placeholders

    def _build_save_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("saveBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 6, 0, 6)
        self.save_status = plain_label("", "muted")
        self.save_status.setWordWrap(True)
        self.revert_button = QPushButton("Revert")
        self.save_button = QPushButton("Save template")
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip("Save this wording (Ctrl+S)")  # see the controller
        row.addWidget(self.save_status, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        return bar

    def _build_preview(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 14, 8, 10)
        column.addWidget(theme.label("Preview", "section"))
        row = QHBoxLayout()
        row.addWidget(theme.label("For", "muted"))
        self.preview_for = QComboBox()
        self.preview_for.setObjectName("previewFor")
        self.preview_for.setSizeAdjustPolicy(  # a long customer's name must not widen the pane
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preview_for.setMinimumContentsLength(12)
        row.addWidget(self.preview_for, 1)
        column.addLayout(row)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        font = QFont(self.preview.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.preview.setFont(font)
        column.addWidget(self.preview, 1)
        self.preview_note = plain_label("", "muted")
        self.preview_note.setWordWrap(True)
        column.addWidget(self.preview_note)
        box.setMinimumWidth(220)
        return box

    # --- our API --------------------------------------------------------------------------

    def set_editable(self, editable: bool, builtin: bool) -> None:
        """Built-in wordings (and a read-only notebook) can be read, not changed."""
        for edit in (self.name, self.body, self.signature):
            edit.setReadOnly(not editable)
        for widget in (self.occasion, self.format, self.placeholders):
            widget.setEnabled(editable)
        self.banner.setVisible(builtin)

    # --- screen protocol ------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, self._initial_sizes)

    def _initial_sizes(self) -> None:
        # The splitter's own width: a floor of 900 px pushed the editor under the list on a
        # 1024 px screen (818 px here)
        share_width(self.splitter, [0.25, 0.43, 0.32])

    def on_shown(self) -> None:
        """The screen came to the front."""
        self.controller.refresh_if_stale()

    def can_close(self) -> bool:
        """Before the window closes: deal with an unsaved wording."""
        return self.controller.can_leave()
