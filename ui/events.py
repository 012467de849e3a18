"""One change bus: every screen hears what changed and refreshes itself when it cares.

After a write succeeds, whoever did it emits ``data_changed(changes, initiator)``. ``changes``
is a small dict of what moved (``{"customers": {12}}``, ``{"customers": None}`` for "any");
``initiator`` is the object that made the change, so it can skip redrawing what it already shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

CUSTOMERS = "customers"  # ids of customers whose profile or list row changed; None: all
TIMELINE = "timeline"  # ids of customers whose timeline changed
DELETED = "deleted"  # ids of customers that are gone


class AppEvents(QObject):
    """The application's signals; one instance, handed to each screen by the main window."""

    data_changed = Signal(dict, object)
    notebook_opened = Signal(object)  # NotebookInfo
    status_message = Signal(str)
    preferences_changed = Signal(object)  # Preferences

    def changed(self, initiator: object = None, **changes: set[int] | None) -> None:
        """Announce a change: ``events.changed(self, customers={12}, timeline={12})``."""
        self.data_changed.emit(dict(changes), initiator)

    def say(self, message: str) -> None:
        """Put a short message in the status bar."""
        self.status_message.emit(message)


def touches(changes: dict, key: str, customer_id: int | None) -> bool:
    """Whether ``changes`` concern ``customer_id`` under ``key`` (None ids mean everyone)."""
    if key not in changes:
        return False
    ids = changes[key]
    return ids is None or customer_id is None or customer_id in ids
