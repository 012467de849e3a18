"""Whether a card's words fit a format, by how much they do not, and which larger format of
the same system takes them. No Qt.

This is the one rule the card editor, the window's batch and ``print-cards`` follow: a text
fits when every line is inside its box at no less than the format's readable floor (the
message with its signature: ``CardFace.message_min``; an address: its style's smallest size).
It measures with :meth:`exports.cards.pdf.Pdf.measure`, as the page is drawn, so what it says
is what prints. Nothing is ever cut to fit: a text that does not fit is reported instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from exports import cards
from exports.cards.base import Renderer, TextBox
from exports.cards.cardjob import CardJob
from exports.cards.cards import CardSheet
from exports.cards.textfit import Fitted


@dataclass(frozen=True, slots=True)
class Misfit:
    """A text that does not fit ``format`` at its readable floor, and by how much."""

    format: str
    what: str  # "message" (with its signature) or "address"
    lines_over: int  # lines past the box at the floor
    words_over: int  # the words on those lines
    larger: str = ""  # the smallest larger format of the same system where all fits, or ""

    def sentence(self) -> str:
        """``Too long for a 4×6 postcard by about 3 lines — shorten it, or use an A6 card
        (4½×6¼ in).``"""
        lines = f"{self.lines_over} line{'s' if self.lines_over != 1 else ''}"
        what = "Too long" if self.what == "message" else f"The {self.what} is too long"
        advice = f"shorten it, or use {spoken(self.larger)}" if self.larger else \
            f"shorten it by about {self.words_over} word{'s' if self.words_over != 1 else ''}"
        return f"{what} for {spoken(self.format)} by about {lines} — {advice}."


def spoken(format_name: str) -> str:
    """``a 4×6 postcard``, ``an ISO A6 flat card``, ``A6 cards, 2 on a Letter sheet``: a
    format as the owner says it, from its name in the registry."""
    words = cards.title(format_name)
    if words.split(",")[0].endswith("s"):  # sheets of several: no article
        return words
    return ("a " if words.startswith("US") or words[:1] not in "AEIOU8" else "an ") + words


def check(job: CardJob, format_name: str) -> Misfit | None:
    """None when every text ``job`` puts on ``format_name`` fits whole at its readable floor;
    else what does not fit, by how much, and the smallest larger format that takes it all."""
    cls = cards.get(format_name)
    over = _overflow(cls, job)
    if over is None:
        return None
    what, lines, words = over
    return Misfit(cls.name, what, lines, words, _larger(cls, [job]))


def misfits(jobs: Sequence[CardJob], format_name: str) -> list[tuple[int, Misfit]]:
    """The jobs (by index) whose texts do not fit ``format_name``, each with its report."""
    cls, memo = cards.get(format_name), dict[TextBox, Fitted]()
    found = []
    for index, job in enumerate(jobs):
        over = _overflow(cls, job, memo)
        if over is not None:
            found.append((index, Misfit(cls.name, *over, larger=_larger(cls, [job]))))
    return found


def format_for_all(jobs: Sequence[CardJob], format_name: str) -> str:
    """The smallest format of the same kind and system, ``format_name`` itself or larger, in
    which every job fits; "" when there is none."""
    cls = cards.get(format_name)
    if all(_overflow(cls, job) is None for job in jobs):
        return cls.name
    return _larger(cls, jobs)


def _overflow(cls: type[Renderer], job: CardJob,
              memo: dict[TextBox, Fitted] | None = None) -> tuple[str, int, int] | None:
    """What of ``job`` overflows on ``cls`` (what, lines, words), or None when all fits.
    ``memo`` keeps what was measured of texts a batch repeats (the sender's lines)."""
    from exports.cards.pdf import Pdf  # reportlab only when measuring

    boxes = _text_boxes(cls)
    for part in boxes(job) if boxes is not None else ():
        keep = memo is not None and part.what != "message"
        fitted = memo.get(part) if memo is not None and keep else None
        if fitted is None:
            fitted = Pdf.measure(part.text, part.box, part.style)[0]
            if memo is not None and keep:
                memo[part] = fitted
        if not fitted.fits:
            return part.what, fitted.overflow, _words_in(fitted.lines, fitted.overflow)
    return None


@cache
def _text_boxes(cls: type[Renderer]) -> Callable[[CardJob], list[TextBox]] | None:
    """The format's list of the texts it prints whole (one renderer a format, not one a card:
    it holds no state a job changes); None for aids: they print no one's words."""
    return getattr(cls(), "text_boxes", None)


def _words_in(lines: list[str], count: int) -> int:
    """About how many words ``count`` lines hold: the text's words per written line (the
    last lines are often the short sign-off, which would undercount)."""
    written = [line for line in lines if line.strip()]
    words = sum(len(line.split()) for line in written)
    return max(1, math.ceil(count * words / max(len(written), 1)))


def _larger(cls: type[Renderer], jobs: Sequence[CardJob]) -> str:
    """The smallest format larger than ``cls`` of its kind and system (US or ISO) in which
    every job fits; sheets of cards lead to sheets (the same stock), cut cards to cut cards."""
    area = cls.size[0] * cls.size[1]
    order = cards.names(cls.kind)
    bigger = [cards.FORMATS[n] for n in order
              if cards.FORMATS[n].iso == cls.iso
              and cards.FORMATS[n].size[0] * cards.FORMATS[n].size[1] > area + 1e-6]
    bigger.sort(key=lambda c: (_sheet(c) != _sheet(cls), c.size[0] * c.size[1],
                               order.index(c.name)))
    return next((c.name for c in bigger
                 if all(_overflow(c, job) is None for job in jobs)), "")


def _sheet(cls: type[Renderer]) -> bool:
    return issubclass(cls, CardSheet)


def batch_refusal(jobs: Sequence[CardJob], format_name: str) -> str:
    """The one line a batch stops with when some of ``jobs`` do not fit ``format_name``
    (each customer, what is too long, the larger format that takes it, and the format to
    choose so that all fit); "" when every one fits."""
    found = misfits(jobs, format_name)
    if not found:
        return ""
    cls = cards.get(format_name)
    noun = "card" if cls.kind == "card" else "address"
    plural = f"{len(found)} {noun}{'s' if len(found) != 1 else ''}"
    option = "--envelope-format" if cls.kind == "envelope" else "--format"
    who = "; ".join(f"{jobs[i].customer or '(no name)'} ({m.what} about {m.lines_over} "
                    f"line{'s' if m.lines_over != 1 else ''} too long, "
                    + (f"fits {m.larger})" if m.larger else "fits no larger format)")
                    for i, m in found)
    everyone = format_for_all(jobs, format_name)
    way_out = f"Choose {option} {everyone}, or shorten" if everyone else "Shorten"
    return (f"Nothing was printed: {plural} {'do' if len(found) != 1 else 'does'} not fit "
            f"{cls.name} at a readable size: {who}. {way_out} "
            f"{'them' if len(found) != 1 else 'it'}; nothing is ever cut to fit.")
