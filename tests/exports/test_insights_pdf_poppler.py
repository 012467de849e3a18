"""The insights PDF read by poppler, as a print shop or a PDF viewer would: every font
embedded (a font that is not must be substituted by the reader, and a print shop's preflight
refuses the file) and every name found by ``pdftotext``, in every script, each on one line."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

from domain.insights import Person, Spend, Touch, build
from exports import insights_pdf

TODAY = date(2026, 12, 7)
NAMES = ["Nguyễn Thị Phương Thảo", "Αλέξανδρος Παπαδόπουλος", "Наталья Щербакова", "אברהם כהן",
         "प्रियंका चोपड़ा", "สมชาย ใจดี", "王伟", "山田太郎", "김민준", 'O"Brien, Jr. & <b>',
         "Zoë Ærøskøbing"]

pytestmark = pytest.mark.skipif(not shutil.which("pdffonts") or not shutil.which("pdftotext"),
                                reason="poppler-utils (pdffonts, pdftotext) not installed")


def poppler(tool: str, data: bytes, tmp_path) -> str:
    path = tmp_path / "insights.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)],
                          capture_output=True, text=True, check=True).stdout


def insights():
    people = [Person(n, name, referred_by=1 if n > 1 else None)
              for n, name in enumerate(NAMES, start=1)]
    spends = [Spend(n, "", 90_000 - n * 1_000, 2) for n in range(1, len(NAMES) + 1)]
    bought = {n: [date(2026, 3, 1), date(2026, 4, 1)] for n in range(1, len(NAMES) + 1)}
    return build(TODAY, people, [], spends, bought, {})


@pytest.mark.parametrize("render", [lambda i: insights_pdf.render(i, "Café & Co", "A4"),
                                    insights_pdf.render_panels], ids=["pages", "panels"])
def test_every_font_is_embedded(render, tmp_path):
    rows = poppler("pdffonts", render(insights()), tmp_path).splitlines()[2:]
    assert rows and [r for r in rows if r.split()[-5] != "yes"] == []


def test_every_name_in_every_script_is_found(tmp_path):
    text = poppler("pdftotext", insights_pdf.render(insights(), "Café & Co", "A4"), tmp_path)
    found = unicodedata.normalize("NFC", " ".join(text.split()))
    assert [n for n in NAMES if n not in found] == []


def test_a_name_with_line_breaks_stays_on_its_own_line(tmp_path):
    """A name pasted with a line break ("New\\nLine") must not print as a list entry of its
    own, which reads as another customer."""
    people = [Person(1, "Maria Lopez"), Person(2, "New\nLine\r\nName", referred_by=1),
              Person(3, "Tab\tName", referred_by=1)]
    spends = [Spend(n, "", 50_000, 1) for n in (1, 2, 3)]
    bought = {n: [date(2026, 11, 20)] for n in (1, 2, 3)}
    ins = build(TODAY, people, [Touch(1, date(2026, 11, 21), "call")], spends, bought, {})
    lines = poppler("pdftotext", insights_pdf.render(ins, "", "A4"), tmp_path).splitlines()
    assert "Name — first purchase 20 Nov" not in lines and "Line" not in lines
    assert "New Line Name — first purchase 20 Nov" in lines
    assert "└ New Line Name" in lines and "Tab Name — first purchase 20 Nov" in lines
