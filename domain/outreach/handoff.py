"""Handing a suggestion to the owner's phone or mail program: the number or address its
channel uses, and the ``mailto:``, ``sms:`` and ``tel:`` links (one rule for the command
line and the window)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

# Which detail each channel is reached by; a card or a visit needs neither.
DETAIL = {"phone": "phone", "text": "phone", "email": "email"}
# Mail programs (and Windows' ShellExecute) cut mailto: URLs past about 2,000 characters; a
# longer message goes as an .eml draft file instead.
MAILTO_LIMIT = 1800


_MOBILE = ("cell", "mobile", "iphone")  # how address books label a number that takes texts


def reach_for(channel: str | None, phones: Sequence[str], emails: Sequence[str],
              closed: Sequence[str] = (), labels: Mapping[str, str] | None = None) -> str:
    """The number or address to use for ``channel``: the first phone for a call (for a text,
    the first one ``labels`` call a mobile, else the first), the first email for an email;
    "" when the customer closed the channel or has none. The one rule: the agenda's
    ``domain.reach`` asks it too."""
    field = DETAIL.get(channel or "")
    if field is None or channel in closed:
        return ""
    found = [v.strip() for v in (phones if field == "phone" else emails) if v.strip()]
    if channel == "text" and labels:  # a landline does not take texts
        found.sort(key=lambda p: not any(w in labels.get(p, "").lower() for w in _MOBILE))
    return found[0] if found else ""


def shown_reach(channel: str | None, reach: str, region: str) -> str:
    """``reach`` as people read it: a phone number written as its country writes it, national
    at home (``region``) and international abroad, as the customer list shows it; an email or
    a street as it is. The links and a copied number keep the stored form, which any phone
    dials. The one rule for Today, ``today``'s text and the agenda on paper (``today --json``
    is data: the stored form)."""
    if not reach or DETAIL.get(channel or "") != "phone":
        return reach
    from domain.validation import format_phone  # phonenumbers: only once a number is shown

    return format_phone(reach, region)


def _q(text: str) -> str:
    # RFC 6068: every reserved character percent-encoded, line breaks as CR LF.
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")


def mailto_url(address: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL that opens a draft to ``address`` with ``subject`` and ``body``."""
    return f"mailto:{quote(address, safe='@')}?subject={_q(subject)}&body={_q(body)}"


def fits_mailto(url: str) -> bool:
    """Whether a mail program will take ``url`` whole."""
    return len(url) <= MAILTO_LIMIT


# An extension as numbers are stored (" ext. 12") or written (";ext=12", " x12", " ext 12").
_EXTENSION = re.compile(r"\s*(?:;\s*ext=|\bext\.?|\bx|#)\s*(\d+)\s*$", re.IGNORECASE)


def dial_digits(number: str) -> str:
    """A number as a ``tel:``/``sms:`` link wants it: a leading + and digits only (an
    extension left out: ``extension``)."""
    digits = "".join(ch for ch in _EXTENSION.sub("", number) if ch.isdigit())
    return ("+" if number.strip().startswith("+") else "") + digits


def extension(number: str) -> str:
    """The extension's digits of ``number``, "" when it has none."""
    found = _EXTENSION.search(number)
    return found.group(1) if found else ""


def tel_url(number: str) -> str:
    """A ``tel:`` link that dials ``number``, its extension apart (RFC 3966 ``;ext=``): glued
    on, the extension's digits made another number."""
    ext = extension(number)
    return f"tel:{dial_digits(number)}" + (f";ext={ext}" if ext else "")


def sms_url(number: str, body: str) -> str:
    """An ``sms:`` link to ``number`` (without its extension) with the message filled in
    (RFC 5724)."""
    return f"sms:{dial_digits(number)}?body={_q(body)}"
