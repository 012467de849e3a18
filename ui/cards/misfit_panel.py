"""The print dialog's list of cards left out because they do not fit, with the ways out:
switch those cards to the larger format their words fit, print the whole batch on the format
where every card fits, or open one in the card editor to shorten it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from exports.cards.fit_report import spoken
from ui import icons, theme
from ui.cards.service import Unfit


class MisfitPanel(QFrame):
    """Names each card of the batch that does not fit; nothing of them is printed."""

    switch = Signal(list, list)  # card ids, the format each one goes to
    use_for_all = Signal(str)  # the card format in which every card fits
    open_card = Signal(object)  # the Card to open in the editor

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("misfits")
        self.setStyleSheet(f"QFrame#misfits {{ background: {theme.ERROR_SOFT}; "
                           "border: 1px solid #f1b8b1; border-radius: 6px; }")
        self._unfit: list[Unfit] = []
        self._everyone = self._card_format = ""
        outer = QHBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        mark = QLabel()
        mark.setPixmap(icons.icon("problem", theme.ERROR).pixmap(18, 18))
        outer.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        self.text = theme.label("", "")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setStyleSheet(f"color: {theme.ERROR};")
        column.addWidget(self.text)
        column.addLayout(self._build_buttons())
        outer.addLayout(column, 1)
        self.hide()

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.switch_button = QPushButton("")
        self.all_button = QPushButton("")
        self.which = QComboBox()
        self.open_button = QPushButton("Open in the editor…")
        for button in (self.switch_button, self.all_button, self.open_button):
            button.setAutoDefault(False)
        self.switch_button.clicked.connect(self._switch)
        self.all_button.clicked.connect(lambda: self.use_for_all.emit(self._everyone))
        self.open_button.clicked.connect(self._open)
        for widget in (self.switch_button, self.all_button, self.which, self.open_button):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def show_unfit(self, unfit: Sequence[Unfit], card_format: str, everyone: str) -> None:
        """List ``unfit`` (hide when empty) and offer what can be done about them."""
        self._unfit, self._everyone, self._card_format = list(unfit), everyone, card_format
        self.setVisible(bool(unfit))
        if not unfit:
            return
        count = len(unfit)
        lines = [f"{count} card{'s' if count != 1 else ''} left out of this PDF: "
                 "nothing is cut or shrunk below a readable size to fit."]
        lines += [f"• {u.customer}: {u.misfit.sentence()}" for u in unfit]
        self.text.setText("\n".join(lines))
        larger = self._switchable()
        targets = {fmt for _card, fmt in larger}
        self.switch_button.setText(f"Switch {'them' if len(larger) > 1 else 'it'} to "
                                   + (spoken(targets.pop()) if len(targets) == 1
                                      else "larger cards"))
        self.switch_button.setVisible(bool(larger))
        self.all_button.setText(f"Print all on {spoken(everyone)}")
        self.all_button.setVisible(bool(everyone) and everyone != card_format)
        self.which.clear()
        for u in unfit:
            self.which.addItem(u.customer, u.card.id)
        self.which.setVisible(count > 1)

    def _switchable(self) -> list[tuple[int | None, str]]:
        """The cards whose own words a larger card format takes, with that format."""
        return [(u.card.id, u.misfit.larger) for u in self._unfit
                if u.misfit.larger and u.misfit.format == self._card_format]

    def _switch(self) -> None:
        pairs = self._switchable()
        if pairs:
            self.switch.emit([i for i, _f in pairs], [f for _i, f in pairs])

    def _open(self) -> None:
        index = max(0, self.which.currentIndex())
        if index < len(self._unfit):
            self.open_card.emit(self._unfit[index].card)
