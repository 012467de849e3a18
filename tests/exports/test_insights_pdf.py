"""The insights PDF: charts and lists on two pages of the owner's paper, every name printed;
the window's panels from the same drawing."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from pypdf import PdfReader

from domain.insights import Person, Spend, Touch, build
from exports import insights_pdf

TODAY = date(2026, 12, 7)


def _insights():
    people = [Person(1, "Maria Lopez", source="Farmers market"),
              Person(2, "王伟", referred_by=1), Person(3, "ليلى حداد", referred_by=2),
              Person(4, "Zoë Hartley")]
    bought = {1: [date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)],
              2: [date(2026, 6, 1)], 3: [date(2026, 11, 30)], 4: [date(2024, 1, 1)]}
    spends = [Spend(1, "", 50_000, 3), Spend(2, "", 12_000, 1), Spend(3, "EUR", 9_900, 1),
              Spend(4, "", 3_000, 1)]
    touches = [Touch(1, date(2026, 1, 6), "call"), Touch(2, date(2026, 6, 20), "card")]
    return build(TODAY, people, touches, spends, bought, {"Farmers market": 20_000})


def _read(data: bytes) -> tuple[str, list[tuple[int, int]]]:
    reader = PdfReader(BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return text, [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
                  for p in reader.pages]


def test_two_pages_of_the_owners_paper_with_every_name():
    text, sizes = _read(insights_pdf.render(_insights(), "Bloom & Co", "A4"))
    assert sizes == [(595, 842)] * 2
    for words in ("Bloom & Co", "Thank-you coverage", "Maria Lopez", "王伟", "Farmers market",
                  "Lifetime value", "Who is drifting", "Referrals", "EUR"):
        assert words in text, words
    _text, letter = _read(insights_pdf.render(_insights(), "", "Letter"))
    assert letter == [(612, 792)] * 2


def test_the_windows_panels_are_the_same_charts_a_page_each():
    text, sizes = _read(insights_pdf.render_panels(_insights()))
    assert len(sizes) == len(insights_pdf.PANELS)
    assert "Touches per customer, month by month" in text and "Farmers market" in text


def test_an_empty_notebook_draws_without_failing():
    empty = build(TODAY, [], [], [], {})
    text, sizes = _read(insights_pdf.render(empty))
    assert len(sizes) == 2 and "No purchases recorded yet." in text
    assert len(_read(insights_pdf.render_panels(empty))[1]) == len(insights_pdf.PANELS)
