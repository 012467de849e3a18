"""Card templates: the owner writes the source, customer data only ever fills in values.

Templates are Jinja2 run in a ``SandboxedEnvironment`` with ``StrictUndefined`` and no
autoescaping (cards are plain text, not HTML). A customer called ``{{ 7*7 }}`` prints as
written: the name is a value in the context, never part of the template source. Every way a
template can go wrong — a syntax error, a name Rapport does not know, a sandbox refusal —
comes back as one :class:`TemplateProblem` with the line and a plain message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, cast

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from domain.model import Address, Customer, Milestone
from domain.template_sandbox import (
    DEFAULT_BUDGET,
    Budget,
    BudgetExceeded,
    CardSandbox,
    metered,
)

MAX_OUTPUT = 20_000  # characters a template may write: a card, not a novel
MAX_SOURCE = 50_000  # characters of template source (the built-ins are under 1,000)

OCCASIONS = {
    "first_purchase": "First purchase",
    "repeat_purchase": "Repeat purchase",
    "referral": "Referral thank-you",
    "birthday": "Birthday",
    "wedding_anniversary": "Wedding anniversary",
    "customer_anniversary": "Customer anniversary",
    "business_anniversary": "Business anniversary",
    "graduation": "Graduation",
    "new_baby": "New baby",
    "new_home": "New home",
    "promotion": "Promotion",
    "retirement": "Retirement",
    "sympathy": "Sympathy",
    "thank_you_patience": "Thanks for your patience",
    "holiday": "Holiday greetings",
    "price_change": "Price-change notice",
    "keep_in_touch": "Thinking of you",
    "we_miss_you": "We miss you",
}
# Thank-you notes may carry a "little something extra"; a sympathy card never does.
OFFER_OCCASIONS = frozenset({"first_purchase", "repeat_purchase", "referral",
                             "thank_you_patience", "we_miss_you"})


class TemplateProblem(ValueError):
    """A template that cannot be used; ``line`` is 1-based, or None when unknown."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass(slots=True)
class Sender:
    """Who the cards come from, as kept in the notebook's settings."""

    business: str = ""
    owner: str = ""
    signature: str = ""  # how the owner signs: "Maria", "Maria & the Bloom team"
    return_address: Address = field(default_factory=Address)
    offer: str = ""  # the "little something extra" on thank-yous, e.g. "10% off your next visit"
    grace_days: int = 30  # price-change notices: how long the old prices hold
    home: str = "US"  # the owner's country (the notebook's region): mail to it has no country


    def signs_as(self) -> str:
        return self.signature or self.owner or self.business

    def return_lines(self, abroad: bool = False) -> list[str]:
        """The return address as the owner's country writes it; on mail ``abroad`` it ends
        with the country, so the foreign post can send it back."""
        a = self.return_address  # the same on every card of a batch: worked out once
        return list(_return_lines((a.street, a.city, a.region, a.postal_code, a.country),
                                  self.home, self.business or self.owner, abroad))


@lru_cache(maxsize=8)
def _return_lines(address: tuple[str, str, str, str, str], home: str, name: str,
                  abroad: bool) -> tuple[str, ...]:
    from domain.postal import postal_lines  # late: only printing needs the formats

    return tuple(postal_lines(Address(*address), home, name, abroad=abroad))


@lru_cache(maxsize=1)
def environment() -> CardSandbox:
    """The one sandbox every template is compiled in (its renders are metered per thread)."""
    return CardSandbox(context_names=frozenset(PLACEHOLDERS), undefined=StrictUndefined,
                       autoescape=False, lstrip_blocks=True)


def check_template(source: str) -> None:
    """Raise :class:`TemplateProblem` when ``source`` is not a valid template."""
    if len(source) > MAX_SOURCE:
        raise TemplateProblem(f"the template is too long ({len(source):,} characters; a card "
                              f"template may have {MAX_SOURCE:,})")
    try:
        _compiled(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(_syntax_message(exc), exc.lineno) from None
    except RecursionError:
        raise TemplateProblem("the template cannot be read: it is nested too deeply") from None
    except Exception as exc:  # Python's own compiler refusing what Jinja made of it
        raise TemplateProblem(f"the template cannot be read: {exc}") from None


@lru_cache(maxsize=512)
def _compiled(source: str) -> Template:
    """Compiling is the slow part of Jinja; a batch reuses each template's compiled form."""
    return environment().from_string(source)


def render_template(source: str, context: Mapping[str, Any],
                    budget: Budget = DEFAULT_BUDGET) -> str:
    """Fill ``source`` with ``context``; every failure is a :class:`TemplateProblem`.

    The render is bounded by ``budget`` (time, loop turns, text built) and its output by
    :data:`MAX_OUTPUT`: a template that would run on or build too much is stopped.
    """
    check_template(source)
    try:
        text = metered(budget, _generate, _compiled(source), context)
    except Exception as exc:  # every failure becomes a message
        raise _problem(exc) from None
    return tidy(text)


def _generate(template: Template, context: Mapping[str, Any]) -> str:
    """The output piece by piece, stopped as soon as it is longer than a card can hold.

    Jinja's own ``generate()`` wraps each piece in one more generator; this is its loop
    without that layer (the guard's cost on ordinary cards stays under 10 %)."""
    pieces: list[str] = []
    keep, size = pieces.append, 0
    try:
        # Jinja copies the context into its own dict: any mapping will do.
        for piece in template.root_render_func(template.new_context(cast(dict, context))):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TemplateProblem("the text is far too long for a card")
            keep(piece)
    except TemplateProblem:
        raise
    except Exception:
        template.environment.handle_exception()  # re-raised with the template's own lines
    return "".join(pieces)


def _problem(exc: BaseException) -> TemplateProblem:
    """Any failure of a render as one plain message, with the template line when known."""
    if isinstance(exc, TemplateProblem):
        return exc
    line = _template_line(exc)
    if isinstance(exc, BudgetExceeded):
        return TemplateProblem(f"this template was stopped: {exc}", line)
    if isinstance(exc, UndefinedError):
        return TemplateProblem(_undefined_message(exc), line)
    if isinstance(exc, SecurityError):
        return TemplateProblem(f"that is not allowed in a card template ({exc})", line)
    if isinstance(exc, RecursionError):
        return TemplateProblem("this template was stopped: it calls itself too deeply", line)
    if isinstance(exc, MemoryError):
        return TemplateProblem("this template was stopped: it builds too much text", line)
    if isinstance(exc, ArithmeticError):
        return TemplateProblem(f"a number in it cannot be worked out ({exc})", line)
    return TemplateProblem(f"this could not be filled in: {exc}", line)


def tidy(text: str) -> str:
    """Trailing spaces gone, at most one blank line in a row, no blank start or end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


_BLANK_RUNS = re.compile(r"\n{3,}")


def _template_line(exc: BaseException) -> int | None:
    """The template line Jinja mapped into the traceback (its frames are named <template>)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _syntax_message(exc: TemplateSyntaxError) -> str:
    return f"the template cannot be read: {exc.message or 'syntax error'}"


def _undefined_message(exc: UndefinedError) -> str:
    text = str(exc.message or exc)
    if "is undefined" in text:
        name = text.split(" is undefined")[0].strip("'\"")
        return (f"“{name}” is not something Rapport knows; use one of: "
                + ", ".join(sorted(PLACEHOLDERS)))
    return f"that detail is missing: {text}"


class Placeholder(NamedTuple):
    """A name a template can use: its label (the editor's chip) and what it holds."""

    label: str
    meaning: str


# The names a template can use, with their chips' labels and what they hold (the Templates
# screen); the one registry of template fields.
PLACEHOLDERS = {
    "name": Placeholder("Their name",
                        "what they like to be called (preferred name, else first name)"),
    "first_name": Placeholder("First name", "their given name"),
    "family_name": Placeholder("Family name", "their family name"),
    "full_name": Placeholder("Full name", "given and family name"),
    "company": Placeholder("Company", "their company"),
    "family": Placeholder("Their family", "family members, e.g. “Anna and Tom”"),
    "family_list": Placeholder("Family (list)", "family members as a list of {name, relation}"),
    "partner": Placeholder("Partner",
                           "their partner (a family member whose relation is wife, husband, "
                           "partner…)"),
    "friend": Placeholder("Friend they sent", "the friend they referred (referral thank-yous)"),
    "pets": Placeholder("Pets", "pets' names, e.g. “Biscuit”"),
    "pet": Placeholder("Pet", "the first pet's name"),
    "interest": Placeholder("Interest", "their first interest"),
    "interests": Placeholder("Interests (list)", "their interests as a list"),
    "last_purchase": Placeholder("Last purchase", "what they bought last"),
    "last_purchase_date": Placeholder("Last purchase date", "when they bought it last"),
    "years": Placeholder("Years",
                         "years being celebrated (age, anniversary), when the year is known"),
    "nth": Placeholder("Ordinal (10th)", "the same as an ordinal, e.g. “10th”"),
    "whose": Placeholder("Whose day", "whose milestone it is, when it is a family member's"),
    "customer_years": Placeholder("Years as customer", "whole years since they became a customer"),
    "business": Placeholder("Your business", "your business's name"),
    "owner": Placeholder("Your name", "your name"),
    "signature": Placeholder("Your signature", "how you sign"),
    "offer": Placeholder("Your offer", "your “little something extra” (thank-yous only)"),
    "grace_days": Placeholder("Grace days", "price-change notice: days the old prices hold"),
    "grace_until": Placeholder("Old prices until",
                               "price-change notice: the last day of the old prices"),
    "today": Placeholder("Today's date", "today's date"),
    "occasion": Placeholder("Occasion", "the occasion"),
    "also": Placeholder("Also today",
                        "a line for another occasion of the same day this card answers too"),
}


# --- the context a template is filled with ------------------------------------------------

def build_context(customer: Customer, sender: Sender, occasion: str, today: date,
                  milestone: Milestone | None = None, friend: str = "",
                  also: Sequence[str] = ()) -> dict[str, Any]:
    """Every placeholder's value for one customer; missing facts are empty, never undefined.

    ``milestone`` is the one being celebrated (for years and whose); ``friend`` is the name
    of the customer someone referred, for referral thank-yous; ``also`` the lines for other
    occasions of the day the same card answers (domain.cards.also_line).
    """
    return {
        **_names(customer), **_facts(customer), **_purchase(customer),
        **_years(customer, milestone, today),
        "business": sender.business, "owner": sender.owner, "signature": sender.signs_as(),
        "offer": sender.offer if occasion in OFFER_OCCASIONS else "",
        "grace_days": sender.grace_days,
        "grace_until": format_date(today + timedelta(days=max(0, sender.grace_days))),
        "today": format_date(today), "occasion": OCCASIONS.get(occasion, occasion),
        "friend": friend.strip(), "also": " ".join(line.strip() for line in also),
    }


def _names(c: Customer) -> dict[str, str]:
    full = " ".join(p for p in (c.given_name.strip(), c.family_name.strip()) if p)
    return {"name": c.greeting_name.strip() or "friend", "first_name": c.given_name.strip(),
            "family_name": c.family_name.strip(), "full_name": full or c.company.strip(),
            "company": c.company.strip()}


def _facts(c: Customer) -> dict[str, Any]:
    from domain.outreach.rules.sympathy import departed, died  # late: the engine is large

    gone = departed(c.milestones)  # never greeted on a card (issue 14)
    family = [{"name": f.value.strip(), "relation": f.relation.strip()}
              for f in c.facts_of("family") if f.value.strip() and not died(f.value, gone)]
    pets = [f.value.strip() for f in c.facts_of("pet")
            if f.value.strip() and not died(f.value, gone)]
    interests = [f.value.strip() for f in c.facts_of("interest") if f.value.strip()]
    partner = next((m["name"] for m in family if m["relation"].casefold() in PARTNERS), "")
    return {"family": join_names([m["name"] for m in family]), "family_list": family,
            "partner": partner,
            "pets": join_names(pets), "pet": pets[0] if pets else "",
            "interests": interests, "interest": interests[0] if interests else ""}


PARTNERS = frozenset({"wife", "husband", "partner", "spouse", "fiancé", "fiancée", "fiance",
                      "fiancee", "girlfriend", "boyfriend"})


def _purchase(c: Customer) -> dict[str, str]:
    if not c.purchases:
        return {"last_purchase": "", "last_purchase_date": ""}
    last = max(c.purchases, key=lambda p: p.when)
    return {"last_purchase": last.description.strip(),
            "last_purchase_date": format_date(last.when)}


def _years(c: Customer, milestone: Milestone | None, today: date) -> dict[str, Any]:
    years = None
    if milestone is not None:
        years = milestone.date.years_at(milestone.date.next_occurrence(today))
    customer_years = None
    if c.customer_since:
        customer_years = years_between(c.customer_since, today)
    if years is None and milestone is not None and milestone.kind == "customer_anniversary":
        years = customer_years
    years = years if years and years > 0 else None
    return {"years": years or "", "nth": ordinal(years) if years else "",
            "whose": milestone.whose.strip() if milestone else "",
            "customer_years": customer_years or ""}


def years_between(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (a birthday not yet reached does not count)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join_names(names: list[str]) -> str:
    """``Anna``, ``Anna and Tom``, ``Anna, Tom and Lee``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def format_date(value: date) -> str:
    """A date as a card writes it: ``3 November 2026``."""
    return f"{value.day} {value:%B %Y}"
