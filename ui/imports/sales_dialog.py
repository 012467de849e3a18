"""The sales import preview: the purchases and who they go to, the buyers to choose, and what
is not a sale (refunds, cancellations, unreadable rows).

Layout and the small bookkeeping of choices only; the command (``ui/imports/command.py``)
read the file on the worker before and writes the owner's choices on the worker after.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from storage.sales import ADD_NEW, AMBIGUOUS, KNOWN, MATCH, NEW, SKIP, SalesPreview
from ui import theme
from ui.imports.preview_dialog import plural
from ui.imports.sales_model import COL_AMOUNT, COL_BUYER, COL_GOES, NotSalesModel, SalesModel, money
from ui.widgets.columns import fit_columns


def found_line(plan: SalesPreview) -> str:
    """``12 purchases: 5 for existing customers · 4 for 3 new customers · 1 to choose …``."""
    counts = plan.counts()
    parts = [f"{counts[MATCH]} for existing customers" if counts.get(MATCH) else "",
             f"{counts[NEW]} for {plural(plan.new_buyers(), 'new customer')}"
             if counts.get(NEW) else "",
             f"{counts[AMBIGUOUS]} to choose" if counts.get(AMBIGUOUS) else "",
             f"{counts[KNOWN]} already imported" if counts.get(KNOWN) else "",
             f"{len(plan.not_sales)} not sales" if plan.not_sales else ""]
    total = sum(n for k, n in counts.items() if k != KNOWN)
    return f"{plural(total, 'purchase')}: " + " · ".join(p for p in parts if p)


class SalesPreviewDialog(QDialog):
    """Shows a ``SalesPreview``; ``choices()`` after it is accepted."""

    def __init__(self, plan: SalesPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("salesPreview")
        self.setWindowTitle(f"Import {plan.source}")
        self.resize(1120, 680)
        self.plan = plan
        self._choices: dict[int, int | str] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.setSpacing(10)
        outer.addWidget(theme.label(f"Import {plan.source} — {plan.label}", "section"))
        self.found = theme.label(found_line(plan))
        outer.addWidget(self.found)
        intro = theme.label(
            "Nothing is written until you press Import. Each order becomes one purchase; "
            "buyers are matched by email, then phone, then exact name. Refunded and cancelled "
            "orders are not sales; a partial refund lowers the amount.", "muted")
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self._ambiguous = [r for r in plan.rows if r.verdict == AMBIGUOUS]
        if self._ambiguous:
            outer.addWidget(theme.label("Who bought these? Rapport will not guess:", "section"))
            outer.addWidget(self._build_choices())
        outer.addWidget(self._build_tabs(), 1)
        self.plan_label = theme.label("")
        self.plan_label.setObjectName("planLine")
        outer.addWidget(self.plan_label)
        outer.addWidget(self._build_buttons())
        self._update_plan()

    # --- building -------------------------------------------------------------------------

    def _build_choices(self) -> QTableWidget:
        table = QTableWidget(len(self._ambiguous), 4)
        table.setObjectName("salesChoices")
        table.setHorizontalHeaderLabels(["Order", "Amount", "Buyer in the file", "Goes to"])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(34)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.combos: list[QComboBox] = []
        for r, row in enumerate(self._ambiguous):
            s = row.sale
            table.setItem(r, 0, QTableWidgetItem(f"{s.order_id}  {s.when.isoformat()}"
                                                 if not s.order_id.startswith("row-")
                                                 else s.when.isoformat()))
            table.setItem(r, 1, QTableWidgetItem(money(s.amount, s.currency, self.plan.region)))
            table.setItem(r, 2, QTableWidgetItem(f"{s.buyer.name}  ({row.reason})"))
            table.setCellWidget(r, 3, self._combo(row))
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 190), (1, 110), (2, 380)):
            table.setColumnWidth(col, width)
        shown = min(len(self._ambiguous), 4)  # more scroll
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + 34 * shown + 4)
        self.choice_table = table
        return table

    def _combo(self, row) -> QComboBox:
        combo = QComboBox()
        combo.addItem("Skip this purchase", SKIP)
        for cid, name in row.candidates:
            combo.addItem(name, cid)
        combo.addItem("A new customer", ADD_NEW)
        combo.currentIndexChanged.connect(
            lambda _i, r=row, c=combo: self.choose(r.index, c.currentData()))
        self.combos.append(combo)
        return combo

    def _build_tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.model = SalesModel(self)
        self.model.region = self.plan.region
        self.model.set_rows(self.plan.rows)
        self.table = self._view(self.model, "salesTable")
        fit_columns(self.table, {0: 150, 1: 90, 2: 100, COL_AMOUNT: 225, COL_BUYER: 265},
                    COL_GOES, {2: "2026-11-03"})
        self.tabs.addTab(self.table, f"Purchases ({len(self.plan.rows)})")
        self.not_model = NotSalesModel(self)
        self.not_model.set_rows(self.plan.not_sales)
        self.not_table = self._view(self.not_model, "notSalesTable")
        self.not_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.not_table.setColumnWidth(0, 130)
        self.not_table.setColumnWidth(1, 120)
        self.tabs.addTab(self.not_table, f"Not imported ({len(self.plan.not_sales)})")
        return self.tabs

    @staticmethod
    def _view(model, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(28)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return view

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setProperty("primary", True)
        theme.plain_buttons(self.buttons.buttons())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # --- behaviour ------------------------------------------------------------------------

    def choose(self, index: int, choice: int | str) -> None:
        """Send the purchase of preview row ``index`` to customer ``choice`` (an id), a new
        customer ("new") or nowhere ("skip")."""
        self._choices[index] = choice
        self.model.set_choice(index, choice)
        self._update_plan()

    def choices(self) -> dict[int, int | str]:
        """The owner's answers for the ambiguous buyers (the rest go as proposed)."""
        return dict(self._choices)

    def _update_plan(self) -> None:
        going = sum(1 for r in self.plan.rows if r.verdict in (MATCH, NEW)) + sum(
            1 for c in self._choices.values() if c != SKIP)
        skipped = len(self._ambiguous) - sum(1 for c in self._choices.values() if c != SKIP)
        text = f"Import will add {plural(going, 'purchase')}"
        text += f" and skip {skipped} whose buyer is not chosen." if skipped else "."
        self.plan_label.setText(text if going else "Nothing to import.")
        self.import_button.setEnabled(bool(going))

    def keyPressEvent(self, event) -> None:
        # Enter in a table must not import the file by accident.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not \
                self.import_button.hasFocus():
            return
        super().keyPressEvent(event)
