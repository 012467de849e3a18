"""Pages as drawing steps, so the window can show and print exactly what the PDF holds.

PySide6-Essentials has no QtPdf to read a PDF back, so while a renderer draws its PDF the
canvas is wrapped: every call still reaches reportlab, and the drawing is also kept as a
short list of steps per page. ``ui/cards/page_view.py`` paints those steps with QPainter,
with the same fonts, sizes, line breaks and positions the PDF has.

No Qt here: this runs on the worker, beside the PDF rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

# A step is a tuple whose first item names it:
#   ("font", name, size, font file)  ("fill", r, g, b)  ("stroke", r, g, b)  ("width", w)
#   ("dash", seq)  ("text", x, y, string)  ("line", x1, y1, x2, y2)  ("rect", x, y, w, h)
#   ("circle", x, y, r)  ("translate", dx, dy)  ("save",)  ("restore",)
Step = tuple


@dataclass(slots=True)
class Page:
    """One page: its size in points and what is drawn on it (PDF coordinates, y up)."""

    size: tuple[float, float]
    steps: list[Step] = field(default_factory=list)

    def texts(self) -> list[str]:
        """Every string drawn on the page, in drawing order."""
        return [s[3] for s in self.steps if s[0] == "text"]


class RecordingCanvas:
    """Stands in front of a reportlab canvas: passes every call on and keeps the drawing."""

    def __init__(self, canvas: Any) -> None:
        self._canvas = canvas
        self.pages: list[Page] = []
        self._size: tuple[float, float] = (612.0, 792.0)
        self._steps: list[Step] = []
        self._forms: dict[str, list[Step]] = {}
        self._outside_form: list[Step] | None = None
        self._form = ""
        self._font: tuple[str, float] = ("", 10.0)

    def __getattr__(self, name: str) -> Any:  # anything not drawn: straight through
        return getattr(self._canvas, name)

    # reportlab's method names, camelCase as the canvas spells them.

    # --- pages ---------------------------------------------------------------------------

    def setPageSize(self, size: tuple[float, float]) -> None:
        self._size = (float(size[0]), float(size[1]))
        self._canvas.setPageSize(size)

    def showPage(self) -> None:
        self.pages.append(Page(self._size, self._steps))
        self._steps = []
        self._canvas.showPage()

    def translate(self, dx: float, dy: float) -> None:
        self._steps.append(("translate", dx, dy))
        self._canvas.translate(dx, dy)

    # --- forms: drawn once in the PDF, inlined here ----------------------------------------

    def beginForm(self, name: str, *args: Any, **kw: Any) -> None:
        self._outside_form, self._steps, self._form = self._steps, [], name
        self._canvas.beginForm(name, *args, **kw)

    def endForm(self, *args: Any, **kw: Any) -> None:
        form, self._steps = self._steps, self._outside_form or []
        self._forms[self._form] = form
        self._canvas.endForm(*args, **kw)

    def doForm(self, name: str) -> None:
        self._steps += [("save",), *self._forms.get(name, []), ("restore",)]
        self._canvas.doForm(name)

    # --- state ---------------------------------------------------------------------------

    def setFont(self, name: str, size: float, *args: Any, **kw: Any) -> None:
        self._font = (name, float(size))
        self._steps.append(("font", name, float(size), _font_files().get(name, "")))
        self._canvas.setFont(name, size, *args, **kw)

    def setFillColorRGB(self, r: float, g: float, b: float, *args: Any) -> None:
        self._steps.append(("fill", r, g, b))
        self._canvas.setFillColorRGB(r, g, b, *args)

    def setStrokeColorRGB(self, r: float, g: float, b: float, *args: Any) -> None:
        self._steps.append(("stroke", r, g, b))
        self._canvas.setStrokeColorRGB(r, g, b, *args)

    def setLineWidth(self, width: float) -> None:
        self._steps.append(("width", float(width)))
        self._canvas.setLineWidth(width)

    def setDash(self, array: Sequence[float] = (), phase: float = 0) -> None:
        self._steps.append(("dash", tuple(array or ())))
        self._canvas.setDash(array, phase)

    # --- drawing -------------------------------------------------------------------------

    def drawString(self, x: float, y: float, text: str, *args: Any, **kw: Any) -> None:
        self._steps.append(("text", float(x), float(y), text))
        self._canvas.drawString(x, y, text, *args, **kw)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any, **kw: Any) -> None:
        self._steps.append(("text", float(x) - self._width(text) / 2, float(y), text))
        self._canvas.drawCentredString(x, y, text, *args, **kw)

    def drawRightString(self, x: float, y: float, text: str, *args: Any, **kw: Any) -> None:
        self._steps.append(("text", float(x) - self._width(text), float(y), text))
        self._canvas.drawRightString(x, y, text, *args, **kw)

    def drawText(self, textobject: Any) -> None:
        """A line of several faces or shaped glyphs (``exports/cards/pdf.py``): kept as its
        characters in its first face."""
        line = getattr(textobject, "rapport_line", None)
        if line is not None:
            x, y, text, name, size = line
            font = self._font
            self._steps.append(("font", name, float(size), _font_files().get(name, "")))
            self._steps.append(("text", float(x), float(y), text))
            self._steps.append(("font", *font, _font_files().get(font[0], "")))
        self._canvas.drawText(textobject)

    def _width(self, text: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, *self._font)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._steps.append(("line", x1, y1, x2, y2))
        self._canvas.line(x1, y1, x2, y2)

    def rect(self, x: float, y: float, w: float, h: float, *args: Any, **kw: Any) -> None:
        self._steps.append(("rect", x, y, w, h))
        self._canvas.rect(x, y, w, h, *args, **kw)

    def circle(self, x: float, y: float, r: float, *args: Any, **kw: Any) -> None:
        self._steps.append(("circle", x, y, r))
        self._canvas.circle(x, y, r, *args, **kw)


@cache
def _font_files() -> dict[str, str]:
    """reportlab font name → the bundled file, so the window can load the same face."""
    from exports.cards.fonts import FACES
    from resources import path as resource_path

    return {name: str(resource_path("fonts", file)) for name, file in FACES.values()}


@dataclass(slots=True)
class Rendered:
    """A finished PDF and the same pages as drawing steps."""

    pdf: bytes
    pages: list[Page]


def render(renderer: Any, jobs: Iterable[Any], progress: Callable[[int], None] | None = None,
           chunk: int = 24) -> Rendered:
    """Draw ``jobs`` with ``renderer`` (an ``exports.cards`` format): the PDF and its pages.

    ``progress(n)`` hears how many jobs are drawn so far, every ``chunk`` jobs (24 keeps
    2-up and 4-up sheets whole).
    """
    jobs = list(jobs)
    pdf = renderer.new_pdf()
    canvas = pdf.canvas = RecordingCanvas(pdf.canvas)
    for start in range(0, max(len(jobs), 1), chunk):
        renderer.draw_all(pdf, jobs[start:start + chunk])
        if progress is not None:
            progress(min(len(jobs), start + chunk))
    return Rendered(pdf.finish(), canvas.pages)


def render_whole(renderer: Any, *args: Any) -> Rendered:
    """Like :func:`render` for renderers with their own ``render()`` (calibration page,
    writing aid): their PDF is recorded as it is drawn."""
    recorded: list[RecordingCanvas] = []
    make = renderer.new_pdf

    def new_pdf() -> Any:
        pdf = make()
        pdf.canvas = RecordingCanvas(pdf.canvas)
        recorded.append(pdf.canvas)
        return pdf

    renderer.new_pdf = new_pdf  # this one renderer object only
    data = renderer.render(*args)
    return Rendered(data, recorded[-1].pages if recorded else [])
