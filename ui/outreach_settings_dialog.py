"""The outreach settings dialog: how often to keep in touch, when to post cards, how far to
look for milestones, when to follow up, who counts as lapsed, the per-customer limit, and a
small table of tags with their own cadence. Problems show under their field as you save."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.outreach import Settings
from ui.widgets.fields import ErrorLabel
from ui.widgets.form_dialog import FormDialog

MAX_DAYS = 3650


def spin(value: int, low: int, high: int, unit: str = "days") -> QSpinBox:
    """A whole number with its unit after it ("30 days", "1 day")."""
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setMinimumWidth(150)
    box.setMaximumWidth(190)
    singular = unit[:-1] if unit.endswith("s") else unit

    def suffix(v: int) -> None:
        box.setSuffix(f" {singular if v == 1 else unit}")

    box.valueChanged.connect(suffix)
    suffix(value)
    return box


def pair(*widgets: QWidget) -> QWidget:
    """Widgets side by side, as one form row (labels may sit between them)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(8)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return box


def single(box: QSpinBox) -> QSpinBox:
    """Keep a lone number box its own width (the form would stretch it across)."""
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


class TagCadences(QWidget):
    """Tag → days between touches: a table, and a line to add a tag."""

    def __init__(self, cadences: dict[str, int], tags: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("tagTable")
        self.table.setHorizontalHeaderLabels(["Tag", "Keep in touch every"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().resizeSection(1, 170)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setFixedHeight(150)
        layout.addWidget(self.table)
        self.tag = QComboBox()
        self.tag.setObjectName("newTag")
        self.tag.setEditable(True)
        self.tag.addItems(tags)
        self.tag.setCurrentIndex(-1)
        self.tag.lineEdit().setPlaceholderText("Tag, e.g. vip")
        self.tag.setMinimumWidth(200)
        self.days = spin(14, 1, MAX_DAYS)
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        layout.addWidget(pair(self.tag, self.days, self.add_button, self.remove_button))
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        for name, days in sorted(cadences.items(), key=lambda kv: kv[0].casefold()):
            self._append(name, days)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)

    def _append(self, name: str, days: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, 0, item)
        self.table.setCellWidget(row, 1, spin(days, 1, MAX_DAYS))

    def add(self) -> None:
        """Add the typed tag (or change its days when it is in the table already)."""
        name = " ".join(self.tag.currentText().split())
        if not name:
            self.error.show_error("Type or choose a tag first.")
            return
        self.error.show_error("")
        row = self._row_of(name)
        if row >= 0:
            self.table.cellWidget(row, 1).setValue(self.days.value())
        else:
            self._append(name, self.days.value())
        self.tag.setCurrentIndex(-1)
        self.tag.clearEditText()

    def remove_selected(self) -> None:
        """Take the chosen tag out (its customers go back to the default cadence)."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _row_of(self, name: str) -> int:
        return next((r for r in range(self.table.rowCount())
                     if self.table.item(r, 0).text().casefold() == name.casefold()), -1)

    def value(self) -> dict[str, int]:
        """Tag → days, as shown."""
        return {self.table.item(r, 0).text(): self.table.cellWidget(r, 1).value()
                for r in range(self.table.rowCount())}


class OutreachSettingsDialog(FormDialog):
    """Changes :class:`Settings`; ``value()`` is the new one (other fields kept as they were)."""

    def __init__(self, settings: Settings, tags: list[str], read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__("Outreach settings", parent=parent)
        self.setMinimumWidth(600)
        self._before = settings
        s = settings
        self.cadence = self.add_field("default_cadence_days", "Keep in touch every",
                                      single(spin(s.default_cadence_days, 1, MAX_DAYS)),
                                      "For customers with no cadence of their own or of a tag.")
        self.lead = self.add_field("mailing_lead_days", "Post cards",
                                   single(spin(s.mailing_lead_days, 0, 30, "business days")),
                                   "before the day, so they arrive in time.")
        self.window = self.add_field("milestone_window_days", "Look for milestones",
                                     single(spin(s.milestone_window_days, 1, 365)),
                                     "ahead: birthdays and anniversaries this near come up.")
        self.follow_up = self.add_field("problem_follow_up_days", "Follow up on a problem",
                                        single(spin(s.problem_follow_up_days, 1, 365)),
                                        "after this long without news.")
        self._add_lapse(s)
        self._add_cap(s)
        self.capacity = None
        if hasattr(s, "daily_capacity"):  # newer engines bound the day's nudges
            self.capacity = self.add_field(
                "daily_capacity", "Nudges a day", single(spin(s.daily_capacity, 1, 500,
                                                              "suggestions")),
                "at most, to keep in touch or win back; the longest overdue come first.")
        self.tags = TagCadences(s.tag_cadences, tags)
        self.add_field("tag_cadences", "Tags with their own cadence", self.tags)
        if read_only:
            self._read_only()

    def _add_lapse(self, s: Settings) -> None:
        self.lapse_factor = QDoubleSpinBox()
        self.lapse_factor.setObjectName("lapse_factor_box")
        self.lapse_factor.setRange(1.0, 10.0)
        self.lapse_factor.setSingleStep(0.5)
        self.lapse_factor.setDecimals(1)
        self.lapse_factor.setSuffix(" × their usual gap")
        self.lapse_factor.setValue(s.lapse_factor)
        self.lapse_min = spin(s.lapse_min_days, 1, MAX_DAYS)
        self.lapse_min.setObjectName("lapse_min_days")
        self.add_field("lapse_factor", "Lapsed after",
                       pair(self.lapse_factor, QLabel("and at least"), self.lapse_min),
                       "with no purchase: the time between their purchases, stretched.")

    def _add_cap(self, s: Settings) -> None:
        self.cap_touches = spin(s.cap_touches, 1, 20, "touches")
        self.cap_touches.setObjectName("cap_touches")
        self.cap_days = spin(s.cap_days, 1, 365)
        self.cap_days.setObjectName("cap_days")
        self.add_field("cap", "At most",
                       pair(self.cap_touches, QLabel("per customer every"), self.cap_days),
                       "so no one is nagged; replies to promises and problems always show.")

    def _read_only(self) -> None:
        for box in self.boxes.values():
            box.editor.setEnabled(False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        ok.setToolTip("This notebook is read-only.")

    def build_value(self, errors: dict[str, str]) -> Settings:
        lead, window = self.lead.value(), self.window.value()
        if window < lead:
            errors["milestone_window_days"] = (
                f"Look at least as far ahead as cards are posted ({lead} days).")
        if self.tags.tag.currentText().strip():
            errors["tag_cadences"] = "Press Add to keep the tag you typed, or clear it."
        more = {"daily_capacity": self.capacity.value()} if self.capacity is not None else {}
        return replace(self._before, **more, default_cadence_days=self.cadence.value(),
                       mailing_lead_days=lead, milestone_window_days=window,
                       problem_follow_up_days=self.follow_up.value(),
                       lapse_factor=round(self.lapse_factor.value(), 1),
                       lapse_min_days=self.lapse_min.value(), cap_touches=self.cap_touches.value(),
                       cap_days=self.cap_days.value(), tag_cadences=self.tags.value())

