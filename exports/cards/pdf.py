"""The drawing surface every renderer uses: reportlab's canvas, with the printer's offsets,
text set in runs of the bundled faces (``runs.py``), and text that always fits its box.

Only this module (with fonts.py and shaping.py) imports reportlab, and only renderers'
``render()`` imports it, so listing formats or starting the command line never loads it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from exports.cards import fonts, runs
from exports.cards.geometry import Box, Offsets
from exports.cards.textfit import Fitted, fit

# Streams are compressed; ASCII85 on top only makes them bigger and slower to write.
rl_config.useA85 = 0

INK = (0.13, 0.13, 0.15)
FAINT = (0.78, 0.78, 0.8)
FAINT_INK = (0.42, 0.42, 0.45)
OVERFLOW = (0.75, 0.1, 0.08)
MEASURED_LIMIT = 20_000  # texts kept measured: a whole day's batch at 200,000 customers


@dataclass(frozen=True, slots=True)
class Style:
    """How a block of text is set: face, size range, alignment."""

    face: str = "serif"
    max_size: float = 11.0
    min_size: float = 6.0
    leading: float = 1.3
    align: str = "left"  # left, centre or right; right-to-left lines always go right
    valign: str = "top"  # top, middle or bottom
    color: tuple[float, float, float] = INK
    block: bool = False  # addresses: lines align within the block's own width, kept whole


@dataclass(frozen=True, slots=True)
class Setting:
    """How a text is set: the face asked for, whether that face draws it all unshaped (the
    fast path: measured and drawn as it always was), its width function at 1 pt, and the
    ascent and descent of every face it uses."""

    face: fonts.Face
    simple: bool
    width: Callable[[str], float]
    ascent: float
    descent: float

    @classmethod
    def of(cls, text: str, wanted: str) -> Setting:
        face = fonts.face(wanted)
        if runs.simple(text, face):
            return cls(face, True, face.width, *fonts.vertical_metrics(face))
        used = runs.faces(text, wanted)
        return cls(face, False, partial(runs.width, wanted=wanted),
                   *fonts.vertical_metrics(*used))

    @property
    def extent(self) -> float:
        return self.ascent + self.descent


def _measure(text: str, box: Box, style: Style) -> tuple[Fitted, Setting | None]:
    text = fonts.clean(text).strip("\n")
    if not text.strip():
        return Fitted(style.min_size, style.min_size * style.leading, []), None
    setting = Setting.of(text, style.face)
    return fit(text, setting.width, box.w, box.h, style.max_size, style.min_size,
               style.leading, setting.extent, keep_lines=style.block), setting


_measured: dict[tuple[str, float, float, Style], tuple[Fitted, Setting | None]] = {}


class Pdf:
    """One PDF being drawn: pages, text boxes, lines; ``finish()`` returns the bytes."""

    def __init__(self, offsets: Offsets | None = None, title: str = "Rapport cards") -> None:
        self.buffer = io.BytesIO()
        # The canvas's first font must be one of ours: Helvetica would be referenced on every
        # page without being embedded. Any of our TrueType faces is written nowhere (reportlab
        # sets no first font for them); the serif is, which most pages use anyway: reading
        # the broad sans only for this took 35 ms of every print.
        self.canvas = Canvas(self.buffer, pageCompression=1,
                             initialFontName=fonts.face("serif").name)
        self.canvas.setTitle(title)
        self.canvas.setCreator("Rapport")
        self.offsets = offsets or Offsets()
        self.started = False
        self.forms: dict[object, str] = {}
        self._font: tuple[str, float] | None = None  # set within one text block

    def page(self, size: tuple[float, float]) -> None:
        """Start a new page of ``size`` points, shifted by the printer's offsets."""
        if self.started:
            self.canvas.showPage()
        self.started = True
        self.canvas.setPageSize(size)
        self.canvas.translate(self.offsets.x, self.offsets.y)

    @contextmanager
    def paper_edge(self) -> Iterator[None]:
        """Draw relative to the paper's edge, without the printer's offsets: the calibration
        rulers, which must not move with the content they measure."""
        self.canvas.saveState()
        self.canvas.translate(-self.offsets.x, -self.offsets.y)
        try:
            yield
        finally:
            self.canvas.restoreState()

    def reuse(self, key: object, draw: Callable[[], None]) -> None:
        """Draw what ``draw`` draws, once per ``key`` as a form, then place it on the page:
        the same card front on a thousand pages is stored once."""
        name = self.forms.get(key)
        if name is None:
            name = self.forms[key] = f"RapportForm{len(self.forms)}"
            self.canvas.beginForm(name)
            draw()
            self.canvas.endForm()
        self.canvas.doForm(name)

    def finish(self) -> bytes:
        if not self.started:
            self.page((612, 792))  # an empty batch still makes a valid, one-page PDF
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()

    # --- text -----------------------------------------------------------------------

    def text(self, text: str, box: Box, style: Style) -> Fitted:
        """Draw ``text`` inside ``box``, shrunk as needed but never below the style's smallest
        size and never cut: text that does not fit runs past the box, and the result says so
        (``fits``). Batches check first (:mod:`exports.cards.fit_report`); never raises."""
        fitted, setting = self.measure(text, box, style)
        if setting is None:
            return fitted
        if style.block and fitted.lines:
            widest = max(setting.width(line) for line in fitted.lines) * fitted.size
            box = Box(box.x, box.y, min(box.w, widest), box.h)
        y = self._first_baseline(fitted, box, style, setting.ascent)
        self.canvas.setFillColorRGB(*style.color)
        self._font = None
        if setting.simple:
            self._draw_plain(fitted, setting.face, box, style, y)
        else:
            self._draw_lines(fitted, box, style, y, _continued(fitted.lines, text))
        return fitted

    @staticmethod
    def measure(text: str, box: Box, style: Style) -> tuple[Fitted, Setting | None]:
        """How ``text`` is set in ``box`` (lines, size, what overflows) and with which faces,
        without drawing: the fit report measures with this, so it agrees with the page.
        A batch measures each text twice (the fit report, then the page): the second time,
        and a text every card repeats (the business's name), is a look-up."""
        key = (text, box.w, box.h, style)  # where the box is does not change how text fits
        found = _measured.get(key)
        if found is None:
            if len(_measured) > MEASURED_LIMIT:  # a bound, not an eviction policy
                _measured.clear()
            found = _measured[key] = _measure(text, box, style)
        return found

    @staticmethod
    def natural_width(text: str, style: Style) -> float:
        """The widest line of ``text`` at the style's largest size, unwrapped."""
        return max((runs.width(line, style.face) * style.max_size
                    for line in fonts.clean(text).split("\n")), default=0.0)

    def _draw_plain(self, fitted: Fitted, face: fonts.Face, box: Box, style: Style,
                    y: float) -> None:
        c = self.canvas
        c.setFont(face.name, fitted.size)
        for number, line in enumerate(fitted.lines):
            self._past_the_box(fitted, number)
            if line:
                width = face.width(line, fitted.size) if style.align != "left" else 0.0
                c.drawString(self._line_x(width, style.align, box), y, line)
            y -= fitted.leading

    def _draw_lines(self, fitted: Fitted, box: Box, style: Style, y: float,
                    continued: list[bool]) -> None:
        rtl_paragraph = False
        for number, (line, more) in enumerate(zip(fitted.lines, continued, strict=True)):
            self._past_the_box(fitted, number)
            pieces, rtl = runs.line_runs(line, style.face)
            if not more:
                rtl_paragraph = rtl
            elif rtl != rtl_paragraph:  # a wrapped line goes on in its paragraph's direction
                mark = "\u200f" if rtl_paragraph else "\u200e"  # drawn as nothing
                pieces, rtl = runs.line_runs(mark + line, style.face)
            if pieces:
                width = sum(p.width for p in pieces) * fitted.size
                align = "right" if rtl and style.align == "left" else style.align
                self._draw_runs(pieces, self._line_x(width, align, box), y, fitted.size)
            y -= fitted.leading

    def _past_the_box(self, fitted: Fitted, number: int) -> None:
        if number == len(fitted.lines) - fitted.overflow:  # past the box: a preview
            self.canvas.setFillColorRGB(*OVERFLOW)  # shows them in red; batches refuse such cards

    def _draw_runs(self, pieces: list[runs.Run], x: float, y: float, size: float) -> None:
        """One line: a plain run in one face as before (``drawString``); runs in several
        faces, or shaped, in one text object, so that readers keep the line whole."""
        c = self.canvas
        if len(pieces) == 1 and pieces[0].glyphs is pieces[0].text:
            if self._font != (pieces[0].face.name, size):
                self._font = (pieces[0].face.name, size)
                c.setFont(pieces[0].face.name, size)
            c.drawString(x, y, pieces[0].text)
            return
        line = c.beginText(x, y)
        face, at = None, 0.0
        for piece in pieces:  # in reading order, each at its place
            if abs(piece.x - at) > 1e-9:
                line.setTextOrigin(x + piece.x * size, y)
            if piece.face is not face:
                face = piece.face
                line.setFont(face.name, size)
            line.textOut(piece.glyphs)
            at = piece.x + piece.width
        c.drawText(line)

    @staticmethod
    def _first_baseline(fitted: Fitted, box: Box, style: Style, ascent: float) -> float:
        free = max(0.0, box.h - fitted.height)
        shift = {"top": 0.0, "middle": free / 2, "bottom": free}.get(style.valign, 0.0)
        return box.top - shift - ascent * fitted.size

    @staticmethod
    def _line_x(width: float, align: str, box: Box) -> float:
        if align == "right":
            return box.right - width
        if align == "centre":
            return box.x + (box.w - width) / 2
        return box.x

    # --- lines and marks ------------------------------------------------------------

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5,
             color: tuple[float, float, float] = INK, dash: tuple[float, ...] = ()) -> None:
        c = self.canvas
        c.setLineWidth(width)
        c.setStrokeColorRGB(*color)
        c.setDash(list(dash) if dash else [])
        c.line(x1, y1, x2, y2)

    def rect(self, box: Box, width: float = 0.5, color: tuple[float, float, float] = INK,
             dash: tuple[float, ...] = ()) -> None:
        c = self.canvas
        c.setLineWidth(width)
        c.setStrokeColorRGB(*color)
        c.setDash(list(dash) if dash else [])
        c.rect(box.x, box.y, box.w, box.h, stroke=1, fill=0)

    def label(self, text: str, x: float, y: float, size: float = 7.0, face: str = "sans",
              align: str = "left", color: tuple[float, float, float] = INK) -> None:
        """A short fixed label (rulers, instructions) that the layout already made room for."""
        text = fonts.clean(text)
        pieces = runs.line_runs(text, face)[0]
        width = sum(p.width for p in pieces) * size
        self.canvas.setFillColorRGB(*color)
        self._font = None
        self._draw_runs(pieces, x - {"left": 0.0, "centre": width / 2, "right": width}[align],
                        y, size)


def _continued(lines: list[str], text: str) -> list[bool]:
    """Whether each of the wrapped ``lines`` of ``text`` goes on a paragraph (rather than
    starting one): the bidi rules set a direction per paragraph, not per line."""
    paragraphs = iter(fonts.clean(text).strip("\n").split("\n"))
    found, rest = [], ""
    for line in lines:
        found.append(bool(rest))
        if not rest:
            rest = next(paragraphs, "").replace(" ", "")
        rest = rest[len(line.replace(" ", "")):]
    return found
