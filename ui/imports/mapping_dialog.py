"""The CSV step before the preview: which column fills which field, with sample values.

The Google or Outlook preset (or a guess from the column names) is filled in; the owner can
change any row's drop-down. ``mapping()`` hands back an edited copy of the ColumnMapping.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.contacts_mapping import TARGETS, ColumnMapping
from domain.contacts_text import encoding_name, is_guess
from ui import theme
from ui.imports.service import CsvStart

COL_HEADER, COL_TARGET, COL_SAMPLES = range(3)
PRESETS = {
    "google": "Recognised as a Google Contacts export.",
    "outlook": "Recognised as an Outlook export.",
    "thunderbird": "Recognised as a Thunderbird export.",
    "rapport": "Recognised as a Rapport export.",
    "guessed": "Rapport guessed what each column holds from its name — please check.",
    "custom": "Choose what each column holds.",
}
_IDENTITY = {"given_name", "family_name", "full_name", "nickname", "company", "email", "phone"}
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


def file_line(csv: CsvStart) -> str:
    """``118 rows, UTF-8, comma-separated``; ``Mac Roman (a guess)`` when nothing said so."""
    table = csv.table
    rows = len(table.rows)
    sep = _DELIMITERS.get(table.delimiter, repr(table.delimiter))
    encoding = encoding_name(table.encoding) + (" (a guess)" if is_guess(table.encoding)
                                                else "")
    return f"{rows} row{'s' if rows != 1 else ''}, {encoding}, {sep}-separated"


class MappingDialog(QDialog):
    """One row per column of the file: its header, a drop-down of fields, sample values."""

    def __init__(self, csv: CsvStart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnMapping")
        self.setWindowTitle(f"Columns of {csv.path.name}")
        self.resize(860, 600)
        self.csv = csv
        self._mapping = copy.deepcopy(csv.mapping)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 14)
        outer.setSpacing(10)
        outer.addWidget(theme.label(f"Columns of {csv.path.name}", "section"))
        outer.addWidget(theme.label(f"{PRESETS.get(self._mapping.preset, '')}  "
                                    f"({file_line(csv)})", "muted"))
        outer.addWidget(self._build_table(), 1)
        self.problem = theme.label("", "error")
        outer.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.next_button = self.buttons.addButton("Preview import…",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.next_button.setProperty("primary", True)
        self.next_button.setDefault(True)
        theme.plain_buttons(self.buttons.buttons())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._check()

    def _build_table(self) -> QTableWidget:
        columns = self._mapping.columns
        table = QTableWidget(len(columns), 3)
        table.setObjectName("mappingTable")
        table.setHorizontalHeaderLabels(["Column in the file", "Imports as", "Sample values"])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(32)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combos: list[QComboBox] = []
        for row, column in enumerate(columns):
            table.setItem(row, COL_HEADER, QTableWidgetItem(column.header or f"(column {row + 1})"))
            table.setCellWidget(row, COL_TARGET, self._padded(self._combo(row, column.target)))
            samples = QTableWidgetItem("  ·  ".join(self.csv.samples(row)) or "(empty)")
            samples.setForeground(QColor(theme.MUTED))
            samples.setToolTip("\n".join(self.csv.samples(row)))
            table.setItem(row, COL_SAMPLES, samples)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(COL_SAMPLES, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(COL_HEADER, 230)
        table.setColumnWidth(COL_TARGET, 190)
        self.table = table
        return table

    @staticmethod
    def _padded(combo: QComboBox) -> QWidget:
        holder = QWidget()
        box = QHBoxLayout(holder)
        box.setContentsMargins(2, 2, 10, 2)
        box.addWidget(combo)
        return holder

    def _combo(self, row: int, target: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"target{row}")
        for key, label in TARGETS.items():
            combo.addItem(label, key)
        combo.setCurrentIndex(max(combo.findData(target), 0))
        combo.currentIndexChanged.connect(lambda _i, r=row, c=combo: self._changed(r, c))
        self.combos.append(combo)
        return combo

    def _changed(self, row: int, combo: QComboBox) -> None:
        self.set_target(row, combo.currentData())

    def set_target(self, row: int, target: str) -> None:
        """Make column ``row`` fill ``target`` (a key of ``TARGETS``; "" for none)."""
        column = self._mapping.columns[row]
        if column.target == target:
            return
        column.target = target
        if self._mapping.preset != "custom":
            self._mapping.preset = "custom"  # the owner's own choice from now on
        combo = self.combos[row]
        if combo.currentData() != target:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(target), 0))
            combo.blockSignals(False)
        self._check()

    def _check(self) -> None:
        used = {c.target for c in self._mapping.columns}
        ok = bool(used & _IDENTITY)
        self.problem.setText("" if ok else "Choose at least one column with a name, company, "
                                           "email or phone.")
        self.next_button.setEnabled(ok)

    def mapping(self) -> ColumnMapping:
        """The columns as the owner left them."""
        return copy.deepcopy(self._mapping)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not \
                self.next_button.isEnabled():
            return
        super().keyPressEvent(event)
