"""Units and boxes in PDF points (1/72 in). No reportlab here: format names like "A6" in
reportlab and Qt mean ISO sizes, so every size Rapport prints is written out in points."""

from __future__ import annotations

from dataclasses import dataclass

IN = 72.0
MM = 72.0 / 25.4

LETTER = (8.5 * IN, 11 * IN)
A4 = (210 * MM, 297 * MM)


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle with its origin at the bottom-left, as PDF draws."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def inset(self, dx: float, dy: float | None = None) -> Box:
        """The box shrunk by ``dx`` left and right and ``dy`` (default ``dx``) top and bottom."""
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))

    def split_h(self, at: float) -> tuple[Box, Box]:
        """Left and right parts, cut ``at`` points from the left edge."""
        return Box(self.x, self.y, at, self.h), Box(self.x + at, self.y, self.w - at, self.h)

    def take_bottom(self, h: float) -> tuple[Box, Box]:
        """The bottom strip ``h`` tall, and the rest above it."""
        return Box(self.x, self.y, self.w, h), Box(self.x, self.y + h, self.w, self.h - h)

    def contains(self, x: float, y: float, slack: float = 0.01) -> bool:
        return (self.x - slack <= x <= self.right + slack
                and self.y - slack <= y <= self.top + slack)


@dataclass(frozen=True, slots=True)
class Offsets:
    """A printer's shift, in points: positive x moves everything right, positive y up."""

    x: float = 0.0
    y: float = 0.0


def inches(size: tuple[float, float]) -> str:
    """``4.25 × 5.5 in``"""
    return " × ".join(_number(v / IN, 3) for v in size) + " in"


def millimetres(size: tuple[float, float]) -> str:
    """``105 × 148 mm``, ``63.5 × 38.1 mm``"""
    return " × ".join(_number(v / MM, 1) for v in size) + " mm"


def _number(value: float, places: int) -> str:
    return f"{value:.{places}f}".rstrip("0").rstrip(".")
