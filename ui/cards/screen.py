"""The Cards screen: drafts, the print queue, printed and mailed cards, and a preview of the
chosen card as it will print (layout; ``screen_controller.py`` does the rest)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme
from ui.cards.card_list_model import (
    COL_CUSTOMER,
    COL_DATE,
    COL_FORMAT,
    COL_OCCASION,
    COL_WORDS,
    HEADERS,
    CardListModel,
)
from ui.cards.page_view import PagePreview
from ui.cards.service import CardService
from ui.widgets.empty_state import EmptyState
from ui.widgets.fit import share_width

TABS = (("draft", "Drafts"), ("queued", "Print queue"), ("printed", "Printed"),
        ("mailed", "Mailed"))
EMPTY = {
    "draft": ("No drafts", "Write a card from a customer's page (Write a card) or from "
                           "Today. Cards you have not finished wait here."),
    "queued": ("The print queue is empty", "Cards you add to the print queue wait here "
                                           "until you print them (Ctrl+P)."),
    "printed": ("Nothing printed yet", "Printed cards wait here until you mark them mailed."),
    "mailed": ("No cards mailed yet", "Cards you have sent show here, newest first."),
}
# What each fixed column shows whole; measured in the list's font, so a larger one still fits
_SAMPLES = {COL_OCCASION: "Customer anniversary", COL_FORMAT: "US A2 folded card",
            COL_DATE: "30 Nov 2026"}
CELL_ROOM = 20  # a cell's padding
NAME_MIN = 140  # px the customer's name keeps; the occasion gives way first
WORDS_MIN = 130  # px: the card's first words beside the name, else left to the preview


class CardsScreen(QWidget):
    """Tabs of cards by status, buttons for the chosen ones, and the preview."""

    def __init__(self, service: CardService, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardsScreen")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(self._build_header())
        self.tabs = QTabBar()
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        for _status, title in TABS:
            self.tabs.addTab(title)
        layout.addWidget(self.tabs)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list())
        self.splitter.addWidget(self._build_preview())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self._sized = False
        from ui.cards.screen_controller import CardsController

        self.controller = CardsController(self, service, ctx)

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(theme.label("Cards", "heading"))
        row.addStretch(1)
        self.aid_button = QPushButton(icons.icon("edit"), "Writing aid…")
        self.aid_button.setToolTip("For writing by hand: the cards with faint guide lines, "
                                   "and a page of talking points for each")
        self.settings_button = QPushButton("Settings")
        self.settings_button.setToolTip("Who the cards come from, and printer calibration")
        self.settings_menu = QMenu(self.settings_button)
        self.sender_action = self.settings_menu.addAction("Sender and return address…")
        self.calibrate_action = self.settings_menu.addAction("Printer calibration…")
        self.settings_button.setMenu(self.settings_menu)
        self.labels_button = QPushButton("Labels…")
        self.labels_button.setToolTip("Address labels on Avery sheets, from any label of a "
                                      "part-used sheet")
        self.print_button = QPushButton(icons.icon("cards", "#ffffff"), "Print…")
        self.print_button.setProperty("primary", True)
        self.show_print_scope(0, 0)
        for widget in (self.aid_button, self.labels_button, self.settings_button,
                       self.print_button):
            row.addWidget(widget)
        return row

    def _build_list(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 8, 0)
        self.model = CardListModel(self)
        self.table = self._build_table()
        self._fit_columns(self.table.viewport().width())
        self.empty = EmptyState("cards", "", "")
        self.loading = EmptyState("cards", "Opening the cards…", "")
        self.pages = QStackedWidget()
        for page in (self.loading, self.table, self.empty):
            self.pages.addWidget(page)
        column.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(icons.icon("edit"), "Edit…")
        self.queue_button = QPushButton("Add to print queue")
        self.draft_button = QPushButton("Back to drafts")
        self.printed_button = QPushButton("Mark printed")
        self.mailed_button = QPushButton("Mark mailed")
        self.delete_button = QPushButton(icons.icon("trash"), "Delete")
        self.selection_buttons = (self.edit_button, self.queue_button, self.draft_button,
                                  self.printed_button, self.mailed_button, self.delete_button)
        for button in self.selection_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count = theme.label("", "muted")
        buttons.addWidget(self.count)
        column.addLayout(buttons)
        return box

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("cardTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The name and the words share what is left; on a small screen the words go (the
        # preview beside the list shows them) so that no column is cut to "US A2 fol…".
        header.setSectionResizeMode(COL_CUSTOMER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WORDS, QHeaderView.ResizeMode.Stretch)
        table.viewport().installEventFilter(self)
        return table

    def eventFilter(self, watched, event) -> bool:
        table = getattr(self, "table", None)
        if table is not None and watched is table.viewport() \
                and event.type() == QEvent.Type.Resize:
            self._fit_columns(event.size().width())
        return super().eventFilter(watched, event)

    def _fit_columns(self, width: int) -> None:
        """Format and date whole, the occasion as wide as the name lets it be, the name and
        the words sharing the rest (the words left to the preview when there is no room)."""
        header, metrics = self.table.horizontalHeader(), self.table.fontMetrics()
        sizes = {c: metrics.horizontalAdvance(t) + CELL_ROOM for c, t in _SAMPLES.items()}
        title = metrics.horizontalAdvance(HEADERS[COL_OCCASION]) + 2 * CELL_ROOM
        spare = width - sum(sizes.values()) - NAME_MIN
        sizes[COL_OCCASION] = max(title, sizes[COL_OCCASION] + min(0, spare))
        for column, size in sizes.items():
            header.resizeSection(column, size)
        shared = (width - sum(sizes.values())) // 2
        self.table.setColumnHidden(COL_WORDS, shared < WORDS_MIN)

    def _build_preview(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(8, 0, 0, 0)
        column.addWidget(theme.label("As it will print", "section"))
        self.preview = PagePreview(fit_all=True)
        self.preview.set_message("Choose a card to see it as it will print.")
        column.addWidget(self.preview, 1)
        return box

    # --- our API --------------------------------------------------------------------------

    def status(self) -> str:
        """The status of the tab on show."""
        return TABS[max(0, self.tabs.currentIndex())][0]

    def set_counts(self, counts: dict[str, int]) -> None:
        """Show how many cards each tab holds."""
        for i, (status, title) in enumerate(TABS):
            count = counts.get(status, 0)
            self.tabs.setTabText(i, f"{title} ({count})" if count else title)

    def show_list(self, status: str, empty: bool) -> None:
        """The table, or what an empty tab says."""
        if empty:
            self.empty.set_text(*EMPTY[status])
        self.pages.setCurrentWidget(self.empty if empty else self.table)

    def show_buttons(self, status: str, chosen: int) -> None:
        """Only the buttons that make sense for ``chosen`` cards of ``status``."""
        fits = {self.edit_button: status in ("draft", "queued"),
                self.queue_button: status == "draft",
                self.draft_button: status == "queued",
                self.printed_button: status == "queued",
                self.mailed_button: status in ("queued", "printed"),
                self.delete_button: status in ("draft", "queued")}
        writable = not self.ctx.notebook.read_only
        for button, shown in fits.items():
            button.setVisible(shown)
            button.setEnabled(chosen > 0 and writable)
        self.edit_button.setEnabled(chosen == 1 and writable)

    def show_print_scope(self, chosen: int, queued: int) -> None:
        """Print… says what it prints: the ``chosen`` cards when several are, else the
        ``queued`` ones."""
        if chosen > 1:
            text, tip = f"Print the {chosen} chosen…", (
                f"Print the {chosen} cards chosen in the list, with their envelopes (Ctrl+P)")
        elif queued:
            text, tip = f"Print all {queued} queued…", (
                "Print every card in the print queue, with their envelopes (Ctrl+P). "
                "Choose several cards to print only those.")
        else:
            text, tip = "Print…", ("The print queue is empty: add cards to it, or choose "
                                   "several cards to print them.")
        self.print_button.setText(text)
        self.print_button.setToolTip(tip)

    # --- screen protocol ------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, self._initial_sizes)

    def _initial_sizes(self) -> None:
        share_width(self.splitter, [0.6, 0.4])  # no 900 px floor: a 1024 px screen has 818
        self._fit_columns(self.table.viewport().width())

    def on_shown(self) -> None:
        """The screen came to the front: the list takes the keyboard, fresh."""
        self.controller.refresh()
        self.table.setFocus()
