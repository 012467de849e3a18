"""The customer's facts as the card editor lists them, each with the line a click inserts.

Pure Python (no Qt): what a fact says, and a short personal sentence built from it that the
owner then makes their own. Facts that are for the owner's eyes only (how to say the name,
dislikes, how we met) are listed without a line to insert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.dates import PartialDate
from domain.model import Customer
from domain.outreach.rules.sympathy import departed, died, died_phrase
from domain.templates import format_date

# The part of a free-form fact worth quoting: "foraging; brings us wild fennel" → "foraging".
_CUT = re.compile(r"\s*(?:[;,(:]|\s[—–-]\s)\s*")


@dataclass(frozen=True, slots=True)
class FactItem:
    """One entry of the facts list: a section, what it says, and the line to insert."""

    section: str
    text: str
    line: str = ""  # empty: shown for reference only

    @property
    def insertable(self) -> bool:
        return bool(self.line)


def short(value: str) -> str:
    """The head of a free-form fact, without trailing asides."""
    return _CUT.split(value.strip(), maxsplit=1)[0].strip().rstrip(".,") or value.strip()


def _lower_first(text: str) -> str:
    """``Wedding centrepieces`` → ``wedding centrepieces``; names and acronyms stay."""
    head = text.split(" ", 1)[0]
    if len(head) > 1 and head[0].isupper() and head[1:].islower() and " " in text:
        return text[0].lower() + text[1:]
    return text


def fact_items(c: Customer) -> list[FactItem]:
    """Everything the editor offers about ``c``, in the order it lists them."""
    items = [FactItem("Name", f"Likes to be called {c.greeting_name}", c.greeting_name)]
    if c.pronunciation.strip():
        items.append(FactItem("Name", f"Say it: {c.pronunciation.strip()}"))
    gone = departed(c.milestones)
    for f in c.facts:
        when = died(f.value, gone) if f.kind in ("family", "pet") else None
        if when is not None:
            items.append(_in_memory(f.kind, f.value.strip(), f.relation.strip(), when))
        elif f.value.strip():
            items.append(_fact(f.kind, f.value.strip(), f.relation.strip()))
    if c.purchases:
        last = max(c.purchases, key=lambda p: p.when)
        what = last.description.strip()
        if what:
            items.append(FactItem("Last purchase", f"{what} ({format_date(last.when)})",
                                  f"Hope you're enjoying the {_lower_first(short(what))}."))
    notes = [i for i in c.interactions if i.summary.strip()]
    if notes:
        note = max(notes, key=lambda i: i.when)
        items.append(FactItem("Last note", f"{note.summary.strip()} "
                                           f"({format_date(note.when)})",
                              note.summary.strip()))
    return items


_SECTIONS = {"family": "Family and pets", "pet": "Family and pets", "interest": "Interests",
             "like": "Likes", "dislike": "Dislikes", "gift_idea": "Gift ideas",
             "how_we_met": "How we met"}


def _fact(kind: str, value: str, relation: str) -> FactItem:
    section = _SECTIONS.get(kind, "Details")
    shown = f"{value} ({relation})" if relation else value
    head = short(value)
    line = {
        "family": f"Please give our best to {head}.",
        "pet": f"A pat for {head} from us.",
        "interest": f"Hope there's been time for {_lower_first(head)} lately.",
        "like": f"We'll keep some {_lower_first(head)} aside for you.",
        "gift_idea": f"We saw some {_lower_first(head)} and thought of you.",
    }.get(kind, "")
    return FactItem(section, shown, line)


def _in_memory(kind: str, value: str, relation: str, when: PartialDate) -> FactItem:
    """Someone who died, marked so, with no line to insert: a card never greets them."""
    aside = "; ".join(part for part in (relation, died_phrase(when)) if part)
    return FactItem(_SECTIONS.get(kind, "Details"), f"{value} ({aside})")


def spaced(before: str, line: str, after: str) -> str:
    """``line`` as inserted between the characters ``before`` and ``after`` the cursor:
    with a space where it would otherwise run into a word."""
    lead = " " if before and not before.isspace() else ""
    tail = " " if after and not after.isspace() else ""
    return f"{lead}{line}{tail}"
