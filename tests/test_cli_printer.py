"""`print-cards --printer` and `print-labels --printer` against a real CUPS queue whose driver
reports hardware margins (tests/cups_server.py): each job spools at its own page size, with
duplex preset for folded cards, or fronts and backs as two jobs with --manual-duplex."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LETTER = (612.0, 792.0)
A2_FOLDED = (612.0, 396.0)  # 8.5 × 5.5 in sheet, landscape
ENV_10 = (684.0, 297.0)  # 9.5 × 4.125 in, landscape


def rapport(*argv: str, env: dict[str, str] | None = None, stdin: str = "",
            ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("printer") / "demo.rapport"
    assert rapport("demo", str(path)).returncode == 0
    return path


def sizes(job) -> set[tuple[float, float]]:
    return {(round(w), round(h)) for w, h in job.pages()}


def test_a_folded_card_spools_at_its_own_size_with_duplex(cups, demo_book):
    before = len(cups.jobs())
    done = rapport("print-cards", "--printer", "Test", "--notebook", str(demo_book),
                   env=cups.env())
    assert done.returncode == 0, done.stderr
    assert "to the printer Test" in done.stdout
    (job,) = cups.wait_for_jobs(1, before)
    assert sizes(job) == {A2_FOLDED}
    assert len(job.pages()) % 2 == 0
    assert job.data.stat().st_size < 25_000_000  # 600 dpi, not the 1200 Qt says
    options = job.options()
    assert b"Statement" in options and b"two-sided-short-edge" in options


def test_envelopes_spool_at_their_own_size(cups, demo_book):
    before = len(cups.jobs())
    done = rapport("print-cards", "--printer", "Test", "--envelopes", "--envelope-format",
                   "env-10", "--notebook", str(demo_book), env=cups.env())
    assert done.returncode == 0, done.stderr
    cards, envelopes = cups.wait_for_jobs(2, before)
    assert sizes(cards) == {A2_FOLDED}
    assert sizes(envelopes) == {ENV_10}
    assert len(envelopes.pages()) * 2 == len(cards.pages())
    assert b"Env10" in envelopes.options() and b"two-sided" not in envelopes.options()


def test_labels_spool_at_letter_on_the_default_printer(cups, demo_book):
    before = len(cups.jobs())
    done = rapport("print-labels", "--printer", "--notebook", str(demo_book), env=cups.env())
    assert done.returncode == 0, done.stderr
    (job,) = cups.wait_for_jobs(1, before)
    assert sizes(job) == {LETTER}


def test_a_size_the_printer_cannot_take_is_one_line_and_nothing_is_printed(cups, demo_book):
    before = len(cups.jobs())
    done = rapport("print-cards", "--printer", "Test", "--format", "a2", "--mark-printed",
                   "--notebook", str(demo_book), env=cups.env())
    assert done.returncode == 1
    assert done.stderr == "rapport: The printer 'Test' cannot take 4.25 × 5.5 in card stock; " \
                          "print to a PDF instead.\n"
    assert cups.wait_for_jobs(1, before, timeout=1) == []


def test_manual_duplex_prints_the_fronts_waits_then_the_backs(cups, demo_book):
    before = len(cups.jobs())
    refused = rapport("print-cards", "--printer", "Simplex", "--notebook", str(demo_book),
                      env=cups.env())
    assert refused.returncode == 1 and "--manual-duplex" in refused.stderr
    assert refused.stderr.count("\n") == 1
    done = rapport("print-cards", "--printer", "Simplex", "--manual-duplex",
                   "--notebook", str(demo_book), env=cups.env(), stdin="\n")
    assert done.returncode == 0, done.stderr
    assert "The fronts are printed: " in done.stdout
    assert "Press Enter to print the backs" in done.stdout
    fronts, backs = cups.wait_for_jobs(2, before)
    assert sizes(fronts) == sizes(backs) == {A2_FOLDED}
    assert len(fronts.pages()) == len(backs.pages()) > 0
    assert b"two-sided" not in fronts.options() + backs.options()


def test_manual_duplex_without_an_answer_prints_no_backs(cups, demo_book):
    before = len(cups.jobs())
    done = rapport("print-cards", "--printer", "Simplex", "--manual-duplex",
                   "--notebook", str(demo_book), env=cups.env(), stdin="")
    assert done.returncode == 1
    assert "backs were not printed" in done.stderr and done.stderr.count("\n") == 1
    assert len(cups.wait_for_jobs(1, before)) == 1  # the fronts only


def test_an_unknown_printer_is_one_line(cups, demo_book):
    done = rapport("print-cards", "--printer", "Nope", "--notebook", str(demo_book),
                   env=cups.env())
    assert done.returncode == 1
    assert done.stderr.startswith("rapport: There is no printer 'Nope'")
    assert done.stderr.count("\n") == 1


def test_no_printer_at_all_is_one_line(tmp_path, demo_book):
    import os

    env = {**os.environ, "CUPS_SERVER": str(tmp_path / "no-cups.sock")}
    done = rapport("print-labels", "--printer", "--notebook", str(demo_book), env=env)
    assert done.returncode == 1
    assert done.stderr == "rapport: There is no printer on this computer; " \
                          "print to a PDF instead.\n"


@pytest.mark.parametrize("argv, said", [
    (["print-cards"], "name a PDF file or --printer"),
    (["print-cards", "x.pdf", "--printer", "Test"], "a PDF file or a printer, not both"),
    (["print-labels", "x.pdf", "--printer"], "a PDF file or a printer, not both"),
    (["print-cards", "x.pdf", "--envelopes"], "name the envelopes' PDF file"),
])
def test_where_to_print_is_checked_first(argv, said, capsys):
    import main

    assert main.main(argv) == 1
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1


def test_printing_to_a_pdf_still_never_loads_qt(demo_book, tmp_path):
    code = ("import sys, main; rc = main.main(['print-cards', sys.argv[1], '--notebook', "
            "sys.argv[2]]); assert rc == 0, rc; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')]")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "c.pdf"),
                           str(demo_book)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
