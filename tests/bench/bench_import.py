"""Benchmark: 10,000 vCards into an empty notebook (the budget is under 10 s on 2 cores).

Run ``python -m tests.bench.bench_import [--cards 10000] [--runs 3]``. Not a pytest test:
timings drift between runs, so it reports the median instead of asserting. The file mixes
what real exporters write: vCard 3.0 (Apple-style groups, folded notes), 2.1 with
quoted-printable (Android) and 4.0 with year-less birthdays; one card in 500 is broken and
one in 200 appears twice. Also timed: importing the same file again (all duplicates,
merged) — the worst case for duplicate matching against a full notebook.
"""

from __future__ import annotations

import argparse
import binascii
import statistics
import sys
import tempfile
import time
from pathlib import Path

from exports import vcard
from storage import customers
from storage.db import close_notebook, open_notebook
from tests.bench.bench_stream import CPU

GIVEN = ["Maria", "Tom", "Łukasz", "Zoë", "Chidi", "Renée", "Jürgen", "Annika", "Seán", "Mei",
         "Omar", "Priya", "Kofi", "Inès", "Hana", "Luca", "Ayşe", "Nguyễn", "Ελένη", "Пётр"]
FAMILY = ["Nguyễn", "Baker", "Lee", "Kowalski", "Okafor", "Dubois", "Müller", "Lindqvist",
          "O'Brien", "Chen", "Haddad", "Patel", "Mensah", "García", "Sato", "Rossi"]


def _qp(text: str) -> str:
    encoded = binascii.b2a_qp(text.encode("utf-8"), quotetabs=True, istext=False)
    return encoded.decode("ascii").replace("=\n", "")


def card(i: int) -> str:
    given, family = GIVEN[i % len(GIVEN)], f"{FAMILY[i % len(FAMILY)]}{i}"
    phone = f"+1 503 555 {i % 10000:04d}"
    if i % 500 == 7:
        return f"BEGIN:VCARD\nVERSION:3.0\nN:{family};{given};;;\nbroken line\nEND:VCARD\n"
    if i % 3 == 1:  # Android 2.1
        note = _qp(f"Likes orchids — customer {i}.\r\nCall before noon.")
        return ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
                f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(family)};{_qp(given)};;;\r\n"
                f"TEL;CELL;PREF:{phone}\r\nEMAIL;HOME:c{i}@example.com\r\n"
                f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{note}\r\nEND:VCARD\r\n")
    if i % 3 == 2:  # vCard 4.0
        return (f"BEGIN:VCARD\nVERSION:4.0\nFN:{given} {family}\nN:{family};{given};;;\n"
                f"BDAY:--{1 + i % 12:02d}{1 + i % 28:02d}\nTEL;VALUE=uri:tel:{phone}\n"
                f"EMAIL;PREF=1:c{i}@example.com\nCATEGORIES:regular,florals\nEND:VCARD\n")
    note = "Prefers handwritten cards; " * 4
    return ("BEGIN:VCARD\nVERSION:3.0\n"
            f"N:{family};{given};;;\nFN:{given} {family}\nNICKNAME:{given[:3]}\n"
            f"ORG:Shop {i % 97}\nitem1.EMAIL;type=INTERNET:c{i}@example.com\n"
            "item1.X-ABLabel:_$!<Other>!$_\n"
            f"TEL;type=CELL:{phone}\nitem2.ADR;type=HOME;type=pref:;;{i} Elm St;Portland;OR;"
            f"97201;USA\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-{1 + i % 28:02d}\n"
            f"NOTE:{note[:60]}\n {note[60:]}\nEND:VCARD\n")


def make_file(path: Path, count: int) -> None:
    cards = [card(i) for i in range(count)]
    cards += [card(i) for i in range(0, count, 200)]  # the same person twice
    path.write_text("".join(cards), encoding="utf-8")


def _timed(path: Path, notebook: Path) -> tuple[float, object]:
    """Wall seconds of one import, or CPU seconds when the floor it is set against is
    measured in CPU seconds too (``RAPPORT_BENCH_CPU=1``, a busy machine)."""
    clock = time.process_time if CPU else time.perf_counter
    started = clock()
    report = vcard.import_file(path)
    return clock() - started, report


def library_bound(path: Path) -> float:
    """Seconds (CPU seconds with ``RAPPORT_BENCH_CPU=1``) of what the libraries the import
    reads with must do over ``path`` whatever the code around them: vobject's grammar
    (``parseLine``) on every unfolded line, and every number put in the form the notebook
    stores (``domain.contacts.normalise_phone``: phonenumbers' parse, check and format).
    Added to the raw-insert floor, a lower bound for the whole import."""
    from vobject.base import ParseError, parseLine

    from domain.contacts import normalise_phone

    clock = time.process_time if CPU else time.perf_counter
    started = clock()
    text = path.read_text("utf-8").replace("\r\n", "\n").replace("\n ", "")
    for line in text.split("\n"):
        if not line:
            continue
        try:
            _group, name, _params, value = parseLine(line)
        except ParseError:  # a broken card: the import skips it too
            continue
        if name == "TEL":
            normalise_phone(value)
    return clock() - started


def run(count: int, folder: Path, n: int) -> tuple[float, float, object, object]:
    source = folder / "contacts.vcf"
    make_file(source, count)
    notebook = folder / f"bench{n}.rapport"
    open_notebook(notebook)
    try:
        first, report = _timed(source, notebook)
        assert customers.count() == report.added
        again, second = _timed(source, notebook)
    finally:
        close_notebook()
    return first, again, report, second


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    firsts, agains = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            first, again, report, second = run(args.cards, Path(tmp), n)
            firsts.append(first)
            agains.append(again)
    print(report.summary())
    print(second.summary())
    print(f"import {args.cards:,} vCards into an empty notebook: median "
          f"{statistics.median(firsts):.2f} s (runs: {', '.join(f'{t:.2f}' for t in firsts)})")
    print(f"import the same file again (all merged): median {statistics.median(agains):.2f} s")
    return 0 if statistics.median(firsts) < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
