"""Dialogs for personal details (facts) and milestones."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from domain.model import (
    FACT_KINDS,
    FACT_LABELS,
    MILESTONE_KINDS,
    MILESTONE_LABELS,
    YEARLY_MILESTONES,
    Fact,
    Milestone,
)
from domain.validation import Invalid
from ui.widgets.date_fields import PartialDateEdit
from ui.widgets.form_dialog import FormDialog

_VALUE_HINTS = {
    "interest": "e.g. orchids, cycling, jazz",
    "family": "Their name, e.g. Lily",
    "pet": "Its name, e.g. Biscuit",
    "like": "e.g. white lilies, dark chocolate",
    "dislike": "e.g. carnations, phone calls before 10",
    "gift_idea": "e.g. a book on Japanese gardens",
    "how_we_met": "e.g. came in for her daughter's wedding bouquet",
}


def _combo(kinds: tuple[str, ...], labels: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for kind in kinds:
        combo.addItem(labels[kind], kind)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class FactDialog(FormDialog):
    """A personal detail: an interest, a family member or pet (with a birthday), a gift idea…"""

    def __init__(self, fact: Fact | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Edit detail" if fact else "Add a personal detail", parent=parent)
        self._fact = fact or Fact("interest", "")
        self.kind = self.add_field("kind", "Kind", _combo(FACT_KINDS, FACT_LABELS,
                                                          self._fact.kind))
        self.text = self.add_field("value", "Detail", QLineEdit(self._fact.value))
        self.relation = self.add_field("relation", "Relation", QLineEdit(self._fact.relation))
        self.relation.setPlaceholderText("e.g. daughter, husband, dog")
        self.birthday = self.add_field("birthday", "Birthday", PartialDateEdit(optional=True))
        self.birthday.set_value(self._fact.birthday)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.text.setPlaceholderText(_VALUE_HINTS.get(kind, ""))
        about_someone = kind in ("family", "pet")
        for key in ("relation", "birthday"):
            self.form.setRowVisible(self.boxes[key], about_someone)

    def build_value(self, errors: dict[str, str]) -> Fact | None:
        kind = self.kind.currentData()
        text = " ".join(self.text.text().split())
        if not text:
            errors["value"] = "Write the detail itself."
        about_someone = kind in ("family", "pet")
        birthday = self.check("birthday", errors, self.birthday.value) if about_someone else None
        relation = " ".join(self.relation.text().split()) if about_someone else ""
        return replace(self._fact, kind=kind, value=text, relation=relation, birthday=birthday)


class MilestoneDialog(FormDialog):
    """A date that matters to them; the year is optional, 29 February is allowed."""

    def __init__(self, milestone: Milestone | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit milestone" if milestone else "Add a milestone", parent=parent)
        self._milestone = milestone
        current = milestone.kind if milestone else "birthday"
        self.kind = self.add_field("kind", "Kind", _combo(MILESTONE_KINDS, MILESTONE_LABELS,
                                                          current))
        self.date = self.add_field("date", "Date", PartialDateEdit(),
                                   "Leave the year empty when you don't know it.")
        if milestone:
            self.date.set_value(milestone.date)
        self.whose = self.add_field("whose", "Whose", QLineEdit(milestone.whose if milestone
                                                                else ""))
        self.whose.setPlaceholderText("Theirs; or a family member's name, e.g. Lily")
        self.yearly = self.add_field("yearly", "", QCheckBox("Comes back every year"))
        self.yearly.setChecked(milestone.yearly if milestone else True)
        self.note = self.add_field("note", "Note", QLineEdit(milestone.note if milestone
                                                             else ""))
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def _kind_changed(self) -> None:
        self.yearly.setChecked(self.kind.currentData() in YEARLY_MILESTONES)

    def build_value(self, errors: dict[str, str]) -> Milestone | None:
        try:
            when = self.date.value()
        except Invalid as exc:
            errors["date"] = str(exc)
            return None
        base = self._milestone or Milestone("birthday", when)
        return replace(base, kind=self.kind.currentData(), date=when,
                       whose=" ".join(self.whose.text().split()),
                       yearly=self.yearly.isChecked(), note=self.note.text().strip())
