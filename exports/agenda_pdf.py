"""The agenda drawn: the week's days in order, each suggestion with a box to tick, flowing
onto as many pages as it needs, the shop and the week in each page's header, page numbers
at the foot. Drawn on exports.cards.pdf.Pdf: every script's font, shaping, text never cut."""

from __future__ import annotations

from datetime import date

from domain.agenda import Agenda, Entry
from exports.cards.coverage import in_report
from exports.cards.geometry import A4, LETTER, MM, Box
from exports.cards.pdf import FAINT, FAINT_INK, Pdf, Style
from exports.cards.textfit import Fitted

MARGIN = 15 * MM
TICK = 10.0  # the side of the box to tick
INDENT = TICK + 8.0
GAP = 9.0  # between two suggestions
SLACK = 2.0  # a measured block's box is this much taller: the fit never rounds a line away

NAME = Style(face="sans", max_size=10.5, min_size=10.5, leading=1.25)
REACH = Style(face="sans", max_size=9.5, min_size=9.5, leading=1.25)
WHY = Style(face="sans", max_size=8.5, min_size=8.5, leading=1.25, color=FAINT_INK)
POINTS = Style(face="serif", max_size=8.5, min_size=8.5, leading=1.3)
DAY = Style(face="sans", max_size=11.5, min_size=11.5)
NOTE = Style(face="sans", max_size=9.0, min_size=9.0, color=FAINT_INK)


def render(agenda: Agenda) -> bytes:
    """The agenda as PDF bytes, on the agenda's paper (Letter or A4)."""
    size = LETTER if agenda.paper == "Letter" else A4
    measured: dict[tuple[str, Style, float], Fitted] = {}  # both passes measure each once
    pages = _Flow(agenda, size, None, measured).run()  # a first pass counts the pages
    pdf = Pdf(title=f"Agenda {agenda.start.isoformat()}")
    _Flow(agenda, size, pdf, measured, pages).run()
    return pdf.finish()


def week_words(start: date, end: date) -> str:
    """"23 – 29 November 2026", the week as the header says it."""
    if start.year != end.year:
        return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} – {end.day} {end:%B %Y}"


class _Flow:
    """One pass over the agenda: measures always, draws when given a PDF."""

    def __init__(self, agenda: Agenda, size: tuple[float, float], pdf: Pdf | None,
                 measured: dict[tuple[str, Style, float], Fitted], pages: int = 0) -> None:
        self.agenda, self.size, self.pdf, self.pages = agenda, size, pdf, pages
        self.measured = measured
        self.width = size[0] - 2 * MARGIN
        self.page_no = 0
        self.y = 0.0

    def run(self) -> int:
        self._new_page()
        if self.agenda.empty:
            self._block(f"Nothing is due this week: no calls, visits, cards or promises "
                        f"from {week_words(self.agenda.start, self.agenda.end)}.", REACH,
                        MARGIN, self.width)
            return self.page_no
        for day, entries in self.agenda.days.items():
            self._day(day, entries)
        return self.page_no

    # --- pages --------------------------------------------------------------------------

    @property
    def bottom(self) -> float:
        return MARGIN + 14.0  # above the page number

    def _new_page(self) -> None:
        self.page_no += 1
        self.y = self.size[1] - MARGIN - 26.0
        if self.pdf is None:
            return
        pdf, w, top = self.pdf, self.size[0], self.size[1] - MARGIN
        pdf.page(self.size)
        shop = self.agenda.shop or "Rapport"
        pdf.text(shop, Box(MARGIN, top - 16, self.width * 0.55, 17),
                 Style(face="sans", max_size=13, min_size=8))
        pdf.text(f"Agenda · {week_words(self.agenda.start, self.agenda.end)}",
                 Box(MARGIN + self.width * 0.55, top - 16, self.width * 0.45, 17),
                 Style(face="sans", max_size=10, min_size=7, align="right", valign="bottom"))
        pdf.line(MARGIN, top - 20, w - MARGIN, top - 20, 0.6)
        pdf.label(f"Page {self.page_no} of {self.pages}", w / 2, MARGIN, 8.0,
                  align="centre", color=FAINT_INK)

    @property
    def _fresh(self) -> bool:
        """Whether little more than a heading is on this page: a new one would not help."""
        return self.y >= self.size[1] - MARGIN - 56.0

    def _room(self, height: float) -> None:
        """Start a new page unless ``height`` fits above the foot of this one."""
        if self.y - height < self.bottom and not self._fresh:
            self._new_page()

    # --- days and entries ---------------------------------------------------------------

    def _day(self, day: date, entries: list[Entry]) -> None:
        heading = f"{day:%A} {day.day} {day:%B}"
        if any(e.overdue for e in entries):  # only the first day holds what is late
            heading += " — and what is overdue"
        first = self._entry_height(entries[0]) if entries else 14.0
        self._room(22.0 + first)  # a day's heading never ends a page alone
        self._heading(heading)
        if not entries:
            self._block("Nothing due.", NOTE, MARGIN + INDENT, self.width - INDENT)
            self.y -= GAP
            return
        for entry in entries:
            if self.y - self._entry_height(entry) < self.bottom and not self._fresh:
                self._new_page()
                self._heading(f"{heading} (continued)")
            self._entry(entry)

    def _heading(self, text: str) -> None:
        self.y -= 4.0
        self._block(text, DAY, MARGIN, self.width)
        if self.pdf is not None:
            self.pdf.line(MARGIN, self.y + 1, MARGIN + self.width, self.y + 1, 0.4, FAINT)
        self.y -= 6.0

    def _entry(self, entry: Entry) -> None:
        top = self.y
        if self.pdf is not None:  # the box to tick, level with the name
            self.pdf.rect(Box(MARGIN, top - TICK - 1.5, TICK, TICK), 0.8)
        for text, style in _parts(entry):
            self._block(text, style, MARGIN + INDENT, self.width - INDENT)
            self.y -= 1.5
        self.y -= GAP

    def _entry_height(self, entry: Entry) -> float:
        width = self.width - INDENT
        return sum(self._fit(t, s, width).height + 1.5 for t, s in _parts(entry)) + GAP

    def _fit(self, text: str, style: Style, width: float) -> Fitted:
        """How ``text`` sets in a column ``width`` wide, as long as it needs (measured once)."""
        key = (text, style, width)
        fitted = self.measured.get(key)
        if fitted is None:
            fitted = self.measured[key] = Pdf.measure(text, Box(0, 0, width, 100_000.0),
                                                      style)[0]
        return fitted

    def _block(self, text: str, style: Style, x: float, width: float) -> None:
        fitted = self._fit(text, style, width)
        if self.y - fitted.height < self.bottom and len(fitted.lines) > 1:
            for line in fitted.lines:  # longer than the room left: line by line, onto the next
                if self.y - fitted.extent * fitted.size < self.bottom:  # page(s), never cut
                    self._new_page()
                self._block(line, style, x, width)
                self.y -= fitted.leading - fitted.extent * fitted.size
            return
        if self.pdf is not None:
            self.pdf.text(text, Box(x, self.y - fitted.height - SLACK, width,
                                    fitted.height + SLACK), style)
        self.y -= fitted.height


def _parts(entry: Entry) -> list[tuple[str, Style]]:
    """The lines of one suggestion: who and how, where, why, promises, talking points."""
    late = " (overdue)" if entry.overdue else ""
    parts = [(f"{entry.action}: {in_report(entry.customer)} — {entry.what}{late}", NAME),
             (entry.reach or _no_reach(entry.channel), REACH)]
    if entry.why and entry.why != entry.what:
        parts.append((entry.why, WHY))
    parts += [(f"Promised: {p}", REACH) for p in entry.promised]
    points = [f"{label}: {value}" for label, value in entry.points]
    if points:
        parts.append((" · ".join(points), POINTS))
    return parts


_NO_REACH: dict[str | None, str] = {
    "phone": "No phone number in the notebook", "text": "No phone number in the notebook",
    "email": "No email address in the notebook", "mail": "No address in the notebook",
    "visit": "No address in the notebook"}


def _no_reach(channel: str | None) -> str:
    return _NO_REACH.get(channel, "No way to reach them in the notebook")


