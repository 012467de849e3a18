"""A template editor that shows fields as chips ("First name"), not ``{{ first_name }}``.

Each chip is one character of the document (an inline image, so the cursor steps over it
and Backspace deletes it whole) whose format keeps the Jinja it stands for. ``source()``
reads the document back fragment by fragment: text as it is, each chip as its Jinja, so the
stored template is exactly what was loaded plus the owner's edits (domain.template_chips
decides what is a chip). Copy gives the Jinja; paste turns fields in pasted text into chips.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from domain.template_chips import Chip, chip, pieces
from ui import theme

SOURCE = QTextFormat.Property.UserProperty + 1  # a chip's Jinja, as written
NAME = QTextFormat.Property.UserProperty + 2  # a chip's field name
_PREFIX = "rapport-chip:"


class ChipEdit(QTextEdit):
    """Plain text with chips; ``source()`` and ``set_source()`` speak Jinja."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        self.currentCharFormatChanged.connect(self._plain_after_chip)

    # --- our API --------------------------------------------------------------------------

    def set_source(self, source: str) -> None:
        """Show the template ``source`` (its undo history starts afresh)."""
        document = self.document()
        document.setUndoRedoEnabled(False)
        document.clear()
        cursor = QTextCursor(document)
        self._insert(cursor, source)
        document.setUndoRedoEnabled(True)
        self.setTextCursor(QTextCursor(document))

    def source(self, start: int = 0, end: int | None = None) -> str:
        """The template text between two positions (all of it by default)."""
        document = self.document()
        end = document.characterCount() - 1 if end is None else end
        out: list[str] = []
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.position() > start:
                out.append("\n")
            it = block.begin()
            while not it.atEnd():
                out.append(self._fragment_source(it.fragment(), start, end))
                it += 1
            block = block.next()
        return "".join(out)

    def insert_field(self, name: str) -> None:
        """Put the field ``name`` as a chip where the cursor is (one undo step)."""
        cursor = self.textCursor()
        self._put_chip(cursor, chip(name))
        self.setTextCursor(cursor)

    def chips(self) -> list[str]:
        """The field names of the chips shown, in order (tests)."""
        return [p.name for p in pieces(self.source()) if isinstance(p, Chip)]

    # --- Qt overrides ---------------------------------------------------------------------

    def createMimeDataFromSelection(self) -> QMimeData:
        cursor = self.textCursor()
        data = QMimeData()
        data.setText(self.source(cursor.selectionStart(), cursor.selectionEnd()))
        return data

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        self._insert(cursor, source.text())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    # --- the document ---------------------------------------------------------------------

    @staticmethod
    def _fragment_source(fragment, start: int, end: int) -> str:
        """The Jinja of the part of ``fragment`` between ``start`` and ``end``."""
        lo = max(fragment.position(), start) - fragment.position()
        hi = min(fragment.position() + fragment.length(), end) - fragment.position()
        if hi <= lo:
            return ""
        made = fragment.charFormat().property(SOURCE)
        if isinstance(made, str) and fragment.charFormat().isImageFormat():
            return made * (hi - lo)  # identical chips side by side share one fragment
        return fragment.text()[lo:hi]

    def _insert(self, cursor: QTextCursor, source: str) -> None:
        plain = QTextCharFormat()
        for part in pieces(source):
            if isinstance(part, Chip):
                self._put_chip(cursor, part)
            else:
                cursor.insertText(part, plain)

    def _put_chip(self, cursor: QTextCursor, part: Chip) -> None:
        url = _PREFIX + part.name
        image = self._picture(part.label)
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        fmt = QTextImageFormat()
        fmt.setName(url)
        ratio = image.devicePixelRatio()
        fmt.setWidth(image.width() / ratio)
        fmt.setHeight(image.height() / ratio)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        fmt.setProperty(SOURCE, part.source)
        fmt.setProperty(NAME, part.name)
        fmt.setToolTip(part.source)
        cursor.insertImage(fmt)
        cursor.setCharFormat(QTextCharFormat())  # what is typed next is text, not a chip

    def _picture(self, label: str) -> QImage:
        """The chip: its label on a rounded tint, drawn at the screen's resolution."""
        font = self.font()
        metrics = QFontMetricsF(font)
        ratio = max(1.0, self.devicePixelRatioF())
        width, height = metrics.horizontalAdvance(label) + 14, metrics.height() + 2
        image = QImage(int(width * ratio) + 1, int(height * ratio) + 1,
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.ACCENT_SOFT))
        box = QRectF(0.5, 0.5, width - 1, height - 1)
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setPen(QColor(theme.ACCENT))
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
        return image

    def _plain_after_chip(self, fmt: QTextCharFormat) -> None:
        """With the cursor just after a chip, Qt would type in the chip's format."""
        if fmt.isImageFormat():
            self.setCurrentCharFormat(QTextCharFormat())
