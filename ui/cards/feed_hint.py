"""A small picture of how to feed the paper, beside a print preview's buttons, that opens
the large pictures with their advice ("How to feed the paper…") laid over the dialog: always
in sight, yet hardly taller than the row of buttons it joins, and the dialog no larger."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from exports import cards as formats
from ui.cards.feed_picture import FeedPicture, caption, feed_picture_for

THUMB = (96, 44)  # the small picture, in pixels: as tall as a row with a two-line note
DETAIL_WIDTH = 380  # each large picture's panel in the details, at most


def feed_kinds(card_format: str) -> tuple[str, tuple[str, ...]]:
    """The feed picture for cards of ``card_format`` ("" for one-sided cards), and those
    shown after it in the details (feeding twice, for printers that cannot print both
    sides of card stock)."""
    edge = formats.get(card_format, "card").duplex
    return (f"duplex-{edge}", ("manual-duplex",)) if edge else ("", ())


class FeedHint(QWidget):
    """The picture ``kind`` small, its title, and the details on request; hidden when the
    paper needs no advice (``kind`` "")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.extra: tuple[str, ...] = ()
        self.picture: FeedPicture | None = None
        self.details: QFrame | None = None  # the large pictures, while shown
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(8)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.more = QPushButton("How to feed the paper…")
        self.more.setProperty("flat", True)
        self.more.setAutoDefault(False)
        self.more.clicked.connect(self.show_details)
        self._row.addWidget(self.title, 1)
        self._row.addWidget(self.more)
        self.hide()

    def set_kind(self, kind: str, extra: Sequence[str] = ()) -> None:
        """Show the picture ``kind`` (and, in the details, the pictures ``extra`` after it);
        ``kind`` "" hides the hint."""
        if (kind, tuple(extra)) == (self.kind, self.extra):
            return
        self.kind, self.extra = kind, tuple(extra)
        if self.picture is not None:
            self.picture.deleteLater()
            self.picture = None
        if kind:
            self.picture = FeedPicture(kind)
            self.picture.setFixedSize(*THUMB)
            self.picture.setCursor(Qt.CursorShape.PointingHandCursor)
            self.picture.mousePressEvent = lambda _e: self.show_details()  # type: ignore
            self._row.insertWidget(0, self.picture)
            self.title.setText(caption(kind)[0])
            self.setToolTip("\n\n".join(caption(kind)))
        self.setVisible(bool(kind))

    def show_details(self) -> QFrame:
        """The large pictures with their advice, laid over the dialog just above the hint
        (the dialog keeps its size; "Close", Esc or the link again puts them away)."""
        if self.details is not None:
            self.details.close()
            return self.details
        host = self.window()
        details = self.details = QFrame(host)
        details.setObjectName("feedDetails")
        details.setFrameShape(QFrame.Shape.StyledPanel)
        details.setStyleSheet("QFrame#feedDetails { background: palette(base); "
                              "border: 1px solid palette(mid); border-radius: 8px; }")
        details.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        details.destroyed.connect(self._forget_details)
        outer = QVBoxLayout(details)
        outer.setContentsMargins(18, 14, 18, 12)
        row = QHBoxLayout()
        row.setSpacing(22)
        kinds = (self.kind, *self.extra)
        # as wide as they may be and still fit the dialog, side by side
        width = min(DETAIL_WIDTH, (host.width() - 52 - 22 * (len(kinds) - 1)) // len(kinds))
        for kind in kinds:
            panel = feed_picture_for(kind)
            panel.setFixedWidth(width)
            row.addWidget(panel, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(row)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(details.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), details, details.close)
        outer.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        details.adjustSize()
        details.move(self._place(host, details.width(), details.height()))
        details.show()
        details.raise_()
        close.setFocus()
        return details

    def _forget_details(self) -> None:
        self.details = None

    def _place(self, host: QWidget, width: int, height: int) -> QPoint:
        """Just above the hint (it sits at a dialog's foot), inside the dialog."""
        corner = self.mapTo(host, QPoint(0, 0))
        x = max(8, min(corner.x(), host.width() - width - 8))
        y = max(8, corner.y() - height - 8)
        return QPoint(x, y)
