"""The insights in words (``insights``) and as JSON (``insights --json``): stable keys, amounts
in cents with their currency ("" the notebook's own)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from domain.insights import THANKS_DAYS, Drifter, Insights, Month, Source
from domain.insights_parts import Bucket, Node, ValueGroup
from domain.money import format_money

INDENT = "  "
LISTED = 10  # names listed per section in the text
DEEPEST = 100  # levels of the referrals tree in the JSON (the encoder nests by recursion)


def plural(count: int, noun: str) -> str:
    """"1 customer", "50,000 customers"."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def money(cents: int, currency: str = "", region: str = "") -> str:
    """``$1,234.50`` (or ``1.234,50 €``) as the notebook's country writes amounts, in
    ``currency`` when it is not the country's own (domain.money)."""
    return format_money(Decimal(cents) / 100, region, currency)


def share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def period_words(ins: Insights) -> str:
    """"January – 7 December 2026"."""
    end, start = ins.today, ins.start
    first = f"{start:%B}" if start.year == end.year else f"{start:%B %Y}"
    return f"{first} – {end.day} {end:%B %Y}"


def month_label(m: Month) -> str:
    return f"{m.first:%b}" + (" (so far)" if m.partial else "")


def coverage_words(ins: Insights) -> str:
    """"12 of 16 new customers (75%) were thanked within 14 days; 2 are still within them"."""
    c = ins.coverage
    if not c.new:
        return "No new customers in the period."
    head = (f"{c.thanked:,} of {c.counted:,} new customer{'s' if c.counted != 1 else ''} "
            f"({share(c.thanked, c.counted)}) "
            f"thanked within {THANKS_DAYS} days of their first purchase"
            if c.counted else "Nobody's first 14 days are over yet")
    return head + (f"; {c.waiting:,} still within their {THANKS_DAYS} days" if c.waiting
                   else "")


def bucket_label(b: Bucket, currency: str = "") -> str:
    if b.high_cents is None:
        return f"{_whole(b.low_cents)}+ {currency}".strip()
    if b.low_cents == 0:
        return f"under {_whole(b.high_cents)} {currency}".strip()
    return f"{_whole(b.low_cents)}–{_whole(b.high_cents)} {currency}".strip()


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _whole(cents: int) -> str:
    return f"{cents // 100:,}"


def figures(ins: Insights) -> list[tuple[str, str]]:
    """The headline figures: (the number, what it is), as tiles on paper and in the window."""
    c = ins.coverage
    main = ins.values[0] if ins.values else None
    return [
        (f"{ins.customers:,}", "customers"),
        (share(c.thanked, c.counted) if c.counted else "–",
         "new customers thanked within 14 days"),
        (money(main.median_cents, main.currency, ins.region) if main else "–",
         "median lifetime value"),
        (f"{ins.drifting.count:,}", "drifting past their usual gap"),
    ]


def plain_text(ins: Insights) -> str:
    """The insights as a person reads them on a terminal."""
    lines = [f"Insights, {period_words(ins)} ({plural(ins.customers, 'customer')})", ""]
    lines += [*_touch_lines(ins), ""]
    lines += ["Thank-you coverage", INDENT + coverage_words(ins) + "."]
    lines += [f"{INDENT}Not thanked: {m.name} (first purchase {_day(m.first_purchase)})"
              for m in ins.coverage.missed[:LISTED]]
    for group in ins.values or ():
        lines += ["", *_value_lines(group, ins.region)]
    if not ins.values:
        lines += ["", "Lifetime value", INDENT + "No purchases recorded yet."]
    lines += ["", *_drift_lines(ins), "", *_referral_lines(ins), "", *_source_lines(ins)]
    return "\n".join(lines)


def _touch_lines(ins: Insights) -> list[str]:
    lines = ["Touches per customer per month (goal: one or two)",
             f"{INDENT}{'month':<14}{'customers':>10}{'none':>8}{'1–2':>8}{'3+':>8}"]
    for m in ins.months:
        lines.append(f"{INDENT}{month_label(m):<14}{m.active:>10,}{share(m.none, m.active):>8}"
                     f"{share(m.goal, m.active):>8}{share(m.more, m.active):>8}")
    return lines


def _value_lines(g: ValueGroup, region: str = "") -> list[str]:
    cur = f" ({g.currency})" if g.currency else ""

    def money_of(cents: int) -> str:
        return money(cents, g.currency, region)

    lines = [f"Lifetime value{cur}",
             f"{INDENT}{plural(g.customers, 'buyer')}, {money_of(g.total_cents)} in all; "
             f"median {money_of(g.median_cents)}, average {money_of(g.average_cents)}"]
    lines += [f"{INDENT}{bucket_label(b):>16}  {b.customers:>7,}" for b in g.buckets]
    lines.append(f"{INDENT}Top customers:")
    lines += [f"{INDENT * 2}{t.name}: {money_of(t.cents)} "
              f"({plural(t.purchases, 'purchase')})" for t in g.top[:LISTED]]
    return lines


def _drift_lines(ins: Insights) -> list[str]:
    d = ins.drifting
    lines = ["Drifting (past their usual gap between purchases)",
             f"{INDENT}{plural(d.count, 'customer')} drifting; {d.lapsed:,} lapsed "
             "(Today suggests a we-miss-you for them)"]
    lines += [f"{INDENT * 2}{x.name}: last bought {_day(x.last_purchase)} {x.last_purchase.year}, "
              f"{x.days_since} days ago; usually every {round(x.usual_gap)} days"
              for x in d.shown[:LISTED]]
    return lines


def _referral_lines(ins: Insights) -> list[str]:
    lines = ["Referrals (who sent whom)",
             f"{INDENT}{plural(ins.referred, 'customer')} referred by another"]
    for node in ins.referrals[:LISTED]:
        lines += _branch(node, 2, 3)
    return lines


def _branch(node: Node, depth: int, room: int) -> list[str]:
    sent = f" — sent {node.size}" if node.size else ""
    lines = [f"{INDENT * depth}{node.name}{sent}"]
    if room > 1:
        for child in node.sent[:LISTED]:
            lines += _branch(child, depth + 1, room - 1)
    return lines


def _source_lines(ins: Insights) -> list[str]:
    lines = ["How customers found us (cost of winning a customer beside their worth)"]
    if not ins.recorded_sources:
        lines.append(f"{INDENT}Fill in “Found us via” on customers' pages to see this by "
                     "source.")
    lines += [f"{INDENT}{s.name}: {plural(s.customers, 'customer')}, {s.won:,} won this period"
              + _costs(s, ins.region) for s in ins.sources]
    return lines


def _costs(s: Source, region: str = "") -> str:
    parts = []
    if s.cost_cents is not None:
        parts.append(f"spent {money(s.cost_cents, '', region)}")
        if s.cost_per_won is not None:
            parts.append(f"{money(s.cost_per_won, '', region)} per customer won")
    if s.value_cents is not None:
        parts.append(f"a customer is worth {money(s.value_cents, s.currency, region)}")
    return ("; " + ", ".join(parts)) if parts else ""


# --- JSON -----------------------------------------------------------------------------------

def as_json(ins: Insights) -> dict[str, Any]:
    """The object ``insights --json`` prints."""
    c = ins.coverage
    return {
        "date": ins.today.isoformat(), "start": ins.start.isoformat(),
        "customers": ins.customers,
        "months": [{"month": f"{m.first:%Y-%m}", "customers": m.active, "none": m.none,
                    "one_or_two": m.goal, "three_or_more": m.more, "touches": m.touches,
                    "partial": m.partial} for m in ins.months],
        "thank_you_coverage": {
            "days": THANKS_DAYS, "new_customers": c.new, "thanked": c.thanked,
            "waiting": c.waiting, "share": None if c.share is None else round(c.share, 4),
            "not_thanked": [{"customer_id": m.customer_id, "customer": m.name,
                             "first_purchase": m.first_purchase.isoformat()}
                            for m in c.missed]},
        "lifetime_value": [_group_json(g) for g in ins.values],
        "drifting": {"count": ins.drifting.count, "lapsed": ins.drifting.lapsed,
                     "regular": ins.drifting.regular, "bought_once": ins.drifting.once,
                     "customers": [_drifter_json(x) for x in ins.drifting.shown]},
        "referrals": {"referred": ins.referred, "tree": [_node_json(n) for n in ins.referrals]},
        "sources": [_source_json(s) for s in ins.sources],
    }


def _group_json(g: ValueGroup) -> dict[str, Any]:
    return {"currency": g.currency, "customers": g.customers, "total_cents": g.total_cents,
            "median_cents": g.median_cents, "average_cents": g.average_cents,
            "buckets": [{"low_cents": b.low_cents, "high_cents": b.high_cents,
                         "customers": b.customers} for b in g.buckets],
            "top": [{"customer_id": t.customer_id, "customer": t.name, "cents": t.cents,
                     "purchases": t.purchases} for t in g.top]}


def _drifter_json(x: Drifter) -> dict[str, Any]:
    return {"customer_id": x.customer_id, "customer": x.name,
            "last_purchase": x.last_purchase.isoformat(), "usual_gap_days": x.usual_gap,
            "days_since": x.days_since, "lapses_in_days": x.lapses_in}


def _node_json(root: Node) -> dict[str, Any]:
    """A branch as nested objects, built without recursion; past ``DEEPEST`` levels (a chain
    no shop has, but a typo loop or an import could make) a node says how many it sent."""
    out: dict[int, dict[str, Any]] = {}
    order, depth, i = [root], {id(root): 0}, 0
    while i < len(order):
        if depth[id(order[i])] < DEEPEST:
            for child in order[i].sent:
                depth[id(child)] = depth[id(order[i])] + 1
                order.append(child)
        i += 1
    for node in reversed(order):
        item = {"customer_id": node.customer_id, "customer": node.name,
                "sent": [out[id(c)] for c in node.sent if id(c) in out]}
        if node.sent and not item["sent"]:
            item["more"] = node.size
        out[id(node)] = item
    return out[id(root)]


def _source_json(s: Source) -> dict[str, Any]:
    return {"source": s.name, "customers": s.customers, "won": s.won,
            "cost_cents": s.cost_cents, "cost_per_won_cents": s.cost_per_won,
            "value_cents": s.value_cents, "value_currency": s.currency}


def json_text(ins: Insights) -> str:
    """``as_json`` as text: one line, as json's fast encoder writes it."""
    return json.dumps(as_json(ins), ensure_ascii=False)


