"""The card editor: a window to write one customer's card, beside their facts and a preview.

Open it from anywhere with :func:`open_card_editor`::

    from ui.cards.editor import open_card_editor

    editor = open_card_editor(self, ctx, customer_id, "birthday", suggestion=s)
    editor.saved.connect(lambda card, key: ...)   # key: the suggestion's key, or None

It is not modal: it shows at once and loads on the worker. When the owner saves (a draft, or
into the print queue) it announces ``cards={id}`` on the change bus, emits ``saved(card,
suggestion_key)`` and closes. ``occasion`` is a template occasion ("birthday") or a Today
suggestion kind ("thank_you_first_purchase"); an unsent card of that occasion for the
customer is opened rather than a second one started.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from domain.cards import occasion_for
from domain.templates import OCCASIONS
from ui import icons, theme
from ui.cards.format_choice import add_formats
from ui.cards.page_view import PagePreview
from ui.cards.service import CardService
from ui.widgets.fit import fit_to_screen


def plain_label(text: str = "", role: str = "") -> QLabel:
    """A label that never reads its text as markup (customer data goes in these)."""
    label = theme.label(text, role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CardEditor(QDialog):
    """Layout only; :class:`ui.cards.editor_controller.EditorController` does the rest."""

    saved = Signal(object, object)  # Card, suggestion key (str or None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        self.setWindowTitle("Write a card")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1240, 760)
        self.controller: Any = None  # set by open_card_editor
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        self.heading = plain_label("Write a card", "heading")
        self.subtitle = plain_label("Loading…", "muted")
        outer.addWidget(self.heading)
        outer.addWidget(self.subtitle)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_facts())
        splitter.addWidget(self._build_text())
        splitter.addWidget(self._build_preview())
        splitter.setSizes([270, 430, 540])
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        outer.addWidget(splitter, 1)
        outer.addLayout(self._build_buttons())

    def _build_facts(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 6, 0)
        self.facts_title = plain_label("About them", "section")
        hint = theme.label("Click a detail to add a line where your cursor is.", "muted")
        hint.setWordWrap(True)
        self.facts = QListWidget()
        self.facts.setObjectName("facts")
        self.facts.setWordWrap(True)
        self.facts.setResizeMode(QListView.ResizeMode.Adjust)
        self.facts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.facts.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.facts.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.facts.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.facts.setMouseTracking(True)
        self.facts.setCursor(Qt.CursorShape.PointingHandCursor)
        # Item padding only up and down: Qt's word wrap does not count it across.
        self.facts.setStyleSheet("QListWidget#facts { background: white; border: 1px solid "
                                 f"{theme.BORDER}; border-radius: 6px; padding: 2px 6px; }}"
                                 "QListWidget#facts::item { padding: 4px 0px; }"
                                 "QListWidget#facts::item:hover { background: "
                                 f"{theme.ACCENT_SOFT}; }}")
        column.addWidget(self.facts_title)
        column.addWidget(hint)
        column.addWidget(self.facts, 1)
        box.setMinimumWidth(220)
        return box

    def _build_text(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 0, 6, 0)
        pickers = QGridLayout()
        pickers.setHorizontalSpacing(8)
        pickers.setColumnStretch(1, 1)
        pickers.setColumnStretch(3, 1)
        self.occasion = QComboBox()
        for key, name in OCCASIONS.items():
            self.occasion.addItem(name, key)
        self.wording = QComboBox()
        self.format = QComboBox()
        add_formats(self.format, "card")
        for combo in (self.occasion, self.wording, self.format):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        # One choice a row: side by side they made the editor 1,055 px wide at the least
        for at_row, at_col, span, title, combo in ((0, 0, 3, "Occasion", self.occasion),
                                                   (1, 0, 3, "Format", self.format),
                                                   (2, 0, 3, "Wording", self.wording)):
            pickers.addWidget(theme.label(title, "muted"), at_row, at_col)
            pickers.addWidget(combo, at_row, at_col + 1, 1, span)
        self.text = QPlainTextEdit()
        self.text.setObjectName("cardText")
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text.setFont(font)
        self.text.setPlaceholderText("Write the card here…")
        column.addLayout(pickers)
        column.addWidget(self.text, 1)
        column.addWidget(self._build_fit_bar())
        column.addWidget(self._build_banner())
        self.personal = plain_label("")
        self.personal.setWordWrap(True)
        self.personal.setStyleSheet(f"color: {theme.ACCENT};")
        column.addWidget(self.personal)
        return box

    def _build_fit_bar(self) -> QFrame:
        """The line that says the words no longer fit the format, with the way out."""
        self.fit_bar = QFrame()
        self.fit_bar.setObjectName("fitBar")
        self.fit_bar.setStyleSheet(f"QFrame#fitBar {{ background: {theme.ERROR_SOFT}; "
                                   "border: 1px solid #f1b8b1; border-radius: 6px; }")
        row = QHBoxLayout(self.fit_bar)
        row.setContentsMargins(10, 6, 8, 6)
        mark = QLabel()
        mark.setPixmap(icons.icon("problem", theme.ERROR).pixmap(18, 18))
        self.fit_text = plain_label("")
        self.fit_text.setWordWrap(True)
        self.fit_text.setStyleSheet(f"color: {theme.ERROR};")
        self.fit_button = QPushButton("")
        self.fit_button.setAutoDefault(False)
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.fit_text, 1)
        row.addWidget(self.fit_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.fit_bar.hide()
        return self.fit_bar

    def _build_banner(self) -> QFrame:
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet(f"QFrame#banner {{ background: {theme.WARNING_SOFT}; "
                                  "border: 1px solid #ecd9a0; border-radius: 6px; }")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 8, 10, 8)
        mark = QLabel()
        mark.setPixmap(icons.icon("problem", theme.WARNING_TEXT).pixmap(18, 18))
        self.banner_text = plain_label("")
        self.banner_text.setWordWrap(True)
        row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.banner_text, 1)
        self.banner.hide()
        return self.banner

    def _build_preview(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(6, 0, 0, 0)
        column.addWidget(theme.label("As it will print", "section"))
        self.preview_caption = plain_label("", "muted")
        self.preview_caption.setWordWrap(True)
        self.preview = PagePreview(fit_all=True)
        self.preview.set_message("Drawing the card…")
        column.addWidget(self.preview_caption)
        column.addWidget(self.preview, 1)
        box.setMinimumWidth(300)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status = plain_label("", "muted")
        self.status.setWordWrap(True)
        self.close_button = QPushButton("Close")
        self.draft_button = QPushButton("Save draft")
        self.draft_button.setToolTip("Keep the card to finish later (Cards ▸ Drafts)")
        self.queue_button = QPushButton(icons.icon("cards", "#ffffff"), "Add to print queue")
        self.queue_button.setProperty("primary", True)
        self.queue_button.setToolTip("Save the card and put it in the print queue")
        row.addWidget(self.status, 1)
        for button in (self.close_button, self.draft_button, self.queue_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        return row

    # --- our API --------------------------------------------------------------------------

    def set_saving(self, busy: bool, read_only: bool = False) -> None:
        """Grey the save buttons while saving (always on a read-only notebook)."""
        for button in (self.draft_button, self.queue_button):
            button.setEnabled(not busy and not read_only)

    def reject(self) -> None:
        """Esc, Close or the window's ✕: ask about unsaved words first."""
        if self.controller is None or self.controller.can_close():
            super().reject()


def open_card_editor(parent: QWidget | None, ctx: Any, customer_id: int, occasion: str,
                     suggestion_key: str | None = None, *, suggestion: Any = None,
                     card_id: int | None = None,
                     service: CardService | None = None) -> CardEditor:
    """Show the card editor for ``customer_id`` (not modal) and return it.

    ``ctx`` is the screen's :class:`ui.screens.ScreenContext` (its ``ops``, ``events`` and
    ``notebook`` are used). ``suggestion`` is a Today ``Suggestion`` (its milestone gives the
    years and whose, a referral its friend's name); ``suggestion_key`` (default: its key) is
    handed back in ``saved``. ``card_id`` opens that card instead.
    """
    from ui.cards.editor_controller import EditorController

    if suggestion is not None and suggestion_key is None:
        suggestion_key = suggestion.key
    editor = CardEditor(parent)
    editor.controller = EditorController(
        editor, service or CardService(), ctx.ops, ctx.events, ctx.notebook.read_only,
        suggestion_key)
    editor.controller.load(customer_id, occasion_for(occasion), card_id, suggestion)
    fit_to_screen(editor)
    editor.show()
    if QGuiApplication.platformName() != "offscreen":
        editor.raise_()
        editor.activateWindow()
    return editor
