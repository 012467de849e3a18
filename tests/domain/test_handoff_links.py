"""The links a hand-off opens: every reserved character percent-encoded, line breaks CR LF,
any script kept, and the number a closed channel hides."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.outreach.handoff import mailto_url, reach_for, sms_url, tel_url


@given(st.text(max_size=60), st.text(max_size=300))
def test_mailto_parses_back_to_the_same_subject_and_body(subject, body):
    url = mailto_url("ann@example.com", subject, body)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "ann@example.com"
    assert not any(ch.isspace() for ch in url) and "#" not in url
    query = parse_qs(parts.query, keep_blank_values=True)
    assert list(query) == ["subject", "body"]
    crlf = lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n")  # noqa: E731
    assert query["subject"] == [crlf(subject)] and query["body"] == [crlf(body)]


def test_sms_and_tel_keep_only_the_digits():
    assert tel_url("+1 (503) 555-0101") == "tel:+15035550101"
    assert sms_url("503.555.0101", "Hi & bye?") == "sms:5035550101?body=Hi%20%26%20bye%3F"


def test_a_closed_channel_gives_no_number():
    assert reach_for("text", ["+1 503"], [], ("text",)) == ""
    assert reach_for("phone", ["", " +1 503 "], [], ("text",)) == "+1 503"
    assert reach_for("email", ["+1"], ["a@b.c"]) == "a@b.c"
    assert reach_for("mail", ["+1"], ["a@b.c"]) == ""
    assert reach_for(None, ["+1"], ["a@b.c"]) == ""


@pytest.mark.parametrize("stored", ["+15035550107 ext. 12", "+15035550107;ext=12",
                                    "+1 503 555 0107 x12", "+1 (503) 555-0107 Ext 12"])
def test_an_extension_is_dialled_after_the_number_not_glued_to_it(stored):
    """The Call link of a number with an extension dialled "+1503555010712", a number that
    does not exist; RFC 3966 writes the extension apart, and a text goes to the number."""
    assert tel_url(stored) == "tel:+15035550107;ext=12"
    assert sms_url(stored, "Hi").startswith("sms:+15035550107?")
