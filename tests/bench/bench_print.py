"""Printing cards, whole process (issue 13), each measured beside its rival in the same run.

1. 1,000 personalised 5×7 cards to one PDF: ``main.py print-cards OUT.pdf --format a7`` on a
   notebook where those cards do not exist yet (so they are written first), against gLabels
   3.4's batch merge of the same cards (``glabels-3-batch`` with a CSV of the same names and
   message lines). Budget: ≤ 0.25× gLabels. The same 1,000 cards (Latin script only) are also
   timed against the reportlab floor (≤ 2×: their first print, the cards written first), and
   with ``--baseline CHECKOUT`` against an older
   checkout's ``print-cards`` in the same rounds: shaping may not make them > 10 % slower.
2. A whole day's batch at 50,000 (and 200,000) customers, ``--mark-printed``, against the
   floor: a bare reportlab script drawing the same strings with the same fonts on pages of
   the same size, no database (``print_floor.py``). Budget: ≤ 2× the floor.

Every run gets a fresh copy of its notebook, known intact as the last session left it (so
the day's cards are new each time); runs of the rivals alternate, and medians are compared.

``python -m tests.bench.bench_print [--rounds 3] [--sizes 50000 200000] [--no-glabels]
[--no-thousand]``; ``make bench`` runs it at 50,000, ``make bench-large`` at 200,000.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from tests.bench.glabels_doc import card_template
from tests.bench.run import PY, ROOT, Result, _env, ensure_notebook

THOUSAND_DAY = "2026-06-01"
INSTALL = "install it with `make bench-deps` (as root: it runs apt-get install glabels)"
LATIN_SLOWER = 1.10  # Latin-only cards may take at most 10 % longer than the baseline's
_KNOWN_INTACT = ("import sys; from storage.db import open_notebook, ensure_intact, "
                 "close_notebook; open_notebook(sys.argv[1]); ensure_intact(); close_notebook()")


class Bench:
    """A scratch folder with its own Rapport data folder, fresh notebook copies, timed runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = _env(RAPPORT_DATA_DIR=str(folder / "data"))

    def fresh(self, source: Path, name: str) -> Path:
        """A copy of ``source`` that the last session closed after its full check."""
        copy = self.folder / name
        for leftover in self.folder.glob(f"{name}*"):
            leftover.unlink()
        shutil.copyfile(source, copy)
        with copy.open("rb+") as fh:  # on disk before the clock starts, not flushed during it
            os.fsync(fh.fileno())
        subprocess.run([PY, "-c", _KNOWN_INTACT, str(copy)], check=True, env=self.env, cwd=ROOT)
        return copy

    def timed(self, cmd: list[str], env: dict[str, str] | None = None) -> float:
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env or self.env,
                              cwd=ROOT, timeout=600)
        took = time.perf_counter() - start
        if done.returncode:
            raise RuntimeError(f"{cmd[:3]} failed: {done.stderr[-800:]}")
        return took

    def print_cards(self, notebook: Path, day: str, mark: bool) -> list[str]:
        return ["print-cards", str(self.folder / "rapport.pdf"), "--format", "a7", "--date",
                day, "--notebook", str(notebook), *(["--mark-printed"] if mark else [])]

    def record(self, source: Path, day: str, mark: bool) -> Path:
        """The strings Rapport draws for ``day`` (one untimed run on its own copy)."""
        strings = self.folder / "strings.json"
        copy = self.fresh(source, "record.rapport")
        subprocess.run([PY, "-m", "tests.bench.print_record", str(strings), "--",
                        *self.print_cards(copy, day, mark)], check=True, env=self.env, cwd=ROOT,
                       capture_output=True)
        return strings

    def rapport(self, source: Path, day: str, mark: bool, main: Path = ROOT / "main.py") -> float:
        """``print-cards`` on a fresh copy (``main``: another checkout's, for a baseline)."""
        copy = self.fresh(source, "run.rapport")
        return self.timed([PY, str(main), *self.print_cards(copy, day, mark)])

    def floor(self, strings: Path) -> float:
        return self.timed([PY, str(ROOT / "tests" / "bench" / "print_floor.py"), str(strings),
                           str(self.folder / "floor.pdf")])


def interleaved(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Median seconds of each run, the runs taking turns round after round (in the reverse
    order every other round, so none always follows the same one)."""
    took: dict[str, list[float]] = {name: [] for name in runs}
    for n in range(rounds):
        for name, run in list(runs.items())[::-1 if n % 2 else 1]:
            took[name].append(run())
    for name, values in took.items():
        print(f"  {name}: " + ", ".join(f"{v:.2f}" for v in values) + " s", flush=True)
    return {name: statistics.median(values) for name, values in took.items()}


# --- 1,000 cards against gLabels ------------------------------------------------------------

def thousand_notebook(folder: Path) -> Path:
    """A notebook of 1,000 customers whose birthday is THOUSAND_DAY (1,000 posted cards due)."""
    path = folder / "thousand-source.rapport"
    subprocess.run([PY, "-m", "tests.bench.thousand", str(path), THOUSAND_DAY], check=True,
                   cwd=ROOT, env=_env(RAPPORT_DATA_DIR=str(folder / "data")))
    return path


def card_lines(strings: Path) -> list[tuple[str, list[str]]]:
    """Each card's business line and message lines, as Rapport drew them (the business's
    name first: ``CardFace.draw_face`` draws the foot before the message)."""
    pages = json.loads(strings.read_text(encoding="utf-8"))["pages"]
    return [(page["ops"][0][4], [op[4] for op in page["ops"][1:]]) for page in pages]


def glabels_merge(bench: Bench, strings: Path) -> tuple[Path, dict[str, str]]:
    """A gLabels document and CSV for the cards in ``strings``, and the environment that lets
    fontconfig find Rapport's fonts."""
    data = bench.folder / "merge.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["message", "business"])
        writer.writerows(["\n".join(lines), business] for business, lines in card_lines(strings))
    size = json.loads(strings.read_text(encoding="utf-8"))["pages"][0]["size"]
    doc = bench.folder / "cards.glabels"
    doc.write_bytes(gzip.compress(card_template(size, data).encode("utf-8")))
    conf = bench.folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f'  <dir>{ROOT / "resources" / "fonts"}</dir>\n'
        f'  <cachedir>{bench.folder / "fontconfig"}</cachedir>\n</fontconfig>\n',
        encoding="utf-8")
    return doc, dict(bench.env, FONTCONFIG_FILE=str(conf))


def check_pdf(path: Path, firsts: list[str], who: str) -> None:
    """Every card on its own page, with its first line (the name) in the page's text."""
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    if len(pages) != len(firsts):
        raise RuntimeError(f"{who}'s PDF has {len(pages)} pages, not {len(firsts)}")
    def words(text: str) -> str:  # gLabels sets "fi" as one ligature glyph: NFKC splits it
        return " ".join(unicodedata.normalize("NFKC", text).split())

    missing = [n for n, (page, first) in enumerate(zip(pages, firsts, strict=True), 1)
               if words(first) not in words(page.extract_text())]
    if missing:
        raise RuntimeError(f"{who}'s PDF lacks the name on pages {missing[:5]}…")


def bench_glabels(bench: Bench, rounds: int, with_glabels: bool = True,
                  baseline: Path | None = None) -> list[Result]:
    """1,000 new cards: Rapport against gLabels' batch merge and the reportlab floor (and
    the same command of an older checkout, ``baseline``, when given)."""
    source = thousand_notebook(bench.folder)
    strings = bench.record(source, THOUSAND_DAY, mark=False)
    firsts = [lines[0] for _business, lines in card_lines(strings)]  # "Dear Aisha,"
    runs = {"rapport print-cards": lambda: bench.rapport(source, THOUSAND_DAY, False),
            "reportlab floor": lambda: bench.floor(strings)}
    if baseline is not None:
        runs["baseline print-cards"] = lambda: bench.rapport(source, THOUSAND_DAY, False,
                                                             baseline / "main.py")
    glabels = shutil.which("glabels-3-batch") if with_glabels else None
    if glabels is None:
        print(f"  gLabels comparison skipped: glabels-3-batch is not installed; {INSTALL}"
              if with_glabels else "  gLabels comparison skipped (--no-glabels)", flush=True)
    else:
        doc, env = glabels_merge(bench, strings)
        out = bench.folder / "glabels.pdf"
        cmd = [glabels, "-o", str(out), str(doc)]
        bench.timed(cmd, env)  # fontconfig's cache for Rapport's fonts: made once, untimed
        check_pdf(out, firsts, "gLabels")
        runs["glabels-3-batch"] = lambda: bench.timed(cmd, env)
    took = interleaved(runs, rounds)
    check_pdf(bench.folder / "rapport.pdf", firsts, "Rapport")
    out = [Result("1,000 Latin-only cards, print-cards first run", took["rapport print-cards"],
                  "reportlab floor, same strings", took["reportlab floor"], 2, 1.0)]
    if baseline is not None:
        out.append(Result("1,000 Latin-only cards against the baseline checkout",
                          took["rapport print-cards"], f"{baseline.name} print-cards",
                          took["baseline print-cards"], LATIN_SLOWER, 0))
    if glabels is not None:
        out.insert(0, Result("1,000 new 5×7 cards vs gLabels 3.4 batch merge",
                             took["rapport print-cards"], "glabels-3-batch",
                             took["glabels-3-batch"], 0.25, 0))
    return out


# --- a whole day's batch --------------------------------------------------------------------

def last_day(notebook: Path) -> str:
    """The day the generated notebook was made for (its latest purchase)."""
    import sqlite3

    con = sqlite3.connect(f"file:{notebook}?mode=ro", uri=True)
    try:
        return con.execute("SELECT max(date) FROM purchase").fetchone()[0][:10]
    finally:
        con.close()


def bench_day(bench: Bench, customers: int, rounds: int) -> Result:
    """A day's cards at ``customers``, marked printed, against the reportlab floor."""
    source = ensure_notebook(customers)
    day = last_day(source)
    strings = bench.record(source, day, mark=True)
    cards = len(json.loads(strings.read_text("utf-8"))["pages"])
    print(f"  {customers:,} customers, {day}: {cards:,} cards", flush=True)
    took = interleaved({"rapport print-cards --mark-printed":
                        lambda: bench.rapport(source, day, True),
                        "reportlab floor": lambda: bench.floor(strings)}, rounds)
    return Result(f"a day's {cards:,} cards at {customers // 1000}k, --mark-printed",
                  took["rapport print-cards --mark-printed"], "reportlab floor, same strings",
                  took["reportlab floor"], 2, 0, job="a day's cards")


def run(rounds: int, sizes: list[int], with_glabels: bool = True, thousand: bool = True,
        baseline: Path | None = None) -> list[Result]:
    """The rows: 1,000 cards (unless ``thousand`` is False), then a day at each size."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="rapport-print-bench-") as tmp:
        bench = Bench(Path(tmp))
        if thousand:
            print("1,000 cards, first run …", flush=True)
            results += bench_glabels(bench, rounds, with_glabels, baseline)
        for size in sizes:
            print(f"a day's batch at {size:,} customers …", flush=True)
            results.append(bench_day(bench, size, rounds))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[50_000])
    parser.add_argument("--no-glabels", action="store_true", help="skip the gLabels runs")
    parser.add_argument("--no-thousand", action="store_true",
                        help="only the day's batches, not the 1,000 cards")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="also time this older checkout's print-cards on the 1,000 "
                             "cards, in turn with this one's (e.g. from git worktree add)")
    args = parser.parse_args(argv)
    results = run(args.rounds, args.sizes, not args.no_glabels, not args.no_thousand,
                  args.baseline)
    print("| benchmark | median | issue budget | rival (same run) | ratio | ratio budget | |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(r.row() for r in results))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
