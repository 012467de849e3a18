"""Handing a suggestion off from Today: the number or address shows, "Write email…" opens
a mailto: draft with the personal words, and Done then logs the channel in one click."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication

from storage import customers
from tests.ui.test_today_support import MONDAY, choose, open_window, prepare, settle


@pytest.fixture
def people(notebook):
    return prepare()


@pytest.fixture
def window(qtbot, notebook, people, clock, made):
    return open_window(qtbot, notebook, clock, made)


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: urls.append(url.toString(
                            url.ComponentFormattingOption.FullyEncoded)) or True)
    return urls


def _panel(window):
    return window.screens["today"].view.panel


def test_the_panel_shows_the_number_to_call_and_the_promise(window):
    s = choose(window, "Tara Lopez")
    settle(window)
    assert s.channel == "phone"
    panel = _panel(window)
    # Read as the customer list shows it (the owner's region: US), dialled as stored
    assert panel.reach.text().replace("\u200b", "") == "(503) 555-0101"
    assert panel.link.text() == '<a href="tel:+15035550101">Call (503) 555-0101</a>'
    assert "Call back about the peonies" in panel.details.text()
    panel.handoff_button.click()
    assert QGuiApplication.clipboard().text() == "+15035550101"


def test_write_email_opens_a_well_formed_mailto_draft(window, opened):
    s = choose(window, "Olga Lopez")
    settle(window)
    assert s.channel == "email"
    panel = _panel(window)
    assert "olga@example.com" in panel.reach.text().replace("\u200b", "")
    assert panel.handoff_button.text() == "Write email…"
    panel.handoff_button.click()
    settle(window)
    assert len(opened) == 1
    url = urlsplit(opened[0])
    assert url.scheme == "mailto" and unquote(url.path) == "olga@example.com"
    query = parse_qs(url.query)
    assert query["subject"] and "Olga" in query["body"][0]
    assert " " not in opened[0] and "\n" not in opened[0]


def test_done_after_a_hand_off_is_one_click_and_logs_the_email(window, people, opened):
    choose(window, "Olga Lopez")
    settle(window)
    panel = _panel(window)
    panel.handoff_button.click()
    settle(window)
    assert panel.done_button.text() == "Done: emailed"
    panel.done_button.click()  # no dialog: a dialog would block here
    settle(window)
    olga = customers.get_customer(people["olga"])
    assert [(i.when, i.channel) for i in olga.interactions][-1] == (MONDAY, "email")


def test_a_message_too_long_for_mailto_opens_an_eml_draft(window, opened, monkeypatch):
    from email import policy
    from email.parser import BytesParser
    from pathlib import Path

    import ui.today.handoff

    monkeypatch.setattr(ui.today.handoff, "fits_mailto", lambda url: False)
    choose(window, "Olga Lopez")
    settle(window)
    _panel(window).handoff_button.click()
    assert len(opened) == 1 and opened[0].startswith("file:///")
    path = Path(unquote(urlsplit(opened[0]).path))
    draft = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert draft["X-Unsent"] == "1" and draft["To"].addresses[0].addr_spec == "olga@example.com"
    assert "Olga" in draft.get_body(("plain",)).get_content()
    path.unlink()
    path.parent.rmdir()


def test_a_text_is_copied_with_an_sms_link(qtbot, notebook, clock, made):
    from datetime import date

    from domain.model import Interaction
    from tests.ui.test_today_support import add

    add("Tex", do_not_contact=["phone", "email", "mail"],
        interactions=[Interaction(date(2026, 10, 1), "call")])
    window = open_window(qtbot, notebook, clock, made)
    s = choose(window, "Tex Lopez")
    settle(window)
    assert s.channel == "text"
    panel = _panel(window)
    assert panel.handoff_button.text() == "Copy message"
    assert 'href="sms:+15035550101?body=' in panel.link.text()
    panel.handoff_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "Tex" in copied and copied == panel.details.text()
    assert panel.done_button.text() == "Done: texted"


def test_the_shown_number_follows_a_new_home_country_at_once(window):
    """Preferences ▸ Home country changed while a call is shown: the panel and its Call link
    write the number as from the new home at once, as the customer list does (it kept
    "(503) 555-0101" until another suggestion was chosen); the link still dials the stored
    number."""
    from ui.preferences import Preferences

    choose(window, "Tara Lopez")
    settle(window)
    window.ctx.prefs = Preferences(region="GB")
    window.events.preferences_changed.emit(window.ctx.prefs)  # as Edit ▸ Preferences does
    settle(window)
    panel = _panel(window)
    assert panel.reach.text().replace("\u200b", "") == "+1 503-555-0101"
    assert panel.link.text() == '<a href="tel:+15035550101">Call +1 503-555-0101</a>'


def test_a_number_kept_as_written_gets_no_call_link_that_dials_nothing(qtbot, notebook, people,
                                                                        clock, made):
    """A number an import kept as written ("ask at the counter") is shown as it is, and the
    panel offers no Call link: its tel: link held no digit ("tel:") and dialled nothing."""
    from datetime import date, datetime

    from domain.model import Interaction, Promise
    from tests.ui.test_today_support import add

    add("Tia", phones=["ask at the counter"],
        interactions=[Interaction(date(2026, 11, 20), "visit")],
        promises=[Promise(date(2026, 11, 18), datetime(2026, 11, 23, 15, 0), "Call back")])
    window = open_window(qtbot, notebook, clock, made)
    s = choose(window, "Tia Lopez")
    settle(window)
    assert s.channel == "phone"
    panel = _panel(window)
    assert panel.reach.text().replace("\u200b", "") == "ask at the counter"
    assert "tel:" not in panel.link.text()
