"""The left half of the Customers screen: search box, count, table, empty states (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons, theme
from ui.models.customer_list_model import (
    COL_CITY,
    COL_COMPANY,
    COL_EMAIL,
    COL_LAST_TOUCH,
    COL_NAME,
    COL_PHONE,
    COL_TAGS,
    COL_VALUE,
)
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.empty_state import EmptyState, first_steps
from ui.widgets.fit import available

# Fixed widths: resizeColumnsToContents would read every one of 50,000 rows. Each is widened
# to its title (``needed_width``), so no header reads "Last tou…" in a small window.
_WIDTHS = {COL_NAME: 220, COL_COMPANY: 130, COL_EMAIL: 200, COL_PHONE: 130, COL_CITY: 110,
           COL_TAGS: 130, COL_LAST_TOUCH: 0, COL_VALUE: 132}
_SAMPLES = {COL_LAST_TOUCH: "11 months ago"}  # the widest value a column usually shows
HEADER_ROOM = 2 * 8 + 16 + 4  # a section's padding (ui/theme.py), the sort arrow, its borders
CELL_ROOM = 12  # a cell's margins
NAME_MIN = 170  # the name column, at the least: "Margaret “Peggy” Shaw" whole
# Shown at first (the column menu shows the others); a small screen leaves out the company
# (it is under the name on the customer's page) so that names are read whole.
NARROW_COLUMNS = (COL_NAME, COL_COMPANY, COL_LAST_TOUCH)
SMALL_SCREEN = 1200  # px wide: a laptop of 1024 or 1152


class ListPanel(QWidget):
    """Search field over a table of customers, with messages when there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 14, 6, 10)
        layout.setSpacing(8)
        layout.addLayout(self._build_top())
        self.pages = QStackedWidget()
        self.table = self._build_table()
        self.empty = self._build_empty()
        self.no_match = EmptyState("search", "No one matches", "")
        self.loading = EmptyState("customers", "Opening the notebook…", "")
        for page in (self.loading, self.table, self.empty, self.no_match):
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)

    @staticmethod
    def _build_empty() -> EmptyState:
        """No customers yet: what to do next, each a button that does it."""
        return first_steps("customers", "No customers yet",
                           "Add your first customer (Ctrl+N), bring in your contacts (vCard, "
                           "CSV or a Rapport JSON export) or your till's sales (CSV), or look "
                           "around the demo flower shop first.")

    def _build_top(self) -> QVBoxLayout:
        top = QVBoxLayout()
        top.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(8)
        title = theme.label("Customers", "heading")
        self.new_button = QPushButton(icons.icon("plus", "#ffffff"), "New customer")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip("Add a customer (Ctrl+N)")
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(self.new_button)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search names, phones, emails, streets, notes…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.count = ElidedLabel()  # "59 customers · 3 selected" gives way on a small screen
        theme.set_role(self.count, "muted")
        top.addLayout(row)
        search_row = QHBoxLayout()  # the count beside the search: the filter row has no room
        search_row.setSpacing(8)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        top.addLayout(search_row)
        top.addLayout(self._build_filter_row())
        return top

    def _build_filter_row(self) -> QHBoxLayout:
        """The count, what to do with the customers selected, and the filter (its menu holds
        the saved ones)."""
        row = QHBoxLayout()
        row.setSpacing(6)
        self.selection_button = QToolButton()
        self.selection_button.setText("Selected")
        self.selection_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.selection_button.setToolTip("One card for all, labels, a tag, export, merge "
                                         "(Shift+ or Ctrl+click to choose several)")
        self.filter_button = QToolButton()
        self.filter_button.setObjectName("filterButton")
        self.filter_button.setText("Filter")
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.filter_button.setToolTip("Show only customers with a tag, in a city, who bought "
                                      "before or after a day, spent more than…; the arrow "
                                      "lists the filters saved")
        self.hide_archived = QCheckBox("Hide archived")
        self.hide_archived.setObjectName("hideArchived")
        self.hide_archived.setToolTip("Leave out the customers archived or recorded as "
                                      "deceased")
        row.addWidget(self.hide_archived)
        row.addStretch(1)
        row.addWidget(self.selection_button)
        row.addWidget(self.filter_button)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("customerTable")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(30)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorShown(True)
        return table

    def fit_columns(self) -> None:
        """Set fixed widths once the model is in place; hide the less useful columns."""
        header = self.table.horizontalHeader()
        small = available(self).width() < SMALL_SCREEN
        for column, width in _WIDTHS.items():
            header.resizeSection(column, max(width, self.needed_width(column)))
            self.table.setColumnHidden(column, column not in NARROW_COLUMNS
                                       or (small and column == COL_COMPANY))
        # The name takes what is left, so the list never needs a sideways scroll bar.
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)

    def needed_width(self, column: int) -> int:
        """The width ``column`` needs for its title whole (in the header's bold) beside the
        sort arrow, and for its widest usual value."""
        bold = QFont(self.table.horizontalHeader().font())
        bold.setWeight(QFont.Weight.DemiBold)
        title = self.table.model().headerData(column, Qt.Orientation.Horizontal) or ""
        need = QFontMetrics(bold).horizontalAdvance(title) + HEADER_ROOM
        sample = _SAMPLES.get(column)
        if sample:
            need = max(need, QFontMetrics(self.table.font()).horizontalAdvance(sample) + CELL_ROOM)
        return need

    def comfortable_width(self) -> int:
        """The list's width with every shown column whole and the name at ``NAME_MIN``."""
        header = self.table.horizontalHeader()
        columns = sum(header.sectionSize(c) for c in range(header.count())
                      if c != COL_NAME and not self.table.isColumnHidden(c))
        margins = self.layout().contentsMargins()
        scroll_bar = self.table.verticalScrollBar().sizeHint().width()
        return columns + NAME_MIN + margins.left() + margins.right() + scroll_bar + 4

    def detach_header_selection(self) -> None:
        """Give the column header a selection of its own (always empty), once the model is
        set. Sharing the table's, Qt asks after each selection change whether every column is
        wholly selected, a walk over every row calling the model: 0.65 s of frozen window
        after Ctrl+A over 50,000 customers, 0.01 s without (this machine, 2026-12-07). The
        header never shows a selection here (rows are selected, sections not highlighted)."""
        header = self.table.horizontalHeader()
        header.setSelectionModel(QItemSelectionModel(self.table.model(), header))

    def show_page(self, name: str) -> None:
        """``loading``, ``table``, ``empty`` or ``no_match``."""
        self.pages.setCurrentWidget(getattr(self, name))
