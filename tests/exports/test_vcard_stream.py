"""A big vCard is read card by card (issue 12, finding 7; the memory itself is measured in
test_vcard_memory.py): what is read does not depend on where the chunks fall, and a line, a
card or a file too long for an address book is reported, not held."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from exports import vcard_lines, vcard_read, vcard_stream
from exports.vcard_read import read_vcards

FIXTURES = Path(__file__).parent / "fixtures"

def _norm(result):
    return (result.fatal, [(e.position, e.problem, e.warnings, e.photo, e.customer)
                           for e in result.entries])


PIECES = [b"BEGIN:VCARD", b"END:VCARD", b"\r\n", b"\n", b"\r", b" ", b"\t", b"N:Doe;Jo;;;",
          b"NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=", b"=", b"\xc3", b"\xa9", b"\xe9",
          b"TEL:+1503555", b"PHOTO;ENCODING=BASE64:", b"QUJD", b"\xef\xbb\xbf", b"FN:Jo",
          b"CHARSET=cp1252", b"EMAIL:a@b.c"]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_where_the_chunks_fall_changes_nothing(monkeypatch, chunk):
    rng = random.Random(chunk)
    samples = [p.read_bytes() for p in sorted(FIXTURES.glob("*.vcf"))]
    samples += [b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
                for _ in range(300)]
    whole = [_norm(read_vcards(data)) for data in samples]
    monkeypatch.setattr(vcard_stream, "CHUNK", chunk)
    assert [_norm(read_vcards(data)) for data in samples] == whole


def card(*lines: str) -> bytes:
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n").encode()


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(vcard_lines, "MAX_LINE", 1000)
    monkeypatch.setattr(vcard_lines, "MAX_CARD", 3000)
    monkeypatch.setattr(vcard_stream, "MAX_PHYSICAL", 1500)
    monkeypatch.setattr(vcard_stream, "CHUNK", 100)


def folded(name: str, size: int) -> str:
    line = f"{name}:" + "QUJD" * (size // 4)
    return "\r\n ".join(line[i:i + 74] for i in range(0, len(line), 74))


def test_a_photo_too_long_to_read_is_left_out_and_the_card_kept(small_limits):
    ok, big = read_vcards(card("N:Doe;Jo;;;") + card("N:Roe;Al;;;",
                                                     folded("PHOTO;ENCODING=b", 5000))).entries
    assert big.customer.family_name == "Roe" and big.photo is None
    assert big.warnings == ["card 2 (line 5): photo is too large — left out"]
    assert ok.customer.family_name == "Doe" and not ok.warnings


def test_another_line_too_long_is_left_out_and_the_card_kept(small_limits):
    (entry,) = read_vcards(card("N:Doe;Jo;;;", folded("NOTE", 5000), "EMAIL:jo@example.com")
                           ).entries
    assert entry.customer.family_name == "Doe" and entry.customer.notes == ""
    assert entry.customer.emails == ["jo@example.com"]
    (warning,) = entry.warnings
    assert warning.startswith("card 1 (line 4): NOTE is longer than")
    assert warning.endswith("— line left out")


def test_a_card_too_long_is_skipped_and_the_next_one_read(small_limits):
    notes = [f"NOTE:{'x' * 900}" for _ in range(5)]
    big, ok = read_vcards(card("N:Doe;Jo;;;", *notes) + card("N:Roe;Al;;;")).entries
    assert big.broken and "the card is longer than" in big.problem
    assert ok.customer.family_name == "Roe"


def test_a_file_without_line_breaks_is_cut_not_held(small_limits):
    data = b"BEGIN:VCARD\r\nN:Doe;Jo;;;\r\nNOTE:" + b"x" * 100_000 + b"\r\nEND:VCARD\r\n"
    (entry,) = read_vcards(data).entries
    assert entry.customer.family_name == "Doe"
    assert entry.warnings[0].startswith("card 1 (line 3): NOTE is longer than")


def test_a_file_of_too_many_cards_is_refused_whole(monkeypatch):
    monkeypatch.setattr(vcard_read, "MAX_CARDS", 3)
    assert not read_vcards(card("FN:A") * 3).fatal
    result = read_vcards(card("FN:A") * 4)
    assert result.fatal == "the file holds more than 3 cards; split it into smaller files"
    assert result.entries == []


def test_a_file_of_too_much_text_is_refused_whole(monkeypatch):
    """Each card's text is kept until the import is written: a file of 99,000 cards with 2 KB
    notes each (200 MB) peaked at 522 MB. Past MAX_TEXT characters it is refused whole; a
    photo does not count (it is kept downscaled)."""
    monkeypatch.setattr(vcard_read, "MAX_TEXT", 50)
    noted = card("FN:A", "NOTE:" + "n" * 20)  # about 30 characters kept a card
    assert not read_vcards(noted).fatal
    result = read_vcards(noted * 3)
    assert result.fatal == ("the file holds more text than one import can keep (50 characters "
                            "besides photos); split it into smaller files")
    assert result.entries == []
    assert not read_vcards(card("FN:A", "PHOTO;ENCODING=b:" + "A" * 200)).fatal


def test_a_photo_line_is_not_copied_on_its_way_to_its_card():
    """Framing a card looks at a line's head and whether it is BEGIN or END, not at a copy
    of the whole line: a 12 MB photo was copied twice more (its value split off to find its
    head, the whole line upper-cased to compare it with END:VCARD)."""
    import tracemalloc

    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * (3 << 20)
    lines = [("BEGIN:VCARD", False), ("VERSION:3.0", False), ("N:Doe;Jo;;;", False),
             (photo, False), ("END:VCARD", False)]
    tracemalloc.start()
    try:
        cards = list(vcard_lines.split_cards(iter(lines)))
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert cards[0].lines[-1][1] is photo
    assert peak < len(photo) // 4
