"""The floor for printing a batch of cards: a bare reportlab script, no Rapport and no database.

``python tests/bench/print_floor.py STRINGS.json OUT.pdf``

It draws the strings Rapport drew (recorded by ``tests.bench.print_record``) with the same
TrueType fonts, at the same places, on pages of the same size, compressed as Rapport's are,
and saves the PDF: what any program printing those cards with reportlab has to do.
"""

import json
import sys

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas


def draw(data: dict, out) -> None:
    """Draw ``data`` (as ``print_record`` writes it) to ``out``, a path or a binary file."""
    rl_config.useA85 = 0
    for name, file in data["fonts"].items():
        pdfmetrics.registerFont(TTFont(name, file))
    canvas = Canvas(out, pageCompression=1, initialFontName=next(iter(data["fonts"])))
    for page in data["pages"]:
        canvas.setPageSize(page["size"])
        for font, size, x, y, text in page["ops"]:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()


def main(source: str, out: str) -> None:
    with open(source, encoding="utf-8") as fh:
        draw(json.load(fh), out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
