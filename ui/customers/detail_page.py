"""The right half of the Customers screen: one customer's header, tabs and save bar (layout)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.model import Customer
from domain.money import format_totals
from domain.validation import format_date
from ui import icons, theme
from ui.customers.contact_form import ContactForm
from ui.customers.personal_form import PersonalForm
from ui.customers.profile_form import ProfileForm
from ui.customers.timeline_panel import TimelinePanel
from ui.models.customer_list_model import ago
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.empty_state import EmptyState

TAB_PROFILE, TAB_CONTACT, TAB_PERSONAL, TAB_TIMELINE = range(4)
NAME_ROOM = 300  # the name's width, at the least, before the buttons go under it


def _scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` at the top of a scroll area, keeping its natural height (no stretched rows)."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(widget)
    column.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(holder)
    return area


def summary_line(c: Customer, referrer: str, referrals: list[tuple[int, str]],
                 today: date, region: str = "") -> str:
    """``Last touch 12 days ago · 3 purchases ($450.00 in all) · customer since 4 Mar 2019 ·
    …`` (amounts in ``region``'s currency, a till's own currency apart: domain.money)."""
    last = max((i.when for i in c.interactions), default=None)
    parts = [f"Last touch {ago(last, today)}" if last else "No touches yet"]
    if c.purchases:
        total = format_totals(((p.amount, p.currency) for p in c.purchases), region)
        count = len(c.purchases)
        parts.append(f"{count} purchase{'s' if count != 1 else ''} ({total} in all)")
    if c.customer_since:
        parts.append(f"customer since {format_date(c.customer_since)}")
    if referrer:
        parts.append(f"referred by {referrer}")
    if referrals:
        names = ", ".join(name for _id, name in referrals[:3])
        more = f" and {len(referrals) - 3} more" if len(referrals) > 3 else ""
        parts.append(f"sent us {names}{more}")
    return "  ·  ".join(parts)


class DetailPage(QWidget):
    """Everything about one customer, or a hint when nobody is chosen."""

    def __init__(self, region: str, day_first: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read_only = False  # a notebook open read-only: look, don't touch
        self.pages = QStackedWidget()
        self.nobody = EmptyState("customers", "No customer chosen",
                                 "Choose someone in the list, or press Ctrl+N to add a customer.")
        self.page = QWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.pages.addWidget(self.nobody)
        self.pages.addWidget(self.page)
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(8, 14, 8, 0)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        self.profile = ProfileForm(day_first)
        self.contact = ContactForm(region)
        self.personal = PersonalForm()
        self.timeline = TimelinePanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self.tabs.addTab(_scrolled(self.profile), "Profile")
        self.tabs.addTab(_scrolled(self.contact), "Contact")
        self.tabs.addTab(_scrolled(self.personal), "Personal")
        self.tabs.addTab(self.timeline, "Timeline")
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._build_save_bar())

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setSpacing(3)
        self.top = QHBoxLayout()
        self.name = ElidedLabel()  # a long name ends in "…", whole in its tooltip
        theme.set_role(self.name, "heading")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_button = QPushButton(icons.icon("touch"), "Log a touch")
        self.log_button.setToolTip("Record a call, visit, card or note (Ctrl+L)")
        self.card_button = QPushButton(icons.icon("cards"), "Write a card")
        self.card_button.setToolTip("Write a card beside what you know about them")
        self.delete_button = QPushButton(icons.icon("trash"), "Delete")
        self.delete_button.setToolTip("Delete this customer (you can undo with Ctrl+Z)")
        self.more_button = QPushButton("More…")  # its menu is set by the screen (export, erase)
        self.more_button.setObjectName("moreButton")
        self.buttons = QWidget()  # beside the name when there is room, else under it
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.card_button, self.log_button, self.delete_button, self.more_button):
            row.addWidget(button)
        self.top.addWidget(self.name, 1)
        self.top.addWidget(self.buttons)
        self.under = QHBoxLayout()  # the buttons' row on a narrow page
        self.under.addStretch(1)
        self.subtitle = ElidedLabel()
        theme.set_role(self.subtitle, "muted")
        self.chips = QHBoxLayout()
        self.chips.setSpacing(4)
        self.chips.addStretch(1)
        self.stats = theme.label("", "muted")
        self.stats.setWordWrap(True)
        header.addLayout(self.top)
        header.addLayout(self.under)
        header.addWidget(self.subtitle)
        header.addLayout(self.chips)
        header.addWidget(self.stats)
        return header

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_buttons()

    def _place_buttons(self) -> None:
        """The buttons beside the name while it keeps ``NAME_ROOM``, else on a row of their
        own under it: never over the name, never squeezed."""
        beside = self.width() >= self.buttons.sizeHint().width() + NAME_ROOM
        if beside and self.under.indexOf(self.buttons) >= 0:
            self.under.removeWidget(self.buttons)
            self.top.addWidget(self.buttons)
        elif not beside and self.top.indexOf(self.buttons) >= 0:
            self.top.removeWidget(self.buttons)
            self.under.insertWidget(0, self.buttons)

    def _build_save_bar(self) -> QFrame:
        self.save_bar = QFrame()
        self.save_bar.setObjectName("saveBar")
        row = QHBoxLayout(self.save_bar)
        row.setContentsMargins(12, 8, 4, 8)
        self.save_status = theme.label("You have unsaved changes.", "muted")
        self.revert_button = QPushButton("Revert")
        self.save_button = QPushButton("Save changes")
        self.save_button.setObjectName("save")
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip("Save this profile (Ctrl+S)")
        row.addWidget(self.save_status, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        self.save_bar.hide()
        return self.save_bar

    # --- our API --------------------------------------------------------------------------

    def show_nobody(self) -> None:
        """Show the hint to choose someone."""
        self.pages.setCurrentWidget(self.nobody)

    def show_header(self, c: Customer, stats: str, is_new: bool = False) -> None:
        """Show ``c``'s name, subtitle, tags and summary line."""
        self.pages.setCurrentWidget(self.page)
        self.name.setText("New customer" if is_new else c.display_name)
        bits = [b for b in (c.role, c.company) if b]
        if c.status and not is_new:
            bits.append(c.status)  # archived, deceased: said at the top of the page
        if c.pronunciation:
            bits.append(f"say “{c.pronunciation}”")
        self.subtitle.setText("  ·  ".join(bits))
        self.subtitle.setVisible(bool(bits))
        self._set_chips([] if is_new else c.tags)
        self.stats.setText("" if is_new else stats)
        self.stats.setVisible(not is_new)
        self.save_button.setText("Add customer" if is_new else "Save changes")
        editable = not is_new and not self.read_only
        self.delete_button.setEnabled(editable)
        self.log_button.setEnabled(editable)
        self.card_button.setEnabled(editable and c.status != "deceased")
        self.more_button.setEnabled(not is_new)
        self.timeline.set_editable(editable)
        self.tabs.setTabEnabled(TAB_TIMELINE, not is_new)

    def _set_chips(self, tags: list[str]) -> None:
        while self.chips.count() > 1:
            item = self.chips.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, tag in enumerate(tags[:8]):
            self.chips.insertWidget(i, theme.label(tag, "chip"))

    def set_dirty(self, dirty: bool, problem: str = "") -> None:
        """Show or hide the save bar; ``problem`` replaces its message."""
        self.save_bar.setVisible(dirty or bool(problem))
        self.save_status.setText(problem or "You have unsaved changes.")
        theme.set_role(self.save_status, "error" if problem else "muted")
