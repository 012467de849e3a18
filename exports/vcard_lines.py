"""The text layer of a vCard file: physical lines → logical lines → one block per card.

vobject's own reader stumbles on what phones and Outlook really write, so this layer is ours:
CRLF, LF or lone CR; folded lines (a leading space or tab); vCard 2.1 quoted-printable soft
line breaks (a trailing ``=``, the next line continuing at its first column); 2.1 base64
photos whose lines are not indented and end at a blank line. Each logical line keeps the
number of the physical line it started on, so problems can say where they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_NEWLINE = re.compile(r"\r\n|\r|\n")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_BOUNDARIES = frozenset({"BEGIN:VCARD", "END:VCARD"})


@dataclass(slots=True)
class RawCard:
    """The logical lines between one BEGIN:VCARD and its END:VCARD."""

    number: int  # 1-based position in the file
    line: int  # the line BEGIN:VCARD is on
    lines: list[tuple[int, str]] = field(default_factory=list)
    problem: str = ""  # the card's frame is broken: it cannot be read at all
    problem_line: int = 0

    @property
    def position(self) -> str:
        return f"card {self.number} (line {self.problem_line or self.line})"


def _head(line: str) -> str:
    """The property name and parameters of a line, upper-cased (everything before ``:``)."""
    return line.split(":", 1)[0].upper()


def _is_boundary(line: str) -> bool:
    return line.strip().upper() in _BOUNDARIES


class _Unfolder:
    """Joins physical lines into logical ones (a small state machine, one line at a time)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.start = 0
        self.qp_open = False  # the last line ended in a quoted-printable soft break
        self.base64_open = False  # a 2.1 base64 value may go on without indentation

    def feed(self, number: int, line: str) -> tuple[int, str] | None:
        """Take one physical line; return a finished logical line when one ends here."""
        if self.parts and self.qp_open and not _is_boundary(line):
            self.parts[-1] = self.parts[-1][:-1]  # the soft break's "=" is not data
            self._append(line)
            return None
        if self.parts and line[:1] in (" ", "\t"):
            self._append(line[1:])
            return None
        if self.parts and self.base64_open and _BASE64_LINE.match(line):
            self._append(line)
            return None
        done = self.flush()
        if line.strip():
            self.parts, self.start = [line], number
            head = _head(line)
            self.qp_open = "QUOTED-PRINTABLE" in head and line.endswith("=")
            self.base64_open = "BASE64" in head
        return done

    def _append(self, text: str) -> None:
        self.parts.append(text)
        if self.qp_open or "QUOTED-PRINTABLE" in _head(self.parts[0]):
            self.qp_open = text.endswith("=")

    def flush(self) -> tuple[int, str] | None:
        if not self.parts:
            return None
        done = (self.start, "".join(self.parts))
        self.parts, self.qp_open, self.base64_open = [], False, False
        return done


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, logical line) for every non-blank logical line of ``text``."""
    unfolder = _Unfolder()
    for number, line in enumerate(_NEWLINE.split(text), 1):
        done = unfolder.feed(number, line)
        if done:
            yield done
    done = unfolder.flush()
    if done:
        yield done


def split_cards(text: str) -> list[RawCard]:
    """Every card of ``text``, framed by BEGIN/END; text outside the cards is ignored."""
    cards: list[RawCard] = []
    current: RawCard | None = None
    for number, line in logical_lines(text):
        key = line.strip().upper()
        if key == "BEGIN:VCARD":
            if current is not None:
                _broken(current, f"no END:VCARD before the next card begins on line {number}",
                        current.line)
                cards.append(current)
            current = RawCard(len(cards) + 1, number)
        elif key == "END:VCARD":
            if current is not None:
                cards.append(current)
            current = None
        elif current is not None:
            current.lines.append((number, line))
    if current is not None:
        _broken(current, "the file ends before this card's END:VCARD", current.line)
        cards.append(current)
    return cards


def _broken(card: RawCard, problem: str, line: int) -> None:
    card.problem, card.problem_line = problem, line
