"""Every card, envelope and label format: exact sizes in points, the listing, bad names."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from exports import cards
from exports.cards.aids import CalibrationPage, WritingAid
from exports.cards.geometry import A4, IN, LETTER, MM
from exports.cards.jobs import CardJob

ROOT = Path(__file__).resolve().parents[2]

# name -> (page width, page height) in points, written out from the makers' sizes.
PAGES = {
    "a2-folded": (8.5 * 72, 5.5 * 72),
    "a2": (4.25 * 72, 5.5 * 72),
    "a6": (4.5 * 72, 6.25 * 72),
    "a7": (5 * 72, 7 * 72),
    "postcard-4x6": (6 * 72, 4 * 72),
    "iso-a6": (297.638, 419.528),
    "letter-2up": (792, 612),
    "letter-4up": (612, 792),
    "a4-2up": (841.89, 595.276),
    "a4-4up": (595.276, 841.89),
    "env-10": (684, 297),
    "env-a1": (369, 261),
    "env-a2": (414, 315),
    "env-a6": (468, 342),
    "env-a7": (522, 378),
    "env-c6": (459.213, 323.15),
    "env-c7": (323.15, 229.606),
    "env-dl": (623.622, 311.811),
    "avery-5160": (612, 792),
    "avery-l7160": (595.276, 841.89),
}
JOB = CardJob(text="Dear Bo,\n\nThank you!", headline="Thank you",
              recipient=["Bo Li", "1 Main St", "Springfield IL 62701"],
              sender=["Bloom", "48 Alder St"], business="Bloom", customer="Bo Li")


def pages(data: bytes) -> list:
    return PdfReader(io.BytesIO(data)).pages


def test_every_named_format_is_there():
    assert set(cards.names()) == set(PAGES)
    assert cards.names("envelope") == ["env-10", "env-a1", "env-a2", "env-a6", "env-a7",
                                       "env-c6", "env-c7", "env-dl"]
    assert cards.names("label") == ["avery-5160", "avery-l7160"]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_size_is_exact(name):
    data = cards.get(name)().render([JOB, JOB])
    for page in pages(data):
        box = page.mediabox
        assert float(box.width) == pytest.approx(PAGES[name][0], abs=0.01)
        assert float(box.height) == pytest.approx(PAGES[name][1], abs=0.01)


def test_finished_sizes_are_us_sizes_not_iso_names():
    assert cards.get("a2").size == (306, 396)  # 4.25 × 5.5 in, not ISO A2
    assert cards.get("a6").size == (324, 450)  # 4.5 × 6.25 in, not ISO A6
    assert cards.get("a7").size == (360, 504)  # 5 × 7 in, not ISO A7
    assert cards.get("a2-folded").size == (306, 396)
    assert cards.get("iso-a6").size == pytest.approx((105 * MM, 148 * MM))


def test_label_sheets_use_the_makers_pitches_and_margins():
    avery = cards.get("avery-5160")()
    slots = avery.slots()
    assert len(slots) == 30
    assert (slots[0].x, LETTER[1] - slots[0].top) == pytest.approx((0.1875 * IN, 0.5 * IN))
    assert slots[1].x - slots[0].x == pytest.approx(2.75 * IN)
    assert slots[0].y - slots[3].y == pytest.approx(1 * IN)
    assert slots[-1].y == pytest.approx(0.5 * IN)  # bottom margin equals the top
    l7160 = cards.get("avery-l7160")().slots()
    assert len(l7160) == 21
    assert l7160[0].x == pytest.approx(7.25 * MM)
    assert A4[1] - l7160[0].top == pytest.approx(15.15 * MM)
    assert l7160[1].x - l7160[0].x == pytest.approx(66.04 * MM)
    assert l7160[-1].right == pytest.approx(A4[0] - 7.25 * MM, abs=0.3)


def test_folded_card_has_outside_and_inside_pages():
    data = cards.get("a2-folded")().render([JOB, JOB])
    assert len(pages(data)) == 4


def test_labels_fill_a_sheet_before_the_next():
    assert len(pages(cards.get("avery-5160")().render([JOB] * 31))) == 2
    assert len(pages(cards.get("letter-4up")().render([JOB] * 4))) == 1


def test_calibration_page_and_writing_aid():
    assert len(pages(CalibrationPage(A4).render())) == 1
    aid = WritingAid(cards.get("a7")).render([JOB, JOB])
    assert len(pages(aid)) == 4  # two cards with guide lines, two pages of talking points
    text = "".join(p.extract_text() for p in pages(aid))
    assert "Talking points — Bo Li" in text and "Thank you!" in text  # the suggested words


def test_empty_batch_is_still_a_pdf():
    assert len(pages(cards.get("a7")().render([]))) == 1


def test_unknown_format_lists_the_names():
    with pytest.raises(cards.UnknownFormat) as err:
        cards.get("a5")
    assert "a2-folded" in str(err.value) and "avery-5160" in str(err.value)
    with pytest.raises(cards.UnknownFormat):
        cards.get("env-10", "card")


def test_listing_gives_inches_and_millimetres():
    rows = {r["name"]: r for r in cards.listing()}
    assert rows["env-10"]["inches"] == "9.5 × 4.125 in"
    assert rows["avery-l7160"]["mm"] == "63.5 × 38.1 mm"
    assert all(r["description"] for r in rows.values())


def test_listing_formats_loads_neither_reportlab_nor_qt():
    code = ("import sys, main; main.main(['formats']); "
            "print(any(m.split('.')[0] in ('reportlab', 'PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().endswith("False")
    assert "avery-l7160" in out
