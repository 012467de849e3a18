"""Printer offsets per printer and paper kind (card stock, envelopes, plain sheets): kept,
carried over from the single offset older notebooks hold, and used by the format's kind in
the command line's PDFs."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

import main
from domain.printer_offsets import CARD_STOCK, ENVELOPE, PAPER_KINDS, PLAIN_SHEET
from domain.setting_values import BadSetting, check_setting
from exports import cards
from exports.cards.geometry import MM, Offsets
from exports.cards.offsets import offsets_for, paper_kind
from storage import templates as store
from storage.db import db

OLD = {"x": 1.5, "y": -2.0, "printers": {"HP": {"x": 3.0, "y": 4.0}, "Bare": {}}}


def text_positions(pdf: bytes) -> list[tuple[str, float, float]]:
    """Where each text and each placed form starts on the page, read from the content
    streams: the current transformation (``q``/``Q``/``cm``) applied to each ``Tm``, and to
    each ``Do`` (a reused card front)."""
    found: list[tuple[str, float, float]] = []
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        ctm, stack = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _times([float(v) for v in operands], ctm)
            elif op in (b"Tm", b"Do"):
                e, f = (float(operands[4]), float(operands[5])) if op == b"Tm" else (0, 0)
                a, b, c, d, x, y = ctm
                found.append((op.decode(), round(a * e + c * f + x, 2),
                              round(b * e + d * f + y, 2)))
    return found


def _times(m: list[float], n: tuple) -> tuple:
    """The PDF matrix product m × n (m applied first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def shift(plain: bytes, moved: bytes) -> tuple[float, float]:
    """How far every text of ``moved`` sits from the same text in ``plain`` (all the same)."""
    a, b = text_positions(plain), text_positions(moved)
    assert a and [t for t, *_ in a] == [t for t, *_ in b]
    moves = [(bx - ax, by - ay) for (_t, ax, ay), (_u, bx, by) in zip(a, b, strict=True)]
    for axis in (0, 1):  # all moved alike (to the rounding of two decimals)
        assert max(m[axis] for m in moves) - min(m[axis] for m in moves) < 0.02, moves
    return moves[0]


def write_old_setting(value: dict) -> None:
    """The setting as Rapport stored it before paper kinds: one x/y per printer."""
    with db.atomic():
        db.execute_sql("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                       (store.OFFSETS_KEY, json.dumps(value)))


def test_every_format_has_one_paper_kind():
    kinds = {name: paper_kind(name) for name in cards.names()}
    assert {n for n, k in kinds.items() if k == CARD_STOCK} == set(cards.names("card"))
    assert {n for n, k in kinds.items() if k == ENVELOPE} == set(cards.names("envelope"))
    assert {n for n, k in kinds.items() if k == PLAIN_SHEET} == set(cards.names("label"))
    with pytest.raises(cards.UnknownFormat):
        paper_kind("a5")


def test_offsets_are_kept_per_printer_and_paper_kind(notebook):
    store.save_printer_offsets(3, 4, "Office", default=False, kind=CARD_STOCK)
    store.save_printer_offsets(-2, 1, "Office", default=False, kind=ENVELOPE)
    store.save_printer_offsets(7, 8, "Office", default=True, kind=PLAIN_SHEET)
    assert store.load_printer_offsets("Office", CARD_STOCK) == (3.0, 4.0)
    assert store.load_printer_offsets("Office", ENVELOPE) == (-2.0, 1.0)
    assert store.load_printer_offsets("Office", PLAIN_SHEET) == (7.0, 8.0)
    # the default ones: plain sheets were saved as default too; the others never were
    assert store.load_printer_offsets("", PLAIN_SHEET) == (7.0, 8.0)
    assert store.load_printer_offsets("Studio", PLAIN_SHEET) == (7.0, 8.0)
    assert store.load_printer_offsets("Studio", CARD_STOCK) == (0.0, 0.0)
    assert offsets_for("Office", "a2-folded") == Offsets(3.0, 4.0)
    assert offsets_for("Office", "env-10") == Offsets(-2.0, 1.0)
    assert offsets_for("Office", "avery-5160") == Offsets(7.0, 8.0)


def test_an_old_single_offset_carries_over_to_every_kind(notebook, tmp_path):
    write_old_setting(OLD)
    for kind in PAPER_KINDS:
        assert store.load_printer_offsets("", kind) == (1.5, -2.0)
        assert store.load_printer_offsets("HP", kind) == (3.0, 4.0)
        assert store.load_printer_offsets("Bare", kind) == (0.0, 0.0)  # as before: its own
        assert store.load_printer_offsets("Elsewhere", kind) == (1.5, -2.0)
    # calibrating one kind keeps the others as they were: nothing is lost
    store.save_printer_offsets(9, 9, "HP", default=True, kind=ENVELOPE)
    assert store.load_printer_offsets("HP", ENVELOPE) == (9.0, 9.0)
    assert store.load_printer_offsets("HP", CARD_STOCK) == (3.0, 4.0)
    assert store.load_printer_offsets("HP", PLAIN_SHEET) == (3.0, 4.0)
    assert store.load_printer_offsets("", ENVELOPE) == (9.0, 9.0)
    assert store.load_printer_offsets("", CARD_STOCK) == (1.5, -2.0)
    assert store.load_printer_offsets("Elsewhere", PLAIN_SHEET) == (1.5, -2.0)
    store.save_printer_offsets(1, 1, "Bare", default=False, kind=CARD_STOCK)
    assert store.load_printer_offsets("Bare", ENVELOPE) == (0.0, 0.0)  # its own, still


def test_the_old_setting_survives_a_notebook_export_and_import(notebook, tmp_path):
    from storage.db import close_notebook, open_notebook

    write_old_setting(OLD)
    close_notebook()
    out = tmp_path / "book.json"
    assert main.main(["export", str(out), "--notebook", str(notebook.path)]) == 0
    fresh = tmp_path / "fresh.rapport"
    assert main.main(["import", str(out), "--notebook", str(fresh)]) == 0
    open_notebook(fresh)
    assert store.load_printer_offsets("HP", ENVELOPE) == (3.0, 4.0)
    assert offsets_for("", "avery-l7160") == Offsets(1.5, -2.0)


@pytest.mark.parametrize("value", [
    {"kinds": "card"}, {"kinds": {"card_stock": {"x": "1"}}},
    {"printers": {"HP": {"kinds": {"envelope": {"y": 1e9}}}}},
    {"kinds": {str(i): {} for i in range(51)}},
])
def test_bad_offsets_per_kind_are_refused(value):
    with pytest.raises(BadSetting):
        check_setting("printer_offsets", value)


def test_offsets_per_kind_pass_the_check():
    value = {"x": 1, "kinds": {"envelope": {"x": 2, "y": 3}},
             "printers": {"HP": {"kinds": {"card_stock": {"x": -1, "y": 0}}}}}
    assert check_setting("printer_offsets", value) == value


# --- the command line prints each kind with its own offsets -------------------------------

@pytest.fixture
def demo_book(tmp_path):
    path = tmp_path / "demo.rapport"
    assert main.main(["demo", str(path)]) == 0
    return path


def _with_offsets(book, **kinds) -> None:
    from storage.db import close_notebook, open_notebook

    open_notebook(book)
    for kind, (x, y) in kinds.items():
        store.save_printer_offsets(x, y, kind=kind)
    close_notebook()


def test_print_cards_shifts_cards_and_envelopes_by_their_kinds_offsets(demo_book, tmp_path):
    def run(name: str) -> tuple[bytes, bytes]:
        out, env = tmp_path / f"{name}-cards.pdf", tmp_path / f"{name}-env.pdf"
        assert main.main(["print-cards", str(out), "--format", "a2-folded", "--envelopes",
                          str(env), "--notebook", str(demo_book)]) == 0
        return out.read_bytes(), env.read_bytes()

    plain_cards, plain_envelopes = run("plain")
    _with_offsets(demo_book, card_stock=(2 * MM, -1 * MM), envelope=(-3 * MM, 4 * MM),
                  plain_sheet=(5 * MM, 5 * MM))
    moved_cards, moved_envelopes = run("moved")
    assert shift(plain_cards, moved_cards) == pytest.approx((2 * MM, -1 * MM), abs=0.02)
    assert shift(plain_envelopes, moved_envelopes) == pytest.approx((-3 * MM, 4 * MM),
                                                                    abs=0.02)


def test_print_labels_shifts_by_the_plain_sheet_offsets(demo_book, tmp_path):
    def run(name: str) -> bytes:
        out = tmp_path / f"{name}.pdf"
        assert main.main(["print-labels", str(out), "--notebook", str(demo_book)]) == 0
        return out.read_bytes()

    before = run("plain")
    _with_offsets(demo_book, card_stock=(2 * MM, 2 * MM), plain_sheet=(1 * MM, -2 * MM))
    assert shift(before, run("moved")) == pytest.approx((1 * MM, -2 * MM), abs=0.02)


# --- the calibration page on each kind's paper --------------------------------------------

@pytest.mark.parametrize("kind", PAPER_KINDS)
def test_the_calibration_page_prints_on_each_paper_of_its_kind(kind):
    from exports.cards.aids import CalibrationPage
    from exports.cards.offsets import calibration_paper, calibration_papers, kind_name
    from tests.exports.test_cards_marks import _segments

    papers = calibration_papers(kind)
    assert papers
    for name, _label in papers:
        size = calibration_paper(name)
        pdf = CalibrationPage(size, Offsets(0, 0), kind_name(kind)).render()
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        assert (float(page.mediabox.width), float(page.mediabox.height)) == \
            pytest.approx(size, abs=0.01)
        text = " ".join(page.extract_text().split())
        assert f"Printer calibration — {kind_name(kind)}" in text and "cross a" in text.lower()
        segments = _segments(size, Offsets(0, 0))
        w, h = size
        assert all(-0.01 <= x <= w + 0.01 and -0.01 <= y <= h + 0.01
                   for s in segments for x, y in s), name
        lengths = (50 * MM, 100 * MM)
        across = [s for s in segments if s[0][1] == s[1][1]
                  and any(abs(abs(s[1][0] - s[0][0]) - n) < 0.05 for n in lengths)]
        down = [s for s in segments if s[0][0] == s[1][0]
                and any(abs(abs(s[1][1] - s[0][1]) - n) < 0.05 for n in lengths)]
        assert across and down, name
