"""Who the cards come from: business, owner, signature, return address and the offer line."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from domain.model import Address
from domain.templates import Sender
from ui.widgets.form_dialog import FormDialog


class SenderDialog(FormDialog):
    """Edits a :class:`Sender`; ``value()`` is the new one."""

    def __init__(self, sender: Sender, read_only: bool = False,
                 parent: QWidget | None = None, title: str = "Sender and return address",
                 ok_text: str = "Save") -> None:
        super().__init__(title, ok_text, parent=parent)
        self.setMinimumWidth(600)
        a = sender.return_address
        self._home = sender.home  # the notebook's region, not edited here
        self.business = self._line("business", "Business", sender.business)
        self.owner = self._line("owner", "Your name", sender.owner)
        self.signature = self._line("signature", "Sign cards as", sender.signature,
                                    "E.g. “Maria & the team”. Empty: your name.")
        self.street = QPlainTextEdit(a.street)
        self.street.setFixedHeight(54)
        self.street.setTabChangesFocus(True)
        self.add_field("street", "Return address", self.street)
        self.city = self._line("city", "City", a.city)
        self.region = self._line("region", "State or region", a.region)
        self.postal_code = self._line("postal_code", "Postal code", a.postal_code)
        self.country = self._line("country", "Country", a.country,
                                  "Empty when you post within your own country.")
        self.offer = self._line("offer", "Something extra", sender.offer,
                                "A P.S. on thank-yous, never on sympathy cards.")
        self.grace = QSpinBox()
        self.grace.setRange(0, 365)
        self.grace.setSuffix(" days")
        self.grace.setValue(sender.grace_days)
        self.grace.setMaximumWidth(140)
        self.add_field("grace_days", "Old prices hold for", self.grace,
                       "What price-change notices promise.")
        if read_only:
            for box in self.boxes.values():
                box.editor.setEnabled(False)
            self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(False)

    def _line(self, key: str, title: str, text: str, hint: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        self.add_field(key, title, edit, hint)
        return edit

    def build_value(self, errors: dict[str, str]) -> Sender:
        address = Address(self.street.toPlainText().strip(), self.city.text().strip(),
                          self.region.text().strip(), self.postal_code.text().strip(),
                          self.country.text().strip())
        return Sender(business=self.business.text().strip(), owner=self.owner.text().strip(),
                      signature=self.signature.text().strip(), return_address=address,
                      offer=self.offer.text().strip(), grace_days=self.grace.value(),
                      home=self._home)
