"""Behaviour of the card editor: load on the worker, compose from a template, add personal
lines, warn when the words are not personal, draw the preview, save a draft or queue it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QListWidgetItem

from domain.cards import compose, personal_sentence, personal_touches
from domain.model import Card, Template
from domain.postal import postal_lines
from domain.templates import OCCASIONS, TemplateProblem, build_context
from ui import ask, theme
from ui.cards import CARDS, alive
from ui.cards.editor import CardEditor
from ui.cards.facts import FactItem, fact_items, spaced
from ui.cards.fit_line import FitLine
from ui.cards.preview_runner import PreviewRunner
from ui.cards.service import CardService, EditorData
from ui.events import AppEvents
from ui.operations import Operations

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED = "a2-folded"
BLANK = -1  # the wording entry "my own words"


def _fill_in(template: Template, context: dict) -> tuple[str, TemplateProblem | None]:
    """On the worker: the template's words for this card, or its problem."""
    try:
        return compose(template, context), None
    except TemplateProblem as exc:
        return "", exc


class EditorController(QObject):
    """Drives one :class:`CardEditor`."""

    def __init__(self, view: CardEditor, service: CardService, ops: Operations,
                 events: AppEvents, read_only: bool = False,
                 suggestion_key: str | None = None) -> None:
        super().__init__(view)
        self.view, self._service, self._ops, self._events = view, service, ops, events
        self._read_only, self._key = read_only, suggestion_key
        self.data: EditorData | None = None
        self._templates: list[Template] = []
        self._composed = ""  # the template's words before the owner's edits
        self._composing = self._composed_generation = 0  # fill-ins asked for, and shown
        self._saved_text, self._saved_format = "", ""
        self._filling = False
        self._last_insert: tuple[QListWidgetItem | None, float] = (None, 0.0)
        self.preview = PreviewRunner(ops, view.preview, parent=self)
        self.fit = FitLine(ops, view, parent=self)
        view.set_saving(True, read_only)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        v = self.view
        v.facts.itemClicked.connect(self._insert_fact)
        v.facts.itemActivated.connect(self._on_activated)  # Enter on a fact
        v.text.textChanged.connect(self._on_text)
        v.occasion.currentIndexChanged.connect(self._on_occasion)
        v.wording.currentIndexChanged.connect(self._on_wording)
        v.format.currentIndexChanged.connect(lambda _i: self._request_preview())
        v.close_button.clicked.connect(v.reject)
        v.draft_button.clicked.connect(lambda: self.save("draft"))
        v.queue_button.clicked.connect(lambda: self.save("queued"))

    # --- loading ------------------------------------------------------------------------

    def load(self, customer_id: int, occasion: str, card_id: int | None = None,
             suggestion: object = None) -> None:
        """Fetch the customer, templates and any unsent card on the worker, then show them."""
        self._ops.run(lambda: self._service.editor_data(customer_id, occasion, card_id,
                                                        suggestion),
                      alive(self.view, self._show), alive(self.view, self._load_failed),
                      label="open card editor")

    def _load_failed(self, exc: BaseException) -> None:
        self.view.subtitle.setText(f"This card cannot be written: {exc}")
        self.view.preview.set_message("")

    def _show(self, data: EditorData) -> None:
        self.data = data
        c, v = data.customer, self.view
        v.setWindowTitle(f"Write a card — {c.display_name}")
        v.heading.setText(f"A card for {c.display_name}")
        v.facts_title.setText(f"About {c.greeting_name or c.display_name}")
        self._fill_facts(fact_items(c))
        self._filling = True
        try:
            v.occasion.setCurrentIndex(max(0, v.occasion.findData(data.occasion)))
            self._set_templates(data.templates, data.suggested, data.card)
            card = data.card
            fmt = card.card_format if card is not None else self._template_format()
            v.format.setCurrentIndex(max(0, v.format.findData(fmt)))
            v.text.setPlainText(card.text if card is not None else "")
        finally:
            self._filling = False
        self._saved_text, self._saved_format = v.text.toPlainText(), self._format()
        self._compose_later(self._template(), self._first_words)
        self._show_subtitle()
        v.set_saving(False, self._read_only)
        self._check_personal()
        self._request_preview(now=True)
        v.text.setFocus()
        v.text.moveCursor(v.text.textCursor().MoveOperation.End)

    def _show_subtitle(self) -> None:
        c = self.data.customer
        address = c.mailing_address()
        lines = postal_lines(address, self.data.sender.home) if address else []
        where = (f"Posting to {', '.join(lines)}" if address else
                 "No postal address yet: add one on their Contact tab before printing")
        card = self.data.card
        state = f"Editing the {card.status} card · " if card is not None else ""
        self.view.subtitle.setText(state + where)

    def _fill_facts(self, items: list[FactItem]) -> None:
        facts, section = self.view.facts, None
        facts.clear()
        for item in items:
            if item.section != section:
                section = item.section
                head = QListWidgetItem(section.upper())
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                font = head.font()
                font.setPointSizeF(font.pointSizeF() * 0.8)
                font.setBold(True)
                head.setFont(font)
                head.setForeground(QColor(theme.MUTED))
                facts.addItem(head)
            entry = QListWidgetItem(item.text)
            if item.insertable:
                entry.setData(LINE_ROLE, item.line)
                entry.setToolTip(f"Adds: {item.line}")
            else:
                entry.setFlags(Qt.ItemFlag.ItemIsEnabled)
                entry.setForeground(QColor(theme.MUTED))
                entry.setToolTip("For you, not for the card")
            facts.addItem(entry)

    def _set_templates(self, templates: list[Template], suggested: Template | None,
                       card: Card | None = None) -> None:
        self._templates = templates
        wording, chosen = self.view.wording, suggested
        if card is not None:  # the wording it was written from, else "my own words"
            chosen = next((t for t in templates if t.id == card.template_id), None)
        wording.clear()
        for t in templates:
            wording.addItem(f"{t.name}" + ("" if t.builtin else " (yours)"), t.id)
        wording.addItem("Blank: my own words", BLANK)
        index = wording.findData(chosen.id) if chosen is not None else -1
        if card is not None and chosen is None:
            index = wording.count() - 1
        wording.setCurrentIndex(max(0, index))

    # --- composing ----------------------------------------------------------------------

    def _template(self) -> Template | None:
        key = self.view.wording.currentData()
        return next((t for t in self._templates if t.id == key), None)

    def _template_format(self) -> str:
        t = self._template()
        return t.card_format if t is not None else "a2-folded"

    def _format(self) -> str:
        return self.view.format.currentData() or "a2-folded"

    def _compose_later(self, template: Template | None, then: Callable[[str], None]) -> None:
        """Fill ``template`` in on the worker (a hostile one runs up to its budget there, never
        on this thread), then hand its words to ``then`` here; only the latest request
        counts. A template with a problem gives no words and says so."""
        self._composing += 1
        if template is None or self.data is None:  # "my own words": nothing to fill in
            self._composed_generation = self._composing
            then("")
            return
        d, generation, today = self.data, self._composing, date.today()
        context = build_context(d.customer, d.sender, d.occasion, today, d.milestone, d.friend,
                                d.also)
        # A request the owner has moved past is skipped when its turn on the worker comes.
        self._ops.run(lambda: None if generation != self._composing else
                      _fill_in(template, context),
                      alive(self.view, lambda r: self._composed_back(generation, template, r,
                                                                     then)),
                      label="fill in template")

    def _composed_back(self, generation: int, template: Template,
                       result: tuple[str, TemplateProblem | None] | None,
                       then: Callable[[str], None]) -> None:
        if generation != self._composing or result is None:
            return  # another wording was chosen meanwhile
        self._composed_generation = generation
        text, problem = result
        if problem is not None:
            self.view.status.setText(f"The “{template.name}” template has a problem: "
                                     f"{problem}. Fix it on the Templates screen.")
        then(text)

    def _first_words(self, text: str) -> None:
        """The words of a new card, once filled in (an existing card keeps its own)."""
        self._composed = text
        if self.data.card is None and not self.view.text.toPlainText().strip():
            self._filling = True
            try:
                self.view.text.setPlainText(text)
            finally:
                self._filling = False
            self._saved_text = text
            self._request_preview(now=True)
        self._check_personal()

    def composing_done(self) -> bool:
        """Whether the latest wording has been filled in (tests)."""
        return self._composed_generation == self._composing

    def _edited(self) -> bool:
        text = self.view.text.toPlainText().strip()
        return bool(text) and text != self._composed.strip()

    def _replace_text(self, composed: str) -> None:
        """Show new template words, asking first when the owner has written their own."""
        if self._edited() and not ask.confirm(
                self.view, "Replace the words?", "Replace your words with this wording?",
                "Replace", "What you wrote in the card will be lost."):
            self._composed = composed  # keep their words; judge them against the new template
            self._check_personal()
            return
        self._composed = composed
        self.view.text.setPlainText(composed)

    def _on_occasion(self, _index: int) -> None:
        if self._filling or self.data is None:
            return
        occasion = self.view.occasion.currentData()
        cid = self.data.customer.id
        self._ops.run(lambda: self._service.templates_for(occasion, cid),
                      alive(self.view, lambda found: self._occasion_loaded(occasion, *found)),
                      label="load templates")

    def _occasion_loaded(self, occasion: str, templates: list[Template],
                         suggested: Template | None) -> None:
        if self.data is None or occasion != self.view.occasion.currentData():
            return  # the owner has picked yet another occasion meanwhile
        self.data.occasion = occasion
        self._filling = True
        try:
            self._set_templates(templates, suggested)
        finally:
            self._filling = False
        # "Edited" still means: changed from the old words, until the new ones are back.
        self._compose_later(self._template(), self._replace_text)

    def _on_wording(self, _index: int) -> None:
        if self._filling:
            return
        self.view.status.clear()
        self._compose_later(self._template(), self._replace_text)

    # --- typing and facts ---------------------------------------------------------------

    def _on_text(self) -> None:
        if self._filling:
            return
        self._check_personal()
        self._request_preview()

    def _on_activated(self, item: QListWidgetItem) -> None:
        if QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton:  # not a double-click
            self._insert_fact(item)

    def _insert_fact(self, item: QListWidgetItem) -> None:
        line = item.data(LINE_ROLE)
        if not line or self._read_only:
            return
        if self._double_click(item):
            return  # the second click of a double-click adds nothing more
        edit = self.view.text
        cursor = edit.textCursor()
        text = edit.toPlainText()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        cursor.insertText(spaced(before, line, after))
        edit.setTextCursor(cursor)
        edit.setFocus()

    def _double_click(self, item: QListWidgetItem) -> bool:
        now = time.monotonic()
        interval = QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000
        last_item, last_time = self._last_insert
        self._last_insert = (item, now)
        return last_item is item and now - last_time < interval

    def _check_personal(self) -> None:
        if self.data is None:
            return
        text = self.view.text.toPlainText()
        found = personal_touches(text, self.data.customer, self._composed) if text.strip() \
            else []
        name = self.data.customer.greeting_name or "them"
        warn = bool(text.strip()) and not found
        self.view.banner_text.setText(
            f"This card says nothing that is just for {name}, only their name. Click a "
            "detail on the left, or add a line in your own words." if warn else "")
        self.view.banner.setVisible(warn)
        self.view.personal.setText(personal_sentence(text, self.data.customer, self._composed))

    def is_warning(self) -> bool:
        """Whether the "nothing personal" banner is up."""
        return not self.view.banner.isHidden()

    # --- preview ------------------------------------------------------------------------

    def current_card(self) -> Card | None:
        """The card as it stands in the editor (not saved)."""
        if self.data is None:
            return None
        old = self.data.card
        template = self._template()
        return Card(self.data.customer.id, self.data.occasion, self.view.text.toPlainText(),
                    self._format(), old.status if old else "draft",
                    old.created if old else date.today(), old.printed if old else None,
                    old.mailed if old else None, template.id if template else None,
                    old.id if old else None)

    def _request_preview(self, now: bool = False) -> None:
        card = self.current_card()
        if card is None:
            return
        customer, sender = self.data.customer, self.data.sender
        self.view.preview_caption.setText(self._caption(card.card_format))
        self.preview.request(lambda: self._service.card_pages(card, customer, sender), now,
                             fold=card.card_format == FOLDED)
        self.fit.request(lambda: self._service.card_fit(card, customer, sender), now)

    @staticmethod
    def _caption(card_format: str) -> str:
        from exports import cards

        cls = cards.get(card_format, "card")
        note = " Page 1 is the outside, page 2 the inside." if card_format == "a2-folded" \
            else ""
        return f"{cls.description}.{note}"

    # --- saving -------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """Whether there are words or a format not saved yet."""
        return self.data is not None and (self.view.text.toPlainText() != self._saved_text
                                          or self._format() != self._saved_format)

    def save(self, status: str) -> None:
        """Save the card as a draft or into the print queue, then close the editor."""
        card = self.current_card()
        if card is None or self._read_only:
            return
        if not card.text.strip():
            self.view.status.setText("The card has no words yet.")
            return
        card.status = status
        self.view.set_saving(True)
        name = self.data.customer.display_name
        self._ops.run(lambda: self._service.save_card(card),
                      lambda c: self._saved(c, status, name),
                      alive(self.view, self._save_failed), label="save card")

    def _saved(self, card: Card, status: str, name: str) -> None:
        # Announced even if the editor was closed meanwhile: the card is in the notebook.
        self._events.changed(None, **{CARDS: {card.id}})
        label = OCCASIONS.get(card.occasion, card.occasion).lower()
        where = "in the print queue" if status == "queued" else "as a draft"
        self._events.say(f"Saved the {label} card for {name} {where}.")
        if not shiboken6.isValid(self.view):
            return
        self._saved_text, self._saved_format = card.text, card.card_format
        self.view.saved.emit(card, self._key)
        self.view.done(CardEditor.DialogCode.Accepted)

    def _save_failed(self, exc: BaseException) -> None:
        self.view.set_saving(False, self._read_only)
        self.view.status.setText(f"Not saved: {exc}")

    def can_close(self) -> bool:
        """Before the editor closes: save, drop or keep unsaved words (asks the owner)."""
        if not self.is_dirty() or self._read_only:
            return True
        answer = ask.unsaved(self.view, "this card")
        if answer == ask.SAVE:
            self.save("draft")
            return False  # it closes itself once saved
        return answer == ask.DISCARD
