"""The text layer of a vCard file: physical lines → logical lines → one block per card.

vobject's own reader stumbles on what phones and Outlook really write, so this layer is ours:
CRLF, LF, CR CR LF or lone CR; blank lines between the lines; folded lines (a leading space
or tab, also after a blank line); vCard 2.1 quoted-printable soft
line breaks (a trailing ``=``, the next line continuing at its first column); 2.1 base64
photos whose lines are not indented and end at a blank line. Each logical line keeps the
number of the physical line it started on, so problems can say where they are.

Cards are yielded one at a time as the lines come in (``exports.vcard_stream``), so a big
file is never held whole. A logical line longer than ``MAX_LINE`` characters, or a card
longer than ``MAX_CARD``, is not kept: the line is reported by its property name and the
card is marked broken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_LINE = 16 << 20  # characters: a 10 MB photo (the most vcard_photo reads) is 13.4 M
MAX_CARD = 32 << 20  # characters in all the lines of one card
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_PROPERTY = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?[;:]")
_BOUNDARIES = frozenset({"BEGIN:VCARD", "END:VCARD"})


@dataclass(slots=True)
class RawCard:
    """The logical lines between one BEGIN:VCARD and its END:VCARD."""

    number: int  # 1-based position in the file
    line: int  # the line BEGIN:VCARD is on
    lines: list[tuple[int, str]] = field(default_factory=list)
    problem: str = ""  # the card's frame is broken: it cannot be read at all
    problem_line: int = 0
    too_long: list[tuple[int, str]] = field(default_factory=list)  # (line, head) not kept
    size: int = 0  # characters in its lines

    @property
    def position(self) -> str:
        return f"card {self.number} (line {self.problem_line or self.line})"


def _head(line: str) -> str:
    """The property name and parameters of a line, upper-cased (everything before ``:``),
    without copying the value (a photo's megabytes)."""
    colon = line.find(":")
    return (line if colon < 0 else line[:colon]).upper()


def _boundary(line: str) -> str:
    """``BEGIN:VCARD`` or ``END:VCARD`` if ``line`` is one (any case, blanks around), else "";
    only a line that short is upper-cased (``strip`` copies nothing when there is nothing to
    strip)."""
    key = line.strip()
    if len(key) > 11:
        return ""
    key = key.upper()
    return key if key in _BOUNDARIES else ""


def _is_boundary(line: str) -> bool:
    return bool(_boundary(line))


class _Unfolder:
    """Joins physical lines into logical ones (a small state machine, one line at a time)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.start = 0
        self.size = 0
        self.too_long = False  # past MAX_LINE: the rest is read but not kept
        self.qp = False  # the line is quoted-printable
        self.qp_open = False  # the last line ended in a quoted-printable soft break
        self.base64_open = False  # a 2.1 base64 value may go on without indentation
        self.blank = False  # the last line was blank

    def feed(self, number: int, line: str, cut: bool = False) -> tuple[int, str, bool] | None:
        """Take one physical line; return (start, logical line, too long) when one ends here."""
        if not line:  # a blank line ends a 2.1 base64 value, but a fold or the rest of a
            self.base64_open = False  # soft break may follow it (line ends doubled)
            self.blank = True
            return None
        after_blank, self.blank = self.blank, False
        # After a soft break and a blank line, a property's start is taken as one: the soft
        # break ended the value (as the blank line did before line ends were doubled).
        if self.parts and self.qp_open and not _is_boundary(line) \
                and not (after_blank and _PROPERTY.match(line)):
            self.parts[-1] = self.parts[-1][:-1]  # the soft break's "=" is not data
            self._append(line, cut)
            return None
        if self.parts and line[:1] in (" ", "\t"):
            self._append(line[1:], cut)
            return None
        if self.parts and self.base64_open and _BASE64_LINE.match(line):
            self._append(line, cut)
            return None
        done = self.flush()
        if line.strip():
            self.parts, self.start, self.size, self.too_long = [line], number, len(line), cut
            head = _head(line)
            self.qp = "QUOTED-PRINTABLE" in head
            self.qp_open = self.qp and line.endswith("=")
            self.base64_open = "BASE64" in head
        return done

    def _append(self, text: str, cut: bool) -> None:
        self.size += len(text)
        if self.size > MAX_LINE or cut:
            self.too_long = True  # go on to the line's end, holding no more of it
        else:
            self.parts.append(text)
        if self.qp_open or self.qp:
            self.qp_open = text.endswith("=")

    def flush(self) -> tuple[int, str, bool] | None:
        if not self.parts:
            return None
        done = (self.start, self.parts[0][:1024] if self.too_long else "".join(self.parts),
                self.too_long)
        self.parts, self.qp, self.qp_open, self.base64_open = [], False, False, False
        self.size, self.too_long = 0, False
        return done


def logical_lines(lines: Iterable[tuple[str, bool]]) -> Iterator[tuple[int, str, bool]]:
    """(line number, logical line, too long) for every non-blank logical line of ``lines``
    (physical lines and whether each was cut)."""
    unfolder = _Unfolder()
    for number, (line, cut) in enumerate(lines, 1):
        done = unfolder.feed(number, line, cut)
        if done:
            yield done
    done = unfolder.flush()
    if done:
        yield done


def split_cards(lines: Iterable[tuple[str, bool]]) -> Iterator[RawCard]:
    """Every card of ``lines``, framed by BEGIN/END, one at a time; text outside the cards is
    ignored."""
    count = 0
    current: RawCard | None = None
    for number, line, too_long in logical_lines(lines):
        key = _boundary(line)
        if key == "BEGIN:VCARD":
            if current is not None:
                _broken(current, f"no END:VCARD before the next card begins on line {number}",
                        current.line)
                yield current
            count += 1
            current = RawCard(count, number)
        elif key == "END:VCARD":
            if current is not None:
                yield current
            current = None
        elif current is not None:
            _keep(current, number, line, too_long)
    if current is not None:
        _broken(current, "the file ends before this card's END:VCARD", current.line)
        yield current


def _keep(card: RawCard, number: int, line: str, too_long: bool) -> None:
    if too_long:
        card.too_long.append((number, _head(line)[:200]))
        return
    card.size += len(line)
    if card.size <= MAX_CARD:
        card.lines.append((number, line))
    elif not card.problem:
        card.lines = []  # not kept: the card is skipped
        _broken(card, f"the card is longer than {MAX_CARD >> 20} million characters",
                card.line)


def _broken(card: RawCard, problem: str, line: int) -> None:
    card.problem, card.problem_line = problem, line
