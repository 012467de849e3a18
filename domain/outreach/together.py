"""One card for two occasions: what the queue shows when a customer's birthday card and their
thank-you for a referral fall due the same day by the same way.

The owner would write one card, so the queue shows one suggestion naming both reasons; one
Done, snooze or dismiss settles both (storage acts on every key of :meth:`Suggestion.settled_keys`),
and the card's words are the main occasion's template with a line for the other
(domain.cards.also_line). Sympathy never shares a card with a celebration or a thank-you, and
the owner's own promises and problems are kept in their own words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.outreach.suggestion import PRIORITY, Suggestion

# Kinds a card answers, and so may share one with another of them.
ONE_CARD = frozenset({"milestone", "thank_you_first_purchase", "thank_you_referral",
                      "thank_you_patience"})


def together(found: list[Suggestion]) -> list[Suggestion]:
    """One customer's suggestions, those due the same day by the same channel made one: the
    first in priority order carries the others in ``also``."""
    same: dict[tuple[date, str | None], list[Suggestion]] = {}
    out: list[Suggestion] = []
    for s in found:
        if s.kind in ONE_CARD and s.channel is not None:
            same.setdefault((s.due, s.channel), []).append(s)
        else:
            out.append(s)
    for group in same.values():
        out.append(group[0] if len(group) == 1 else _one_card(group))
    return out


def _one_card(group: list[Suggestion]) -> Suggestion:
    main, *rest = sorted(group, key=lambda s: (PRIORITY[s.kind], s.key))
    return replace(main, title=" + ".join(s.title for s in (main, *rest)),
                   reason=". Also: ".join(s.reason for s in (main, *rest)), also=tuple(rest))
