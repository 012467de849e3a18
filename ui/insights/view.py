"""The Insights screen's layout: the headline figures, the charts (the PDF's own panels,
rendered by PDFium as the card preview is) and the lists beside them as Qt tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.cards.page_view import PagePreview
from ui.operations import Operations
from ui.widgets.empty_state import EmptyState

TILES = 4


class Tile(QFrame):
    """A headline figure: the number large, what it is below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#insightTile { background: #ffffff; border: 1px solid #e4e1da; "
                           "border-radius: 8px; }")
        self.number = QLabel("–")
        self.number.setStyleSheet(f"font-size: 19pt; font-weight: 600; color: {theme.TEXT};")
        self.words = theme.label("", "muted")
        self.words.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.words)

    def show_figure(self, number: str, words: str) -> None:
        self.number.setText(number)
        self.words.setText(words)


def table(headers: tuple[str, ...], name: str) -> QTableWidget:
    """A read-only list: whole rows selected, the first column stretching."""
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    head = t.horizontalHeader()
    head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, len(headers)):
        head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    return t


class InsightsView(QWidget):
    """Layout only; the controller fills it."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.setSpacing(8)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(theme.label("Insights", "heading"))
        self.subtitle = theme.label("", "muted")
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        self.sources_button = QPushButton("Record how customers found you")
        self.sources_button.setToolTip("Adds a “Found us via” field to every customer's page")
        self.print_button = QPushButton("Print to PDF…")
        self.print_button.setEnabled(False)
        top.addWidget(self.sources_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        self.tiles = [Tile() for _ in range(TILES)]
        row = QHBoxLayout()
        row.setSpacing(10)
        for tile in self.tiles:
            row.addWidget(tile, 1)
        layout.addLayout(row)
        self.charts = PagePreview(ops=ops)
        self.charts.set_message("Drawing the charts…")
        self.tabs = self._tabs()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.charts)
        self.split.addWidget(self.tabs)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        self._dragged = False
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_dragged", True))
        self.loading = EmptyState("today", "Adding up the last 12 months…", "")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.loading)
        self.pages.addWidget(self.split)
        layout.addWidget(self.pages, 1)
        self.note = theme.label("", "muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

    def _tabs(self) -> QTabWidget:
        tabs = QTabWidget()
        self.top_table = table(("Customer", "Bought", "Value"), "insightsTop")
        self.top_table.horizontalHeaderItem(2).setToolTip("Lifetime value: everything they "
                                                          "bought, added up")
        self.drifting_table = table(("Customer", "Last bought", "Usually", "Since"),
                                    "insightsDrifting")
        self.missed_table = table(("Customer", "First purchase"), "insightsMissed")
        self.referrals_tree = QTreeWidget()
        self.referrals_tree.setObjectName("insightsReferrals")
        self.referrals_tree.setHeaderLabels(["Customer", "Sent"])
        self.referrals_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.referrals_tree.header().setStretchLastSection(False)
        self.sources_table = table(("Source", "All", "Won", "Spent", "Per win", "Worth"),
                                   "insightsSources")
        for col, tip in ((1, "Customers who found you this way"),
                         (2, "Customers whose first purchase was in these 12 months"),
                         (3, "What you spent on it over these 12 months"),
                         (4, "What winning one customer cost: spent ÷ won"),
                         (5, "What a customer from it is worth: their average lifetime value")):
            self.sources_table.horizontalHeaderItem(col).setToolTip(tip)
        self.sources_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                           | QAbstractItemView.EditTrigger.EditKeyPressed
                                           | QAbstractItemView.EditTrigger.SelectedClicked)
        self.sources_table.setToolTip("Type what you spent on a source over the 12 months in "
                                      "“Spent”: the cost of winning a customer follows")
        self.save_costs_button = QPushButton("Save costs")
        self.save_costs_button.setEnabled(False)
        sources = QWidget()
        box = QVBoxLayout(sources)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.sources_table, 1)
        buttons = QHBoxLayout()
        self.sources_note = theme.label("Double-click “Spent” to enter a cost.", "muted")
        self.sources_note.setWordWrap(True)
        buttons.addWidget(self.sources_note, 1)
        buttons.addWidget(self.save_costs_button)
        box.addLayout(buttons)
        tabs.addTab(self.top_table, "Top")
        tabs.addTab(self.drifting_table, "Drifting")
        tabs.addTab(self.missed_table, "Not thanked")
        tabs.addTab(self.referrals_tree, "Referrals")
        tabs.addTab(sources, "Sources")
        return tabs

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._dragged:  # the charts get a little over half until the owner drags
            width = self.split.width()
            self.split.setSizes([width * 11 // 20, width - width * 11 // 20])

    def show_page(self, name: str) -> None:
        """``loading`` or ``insights``."""
        self.pages.setCurrentWidget(self.loading if name == "loading" else self.split)
