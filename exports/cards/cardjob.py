"""One card ready to draw: the plain data every format draws from. It imports nothing, so
the formats (and the list of them) load without what writes the cards (the template engine,
the postal formats, the outreach rules: ``jobs.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class CardJob:
    """One card (and its envelope or label) ready to draw."""

    text: str = ""
    headline: str = ""
    recipient: list[str] = field(default_factory=list)  # name and address lines
    sender: list[str] = field(default_factory=list)  # return address lines
    business: str = ""
    customer: str = ""  # the display name, for the talking-points sheet
    talking_points: list[tuple[str, str]] = field(default_factory=list)
