"""Fitting text in a box: wrap with a width function, binary-search the largest size that fits.

Word widths are measured once at 1 pt and scaled, so trying a dozen sizes costs arithmetic,
not font look-ups: a thousand cards fit in a fraction of a second. Text is never cut: when it
does not fit even at the smallest size, every line is kept at that size and the result says
how many lines run past the box (``overflow``), so the caller can say so instead of printing
a card that lost its last lines (the signature) to an ellipsis.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

Width = Callable[[str], float]  # the width of a string at 1 pt
KEEP_LINES_FLOOR = 0.75  # an address line shrinks to 3/4 of its size before it wraps…
READABLE = 10.0  # …but not below 10 pt: a long street line wraps at 10 pt where the box allows


@dataclass(frozen=True, slots=True)
class Fitted:
    size: float
    leading: float  # baseline to baseline, in points
    lines: list[str]
    overflow: int = 0  # lines that run past the bottom of the box at the smallest size
    extent: float = 1.3  # a line's ascent plus descent, as a multiple of the size

    @property
    def fits(self) -> bool:
        """Whether every line is inside the box."""
        return self.overflow == 0

    @property
    def height(self) -> float:
        """From the first line's ascent to the last line's descent."""
        if not self.lines:
            return 0.0
        return self.leading * (len(self.lines) - 1) + self.extent * self.size


class Measured:
    """A text's paragraphs and words with their widths at 1 pt."""

    def __init__(self, text: str, width: Width) -> None:
        self.width = width
        self.space = width(" ")
        self.paragraphs = [_joined([(w, width(w)) for w in p.split(" ") if w], self.space)
                           for p in text.split("\n")]

    def wrap(self, max_width: float, size: float) -> list[str]:
        """Lines at ``size`` so that none is wider than ``max_width``."""
        limit = max_width / size if size > 0 else 0.0
        lines: list[str] = []
        for words in self.paragraphs:
            lines.extend(self._wrap_paragraph(words, limit) if words else [""])
        return lines

    def _wrap_paragraph(self, words: list[tuple[str, float]], limit: float) -> list[str]:
        lines, current, used = [], [], 0.0
        for word, w in _apart(words, limit, self.width):
            if w > limit:  # longer than a whole line: cut it between characters
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                pieces = self._break_word(word, limit)
                lines.extend(pieces[:-1])
                word, w = pieces[-1], self.width(pieces[-1])
            extra = w if not current else self.space + w
            if current and used + extra > limit:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                current.append(word)
                used += extra
        lines.append(" ".join(current))
        return lines

    def _break_word(self, word: str, limit: float) -> list[str]:
        """A word too long for a line, cut between characters (at least one per piece), never
        between a letter and its marks (Thai and Devanagari vowel signs, accents)."""
        pieces, start = [], 0
        for end in range(1, len(word) + 1):
            if end - start > 1 and self.width(word[start:end]) > limit:
                cut = end - 1
                while cut - start > 1 and _inside_cluster(word, cut):
                    cut -= 1
                pieces.append(word[start:cut])
                start = cut
        pieces.append(word[start:])
        return pieces


def _joined(words: list[tuple[str, float]], space: float) -> list[tuple[str, float]]:
    """``words`` with a name joined by "&" as one ("Bloom & Co."): a line break after the
    ampersand leaves "Co." alone on the next line, which reads as a mistake."""
    found: list[tuple[str, float]] = []
    for word, w in words:
        if found and (word == "&" or found[-1][0].endswith(" &")):
            last, width = found.pop()
            found.append((f"{last} {word}", width + space + w))
        else:
            found.append((word, w))
    return found


def _apart(words: list[tuple[str, float]], limit: float,
           width: Width) -> Iterator[tuple[str, float]]:
    """The words to wrap: a joined name wider than a whole line goes back to its words (it
    breaks at its spaces, never inside a word)."""
    for word, w in words:
        if w > limit and " " in word:
            yield from ((part, width(part)) for part in word.split(" "))
        else:
            yield word, w


def _inside_cluster(word: str, i: int) -> bool:
    """Whether a cut before ``word[i]`` splits what is drawn as one: a letter from its marks
    or joiner, or a conjunct after its virama (न्|य)."""
    return (unicodedata.category(word[i])[0] == "M" or word[i] in "\u200c\u200d"
            or unicodedata.combining(word[i - 1]) == 9 or word[i - 1] == "\u200d")


def fit(text: str, width: Width, max_width: float, max_height: float, max_size: float,
        min_size: float, leading: float = 1.3, extent: float = 1.3,
        keep_lines: bool = False) -> Fitted:
    """The largest size in [min_size, max_size] at which ``text`` fits the box.

    ``leading`` and ``extent`` (a line's ascent plus descent) are multiples of the size.
    ``keep_lines`` (addresses) shrinks rather than wraps while any size allows it.
    """
    measured = Measured(text, width)
    if not any(measured.paragraphs):
        return Fitted(min_size, min_size * leading, [], extent=extent)
    if max_width <= 0 or max_height <= 0:  # no room at all: every paragraph is left over
        return Fitted(min_size, min_size * leading, [], len(measured.paragraphs), extent)
    if keep_lines:  # shrink a little to keep each line whole, then wrap instead
        floor = max(min_size, max_size * KEEP_LINES_FLOOR)
        if max_size >= READABLE:  # a recipient's address, not the small return address
            floor = max(floor, READABLE)
        whole = _search(measured, max_width, max_height, max_size, floor, leading, extent,
                        len(measured.paragraphs))
        if whole is not None:
            return whole
    found = _search(measured, max_width, max_height, max_size, min_size, leading, extent)
    return found or _overflowing(measured, max_width, max_height, min_size, leading, extent)


def _search(measured: Measured, max_width: float, max_height: float, max_size: float,
            min_size: float, leading: float, extent: float,
            line_count: int | None = None) -> Fitted | None:
    """Binary search for the largest fitting size (to 0.1 pt); None if even the smallest
    does not fit (or does not keep ``line_count`` lines)."""

    def fits(size: float) -> list[str] | None:
        lines = measured.wrap(max_width, size)
        if line_count is not None and len(lines) != line_count:
            return None
        height = size * (leading * (len(lines) - 1) + extent)
        return lines if height <= max_height + 1e-6 else None

    best = fits(max_size)
    if best is not None:
        return Fitted(max_size, max_size * leading, best, extent=extent)
    lo, hi = min_size, max_size
    best = fits(lo)
    if best is None:
        return None
    while hi - lo > 0.1:
        mid = (lo + hi) / 2
        lines = fits(mid)
        if lines is None:
            hi = mid
        else:
            lo, best = mid, lines
    return Fitted(lo, lo * leading, best, extent=extent)


def _overflowing(measured: Measured, max_width: float, max_height: float, size: float,
                 leading: float, extent: float) -> Fitted:
    """Every line at the smallest size, and how many of them the box has no room for."""
    room = max(int((max_height / size - extent + 1e-6) // leading) + 1, 0)
    lines = measured.wrap(max_width, size)
    return Fitted(size, size * leading, lines, overflow=max(len(lines) - room, 1),
                  extent=extent)
