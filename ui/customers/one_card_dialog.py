"""One card wording for many customers: the occasion, a template to start from, the words with
their placeholders, the signature and the format, and a preview filled in for the first of
them. On OK each customer gets their own card in the print queue, written from these words
exactly as the card editor would fill them in for that person."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from domain.cards import DEFAULT_SIGNATURE, compose
from domain.model import Template
from domain.templates import OCCASIONS, PLACEHOLDERS, TemplateProblem, build_context
from ui.customers.many_service import CardSetup


def names_line(names: list[str], count: int) -> str:
    """``To Ada Ward, Ben Ward, Cleo Ward and 9 others``."""
    shown = names[:3]
    rest = count - len(shown)
    return "To " + ", ".join(shown) + (f" and {rest:,} other{'s' * (rest != 1)}"
                                       if rest > 0 else "")


class OneCardDialog(QDialog):
    """Edit one wording; ``template()`` is what each card is written from."""

    def __init__(self, setup: CardSetup, count: int, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"One card for {count:,} customers")
        self._setup, self._today = setup, today
        self.occasion, self.start, self.format = QComboBox(), QComboBox(), QComboBox()
        for key, name in OCCASIONS.items():
            self.occasion.addItem(name, key)
        from ui.cards.format_choice import add_formats  # the format names the printer knows

        add_formats(self.format, "card")
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(140)
        self.signature = QLineEdit(DEFAULT_SIGNATURE)
        self.preview = QPlainTextEdit(readOnly=True)
        self.preview.setMinimumHeight(130)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b3261e")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            f"Queue {count:,} cards")
        self._layout(names_line(setup.names, count))
        self.occasion.currentIndexChanged.connect(self._occasion_changed)
        self.start.currentIndexChanged.connect(self._start_changed)
        self.text.textChanged.connect(self._refresh)
        self.signature.textChanged.connect(self._refresh)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.set_occasion("holiday")
        self._occasion_changed()

    def _layout(self, to: str) -> None:
        form = QFormLayout()
        form.addRow("Occasion", self.occasion)
        form.addRow("Start from", self.start)
        form.addRow("Format", self.format)
        hint = QLabel("Placeholders fill in for each person: " + ", ".join(
            "{{ " + p + " }}" for p in ("name", "first_name", "family", "pet",
                                        "last_purchase", "grace_until") if p in PLACEHOLDERS))
        hint.setWordWrap(True)
        hint.setProperty("muted", True)
        layout = QVBoxLayout(self)
        who = QLabel(to)
        who.setWordWrap(True)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(QLabel("Words (the same for all, personalised for each)"))
        layout.addWidget(self.text, 1)
        layout.addWidget(hint)
        sign = QFormLayout()
        sign.addRow("Signed", self.signature)
        layout.addLayout(sign)
        first = self._setup.first
        layout.addWidget(QLabel(f"As {first.display_name} will read it" if first else
                                "Preview"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 680)

    def set_occasion(self, occasion: str) -> None:
        """Choose ``occasion`` (its first template fills the words)."""
        self.occasion.setCurrentIndex(max(0, self.occasion.findData(occasion)))

    def _occasion_changed(self, *_args: object) -> None:
        occasion = self.occasion.currentData()
        self.start.blockSignals(True)
        self.start.clear()
        for t in self._setup.templates:
            if t.occasion == occasion:
                self.start.addItem(t.name, t)
        self.start.blockSignals(False)
        self._start_changed()

    def _start_changed(self, *_args: object) -> None:
        chosen = self.start.currentData()
        if isinstance(chosen, Template):
            self.text.setPlainText(chosen.body)
            self.signature.setText(chosen.signature or DEFAULT_SIGNATURE)
            self.format.setCurrentIndex(max(0, self.format.findData(chosen.card_format)))
        self._refresh()

    def template(self) -> Template:
        """The wording every card is written from."""
        chosen = self.start.currentData()
        return Template(self.occasion.currentData(), "One card for many",
                        self.text.toPlainText(), card_format=self.format.currentData(),
                        signature=self.signature.text(),
                        id=chosen.id if isinstance(chosen, Template)
                        and chosen.body == self.text.toPlainText() else None)

    def _refresh(self) -> None:
        first, ok = self._setup.first, True
        if first is None:
            return
        try:
            context = build_context(first, self._setup.sender, self.occasion.currentData(),
                                    self._today)
            self.preview.setPlainText(compose(self.template(), context))
            self.problem.clear()
        except TemplateProblem as exc:
            self.problem.setText(f"These words cannot be used yet: {exc}")
            ok = False
        ok = ok and bool(self.text.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the words being typed, not to the OK button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text.hasFocus():
            return
        super().keyPressEvent(event)
