"""Before printing: which characters of a batch no bundled font draws, and where they are.

Such a character is left out of the PDF, never drawn as a box; the command line and the
window both ask this module first and say the same words ("the 🦋 (butterfly) in Ana
Silva's card message cannot be printed"), then the owner decides: print without them, or stop.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from domain.text import in_ltr_line
from exports.cards.cardjob import CardJob

SHOWN = 3  # characters named in the one-line message; the rest are counted


@dataclass(frozen=True, slots=True)
class Unprintable:
    """One character (a letter with its marks, an emoji) that no bundled font has."""

    char: str
    customer: str  # whose card or address it is in; "" for the return address
    where: str  # card message, name, address, return address, business name

    def place(self) -> str:
        return f"{self.customer}'s {self.where}" if self.customer else f"the {self.where}"


def unprintable(jobs: Iterable[CardJob]) -> list[Unprintable]:
    """Every character of the batch's cards, envelopes and labels that cannot be printed,
    once per person and place, in batch order."""
    found: dict[Unprintable, None] = {}
    missing = _Missing()
    for job in jobs:
        who = _who(job)
        fields = [("card message", job.text), ("business name", job.business)]
        fields += [(_line_kind(line, job), line) for line in job.recipient]
        for where, text in fields:
            for char in missing(text):
                found[Unprintable(char, _without(who, char), where)] = None
        for line in job.sender:
            for char in missing(line):
                found[Unprintable(char, "", "return address")] = None
    return list(found)


class _Missing(dict):
    """The characters of a text no bundled font draws, each text looked at once a batch:
    every card repeats the business's name and the return address."""

    def __call__(self, text: str) -> list[str]:
        found = self.get(text)
        if found is None:
            from exports.cards import fonts, runs

            found = self[text] = runs.unprintable(fonts.clean(text))
        return found


def describe(found: list[Unprintable]) -> str:
    """What cannot be printed and where, as one clause starting in lower case ("the 🦋
    (butterfly) in Ana Silva's card message cannot be printed (…)"); "" when nothing."""
    if not found:
        return ""
    places: dict[tuple[str, str], list[str]] = {}
    for item in found:
        places.setdefault((item.char, item.customer), []).append(item.where)
    parts = []
    for (char, customer), wheres in places.items():
        where = " and ".join(dict.fromkeys(wheres))
        parts.append(f"the {char} ({_name(char)}) in "
                     + (f"{customer}'s {where}" if customer else f"the {where}"))
    shown = ", ".join(parts[:SHOWN])
    if len(parts) > SHOWN:
        shown += f" and {len(parts) - SHOWN} more"
    text = f"{shown} cannot be printed (no font Rapport has draws "
    return text + ("it)." if len(found) == 1 else "them).")


def in_report(name: str) -> str:
    """A customer's ``name`` as a line of a report on paper (the agenda, the insights) prints
    it: set apart when it reads right to left (``domain.text.in_ltr_line``), and when no
    bundled font draws any of its letters (emoji only), its characters called by their names,
    "(sunflower)", never a blank where a name was. A name that prints leaves such characters
    out, as the cards do with --skip-unprintable."""
    missing = _Missing()(name)
    if missing:
        rest = name
        for char in missing:
            rest = rest.replace(char, " ")
        if not any(ch.isalnum() for ch in rest):
            return " ".join(f"({_name(char)})" for char in missing)
        name = " ".join(rest.split())  # "Ana 🦋" → "Ana", not "Ana " before the dash
    return in_ltr_line(name)


def _name(char: str) -> str:
    """What the character is called, for a screen or terminal that cannot show it: a flag by
    its country's letters ("flag: US"), a joined sequence by its parts ("man + woman +
    girl"), else by its first character (a skin tone or a variation selector unsaid)."""
    from exports.cards.runs import regional

    if len(char) == 2 and all(map(regional, char)):
        return "flag: " + "".join(chr(ord(ch) - 0x1F1E6 + ord("A")) for ch in char)
    parts = char.split("\u200d") if "\u200d" in char else [char]
    return " + ".join(unicodedata.name(p[0], f"U+{ord(p[0]):04X}").lower() for p in parts if p)


def _who(job: CardJob) -> str:
    return job.customer or (job.recipient[0] if job.recipient else "")


def _line_kind(line: str, job: CardJob) -> str:
    name = _who(job)
    return "name" if name and (name in line or line in name) else "address"


def _without(name: str, char: str) -> str:
    """The person's name as the message can show it: without the character itself."""
    return " ".join(name.replace(char, " ").split())
