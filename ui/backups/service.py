"""The worker's half of File ▸ Backups… and File ▸ Check notebook…, and how backups read.

No Qt: the functions run inside operations; the words are for the dialog.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from storage import backups, check
from storage import restore as restoring
from storage.backups import BackupInfo

REASONS = {
    "daily": "Daily copy",
    "close": "On closing, after changes",
    "manual": "Backed up by hand",
    "before-import": "Before an import",
    "before-restore": "Before restoring a backup",
}


def listing(notebook: Path) -> list[BackupInfo]:
    """Every backup of ``notebook``, newest first."""
    return backups.list_backups(notebook)


def back_up_now() -> Path:
    """A verified copy of the notebook now."""
    return backups.backup_now("manual")


def restore(backup: Path) -> Path:
    """Put ``backup`` in the notebook's place; return the copy of the state before."""
    return restoring.restore(backup)


def check_notebook() -> list[str]:
    """What is wrong with the open notebook (nothing: an empty list)."""
    return check.check_notebook()


def reason_text(reason: str) -> str:
    """``before-import`` → ``Before an import``; ``before-v3`` → ``Before updating (v3)``."""
    if reason in REASONS:
        return REASONS[reason]
    if m := re.fullmatch(r"before-v(\d+)", reason):
        return f"Before updating the notebook (version {m.group(1)})"
    return reason.replace("-", " ").capitalize()


def size_text(size: int) -> str:
    """``812 KB``, ``3.4 MB``."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def when_text(taken: datetime, today: date | None = None) -> str:
    """``Today, 14:05``, ``Yesterday, 09:30``, ``Mon 3 Mar 2026, 14:05``."""
    today = today or date.today()
    clock = taken.strftime("%H:%M")
    days = (today - taken.date()).days
    if days == 0:
        return f"Today, {clock}"
    if days == 1:
        return f"Yesterday, {clock}"
    return f"{taken.strftime('%a')} {taken.day} {taken.strftime('%b %Y')}, {clock}"


def when_phrase(taken: datetime, today: date | None = None) -> str:
    """``today at 14:05``, ``yesterday at 09:30``, ``on Mon 3 Mar 2026 at 14:05``: for a
    sentence."""
    today = today or date.today()
    clock = taken.strftime("%H:%M")
    days = (today - taken.date()).days
    if days in (0, 1):
        return f"{('today', 'yesterday')[days]} at {clock}"
    return f"on {taken.strftime('%a')} {taken.day} {taken.strftime('%b %Y')} at {clock}"
