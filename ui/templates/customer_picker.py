"""Choose the customer the Templates screen previews with (the referrer picker, retitled)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from domain.model import CustomerRow
from ui.customers.referrer_picker import Find, ReferrerPicker


class CustomerPicker(ReferrerPicker):
    """Pick one customer from ``rows``; ``chosen`` is (id, name)."""

    def __init__(self, rows: list[CustomerRow], parent: QWidget | None = None, *,
                 find: Find) -> None:
        super().__init__(rows, None, parent, find=find)
        title = "Preview the card for…"
        self.setWindowTitle(title)
        heading = self.findChild(QLabel)
        if heading is not None:
            heading.setText(title)
