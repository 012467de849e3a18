"""What a milestone is called, written once for the Today queue, the Calendar, the customer
page and the calendar export.

Ours are named by their kind ("Birthday"). A custom one is named by the owner's note ("Gotcha
day", "Opening night of her solo show"): its kind, "Other", tells the owner nothing.
"""

from __future__ import annotations

from domain.model import MILESTONE_LABELS

LONGEST = 60  # a name longer than this is cut at a word: it heads a row and a calendar entry
UNNAMED = "Milestone"  # a custom milestone without a note


def milestone_name(kind: str, note: str = "") -> str:
    """ "Birthday"; a custom milestone's note, its first line cut near ``LONGEST``."""
    if kind != "custom":
        return MILESTONE_LABELS.get(kind) or kind.replace("_", " ").capitalize()
    return _short(note) or UNNAMED


def milestone_phrase(kind: str, note: str = "") -> str:
    """The name inside a sentence ("Tom's birthday"): our words lowered, the owner's kept
    as written ("NYC marathon" stays)."""
    name = milestone_name(kind, note)
    return name if kind == "custom" and name != UNNAMED else name.lower()


def _short(note: str) -> str:
    """The note's first written line, spaces collapsed, cut at a word near ``LONGEST``."""
    lines = [" ".join(line.split()) for line in note.splitlines()]
    line = next((line for line in lines if line), "")
    if len(line) <= LONGEST:
        return line
    cut = line[:LONGEST].rsplit(" ", 1)[0] if " " in line[:LONGEST] else line[:LONGEST]
    return cut + "…"
