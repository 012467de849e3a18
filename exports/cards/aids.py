"""Printing aids: the calibration page that finds a printer's offsets, and the writing aid
(cards with faint guide lines plus a page of talking points per card)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from exports.cards.base import Renderer
from exports.cards.cardjob import CardJob
from exports.cards.geometry import IN, LETTER, MM, Box, Offsets

if TYPE_CHECKING:
    from exports.cards.pdf import Pdf, Style


class CalibrationPage(Renderer):
    """Rulers from the paper's edge, crosses where the content goes, and two 100 mm bars.

    Everything Rapport prints is moved by the printer's offsets, except the rulers and the
    bars: drawn from the paper's edge, they show the printer alone. So the pointers on the
    rulers (moved, like the crosses) read the offsets in use against them, and the bars,
    measured with the owner's own ruler, show whether the page was scaled. Print it at
    100 %, measure cross A from the paper's edges, and the page says which offsets to enter.
    """

    name = "calibration"
    kind = "aid"
    description = "printer calibration page"
    inset: ClassVar[float] = 1.0 * IN  # each corner cross is this far from both edges
    cross: ClassVar[float] = 0.25 * IN
    bar: ClassVar[float] = 100 * MM  # the scaling bars' length
    SMALL: ClassVar[float] = 7.0 * IN  # a shorter side than this gets the compact layout
    BAR_ROOM: ClassVar[float] = 0.5 * IN  # kept clear at each end of a bar on small paper

    def __init__(self, paper: tuple[float, float] = LETTER,
                 offsets: Offsets | None = None, kind_name: str = "") -> None:
        super().__init__(offsets)
        self.size = paper
        self.kind_name = kind_name  # "card stock", "envelopes": the paper calibrated for

    @property
    def compact(self) -> bool:
        """Card stock and envelopes: too small for the sheet layout, so the bars go along
        the edges and the instructions shrink to the essentials."""
        return min(self.size) < self.SMALL

    def bar_length(self, side: float) -> float:
        """100 mm where the side takes it with room for the crosses, else 50 mm."""
        return self.bar if side - 2 * self.BAR_ROOM >= self.bar else self.bar / 2

    def render(self, jobs: Iterable[CardJob] = ()) -> bytes:
        pdf = self.new_pdf()
        pdf.page(self.size)
        with pdf.paper_edge():
            self.draw_rulers(pdf)
            self.draw_bars(pdf)
        self.draw_pointers(pdf)
        for x, y, name in self.crosses():
            self.draw_cross(pdf, x, y, name)
        self.draw_instructions(pdf)
        return pdf.finish()

    def crosses(self) -> list[tuple[float, float, str]]:
        w, h, d = *self.size, self.inset
        return [(d, h - d, "A"), (w - d, h - d, "B"), (d, d, "C"), (w - d, d, "D"),
                (w / 2, h / 2, "E")]

    def draw_cross(self, pdf: Pdf, x: float, y: float, name: str) -> None:
        r = self.cross
        pdf.line(x - r, y, x + r, y, width=0.4)
        pdf.line(x, y - r, x, y + r, width=0.4)
        pdf.canvas.circle(x, y, r / 3, stroke=1, fill=0)
        pdf.label(name, x + 4, y + 4, size=9, face="sans")

    def draw_rulers(self, pdf: Pdf) -> None:
        """Inch ticks (1/8 in) along the top edge, millimetres along the left edge, each
        counted from that edge of the paper."""
        w, h = self.size
        for i in range(int(w / (IN / 8)) + 1):
            x = i * IN / 8
            tall = 14 if i % 8 == 0 else 9 if i % 4 == 0 else 5
            pdf.line(x, h, x, h - tall, width=0.3)
            if i % 8 == 0 and i > 0:
                pdf.label(f"{i // 8} in", x + 2, h - 22, size=6)
        for i in range(int(h / MM) + 1):
            y = h - i * MM
            tall = 14 if i % 10 == 0 else 9 if i % 5 == 0 else 4
            pdf.line(0, y, tall, y, width=0.3)
            if i % 10 == 0 and i > 0:
                pdf.label(f"{i} mm", 16, y - 2, size=6)

    def draw_pointers(self, pdf: Pdf) -> None:
        """Where the content's 1 in lines land, against the rulers: moved by the offsets."""
        h, d = self.size[1], self.inset
        pdf.line(d, h - 36, d, h - 48, width=0.6)
        pdf.label("A", d + 3, h - 46, size=7)
        pdf.line(36, h - d, 48, h - d, width=0.6)
        pdf.label("A", 40, h - d + 3, size=7)

    def draw_bars(self, pdf: Pdf) -> None:
        """One bar across and one down (100 mm, or 50 mm on small paper), with end ticks:
        scaling shows as another length on the owner's own ruler."""
        w, h = self.size
        across, down = self.bar_length(w), self.bar_length(h)
        y = 0.45 * IN if self.compact else 2.0 * IN
        x = w - (0.45 * IN if self.compact else 0.75 * IN)
        x0, y0 = (w - across) / 2, (h - down) / 2
        pdf.line(x0, y, x0 + across, y, width=0.5)
        for end in (x0, x0 + across):
            pdf.line(end, y - 5, end, y + 5, width=0.5)
        pdf.label(f"{across / MM:.0f} mm", w / 2, y + 6, size=7, align="centre")
        pdf.line(x, y0, x, y0 + down, width=0.5)
        for end in (y0, y0 + down):
            pdf.line(x - 5, end, x + 5, end, width=0.5)
        pdf.label(f"{down / MM:.0f} mm", x - 6, h / 2 - 2, size=7, align="right")

    def draw_instructions(self, pdf: Pdf) -> None:
        from exports.cards.pdf import Style

        if self.compact:
            pdf.text(self.short_instructions(), self.short_box(),
                     Style("sans", 9, 4.5, 1.3, "left", "top"))
            return
        w, h = self.size
        box = Box(1.6 * IN, h / 2 + 0.5 * IN, w - 3.2 * IN, h / 2 - 2.0 * IN)
        pdf.text(self.instructions(), box, Style("sans", 11, 7, 1.35, "left", "top"))

    def title(self) -> str:
        return "Printer calibration" + (f" — {self.kind_name}" if self.kind_name else "")

    def instructions(self) -> str:
        return (
            f"{self.title()}\n\n"
            "Print this page at 100 % (turn off “fit to page”). With your own ruler, check "
            "that both bars marked 100 mm measure 100 mm: if not, the page was scaled.\n\n"
            "The rulers along the top and left edges are counted from the paper's edge and "
            "ignore the offsets. The pointers A on them move with the offsets, like "
            "everything Rapport prints: the gap between a pointer and the ruler's 1 in mark "
            "is the offset in use.\n\n"
            f"Cross A should be exactly {self.inset / IN:g} in ({self.inset / MM:.1f} mm) "
            "from the paper's left and top edges. Measure both distances with your own ruler "
            "and enter them in Rapport: Cards ▸ Settings ▸ Printer calibration. "
            "It works out the offsets:\n"
            "x offset = offset in use + 1 in − distance from the left edge\n"
            "y offset = offset in use + distance from the top edge − 1 in\n"
            "(1 in = 72 pt = 25.4 mm)\n\n"
            f"{self.offsets_line()}"
        )

    def short_instructions(self) -> str:
        """The same steps in few words, for card stock and envelopes."""
        lengths = sorted({f"{self.bar_length(side) / MM:.0f}" for side in self.size})
        return (
            f"{self.title()}\n"
            "Print at 100 % (no “fit to page”); each bar must measure what it says "
            f"({' and '.join(lengths)} mm). "
            "The rulers start at the paper's edge. Measure how far the centre of cross A is "
            "from the left and the top edge, and enter both in Rapport: Cards ▸ Settings ▸ "
            "Printer calibration.\n"
            f"{self.offsets_line()}"
        )

    def short_box(self) -> Box:
        """Between the top crosses, above the middle one, clear of the rulers' labels."""
        w, h = self.size
        side = self.inset + self.cross + 6
        bottom = h / 2 + self.cross + 4
        return Box(side, bottom, w - 2 * side, h - 30 - bottom)

    def offsets_line(self) -> str:
        return (f"Offsets used for this page: x {self.offsets.x:+.1f} pt, "
                f"y {self.offsets.y:+.1f} pt.")


class WritingAid(Renderer):
    """For owners who write by hand: each card with faint guide lines instead of the text,
    then one page of talking points per card (after all the cards, so two-sided card
    pages stay in pairs)."""

    kind = "aid"
    description = "writing aid: guide lines and talking points"
    margin: ClassVar[float] = 0.75 * IN

    def __init__(self, card_format: type[Renderer], offsets: Offsets | None = None) -> None:
        super().__init__(offsets)
        self.cards = card_format(offsets, guides=True)
        self.size = card_format.paper
        self.name = f"{card_format.name} writing aid"

    def render(self, jobs: Iterable[CardJob]) -> bytes:
        jobs = list(jobs)
        pdf = self.new_pdf()
        self.cards.draw_all(pdf, jobs)
        for number, job in enumerate(jobs, start=1):
            self.draw_points(pdf, job, number, len(jobs))
        return pdf.finish()

    def draw_points(self, pdf: Pdf, job: CardJob, number: int, total: int) -> None:
        """The card's talking points and suggested words; what a page cannot hold at the
        smallest size (9 pt: with room to go on, no need for less) goes on to the next page,
        whole (nothing is cut)."""
        from exports.cards.pdf import Style

        rest = self._points_page(pdf, job, f"({number} of {total})")
        points, words = rest.take_bottom(rest.h * 0.42)[::-1]
        facts = "\n".join(f"{label}: {value}" for label, value in job.talking_points)
        pieces = [(facts or "No details noted yet.", points,
                   Style("sans", 13, 9, 1.5, "left", "top")),
                  ("Suggested words\n\n" + job.text if job.text.strip() else "", words,
                   Style("serif", 12.5, 9, 1.35, "left", "top"))]
        left = [(self._fill(pdf, text, box, style), style) for text, box, style in pieces]
        for text, style in left:
            while text:
                box = self._points_page(pdf, job, "(continued)")
                text = self._fill(pdf, text, box, style, at_least_one=True)

    def _points_page(self, pdf: Pdf, job: CardJob, which: str) -> Box:
        """A new page of talking points with its title; the box below the title."""
        from exports.cards.pdf import Style

        pdf.page(self.size)
        area = Box(0, 0, *self.size).inset(self.margin)
        title = Box(area.x, area.top - 40, area.w, 40)
        pdf.text(f"Talking points — {job.customer or 'card'} {which}", title,
                 Style("serif", 18, 9, 1.2, "left", "bottom"))
        return Box(area.x, area.y, area.w, area.h - 52)

    @staticmethod
    def _fill(pdf: Pdf, text: str, box: Box, style: Style, at_least_one: bool = False) -> str:
        """Draw the whole lines of ``text`` that ``box`` holds; return the rest ("" when
        all of it is drawn). ``at_least_one``: a page that holds no line still takes one."""
        from exports.cards import fonts

        text = fonts.clean(text)
        fitted, _face = pdf.measure(text, box, style)
        if fitted.fits:
            pdf.text(text, box, style)
            return ""
        keep = len(fitted.lines) - fitted.overflow
        keep = max(keep, 1) if at_least_one else keep
        if keep > 0:
            pdf.text("\n".join(fitted.lines[:keep]), box, style)
        # The rest from where the kept lines end, its paragraphs as written: counted in
        # letters, which wrapping (even a word broken across lines) never changes.
        letters = sum(len(line.replace(" ", "")) for line in fitted.lines[:keep])
        return _after_letters(text, letters).lstrip(" \n")


def _after_letters(text: str, count: int) -> str:
    """``text`` after its first ``count`` characters that are not spaces or line breaks."""
    for index, char in enumerate(text):
        if count == 0:
            return text[index:]
        if char not in " \n":
            count -= 1
    return ""
