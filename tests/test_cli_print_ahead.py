"""``print-cards`` starts SQLite's quick check of the notebook on a thread as soon as it knows
the notebook, as the window does (storage.check_ahead), so the check runs while the printing
modules are imported (0.15–0.3 s of a day's batch at 50,000 customers): the same check, its
verdict used only for the file unchanged since; a damaged notebook is refused as before."""

from __future__ import annotations

import random

import main
from storage import check_ahead
from tests.storage.flips import flip_in_table
from tests.test_cli_print_settles import DEC_7, demo_shop


def print_cards(shop, out, *more) -> int:
    return main.main(["print-cards", str(out), "--date", DEC_7.isoformat(), "--notebook",
                      str(shop), *more])


def test_print_cards_opens_on_the_verdict_of_the_check_it_started(tmp_path, monkeypatch,
                                                                  capsys):
    shop = tmp_path / "demo.rapport"
    demo_shop(shop)
    verdicts = []
    original = check_ahead.verdict
    monkeypatch.setattr(check_ahead, "verdict",
                        lambda path: verdicts.append(original(path)) or verdicts[-1])
    assert print_cards(shop, tmp_path / "a.pdf", "--mark-printed") == 0
    assert "Printed" in capsys.readouterr().out
    assert verdicts == ["ok"]  # checked ahead, not again at the open


def test_a_damaged_notebook_is_refused_in_one_line_and_left_untouched(tmp_path, capsys):
    shop = tmp_path / "demo.rapport"
    demo_shop(shop)
    flip_in_table(shop, random.Random(7))  # a real flip in a customer page
    before = shop.read_bytes()
    assert print_cards(shop, tmp_path / "a.pdf", "--mark-printed") == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "a.pdf").exists()
    assert shop.read_bytes() == before


def test_a_bad_format_stops_before_the_notebook_is_read(tmp_path, capsys):
    shop = tmp_path / "demo.rapport"
    demo_shop(shop)
    assert print_cards(shop, tmp_path / "a.pdf", "--format", "nonesuch") == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert shop.resolve() not in check_ahead._pending  # nothing started: it will not run


def test_the_check_starts_before_the_card_writing_code_is_imported(tmp_path):
    """Only the format's name and the targets are checked before the quick check starts: the
    template engine, the postal formats and the outreach rules (what writing the cards
    needs, ~50 ms of imports) load while it runs, not before it."""
    import subprocess
    import sys
    from pathlib import Path

    shop = tmp_path / "demo.rapport"
    demo_shop(shop)
    code = ("import sys, main\n"
            "from storage import check_ahead\n"
            "start, seen = check_ahead.start, []\n"
            "def started(path):\n"
            "    seen.append(sorted(m for m in ('jinja2', 'domain.postal', 'domain.outreach')\n"
            "                       if m in sys.modules))\n"
            "    return start(path)\n"
            "check_ahead.start = started\n"
            "status = main.main(['print-cards', sys.argv[2], '--date', sys.argv[3], "
            "'--notebook', sys.argv[1]])\n"
            "print(seen, file=sys.stderr); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, str(shop), str(tmp_path / "a.pdf"),
                           DEC_7.isoformat()], cwd=Path(main.__file__).parent,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[[]]"
