"""Handing the chosen suggestion off to the owner's phone or mail program: an email as a
``mailto:`` draft (or an ``.eml`` draft file when the message is too long for a URL), a
text's message copied with an ``sms:`` link, a call's number copied with its talking points.
After a hand-off, Done logs that channel in one click."""

from __future__ import annotations

import tempfile
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from domain.outreach import Suggestion
from domain.outreach.handoff import (
    dial_digits,
    fits_mailto,
    mailto_url,
    shown_reach,
    sms_url,
    tel_url,
)
from ui.operations import Operations
from ui.today.service import Handoff, TodayService
from ui.today.side_panel import SidePanel

DONE_LABELS = {"email": "Done: emailed", "text": "Done: texted", "phone": "Done: called"}


class HandoffPart(QObject):
    """The side panel's hand-off: loads the words on the worker, hands them off on a click,
    and remembers which suggestion went out on which channel."""

    def __init__(self, panel: SidePanel, service: TodayService, ops: Operations) -> None:
        super().__init__(panel)
        self._panel, self._service, self._ops = panel, service, ops
        self._current: Suggestion | None = None
        self._loaded: Handoff | None = None
        self.handed: dict[str, str] = {}  # suggestion key -> the channel it was handed off on
        panel.handoff_button.clicked.connect(self.hand_off)

    def show(self, s: Suggestion | None, today: date) -> None:
        """Load what ``s`` is handed off with (on the worker), then show it."""
        self._current, self._loaded = s, None
        self._panel.done_button.setText(self.done_label(s))
        if s is None or not s.reach:
            return
        self._ops.run(lambda: self._service.handoff(s, today),
                      lambda found: self._show_loaded(s, found), lambda _exc: None,
                      label="hand-off")

    def done_label(self, s: Suggestion | None) -> str:
        """"Done: emailed" once handed off (one click logs it), else "Done…"."""
        channel = self.handed.get(s.key, "") if s is not None else ""
        return DONE_LABELS.get(channel, "Done…")

    def _show_loaded(self, s: Suggestion, found: Handoff) -> None:
        if self._current is None or self._current.key != s.key:
            return  # the owner chose another while it loaded
        self._loaded = found
        if s.channel == "phone":
            lines = ["Talking points:"] + [f"{label}: {value}" for label, value in found.points]
            lines += [f"Promised: {what}" for what in found.promised]
            shown = shown_reach(s.channel, s.reach, self._panel.region())
            link = (f'<a href="{escape(tel_url(s.reach))}">Call {escape(shown)}</a>'
                    if dial_digits(s.reach) else "")  # "ask at the counter" dials nothing
            self._panel.show_details("\n".join(lines), link)
        elif s.channel == "text":
            link = f'<a href="{escape(sms_url(s.reach, found.message))}">Open in messages</a>'
            self._panel.show_details(found.message, link)
        else:
            self._panel.show_details(found.message, "")

    def hand_off(self) -> None:
        """Copy, or open the mail program; then Done logs this channel in one click."""
        s, found = self._current, self._loaded
        if s is None or not s.reach or s.channel is None:
            return
        if s.channel == "phone":
            QGuiApplication.clipboard().setText(s.reach)
        elif found is None:
            return  # the words are still loading
        elif s.channel == "text":
            QGuiApplication.clipboard().setText(found.message)
        elif s.channel == "email":
            self._open_draft(s, found)
        self.handed[s.key] = s.channel
        self._panel.done_button.setText(self.done_label(s))

    def _open_draft(self, s: Suggestion, found: Handoff) -> None:
        url = mailto_url(s.reach, found.subject, found.message)
        if fits_mailto(url):
            if not QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)):
                self._no_mail_program(found)
            return
        # Too long for a mailto: URL: an .eml draft (as write-emails writes) opens instead.
        from exports.eml import write_drafts
        from storage.handoff import Draft

        folder = Path(tempfile.mkdtemp(prefix="rapport-draft-"))
        written = write_drafts(folder, [Draft(s, s.customer, s.reach, found.subject,
                                              found.message)])
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(written[0]))):
            self._no_mail_program(found)

    def _no_mail_program(self, found: Handoff) -> None:
        # Nothing took the draft: the words are not lost, they wait on the clipboard.
        QGuiApplication.clipboard().setText(found.message)
        self._panel.show_details(found.message, "No mail program opened; the message is "
                                 "copied, ready to paste.")
