"""Direction marks a name already holds (U+200E LRM, U+200F RLM, U+061C ALM: pasted from a
phone's contacts or a chat), drawn on a card, its envelope and a label, as pdftoppm sees
the page: they set the direction only and print as nothing. The serif face maps LRM and RLM
to visible "control picture" glyphs; drawn as plain text they printed a mark beside the
name."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from exports import cards
from exports.cards import coverage
from exports.cards.cardjob import CardJob

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"),
                                reason="poppler-utils (pdftoppm) not installed")

MARKED = [("David Lee", "\u200eDavid Lee"), ("David Lee", "David\u200f Lee\u200e"),
          ("שרה כהן", "\u200fשרה כהן"), ("שרה כהן", "שרה כהן\u200f"),
          ("علي حسن", "\u061cعلي حسن"), ("Ngọc Trần", "\u200eNgọc Trần\u200e")]


def _job(name: str) -> CardJob:
    return CardJob(text=f"Dear {name},\n\nThank you!", headline="Thank you",
                   recipient=[name, "1 Main St", "Springfield"], sender=["Bloom", "4 Alder St"],
                   business="Bloom", customer=name)


def _pixels(data: bytes, tmp_path, name: str) -> bytes:
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftoppm", "-r", "100", "-gray", str(pdf)], capture_output=True,
                          check=True).stdout


@pytest.mark.parametrize("fmt", ["a6", "env-10", "avery-5160"])
@pytest.mark.parametrize(("plain", "marked"), MARKED)
def test_a_direction_mark_in_a_name_prints_as_nothing(fmt, plain, marked, tmp_path):
    renderer = cards.get(fmt)
    assert _pixels(renderer().render([_job(marked)]), tmp_path, "marked") == \
        _pixels(renderer().render([_job(plain)]), tmp_path, "plain")


@pytest.mark.parametrize(("plain", "marked"), MARKED)
def test_a_direction_mark_is_not_called_unprintable(plain, marked):
    assert coverage.unprintable([_job(marked)]) == []
