"""The first start, when there is no notebook yet: a demo to look around, or an empty one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from storage.db import NotebookInfo, open_notebook
from ui import icons, theme

DEMO, EMPTY = "demo", "empty"


def demo_available() -> bool:
    """Whether this build carries the demo notebook's data."""
    try:
        import domain.demo  # noqa: F401
        import storage.bulk  # noqa: F401
    except ImportError:
        return False
    return True


def create_demo_notebook(path: Path, today: date) -> NotebookInfo:
    """Open (creating) the notebook at ``path`` and fill it with the demo, unless it has data."""
    from domain import demo
    from storage import bulk

    info = open_notebook(path)
    if bulk.customer_count() == 0 and not info.read_only:
        bulk.write_all(bulk.NotebookContent(
            demo.build_demo(today), demo.demo_templates(), demo.demo_cards(today),
            demo.demo_settings(), demo.demo_tag_settings()))
    return info


class FirstStartDialog(QDialog):
    """Welcome: "Open the demo notebook" or "Start empty". ``choice`` is DEMO, EMPTY or None."""

    def __init__(self, notebook: Path, demo_path: Path, can_demo: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to Rapport")
        self.setMinimumWidth(520)
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        top = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(icons.icon("customers", theme.ACCENT).pixmap(44, 44))
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(8)
        top.addWidget(theme.label("Welcome to Rapport", "heading"), 1)
        layout.addLayout(top)
        text = theme.label(
            "Rapport remembers your customers — their names, families, birthdays, what they "
            "bought and what you promised — and reminds you when to get in touch.<br><br>"
            "Would you like to look around a sample flower shop first, or start your own "
            f"notebook?<br><br><span style='color:{theme.MUTED}'>Your notebook will be "
            f"<code>{notebook}</code>. The demo is kept apart, in "
            f"<code>{demo_path.name}</code>, so it never mixes with your customers.</span>")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(text)
        layout.addSpacing(6)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.empty_button = QPushButton("Start empty")
        self.demo_button = QPushButton("Open the demo notebook")
        self.demo_button.setProperty("primary", True)
        self.demo_button.setEnabled(can_demo)
        if not can_demo:
            self.demo_button.setToolTip("This copy of Rapport has no demo data.")
        self.demo_button.setDefault(can_demo)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.demo_button)
        layout.addLayout(buttons)
        self.demo_button.clicked.connect(lambda: self._choose(DEMO))
        self.empty_button.clicked.connect(lambda: self._choose(EMPTY))

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
