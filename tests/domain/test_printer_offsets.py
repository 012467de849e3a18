"""Offsets per printer and paper kind, against any setting a notebook may hold: calibrating
one kind never changes another, and every stored shape reads back as two numbers."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.printer_offsets import PAPER_KINDS, offsets_in, with_offsets
from domain.setting_values import check_setting

PRINTERS = ["", "HP", "Office", "Studio"]
number = st.floats(-300, 300, allow_nan=False)
shift = st.fixed_dictionaries({}, optional={"x": number, "y": number})
kinds = st.dictionaries(st.sampled_from([*PAPER_KINDS, "foil"]), shift, max_size=4)
level = st.fixed_dictionaries({}, optional={"x": number, "y": number, "kinds": kinds})
printers = st.dictionaries(st.sampled_from(PRINTERS[1:]), level, max_size=3)
setting = st.builds(lambda top, named: {**top, **({"printers": named} if named else {})},
                    level, printers)


def every_lookup(data):
    return {(p, k): offsets_in(data, p, k) for p in [*PRINTERS, "Elsewhere"]
            for k in PAPER_KINDS}


@settings(max_examples=400, deadline=None)
@given(setting)
def test_any_stored_setting_reads_back_as_two_numbers(data):
    assert check_setting("printer_offsets", data) == data
    for x, y in every_lookup(data).values():
        assert math.isfinite(x) and math.isfinite(y)


@settings(max_examples=400, deadline=None)
@given(setting, st.sampled_from(PRINTERS), st.sampled_from(PAPER_KINDS), number, number,
       st.booleans())
def test_calibrating_one_kind_changes_nothing_else(data, printer, kind, x, y, default):
    before = every_lookup(data)
    saved = with_offsets(data, x, y, printer, kind, default)
    after = every_lookup(saved)
    assert check_setting("printer_offsets", saved) == saved  # still a valid setting
    assert every_lookup(data) == before  # the old setting is not touched (a copy)
    assert after[(printer, kind)] == (x, y)
    for (p, k), value in after.items():
        if k != kind:
            assert value == before[(p, k)], (p, k)  # other kinds: as they were
        elif printer and not default and p != printer:
            assert value == before[(p, k)], (p, k)  # other printers: as they were
