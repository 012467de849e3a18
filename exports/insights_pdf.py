"""The insights drawn: charts by reportlab.graphics.charts on exports.cards.pdf.Pdf (the
bundled fonts, every script), for paper (``render``: A4 or Letter, two pages) and for the
window (``render_panels``: one chart a page, shown by PDFium as the card preview is). Both
draw each chart with the same panel function, so the screen shows what prints.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.insights import Insights
from domain.insights_report import (
    bucket_label,
    coverage_words,
    figures,
    money,
    month_label,
    period_words,
    share,
)
from exports.cards.coverage import in_report
from exports.cards.geometry import A4, LETTER, MM, Box
from exports.cards.pdf import FAINT, FAINT_INK, Pdf, Style
from exports.insights_charts import (
    COST,
    GOAL,
    LATE,
    NONE,
    OVER,
    WAITING,
    WORTH,
    bars,
    doughnut,
    hbars,
    legend,
    stacked_share,
)

MARGIN = 15 * MM
PANEL = (400.0, 220.0)  # a chart's page in the window, in points
TITLE = Style(face="sans", max_size=12.5, min_size=9)
SUB = Style(face="sans", max_size=8.5, min_size=7, color=FAINT_INK)
BODY = Style(face="sans", max_size=8.5, min_size=7, leading=1.35)
HEAD = Style(face="sans", max_size=10.5, min_size=8)
TILE = Style(face="sans", max_size=8, min_size=6, leading=1.2, color=FAINT_INK)

Panel = Callable[[Pdf, Box, Insights], None]


def render(ins: Insights, shop: str = "", paper: str = "Letter") -> bytes:
    """The insights on paper: the charts, then the lists, two pages."""
    size = LETTER if paper == "Letter" else A4
    pdf = Pdf(title=f"Insights {ins.today.isoformat()}")
    w, h = size
    inner = w - 2 * MARGIN
    _page(pdf, size, ins, shop, 1)
    top = h - MARGIN - 30
    _tiles(pdf, Box(MARGIN, top - 46, inner, 46), ins)
    top -= 58
    touches_panel(pdf, Box(MARGIN, top - 215, inner, 215), ins)
    top -= 227
    half = (inner - 14) / 2
    coverage_panel(pdf, Box(MARGIN, top - 200, half, 200), ins)
    value_panel(pdf, Box(MARGIN + half + 14, top - 200, half, 200), ins)
    top -= 212
    sources_panel(pdf, Box(MARGIN, MARGIN + 14, inner, top - MARGIN - 14), ins)
    _page(pdf, size, ins, shop, 2)
    top = h - MARGIN - 30
    referrals_panel(pdf, Box(MARGIN, top - 190, half, 190), ins)
    drifting_panel(pdf, Box(MARGIN + half + 14, top - 190, half, 190), ins)
    _lists(pdf, Box(MARGIN, MARGIN + 14, inner, top - 204 - MARGIN - 14), ins)
    return pdf.finish()


def render_panels(ins: Insights) -> bytes:
    """The charts as the window shows them: one panel a page."""
    pdf = Pdf(title=f"Insights {ins.today.isoformat()}")
    w, h = PANEL
    for panel in PANELS:
        pdf.page(PANEL)
        panel(pdf, Box(14, 10, w - 28, h - 22), ins)
    return pdf.finish()


def _page(pdf: Pdf, size: tuple[float, float], ins: Insights, shop: str, number: int) -> None:
    pdf.page(size)
    w, top = size[0], size[1] - MARGIN
    inner = w - 2 * MARGIN
    pdf.text(shop or "Rapport", Box(MARGIN, top - 16, inner * 0.5, 17),
             Style(face="sans", max_size=13, min_size=8))
    pdf.text(f"Insights · {period_words(ins)}", Box(MARGIN + inner * 0.5, top - 16,
                                                     inner * 0.5, 17),
             Style(face="sans", max_size=10, min_size=7, align="right", valign="bottom"))
    pdf.line(MARGIN, top - 20, w - MARGIN, top - 20, 0.6)
    pdf.label(f"Page {number} of 2", w / 2, MARGIN, 8.0, align="centre", color=FAINT_INK)


def _heading(pdf: Pdf, box: Box, title: str, sub: str = "") -> float:
    """A panel's title and its line of explanation; the top left for the chart below."""
    pdf.text(title, Box(box.x, box.top - 16, box.w, 16), TITLE)
    if sub:
        pdf.text(sub, Box(box.x, box.top - 30, box.w, 13), SUB)
    return box.top - (34 if sub else 20)


def _tiles(pdf: Pdf, box: Box, ins: Insights) -> None:
    shown = figures(ins)
    width = box.w / len(shown)
    for i, (number, words) in enumerate(shown):
        x = box.x + i * width
        pdf.text(number, Box(x, box.y + 20, width - 10, 26),
                 Style(face="sans", max_size=20, min_size=10))
        pdf.text(words, Box(x, box.y - 2, width - 12, 22), TILE)


# --- panels ---------------------------------------------------------------------------------

def touches_panel(pdf: Pdf, box: Box, ins: Insights) -> None:
    """Each month's customers by how many touches they had: none, the goal, more."""
    top = _heading(pdf, box, "Touches per customer, month by month",
                   "Customers by touches in the month; the goal is one or two (notes do not "
                   "count)")
    # The goal stands on the axis, where its share reads straight off the scale.
    series = [("1–2: the goal", GOAL, [m.goal for m in ins.months]),
              ("3 or more", OVER, [m.more for m in ins.months]),
              ("No touch", NONE, [m.none for m in ins.months])]
    totals = [m.active for m in ins.months]
    chart = Box(box.x, box.y, box.w, top - box.y - 16)
    stacked_share(pdf, chart, [month_label(m).replace(" (so far)", "*") for m in ins.months],
                  series, totals)
    legend(pdf, box.x, top - 12, [(name, colour) for name, colour, _ in series])
    if ins.months and ins.months[-1].partial:
        pdf.label(f"* {ins.today.day} {ins.today:%B} so far", box.x + box.w, top - 12, 7.0,
                  align="right", color=FAINT_INK)


def coverage_panel(pdf: Pdf, box: Box, ins: Insights) -> None:
    """Thanked, not thanked and still waiting, as a ring with the share in its middle."""
    c = ins.coverage
    top = _heading(pdf, box, "Thank-you coverage",
                   "First purchase this period; thanked within 14 days")
    if not c.new:
        pdf.text("No new customers in the period yet.", Box(box.x, top - 40, box.w, 30), BODY)
        return
    parts = [(f"Thanked: {c.thanked:,}", GOAL, c.thanked),
             (f"Not thanked: {c.counted - c.thanked:,}", LATE, c.counted - c.thanked),
             (f"Still within 14 days: {c.waiting:,}", WAITING, c.waiting)]
    side = min(top - box.y - 26, box.w * 0.55)
    ring = Box(box.x, box.y + 24, side, side)
    doughnut(pdf, ring, [value for _, _, value in parts], [colour for _, colour, _ in parts])
    middle = share(c.thanked, c.counted) if c.counted else "–"
    pdf.text(middle, Box(ring.x, ring.y + side / 2 - 12, side, 24),
             Style(face="sans", max_size=18, min_size=9, align="centre", valign="middle"))
    legend(pdf, ring.x + side + 12, ring.top - 14, [(n, col) for n, col, v in parts if v],
           down=True)
    pdf.text(coverage_words(ins) + ".", Box(box.x, box.y, box.w, 22), SUB)


def value_panel(pdf: Pdf, box: Box, ins: Insights) -> None:
    """How many customers are worth how much, in the main currency; others said in words."""
    top = _heading(pdf, box, "Lifetime value", _value_words(ins))
    if not ins.values:
        pdf.text("No purchases recorded yet.", Box(box.x, top - 40, box.w, 30), BODY)
        return
    g = ins.values[0]
    others = "; ".join(f"{o.customers:,} buyers in {o.currency}, "
                       f"{money(o.total_cents, o.currency, ins.region)} in all"
                       for o in ins.values[1:])
    low = box.y + (16 if others else 0)
    bars(pdf, Box(box.x, low, box.w, top - low - 4),
         [bucket_label(b) for b in g.buckets], [b.customers for b in g.buckets], WORTH,
         "customers")
    if others:
        pdf.text(f"Also: {others} (never added together).", Box(box.x, box.y, box.w, 14), SUB)


def _value_words(ins: Insights) -> str:
    if not ins.values:
        return "What each customer has spent in all"
    g = ins.values[0]
    cur = f" {g.currency}" if g.currency else ""
    return (f"{g.customers:,} buyers{cur}: median "
            f"{money(g.median_cents, g.currency, ins.region)}, "
            f"average {money(g.average_cents, g.currency, ins.region)}")


def sources_panel(pdf: Pdf, box: Box, ins: Insights) -> None:
    """Per source, the cost of winning a customer beside what a customer is worth."""
    top = _heading(pdf, box, "How customers found us",
                   "What winning a customer cost (spend ÷ customers won) beside what one is "
                   "worth")
    rows = [s for s in ins.sources if s.cost_per_won is not None or s.value_cents is not None]
    rows = rows[:8]
    if not ins.recorded_sources:
        pdf.text("Fill in “Found us via” on customers' pages and the costs per source; until "
                 "then customers show as referred or not recorded.",
                 Box(box.x, top - 24, box.w, 24), SUB)
        top -= 26
    if not rows:
        return
    names = [s.name for s in rows]
    series = [("Cost of winning a customer", COST, [s.cost_per_won or 0 for s in rows]),
              ("What a customer is worth", WORTH, [s.value_cents or 0 for s in rows])]
    legend(pdf, box.x, top - 10, [(n, c) for n, c, _ in series])
    hbars(pdf, Box(box.x, box.y, box.w, top - box.y - 18), names, series,
          lambda cents: money(round(cents)) if cents else "")


def referrals_panel(pdf: Pdf, box: Box, ins: Insights) -> None:
    """Who sent the most customers (down the line: the customers theirs sent count too)."""
    top = _heading(pdf, box, "Referrals",
                   f"{ins.referred:,} customers were referred by another; the biggest senders")
    best = [n for n in ins.referrals if n.size][:8]
    if not best:
        pdf.text("Nobody is recorded as referred yet: “Who referred them?” on a customer's "
                 "page.", Box(box.x, top - 30, box.w, 26), BODY)
        return
    hbars(pdf, Box(box.x, box.y, box.w, top - box.y - 4), [in_report(n.name) for n in best],
          [("Customers sent", GOAL, [n.size for n in best])], lambda v: f"{round(v):,}")


def drifting_panel(pdf: Pdf, box: Box, ins: Insights) -> None:
    """Where the buyers stand against their own rhythm of buying."""
    d = ins.drifting
    top = _heading(pdf, box, "Who is drifting",
                   "Buyers against their usual gap between purchases")
    names = ["On their rhythm", "Past their usual gap", "Lapsed", "Bought once"]
    values = [d.regular, d.count, d.lapsed, d.once]
    hbars(pdf, Box(box.x, box.y, box.w, top - box.y - 4), names,
          [("Customers", OVER, values)], lambda v: f"{round(v):,}",
          colours=[GOAL, WAITING, LATE, NONE])


PANELS: list[Panel] = [touches_panel, coverage_panel, value_panel, sources_panel,
                       drifting_panel, referrals_panel]


# --- the lists of the second page -----------------------------------------------------------

def _lists(pdf: Pdf, box: Box, ins: Insights) -> None:
    half = (box.w - 14) / 2
    left = [("Top customers", _top_lines(ins)), ("Not thanked yet", [
        f"{in_report(m.name)} — first purchase {m.first_purchase.day} {m.first_purchase:%b}"
        for m in ins.coverage.missed[:12]] or ["Everyone counted was thanked."])]
    right = [("Drifting: nearest to lapsing first", [
        f"{in_report(x.name)} — {x.days_since:,} days since buying "
        f"(usually {round(x.usual_gap):,})"
        for x in ins.drifting.shown[:14]] or ["Nobody is drifting."]),
        ("Who sent whom", _tree_lines(ins))]
    for x, blocks in ((box.x, left), (box.x + half + 14, right)):
        y = box.top
        for title, lines in blocks:
            pdf.text(title, Box(x, y - 14, half, 14), HEAD)
            pdf.line(x, y - 17, x + half, y - 17, 0.4, FAINT)
            height = min(y - 22 - box.y, 12.0 * len(lines) + 4)
            # One entry a line: a name pasted with a line break or tab must not print as an
            # entry of its own, which reads as another customer.
            text = "\n".join(" ".join(line.split()) for line in lines)
            pdf.text(text, Box(x, y - 22 - height, half, height), BODY)
            y -= 22 + height + 12


def _top_lines(ins: Insights) -> list[str]:
    if not ins.values:
        return ["No purchases recorded yet."]
    g = ins.values[0]
    return [f"{in_report(t.name)} — {money(t.cents, g.currency, ins.region)} "
            f"({t.purchases:,})"
            for t in g.top[:10]]


def _tree_lines(ins: Insights) -> list[str]:
    lines: list[str] = []
    for root in ins.referrals[:5]:
        lines.append(f"{in_report(root.name)} (sent {root.size:,})")
        for child in root.sent[:4]:
            more = (f" → {', '.join(in_report(c.name) for c in child.sent[:3])}"
                    if child.sent else "")
            lines.append(f"└ {in_report(child.name)}{more}")
    return lines or ["Nobody is recorded as referred yet."]


