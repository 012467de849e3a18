"""What the Templates screen may ask of the notebook, in one small object.

Every method runs inside an operation (on the worker thread); tests can hand in a fake.
"""

from __future__ import annotations

from domain.model import Customer, CustomerRow, Template
from domain.template_sample import first_problem
from domain.templates import Sender
from storage import customer_list, customers
from storage import templates as store


class TemplateService:
    """Thin facade over ``storage.templates``."""

    def load(self) -> tuple[list[Template], Sender]:
        """Every template (built-ins first, by occasion) and who the cards come from."""
        return store.list_templates(), store.load_sender()

    def save(self, template: Template, context: dict | None = None) -> int:
        """Create or update; raise ``TemplateProblem`` for a broken template, or for one that
        does not fill in for ``context`` (the preview customer's) within its budget."""
        if context is not None:
            found = first_problem(template, context)
            if found is not None:
                part, problem = found
                problem.part = part  # which field to mark in the window
                raise problem
        return store.save_template(template)

    def delete(self, template_id: int) -> None:
        """Delete a template (cards written from it keep their words)."""
        store.delete_template(template_id)

    def restore(self, template: Template) -> None:
        """Put a deleted template back under its id (undo)."""
        store.restore_template(template)

    def customer_rows(self) -> list[CustomerRow]:
        """Every customer as a list row, for choosing whom to preview with."""
        return customer_list.rows()

    def search_ids(self, text: str) -> set[int]:
        """Ids of the customers ``text`` finds (the window's one search)."""
        return set(customers.search_ids(text))

    def customer(self, customer_id: int) -> Customer:
        """One whole customer, to preview with."""
        return customers.get_customer(customer_id)
