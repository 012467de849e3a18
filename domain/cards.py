"""Writing a card: built-in templates, choosing a variant, composing the text, and checking
that the final text says something personal.

Pure: no Qt, no database. Built-in templates are JSON files in ``resources/templates``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from domain.model import Customer, Template
from domain.templates import OCCASIONS, render_template
from domain.text import fold
from resources import path as resource_path

DEFAULT_SIGNATURE = "{{ signature }}"

# A suggestion kind (domain/outreach) or milestone kind → the occasion of its card.
OCCASION_FOR = {
    "thank_you_first_purchase": "first_purchase",
    "thank_you_referral": "referral",
    "keep_in_touch": "keep_in_touch",
    "promise_due": "keep_in_touch",
    "problem_follow_up": "keep_in_touch",
    "thank_you_patience": "thank_you_patience",
    "lapsed": "we_miss_you",
    "sympathy": "sympathy",
    "bereavement": "sympathy",
    "custom": "keep_in_touch",
}


@dataclass(frozen=True, slots=True)
class Builtin:
    """One occasion's built-in wording: a front-panel headline and its variants."""

    occasion: str
    headline: str
    templates: tuple[Template, ...]


def occasion_for(kind: str) -> str:
    """The card occasion for a suggestion kind or a milestone kind."""
    if kind in OCCASIONS:
        return kind
    return OCCASION_FOR.get(kind, "keep_in_touch")


@lru_cache(maxsize=1)
def builtins() -> dict[str, Builtin]:
    """Every built-in occasion, read once from ``resources/templates/*.json``."""
    out = {}
    for file in sorted(resource_path("templates").glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        templates = tuple(
            Template(occasion=data["occasion"], name=v["name"], body=v["body"], variant=i,
                     card_format=data.get("card_format", "a2-folded"),
                     signature=v.get("signature", DEFAULT_SIGNATURE), builtin=True)
            for i, v in enumerate(data["variants"], start=1))
        out[data["occasion"]] = Builtin(data["occasion"], data["headline"], templates)
    return out


def builtin_templates() -> list[Template]:
    """All built-in templates, occasion by occasion."""
    return [t for b in builtins().values() for t in b.templates]


def headline(occasion: str) -> str:
    """The words on a folded card's front panel."""
    found = builtins().get(occasion)
    return found.headline if found else OCCASIONS.get(occasion, "Thank you")


def compose(template: Template, context: Mapping[str, Any]) -> str:
    """The card's text: body, sign-off, and the offer as a P.S. when the occasion allows it.

    Raises :class:`domain.templates.TemplateProblem` for a broken template.
    """
    body = render_template(template.body, context)
    sign = render_template(template.signature or DEFAULT_SIGNATURE, context)
    also = str(context.get("also") or "").strip()
    # A second occasion of the day (domain.outreach.together) is its own paragraph, unless
    # the owner's template already places it.
    parts = [body, also, sign] if "also" not in template.body else [body, sign]
    offer = str(context.get("offer") or "").strip()
    if offer and "offer" not in template.body:
        parts.append(offer_line(offer))
    return "\n\n".join(p for p in parts if p)


# The line a card adds for a second occasion of the same day, in the owner's voice.
_ALSO = {
    "referral": "And thank you for {friend} — it means a great deal.",
    "first_purchase": "And thank you for your first order with us — it was a real pleasure.",
    "thank_you_patience": "And thank you, too, for your patience while we put things right.",
    "birthday": "And a very happy birthday to {whom}, too!",
    "wedding_anniversary": "And a happy anniversary to you both!",
}


def also_line(occasion: str, whose: str = "", friend: str = "", label: str = "") -> str:
    """The sentence that answers ``occasion`` on a card written for another occasion of the
    same day: "And thank you for sending Ann our way — it means a great deal." ``whose``:
    the family member a milestone is for; ``friend``: whom a referral sent; ``label``: what
    to call an occasion without a template of its own (a custom milestone's name)."""
    whose, friend = whose.strip(), friend.strip()
    if occasion in _ALSO:
        sent = f"sending {friend} our way" if friend else "recommending us"
        return _ALSO[occasion].format(friend=sent, whom=whose or "you")
    label = (OCCASIONS.get(occasion) or label.strip() or occasion.replace("_", " ")).lower()
    if whose:
        return f"And congratulations to {whose} on the {label}, too!"
    return f"And congratulations on your {label}, too!"


def offer_line(offer: str) -> str:
    """The P.S. that carries the offer: ``P.S. A little something extra: a free bunch.``"""
    offer = offer.strip()
    if offer[-1:] not in ".!?":
        offer += "."
    if offer[:1].islower():
        return f"P.S. A little something extra: {offer}"
    return f"P.S. {offer}"


# --- rotation ---------------------------------------------------------------------------

def template_key(t: Template) -> int | str:
    return t.id if t.id is not None else f"{t.occasion}:{t.variant}"


def pick_variant(templates: Sequence[Template], last_used: Mapping[Any, int],
                 customer_id: int | None = None, avoid: Any = None) -> Template:
    """The variant used least recently (``last_used``: key → a rising sequence number).

    Ties go by the customer's id so the choice is deterministic; ``avoid`` (the key of the
    variant this customer received last time) is skipped when there is another.
    """
    if not templates:
        raise ValueError("there is no template to choose from")
    pool = [t for t in templates if template_key(t) != avoid] or list(templates)
    n = len(templates)
    offset = customer_id or 0
    return min(pool, key=lambda t: (last_used.get(template_key(t), -1),
                                    (t.variant - offset) % n, t.variant))


def assign_variants(templates: Sequence[Template], customer_ids: Sequence[int],
                    last_used: Mapping[Any, int] | None = None,
                    last_for_customer: Mapping[int, Any] | None = None) -> list[Template]:
    """One variant per customer, in order, so that consecutive customers get other words."""
    usage = dict(last_used or {})
    seq = max(usage.values(), default=0)
    chosen = []
    for cid in customer_ids:
        t = pick_variant(templates, usage, cid, (last_for_customer or {}).get(cid))
        seq += 1
        usage[template_key(t)] = seq
        chosen.append(t)
    return chosen


# --- does the text say something personal? --------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "dear", "do", "for",
    "from", "get", "had", "has", "have", "hello", "hi", "how", "i", "i'm", "if", "in", "is", "it",
    "it's", "just", "me", "my", "no", "not", "of", "on", "or", "our", "so", "that", "the", "them",
    "they", "this", "to", "too", "us", "very", "was", "we", "we're", "were", "what", "when",
    "will", "with", "you", "you're", "your", "yours", "all", "again", "also", "any", "best",
    "love", "much", "thank", "thanks", "hope", "wishes", "warmly", "regards", "cheers", "some",
    "more", "one", "here", "there", "about", "well",
))
FACT_KINDS_PERSONAL = ("family", "pet", "interest", "like", "gift_idea", "how_we_met")
OWN_WORDS_NEEDED = 3


def words(text: str) -> list[str]:
    """Folded words of ``text`` (accent- and case-blind)."""
    return _WORD.findall(fold(text))


def personal_touches(text: str, customer: Customer, template_text: str = "") -> list[str]:
    """What in ``text`` is personal beyond the name: facts it mentions, own words added.

    ``template_text`` is what the template produced before the owner edited it; words the
    owner added that are not in it (and not names or filler) count as their own.
    """
    found = [f"mentions {value}" for value in _mentioned_facts(text, customer)]
    own = _own_words(text, customer, template_text)
    if len(own) >= OWN_WORDS_NEEDED:
        found.append("adds your own words: " + " ".join(own[:6]))
    return found


def personal_sentence(text: str, customer: Customer, template_text: str = "") -> str:
    """The editor's check as the owner would say it: "✓ Just for Peggy: it mentions Biscuit
    and white orchid, and has words of your own." ("" when nothing personal is found)."""
    if not text.strip():
        return ""
    facts = _mentioned_facts(text, customer)
    own = len(_own_words(text, customer, template_text)) >= OWN_WORDS_NEEDED
    if not facts and not own:
        return ""
    said = [f"mentions {_listed(facts[:3])}"] if facts else []
    if own:
        said.append("has words of your own")
    return f"✓ Just for {customer.greeting_name or 'them'}: it {', and '.join(said)}."


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def says_something_personal(text: str, customer: Customer, template_text: str = "") -> bool:
    """True when the text mentions a fact or has the owner's own words (the editor warns
    when it does not)."""
    return bool(personal_touches(text, customer, template_text))


def _fact_values(customer: Customer) -> list[str]:
    values = [f.value for f in customer.facts if f.kind in FACT_KINDS_PERSONAL]
    values += [m.whose for m in customer.milestones if m.whose]
    recent = sorted(customer.purchases, key=lambda p: p.when)[-3:]
    values += [p.description for p in recent]
    return [v.strip() for v in values if v and v.strip()]


def _mentioned_facts(text: str, customer: Customer) -> list[str]:
    said = set(words(text))
    name_words = _name_words(customer)
    hits = []
    for value in _fact_values(customer):
        keys = [w for w in words(value) if w not in _STOP and w not in name_words
                and len(w) >= 3]
        if keys and any(w in said for w in keys):
            hits.append(value)
    return list(dict.fromkeys(hits))


def _name_words(customer: Customer) -> set[str]:
    names = " ".join((customer.given_name, customer.family_name, customer.preferred_name,
                      customer.company))
    return set(words(names))


def _own_words(text: str, customer: Customer, template_text: str) -> list[str]:
    known = set(words(template_text)) | _name_words(customer) | _STOP
    own = [w for w in words(text) if len(w) >= 3 and w not in known]
    return list(dict.fromkeys(own))
