"""Issue 13, finding 8: the envelope each card goes in, the fold tick on folded cards, and a
calibration page whose rulers stay at the paper's edge while the content moves.

Positions come from walking the PDF's content stream (test_cards_layout.walk), not from the
layout code that drew them.
"""

import io

import pytest
from pypdf import PdfReader

import main
from exports import cards
from exports.cards.aids import CalibrationPage
from exports.cards.geometry import A4, IN, LETTER, MM, Offsets
from tests.exports.test_cards_layout import job, safe_boxes, walk

CLEARANCE = IN / 8  # the card slides in: 1/8 in (about 3 mm) on each dimension


def _fits(card: tuple[float, float], envelope: tuple[float, float]) -> bool:
    short, long_ = sorted(card)
    e_short, e_long = sorted(envelope)
    return e_short - short >= CLEARANCE - 1e-6 and e_long - long_ >= CLEARANCE - 1e-6


def _area(size: tuple[float, float]) -> float:
    return size[0] * size[1]


@pytest.mark.parametrize("name", cards.names("card"))
def test_every_card_gets_the_smallest_envelope_of_its_system_that_fits(name):
    """The smallest that fits with clearance, among envelopes of the card's own system (US
    inches or ISO): a shop printing US postcards buys US envelopes, not ISO C6."""
    card_cls = cards.get(name)
    chosen = cards.get(cards.envelope_for(name), "envelope")
    assert _fits(card_cls.size, chosen.size), (name, chosen.name)
    assert chosen.iso == card_cls.iso, (name, chosen.name)
    for other in cards.names("envelope"):
        cls = cards.get(other)
        if cls.iso == card_cls.iso and _area(cls.size) < _area(chosen.size):
            assert not _fits(card_cls.size, cls.size), (name, other, "is smaller and fits")
    assert cards.ENVELOPE_FOR[name] == chosen.name


def test_a_us_postcard_goes_in_a_us_envelope():
    assert cards.envelope_for("postcard-4x6") == "env-a6"  # C6 is smaller, but ISO


def test_standard_a1_and_c7_envelopes_take_the_small_cards():
    assert cards.get("env-a1").size == (3.625 * IN, 5.125 * IN)[::-1]  # 5 1/8 × 3 5/8 in
    assert cards.get("env-c7").size == pytest.approx((114 * MM, 81 * MM))
    assert cards.envelope_for("letter-4up") == "env-a1"  # 3.5×5 in cards, was env-a2
    assert cards.envelope_for("a4-4up") == "env-c7"  # ISO A7 cards, was env-c6
    assert cards.envelope_for("a2-folded") == "env-a2"  # by its folded size


def test_print_cards_envelopes_default_to_the_pairing(demo_book, tmp_path):
    out, env = tmp_path / "cards.pdf", tmp_path / "env.pdf"
    assert main.main(["print-cards", str(out), "--format", "letter-4up", "--envelopes",
                      str(env), "--notebook", str(demo_book)]) == 0
    box = PdfReader(env).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((369, 261))  # env-a1


def test_formats_lists_the_new_envelopes(capsys):
    assert main.main(["formats"]) == 0
    out = capsys.readouterr().out
    assert "env-a1" in out and "env-c7" in out


@pytest.fixture
def demo_book(tmp_path):
    path = tmp_path / "demo.rapport"
    assert main.main(["demo", str(path)]) == 0
    return path


# --- the fold tick ----------------------------------------------------------------------

def _pages(data: bytes) -> list:
    return [walk(p) for p in PdfReader(io.BytesIO(data)).pages]


def test_folded_formats_declare_their_fold():
    folded = [n for n in cards.names("card") if cards.get(n).fold]
    assert folded == ["a2-folded"]


@pytest.mark.parametrize("name", [n for n in cards.names("card")
                                  if getattr(cards.get(n), "fold", None)] or ["a2-folded"])
def test_fold_tick_on_the_outside_page_in_the_margin(name):
    renderer = cards.get(name)()
    h = renderer.page_size[1]
    (_glyphs, segments), _inside = _pages(renderer.render([job()]))
    fold = renderer.fold
    ticks = [s for s in segments if all(abs(x - fold) < 0.01 for x, _y in s)]
    ends = sorted(sorted(y for _x, y in s) for s in ticks)
    assert len(ends) == 2 and ends[0][0] == pytest.approx(0) and ends[1][1] == pytest.approx(h)
    for (x1, y1), (_x2, y2) in ticks:
        # long enough to show past a printer's unprintable strip (about 4 mm), short of
        # the card's margin
        assert 5 * MM <= abs(y2 - y1) <= 7 * MM
        for box in safe_boxes(renderer):  # never in the message or the front's words
            assert not (box.x <= x1 <= box.right and
                        max(y1, y2) >= box.y and min(y1, y2) <= box.top)


# --- the calibration page ---------------------------------------------------------------

OFFSETS = Offsets(9.0, -6.0)


def _segments(paper, offsets=OFFSETS):
    (_glyphs, segments), = _pages(CalibrationPage(paper, offsets).render())
    return [tuple(tuple(round(v, 2) for v in p) for p in s) for s in segments]


@pytest.mark.parametrize("paper", [LETTER, A4])
def test_rulers_stay_at_the_paper_edge_whatever_the_offsets(paper):
    h = paper[1]
    segments = _segments(paper)
    # the top ruler's 1 in tick starts at the paper's top edge, 1 in from the left edge
    assert ((72.0, round(h, 2)), (72.0, round(h - 14, 2))) in segments
    # the left ruler's 10 mm tick starts at the left edge, 10 mm below the top
    y = round(h - 10 * MM, 2)
    assert ((0.0, y), (14.0, y)) in segments


@pytest.mark.parametrize("paper", [LETTER, A4])
def test_the_crosses_and_pointers_move_with_the_offsets(paper):
    h = paper[1]
    moved = set(_segments(paper))
    still = set(_segments(paper, Offsets(0, 0)))
    ax, ay = 72 + OFFSETS.x, h - 72 + OFFSETS.y
    r = CalibrationPage.cross
    assert ((round(ax - r, 2), round(ay, 2)), (round(ax + r, 2), round(ay, 2))) in moved
    # what moves is the content: every segment that moved moved by exactly the offsets
    for (x1, y1), (x2, y2) in moved - still:
        back = ((round(x1 - OFFSETS.x, 2), round(y1 - OFFSETS.y, 2)),
                (round(x2 - OFFSETS.x, 2), round(y2 - OFFSETS.y, 2)))
        assert back in still
    # a pointer on each ruler shows where the printer puts content: 1 in + the offset
    top_pointer = [s for s in moved if s[0][0] == s[1][0] == round(ax, 2)
                   and h - 50 + OFFSETS.y < s[0][1] < h - 30]
    left_pointer = [s for s in moved if s[0][1] == s[1][1] == round(ay, 2)
                    and 30 < s[0][0] < 50 + OFFSETS.x]
    assert top_pointer and left_pointer


@pytest.mark.parametrize("paper", [LETTER, A4])
def test_two_100_mm_bars_reveal_scaling(paper):
    segments = _segments(paper)
    across = [s for s in segments if s[0][1] == s[1][1]
              and abs(abs(s[1][0] - s[0][0]) - 100 * MM) < 0.02]
    down = [s for s in segments if s[0][0] == s[1][0]
            and abs(abs(s[1][1] - s[0][1]) - 100 * MM) < 0.02]
    assert across and down
    still = set(_segments(paper, Offsets(0, 0)))
    assert set(across + down) <= still  # drawn from the paper's edge, not moved


def test_calibration_instructions_name_the_bars_and_the_paper_edge():
    page = PdfReader(io.BytesIO(CalibrationPage(LETTER, OFFSETS).render())).pages[0]
    text = " ".join(page.extract_text().split())
    assert "100 mm" in text and "paper's edge" in text
