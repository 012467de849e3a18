"""The first window imports what its list and the customer's page need, nothing more (issue 17:
at 50,000 customers every module imported before "all rows in" is paid at every start).

Card templates (jinja2), the outreach rules, merging, erasing and the one-card dialog are
imported when the owner first uses them, not with the Customers screen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("jinja2", "domain.templates", "domain.cards", "domain.outreach", "storage.selection",
         "storage.merge", "storage.erase", "ui.customers.one_card_dialog",
         "ui.customers.merge_dialog")


def test_the_customers_screen_leaves_later_work_unimported():
    code = ("import sys; import ui.main_window, ui.customers.screen; "
            f"print(' '.join(m for m in {LATER!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={"QT_QPA_PLATFORM": "offscreen",
                                                     "PATH": "/usr/bin:/bin"})
    assert out.stdout.split() == []
