"""Benchmark: 1,000 personalised cards to one PDF (the budget is under 1 s on a 2-core machine).

Run ``python -m tests.bench.bench_cards [--cards 1000] [--format a7]``. Not a pytest test:
timings drift between runs, so it reports the median of a few runs instead of asserting.
Each card is written for its own customer (context, built-in template variant in rotation,
offer line), then every card is drawn into one PDF with the fonts embedded as subsets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from decimal import Decimal

from domain.cards import assign_variants, builtins, compose
from domain.model import Address, Customer, Fact, Purchase
from domain.templates import Sender, build_context
from exports import cards
from exports.cards.jobs import CardJob, recipient_lines

TODAY = date(2026, 6, 1)
GIVEN = ["Peggy", "Łukasz", "Zoë", "Ayşe", "Hiroshi", "Nguyễn", "Ελένη", "Пётр", "Amara", "Tom"]
PETS = ["Biscuit", "Mochi", "Rex", "", "Luna"]
INTERESTS = ["orchids", "sailing", "jazz", "", "sourdough"]
SENDER = Sender(business="Bloom & Co", owner="Maria Lopez", signature="Maria",
                return_address=Address("48 Alder St", "Portland", "OR", "97205"),
                offer="a free Friday bunch on your next visit")


def customer(i: int) -> Customer:
    facts = [Fact("pet", PETS[i % 5]), Fact("interest", INTERESTS[i % 5])]
    return Customer(
        given_name=GIVEN[i % len(GIVEN)], family_name=f"Customer{i}", id=i,
        facts=[f for f in facts if f.value],
        purchases=[Purchase(date(2026, 5, 1 + i % 28), Decimal("25"), "spring bouquet")],
        addresses=[Address(f"{100 + i} Elm St", "Portland", "OR", "97201", mailing=True)])


def jobs(n: int) -> list[CardJob]:
    """``n`` cards, each composed for its own customer."""
    people = [customer(i) for i in range(1, n + 1)]
    chosen = assign_variants(builtins()["first_purchase"].templates, [p.id for p in people])
    return [CardJob(text=compose(t, build_context(p, SENDER, "first_purchase", TODAY)),
                    headline="Thank you", recipient=recipient_lines(p),
                    sender=SENDER.return_lines(), business=SENDER.business,
                    customer=p.display_name)
            for p, t in zip(people, chosen, strict=True)]


def run(n: int, name: str) -> tuple[float, float, int]:
    """Seconds to compose, seconds to render, and the PDF's size in bytes."""
    start = time.perf_counter()
    batch = jobs(n)
    composed = time.perf_counter()
    data = cards.get(name)().render(batch)
    return composed - start, time.perf_counter() - composed, len(data)


def recorded(n: int, name: str) -> dict:
    """The strings ``n`` cards draw, with their fonts, places and page sizes (one untimed run,
    watched by ``tests.bench.print_record``)."""
    from tests.bench.print_record import watching

    with watching() as found:
        run(n, name)
    return found


def floor(strings: dict) -> float:
    """The floor: a bare reportlab canvas drawing the same strings with the same fonts on
    pages of the same size, compressed alike, to memory (``tests/bench/print_floor.py``)."""
    from io import BytesIO

    from tests.bench.print_floor import draw

    start = time.perf_counter()
    draw(strings, BytesIO())
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--format", default="a7")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    run(20, args.format)  # fonts registered, modules imported: not part of the figure
    results = [run(args.cards, args.format) for _ in range(args.runs)]
    compose_s = statistics.median(r[0] for r in results)
    render_s = statistics.median(r[1] for r in results)
    total = compose_s + render_s
    print(f"{args.cards} cards ({args.format}): compose {compose_s:.3f} s + render "
          f"{render_s:.3f} s = {total:.3f} s (median of {args.runs}), "
          f"{results[0][2] / 1e6:.1f} MB, {args.cards / total:.0f} cards/s")
    return 0 if total < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
