"""Behaviour of the Templates screen: load on the worker, show a wording, preview it as the
owner types (after a pause; ``preview.py`` fills it and points at a template error by its
line), and never save a broken one.

Built-in wordings are read-only here: duplicate one to change it. New and duplicated wordings
are saved at once (they work as they are); deleting one of the owner's is undoable.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QTreeWidgetItem

from domain.model import Template
from domain.templates import OCCASIONS, Sender, TemplateProblem
from ui import ask, icons, theme
from ui.cards import TEMPLATES, alive
from ui.templates.commands import DeleteTemplate
from ui.templates.preview import TemplatePreview
from ui.templates.screen import TemplatesScreen
from ui.templates.service import TemplateService

ID_ROLE = Qt.ItemDataRole.UserRole


def _tree_icon(name: str, colour: str) -> QIcon:
    """The icon in ``colour``, and in white on the selection."""
    icon = QIcon(icons.icon(name, colour))
    white = icons.icon(name, "#ffffff")
    for size in (16, 20, 24):
        icon.addPixmap(white.pixmap(size, size), QIcon.Mode.Selected)
    return icon


class TemplatesController(QObject):
    """Drives the :class:`TemplatesScreen`."""

    def __init__(self, view: TemplatesScreen, service: TemplateService, ctx) -> None:
        super().__init__(view)
        self.view, self._service, self.ctx = view, service, ctx
        self._read_only = ctx.notebook.read_only
        self._templates: list[Template] = []
        self.current: Template | None = None  # as saved
        self._dirty = self._filling = False
        self.problem: TemplateProblem | None = None
        self._loaded, self._stale = False, False
        self.preview = TemplatePreview(view, service, ctx.ops, self)
        self.preview.changed.connect(self.update_preview)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.update_preview)
        self._connect_callbacks()
        self.load()

    def _connect_callbacks(self) -> None:
        v = self.view
        v.tree.currentItemChanged.connect(self._on_current)
        for edit in (v.name, v.body, v.signature):
            edit.textChanged.connect(self._on_edit)
        for combo in (v.occasion, v.format):
            combo.currentIndexChanged.connect(lambda _i: self._on_edit())
        v.placeholders.itemClicked.connect(self._insert_placeholder)
        v.save_button.clicked.connect(self.save)
        v.revert_button.clicked.connect(self.revert)
        v.new_button.clicked.connect(self.new)
        v.duplicate_button.clicked.connect(self.duplicate)
        v.banner_duplicate.clicked.connect(self.duplicate)
        v.delete_button.clicked.connect(self.delete)
        # Ctrl+S and Revert are the window's; they act here while this screen is on show.
        self.ctx.actions["save"].triggered.connect(lambda: self._if_shown(self.save))
        self.ctx.actions["revert"].triggered.connect(lambda: self._if_shown(self.revert))
        self.ctx.events.data_changed.connect(self._on_data_changed)

    # --- loading ------------------------------------------------------------------------

    def load(self, select: int | None = None) -> None:
        """Fetch every template on the worker; then show ``select`` (else the current)."""
        self._stale = False
        keep = select if select is not None else (self.current.id if self.current else None)
        self.ctx.ops.run(self._service.load, alive(self.view, lambda r: self._loaded_all(
            *r, keep)), label="load templates")

    def _loaded_all(self, templates: list[Template], sender: Sender, keep: int | None) -> None:
        self._templates, self._loaded = templates, True
        self.preview.sender = sender
        self._fill_tree(keep)

    def is_loaded(self) -> bool:
        """Whether the templates have arrived (tests)."""
        return self._loaded and not self._stale

    def refresh_if_stale(self) -> None:
        """Reload if templates changed while the screen was hidden."""
        if self._stale:
            self.load()

    def _if_shown(self, action) -> None:
        if self.view.isVisible() and self._dirty:
            action()

    def _on_data_changed(self, changes: dict, initiator: object) -> None:
        if TEMPLATES in changes and initiator is not self:
            if self.view.isVisible() or isinstance(initiator, DeleteTemplate):
                self.load()
            else:
                self._stale = True

    def _fill_tree(self, keep: int | None) -> None:
        tree = self.view.tree
        tree.blockSignals(True)
        tree.clear()
        chosen = None
        for occasion, title in OCCASIONS.items():
            mine = [t for t in self._templates if t.occasion == occasion]
            head = QTreeWidgetItem([f"{title} ({len(mine)})" if mine else title])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(0, ID_ROLE, occasion)
            tree.addTopLevelItem(head)
            for t in mine:
                item = QTreeWidgetItem([t.name])
                item.setData(0, ID_ROLE, t.id)
                item.setToolTip(0, "Built-in wording (duplicate it to change it)" if t.builtin
                                else "Your own wording")
                item.setIcon(0, _tree_icon("lock" if t.builtin else "edit",
                                           theme.MUTED if t.builtin else theme.ACCENT))
                if t.builtin:
                    item.setForeground(0, QColor(theme.MUTED))
                head.addChild(item)
                if t.id == keep:
                    chosen = item
        tree.blockSignals(False)
        if chosen is None and tree.topLevelItemCount():
            chosen = next((tree.topLevelItem(i).child(0) for i in range(
                tree.topLevelItemCount()) if tree.topLevelItem(i).childCount()), None)
        if chosen is not None:
            chosen.parent().setExpanded(True)
            self._dirty = False  # what was on show is saved (or deliberately dropped)
            tree.setCurrentItem(chosen)

    # --- choosing a wording -------------------------------------------------------------

    def _template(self, template_id) -> Template | None:
        return next((t for t in self._templates if t.id == template_id), None)

    def _on_current(self, item: QTreeWidgetItem | None, previous: QTreeWidgetItem | None):
        if item is None:
            return
        key = item.data(0, ID_ROLE)
        if isinstance(key, str):  # an occasion: open it and take its first wording
            item.setExpanded(True)
            if item.childCount():
                self.view.tree.setCurrentItem(item.child(0))
            return
        if self.current is not None and key == self.current.id:
            return
        if not self.can_leave():
            self.view.tree.blockSignals(True)
            self.view.tree.setCurrentItem(previous)
            self.view.tree.blockSignals(False)
            return
        self.show_template(self._template(key))

    def show_template(self, t: Template | None) -> None:
        """Put ``t`` in the editor."""
        self.current = copy.copy(t) if t else None
        if t is None:
            return
        v = self.view
        self._filling = True
        try:
            v.name.setText(t.name)
            v.occasion.setCurrentIndex(max(0, v.occasion.findData(t.occasion)))
            v.format.setCurrentIndex(max(0, v.format.findData(t.card_format)))
            v.body.set_source(t.body)
            v.signature.set_source(t.signature)
        finally:
            self._filling = False
        editable = not t.builtin and not self._read_only
        v.set_editable(editable, t.builtin)
        v.delete_button.setEnabled(editable)
        v.duplicate_button.setEnabled(not self._read_only)
        v.new_button.setEnabled(not self._read_only)
        self._set_dirty(False)
        self.update_preview()

    # --- editing ------------------------------------------------------------------------

    def _on_edit(self) -> None:
        if self._filling or self.current is None:
            return
        self._set_dirty(True)
        self._timer.start()

    def _set_dirty(self, dirty: bool, message: str = "") -> None:
        self._dirty = dirty
        editable = self.current is not None and not self.current.builtin and \
            not self._read_only
        self.view.save_button.setEnabled(dirty and editable)
        self.view.revert_button.setEnabled(dirty and editable)
        self.view.save_status.setText(message or ("Unsaved changes." if dirty else ""))

    def is_dirty(self) -> bool:
        """Whether the wording on show has unsaved edits."""
        return self._dirty

    def collect(self) -> Template:
        """The wording as edited (not saved)."""
        v, t = self.view, copy.copy(self.current)
        t.name = v.name.text().strip()
        t.occasion = v.occasion.currentData()
        t.card_format = v.format.currentData()
        t.body = v.body.source()
        t.signature = v.signature.source()
        return t

    def update_preview(self) -> None:
        """Fill in the wording for the preview customer (on the worker); show any problem by
        its line when it comes back."""
        self._timer.stop()
        if self.current is not None:
            self.preview.update(self.collect(), self._previewed)

    def _previewed(self, problem: TemplateProblem | None) -> None:
        self.problem = problem

    def _insert_placeholder(self, item) -> None:
        if self.view.body.isReadOnly():
            return
        self.view.body.insert_field(item.data(Qt.ItemDataRole.UserRole))
        self.view.body.setFocus()

    # --- saving, new, duplicate, delete -------------------------------------------------

    def save(self) -> bool:
        """Save the wording on show, unless it is broken. False when it was not saved."""
        if self.current is None or self.current.builtin or self._read_only:
            return True
        if self.problem is not None and self.preview.is_idle() and not self._timer.isActive():
            self._set_dirty(True, "Not saved: fix the problem marked in red first.")
            return False
        t = self.collect()
        context = self.preview.context_for(t.occasion)  # checked again on the worker
        self.ctx.ops.run(lambda: self._service.save(t, context), alive(self.view, self._saved),
                         alive(self.view, self._save_failed), label="save template")
        self._set_dirty(False, "Saving…")
        return True

    def _saved(self, template_id: int) -> None:
        self.current = self.collect()
        self.current.id = template_id
        self._set_dirty(False, "Saved.")
        self.ctx.events.changed(self, **{TEMPLATES: {template_id}})
        self.load(select=template_id)

    def _save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, TemplateProblem):
            self.problem = exc
            self.preview.show_problems({getattr(exc, "part", "body"): exc})
        self._set_dirty(True, f"Not saved: {exc}")

    def revert(self) -> None:
        """Forget unsaved edits."""
        self.show_template(self.current)

    def can_leave(self) -> bool:
        """Before showing another wording: save, drop or keep unsaved edits (asks)."""
        if not self._dirty:
            return True
        answer = ask.unsaved(self.view, f"“{self.current.name}”")
        if answer == ask.SAVE:
            return self.save()
        if answer == ask.DISCARD:
            self._set_dirty(False)
            return True
        return False

    def _next_variant(self, occasion: str) -> int:
        return max((t.variant for t in self._templates if t.occasion == occasion),
                   default=0) + 1

    def new(self) -> None:
        """A new wording of the owner's for the occasion on show (saved at once)."""
        occasion = self.view.occasion.currentData() or "keep_in_touch"
        title = OCCASIONS.get(occasion, occasion)
        self._add(Template(occasion, f"My {title.lower()} wording", "Dear {{ name }},\n\n",
                           self._next_variant(occasion), self.view.format.currentData()
                           or "a2-folded", "Warmly,\n{{ signature }}"))

    def duplicate(self) -> None:
        """A copy of the wording on show, as the owner's own (saved at once)."""
        if self.current is None:
            return
        t = copy.copy(self.collect() if not self.current.builtin else self.current)
        t.id, t.builtin = None, False
        t.name = f"{t.name} (my version)"
        t.variant = self._next_variant(t.occasion)
        self._add(t)

    def _add(self, t: Template) -> None:
        if self._read_only or not self.can_leave():
            return
        self.ctx.ops.run(lambda: self._service.save(t), alive(self.view, self._added),
                         lambda exc: self.ctx.events.say(f"Not added: {exc}"),
                         label="add template")

    def _added(self, template_id: int) -> None:
        self.ctx.events.changed(self, **{TEMPLATES: {template_id}})
        self.ctx.events.say("Added. Change the words to make them yours.")
        self.current = None
        self.load(select=template_id)

    def delete(self) -> None:
        """Delete the owner's wording on show; Ctrl+Z brings it back."""
        t = self.current
        if t is None or t.builtin or t.id is None or self._read_only:
            return
        self._dirty = False
        self.current = None
        self.ctx.undo_stack.push(DeleteTemplate(t, self._service, self.ctx.ops,
                                                self.ctx.events))
        self.ctx.events.say(f"Deleted “{t.name}”. Press Ctrl+Z to undo.")
