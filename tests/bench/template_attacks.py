"""The attack table: each hostile template rendered in its own process, timed and weighed.

    python -m tests.bench.template_attacks [--tree DIR] [--timeout S] [--memory MB]

``--tree`` renders with another checkout's code (the unfixed one, for the "before" column).
A process is killed after ``--timeout`` seconds and may not take more than ``--memory`` MB, so
an unguarded attack cannot take the machine with it. Also times the built-in templates
(``--speed``): 1,000 renders of every built-in, the figure the guard must not slow by 10 %.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from tests.domain.template_attacks import ATTACKS, ESCAPES

ROOT = Path(__file__).resolve().parents[2]

_ONE = """
import json, resource, sys, time
sys.setrecursionlimit(1000)
limit = {memory} * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from domain.templates import render_template
started = time.perf_counter()
try:
    render_template(sys.stdin.read(), {{"name": "Peggy"}})
    outcome, message = "rendered", ""
except Exception as exc:
    outcome, message = type(exc).__name__, str(exc)
elapsed = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([outcome, message[:160], elapsed, rss]))
"""


def run_one(source: str, tree: Path, timeout: float, memory: int) -> list:
    """[outcome, message, seconds, peak MB] of one render in a fresh process."""
    code = _ONE.format(memory=memory)
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=tree, input=source,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return ["HANG (killed)", f"still running after {timeout:g} s", timeout, None]
    if done.returncode != 0 or not done.stdout.strip():
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return [f"CRASH (exit {done.returncode})", last[:160],
                time.perf_counter() - started, None]
    return json.loads(done.stdout.strip().splitlines()[-1])


def speed(tree: Path, rounds: int = 1000) -> float:
    """Seconds for ``rounds`` renders of every built-in template, in ``tree``'s code."""
    code = f"""
import time
from datetime import date
from domain.cards import builtin_templates, compose
from domain.model import Customer, Fact
from domain.templates import Sender, build_context
c = Customer(given_name="Margaret", preferred_name="Peggy", id=1,
             facts=[Fact("family", "Tom", relation="husband"), Fact("pet", "Biscuit")])
ctx = build_context(c, Sender(business="Bloom", owner="Maria", offer="10% off"),
                    "birthday", date(2026, 6, 1))
ts = builtin_templates()
for t in ts:
    compose(t, ctx)
best = None
for _ in range(3):
    started = time.perf_counter()
    for _ in range({rounds}):
        for t in ts:
            compose(t, ctx)
    took = time.perf_counter() - started
    best = took if best is None else min(best, took)
print(best, len(ts))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True,
                          text=True, check=True)
    return float(done.stdout.split()[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--memory", type=int, default=1500)
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    if args.speed:
        print(f"1,000 x built-ins: {speed(args.tree):.3f} s")
        return
    print("| attack | outcome | time to stop (s) | peak RSS (MB) | message |")
    print("| --- | --- | --- | --- | --- |")
    cases = ATTACKS + [(f"escape {i + 1}", s) for i, s in enumerate(ESCAPES)]
    for label, source in cases:
        outcome, message, took, rss = run_one(source, args.tree, args.timeout, args.memory)
        peak = f"{rss:.0f}" if rss else "–"
        print(f"| {label} | {outcome} | {took:.2f} | {peak} | {message.replace('|', '¦')} |",
              flush=True)


if __name__ == "__main__":
    main()
