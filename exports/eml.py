"""Email drafts as ``.eml`` files: To, Subject, ``X-Unsent: 1`` (Outlook and Thunderbird
open such a file as a draft, ready to send) and the personal message, in UTF-8."""

from __future__ import annotations

from collections.abc import Iterable
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from exports.atomic import write_atomic
from exports.output_path import output_path

NAME_CHARS = 40  # of the customer's name in a file name: enough to tell files apart by eye


def draft_bytes(name: str, address: str, subject: str, body: str) -> bytes:
    """One draft, encoded by the email package: a name in any script, with quotes or
    commas, stays one display name (never a second recipient). Raises ValueError for an
    address the email package cannot read."""
    msg = EmailMessage()
    username, _, domain = address.strip().rpartition("@")
    if not username or not domain:
        raise ValueError(f"{address!r} is not an email address")
    msg["To"] = Address(display_name=_one_line(name), username=username, domain=domain)
    msg["Subject"] = _one_line(subject)
    msg["X-Unsent"] = "1"
    msg.set_content(body, charset="utf-8")
    return msg.as_bytes(policy=SMTP)


def _one_line(text: str) -> str:
    # A header is one line: a line break in a name must not start a header of its own.
    return " ".join(text.split())


def file_name(name: str, customer_id: int, occasion: str) -> str:
    """A safe file name, unique per customer and occasion: letters and digits of any script
    from the name, no path separators, dots or control characters."""
    def slug(text: str, limit: int) -> str:
        kept = "".join(ch if ch.isalnum() else "-" for ch in text)
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
