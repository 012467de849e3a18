"""``print-cards`` loads what printing needs, not what only other commands use (issue 13,
Deliver 8 "Speed"): the phone-number library and the search index's code cost a first
print some 25-50 ms of imports on this machine, and printing never parses a phone number
nor searches."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from domain.model import Address, Customer, Purchase
from storage import customers
from storage.db import close_notebook, open_notebook

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 6, 1)


def test_print_cards_never_imports_phone_numbers_or_search(tmp_path):
    shop = tmp_path / "shop.rapport"
    open_notebook(shop)
    customers.save_customer(Customer(
        given_name="Ana", family_name="Silva", phones=["+15035550101"],
        purchases=[Purchase(date(2026, 5, 30), 25, "orchid")],
        addresses=[Address("1 Elm St", "Portland", "OR", "97201", mailing=True)]))
    close_notebook()
    unwanted = "{'phonenumbers', 'storage.customer_search', 'domain.contacts', 'PySide6'}"
    code = ("import sys, main; status = main.main(['print-cards', sys.argv[2], '--date', "
            f"'{DAY.isoformat()}', '--mark-printed', '--notebook', sys.argv[1]]); "
            f"loaded = {{m for m in sys.modules if m.split('.')[0] in {unwanted} "
            f"or m in {unwanted}}}; "
            "assert not loaded, f'imported: {sorted(loaded)}'; sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, str(shop), str(tmp_path / "c.pdf")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Printed 1 card" in done.stdout
