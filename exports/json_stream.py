"""Reading one large JSON object from a file member by member, a list's items one at a time.

A notebook file is one JSON object whose ``customers`` list holds nearly all of it. Python's
own decoder (``JSONDecoder.raw_decode``) reads each member and each customer from a window of
the file, so memory holds one customer, never the file. The same decoder as ``json.loads``
means the same values are accepted and refused, and a fault gets the message the whole-file
reader gave, with its line and column in the file (``exports.json_reader.decode_json``).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from exports.json_reader import fail, surrogate_problem

READ = 1 << 18  # bytes read at a time
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


class JsonStream:
    """A window over a UTF-8 JSON file, read as the parser moves through it."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.text = ""  # the window
        self.pos = 0  # in the window
        self.lines = 0  # newlines before the window
        self.column = 0  # characters on the window's first line before the window
        self.offset = 0  # bytes of the file decoded so far
        self.eof = False
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self._first_read()

    # --- reading -----------------------------------------------------------------------------

    def _first_read(self) -> None:
        data = self.fh.read(READ)
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            fail("", "the file is UTF-16 text; a notebook file must be saved as UTF-8")
        if data[:3] == codecs.BOM_UTF8:
            data, self.offset = data[3:], 3
        self._add(data)

    def _add(self, data: bytes) -> None:
        final = not data
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            pending = len(exc.object) - len(data)  # bytes kept back from the last read
            where = self.offset - pending + exc.start
            fail("", f"the file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at "
                     f"position {where}); a notebook file must be saved as UTF-8")
        self.offset += len(data)
        self.eof = final
        self._drop_read()
        self.text += text

    def _drop_read(self) -> None:
        """Forget the part of the window already parsed (keeping line numbers right)."""
        if self.pos < READ:
            return
        gone = self.text[:self.pos]
        newlines = gone.count("\n")
        self.lines += newlines
        self.column = len(gone) - gone.rfind("\n") - 1 if newlines else self.column + len(gone)
        self.text, self.pos = self.text[self.pos:], 0

    def _more(self) -> bool:
        """Read on; False at the end of the file."""
        if self.eof:
            return False
        self._add(self.fh.read(READ))
        return True

    # --- tokens ------------------------------------------------------------------------------

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end), not consumed."""
        while True:
            text, pos = self.text, self.pos
            while pos < len(text) and text[pos] in _WHITESPACE:
                pos += 1
            self.pos = pos
            if pos < len(text) or not self._more():
                return text[pos:pos + 1]

    def take(self, allowed: str, message: str) -> str:
        """Consume the next character, which must be one of ``allowed``."""
        found = self.peek()
        if not found or found not in allowed:
            self.error(message, self.pos)
        self.pos += 1
        return found

    def value(self) -> Any:
        """Decode the JSON value starting at the next character."""
        self.peek()
        while True:
            start = self.pos
            try:
                found, end = _DECODER.raw_decode(self.text, start)
            except json.JSONDecodeError as exc:
                if self._cut_short(exc) and self._more():
                    continue  # the value goes on past the window: read on and try again
                self.error(exc.msg, exc.pos)
            except RecursionError:
                fail("", "the file is not a notebook: its JSON is nested too deeply")
            except ValueError:  # Python's limit on the digits of one integer
                fail("", "the file is not a notebook: it holds a number too long to read")
            problem = surrogate_problem(self.text, start, end, found)
            if problem:
                fail("", problem)
            self.pos = end
            return found

    def _cut_short(self, exc: json.JSONDecodeError) -> bool:
        """Whether the fault may only be the window ending inside the value."""
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(self.text) - 16

    def error(self, message: str, pos: int) -> None:
        """Stop with ``json``'s message for a fault at ``pos`` of the window."""
        before = self.text.rfind("\n", 0, pos)
        line = self.lines + self.text.count("\n", 0, pos) + 1
        column = pos - before if before >= 0 else self.column + pos + 1
        fail("", f"the file is not valid JSON: {message} (line {line}, column {column})")

    def rest(self) -> bytes:
        """Everything not yet parsed, as bytes (a file that is not an object)."""
        return self.text[self.pos:].encode() + self.fh.read()

    # --- structure ---------------------------------------------------------------------------

    def members(self, streamed: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
        """The top-level object's members, after its ``{`` was taken. A member named in
        ``streamed`` whose value is a list comes as an iterator of its items, to be used up
        before the next member."""
        if self.peek() == "}":
            self.pos += 1
        else:
            while True:
                if self.peek() != '"':
                    self.error("Expecting property name enclosed in double quotes", self.pos)
                key = self.value()
                self.take(":", "Expecting ':' delimiter")
                if key in streamed and self.peek() == "[":
                    self.pos += 1
                    yield key, self.items()
                else:
                    yield key, self.value()
                if self.take(",}", "Expecting ',' delimiter") == "}":
                    break
        if self.peek():
            self.error("Extra data", self.pos)

    def items(self) -> Iterator[Any]:
        """A list's items, after its ``[`` was taken."""
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.take(",]", "Expecting ',' delimiter") == "]":
                return
