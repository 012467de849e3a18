"""What every command shares: the user's mistakes in one line, the notebook asked for, opened
as the command needs it, a day and an output file checked before any work."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why in one line."""


def notebook_path(args: argparse.Namespace) -> Path:
    from storage.paths import default_notebook

    return Path(args.notebook).expanduser() if args.notebook else default_notebook()


def check_ahead(args: argparse.Namespace) -> None:
    """Start SQLite's quick check of the notebook on a thread (storage.check_ahead, as the
    window does): it reads the whole file with the GIL let go while the command imports what
    it needs, and the open then waits for its verdict instead of checking again."""
    from storage import check_ahead

    check_ahead.start(notebook_path(args))


def open_for(args: argparse.Namespace, must_exist: bool = True, read_only: bool = False):
    from storage.db import open_notebook

    path = notebook_path(args)
    if must_exist and not path.exists():
        raise UserError(f"There is no notebook at {path}.")
    info = open_notebook(path, read_only=read_only)
    if info.hides_changes:  # what this command reads or copies lacks them: say so
        print(f"rapport: warning: {info.reason}", file=sys.stderr)
    return info


def day_of(text: str | None):
    from datetime import date

    from domain.dates import parse_iso_date

    if text is None:
        return date.today()
    try:
        day = parse_iso_date(text)
    except ValueError:
        raise UserError(f"--date {text} is not a date (YYYY-MM-DD).") from None
    if day.year >= 9999:  # the plan looks days ahead, past the last date Python knows
        raise UserError(f"--date {text} is too far ahead; choose a day before 9999.")
    return day


def output(path: str | Path, suffix: str, args: argparse.Namespace) -> Path:
    """Where to write an output of kind ``suffix``: never over the notebook, its backups or
    working files, or a file of another kind (``exports.output_path``, as the window)."""
    from exports.output_path import output_path

    return output_path(path, suffix, notebook_path(args))


def pdf_target(path: str, args: argparse.Namespace) -> Path:
    """The PDF file ``path`` names (``.pdf`` added when missing), checked before any work."""
    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    return output(target, ".pdf", args)
