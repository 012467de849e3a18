"""Email drafts as ``.eml`` files: To, Subject, ``X-Unsent: 1`` (Outlook and Thunderbird
open such a file as a draft, ready to send) and the personal message, in UTF-8.

To and Subject are written here, not folded by the email package: its folding left the space
between two encoded words outside them, where RFC 2047 readers drop it (``عبد الله`` came
back ``عبدالله``), cut a name's encoded words mid-word (which Python's own parser reads as
``Αλέξα νδρος``), left text shaped like an encoded word (``=?utf-8?q?x?=``) bare, to be
decoded, and folded a name longer than a line unquoted, so a comma in it made a second
recipient. Here each space travels inside an encoded word and a cut falls before a space.
"""

from __future__ import annotations

import base64
import unicodedata
from collections.abc import Iterable
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from domain.text import file_text
from exports.atomic import write_atomic
from exports.output_path import output_path

_EW_OCTETS = 45  # UTF-8 octets whose base64 fills one 75-character encoded word (RFC 2047)
_PLAIN = 60  # an ASCII name or subject up to this long is written as it is
NAME_CHARS = 40  # of the customer's name in a file name: enough to tell files apart by eye


def draft_bytes(name: str, address: str, subject: str, body: str) -> bytes:
    """One draft: a name in any script, with quotes or commas, stays one display name
    (never a second recipient), and name and subject come back whole from any reader.
    Raises ValueError for an address that cannot be written."""
    username, _, domain = address.strip().rpartition("@")
    if not username or not domain:
        raise ValueError(f"{address!r} is not an email address")
    msg = EmailMessage()
    msg["X-Unsent"] = "1"
    msg.set_content(body, charset="utf-8")
    recipient = f"{_phrase(_one_line(name))} <{_addr_spec(username, domain)}>".lstrip()
    head = f"To: {recipient}\r\nSubject: {_unstructured(_one_line(subject))}\r\n"
    return head.encode("utf-8") + msg.as_bytes(policy=SMTP)


def _phrase(name: str) -> str:
    """A display name: as it is, quoted where needed, when short ASCII; else encoded."""
    if not name:
        return ""
    if _is_plain(name):
        return str(Address(display_name=name, addr_spec="a@b")).rsplit(" <", 1)[0]
    return "\r\n ".join(encoded_words(name))


def _unstructured(text: str) -> str:
    return text if _is_plain(text) else "\r\n ".join(encoded_words(text))


def _is_plain(text: str) -> bool:
    return text.isascii() and text.isprintable() and len(text) <= _PLAIN and "=?" not in text


def _addr_spec(username: str, domain: str) -> str:
    # An encoded word is not allowed in an address: a domain in any script goes as IDNA
    # (what it is on the wire); a local part in any script as UTF-8 (RFC 6532).
    try:
        ascii_domain = domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    except UnicodeError as exc:
        raise ValueError(f"{username}@{domain!r} is not an email address") from exc
    return Address(username=username, domain=ascii_domain).addr_spec


def encoded_words(text: str) -> list[str]:
    """``text`` as RFC 2047 encoded words of at most 75 characters, whole UTF-8 characters
    each, every space inside one (readers drop the white space between two), cut before a
    space where the piece has one."""
    pieces, piece = [], ""
    for ch in text:
        while len((piece + ch).encode("utf-8")) > _EW_OCTETS:
            cut = piece.rfind(" ")
            cut = cut if cut > 0 else len(piece)
            pieces.append(piece[:cut])
            piece = piece[cut:]
        piece += ch
    pieces.append(piece)
    return [f"=?utf-8?b?{base64.b64encode(p.encode('utf-8')).decode('ascii')}?="
            for p in pieces]


def _one_line(text: str) -> str:
    # A header is one line: a line break in a name must not start a header of its own; a
    # NUL or ESC pasted in is no text (parsers flag the header as defective).
    return " ".join(file_text(text).split())


def file_name(name: str, customer_id: int, occasion: str) -> str:
    """A safe file name, unique per customer and occasion: letters and digits of any script
    from the name, no path separators, dots or control characters."""
    def slug(text: str, limit: int) -> str:
        # Marks too: प्रियंका's vowel signs, ใจดี's tone marks are part of the name.
        kept = "".join(ch if ch.isalnum() or unicodedata.category(ch)[0] == "M" else "-"
                       for ch in text)
        return "-".join(part for part in kept.split("-") if part)[:limit].strip("-")

    return f"{slug(name, NAME_CHARS) or 'customer'}-{customer_id}-" \
           f"{slug(occasion, 30) or 'email'}.eml"


def write_drafts(folder: Path, drafts: Iterable, notebook: Path | None = None) -> list[Path]:
    """Write each draft (``storage.handoff.Draft``) into ``folder``, each atomically and
    never over a notebook or a file of another kind (every name is checked before the first
    is written, so a refusal leaves the folder as it was); return the files written."""
    planned: list[tuple[Path, Any]] = []
    seen: set[str] = set()
    for d in drafts:
        name = file_name(d.name, d.suggestion.customer_id, d.suggestion.occasion
                         or d.suggestion.kind)
        stem, n = name[:-4], 2
        while name in seen:  # the same customer twice on one occasion: keep both
            name, n = f"{stem}-{n}.eml", n + 1
        seen.add(name)
        planned.append((output_path(folder / name, ".eml", notebook), d))
    for target, d in planned:
        write_atomic(target, draft_bytes(d.name, d.address, d.subject, d.body))
    return [target for target, _ in planned]
