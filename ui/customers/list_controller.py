"""Behaviour of the customer list: load, search as you type, sort, keep the selection.

Search asks FTS5 for the matching ids on the worker and narrows the cached rows by that set;
a light debounce lets a quick typist finish a word first.
"""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QMenu

from domain.model import CustomerRow
from ui.customers.list_panel import ListPanel
from ui.customers.service import CustomerService
from ui.events import CUSTOMERS, DELETED, TIMELINE, AppEvents
from ui.models.customer_list_model import COL_VALUE, HEADERS, CustomerListModel
from ui.operations import Operations

SEARCH_DELAY_MS = 100
FIRST_PAGE = 150  # shown at once while everyone else loads: a screenful and some
FIRST_PAINT_MS = 30


class ListController(QObject):
    """Owns the list model; tells the screen which customer is selected."""

    selected = Signal(object)  # customer id or None
    loaded = Signal()
    searched = Signal(float)  # milliseconds from the query's start to the model showing it

    def __init__(self, panel: ListPanel, service: CustomerService, ops: Operations,
                 events: AppEvents, region: str) -> None:
        super().__init__(panel)
        self.panel = panel
        self._service, self._ops, self._events = service, ops, events
        self.model = CustomerListModel(region, self)
        self._current: int | None = None
        self._query = ""
        self._generation = 0
        self._is_loaded = False
        self._loading_total = 0  # while only the first page is in: how many there are
        self._wants_values = False  # the lifetime value column was shown or sorted by
        self._filling: list[CustomerRow] = []  # everyone read so far, a chunk at a time
        self._missed: list[dict] = []  # changes heard while everyone was still loading
        self._count_text = ""  # "3 of 14 customers": what the count says beside a selection
        self._kept: set[int] = set()  # the customers selected when the model resets
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        panel.table.setModel(self.model)
        panel.detach_header_selection()
        panel.fit_columns()
        panel.table.setSortingEnabled(True)
        panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.panel.search.textChanged.connect(self._on_text_changed)
        self.panel.hide_archived.toggled.connect(self.model.hide_archived)
        self._timer.timeout.connect(self._run_search)
        self.panel.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._after_reset)
        self.panel.table.selectionModel().selectionChanged.connect(self._show_count)
        self.panel.search.returnPressed.connect(self._enter_list)
        self.panel.search.installEventFilter(self)
        self.panel.table.installEventFilter(self)
        header = self.panel.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sortIndicatorChanged.connect(self._sorted_by)

    # --- loading --------------------------------------------------------------------------

    def load(self) -> None:
        """Read every customer on the worker, then show them.

        The first time, the first screenful comes first (a few milliseconds), so a large
        notebook shows names at once while the rest loads.
        """
        if self._is_loaded:
            self._load_all()
            return
        self._ops.run(lambda: self._service.first_rows(FIRST_PAGE), self._show_first,
                      label="first customers")

    def _load_all(self) -> None:
        self._ops.run(self._service.list_rows, self._show_all, label="load customers")

    def _show_first(self, first: tuple[list[CustomerRow], int]) -> None:
        rows, total = first
        if len(rows) >= total:
            self._show_all(rows)  # everyone fits on the first page
            return
        self._loading_total = total
        self.model.set_rows(rows, date.today())
        self._update_page()
        # Building 50,000 rows holds the GIL for a moment; let the first page paint first.
        QTimer.singleShot(FIRST_PAINT_MS, lambda: self._read_chunk(0))

    def _read_chunk(self, after_id: int) -> None:
        """Everyone, a chunk per job: a search or a click meanwhile waits for one chunk."""
        self._ops.run(lambda: self._service.chunk(after_id), self._got_chunk,
                      label="load customers")

    def _got_chunk(self, rows: list[CustomerRow]) -> None:
        self._filling += rows
        if rows:  # the next chunk goes after whatever the owner asked for meanwhile
            self._read_chunk(rows[-1].id)
            return
        everyone, self._filling = self._filling, []
        self._ops.run(lambda: self._service.by_name(everyone), self._show_all,
                      label="sort customers")

    def _show_all(self, rows: list[CustomerRow]) -> None:
        self.model.set_rows(rows, date.today())
        self._is_loaded = True
        self._loading_total = 0
        missed, self._missed = self._missed, []
        for changes in missed:  # rows read before an edit made while they loaded
            self.refresh(changes)
        if self._wants_values:  # a reload of everyone: their values may have changed too
            self._load_values()
        if self._query:
            self._run_search()
        self._update_page()
        self.loaded.emit()

    def want_values(self) -> None:
        """Read the lifetime values (once the column is shown or sorted by: at 50,000
        customers they cost the first window 0.15–0.3 s it need not wait for)."""
        if not self._wants_values:
            self._wants_values = True
            self._load_values()

    def _load_values(self) -> None:
        self._ops.run(self._service.values, self.model.set_values, label="lifetime values")

    def is_loaded(self) -> bool:
        """Whether every customer is in the list (not just the first page)."""
        return self._is_loaded

    def shows_rows(self) -> bool:
        """Whether the table shows names (the first page or everyone)."""
        return self.model.rowCount() > 0 or self._is_loaded

    def refresh(self, changes: dict) -> None:
        """Follow ``data_changed``: re-read only the customers that changed (once everyone
        is in: a chunk read before the change may hold the old row)."""
        if not self._is_loaded:
            self._missed.append(changes)
            return
        if changes.get(CUSTOMERS, ()) is None:
            self.load()
            return
        ids = set(changes.get(CUSTOMERS) or ()) | set(changes.get(TIMELINE) or ())
        gone = set(changes.get(DELETED) or ())
        ids -= gone
        self._ops.run(lambda: self._service.rows_of(sorted(ids)) if ids else [],
                      lambda rows: self._apply_changes(rows, gone), label="refresh rows")

    def _apply_changes(self, rows: list[CustomerRow], gone: set[int]) -> None:
        self.model.replace_rows(rows, gone)
        if self._query:
            self._run_search()  # an edit may make someone match, or stop matching
        self._update_page()

    # --- search ---------------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        self._query = text.strip()
        if not self._query:
            self._timer.stop()
            self._generation += 1
            self.model.show_only(None)
            self._update_page()
            return
        self._timer.start()

    def search_now(self, text: str) -> None:
        """Search without waiting for the debounce (tests, Enter)."""
        self.panel.search.setText(text)
        self._timer.stop()
        if self._query:
            self._run_search()

    def _run_search(self) -> None:
        self._generation += 1
        generation, query, started = self._generation, self._query, time.perf_counter()
        loading = not self._is_loaded
        self._ops.run(lambda: self._service.search(query, with_rows=loading),
                      lambda found: self._show_matches(generation, *found, started),
                      label="search")

    def _show_matches(self, generation: int, ids: set[int], rows: list[CustomerRow] | None,
                      started: float) -> None:
        if generation != self._generation:
            return  # the owner typed on; a newer search is coming
        if rows and not self._is_loaded:  # found among customers not read yet: show them
            self.model.add_rows(rows)
        self.model.show_only(ids)
        self._update_page()
        self.searched.emit((time.perf_counter() - started) * 1000)

    # --- keyboard -------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        """Down or Enter in the search box go to the list; typing in the list searches."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        if watched is self.panel.search and event.key() == Qt.Key.Key_Down:
            self._enter_list()
            return True
        plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if watched is self.panel.table and plain and event.text().isprintable() \
                and event.text().strip():
            self.panel.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.panel.search.insert(event.text())
            return True
        return False

    def _enter_list(self) -> None:
        pending = self._timer.isActive()
        self._timer.stop()
        if pending and self._query:
            self._run_search()
        if self.model.rowCount():
            if self._current is None or self.model.row_of(self._current) < 0:
                self.panel.table.selectRow(0)
            self.panel.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- selection ------------------------------------------------------------------------

    def current_id(self) -> int | None:
        """The customer selected in the list, or None."""
        return self._current

    def select(self, customer_id: int | None) -> None:
        """Select ``customer_id``'s row (when shown) and announce it."""
        self._current = customer_id
        self._reselect()
        self.selected.emit(customer_id)

    def select_quietly(self, customer_id: int | None) -> None:
        """Move the highlight back without announcing (after "Cancel" on unsaved changes)."""
        self._current = customer_id
        blocker = self.panel.table.selectionModel().blockSignals(True)
        try:
            self._reselect()
        finally:
            self.panel.table.selectionModel().blockSignals(blocker)

    def _on_current_changed(self, current, _previous) -> None:
        row = self.model.customer_at(current.row()) if current.isValid() else None
        if row is not None and row.id != self._current:
            self._current = row.id
            self.selected.emit(row.id)

    def _after_reset(self) -> None:
        selection = self.panel.table.selectionModel()
        blocker = selection.blockSignals(True)
        try:
            self._reselect()
            self._restore_selection()
        finally:
            selection.blockSignals(blocker)
        self._show_count()

    def selected_ids(self) -> list[int]:
        """The customers selected in the list, top to bottom (read range by range: Ctrl+A
        over 50,000 rows is one range, not 50,000 indexes)."""
        rows, chosen = self.model.customer_at, self.panel.table.selectionModel().selection()
        ranges = [chosen.at(n) for n in range(chosen.count())]
        return list(dict.fromkeys(  # ranges may overlap after Ctrl+clicks
            row.id for r in ranges
            for i in range(r.top(), r.bottom() + 1) if (row := rows(i)) is not None))

    def selected_count(self) -> int:
        """How many customers are selected."""
        chosen = self.panel.table.selectionModel().selection()
        if chosen.count() == 1:
            return chosen.at(0).bottom() - chosen.at(0).top() + 1
        return len(self.selected_ids())

    def narrow(self, ids: set[int] | None) -> None:
        """Show only ``ids`` (a saved filter's customers; None: everyone)."""
        self.model.set_filter(ids)
        self._update_page()

    def _remember_selection(self) -> None:
        self._kept = set(self.selected_ids()) if self.selected_count() > 1 else set()

    def _restore_selection(self) -> None:
        """Select again, after a reset, the customers that were selected and are still shown
        (a tag added to 12 leaves the 12 chosen); one range per run of rows."""
        if not self._kept:
            return
        self.panel.table.selectionModel().clearSelection()  # the current row stays current
        chosen, last = QItemSelection(), self.model.columnCount() - 1
        rows = self.model.rows_of(self._kept)
        start = prev = rows[0] if rows else 0
        for row in [*rows[1:], None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            if rows:
                chosen.select(self.model.index(start, 0), self.model.index(prev, last))
            if row is not None:
                start = prev = row
        self.panel.table.selectionModel().select(
            chosen, QItemSelectionModel.SelectionFlag.Select)
        self._kept = set()

    def _set_count(self, text: str) -> None:
        self._count_text = text
        self._show_count()

    def _show_count(self, *_args: object) -> None:
        """The count under the search box; "12 selected · …" when several are chosen."""
        chosen = self.selected_count()
        text = self._count_text
        self.panel.count.setText(f"{chosen:,} selected · {text}" if chosen > 1 else text)
        self.panel.selection_button.setEnabled(chosen > 0)

    def _reselect(self) -> None:
        table, selection = self.panel.table, self.panel.table.selectionModel()
        row = self.model.row_of(self._current) if self._current is not None else -1
        if row < 0:
            selection.clearSelection()
            selection.setCurrentIndex(self.model.index(-1, -1),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        table.scrollTo(index)

    # --- what the panel shows -------------------------------------------------------------

    def _update_page(self) -> None:
        total, shown = self.model.total(), self.model.rowCount()
        if self._loading_total:
            self.panel.show_page("table")
            self._set_count(f"Loading {self._loading_total:,} customers…")
            return
        if not self._is_loaded:
            self.panel.show_page("loading")
        elif total == 0:
            self.panel.show_page("empty")
        elif shown == 0:
            self.panel.no_match.set_text(f"No one matches “{self._query}”",
                                         "Try fewer letters, or another word from their "
                                         "name, company, notes or details.")
            self.panel.show_page("no_match")
        else:
            self.panel.show_page("table")
        noun = "customer" if total == 1 else "customers"
        self._set_count(f"{shown:,} of {total:,} {noun}" if shown != total
                        else f"{total:,} {noun}")

    def _column_menu(self, pos) -> None:
        table = self.panel.table
        menu = QMenu(table)
        for column, title in enumerate(HEADERS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not table.isColumnHidden(column))
            action.setEnabled(column != 0)
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
        menu.exec(table.horizontalHeader().mapToGlobal(pos))

    def _sorted_by(self, column: int, _order: Qt.SortOrder) -> None:
        if column == COL_VALUE:
            self.want_values()

    def _show_column(self, column: int, on: bool) -> None:
        self.panel.table.setColumnHidden(column, not on)
        if on and column == COL_VALUE:
            self.want_values()
