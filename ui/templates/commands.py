"""Deleting one of the owner's templates, undoably."""

from __future__ import annotations

from domain.model import Template
from ui.cards import TEMPLATES
from ui.cards.commands import WorkerCommand
from ui.events import AppEvents
from ui.operations import Operations
from ui.templates.service import TemplateService


class DeleteTemplate(WorkerCommand):
    """Delete a template; undo puts it back under the same id."""

    def __init__(self, template: Template, service: TemplateService, ops: Operations,
                 events: AppEvents) -> None:
        super().__init__(f"Delete template “{template.name}”", ops, events)
        self.template, self._service = template, service

    def forward(self) -> dict:
        self._service.delete(self.template.id)
        return {TEMPLATES: {self.template.id}}

    def back(self) -> dict:
        self._service.restore(self.template)
        return {TEMPLATES: {self.template.id}}
