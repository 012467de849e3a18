"""Dialogs sized for the screen they open on: a small laptop (1024×700) gets all of them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

MAX_SIZE = 16777215  # Qt's QWIDGETSIZE_MAX: no limit set
ROOM = 0.94  # of the screen's free area: a window frame and a task bar still show


def available(window: QWidget) -> QRect:
    """The free area (no task bar) of the screen ``window`` opens on; empty when none."""
    # QWidget's own: the main window's screen(key) means one of Rapport's screens
    screen = QWidget.screen(window) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect()


def room_for(window: QWidget) -> QSize:
    """The largest size ``window`` may take on its screen, its frame still showing."""
    room = available(window)
    return QSize(int(room.width() * ROOM), int(room.height() * ROOM))


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to the free area of its screen when its size does not fit.

    A window not sized yet is given its natural size first: Qt would show it at that size,
    however tall, when it is shown."""
    if available(window).isEmpty():
        return
    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        window.resize(window.sizeHint())
    fitted = window.size().boundedTo(room_for(window))
    if fitted != window.size():
        window.resize(fitted)


class FittingScroll(QScrollArea):
    """A scroll area that asks for its content's whole size (a dialog on a big screen shows
    everything) but can shrink to a few lines, scrolling, on a small one."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # The content grew (a longer text shown): our own hints change with it, and the
        # splitter or layout around us must hear of it (a scroll area stops the news).
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar, inner.height())

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        inner = content.minimumSizeHint().expandedTo(content.minimumSize())
        bar = self.verticalScrollBar().sizeHint().width()
        if content.maximumWidth() < MAX_SIZE:  # no wider than the content may be
            self.setMaximumWidth(content.maximumWidth() + bar)
        return QSize(inner.width() + bar, min(inner.height(), 160))


def share_width(splitter: QSplitter, shares: list[float]) -> None:
    """Give the splitter's panes ``shares`` of its width, none below the room its contents
    need: on a small screen the panes with room to spare give it to those without."""
    width = splitter.width() - splitter.handleWidth() * (splitter.count() - 1)
    least = [splitter.widget(i).minimumSizeHint().expandedTo(
        splitter.widget(i).minimumSize()).width() for i in range(splitter.count())]
    sizes = [max(low, int(width * share)) for low, share in zip(least, shares, strict=True)]
    over = sum(sizes) - width
    for i in sorted(range(len(sizes)), key=lambda i: least[i] - sizes[i]):  # most slack first
        give = max(0, min(over, sizes[i] - least[i]))
        sizes[i] -= give
        over -= give
    splitter.setSizes(sizes)
