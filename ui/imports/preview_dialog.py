"""The import preview: every entry of the file, what Rapport found, and what to do with it.

Layout only, plus the small bookkeeping of counts and bulk buttons; the command in
``ui/imports/command.py`` reads the file before and applies the choices after, on the worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.duplicates import ADD, BROKEN, EXACT, MERGE, NEW, POSSIBLE, SKIP
from storage.imports import ImportPreview
from ui import theme
from ui.imports.preview_model import (
    COL_ACTION,
    COL_CONTACT,
    COL_DATES,
    COL_NAME,
    COL_STATUS,
    COL_WHERE,
    FILTERS,
    ActionDelegate,
    PreviewModel,
)
from ui.widgets.columns import fit_columns

DUPLICATES = {EXACT, POSSIBLE}


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``3 entries``."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def found_line(counts: dict[str, int]) -> str:
    """``12 entries: 8 new · 2 duplicates · 1 possible duplicate · 1 broken``."""
    total = sum(counts.values())
    parts = [f"{counts[NEW]} new" if counts.get(NEW) else "",
             plural(counts.get(EXACT, 0), "duplicate") if counts.get(EXACT) else "",
             plural(counts.get(POSSIBLE, 0), "possible duplicate") if counts.get(POSSIBLE)
             else "",
             f"{counts[BROKEN]} broken" if counts.get(BROKEN) else ""]
    return f"{plural(total, 'entry', 'entries')}: " + " · ".join(p for p in parts if p)


def plan_line(totals: dict[str, int]) -> str:
    """``Import will add 9 customers, merge 2 into existing ones and skip 1.``"""
    parts = []
    if totals.get(ADD):
        parts.append(f"add {plural(totals[ADD], 'customer')}")
    if totals.get(MERGE):
        parts.append(f"merge {totals[MERGE]} into existing ones")
    if totals.get(SKIP):
        parts.append(f"skip {totals[SKIP]}")
    if not parts:
        return "Nothing to import."
    return "Import will " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") \
        + parts[-1] + "."


class PreviewDialog(QDialog):
    """Shows an ``ImportPreview``; ``choices()`` after it is accepted.

    ``reread(day_first)`` asks for the file again with the other date order (the switch)."""

    reread = Signal(bool)

    def __init__(self, plan: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(f"Import {plan.source}")
        self.resize(1120, 640)
        self.plan = plan
        self.model = PreviewModel(self)
        self.model.set_rows(plan.rows(), plan.entries)
        self._counts = plan.counts()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.setSpacing(10)
        outer.addWidget(theme.label(f"Import {plan.source}", "section"))
        self.found = theme.label(found_line(self._counts))
        outer.addWidget(self.found)
        outer.addWidget(theme.label(
            "Nothing is written until you press Import. Duplicates are matched by name, email "
            "and phone; choose Merge to add what is new to the existing customer, Keep both to "
            "add a separate customer, or Skip.", "muted"))
        outer.itemAt(outer.count() - 1).widget().setWordWrap(True)
        outer.addLayout(self._build_reading())
        outer.addLayout(self._build_tools())
        outer.addWidget(self._build_table(), 1)
        self.plan_label = theme.label("", "")
        self.plan_label.setObjectName("planLine")
        outer.addWidget(self.plan_label)
        outer.addWidget(self._build_buttons())
        self._connect_callbacks()
        self._update_counts()

    # --- building -------------------------------------------------------------------------

    def _build_reading(self) -> QVBoxLayout:
        """How the file was read: a guessed encoding, the date order and its switch."""
        order, box = self.plan.date_order, QVBoxLayout()
        said = order.describe() if order else ""
        prefix = f"{self.plan.source}: "
        notes = [n.removeprefix(prefix) for n in self.plan.notes if not said or said not in n]
        notes = [n[:1].upper() + n[1:] for n in notes]
        self.how_line = theme.label("\n".join(notes), "muted")
        self.how_line.setVisible(bool(notes))
        box.addWidget(self.how_line)
        row = QHBoxLayout()
        self.dates_line = theme.label(said)
        self.dates_line.setWordWrap(True)
        row.addWidget(self.dates_line, 1)
        other = "month first" if order and order.day_first else "day first"
        self.flip_dates = QPushButton(f"Read dates {other}")
        self.flip_dates.setObjectName("flipDates")
        row.addWidget(self.flip_dates)
        self.dates_line.setVisible(order is not None)
        self.flip_dates.setVisible(order is not None)
        box.addLayout(row)
        return box

    def _flip(self) -> None:
        order = self.plan.date_order
        if order is not None:
            self.reread.emit(not order.day_first)
            self.reject()  # the file is read again; a new preview takes this one's place

    def _build_tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Show"))
        self.filter = QComboBox()
        for label, _verdicts in FILTERS:
            self.filter.addItem(label)
        row.addWidget(self.filter)
        row.addStretch(1)
        self.merge_all = QPushButton("Merge all duplicates")
        self.keep_all = QPushButton("Keep all as new")
        self.skip_all = QPushButton("Skip all duplicates")
        self.reset = QPushButton("As proposed")
        self.reset.setToolTip("Go back to the actions Rapport proposed")
        has_duplicates = any(self._counts.get(v) for v in DUPLICATES)
        for button in (self.merge_all, self.keep_all, self.skip_all, self.reset):
            button.setEnabled(has_duplicates or button is self.reset)
            row.addWidget(button)
        return row

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("previewTable")
        table.setModel(self.model)
        table.setItemDelegateForColumn(COL_ACTION, ActionDelegate(table))
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(30)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        table.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed
                              | triggers.AnyKeyPressed)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Titles whole, "What Rapport found" keeping a third on a 1024 px screen
        fit_columns(table, {COL_WHERE: 130, COL_NAME: 180, COL_CONTACT: 220, COL_DATES: 170,
                            COL_ACTION: 120}, COL_STATUS,
                {COL_ACTION: "Keep both ▾", COL_DATES: "born 12 Dec 1980",
                 COL_NAME: "Margaret Shaw"})
        self.table = table
        return table

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setProperty("primary", True)
        self.import_button.setDefault(True)
        theme.plain_buttons(self.buttons.buttons())
        return self.buttons

    def _connect_callbacks(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.flip_dates.clicked.connect(self._flip)
        # One click on an action opens its drop-down (a double click or F2 elsewhere).
        self.table.clicked.connect(
            lambda index: self.table.edit(index) if index.column() == COL_ACTION else None)
        self.buttons.rejected.connect(self.reject)
        self.filter.currentIndexChanged.connect(
            lambda i: self.model.show_only(FILTERS[i][1]))
        self.merge_all.clicked.connect(lambda: self.model.set_all(DUPLICATES, MERGE))
        self.keep_all.clicked.connect(lambda: self.model.set_all(DUPLICATES, ADD))
        self.skip_all.clicked.connect(lambda: self.model.set_all(DUPLICATES, SKIP))
        self.reset.clicked.connect(self.model.reset_actions)
        self.model.dataChanged.connect(self._update_counts)
        self.model.modelReset.connect(self._update_counts)

    # --- behaviour ------------------------------------------------------------------------

    def _update_counts(self, *_args) -> None:
        totals = self.model.totals()
        self.plan_label.setText(plan_line(totals))
        self.import_button.setEnabled(bool(totals.get(ADD) or totals.get(MERGE)))

    def choices(self) -> dict[int, str]:
        """Entry index → add / merge / skip, as the owner left them."""
        return self.model.choices()

    def set_action(self, index: int, action: str) -> bool:
        """Choose ``action`` for entry ``index`` (as the drop-down does)."""
        return self.model.set_action(index, action)

    def row_texts(self) -> list[tuple[str, str, str, str]]:
        """What each shown row reads, for tests and screenshots."""
        m = self.model
        return [tuple(m.index(r, c).data() for c in (COL_WHERE, COL_NAME, COL_STATUS,
                                                     COL_ACTION)) for r in range(m.rowCount())]

    def keyPressEvent(self, event) -> None:
        # Enter in the table opens the drop-down; it must not import the file by accident.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            return
        super().keyPressEvent(event)
