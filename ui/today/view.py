"""The Today screen's layout: a heading with the date, the grouped list beside the chosen
suggestion, a friendly empty state, and a thin busy bar while the queue loads."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme
from ui.today.delegate import GroupedDelegate
from ui.today.model import COL_HOW, COL_WHEN, COL_WHO, COL_WHY
from ui.today.rows import GroupedModel
from ui.today.side_panel import SidePanel
from ui.widgets.columns import fit_columns
from ui.widgets.empty_state import EmptyState, first_steps
from ui.widgets.fit import FittingScroll

EMPTY_HEADING = "Nothing due — a good day to call a regular"
FAILED_HEADING = "Today's suggestions could not be read"
EMPTY_TEXT = ("No thank-yous, birthdays, promises or follow-ups are waiting. New suggestions "
              "appear here as occasions come up and customers drift.")
FIRST_HEADING = "Your notebook is empty"
FIRST_TEXT = ("Suggestions come from your customers: add them one by one, bring in your "
              "contacts or your till's sales, or look around the demo flower shop first.")
_WIDTHS = {COL_WHO: 205, COL_WHEN: 145, COL_HOW: 140}  # "100 days overdue" fits
# Whole even when narrow, in that order of need. How gives way first, down to its icon alone
# (about as wide as "MM"; the word is its tip): the name and the why are what a row is read by.
_FLOORS = {COL_WHO: "Margaret Shaw", COL_WHEN: "14 days overdue", COL_HOW: "MM"}


class _GroupedTree(QTreeView):
    """End goes to the last row of the whole list, not of the rows the view was given."""

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model = self.model()
        if action == QAbstractItemView.CursorAction.MoveEnd and isinstance(model, GroupedModel):
            model.load_to(model.row_count_all() - 1)
        return super().moveCursor(action, modifiers)


def grouped_tree(name: str, wrap_columns: tuple[int, ...] = ()) -> QTreeView:
    """A flat list with section headers: rows, not a tree, all of one height."""
    tree = _GroupedTree()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setItemsExpandable(False)
    tree.setIndentation(0)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(False)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    tree.setItemDelegate(GroupedDelegate(wrap_columns, tree))
    header = tree.header()
    header.setStretchLastSection(False)
    header.setHighlightSections(False)
    header.setSectionsMovable(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    bar = tree.verticalScrollBar()

    def near_the_end() -> None:  # the model holds more rows than it has given the view
        model = tree.model()
        if (isinstance(model, GroupedModel) and not model.all_loaded()
                and bar.value() >= bar.maximum() - 2 * bar.pageStep()):
            model.load_more()

    bar.valueChanged.connect(near_the_end)
    bar.rangeChanged.connect(near_the_end)
    return tree


class TodayView(QWidget):
    """Layout only; :class:`ui.today.controller.TodayController` fills it and reacts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(self._build_top())
        self.busy = QProgressBar()
        self.busy.setObjectName("todayBusy")
        self.busy.setRange(0, 0)  # no end known: a moving bar
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(3)
        self.busy.setStyleSheet(f"QProgressBar {{ border: none; background: transparent; }} "
                                f"QProgressBar::chunk {{ background: {theme.ACCENT}; }}")
        self.busy.setVisible(False)
        layout.addWidget(self.busy)
        self.pages = QStackedWidget()
        self.loading = EmptyState("today", "Looking through the notebook…", "")
        self.empty = EmptyState("today", EMPTY_HEADING, EMPTY_TEXT)
        self.failed = EmptyState("today", FAILED_HEADING, "")
        self.first = first_steps("today", FIRST_HEADING, FIRST_TEXT)
        self.splitter = self._build_list()
        for page in (self.loading, self.splitter, self.empty, self.failed, self.first):
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)

    def _build_top(self) -> QVBoxLayout:
        # The buttons share the heading's line, so the date and counts below keep the
        # whole width on a small laptop.
        top = QVBoxLayout()
        top.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.title = theme.label("Today", "heading")
        self.subtitle = theme.label("", "muted")
        row.addWidget(self.title)
        row.addStretch(1)
        self.print_button = QPushButton(icons.icon("cards", "#ffffff"), "Print today's cards")
        self.print_button.setObjectName("printTodaysCards")
        self.print_button.setProperty("primary", True)
        row.addWidget(self.print_button)
        self.settings_button = QPushButton("Outreach settings…")
        self.settings_button.setProperty("flat", True)
        self.settings_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.settings_button.setToolTip("How often to keep in touch, when to post cards, the "
                                        "per-customer limit")
        row.addWidget(self.settings_button)
        top.addLayout(row)
        top.addWidget(self.subtitle)
        return top

    def _build_list(self) -> QSplitter:
        self.tree = grouped_tree("todayList", wrap_columns=(COL_WHY,))
        self.panel = SidePanel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tree)
        # Scrolls on a 700 px screen: its buttons were drawn over each other there
        splitter.addWidget(FittingScroll(self.panel))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def fit_columns(self) -> None:
        """Column widths, once the model is in place."""
        fit_columns(self.tree, _WIDTHS, COL_WHY, _FLOORS)

    def show_page(self, name: str) -> None:
        """``loading``, ``list``, ``empty``, ``failed`` or ``first`` (no customers yet)."""
        page = {"loading": self.loading, "list": self.splitter, "empty": self.empty,
                "failed": self.failed, "first": self.first}[name]
        self.pages.setCurrentWidget(page)
