"""Small line icons drawn from inline SVG, tinted to the theme; no icon files to ship.

Each icon is drawn the first time it is asked for (then kept), and the SVG renderer is loaded
with the first one, so importing this module costs nothing.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from ui import theme

# 24×24 outlines, stroke-only, drawn for Rapport.
_PATHS = {
    "customers": '<circle cx="9" cy="8" r="3.5"/>'
                 '<path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6"/>'
                 '<circle cx="17" cy="9" r="2.6"/><path d="M16 14.2c3.2 0 5.5 2 5.5 5.3"/>',
    "today": '<circle cx="12" cy="12" r="4"/><path d="M12 2.5v2.5M12 19v2.5M2.5 12H5M19 12h2.5'
             'M5.3 5.3l1.8 1.8M16.9 16.9l1.8 1.8M5.3 18.7l1.8-1.8M16.9 7.1l1.8-1.8"/>',
    "calendar": '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17M8 3v4'
                'M16 3v4"/>',
    "cards": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
    "templates": '<path d="M6 3h9l4 4v14H6z"/><path d="M15 3v4h4M9 12h7M9 16h7"/>',
    "insights": '<path d="M4 20h16"/><rect x="5.5" y="11" width="3" height="6.5" rx=".5"/>'
                '<rect x="10.5" y="6" width="3" height="11.5" rx=".5"/>'
                '<rect x="15.5" y="13.5" width="3" height="4" rx=".5"/>',
    "search": '<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5"/>',
    "plus": '<path d="M12 5v14M5 12h14"/>',
    "touch": '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6'
             'a2 2 0 0 1 2-2z"/>',
    "trash": '<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>',
    "edit": '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="M13.5 6.5l4 4"/>',
    "close": '<path d="M6 6l12 12M18 6L6 18"/>',
    "purchase": '<path d="M5 8h14l-1.2 12H6.2z"/><path d="M9 8V6a3 3 0 0 1 6 0v2"/>',
    "promise": '<circle cx="12" cy="12" r="8.5"/><path d="M12 7v5l3.5 2"/>',
    "problem": '<path d="M12 3l9.5 17h-19z"/><path d="M12 10v4.5M12 17.5v.5"/>',
    "note": '<path d="M5 4h14v16H5z"/><path d="M8.5 9h7M8.5 13h7M8.5 17h4"/>',
    "message": '<path d="M4 5h16v11H10l-5 4v-4H4z"/>',
    "email": '<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="M3.5 7l8.5 6 8.5-6"/>',
    "gift": '<rect x="3.5" y="8" width="17" height="4" rx="1"/><path d="M5 12v8h14v-8M12 8v12'
            'M12 8C10 4 6 4 6 6.5S9 8 12 8zM12 8c2-4 6-4 6-1.5S15 8 12 8z"/>',
    "visit": '<path d="M4 10v10h16V10M3 10l2-6h14l2 6zM10 20v-6h4v6"/>',
    "postcard": '<rect x="2.5" y="5" width="19" height="14" rx="1.5"/>'
                '<rect x="15" y="8" width="3.5" height="4"/><path d="M6 9h6M6 12.5h6M6 16h4"/>',
    "lock": '<rect x="5" y="10.5" width="14" height="10" rx="2"/><path d="M8 10.5V7a4 4 0 0 1 8 0'
            'v3.5"/>',
}


@cache
def icon(name: str, colour: str = theme.MUTED) -> QIcon:
    """The named icon in ``colour`` (an empty icon for an unknown name)."""
    from PySide6.QtSvg import QSvgRenderer

    paths = _PATHS.get(name)
    result = QIcon()
    if paths is None:
        return result
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
           f'stroke="{colour}" stroke-width="1.7" stroke-linecap="round" '
           f'stroke-linejoin="round">{paths}</svg>')
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result


def names() -> list[str]:
    """Every icon name, sorted."""
    return sorted(_PATHS)
