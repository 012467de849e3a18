"""The Profile tab: names, company, how they came to us, how often to keep in touch, notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from domain.model import Customer
from domain.validation import (
    Invalid,
    format_date,
    parse_optional_date,
    split_tags,
)
from ui.customers.own_fields import OwnFields
from ui.widgets.fields import FieldBox, show_text

_LINES = (
    ("given_name", "Given name", "Margaret"),
    ("family_name", "Family name", "Shaw"),
    ("preferred_name", "Likes to be called", "Peggy"),
    ("pronunciation", "Pronunciation", "e.g. “SHAW, rhymes with law”"),
    ("company", "Company", ""),
    ("role", "Role", "e.g. Office manager"),
)


class ProfileForm(QWidget):
    """Edits the plain fields of a customer; ``read_into`` checks and copies them back."""

    changed = Signal()
    choose_referrer = Signal()
    add_field = Signal()  # the owner asks for a field of their own

    def __init__(self, day_first: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day_first = day_first
        self._loading = False
        self.referrer_id: int | None = None
        form = QFormLayout(self)
        form.setContentsMargins(12, 12, 12, 12)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        # A narrow page (a 1024 px screen) puts a field under its label, not off the edge
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.boxes: dict[str, FieldBox] = {}
        for key, title, placeholder in _LINES:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(lambda _t: self.changed.emit())
            self.boxes[key] = FieldBox(edit)
            form.addRow(title, self.boxes[key])
        self._build_rest(form)

    def _build_rest(self, form: QFormLayout) -> None:
        since = QLineEdit()
        since.setObjectName("customer_since")
        since.setPlaceholderText("e.g. 14 Mar 2021")
        since.textEdited.connect(lambda _t: self.changed.emit())
        since.editingFinished.connect(self._check_since)
        self.boxes["customer_since"] = FieldBox(since)
        form.addRow("Customer since", self.boxes["customer_since"])
        form.addRow("Referred by", self._build_referrer())
        self.cadence = QSpinBox()
        self.cadence.setObjectName("cadence_days")
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText("Notebook default")
        self.cadence.setSuffix(" days")
        self.cadence.setMaximumWidth(180)
        self.cadence.valueChanged.connect(lambda _v: self.changed.emit())
        self.boxes["cadence_days"] = FieldBox(self.cadence, "How often to get in touch; "
                                              "0 follows their tags or the notebook default.")
        form.addRow("Keep in touch every", self.boxes["cadence_days"])
        tags = QLineEdit()
        tags.setObjectName("tags")
        tags.setPlaceholderText("e.g. regular, weddings, wholesale")
        tags.textEdited.connect(lambda _t: self.changed.emit())
        self.boxes["tags"] = FieldBox(tags, "Separate tags with commas.")
        form.addRow("Tags", self.boxes["tags"])
        self.own = OwnFields(form, self)  # the status and the notebook's own fields
        self.own.changed.connect(self.changed)
        self.own.add_field.connect(self.add_field)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText("Anything worth remembering next time you talk.")
        self.notes.setMinimumHeight(110)
        self.notes.textChanged.connect(self._notes_changed)
        form.addRow("Notes", self.notes)

    def _build_referrer(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.referrer = QLineEdit()
        self.referrer.setObjectName("referred_by")
        self.referrer.setReadOnly(True)
        self.referrer.setPlaceholderText("Nobody")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_referrer)
        self.clear_referrer = QPushButton("Clear")
        self.clear_referrer.clicked.connect(lambda: self.set_referrer(None, "", changed=True))
        row.addWidget(self.referrer, 1)
        row.addWidget(choose)
        row.addWidget(self.clear_referrer)
        self.boxes["referred_by"] = FieldBox(box)
        return self.boxes["referred_by"]

    # --- our API --------------------------------------------------------------------------

    def set_customer(self, c: Customer, referrer_name: str, keep_undo: bool = False) -> None:
        """Show ``c`` without announcing a change (``keep_undo``: the same customer read back
        after a save; the fields keep their undo, see ui.widgets.fields.show_text)."""
        self._loading = True
        for key, _title, _placeholder in _LINES:
            show_text(self.editor(key), getattr(c, key), keep_undo)
        show_text(self.editor("customer_since"), format_date(c.customer_since), keep_undo)
        self.cadence.setValue(c.cadence_days or 0)
        show_text(self.editor("tags"), ", ".join(c.tags), keep_undo)
        show_text(self.notes, c.notes, keep_undo)
        self.set_referrer(c.referred_by, referrer_name)
        self.own.set_customer(c, keep_undo)
        for box in self.boxes.values():
            box.set_error("")
        self._loading = False

    def set_referrer(self, customer_id: int | None, name: str, changed: bool = False) -> None:
        """Show who referred them (None: nobody)."""
        self.referrer_id = customer_id
        self.referrer.setText(name if customer_id is not None else "")
        self.clear_referrer.setEnabled(customer_id is not None)
        if changed:
            self.changed.emit()

    def editor(self, key: str) -> QLineEdit:
        """The line edit of field ``key`` (``given_name``…)."""
        return self.boxes[key].editor

    def read_into(self, c: Customer, errors: dict[str, str]) -> None:
        """Copy the fields into ``c``; add a message to ``errors`` for each bad one."""
        for key, _title, _placeholder in _LINES:
            setattr(c, key, " ".join(self.editor(key).text().split()))
        try:
            c.customer_since = parse_optional_date(self.editor("customer_since").text(),
                                                   self.day_first)
        except Invalid as exc:
            errors["customer_since"] = str(exc)
        c.cadence_days = self.cadence.value() or None
        c.tags = split_tags(self.editor("tags").text())
        c.notes = self.notes.toPlainText().strip()
        c.referred_by = self.referrer_id
        self.own.read_into(c, errors)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show ``errors`` under their fields; others are cleared."""
        for key, box in self.boxes.items():
            box.set_error(errors.get(key, ""))
        self.own.show_errors(errors)

    def _check_since(self) -> None:
        try:
            parse_optional_date(self.editor("customer_since").text(), self.day_first)
            self.boxes["customer_since"].set_error("")
        except Invalid as exc:
            self.boxes["customer_since"].set_error(str(exc))

    def _notes_changed(self) -> None:
        if not self._loading:
            self.changed.emit()
