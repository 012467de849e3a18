"""The guard's cost on ordinary cards: every built-in template rendered 1,000 times with the
unguarded renderer of another checkout (``--before DIR``, its ``domain/templates.py``) and with
this one, alternately in one process, best of several rounds (the machine is shared: a ratio
from one process is steadier than two runs).

    python -m tests.bench.template_speed --before /tmp/unfixed-checkout
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from datetime import date
from pathlib import Path

from domain.cards import builtin_templates
from domain.model import Customer, Fact
from domain.templates import Sender, build_context, render_template


def _load(path: Path):
    spec = importlib.util.spec_from_file_location("templates_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _round(render, sources: list[str], context: dict, renders: int) -> float:
    started = time.perf_counter()
    for _ in range(renders):
        for source in sources:
            render(source, context)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--renders", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    before = _load(args.before / "domain" / "templates.py").render_template
    person = Customer(given_name="Margaret", preferred_name="Peggy", id=1,
                      facts=[Fact("family", "Tom", relation="husband"), Fact("pet", "Biscuit")])
    context = build_context(person, Sender(business="Bloom", owner="Maria", offer="10% off"),
                            "birthday", date(2026, 6, 1))
    sources = [p for t in builtin_templates() for p in (t.body, t.signature) if p]
    best = {"before": float("inf"), "after": float("inf")}
    for _ in range(args.rounds):
        for name, render in (("before", before), ("after", render_template)):
            best[name] = min(best[name], _round(render, sources, context, args.renders))
    ratio = best["after"] / best["before"]
    print(f"{args.renders:,} x {len(sources)} built-in templates: before {best['before']:.3f} s, "
          f"after {best['after']:.3f} s ({(ratio - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
