"""Behaviour of the Insights screen: load on the worker when shown (again after changes or on
a new day), fill the figures and lists, open a customer on a double-click, keep the owner's
costs per source, and print the insights to a PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QTreeWidgetItem

from domain.insights import Insights, Node
from domain.insights_report import figures, money, period_words
from domain.validation import Invalid, parse_amount
from ui.cards import alive
from ui.events import AppEvents
from ui.insights.service import InsightsData, InsightsService
from ui.insights.view import InsightsView
from ui.operations import Operations

REFRESH_MS = 400
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COL_SPENT = 3
TREE_ROOTS = 200  # referrers listed; each with everyone down their line


class InsightsController(QObject):
    """Owns what the view shows; loads lazily (the first time the screen is shown)."""

    loaded = Signal()

    def __init__(self, view: InsightsView, service: InsightsService, ops: Operations,
                 events: AppEvents, clock: Callable[[], date] = date.today,
                 open_customer: Callable[[int], None] | None = None) -> None:
        super().__init__(view)
        self.view, self._service, self._ops, self._events = view, service, ops, events
        self._clock, self._open_customer = clock, open_customer
        self.data: InsightsData | None = None
        self._stale, self._generation, self._filling = True, 0, False
        self._pending = False  # a load is on the worker
        self._refresh = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh.timeout.connect(self.load)
        events.data_changed.connect(self._on_data_changed)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        v = self.view
        v.print_button.clicked.connect(self.print_pdf)
        v.sources_button.clicked.connect(self.record_sources)
        v.save_costs_button.clicked.connect(self.save_costs)
        v.sources_table.itemChanged.connect(self._cost_edited)
        for t in (v.top_table, v.drifting_table, v.missed_table):
            t.itemDoubleClicked.connect(self._open_item)
        v.referrals_tree.itemDoubleClicked.connect(
            lambda item, _col: self._open(item.data(0, ID_ROLE)))

    # --- loading ------------------------------------------------------------------------

    def load(self) -> None:
        """Work the insights out on the worker, then show them."""
        self._generation += 1
        generation, today = self._generation, self._clock()
        self._stale, self._pending = False, True
        if self.data is None:
            self.view.show_page("loading")
        self._ops.run(lambda: self._service.load(today),
                      alive(self.view, lambda data: self._show(generation, data)),
                      alive(self.view, self._failed), label="insights")

    def load_if_stale(self) -> None:
        """When shown: load unless what is shown is current (same day, nothing changed)."""
        if self._pending:
            return
        if self._stale or self.data is None or self.data.insights.today != self._clock():
            self.load()

    def _on_data_changed(self, _changes: dict, _initiator: object) -> None:
        self._stale = True
        if self.view.isVisible():
            self._refresh.start()

    def _failed(self, exc: BaseException) -> None:
        self._pending = False
        self.view.charts.set_message(f"The insights could not be worked out: {exc}")
        self.view.show_page("insights")

    def _show(self, generation: int, data: InsightsData) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self.data = data
        ins = data.insights
        self.view.subtitle.setText(f"{period_words(ins)} · {ins.customers:,} customers")
        for tile, (number, words) in zip(self.view.tiles, figures(ins), strict=True):
            tile.show_figure(number, words)
        self.view.show_page("insights")
        self._fill_lists(ins)
        self._ops.run(lambda: self._service.charts(data),
                      alive(self.view, lambda pdf: self._show_charts(generation, pdf)),
                      alive(self.view, lambda exc: self.view.charts.set_message(
                          f"The charts could not be drawn: {exc}")), label="insights charts")
        self.view.sources_button.setVisible(not ins.recorded_sources)
        self.view.print_button.setEnabled(True)
        self.loaded.emit()

    def _show_charts(self, generation: int, pdf) -> None:
        if generation == self._generation:
            self.view.charts.set_pdf(pdf)

    def _fill_lists(self, ins: Insights) -> None:
        main = ins.values[0] if ins.values else None
        _fill(self.view.top_table, [
            (t.customer_id, t.name, f"{t.purchases:,}",
             money(t.cents, main.currency, ins.region))
            for t in (main.top if main else ())])
        _fill(self.view.drifting_table, [
            (x.customer_id, x.name, _day(x.last_purchase), f"every {round(x.usual_gap)} days",
             f"{x.days_since} days") for x in ins.drifting.shown])
        _fill(self.view.missed_table, [(m.customer_id, m.name, _day(m.first_purchase))
                                       for m in ins.coverage.missed])
        self._fill_tree(ins.referrals[:TREE_ROOTS])
        self._fill_sources(ins)

    def _fill_tree(self, roots: tuple[Node, ...]) -> None:
        tree = self.view.referrals_tree
        tree.clear()
        stack = [(root, None) for root in reversed(roots)]
        while stack:  # no recursion: a chain of referrals can be long
            node, parent = stack.pop()
            item = QTreeWidgetItem([node.name, f"{node.size:,}" if node.size else ""])
            item.setData(0, ID_ROLE, node.customer_id)
            if parent is None:
                tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            stack.extend((child, item) for child in reversed(node.sent))
        for i in range(min(tree.topLevelItemCount(), 5)):
            tree.topLevelItem(i).setExpanded(True)

    def _fill_sources(self, ins: Insights) -> None:
        self._filling = True
        try:
            _fill(self.view.sources_table, [
                (None, s.name, f"{s.customers:,}", f"{s.won:,}",
                 money(s.cost_cents) if s.cost_cents is not None else "",
                 money(s.cost_per_won, "", ins.region) if s.cost_per_won is not None else "",
                 money(s.value_cents, s.currency, ins.region) if s.value_cents is not None
                 else "")
                for s in ins.sources], editable=COL_SPENT)
        finally:
            self._filling = False
        self.view.save_costs_button.setEnabled(False)

    # --- actions ------------------------------------------------------------------------

    def _open_item(self, item: QTableWidgetItem) -> None:
        table = item.tableWidget()
        self._open(table.item(item.row(), 0).data(ID_ROLE))

    def _open(self, customer_id: int | None) -> None:
        if customer_id is not None and self._open_customer is not None:
            self._open_customer(customer_id)

    def _cost_edited(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == COL_SPENT:
            self.view.save_costs_button.setEnabled(True)

    def costs(self) -> dict[str, int]:
        """The costs typed in the Sources list, in cents; Invalid on an amount that is not."""
        t, found = self.view.sources_table, {}
        for row in range(t.rowCount()):
            text = t.item(row, COL_SPENT).text().strip()
            if text:
                found[t.item(row, 0).text()] = int(parse_amount(text) * 100)
        return found

    def save_costs(self) -> None:
        """Keep the costs typed (one action), then work the insights out again."""
        try:
            costs = self.costs()
        except Invalid as exc:
            self.view.sources_note.setText(f"Not saved: {exc}")
            return
        self.view.save_costs_button.setEnabled(False)
        self._ops.run(lambda: self._service.save_costs(costs),
                      alive(self.view, lambda _r: self._saved("Costs saved.", insights=None)),
                      alive(self.view, lambda exc: self.view.sources_note.setText(
                          f"Not saved: {exc}")), label="save costs")

    def record_sources(self) -> None:
        """Add "Found us via" to every customer's page."""
        self._ops.run(self._service.record_sources, alive(self.view, lambda _r: self._saved(
            "Every customer's page now has “Found us via”: fill it in as you go.",
            customers=None)),
            alive(self.view, lambda exc: self.view.note.setText(f"Not added: {exc}")),
            label="record sources")

    def _saved(self, words: str, **changes: None) -> None:
        self.view.sources_note.setText(words)
        self.view.note.setText(words)
        self._events.changed(self, **changes)  # this screen too works the figures out again

    def print_pdf(self) -> None:
        """Ask where (the Documents folder first), then write the two pages there."""
        from ui.cards import printing

        data = self.data
        if data is None:
            return
        path = printing.choose_save_path(self.view, "Print insights to PDF",
                                         f"Insights {data.insights.today.isoformat()}.pdf")
        if path is None:
            return
        self.view.note.setText("Writing the PDF…")
        self._ops.run(lambda: self._service.write_pdf(data, path),
                      alive(self.view, lambda p: self.view.note.setText(f"Saved to {p}")),
                      alive(self.view, lambda exc: self.view.note.setText(
                          f"Not saved: {exc}")), label="insights PDF")


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _fill(table: QTableWidget, rows: list[tuple], editable: int | None = None) -> None:
    """Rows of (customer id or None, *cells); only column ``editable`` can be typed in."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, (cid, *cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c != editable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0 and cid is not None:
                item.setData(ID_ROLE, cid)
                item.setToolTip("Double-click to open the customer")
            table.setItem(r, c, item)
