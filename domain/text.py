"""Text helpers shared by search, sorting and duplicate detection."""

from __future__ import annotations

import re
import unicodedata

# Letters that are not a base letter plus an accent, so NFKD leaves them alone.
_SPECIAL = str.maketrans({
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Þ": "Th", "þ": "th", "ß": "ss", "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "ı": "i",
    "Ħ": "H", "ħ": "h",
})


class _Marks(dict):
    """Code point → None for a combining mark (dropped by ``str.translate``), else itself;
    each character asked about once, then looked up at C speed (a third off folding names).
    A text of every character there is would make it 100 MB: past 65,536 it stops growing."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < 65_536:
            self[code] = kept
        return kept


_MARKS = _Marks()


def fold(text: str) -> str:
    """Case- and accent-blind form: ``Łukasz Zoë`` → ``lukasz zoe``."""
    if text and text.isascii():  # most text: nothing to decompose; 10× faster when indexing 50k
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    return decomposed.translate(_MARKS).casefold()


# C0 and C1 control characters but tab and newline: sent to a terminal as they are, ESC and
# CSI sequences from a hostile file could erase lines, move the cursor or recolour the text.
# A regular expression, not str.translate: `today --json` prints megabytes, nearly all clean.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` for a terminal: each control character (but tab and newline) shown as �."""
    return _CONTROLS.sub("\ufffd", text)


# Every line break str.splitlines knows: a lone CR (old Mac notes), VT (FileMaker's line break
# in a field), FF, FS/GS/RS, NEL, U+2028/9. Readers of vCard and iCalendar split on some of
# them, and RFC 5545 and 6350 allow no control character in text but tab.
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def file_text(text: str) -> str:
    """``text`` for a file another program reads: each line break ``\\n``, every other control
    character but tab left out."""
    return _OTHER_CONTROLS.sub("", _BREAKS.sub("\n", text))


def escaped(text: str) -> str:
    """``text`` as a TEXT value of a vCard (RFC 6350 §3.4) or an iCalendar file (RFC 5545
    §3.3.11), which escape alike: :func:`file_text`, then ``\\`` ``;`` ``,`` and each line
    break backslash-escaped."""
    return (file_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


_LRM = "\u200e"


def in_ltr_line(name: str) -> str:
    """``name`` for a line of a left-to-right list ("אברהם כהן — 880.00 (2)"): with a
    left-to-right mark either side when it holds right-to-left letters, so the line reads
    left to right and the figures after the name stay out of its run (without them the line
    starts right to left and shows "(2) 880.00 — אברהם כהן", flush right). UAX #9's isolates
    (FSI…PDI) say this better, but the bidi rules our PDFs are drawn with predate them; the
    marks are invisible and take no room."""
    if name.isascii() or not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in name):
        return name
    return f"{_LRM}{name}{_LRM}"
