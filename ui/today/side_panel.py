"""The right-hand panel of the Today screen: the chosen suggestion in full, and its actions
(layout only; the controller fills it in and connects the buttons)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from domain.model import DEFAULT_REGION
from domain.outreach.handoff import shown_reach
from domain.outreach.wording import weekday_date
from ui import icons, theme
from ui.today.model import channel_icon, channel_label, relative_due
from ui.widgets.empty_state import EmptyState

HANDOFF_LABELS = {"email": "Write email…", "text": "Copy message", "phone": "Copy number"}
HANDOFF_TIPS = {"email": "Open a draft with the personal message in your mail program",
                "text": "Copy the message, ready to paste into a text",
                "phone": "Copy the number, to dial it on your phone"}
KEYS_HINT = "Enter: done · Del: dismiss · Ctrl+Z: undo"


def _plain(text: str = "", role: str = "") -> QLabel:
    """A wrapping label that never reads customer text as markup."""
    label = theme.label(text, role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SidePanel(QStackedWidget):
    """Nothing chosen, or one suggestion with its buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region: Callable[[], str] = lambda: DEFAULT_REGION  # the owner's phone region
        self.setMinimumWidth(250)  # room for the reasons on a 1280-pixel laptop screen
        self.setMaximumWidth(400)
        self.nothing = EmptyState("today", "", "Choose a suggestion to see what to do.")
        self.addWidget(self.nothing)
        self.page = self._build_page()
        self.addWidget(self.page)

    def _build_page(self) -> QFrame:
        page = QFrame()
        page.setObjectName("suggestionPanel")
        page.setStyleSheet(f"#suggestionPanel {{ background: {theme.BASE}; border: 1px solid "
                           f"{theme.BORDER}; border-radius: 6px; }}")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        self.name = _plain("", "heading")
        self.name.setStyleSheet("font-size: 14pt;")
        self.what = _plain("", "section")
        self.what.setStyleSheet(f"color: {theme.ACCENT}; padding-top: 0;")
        self.reason = _plain()
        self.when = _plain("", "muted")
        how_row = QHBoxLayout()
        how_row.setSpacing(6)
        self.how_icon = QLabel()
        self.how = _plain("", "muted")
        how_row.addWidget(self.how_icon)
        how_row.addWidget(self.how, 1)
        for widget in (self.name, self.what, self.reason, self.when):
            layout.addWidget(widget)
        layout.addLayout(how_row)
        self.reach = _plain()  # the number or address to use
        self.reach.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.reach.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.link = QLabel()  # sms: / tel: links, for a phone or a computer that takes them
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setOpenExternalLinks(True)
        self.link.setWordWrap(True)
        self.handoff_button = QPushButton(icons.icon("note", theme.ACCENT), "")
        self.handoff_button.setMinimumHeight(32)
        for part in (self.reach, self.link, self.handoff_button):
            layout.addWidget(part)
        layout.addSpacing(10)
        layout.addLayout(self._build_buttons())
        # The message, or a call's talking points, below the buttons: scrolled when long, so
        # the buttons stay where the hand knows them.
        self.details = _plain("", "muted")
        self.details_box = QScrollArea()
        self.details_box.setWidget(self.details)
        self.details_box.setWidgetResizable(True)
        self.details_box.setFrameShape(QFrame.Shape.NoFrame)
        self.details_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.details_box, 1)
        layout.addStretch(0)
        self.hint = _plain(KEYS_HINT, "muted")
        self.hint.setStyleSheet("font-size: 9pt;")
        layout.addWidget(self.hint)
        return page

    def _build_buttons(self) -> QVBoxLayout:
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        self.done_button = QPushButton(icons.icon("note", "#ffffff"), "Done…")
        self.done_button.setProperty("primary", True)
        self.done_button.setToolTip("Log how you reached them, with a note (Enter or Ctrl+L)")
        self.write_button = QPushButton(icons.icon("postcard", theme.ACCENT), "Write the card…")
        self.write_button.setToolTip("Write this card in the card editor")
        self.snooze_button = QPushButton(icons.icon("promise", theme.ACCENT), "Snooze")
        self.snooze_button.setToolTip("Hide it until a later day")
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_button.setMenu(self.snooze_menu)
        self.dismiss_button = QPushButton(icons.icon("close", theme.ACCENT), "Dismiss")
        self.dismiss_button.setToolTip("Not this time: hide this one for good (Del; Ctrl+Z "
                                       "brings it back)")
        self.open_button = QPushButton(icons.icon("customers", theme.ACCENT), "Open customer")
        self.open_button.setToolTip("Show their profile and timeline")
        for button in (self.done_button, self.write_button, self.snooze_button,
                       self.dismiss_button, self.open_button):
            button.setMinimumHeight(32)
            button.setStyleSheet("text-align: left; padding-left: 12px;")
            buttons.addWidget(button)
        return buttons

    def show_suggestion(self, s, today) -> None:
        """Fill the panel with ``s`` (None: nothing chosen)."""
        if s is None:
            self.setCurrentWidget(self.nothing)
            return
        self.name.setText(s.customer)
        self.what.setText(s.title)
        self.reason.setText(s.reason)
        self.when.setText(f"{relative_due(s.due, today)} · {weekday_date(s.due, today)}")
        self.how_icon.setPixmap(channel_icon(s.channel).pixmap(18, 18))
        self.how.setText(_how(s.channel))
        # A long address may break after "@" and dots (display only: the buttons use s.reach).
        shown = shown_reach(s.channel, s.reach, self.region())
        self.reach.setText(shown.replace("@", "\u200b@").replace(".", ".\u200b"))
        self.reach.setToolTip(s.reach)
        self.reach.setVisible(bool(s.reach))
        self.handoff_button.setText(HANDOFF_LABELS.get(s.channel or "", ""))
        self.handoff_button.setVisible(bool(s.reach))
        self.handoff_button.setToolTip(HANDOFF_TIPS.get(s.channel or "", ""))
        self.show_details("", "")
        self.setCurrentWidget(self.page)

    def show_details(self, details: str, link_html: str) -> None:
        """The message or talking points under the hand-off button, and the link below."""
        self.details.setText(details)
        self.details_box.setVisible(bool(details))
        self.link.setText(link_html)
        self.link.setVisible(bool(link_html))


def _how(channel: str | None) -> str:
    if channel is None:
        return "Every channel is closed for them; keep it in person or in your own words."
    return f"Suggested: {channel_label(channel).lower()}"
