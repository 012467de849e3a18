"""The formula guard of Rapport's CSV export, and its exact inverse for Rapport's import.

A spreadsheet may run a cell that starts with ``=`` ``+`` ``-`` ``@`` (or their full-width
forms) as a formula, and some skip blanks and invisible characters first: a space, NBSP,
zero-width space, BOM, word joiner, bidi marks, a tab or a newline. Such a cell gets a leading
apostrophe (OWASP's advice against CSV injection); so does a tab, CR or LF at the start.

The guard is counted *after* any apostrophes the text already starts with, so ``'=1`` (text
that really begins with an apostrophe) becomes ``''=1``. That makes ``unguard`` exact: it
takes one apostrophe off a cell only when the rest would have needed the guard, which is
only ever a cell the guard wrote. The importer applies it to files carrying ``MARK``.
"""

from __future__ import annotations

import re

# The last header cell of Rapport's CSV export: the importer knows the guard is ours.
MARK = "Exported by Rapport"
_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_TRIGGER = re.compile(
    rf"'*(?:[\t\r\n]|[\s{_INVISIBLE}]*[=+\-@\uff1d\uff0b\uff0d\uff20])")


def needs_guard(cell: str) -> bool:
    """Could a spreadsheet take ``cell`` (after any apostrophes it starts with) for a formula?"""
    return _TRIGGER.match(cell) is not None


def guard(cell: str) -> str:
    """``cell`` made inert for spreadsheets: ``=1+1`` → ``'=1+1``, `` =1`` → ``' =1``."""
    return "'" + cell if needs_guard(cell) else cell


def unguard(cell: str) -> str:
    """The cell ``guard`` was given: one apostrophe off, only where ``guard`` put one."""
    return cell[1:] if cell.startswith("'") and needs_guard(cell[1:]) else cell
