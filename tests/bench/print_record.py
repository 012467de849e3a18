"""Run ``main.py print-cards`` and note every string it draws, for the floor and for gLabels.

``python -m tests.bench.print_record STRINGS.json -- print-cards OUT.pdf --format a7 ...``

reportlab's canvas is watched (never changed): each page's size, and each string with its
font, size and place. The floor (``print_floor.py``) draws the same strings; gLabels gets each
card's message lines and business name. Untimed: it runs once, on its own copy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfgen.canvas import Canvas

import main as rapport
from exports.cards import fonts
from resources import path as resource_path


@contextmanager
def watching() -> Iterator[dict[str, Any]]:
    """Within the block, every page reportlab's canvas shows and each string drawn on it:
    ``{"fonts": {name: file}, "pages": [{"size", "ops": [[font, size, x, y, text]]}]}``."""
    pages: list[dict[str, Any]] = []
    ops: list[list[Any]] = []
    found: dict[str, Any] = {"fonts": {}, "pages": pages}
    draw_string, show_page = Canvas.drawString, Canvas.showPage

    def drawing(self: Canvas, x: float, y: float, text: str, *args: Any, **kw: Any) -> Any:
        ops.append([self._fontname, self._fontsize, x, y, text])
        return draw_string(self, x, y, text, *args, **kw)

    def showing(self: Canvas) -> Any:
        pages.append({"size": list(self._pagesize), "ops": list(ops)})
        ops.clear()
        return show_page(self)

    Canvas.drawString, Canvas.showPage = drawing, showing  # type: ignore[method-assign]
    try:
        yield found
    finally:
        Canvas.drawString, Canvas.showPage = draw_string, show_page  # type: ignore[method-assign]
        used = {op[0] for page in pages for op in page["ops"]}
        faces = {name: str(resource_path("fonts", file)) for name, file in fonts.FACES.values()}
        found["fonts"].update({n: f for n, f in faces.items() if n in used})


def record(out: str, argv: list[str]) -> int:
    """Run ``main.py`` with ``argv`` and write the strings it drew to ``out``."""
    with watching() as found:
        status = rapport.main(argv)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(found, fh, ensure_ascii=False)
    return status


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[2] != "--":
        sys.exit(__doc__)
    sys.exit(record(sys.argv[1], sys.argv[3:]))
