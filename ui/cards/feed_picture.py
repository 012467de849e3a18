"""How to feed the paper, drawn: two-sided printing on the long or the short edge, feeding
card stock twice on a printer that cannot print both its sides, and envelopes.

Vector drawing with QPainter on a fixed logical canvas scaled to the widget, so a picture is
as sharp in a 90-pixel thumbnail as in a large dialog on a high-DPI screen, in the palette's
colours (a dark theme gets light lines). Words appear only once the picture is large enough
to read them; the captions carry the full advice.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from exports import cards as formats
from exports.cards.geometry import inches, millimetres

KINDS = ("duplex-long", "duplex-short", "manual-duplex")  # and "envelope:<format>"
ENVELOPE = "envelope:"
W, H = 240.0, 110.0  # the logical canvas every picture is drawn on
WORDS_FROM = 1.15  # the scale from which the picture's own labels are readable


def check_kind(kind: str) -> str:
    """``kind`` when it names a picture; ValueError otherwise."""
    if kind in KINDS:
        return kind
    if kind.startswith(ENVELOPE):
        try:
            formats.get(kind[len(ENVELOPE):], "envelope")
            return kind
        except formats.UnknownFormat as exc:
            raise ValueError(str(exc)) from None
    raise ValueError(f"no picture {kind!r}; choose one of {', '.join(KINDS)} or "
                     f"{ENVELOPE}<format>")


def caption(kind: str) -> tuple[str, str]:
    """A short title and the full advice for the picture ``kind``."""
    if kind.startswith(ENVELOPE):
        cls = formats.get(kind[len(ENVELOPE):], "envelope")
        size = millimetres(cls.size) if cls.iso else inches(cls.size)
        return ("Address side up, flap on the left, stamp end first",
                f"Envelopes {cls.name} ({size}). The usual way: address side up, the flap "
                "closed and underneath, on the left, the stamp end going into the printer "
                "first, so the return address corner comes out last. Front drawers often "
                "take them address side down. Printers differ: try one envelope first, at "
                "100 % (no “fit to page”).")
    return _CAPTIONS[check_kind(kind)]


_CAPTIONS = {
    "duplex-short": (
        "Both sides: flip on the short edge",
        "In the print settings choose two-sided printing, flip on the short edge (also "
        "called short-edge binding), so the inside is upright when the card is opened. At "
        "100 % (no “fit to page”)."),
    "duplex-long": (
        "Both sides: flip on the long edge",
        "In the print settings choose two-sided printing, flip on the long edge (also called "
        "long-edge binding): side 2 is printed turned like a calendar page. At 100 % (no "
        "“fit to page”)."),
    "manual-duplex": (
        "Printer cannot print both sides of card stock? Feed it twice",
        "Print side 1 (the odd pages). ① Take the printed stack out, keeping its order. "
        "② Turn it over from side to side, as shown. ③ Put it back in the same tray, the "
        "same edge first, and print side 2 (the even pages). Most printers with a front "
        "drawer print on the side facing down, so the printed side goes up; most with a rear "
        "or top slot print the side facing up, so the printed side goes down. It depends on "
        "your printer: mark one test sheet with a pencil and try it first."),
}


class Ink:
    """The palette's colours, and pens that stay at least a pixel wide when small."""

    def __init__(self, palette: QPalette, scale: float) -> None:
        roles = QPalette.ColorRole
        self.line = palette.color(roles.WindowText)
        self.paper = palette.color(roles.Base)
        self.accent = palette.color(roles.Highlight)
        self.faint = _mix(self.line, self.paper, 0.5)
        self.scale = scale

    def pen(self, color: QColor, width: float, dash: bool = False) -> QPen:
        pen = QPen(color, max(width, 1.0 / self.scale))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if dash:
            pen.setDashPattern([3.0, 2.5])
        return pen

    @property
    def words(self) -> bool:
        return self.scale >= WORDS_FROM


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(*(round(x * share + y * (1 - share)) for x, y in
                    ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))))


class FeedPicture(QWidget):
    """One picture of how to feed the paper (see :data:`KINDS`)."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = check_kind(kind)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setToolTip("\n\n".join(caption(kind)))
        self.setAccessibleName(caption(kind)[0])

    def sizeHint(self) -> QSize:
        return QSize(int(W * 1.6), int(H * 1.6))

    def minimumSizeHint(self) -> QSize:
        return QSize(int(W * 0.35), int(H * 0.35))

    def paintEvent(self, _event: QPaintEvent) -> None:
        scale = min(self.width() / W, self.height() / H)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate((self.width() - W * scale) / 2, (self.height() - H * scale) / 2)
        painter.scale(scale, scale)
        font = QFont(self.font())
        font.setPixelSize(8)
        painter.setFont(font)
        ink = Ink(self.palette(), scale)
        if self.kind.startswith(ENVELOPE):
            draw_envelope(painter, ink, formats.get(self.kind[len(ENVELOPE):]).size)
        else:
            _DRAW[self.kind](painter, ink)
        painter.end()


def feed_picture_for(kind: str) -> QWidget:
    """The picture ``kind`` ("duplex-long", "duplex-short", "manual-duplex",
    "envelope:<format>") with its title and advice beneath, for a dialog to embed."""
    panel = QWidget()
    panel.kind = check_kind(kind)  # type: ignore[attr-defined]
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    picture = FeedPicture(kind)
    picture.setMinimumHeight(int(H * 1.2))
    title, text = caption(kind)
    heading = QLabel(title)
    heading.setStyleSheet("font-weight: 600;")
    heading.setWordWrap(True)
    advice = QLabel(text)
    advice.setWordWrap(True)
    advice.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(picture, 1)
    layout.addWidget(heading)
    layout.addWidget(advice)
    return panel


# --- the pictures ---------------------------------------------------------------------------

def draw_duplex_short(p: QPainter, ink: Ink) -> None:
    """Side 1 turns over, like a book page, about the short edge to show side 2."""
    one, two = QRectF(10, 30, 84, 54), QRectF(146, 30, 84, 54)
    _sheet(p, ink, one, 1)
    _sheet(p, ink, two, 2)
    _axis(p, ink, QPointF(120, 22), QPointF(120, 92))
    _hinge(p, ink, one.topRight(), one.bottomRight())
    _hinge(p, ink, two.topLeft(), two.bottomLeft())
    arc = QPainterPath(QPointF(one.center().x(), one.top() - 4))
    arc.cubicTo(QPointF(80, 2), QPointF(160, 2), QPointF(two.center().x(), two.top() - 4))
    _arrow(p, ink, arc)
    _words(p, ink, QRectF(0, 92, W, 16), "flip on the short edge")


def draw_duplex_long(p: QPainter, ink: Ink) -> None:
    """Side 1 turns over, like a calendar page, about the long edge to show side 2."""
    one, two = QRectF(60, 4, 70, 45), QRectF(60, 61, 70, 45)
    _sheet(p, ink, one, 1)
    _sheet(p, ink, two, 2)
    _axis(p, ink, QPointF(46, 55), QPointF(144, 55))
    _hinge(p, ink, one.bottomLeft(), one.bottomRight())
    _hinge(p, ink, two.topLeft(), two.topRight())
    arc = QPainterPath(QPointF(one.right() + 5, one.center().y()))
    arc.cubicTo(QPointF(176, 14), QPointF(176, 96), QPointF(two.right() + 5, two.center().y()))
    _arrow(p, ink, arc)
    _words(p, ink, QRectF(166, 44, 74, 22), "flip on the\nlong edge")


def draw_manual_duplex(p: QPainter, ink: Ink) -> None:
    """① the printed stack out, ② turned over side to side, ③ back into the tray."""
    for step, x in enumerate((4.0, 84.0, 164.0), start=1):
        _badge(p, ink, QPointF(x + 5, 9), str(step))
    for i in range(3):  # ① a stack, side 1 printed on top
        _sheet(p, ink, QRectF(10 + 2 * i, 46 - 3 * i, 56, 36), 1 if i == 2 else 0)
    for i in range(3):  # ② turned over: the blank side up
        _sheet(p, ink, QRectF(94 + 2 * i, 46 - 3 * i, 56, 36), 2 if i == 2 else 0, blank=True)
    top = QRectF(98, 40, 56, 36)
    _hinge(p, ink, top.topLeft(), top.bottomLeft())
    arc = QPainterPath(QPointF(top.right() - 4, top.top() - 3))
    arc.cubicTo(QPointF(146, 14), QPointF(108, 14), QPointF(top.left() + 4, top.top() - 4))
    _arrow(p, ink, arc)
    _printer(p, ink)
    for x in (77.0, 161.0):
        _chevron(p, ink, QPointF(x, 62))
    _words(p, ink, QRectF(0, 94, 80, 14), "take the stack")
    _words(p, ink, QRectF(80, 94, 80, 14), "turn it over")
    _words(p, ink, QRectF(160, 94, 80, 14), "same edge first")


def draw_envelope(p: QPainter, ink: Ink, size: tuple[float, float]) -> None:
    """The envelope's face as printed, then turned into the printer: stamp end first, flap
    (underneath) on the left, address side up."""
    face = _fit(size, QRectF(6, 14, 104, 80))
    _envelope(p, ink, face)
    _chevron(p, ink, QPointF(124, 56))
    slot_y = 10.0
    p.setPen(ink.pen(ink.line, 2.2))
    p.drawLine(QPointF(150, slot_y), QPointF(232, slot_y))
    upright = _fit((size[1], size[0]), QRectF(156, slot_y + 6, 60, 78))
    p.save()
    p.translate(upright.center())
    p.rotate(-90)  # a quarter turn to the left: the top edge (the flap's) goes left
    _envelope(p, ink, QRectF(-upright.height() / 2, -upright.width() / 2, upright.height(),
                             upright.width()))
    p.restore()
    into = QPainterPath(QPointF(226, 70))
    into.lineTo(QPointF(226, slot_y + 4))
    _arrow(p, ink, into)
    _words(p, ink, QRectF(0, 96, 118, 14), "as printed")
    _words(p, ink, QRectF(132, 98, 108, 12), "flap left · stamp end first")


_DRAW = {"duplex-short": draw_duplex_short, "duplex-long": draw_duplex_long,
         "manual-duplex": draw_manual_duplex}


# --- the parts ------------------------------------------------------------------------------

def _sheet(p: QPainter, ink: Ink, box: QRectF, side: int, blank: bool = False) -> None:
    """A folded card's sheet: the fold dashed; side 1 shows the front panel's words, side
    2 the message; 0 draws the sheet alone (one further down a stack)."""
    p.setPen(ink.pen(ink.line, 1.2))
    p.setBrush(ink.paper)
    p.drawRect(box)
    if side == 0:
        return
    mid = box.center().x()
    p.setPen(ink.pen(ink.faint, 0.8, dash=True))
    p.drawLine(QPointF(mid, box.top() + 2), QPointF(mid, box.bottom() - 2))
    right = QRectF(mid, box.top(), box.width() / 2, box.height())
    if not blank and side == 1:
        p.setPen(ink.pen(ink.line, 2.4))
        y = right.center().y() - 3
        p.drawLine(QPointF(right.left() + right.width() * 0.2, y),
                   QPointF(right.right() - right.width() * 0.2, y))
    elif not blank:
        p.setPen(ink.pen(ink.faint, 1.4))
        for k in range(4):
            y = right.top() + right.height() * (0.28 + 0.14 * k)
            p.drawLine(QPointF(right.left() + 6, y), QPointF(right.right() - 6 - 6 * (k % 2), y))
    p.setPen(ink.pen(ink.faint if blank else ink.line, 1))
    font = QFont(p.font())
    font.setPixelSize(max(8, int(box.height() * 0.42)))
    font.setBold(True)
    p.save()
    p.setFont(font)
    p.drawText(QRectF(box.left(), box.top(), box.width() / 2, box.height()),
               Qt.AlignmentFlag.AlignCenter, str(side))
    p.restore()


def _envelope(p: QPainter, ink: Ink, box: QRectF) -> None:
    """An envelope's address side: return address top left, stamp top right, the address
    right of the middle; the flap, behind it along the top edge, dashed."""
    w, h = box.width(), box.height()
    p.setPen(ink.pen(ink.line, 1.2))
    p.setBrush(ink.paper)
    p.drawRect(box)
    p.setPen(ink.pen(ink.faint, 0.8, dash=True))
    flap = QPainterPath(box.topLeft())
    flap.lineTo(QPointF(box.center().x(), box.top() + h * 0.45))
    flap.lineTo(box.topRight())
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(flap)
    p.setPen(ink.pen(ink.line, 1.2))
    for k in range(3):  # the return address
        y = box.top() + h * (0.12 + 0.09 * k)
        p.drawLine(QPointF(box.left() + w * 0.05, y), QPointF(box.left() + w * 0.3, y))
    p.setPen(ink.pen(ink.accent, 1.2))
    side = min(w, h) * 0.2
    p.drawRect(QRectF(box.right() - w * 0.04 - side, box.top() + h * 0.07, side, side * 1.15))
    p.setPen(ink.pen(ink.line, 1.6))
    for k in range(3):  # the recipient
        y = box.top() + h * (0.55 + 0.11 * k)
        p.drawLine(QPointF(box.left() + w * 0.42, y), QPointF(box.left() + w * 0.8, y))


def _printer(p: QPainter, ink: Ink) -> None:
    """A printer with a rear tray, and the stack going back in."""
    p.setPen(ink.pen(ink.line, 1.2))
    p.setBrush(ink.paper)
    tray = QPainterPath(QPointF(186, 56))
    for x, y in ((180, 24), (224, 24), (218, 56)):
        tray.lineTo(QPointF(x, y))
    p.drawPath(tray)
    p.drawRoundedRect(QRectF(170, 52, 64, 34), 4, 4)
    p.drawLine(QPointF(184, 78), QPointF(220, 78))  # where the printed sheets come out
    for i in range(3):
        p.drawLine(QPointF(189 + i * 2, 50 - i), QPointF(185 + i * 2, 28 - i))
    down = QPainterPath(QPointF(202, 2))
    down.lineTo(QPointF(202, 20))
    _arrow(p, ink, down)


def _axis(p: QPainter, ink: Ink, a: QPointF, b: QPointF) -> None:
    pen = ink.pen(ink.accent, 0.9)
    pen.setDashPattern([6.0, 2.5, 1.0, 2.5])
    p.setPen(pen)
    p.drawLine(a, b)


def _hinge(p: QPainter, ink: Ink, a: QPointF, b: QPointF) -> None:
    p.setPen(ink.pen(ink.accent, 3.0))
    p.drawLine(a, b)


def _arrow(p: QPainter, ink: Ink, path: QPainterPath) -> None:
    """``path`` stroked in the accent colour, with a head at its end."""
    p.setPen(ink.pen(ink.accent, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    tip, angle = path.pointAtPercent(1.0), path.angleAtPercent(1.0)
    head = QPainterPath(QPointF(0, 0))
    head.lineTo(QPointF(-7, -3.5))
    head.lineTo(QPointF(-7, 3.5))
    head.closeSubpath()
    p.save()
    p.translate(tip)
    p.rotate(-angle)  # Qt's path angles run counter-clockwise; the painter's clockwise
    p.setBrush(ink.accent)
    p.setPen(ink.pen(ink.accent, 1))
    p.drawPath(head)
    p.restore()


def _chevron(p: QPainter, ink: Ink, at: QPointF) -> None:
    p.setPen(ink.pen(ink.faint, 2.0))
    p.drawLine(at + QPointF(-3, -6), at + QPointF(3, 0))
    p.drawLine(at + QPointF(3, 0), at + QPointF(-3, 6))


def _badge(p: QPainter, ink: Ink, at: QPointF, text: str) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(ink.accent)
    p.drawEllipse(at, 6, 6)
    p.setPen(ink.pen(ink.paper, 1))
    p.drawText(QRectF(at.x() - 6, at.y() - 6, 12, 12), Qt.AlignmentFlag.AlignCenter, text)


def _words(p: QPainter, ink: Ink, box: QRectF, text: str) -> None:
    """A label inside the picture, drawn only when it is large enough to read."""
    if ink.words:
        p.setPen(ink.pen(ink.line, 1))
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _fit(size: tuple[float, float], room: QRectF) -> QRectF:
    """The largest rectangle of ``size``'s proportions centred in ``room``."""
    scale = min(room.width() / size[0], room.height() / size[1])
    w, h = size[0] * scale, size[1] * scale
    return QRectF(room.center().x() - w / 2, room.center().y() - h / 2, w, h)
