"""A week on paper: what the printed agenda holds, day by day, and the paper it goes on.
Plain data: storage.agenda fills it from the Today queue, exports.agenda draws it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

DAYS = 7

# Countries that print on US Letter; the rest of the world uses A4.
LETTER_COUNTRIES = frozenset(("US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA",
                              "DO", "SV", "NI"))

CHANNEL_WORDS = {"phone": "Call", "text": "Text", "email": "Email", "mail": "Card",
                 "visit": "Visit", None: "Reach out"}


def paper_for(region: str) -> str:
    """"Letter" or "A4", as the owner's country (the notebook's region) prints."""
    return "Letter" if region.upper() in LETTER_COUNTRIES else "A4"


@dataclass(frozen=True, slots=True)
class Entry:
    """One suggestion, as the owner carries it: who, how, where, what to say, what was
    promised."""

    customer: str
    channel: str | None
    what: str  # the suggestion's title ("Birthday", "Keep in touch")
    why: str  # its reason ("Promised: … — 25 November")
    reach: str  # the number or address to use ("" when the notebook has none)
    points: tuple[tuple[str, str], ...] = ()  # talking points: (label, fact)
    promised: tuple[str, ...] = ()  # open promises to keep
    overdue: bool = False

    @property
    def action(self) -> str:
        return CHANNEL_WORDS.get(self.channel, "Reach out")


@dataclass(slots=True)
class Agenda:
    """The week from ``start``: its days in order, each with its entries."""

    start: date
    shop: str = ""
    paper: str = "Letter"
    days: dict[date, list[Entry]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for n in range(DAYS):
            self.days.setdefault(self.start + timedelta(days=n), [])

    @property
    def end(self) -> date:
        return self.start + timedelta(days=DAYS - 1)

    @property
    def empty(self) -> bool:
        return not any(self.days.values())

    def add(self, due: date, entry: Entry) -> None:
        """File ``entry`` under its day; what is overdue goes under the first day."""
        self.days[max(due, self.start)].append(entry)
