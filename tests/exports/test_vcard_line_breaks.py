"""Line breaks of every kind in a customer's text, written as vCard and read back by vobject.

A note pasted from an old Mac program or a web form can hold a lone CR (or a vertical tab, a
form feed, NEL, U+2028/U+2029): readers split lines on them, so written raw they cut a
property in two and vobject refuses the whole file — every customer, not just the one.
"""

from __future__ import annotations

import pytest
import vobject

from domain.model import Address, Customer
from exports.vcard_write import card

BREAKS = ["\r", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
          "\u2028", "\u2029"]


def hostile(brk: str) -> Customer:
    text = f"first{brk}second"
    return Customer(given_name=f"Zoë{brk}Ann", family_name=f"Đặng{brk}Hà", company=text,
                    notes=f"line1{brk}line2;a,b\\c", emails=["zoe@example.com"],
                    addresses=[Address(street=f"12 Rue{brk}Bât. B", city="Zürich",
                                       mailing=True)])


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("brk", BREAKS, ids=[hex(ord(b[0])) + str(len(b)) for b in BREAKS])
def test_every_line_break_in_a_note_or_name_keeps_the_file_readable(version, brk):
    text = card(hostile(brk), version=version) + card(Customer(given_name="Next"),
                                                       version=version)
    assert all(line.isprintable() for line in text.split("\r\n")), repr(text)
    parsed = list(vobject.readComponents(text))
    assert [p.fn.value for p in parsed][1] == "Next"
    note = parsed[0].note.value
    assert note.startswith("line1") and note.endswith("line2;a,b\\c")
    assert note[5:-len("line2;a,b\\c")] == "\n"  # the break survives as a line break


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("ctl", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_other_control_characters_are_left_out(version, ctl):
    text = card(Customer(given_name=f"Zoë{ctl}", notes=f"a{ctl}b"), version=version)
    assert all(line.isprintable() for line in text.split("\r\n")), repr(text)
    (parsed,) = vobject.readComponents(text)
    assert (parsed.fn.value, parsed.note.value) == ("Zoë", "ab")


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_an_own_field_named_with_a_line_break_keeps_the_file_readable(version):
    """A notebook JSON can name an own field anything: its name goes in a quoted parameter,
    where no escape exists in 3.0, so a line break there cut the card (and the file) in two."""
    c = Customer(given_name="Zoë", fields={"Line\nBreak\x00": "x", 'Größe "XL"\u2028y': "1"})
    text = card(c, version=version) + card(Customer(given_name="Next"), version=version)
    parsed = list(vobject.readComponents(text))
    assert [p.fn.value for p in parsed] == ["Zoë", "Next"]
    names = [line.params["X-NAME"][0] for line in parsed[0].getChildren()
             if line.name.startswith("X-RAPPORT-")]
    assert names == ["Line Break", "Größe 'XL' y"]
