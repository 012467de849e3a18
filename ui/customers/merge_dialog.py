"""Merge two customers: their own fields side by side, one choice per field that differs;
what they own (emails, phones, addresses, tags, details, milestones, the timeline, purchases,
promises, problems, cards) is combined and said once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from storage.merge import FIELDS, no_contact
from ui import theme
from ui.customers.many_service import MergeSetup

_TITLES = {"given_name": "Given name", "family_name": "Family name",
           "preferred_name": "Likes to be called", "pronunciation": "Pronunciation",
           "company": "Company", "role": "Role", "referred_by": "Referred by",
           "cadence_days": "Keep in touch every (days)", "customer_since": "Customer since",
           "preferred_channels": "Preferred channels", "do_not_contact": "Do not contact by",
           "notes": "Notes"}
_OWNED = ("email address", "phone number", "postal address", "tag", "personal detail",
          "milestone", "interaction", "purchase", "promise", "problem", "card")


SHOWN = 36  # characters of a value shown; the whole value is in its tooltip


def _plural(noun: str, count: int) -> str:
    if count == 1:
        return noun
    return noun + ("es" if noun.endswith("s") else "s")


def _button(text: str) -> QRadioButton:
    short = text if len(text) <= SHOWN else text[:SHOWN - 1].rstrip() + "…"
    button = QRadioButton(short.replace("\n", " "))
    button.setToolTip(text)
    return button


class FieldRow:
    """One field: the two values as radio buttons (the left one chosen at first)."""

    def __init__(self, field: str, left: str, right: str, values: tuple[Any, Any]) -> None:
        self.field, self.values = field, values
        self.left, self.right = _button(left), _button(right)
        self.left.setChecked(True)
        self.group = QButtonGroup()
        self.group.addButton(self.left)
        self.group.addButton(self.right)

    def pick(self, shown: str) -> None:
        """Keep the value shown as ``shown``."""
        (self.right if self.right.toolTip() == shown else self.left).setChecked(True)

    def value(self) -> Any:
        """The value kept."""
        return self.values[1] if self.right.isChecked() else self.values[0]


class MergeDialog(QDialog):
    """Choose, field by field, what the merged customer keeps."""

    def __init__(self, setup: MergeSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup, self.kept_id, self.gone_id = setup, setup.left_id, setup.right_id
        names = setup.names
        self.setWindowTitle(f"Merge {names.get(setup.left_id)} and {names.get(setup.right_id)}")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for col, cid in enumerate((setup.left_id, setup.right_id), start=1):
            grid.addWidget(theme.label(names.get(cid, ""), "heading"), 0, col)
        self.rows: list[FieldRow] = []
        for r, field in enumerate(FIELDS, start=1):
            left, right = setup.left[field], setup.right[field]
            if field == "do_not_contact":  # always both: storage.merge.no_contact
                left = right = no_contact(left, right)
            grid.addWidget(QLabel(_TITLES[field]), r, 0)
            if _shown(field, left, names) == _shown(field, right, names) or not right:
                same = QLabel(_shown(field, left, names) or "—")
                same.setWordWrap(True)
                grid.addWidget(same, r, 1, 1, 2)
                continue
            row = FieldRow(field, _shown(field, left, names) or "—",
                           _shown(field, right, names), (left, right))
            row.left.setChecked(bool(left) or not right)
            row.right.setChecked(not left and bool(right))
            grid.addWidget(row.left, r, 1)
            grid.addWidget(row.right, r, 2)
            self.rows.append(row)
        self._build(grid)

    def _build(self, grid: QGridLayout) -> None:
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        counts = self.setup.counts
        both = {n: sum(counts.get(i, {}).get(n, 0) for i in (self.kept_id, self.gone_id))
                for n in _OWNED}
        combined = ", ".join(f"{v} {_plural(n, v)}" for n, v in both.items() if v)
        note = QLabel("Kept from both, each said once: " + (combined or "nothing else")
                      + ". Edit ▸ Undo puts both customers back as they were.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def chosen(self) -> dict[str, Any]:
        """The fields whose value the merged customer takes from the other one, or keeps."""
        out = {r.field: r.value() for r in self.rows}
        for field in FIELDS:  # a field only the other one filled in comes along
            if field not in out and not self.setup.left[field] and self.setup.right[field]:
                out[field] = self.setup.right[field]
        return out

    def kept_name(self) -> str:
        """The merged customer's name, as chosen."""
        chosen = {**self.setup.left, **self.chosen()}
        from domain.model import display_name

        return display_name(chosen["given_name"], chosen["family_name"],
                            chosen["preferred_name"], chosen["company"])


def _shown(field: str, value: Any, names: dict[int, str]) -> str:
    if value is None or value == "":
        return ""
    if field == "referred_by":
        return names.get(value, f"customer {value}")
    return str(value)
