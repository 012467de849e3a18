"""The Timeline tab: every touch, purchase, promise and problem, newest first (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui import icons
from ui.models.timeline_model import COL_DATE, COL_DETAILS, COL_KIND, COL_STATUS, TimelineModel
from ui.widgets.empty_state import EmptyState

ADD_KINDS = (("touch", "Touch", "touch"), ("purchase", "Purchase", "purchase"),
             ("promise", "Promise", "promise"), ("problem", "Problem", "problem"))


DETAILS_MIN = 170  # px the details keep, however long a status
STATUS_MIN = 90  # px: "Overdue…", "Resolved…" still say which


class TimelinePanel(QWidget):
    """Shows the timeline; asks (by signal) to add, edit or remove an entry."""

    add_requested = Signal(str)  # touch, purchase, promise, problem
    edit_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editable = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 6, 6)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.add_buttons: dict[str, QPushButton] = {}
        for kind, text, icon_name in ADD_KINDS:
            button = QPushButton(icons.icon(icon_name), text)
            button.setObjectName(f"add_{kind}")
            button.clicked.connect(lambda _c=False, k=kind: self.add_requested.emit(k))
            self.add_buttons[kind] = button
            bar.addWidget(button)
        self.add_buttons["touch"].setToolTip("Log a call, visit, card, email… (Ctrl+L)")
        bar.addStretch(1)
        # Icons only: the row of buttons must fit beside the list on a laptop screen.
        self.edit_button = QToolButton()
        self.edit_button.setIcon(icons.icon("edit"))
        self.edit_button.setToolTip("Edit the selected entry (double-click)")
        self.remove_button = QToolButton()
        self.remove_button.setIcon(icons.icon("trash"))
        self.remove_button.setToolTip("Remove the selected entry (Delete; Ctrl+Z brings it "
                                      "back)")
        bar.addWidget(self.edit_button)
        bar.addWidget(self.remove_button)
        layout.addLayout(bar)
        self.model = TimelineModel(self)
        self.table = self._build_table()
        self.empty = EmptyState("note", "Nothing on the timeline yet",
                                "Log a call, a visit or a card with Ctrl+L; add purchases, "
                                "promises and problems with the buttons above.")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        layout.addWidget(self.pages, 1)
        self._connect_callbacks()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("timeline")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        for column, width in ((COL_DATE, 100), (COL_KIND, 104)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
        # The status is as wide as it needs up to what leaves the details DETAILS_MIN; a long
        # one ("Open — waiting on the supplier's insurance adjuster…") ends in "…", whole in
        # its tooltip (set in _fit_status).
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        return table

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:  # the table's viewport: its width to share
            self._fit_status()
        return super().eventFilter(watched, event)

    def _fit_status(self) -> None:
        """Size the status column: a customer's timeline is hundreds of rows at most, so
        measuring it is cheap."""
        header = self.table.horizontalHeader()
        for column in (COL_DATE, COL_KIND):  # "30 Nov 2026", "Purchase": no more
            header.resizeSection(column, max(self.table.sizeHintForColumn(column),
                                             header.sectionSizeHint(column)))
        room = self.table.viewport().width() - header.sectionSize(COL_DATE) \
            - header.sectionSize(COL_KIND) - DETAILS_MIN
        wanted = max(self.table.sizeHintForColumn(COL_STATUS),
                     header.sectionSizeHint(COL_STATUS))
        header.resizeSection(COL_STATUS, max(STATUS_MIN, min(wanted, room)))

    def _connect_callbacks(self) -> None:
        remove = QAction("Remove entry", self.table)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(lambda: self._editable and self._emit_for(self.remove_requested))
        self.table.addAction(remove)
        self.table.doubleClicked.connect(lambda _i: self._editable
                                         and self._emit_for(self.edit_requested))
        self.edit_button.clicked.connect(lambda: self._emit_for(self.edit_requested))
        self.remove_button.clicked.connect(lambda: self._emit_for(self.remove_requested))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.modelReset.connect(self._fit_status)
        self.table.viewport().installEventFilter(self)

    def set_customer(self, customer, region: str = "") -> None:
        """Show ``customer``'s timeline (None: empty); amounts as ``region`` writes them."""
        self.model.set_customer(customer, region=region)
        self.pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty)

    def selected_item(self):
        """The entry selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def _emit_for(self, signal) -> None:
        item = self.selected_item()
        if item is not None:
            signal.emit(item)

    def _update_buttons(self, *_args) -> None:
        has = self._editable and self.selected_item() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    def set_editable(self, editable: bool) -> None:
        """Off for a customer not saved yet (no timeline to add to) and a read-only notebook."""
        self._editable = editable
        for button in self.add_buttons.values():
            button.setEnabled(editable)
        self._update_buttons()
