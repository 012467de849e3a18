"""What the Customers screen may ask of the notebook, in one small object.

The screen gets a ``CustomerService`` through its constructor and calls it only inside
operations (on the worker thread), never from paint or ``data()``. Tests can hand in a fake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.model import Customer, CustomerRow, CustomField, Interaction
from storage import custom_fields, customer_list, customer_search, customers, timeline
from storage.customers import DeletedCustomer
from storage.timeline import TimelineItem

SEARCH_ROWS = 5000  # rows read with a search while the list loads: 0.1 s at most


@dataclass
class CustomerPage:
    """One customer as the detail page shows them, with the names it mentions."""

    customer: Customer
    referrer_name: str = ""
    referrals: list[tuple[int, str]] = field(default_factory=list)
    fields: list[CustomField] = field(default_factory=list)  # the notebook's own fields
    region: str = ""  # the notebook's country: its currency and way of writing amounts


class CustomerService:
    """Thin facade over ``storage.customers`` and ``storage.timeline``."""

    def list_rows(self) -> list[CustomerRow]:
        """Every customer as a light list row, sorted by name, without the lifetime values
        (the hidden column's: ``values``)."""
        return customer_list.rows(values=False)

    def first_rows(self, limit: int) -> tuple[list[CustomerRow], int]:
        """The first ``limit`` customers by name, and how many there are in all."""
        return customer_list.rows(limit, values=False), customers.count()

    def chunk(self, after_id: int) -> list[CustomerRow]:
        """The next customers by id after ``after_id`` (a chunk of the list), in id order."""
        return customer_list.chunk(after_id)

    def by_name(self, rows: list[CustomerRow]) -> list[CustomerRow]:
        """``rows`` sorted by name, as ``list_rows`` gives them (in place)."""
        return customer_list.by_name(rows)

    def values(self) -> dict[int, tuple[tuple[str, int], ...]]:
        """Every buyer's lifetime value per currency (the list's Lifetime value column)."""
        return customer_list.values()

    def rows_of(self, ids: list[int]) -> list[CustomerRow]:
        """Fresh list rows for a few customers (after an edit)."""
        return customers.list_rows(ids)

    def search(self, text: str, with_rows: bool = False) -> tuple[set[int], list[CustomerRow]]:
        """Ids matching ``text`` and, ``with_rows`` (the list still loading), their list rows
        when there are at most ``SEARCH_ROWS`` of them (a broad search waits for everyone)."""
        ids = self.search_ids(text)
        if not with_rows or len(ids) > SEARCH_ROWS:
            return ids, []
        return ids, customer_list.rows_of(sorted(ids))

    def search_ids(self, text: str) -> set[int]:
        """Ids matching every typed word (FTS5 prefix search)."""
        return set(customers.search_ids(text))

    def get(self, customer_id: int) -> Customer:
        """One whole customer (profile and timeline)."""
        return customers.get_customer(customer_id)

    def page(self, customer_id: int) -> CustomerPage:
        """The customer, who referred them and whom they referred."""
        customer = customers.get_customer(customer_id)
        referrer = ""
        if customer.referred_by is not None:
            referrer = customers.names([customer.referred_by]).get(customer.referred_by, "")
        return CustomerPage(customer, referrer, customers.referrals_of(customer_id),
                            custom_fields.definitions(), customer_search.region())

    def fields(self) -> list[CustomField]:
        """The notebook's own fields (for a new customer's page)."""
        return custom_fields.definitions()

    def define_field(self, name: str, kind: str = "text") -> CustomField:
        """Add a field of the owner's own to every customer; ValueError names a bad one."""
        return custom_fields.define(name, kind)

    def save(self, customer: Customer) -> int:
        """Create or update the profile; return the id."""
        return customers.save_customer(customer)

    def delete(self, customer_id: int) -> DeletedCustomer:
        """Delete a customer; what it returns lets undo restore them."""
        return customers.delete_customer(customer_id)

    def restore(self, deleted: DeletedCustomer) -> int:
        """Put a deleted customer back, same id and all."""
        return customers.restore_customer(deleted)

    def add_item(self, customer_id: int, item: TimelineItem) -> TimelineItem:
        """Add a touch, purchase, promise or problem; return it with its id."""
        return timeline.add(customer_id, item)

    def log_keeping(self, customer_id: int, touch: Interaction, promise_id: int,
                    again: bool = False) -> tuple[Interaction, bool]:
        """Log ``touch`` and keep the promise it answers, in one transaction (``again``:
        under its old id, for redo); the touch with its id, and whether the promise was
        open."""
        return timeline.log_keeping(customer_id, touch, promise_id, keep_id=again)

    def unlog_keeping(self, touch: Interaction, promise_id: int, kept: bool) -> None:
        """Take back :meth:`log_keeping` in one transaction."""
        timeline.unlog_keeping(touch, promise_id, kept)

    def update_item(self, item: TimelineItem) -> None:
        """Save changes to a timeline entry."""
        timeline.update(item)

    def remove_item(self, item: TimelineItem) -> None:
        """Remove a timeline entry."""
        timeline.remove(item)

    def put_back_item(self, customer_id: int, item: TimelineItem) -> None:
        """Re-insert a removed entry under its old id (undo)."""
        timeline.put_back(customer_id, item)

    def names(self, ids: list[int]) -> dict[int, str]:
        """Display names of ``ids``."""
        return customers.names(ids)

    def referrals_of(self, customer_id: int) -> list[tuple[int, str]]:
        """(id, name) of the customers this one referred."""
        return customers.referrals_of(customer_id)
