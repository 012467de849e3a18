"""Small helpers for the window tests."""

from __future__ import annotations

from domain.model import Address, Customer
from storage import customers


def add_customer(**kw) -> int:
    """Save a customer straight into the open notebook; return its id."""
    base = dict(given_name="Margaret", family_name="Shaw", emails=["peggy@example.com"],
                phones=["+15035550101"], tags=["regular"],
                addresses=[Address("12 Elm St", "Portland", "OR", "97201", "US", True)])
    base.update(kw)
    return customers.save_customer(Customer(**base))


def settle(window) -> None:
    """Let every queued operation and its callbacks finish."""
    assert window.ops.wait_idle(5000)


def open_customer(window, customer_id: int) -> None:
    """Select ``customer_id`` in the list and wait for the detail page, read afresh.

    Tests write to the notebook behind the window's back (``timeline.add`` …), so a customer
    already on show (the first row, made current at start) is let go first and read again."""
    screen = window.screens["customers"]
    if screen.detail.customer_id() == customer_id:
        screen.list.select(None)
        settle(window)
    screen.list.select(customer_id)
    settle(window)
    assert screen.detail.customer_id() == customer_id


def shown_names(screen) -> list[str]:
    model = screen.list.model
    return [model.customer_at(r).name for r in range(model.rowCount())]


def page_texts(pdf) -> list[str]:
    """The text of each page of a shown PDF (``PdfPages``), whitespace folded."""
    import io

    from pypdf import PdfReader

    if pdf is None:
        return []
    return [" ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf.data)).pages]
