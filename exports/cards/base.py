"""The renderer base class and the card face every card format shares.

Renderers follow pretix's invoice renderers: geometry lives in class attributes (points),
a subclass per format, ``render(jobs) -> bytes``. reportlab is imported inside ``render``
only, so these classes can be listed without loading it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from exports.cards.cardjob import CardJob
from exports.cards.geometry import IN, LETTER, Box, Offsets, inches, millimetres

if TYPE_CHECKING:
    from exports.cards.pdf import Pdf, Style


# The face's boxes by format, trim and whether it has a footer: a few per format (sheets put
# several faces on a page), bounded by the formats there are.
_FACE_BOXES: dict[tuple[type, Box, bool], tuple[Box, Box]] = {}


class TextBox(NamedTuple):
    """A text a format must print whole, where and how: what the fit report checks."""

    what: str  # "message" or "address": the words the owner is told about
    text: str
    box: Box
    style: Style


class Renderer:
    """One printable format. Subclasses set the geometry and draw one job at a time."""

    name: ClassVar[str] = ""
    kind: ClassVar[str] = "card"  # card, envelope or label
    title: ClassVar[str] = ""  # what the owner calls it: "US A2 folded card"
    description: ClassVar[str] = ""
    size: ClassVar[tuple[float, float]] = LETTER  # the finished piece, in points
    sheet: ClassVar[tuple[float, float] | None] = None  # the page, when not the piece itself
    paper: ClassVar[tuple[float, float]] = LETTER  # for sheets printed beside the cards
    iso: ClassVar[bool] = False  # an ISO (mm) size rather than a US (inch) one: pairs with its kind
    fold: ClassVar[float | None] = None  # folded cards: the fold line, from the sheet's left
    duplex: ClassVar[str] = ""  # two-sided formats: the edge side 2 flips on, "long" or "short"

    def __init__(self, offsets: Offsets | None = None, guides: bool = False) -> None:
        self.offsets = offsets or Offsets()
        self.guides = guides  # writing aid: faint lines instead of the text

    @property
    def page_size(self) -> tuple[float, float]:
        return self.sheet or self.size

    def render(self, jobs: Iterable[CardJob]) -> bytes:
        """All ``jobs`` in one PDF."""
        pdf = self.new_pdf()
        self.draw_all(pdf, list(jobs))
        return pdf.finish()

    def new_pdf(self) -> Pdf:
        from exports.cards.pdf import Pdf  # reportlab only when printing

        return Pdf(self.offsets, title=f"Rapport — {self.name}")

    def draw_all(self, pdf: Pdf, jobs: Sequence[CardJob]) -> None:
        for job in jobs:
            self.draw(pdf, job)

    def draw(self, pdf: Pdf, job: CardJob) -> None:
        raise NotImplementedError

    @classmethod
    def summary(cls) -> dict[str, str]:
        """One line of the formats listing."""
        return {"name": cls.name, "title": cls.title or cls.name, "kind": cls.kind,
                "inches": inches(cls.size),
                "mm": millimetres(cls.size), "description": cls.description}


class CardFace:
    """The message side of a card: the text, and the business's name small at the foot."""

    margin: ClassVar[float] = 0.3 * IN
    message_max: ClassVar[float] = 16.0
    # The readable floor of the message and its signature (one block, one face). The brush
    # face (Kaushan Script) has an x-height of 0.45 em: at 9 pt that is 1.4 mm, what 8 pt
    # book type has, the least a joined script reads at in the hand; below it the loops
    # close up (the old 6.5 pt floor gave 1 mm). 9 pt is the floor of the small cards held
    # in the hand (4×6 postcard, 3.5×5 and A7 sheets, whose boxes are 2-2.5 in wide);
    # greeting cards of A2 size and up are stood on a shelf and read from further away,
    # so they keep 10 pt. A message that needs less does not fit that format.
    message_min: ClassVar[float] = 10.0
    footer_height: ClassVar[float] = 14.0
    guide_spacing: ClassVar[float] = 0.3 * IN

    def message_style(self) -> Style:
        return _styles(type(self))[0]

    def footer_style(self) -> Style:
        return _styles(type(self))[1]

    def safe_area(self, trim: Box) -> Box:
        """Where ink may go on a card: ``margin`` inside the trim."""
        return trim.inset(self.margin)

    def message_box(self, trim: Box, job: CardJob) -> Box:
        """Where the message goes on a face cut to ``trim``: above the business's name."""
        return self._face_boxes(trim, bool(job.business.strip()))[0]

    def footer_box(self, trim: Box) -> Box:
        """Where the business's name goes, small at the foot of the face."""
        return self._face_boxes(trim, True)[1]

    def _face_boxes(self, trim: Box, footed: bool) -> tuple[Box, Box]:
        """The message's box and the footer's on a face cut to ``trim`` (``footed``: with
        the business's name); worked out once a format and trim: every card of a batch asks
        twice (the fit report, then the page), 1,000 cards some 20 ms."""
        key = (type(self), trim, footed)
        found = _FACE_BOXES.get(key)
        if found is None:
            safe = self.safe_area(trim)
            foot, above = safe.take_bottom(self.footer_height)
            found = _FACE_BOXES[key] = (above.inset(0, 4) if footed else safe, foot)
        return found

    def text_boxes(self, job: CardJob) -> list[TextBox]:
        """The texts this format must print whole for ``job`` (the fit report's list)."""
        face = Box(0, 0, *self.size)
        parts = [TextBox("message", job.text, self.message_box(face, job),
                         self.message_style())]
        if job.business.strip():
            parts.append(TextBox("business name", job.business, self.footer_box(face),
                                 self.footer_style()))
        return parts

    def draw_face(self, pdf: Pdf, trim: Box, job: CardJob, guides: bool = False) -> None:
        message = self.message_box(trim, job)
        if job.business.strip():
            pdf.text(job.business, self.footer_box(trim), self.footer_style())
        if guides:
            self.draw_guides(pdf, message)
        else:
            pdf.text(job.text, message, self.message_style())

    def draw_guides(self, pdf: Pdf, box: Box) -> None:
        """Faint ruled lines for writing by hand."""
        from exports.cards.pdf import FAINT

        y = box.top - self.guide_spacing
        while y >= box.y:
            pdf.line(box.x, y, box.right, y, width=0.4, color=FAINT)
            y -= self.guide_spacing


@cache
def _styles(face: type[CardFace]) -> tuple[Style, Style]:
    """A card format's message and footer styles (immutable: made once a format)."""
    from exports.cards.pdf import FAINT_INK, Style

    return (Style("brush", face.message_max, face.message_min, 1.3, "left", "middle"),
            Style("serif", 7.0, 5.0, 1.2, "centre", "bottom", FAINT_INK))
