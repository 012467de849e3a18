"""A vCard file as a stream of physical lines, read a chunk at a time (never all at once).

The encoding is chosen as ``domain.contacts_text.decode_text`` chooses it for a whole file — a
byte-order mark, else strict UTF-8, else the declared CHARSET or a guess — but by passes over
the file in chunks: a 200 MB file is never held in memory. Some exporters fold lines between
the bytes of one UTF-8 character; such a file is unfolded as bytes while it is read (its line
numbers then count logical lines). A physical line longer than ``MAX_PHYSICAL`` characters
keeps only its start and is marked cut.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from domain.contacts_text import BOMS, guess_legacy

CHUNK = 1 << 20  # bytes (or characters) read at a time
SAMPLE = 8 << 20  # bytes an encoding guess looks at
MAX_PHYSICAL = 16 << 20  # characters of one physical line kept; the rest is dropped
# CR CR LF (a CRLF file passed through a gateway that added a CR to each LF, as iPhone
# shares arrive by some mail) is one line end, not a line end and a blank line.
_NEWLINE = re.compile(r"\r*\n|\r")
_FOLD = re.compile(rb"(?:\r*\n|\r)+[ \t]")  # blank lines before a fold too, as in text
_CHARSET = re.compile(rb"CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def physical_lines(raw: BinaryIO) -> Iterator[tuple[str, bool]]:
    """(line without its ending, cut) for each physical line of the seekable ``raw``.

    Lines end at CRLF, LF, CR CR LF or a lone CR, as ``re.split`` would cut the whole text:
    a file ending in a line break ends with an empty line.
    """
    encoding, unfold = choose_encoding(raw)
    raw.seek(0)
    source = io.BufferedReader(_ByteUnfold(raw)) if unfold else raw
    text = io.TextIOWrapper(source, encoding=encoding, errors="replace", newline="")
    first = True
    for line, cut in _split(text):
        if first:
            line, first = line.lstrip("\ufeff"), False
        yield line, cut


def _split(text: io.TextIOWrapper) -> Iterator[tuple[str, bool]]:
    pieces: list[str] = []
    size, cut, held = 0, False, ""
    while chunk := text.read(CHUNK):
        data = held + chunk
        body = data.rstrip("\r")
        held = data[len(body):]  # maybe the start of a CRLF or CR CR LF: wait for more
        *ended, last = _NEWLINE.split(body)
        for part in ended:
            if not pieces:  # a whole line in this chunk (nearly all): nothing to join
                yield (part, False) if len(part) <= MAX_PHYSICAL else (part[:1024], True)
                continue
            pieces, size, cut = _grow(pieces, size, cut, part)
            yield "".join(pieces), cut
            pieces, size, cut = [], 0, False
        pieces, size, cut = _grow(pieces, size, cut, last)
    if held:
        yield "".join(pieces), cut
        pieces, cut = [], False
    yield "".join(pieces), cut


def _grow(pieces: list[str], size: int, cut: bool, part: str) -> tuple[list[str], int, bool]:
    if size + len(part) > MAX_PHYSICAL:
        return pieces or [part[:1024]], size + len(part), True  # keep the head only
    pieces.append(part)
    return pieces, size + len(part), cut


# --- which encoding ----------------------------------------------------------------------------

def choose_encoding(raw: BinaryIO) -> tuple[str, bool]:
    """(codec, unfold bytes first) for the whole of ``raw``, read in chunks."""
    raw.seek(0)
    head = raw.read(4)
    bom = next((enc for mark, enc in BOMS if head.startswith(mark)), None)
    if bom in ("utf-16", "utf-32"):
        return bom, False
    if _decodes(raw, "utf-8", skip=3 if bom else 0):
        return bom or "utf-8", False
    if _decodes(io.BufferedReader(_ByteUnfold(raw)), "utf-8"):
        return "utf-8", True
    return bom or _legacy(raw), False


def _decodes(stream: BinaryIO, encoding: str, skip: int = 0) -> bool:
    """Does all of ``stream`` (from ``skip``) decode in ``encoding`` without an error?"""
    if hasattr(stream, "raw") and isinstance(stream.raw, _ByteUnfold):
        stream.raw.rewind()
    else:
        stream.seek(skip)
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        while chunk := stream.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _legacy(raw: BinaryIO) -> str:
    """The declared CHARSET if the whole file decodes in it, else a guess from a sample."""
    declared = _declared(raw)
    if declared not in (None, "utf-8") and _decodes(raw, declared):
        return declared
    raw.seek(0)
    return guess_legacy(raw.read(SAMPLE))


def _declared(raw: BinaryIO) -> str | None:
    """The codec of the first ``CHARSET=`` parameter in the file, or None."""
    raw.seek(0)
    tail = b""
    while chunk := raw.read(CHUNK):
        data = tail + chunk
        found = _CHARSET.search(data)
        if found and (found.end() < len(data) or len(chunk) < CHUNK):
            return _known(found.group(1).decode())
        tail = data[-128:]
    return None


def _known(encoding: str) -> str | None:
    try:
        return codecs.lookup(encoding.strip()).name
    except (LookupError, ValueError):
        return None


class _ByteUnfold(io.RawIOBase):
    """``raw`` without its UTF-8 BOM and without folds (a line break and a blank), as bytes."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.rewind()

    def rewind(self) -> None:
        self._raw.seek(0)
        self._held, self._ready, self._started, self._done = b"", b"", False, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._ready and not self._done:
            self._fill()
        count = min(len(buffer), len(self._ready))
        buffer[:count] = self._ready[:count]
        self._ready = self._ready[count:]
        return count

    def _fill(self) -> None:
        chunk = self._raw.read(CHUNK)
        end = not chunk
        if not self._started:  # the BOM: the whole of the first read when CHUNK is tiny
            head = self._raw.read(3) if len(chunk) < 3 and not end else b""
            chunk, self._started = (chunk + head).removeprefix(codecs.BOM_UTF8), True
        data = self._held + chunk
        if end:
            self._ready, self._held, self._done = _FOLD.sub(b"", data), b"", True
            return
        keep = len(data) - len(data.rstrip(b"\r\n"))  # a line end that a blank may follow
        self._held = data[len(data) - keep:] if keep else b""
        self._ready = _FOLD.sub(b"", data[:len(data) - keep])
