"""The look: Fusion with a calm, warm palette, a readable font and a few scoped style rules.

Colours live here so screens ask for ``theme.MUTED`` rather than hard-coding hex values.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

ACCENT = "#2b6e63"  # deep teal: selection, primary buttons
ACCENT_SOFT = "#e3efec"
TEXT = "#1f2328"
MUTED = "#676d75"
WINDOW = "#f5f4f1"
BASE = "#ffffff"
ALT_BASE = "#faf9f7"
BORDER = "#dcd9d2"
SIDEBAR = "#ebe8e2"
ERROR = "#b42318"
ERROR_SOFT = "#fdecea"
WARNING_SOFT = "#fff4d6"
WARNING_TEXT = "#6b4e00"

_FONTS = ("Inter", "Segoe UI", "SF Pro Text", "Helvetica Neue", "Noto Sans", "Cantarell",
          "Ubuntu", "DejaVu Sans")

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QToolTip {{ color: {TEXT}; background: {BASE}; border: 1px solid {BORDER}; padding: 4px; }}
QListWidget#sidebar {{
    background: {SIDEBAR}; border: none; border-right: 1px solid {BORDER};
    padding: 10px 8px; outline: 0;
}}
QListWidget#sidebar::item {{ padding: 8px 10px; border-radius: 6px; color: {TEXT}; }}
QListWidget#sidebar::item:hover {{ background: #e2ded6; }}
QListWidget#sidebar::item:selected {{ background: {BASE}; color: {ACCENT}; font-weight: 600; }}
QLabel#brand {{ font-size: 15pt; font-weight: 700; color: {ACCENT}; padding: 14px 18px 6px; }}
QLineEdit, QPlainTextEdit {{
    background: {BASE}; border: 1px solid {BORDER}; border-radius: 5px; padding: 4px 6px;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:read-only {{ background: {ALT_BASE}; }}
QSpinBox, QComboBox, QDateEdit, QTimeEdit {{ min-height: 22px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: 1px solid {ERROR}; background: {ERROR_SOFT};
}}
QLineEdit#search {{ padding: 6px 8px; font-size: 11pt; border-radius: 7px; }}
QTableView, QTreeView, QTreeWidget {{
    background: {BASE}; alternate-background-color: {ALT_BASE}; border: 1px solid {BORDER};
    border-radius: 6px; gridline-color: transparent; selection-background-color: {ACCENT};
    outline: 0;
}}
QTreeView::item {{ padding: 4px 2px; }}
QHeaderView::section {{
    background: {ALT_BASE}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 8px; font-weight: 600;
}}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 6px; background: {BASE};
                   top: -1px; }}
QTabBar::tab {{ background: transparent; color: {MUTED}; padding: 7px 16px; border: none;
               border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {TEXT}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QTabBar::tab:hover {{ color: {TEXT}; }}
QPushButton {{
    background: {BASE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 5px 12px;
    color: {TEXT};
}}
QPushButton:hover {{ border-color: #bdb8ad; background: #fbfaf8; }}
QPushButton:pressed {{ background: #efece6; }}
QPushButton:disabled {{ color: #a5a9ae; background: #f3f2ef; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT};
                              font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: #245d54; }}
QPushButton[primary="true"]:disabled {{ background: #9dbdb6; border-color: #9dbdb6; }}
QPushButton[flat="true"] {{ border: none; background: transparent; color: {ACCENT};
                           padding: 3px 6px; }}
QPushButton[flat="true"]:hover {{ text-decoration: underline; }}
QLabel[role="error"] {{ color: {ERROR}; font-size: 9pt; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="heading"] {{ font-size: 17pt; font-weight: 700; color: {TEXT}; }}
QLabel[role="section"] {{ font-weight: 700; color: {TEXT}; padding-top: 6px; }}
QLabel[role="chip"] {{ background: {ACCENT_SOFT}; color: {ACCENT}; border-radius: 9px;
                      padding: 1px 8px; font-size: 9pt; }}
QFrame#banner {{ background: {WARNING_SOFT}; border-bottom: 1px solid #ecd9a0; }}
QFrame#banner QLabel {{ color: {WARNING_TEXT}; }}
QFrame#saveBar {{ background: {ALT_BASE}; border-top: 1px solid {BORDER}; }}
QFrame#emptyState QLabel[role="heading"] {{ font-size: 13pt; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}
QStatusBar {{ background: {WINDOW}; color: {MUTED}; border-top: 1px solid {BORDER}; }}
QSplitter::handle {{ background: transparent; }}
"""


def pick_font() -> QFont:
    """The first pleasant sans-serif font installed, at a comfortable reading size."""
    families = set(QFontDatabase.families())
    font = QFont(next((f for f in _FONTS if f in families), QApplication.font().family()))
    font.setPointSizeF(10.5)
    return font


def palette() -> QPalette:
    """Rapport's colours as a QPalette (Fusion draws with it)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, WINDOW), (roles.WindowText, TEXT), (roles.Base, BASE),
                         (roles.AlternateBase, ALT_BASE), (roles.Text, TEXT),
                         (roles.Button, BASE), (roles.ButtonText, TEXT),
                         (roles.Highlight, ACCENT), (roles.HighlightedText, "#ffffff"),
                         (roles.ToolTipBase, BASE), (roles.ToolTipText, TEXT),
                         (roles.PlaceholderText, "#9a9ea4"), (roles.Link, ACCENT),
                         (roles.Mid, BORDER), (roles.Midlight, "#ece9e3")):
        p.setColor(role, QColor(colour))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a5a9ae"))
    return p


def apply(app: QApplication) -> None:
    """Give the application its style, palette and font (right after creating it)."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setFont(pick_font())


def apply_style_sheet(app: QApplication) -> None:
    """Add the style sheet: best once the main window is built, just before it is shown.

    With a style sheet in force, every time a finished subtree of widgets is put into its
    parent the whole subtree is styled again; set afterwards, the window is styled once
    (about 80 ms less at start-up).
    """
    if app.styleSheet() != STYLE_SHEET:
        app.setStyleSheet(STYLE_SHEET)


def plain_buttons(buttons: list[QAbstractButton]) -> None:
    """Drop the platform's clip-art icons (✔ OK, ✘ Cancel) from dialog buttons.

    Done per dialog: a QProxyStyle could switch them off everywhere, but its Python
    ``styleHint`` would then run some 15,000 times while the window starts.
    """
    for button in buttons:
        button.setIcon(QIcon())


def set_role(widget: QWidget, role: str) -> QWidget:
    """Tag a widget for the style sheet (``heading``, ``muted``, ``error``, ``chip``…)."""
    widget.setProperty("role", role)
    _repolish(widget)
    return widget


def label(text: str = "", role: str = "", parent: QWidget | None = None) -> QLabel:
    """A label with a style role, wrapping and selectable as a reader expects."""
    widget = QLabel(text, parent)
    if role:
        set_role(widget, role)
    return widget


def set_flag(widget: QWidget, name: str, on: bool) -> None:
    """Set a boolean style property (``invalid``, ``primary``…) and restyle the widget."""
    if widget.property(name) != on:
        widget.setProperty(name, on)
        _repolish(widget)


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
