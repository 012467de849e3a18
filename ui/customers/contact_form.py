"""The Contact tab: emails, phones, how they like to hear from us, and where to post a card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QWidget

from domain.model import CHANNEL_LABELS, CHANNELS, Customer
from domain.validation import Invalid, format_phone, normalize_email, normalize_phone
from ui.customers.address_list import AddressList
from ui.widgets.fields import ErrorLabel, LineList


class ContactForm(QWidget):
    """Edits contact channels; ``read_into`` normalises emails and phones (E.164)."""

    changed = Signal()

    def __init__(self, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._region = region
        form = QFormLayout(self)
        form.setContentsMargins(12, 12, 12, 12)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        # A narrow page (a 1024 px screen) puts a field under its label, not off the edge
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.emails = LineList("+ Add email", "name@example.com")
        self.emails.setObjectName("emails")
        self.phones = LineList("+ Add phone")
        self.set_region(region)
        self.phones.setObjectName("phones")
        form.addRow("Email", self.emails)
        form.addRow("Phone", self.phones)
        self.preferred, self.blocked = {}, {}
        form.addRow("Prefers", self._checks(self.preferred, "prefer"))
        form.addRow("Do not contact by", self._checks(self.blocked, "block"))
        self.channel_error = ErrorLabel()
        form.addRow("", self.channel_error)
        self.addresses = AddressList()
        form.addRow("Addresses", self.addresses)
        for widget in (self.emails, self.phones, self.addresses):
            widget.changed.connect(self.changed)
        self.emails.left_field.connect(lambda _i: self._check_lines(self.emails, self._email))
        self.phones.left_field.connect(lambda _i: self._check_lines(self.phones, self._phone))

    def _checks(self, into: dict[str, QCheckBox], kind: str) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        for i, channel in enumerate(CHANNELS):
            check = QCheckBox(CHANNEL_LABELS[channel])
            check.setObjectName(f"{kind}_{channel}")
            check.toggled.connect(lambda on, c=channel, k=kind: self._toggled(c, k, on))
            into[channel] = check
            grid.addWidget(check, i // 3, i % 3)
        return box

    def _toggled(self, channel: str, kind: str, on: bool) -> None:
        # Asking not to be contacted on a channel means it cannot be a preferred one.
        if kind == "block":
            self.preferred[channel].setEnabled(not on)
            if on:
                self.preferred[channel].setChecked(False)
        self.changed.emit()

    # --- our API --------------------------------------------------------------------------

    def set_region(self, region: str) -> None:
        """Read and show phone numbers as in ``region`` from now on."""
        self._region = region
        self.phones.set_placeholder(f"Phone (numbers abroad start with +); home region {region}")

    def set_customer(self, c: Customer, keep_undo: bool = False) -> None:
        """Show ``c``'s contacts without announcing a change (``keep_undo``: see
        ui.widgets.fields.show_text)."""
        self.emails.set_values(c.emails, keep_undo)
        self.phones.set_values([format_phone(p, self._region) for p in c.phones], keep_undo)
        for channel in CHANNELS:
            for checks, chosen in ((self.blocked, c.do_not_contact),
                                   (self.preferred, c.preferred_channels)):
                checks[channel].blockSignals(True)
                checks[channel].setChecked(channel in chosen)
                checks[channel].blockSignals(False)
            self.preferred[channel].setEnabled(channel not in c.do_not_contact)
        self.addresses.set_addresses(c.addresses, keep_undo)
        self.show_errors({})

    def read_into(self, c: Customer, errors: dict[str, str]) -> None:
        """Copy contacts into ``c`` (normalised); note each bad line in ``errors``."""
        c.emails = self._read_lines(self.emails, self._email, "emails", errors)
        c.phones = self._read_lines(self.phones, self._phone, "phones", errors)
        c.preferred_channels = [ch for ch in CHANNELS if self.preferred[ch].isChecked()]
        c.do_not_contact = [ch for ch in CHANNELS if self.blocked[ch].isChecked()]
        c.addresses = self.addresses.addresses()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show ``errors`` (keyed ``emails[0]``, ``phones[1]``…) under their lines."""
        for name, lines in (("emails", self.emails), ("phones", self.phones)):
            lines.set_errors(_indexed(errors, name))
        self.channel_error.show_error(errors.get("preferred_channels")
                                      or errors.get("do_not_contact", ""))

    def _email(self, text: str) -> str:
        return normalize_email(text)

    def _phone(self, text: str) -> str:
        return normalize_phone(text, self._region)

    def _read_lines(self, lines: LineList, check, name: str, errors: dict[str, str]) -> list[str]:
        values = []
        for i, text in enumerate(lines.raw_values()):
            if not text:
                continue
            try:
                values.append(check(text))
            except Invalid as exc:
                errors[f"{name}[{i}]"] = str(exc)
        return list(dict.fromkeys(values))

    def _check_lines(self, lines: LineList, check) -> None:
        """Show problems as soon as the owner leaves a field, not only on Save."""
        found: dict[int, str] = {}
        for i, text in enumerate(lines.raw_values()):
            if text:
                try:
                    check(text)
                except Invalid as exc:
                    found[i] = str(exc)
        lines.set_errors(found)


def _indexed(errors: dict[str, str], name: str) -> dict[int, str]:
    prefix = f"{name}["
    return {int(k[len(prefix):-1]): v for k, v in errors.items() if k.startswith(prefix)}
