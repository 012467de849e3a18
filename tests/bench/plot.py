"""The scaling plot of ``make bench``: each job's cost against the notebook's size, log-log.

Each run of ``tests.bench.run`` stores its results in ``out/bench-<customers>.json``; the plot
combines every size found there: one solid line per job, its floor dashed in the same colour.
Written by hand as SVG (a few polylines and labels), so the bench needs no plotting library.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 210, 30, 50
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf")

# job: [(customers, seconds, floor seconds), …]
Series = dict[str, list[tuple[int, float, float]]]


def load(files: list[Path]) -> Series:
    """The scaled jobs of every stored run (a result with a ``job`` key), by size."""
    series: Series = {}
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        for result in data["results"]:
            if result.get("job") and result.get("seconds") and result.get("floor"):
                series.setdefault(result["job"], []).append(
                    (data["customers"], result["seconds"], result["floor"]))
    return {job: sorted(points) for job, points in sorted(series.items())}


def _decades(low: float, high: float) -> list[float]:
    return [10.0 ** e for e in range(math.floor(math.log10(low)),
                                     math.ceil(math.log10(high)) + 1)]


def _label(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:g} ms" if value < 1 else f"{value:g} s"
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    return f"{value / 1000:g}k" if value >= 1000 else f"{value:g}"


def svg(series: Series, title: str = "Rapport: cost against notebook size") -> str:
    """The plot as SVG text: log-log axes, a polyline per job and a dashed one per floor."""
    sizes = [p[0] for points in series.values() for p in points] or [1000, 10000]
    costs = [c for points in series.values() for p in points for c in p[1:]] or [0.1, 1]
    xs = _decades(min(sizes), max(sizes) * 1.0001)
    ys = _decades(min(costs), max(costs) * 1.0001)
    x_lo, x_hi = math.log10(xs[0]), math.log10(xs[-1]) or 1
    y_lo, y_hi = math.log10(ys[0]), math.log10(ys[-1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(size: float) -> float:
        return LEFT + plot_w * (math.log10(size) - x_lo) / ((x_hi - x_lo) or 1)

    def y(cost: float) -> float:
        return TOP + plot_h * (1 - (math.log10(cost) - y_lo) / ((y_hi - y_lo) or 1))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT}" y="18" font-size="13">{escape(title)}</text>']
    for tick in xs:
        out.append(f'<line x1="{x(tick):.1f}" y1="{TOP}" x2="{x(tick):.1f}" '
                   f'y2="{TOP + plot_h}" stroke="#ddd"/>')
        out.append(f'<text x="{x(tick):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">'
                   f'{_label(tick, "n")}</text>')
    for tick in ys:
        out.append(f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{LEFT + plot_w}" '
                   f'y2="{y(tick):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                   f'{_label(tick, "s")}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2:.0f}" y="{HEIGHT - 12}" text-anchor="middle">'
               'customers (log)</text>')
    out.append(f'<text x="16" y="{TOP + plot_h / 2:.0f}" text-anchor="middle" '
               f'transform="rotate(-90 16 {TOP + plot_h / 2:.0f})">seconds (log)</text>')
    for n, (job, points) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        for kind, column, dash in (("job", 1, ""), ("floor", 2, ' stroke-dasharray="5 4"')):
            line = " ".join(f"{x(p[0]):.1f},{y(p[column]):.1f}" for p in points)
            out.append(f'<polyline class="{kind}" data-job="{escape(job)}" points="{line}" '
                       f'fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
            fill = colour if kind == "job" else "white"  # a size measured once still shows
            out.extend(f'<circle cx="{x(p[0]):.1f}" cy="{y(p[column]):.1f}" r="3" '
                       f'fill="{fill}" stroke="{colour}"/>' for p in points)
        ly = TOP + 14 + 18 * n
        out.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{ly - 4}" x2="{WIDTH - RIGHT + 32}" '
                   f'y2="{ly - 4}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{WIDTH - RIGHT + 38}" y="{ly}">{escape(job)}</text>')
    note_y = TOP + 14 + 18 * len(series) + 8
    out.append(f'<text x="{WIDTH - RIGHT + 12}" y="{note_y}" fill="#555">dashed: its floor</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write(results: Path, target: Path) -> Path:
    """The plot of every ``bench-*.json`` in ``results``, written to ``target``."""
    target.write_text(svg(load(sorted(results.glob("bench-*.json")))), encoding="utf-8")
    return target
