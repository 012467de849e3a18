"""Column widths for lists on any screen: fixed widths that give way on a narrow one, each
at least its title (or a sample of its words) whole, one column taking the rest.

Fixed widths, because reading every row to size a column is slow on a big notebook."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

STRETCH_SHARE = 0.3  # of the list's width the stretching column keeps on a narrow screen
MIN_SECTION = 80
CELL_ROOM = 2 * 10  # a cell's padding


HEADER_ROOM = 2 * 8 + 6  # a header section's padding (ui/theme.py) and its border


def header_of(view: QAbstractItemView) -> QHeaderView:
    """The column header of a table or a tree."""
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def fit_columns(view: QAbstractItemView, widths: dict[int, int], stretch: int,
                floors: dict[int, str] | None = None) -> None:
    """Fixed widths, one column taking the rest; on a narrow screen the fixed ones give way,
    so the stretching one keeps a readable share, but none below its title or its ``floors``
    text ("100 days overdue") written whole."""
    header = header_of(view)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(MIN_SECTION)
    bold = QFont(view.font())
    bold.setWeight(QFont.Weight.DemiBold)  # a row's first line and the titles are bold
    metrics = QFontMetrics(bold)
    least = {column: metrics.horizontalAdvance(text) + CELL_ROOM
             for column, text in (floors or {}).items()}
    model = view.model()
    for column in widths:
        title = model.headerData(column, header.orientation()) if model is not None else ""
        least[column] = max(least.get(column, 0),
                            metrics.horizontalAdvance(str(title or "")) + HEADER_ROOM)
    _ColumnFit(view, widths, least).fit(view.viewport().width())


class _ColumnFit(QObject):
    """Sizes a list's fixed columns to its width whenever the width changes."""

    def __init__(self, view: QAbstractItemView, widths: dict[int, int],
                 least: dict[int, int]) -> None:
        super().__init__(view)
        self._header, self._widths, self._least = header_of(view), dict(widths), least
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.fit(watched.width())
        return False

    def fit(self, width: int) -> None:
        fixed = sum(self._widths.values())
        room = width * (1 - STRETCH_SHARE)
        scale = min(1.0, room / fixed) if fixed and width > 0 else 1.0
        least = {c: max(MIN_SECTION, self._least.get(c, 0)) for c in self._widths}
        sizes = {c: max(int(full * scale), least[c]) for c, full in self._widths.items()}
        over = sum(sizes.values()) - room if scale < 1.0 else 0
        # What the floors took, the columns with slack give back: the last listed first (the
        # first, a name or a day, are what a row is read by)
        for column in reversed(sizes):
            give = min(max(math.ceil(over), 0), sizes[column] - least[column])
            sizes[column] -= give
            over -= give
        for column, size in sizes.items():
            self._header.resizeSection(column, size)
