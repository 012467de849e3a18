"""``print-cards`` spends its time on the cards (issue 13, Deliver 8 "Speed"): it loads what
printing needs, not what only other commands use (the phone-number library and the search
index's code cost a first print some 25-50 ms of imports on this machine, and printing never
parses a phone number nor searches), and Python's cyclic collector does not walk the batch's
objects hundreds of times."""

from __future__ import annotations

import json
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
    assert "Printed 1 card" in _printed_by(code, shop, tmp_path).stdout


def test_a_batch_of_a_thousand_cards_is_not_walked_by_the_collector_hundreds_of_times(
        tmp_path):
    """A batch keeps its tens of thousands of objects (rows, customers, cards, the PDF's
    objects) until it ends: with Python's default threshold the cyclic collector walked them
    174 times, once whole, for 1,000 cards (0.07 s; 0.1-0.2 s for 2,068 at 50,000)."""
    from tests.bench import thousand

    shop = tmp_path / "thousand.rapport"
    thousand.main(shop, DAY)
    code = ("import gc, sys, main; runs = [0, 0, 0]\n"
            "gc.callbacks.append(lambda phase, info: phase == 'stop' and "
            "runs.__setitem__(info['generation'], runs[info['generation']] + 1))\n"
            "status = main.main(['print-cards', sys.argv[2], '--date', "
            f"'{DAY.isoformat()}', '--notebook', sys.argv[1]])\n"
            "print(runs, file=sys.stderr); sys.exit(status)")
    done = _printed_by(code, shop, tmp_path)
    assert "Printed 1000 cards" in done.stdout
    young, middle, whole = json.loads(done.stderr.strip().splitlines()[-1])
    assert whole == 0 and young < 120, (young, middle, whole)


def test_the_collector_does_not_walk_a_batch_of_a_thousand_cards_at_all(tmp_path):
    """The command's objects live until it ends and hold little cyclic garbage: walking them
    every 10,000 new objects still took some 18 ms of a 650 ms first print of 1,000 cards,
    for a peak memory no lower (57 MB either way; 94 MB for a day's 2,068 at 50,000). The
    collector is back on after."""
    from tests.bench import thousand

    shop = tmp_path / "thousand.rapport"
    thousand.main(shop, DAY)
    code = ("import gc, sys, main, ui.cli.printing as p\n"
            "runs, batch, inside = [], p._print_cards, []\n"
            "gc.callbacks.append(lambda phase, info: phase == 'stop' and runs.append(1))\n"
            "def counted(args):\n"
            "    runs.clear(); status = batch(args); inside.append(len(runs)); return status\n"
            "p._print_cards = counted\n"
            "status = main.main(['print-cards', sys.argv[2], '--date', "
            f"'{DAY.isoformat()}', '--notebook', sys.argv[1]])\n"
            "print(inside[0], gc.isenabled(), file=sys.stderr); sys.exit(status)")
    done = _printed_by(code, shop, tmp_path)
    assert "Printed 1000 cards" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "0 True"


def test_the_collector_threshold_is_put_back_after_a_batch(tmp_path, capsys):
    import gc

    import main

    shop = tmp_path / "shop.rapport"
    open_notebook(shop)
    close_notebook()
    before = gc.get_threshold()
    assert main.main(["print-cards", str(tmp_path / "c.pdf"), "--date", DAY.isoformat(),
                      "--notebook", str(shop)]) == 0
    assert "nothing printed" in capsys.readouterr().out
    assert gc.get_threshold() == before


def _printed_by(code: str, shop, tmp_path) -> subprocess.CompletedProcess:
    """``code`` run in a fresh Python with the notebook and a PDF's path as its arguments;
    it must succeed."""
    done = subprocess.run([sys.executable, "-c", code, str(shop), str(tmp_path / "c.pdf")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done
