"""What acting on many customers may ask of the notebook: filters, a tag for a selection, one
card wording for all, a merge of two, an export. Called only inside operations (the worker)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from domain.customer_filter import CustomerFilter
from domain.model import Card, Customer, Template
from storage import customer_filters, customers, records

if TYPE_CHECKING:
    from domain.templates import Sender
    from storage.merge import Merged

# storage.selection, storage.templates and storage.merge bring the card templates (jinja2)
# and the outreach rules: imported by the methods that use them, not with the window, whose
# list waited ~40 ms for them at every start (issue 17).


def _selection() -> ModuleType:
    from storage import selection

    return selection


def _store() -> ModuleType:
    from storage import templates

    return templates


def _merge() -> ModuleType:
    from storage import merge

    return merge


@dataclass
class CardSetup:
    """What the one-card-for-all dialog shows: every template, the sender, the first
    customer (for the preview) and the names of those chosen."""

    templates: list[Template]
    sender: Sender
    first: Customer | None
    names: list[str] = field(default_factory=list)


@dataclass
class MergeSetup:
    """Two customers side by side: their own fields as stored, and names for the display."""

    left_id: int
    right_id: int
    left: dict[str, Any]
    right: dict[str, Any]
    names: dict[int, str] = field(default_factory=dict)
    counts: dict[int, dict[str, int]] = field(default_factory=dict)


class ManyService:
    """Thin facade over storage.selection, storage.customer_filters and storage.merge."""

    def card_setup(self, ids: Sequence[int]) -> CardSetup:
        """Templates, sender, the first chosen customer and everyone's names."""
        first = records.load_customers([ids[0]], whole=False) if ids else []
        names = customers.names(list(ids[:200]))
        return CardSetup(_store().list_templates(), _store().load_sender(),
                         first[0] if first else None, [names[i] for i in ids[:200]
                                                       if i in names])

    def write_cards(self, ids: Sequence[int], template: Template, today: date) -> list[Card]:
        """One queued card per customer from one wording (one transaction)."""
        return _selection().write_cards(ids, template, today)

    def delete_cards(self, card_ids: Sequence[int]) -> None:
        """Take back cards written together."""
        _selection().delete_cards(card_ids)

    def queued_cards(self, ids: Sequence[int]) -> list[Card]:
        """The cards of ``ids`` waiting in the print queue."""
        wanted = set(ids)
        return [c for c in _store().list_cards("queued") if c.customer_id in wanted]

    def add_tag(self, ids: Sequence[int], tag: str) -> list[int]:
        """Tag those of ``ids`` that lack it; return them."""
        return _selection().add_tag(ids, tag)

    def take_tag(self, ids: Sequence[int], tag: str) -> None:
        """Undo :meth:`add_tag`."""
        _selection().take_tag(ids, tag)

    def remove_tag(self, ids: Sequence[int], tag: str) -> list[tuple]:
        """Untag ``ids``; return the rows removed."""
        return _selection().remove_tag(ids, tag)

    def put_back_tags(self, rows: Sequence[tuple]) -> None:
        """Undo :meth:`remove_tag`."""
        _selection().put_back_tags(rows)

    def tag_names(self) -> list[str]:
        """Every tag in use."""
        return customers.tag_names()

    def matching_ids(self, f: CustomerFilter) -> set[int]:
        """The customers ``f`` lets through."""
        return customer_filters.matching_ids(f)

    def saved_filters(self) -> dict[str, CustomerFilter]:
        """The filters saved by name."""
        return customer_filters.saved_filters()

    def save_filter(self, name: str, f: CustomerFilter) -> dict[str, CustomerFilter]:
        """Keep ``f`` as ``name``; return every saved filter."""
        customer_filters.save_filter(name, f)
        return customer_filters.saved_filters()

    def delete_filter(self, name: str) -> dict[str, CustomerFilter]:
        """Forget ``name``; return the saved filters left."""
        customer_filters.delete_filter(name)
        return customer_filters.saved_filters()

    def merge_setup(self, left_id: int, right_id: int) -> MergeSetup:
        """The two customers' fields, the names they mention and what each owns."""
        from storage import owned

        left, right = _merge().field_values(left_id), _merge().field_values(right_id)
        mentioned = [i for i in (left_id, right_id, left["referred_by"], right["referred_by"])
                     if i is not None]
        return MergeSetup(left_id, right_id, left, right, customers.names(mentioned),
                          {i: owned.counts(i) for i in (left_id, right_id)})

    def merge(self, keep_id: int, gone_id: int, chosen: dict[str, Any]) -> Merged:
        """Fold ``gone_id`` into ``keep_id`` (one transaction)."""
        return _merge().merge(keep_id, gone_id, chosen)

    def unmerge(self, merged: Merged) -> None:
        """Put both back as they were."""
        _merge().unmerge(merged)

    def export(self, path: Path, ids: Sequence[int]) -> int:
        """Write ``ids`` to a vCard or CSV file; return how many."""
        from exports.selection import export_customers

        return export_customers(path, ids)
