"""The Templates screen's preview: the wording filled in for the sample customer (or a real
one), and a template error shown under its field with the line marked."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import QDialog, QTextEdit

from domain.model import Customer, Template
from domain.template_sample import try_template
from domain.templates import Sender, TemplateProblem, build_context
from ui import theme
from ui.cards import alive
from ui.operations import Operations
from ui.templates.sample import SAMPLE_FRIEND, milestone_for, sample_customer
from ui.templates.screen import TemplatesScreen
from ui.templates.service import TemplateService

SAMPLE, CHOOSE = "sample", "choose"
_UNCLOSED = re.compile(r"block that needs to be closed is '(\w+)'")


def friendly(message: str) -> str:
    """Jinja's wording of a template error, in the owner's words where it is technical."""
    unclosed = _UNCLOSED.search(message)
    if unclosed:
        tag = unclosed.group(1)
        return (f"the template cannot be read: a {{% {tag} %}} is never closed; add "
                f"{{% end{tag} %}} where it should end.")
    return message.replace("Jinja was", "Rapport was").replace("jinja2.", "")


class TemplatePreview(QObject):
    """Fills the preview pane and the error lines of a :class:`TemplatesScreen`."""

    changed = Signal()  # another customer to preview with

    def __init__(self, view: TemplatesScreen, service: TemplateService, ops: Operations,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view, self._service, self._ops = view, service, ops
        self.sender = Sender()
        self._generation = self._shown = 0
        self._people: dict[object, Customer] = {SAMPLE: sample_customer(date.today())}
        self._fill_preview_for()
        view.preview_for.activated.connect(self._on_preview_for)

    def _context(self, occasion: str) -> dict:
        key = self.view.preview_for.currentData()
        person = self._people.get(key, self._people[SAMPLE])
        sample, today = key == SAMPLE, date.today()
        return build_context(person, self.sender, occasion, today,
                             milestone_for(person, occasion, sample, today),
                             SAMPLE_FRIEND if sample else "")

    def update(self, t: Template, then: Callable[[TemplateProblem | None], None]) -> None:
        """Fill in ``t`` for the preview customer on the worker (a hostile template runs up to
        its budget there, never on this thread); then show the text or each problem, and
        hand ``then`` the first problem. Only the latest request is shown."""
        self._generation += 1
        generation, context = self._generation, self._context(t.occasion)
        self._ops.run(lambda: self._try(generation, t, context),
                      alive(self.view, lambda found: self._filled(generation, found, then)),
                      label="preview template")

    def _try(self, generation: int, t: Template, context: dict) -> tuple | None:
        """On the worker: skip a request the owner has typed past (a hostile template takes
        its whole budget each time, and the worker is the one every screen waits on)."""
        if generation != self._generation:
            return None
        return try_template(t, context)

    def _filled(self, generation: int, found: tuple[dict[str, TemplateProblem], str] | None,
                then: Callable[[TemplateProblem | None], None]) -> None:
        if generation != self._generation or found is None:
            return  # the owner typed on; a newer preview is on its way
        problems, text = found
        self.show_problems(problems)
        problem = next(iter(problems.values()), None)
        self._shown = generation
        if problem is None:
            self.view.preview.setPlainText(text)
            self.view.preview_note.setText("")
        else:
            self.view.preview_note.setText("The preview waits until the problem is fixed.")
        then(problem)

    def context_for(self, occasion: str) -> dict:
        """The preview customer's placeholders (a save is checked against them too)."""
        return self._context(occasion)

    def is_idle(self) -> bool:
        """Whether the latest preview is on show (tests)."""
        return self._shown == self._generation

    def show_problems(self, problems: dict[str, TemplateProblem]) -> None:
        """Each field's problem under it (none: cleared), its line marked."""
        v = self.view
        for field, edit, label in (("body", v.body, v.body_error),
                                   ("signature", v.signature, v.signature_error)):
            exc = problems.get(field)
            where = "Sign-off, line" if field == "signature" else "Line"
            message = friendly(exc.message) if exc else ""
            label.show_error(f"{where} {exc.line}: {message}" if exc and exc.line else message)
            edit.setExtraSelections(self._mark_line(edit, exc.line) if exc and exc.line
                                    else [])

    @staticmethod
    def _mark_line(edit, line: int) -> list:
        block = edit.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return []
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(QColor(theme.ERROR_SOFT))
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = QTextCursor(block)
        return [mark]

    def _fill_preview_for(self, chosen: tuple[int, str] | None = None) -> None:
        combo = self.view.preview_for
        combo.blockSignals(True)
        if combo.count() == 0:
            combo.addItem("Sample: Margaret “Peggy” Shaw", SAMPLE)
            combo.addItem("Choose a customer…", CHOOSE)
        if chosen is not None and combo.findData(chosen[0]) < 0:
            combo.insertItem(combo.count() - 1, chosen[1], chosen[0])
        combo.setCurrentIndex(combo.findData(chosen[0]) if chosen else 0)
        combo.blockSignals(False)

    def _on_preview_for(self, _index: int) -> None:
        if self.view.preview_for.currentData() == CHOOSE:
            self._fill_preview_for()  # back to the sample until someone is chosen
            self._ops.run(self._service.customer_rows, alive(self.view, self._pick),
                          label="load customers")
        else:
            self.changed.emit()

    def _pick(self, rows) -> None:
        from ui.templates.customer_picker import CustomerPicker

        picker = CustomerPicker(rows, self.view, find=self._find)
        if picker.exec() != QDialog.DialogCode.Accepted or not picker.chosen:
            return
        self.preview_with(*picker.chosen)

    def _find(self, text: str, then) -> None:
        self._ops.run(lambda: self._service.search_ids(text), alive(self.view, then),
                      label="find a customer")

    def preview_with(self, customer_id: int, name: str) -> None:
        """Preview with a real customer (loaded on the worker)."""
        self._ops.run(lambda: self._service.customer(customer_id),
                      alive(self.view, lambda c: self._chosen(c, name)), label="load customer")

    def _chosen(self, customer: Customer, name: str) -> None:
        self._people[customer.id] = customer
        self._fill_preview_for((customer.id, name))
        self.changed.emit()
