"""The sample customer templates are tried on: in the Templates screen's preview, and when a
notebook file brings templates in.

Someone with a little of everything a template can mention, so every placeholder has a value.
A template that fills in for her, within the sandbox's budget, is usable; one that does not is
refused on import as the Templates screen refuses to save it.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.cards import DEFAULT_SIGNATURE, compose
from domain.dates import PartialDate
from domain.model import MILESTONE_KINDS, Customer, Fact, Milestone, Purchase, Template
from domain.template_sandbox import DEFAULT_BUDGET, Budget
from domain.templates import Sender, TemplateProblem, build_context, render_template

SAMPLE_FRIEND = "Tom Baker"
SAMPLE_DAY = date(2026, 6, 1)  # a fixed day: whether a template is usable never depends on when
SAMPLE_SENDER = Sender(business="Bloom & Co", owner="Maria Lopez", signature="Maria",
                       offer="10% off your next visit", grace_days=30)


def sample_customer(today: date) -> Customer:
    """Margaret “Peggy” Shaw: a husband, a whippet, sailing, a recent bunch of peonies."""
    return Customer(
        given_name="Margaret", family_name="Shaw", preferred_name="Peggy",
        company="Shaw & Daughters", customer_since=date(today.year - 6, 4, 12),
        facts=[Fact("family", "Declan", relation="husband"),
               Fact("family", "Anna", relation="daughter"),
               Fact("pet", "Biscuit", relation="whippet"),
               Fact("interest", "sailing"), Fact("like", "peonies")],
        purchases=[Purchase(today - timedelta(days=12), Decimal("45.00"),
                            "a bunch of peonies")])


def milestone_for(customer: Customer, occasion: str, sample: bool,
                  today: date) -> Milestone | None:
    """The milestone an ``occasion`` card celebrates: the customer's own of that kind, or
    for the sample a made-up one (so years and ordinals show)."""
    if occasion not in MILESTONE_KINDS:
        return None
    found = next((m for m in customer.milestones if m.kind == occasion), None)
    if found is not None or not sample:
        return found
    soon = today + timedelta(days=10)
    day = min(soon.day, 28)
    return Milestone(occasion, PartialDate(soon.month, day, soon.year - 40))


def sample_context(occasion: str, today: date = SAMPLE_DAY,
                   sender: Sender = SAMPLE_SENDER) -> dict:
    """Every placeholder's value for the sample customer and ``occasion``."""
    person = sample_customer(today)
    return build_context(person, sender, occasion, today,
                         milestone_for(person, occasion, True, today), SAMPLE_FRIEND)


def try_template(template: Template, context: dict,
                 budget: Budget = DEFAULT_BUDGET) -> tuple[dict[str, TemplateProblem], str]:
    """Fill ``template`` in with ``context``: each part's problem (``"body"``,
    ``"signature"``), and the card's text when there is none. Slow for a hostile template
    (up to the sandbox's budget): the window calls it on its worker."""
    problems = {}
    for part, source in (("body", template.body),
                         ("signature", template.signature or DEFAULT_SIGNATURE)):
        try:
            render_template(source, context, budget)
        except TemplateProblem as exc:
            problems[part] = exc
    return problems, ("" if problems else compose(template, context))


def first_problem(template: Template, context: dict | None = None,
                  budget: Budget = DEFAULT_BUDGET) -> tuple[str, TemplateProblem] | None:
    """Where ``template`` fails (``"body"`` or ``"signature"``, and why) for ``context`` (by
    default the sample customer's), or None when it fills in within the sandbox's budget, as
    the Templates screen requires before it saves one."""
    if context is None:
        context = sample_context(template.occasion)
    problems, _text = try_template(template, context, budget)
    return next(iter(problems.items()), None)


__all__ = ["SAMPLE_DAY", "SAMPLE_FRIEND", "first_problem", "milestone_for", "sample_context",
           "sample_customer", "try_template"]
