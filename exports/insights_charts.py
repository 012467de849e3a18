"""The insights' charts: reportlab.graphics.charts (a well-kept part of reportlab, already
Rapport's PDF library) drawn onto a page of exports.cards.pdf.Pdf, in the bundled sans face.
Each function fills the box it is given; none decides what the figures mean."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.doughnut import Doughnut
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor

from exports.cards import fonts, runs
from exports.cards.geometry import Box
from exports.cards.pdf import Pdf, Style

GOAL = HexColor("#3f8f6b")  # the goal met, thanked, on their rhythm
NONE = HexColor("#d3cfc6")  # nothing: no touch, bought once
OVER = HexColor("#4a78b0")  # more than the goal
LATE = HexColor("#c8573f")  # not thanked, lapsed
WAITING = HexColor("#e2b55a")  # still within the 14 days, past the usual gap
WORTH = HexColor("#3d8593")
COST = HexColor("#c8573f")
AXIS = HexColor("#8a877f")
GRID = HexColor("#e4e1da")
LABEL_SIZE = 7.0
LEGEND = Style(face="sans", max_size=7.5, min_size=7.5)
NAME = Style(face="sans", max_size=7.5, min_size=6, align="right", valign="middle")


def _font() -> str:
    return fonts.face("sans").name  # registered with reportlab on first use


def _place(pdf: Pdf, drawing: Drawing, box: Box) -> None:
    # renderPDF starts each drawing in its default font, Helvetica: set on the page, it was
    # referenced there without being embedded (a print shop's preflight refuses that).
    drawing.initialFontName = _font()
    renderPDF.draw(drawing, pdf.canvas, box.x, box.y)


def _axes(chart, labels: Sequence[str]) -> None:
    font = _font()
    chart.categoryAxis.categoryNames = list(labels)
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = LABEL_SIZE
        axis.labels.fillColor = AXIS
        axis.strokeColor = AXIS
        axis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.valueAxis.visibleAxis = False
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.forceZero = True


def stacked_share(pdf: Pdf, box: Box, labels: Sequence[str],
                  series: Sequence[tuple[str, Color, Sequence[int]]],
                  totals: Sequence[int]) -> None:
    """Columns of 100 %: each series' share of the column's total, stacked."""
    drawing = Drawing(box.w, box.h)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 16, box.w - 34, box.h - 20
    chart.data = [[100 * v / t if t else 0 for v, t in zip(values, totals, strict=True)]
                  for _, _, values in series]
    chart.categoryAxis.style = "stacked"
    _axes(chart, labels)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.barWidth, chart.groupSpacing = 10, 6
    _no_outline(chart)
    for i, (_, colour, _) in enumerate(series):
        chart.bars[i].fillColor = colour
    drawing.add(chart)
    _place(pdf, drawing, box)


def bars(pdf: Pdf, box: Box, labels: Sequence[str], values: Sequence[int], colour: Color,
         _unit: str = "") -> None:
    """One column per label, its count above it."""
    drawing = Drawing(box.w, box.h)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 16, box.w - 34, box.h - 30
    chart.data = [list(values) or [0]]
    _axes(chart, labels or [""])
    chart.valueAxis.valueMin = 0
    _no_outline(chart)
    chart.bars[0].fillColor = colour
    chart.barLabelFormat = lambda v: f"{round(v):,}"
    chart.barLabels.fontName = _font()
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.nudge = 6
    if len(labels) > 5:  # long amounts side by side would run into each other
        chart.categoryAxis.labels.angle = 25
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dy = -2
    drawing.add(chart)
    _place(pdf, drawing, box)


def hbars(pdf: Pdf, box: Box, names: Sequence[str],
          series: Sequence[tuple[str, Color, Sequence[float]]], fmt: Callable[[float], str],
          colours: Sequence[Color] | None = None) -> None:
    """Horizontal bars from the top of ``box``, the first name at the top, each bar's value at
    its end; the names set by the text engine (any script), the bars by the chart."""
    if not names:
        return
    room = min(box.w * 0.34, 150)  # for the names
    per = 11.0 * len(series) + 9  # bars of a name, and the space between names
    height = min(box.h - 4, per * len(names))
    drawing = Drawing(box.w, height + 4)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = room, 2, box.w - room - 60, height
    # reportlab stacks a name's bars from the bottom up: the series go in reversed, so the
    # first stands on top as the legend reads.
    series = list(reversed(series))
    chart.data = [list(reversed(values)) for _, _, values in series]
    _axes(chart, ["" for _ in names])
    chart.categoryAxis.visibleLabels = False
    chart.valueAxis.visible = False
    chart.valueAxis.visibleGrid = False
    chart.valueAxis.valueMin = 0
    _no_outline(chart)
    chart.barSpacing, chart.groupSpacing = 1, 9
    for i, (_, colour, _) in enumerate(series):
        chart.bars[i].fillColor = colour
    if colours is not None:
        for j, colour in enumerate(reversed(colours)):
            chart.bars[(0, j)].fillColor = colour
    chart.barLabelFormat = fmt
    chart.barLabels.fontName = _font()
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    if not any(v for _, _, values in series for v in values):
        chart.valueAxis.valueMax = 1  # all zero: reportlab needs a range
    drawing.add(chart)
    bottom = box.top - height - 4
    _place(pdf, drawing, Box(box.x, bottom, box.w, height + 4))
    step = height / len(names)
    for i, name in enumerate(names):  # top down
        middle = bottom + 2 + height - (i + 0.5) * step
        pdf.text(label(name, room - 8), Box(box.x, middle - 6, room - 8, 12), NAME)


def _no_outline(chart) -> None:
    chart.bars.strokeWidth = 0
    chart.bars.strokeColor = None


def label(name: str, room: float) -> str:
    """``name`` on one line of ``room`` points at the names' smallest size: whole, else cut
    with an ellipsis where it was cut (never inside a letter with its marks or an emoji), at
    the left end of a name read right to left. A cut by count of characters still broke a
    long name onto a second line, past its box."""
    if _width(name) <= room:
        return name
    end = len(name) - 1
    while end > 1 and (_width(_cut(name, end)) > room or not _boundary(name, end)):
        end -= 1
    return _cut(name, end)


def _width(text: str) -> float:
    return runs.width(fonts.clean(text), NAME.face) * NAME.min_size


def _boundary(text: str, at: int) -> bool:
    """Whether ``text`` may be cut before ``text[at]``: not inside a cluster as the drawing
    makes them (a letter with its marks, joined emoji, an emoji with its modifier)."""
    return not runs.attaches(text[at], text[at - 1])


def _cut(name: str, end: int) -> str:
    kept = name[:end].rstrip()
    strong = [unicodedata.bidirectional(ch) for ch in kept]
    last = next((d for d in reversed(strong) if d in ("L", "R", "AL")), "L")
    return kept + ("…\u200f" if last in ("R", "AL") else "…")  # RLM: the dots join its run


def doughnut(pdf: Pdf, box: Box, values: Sequence[int], colours: Sequence[Color]) -> None:
    """A ring of the parts of a whole; parts of 0 left out."""
    kept = [(v, c) for v, c in zip(values, colours, strict=True) if v > 0]
    if not kept:
        return
    drawing = Drawing(box.w, box.h)
    ring = Doughnut()
    ring.x, ring.y, ring.width, ring.height = 0, 0, box.w, box.h
    ring.data = [v for v, _ in kept] if len(kept) > 1 else [kept[0][0], 0.0001]
    ring.labels = None
    ring.innerRadiusFraction = 0.62
    ring.strokeWidth = 0
    ring.slices.strokeWidth = 1
    ring.slices.strokeColor = HexColor("#ffffff")
    ring.startAngle = 90
    for i, (_, colour) in enumerate(kept):
        ring.slices[i].fillColor = colour
    if len(kept) == 1:
        ring.slices[1].fillColor = kept[0][1]
    drawing.add(ring)
    _place(pdf, drawing, box)


def legend(pdf: Pdf, x: float, y: float, items: Sequence[tuple[str, Color]],
           down: bool = False) -> None:
    """Swatches with their words, in a row (or ``down``, one under another)."""
    canvas = pdf.canvas
    for name, colour in items:
        canvas.setFillColor(colour)
        canvas.rect(x, y - 1, 7, 7, stroke=0, fill=1)
        pdf.label(name, x + 10, y, LEGEND.max_size, color=(0.25, 0.25, 0.28))
        if down:
            y -= 14
        else:
            x += 10 + Pdf.natural_width(name, LEGEND) + 14
