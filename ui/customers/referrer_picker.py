"""Choose who referred a customer: everyone already loaded, narrowed by the one search.

What the owner types is looked up by ``find`` (the window's search, storage.customer_search,
run on the worker): any word of any name, in any script, accents or not ("jose" finds María
José). The picker holds no matching rule of its own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.model import CustomerRow
from ui import theme
from ui.models.customer_list_model import COL_COMPANY, COL_NAME, HEADERS, CustomerListModel

# find(text, then): look ``text`` up on the worker, then call ``then`` with the ids found
Find = Callable[[str, Callable[[set[int]], None]], None]


class ReferrerPicker(QDialog):
    """Pick one customer from ``rows`` (the list the screen already holds)."""

    def __init__(self, rows: list[CustomerRow], exclude: int | None,
                 parent: QWidget | None = None, *, find: Find) -> None:
        super().__init__(parent)
        self._find = find
        self._asked = self._answered = 0  # look-ups sent and the latest one shown
        self.setWindowTitle("Who referred them?")
        self.resize(520, 480)
        self._rows = [r for r in rows if r.id != exclude]
        self.chosen: tuple[int, str] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(theme.label("Who referred them?", "section"))
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Type a name or company")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = CustomerListModel(parent=self)
        self.model.set_rows(self._rows)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        for column in range(len(HEADERS)):
            self.table.setColumnHidden(column, column not in (COL_NAME, COL_COMPANY))
        self.table.horizontalHeader().resizeSection(COL_NAME, 240)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose")
        theme.plain_buttons(buttons.buttons())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=80)
        self._timer.timeout.connect(self._filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._filter)
        self.table.doubleClicked.connect(lambda _i: self.accept())

    def _filter(self) -> None:
        self._timer.stop()
        self._asked += 1
        asked, text = self._asked, self.search.text()
        if not text.strip():
            self._show(asked, None)
        else:
            self._find(text, lambda ids: self._show(asked, ids))

    def _show(self, asked: int, ids: set[int] | None) -> None:
        if asked != self._asked:
            return  # the owner typed on: a newer answer is on its way
        self._answered = asked
        self.model.show_only(ids)
        if self.model.rowCount():
            self.table.selectRow(0)

    def is_settled(self) -> bool:
        """Whether the list shows the answer to what is typed (tests)."""
        return self._answered == self._asked

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.customer_at(rows[0].row()) if rows else None
        if row is None:
            return
        self.chosen = (row.id, row.name)
        super().accept()
