"""The export writes nearly every touch, sale and fact from an inline shape (issue 17: a
function call per row was a fifth of the export); any row, of any stored type, must come out
as the function that writes every case writes it: same keys, same order, same errors."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from exports import notebook_rows as rows

# What SQLite hands back for a column, odd values included (a hostile or damaged notebook).
VALUE = st.one_of(st.none(), st.sampled_from(["", "call", "note", "visit", "card", "phone",
                                              "mail", "email", "2026-01-02",
                                              "2026-01-02T10:00:00", "--02-29", "x"]),
                  st.integers(-3, 3), st.floats(allow_nan=False), st.binary(max_size=10),
                  st.text(max_size=12))
# Mostly the shapes that matter: a stored day, an empty or a plain text.
DAY = st.one_of(st.just("2026-01-02"), VALUE)
TEXT = st.one_of(st.sampled_from(["", "x"]), VALUE)
CENTS = st.one_of(st.integers(-10**6, 10**6), st.none(), st.floats(-1e4, 1e4))


def outcome(write, *args: Any) -> tuple:
    try:
        return ("ok", repr(write(*args)))  # repr: the keys' order counts
    except Exception as exc:  # the same error either way is the point
        return ("error", type(exc), str(exc))


@settings(max_examples=1500, deadline=None)
@given(DAY, TEXT, TEXT, TEXT)
def test_a_touch_is_written_as_its_function_writes_it(day, kind, channel, summary):
    assert outcome(lambda: rows._interactions([(1, day, kind, channel, summary)])[0]) \
        == outcome(rows._interaction, day, kind, channel, summary)


@settings(max_examples=1500, deadline=None)
@given(DAY, CENTS, TEXT, TEXT, TEXT, TEXT)
def test_a_sale_is_written_as_its_function_writes_it(day, cents, description, currency,
                                                     source, order_id):
    row = (1, day, cents, description, currency, source, order_id)
    assert outcome(lambda: rows._purchases([row])[0]) \
        == outcome(rows._purchase, *row[1:])


@settings(max_examples=1500, deadline=None)
@given(TEXT, TEXT, TEXT, TEXT)
def test_a_fact_is_written_as_its_function_writes_it(kind, value, relation, birthday):
    assert outcome(lambda: rows._facts([(1, kind, value, relation, birthday)])[0]) \
        == outcome(rows._fact, kind, value, relation, birthday)


def test_the_common_shapes_are_the_inline_ones():
    touch = (1, "2026-01-02", "call", "phone", "Rang")
    sale = (1, "2026-01-02", 1250, "Bouquet", "", "", "")
    assert rows._interactions([touch]) == [{"date": "2026-01-02", "kind": "call",
                                            "summary": "Rang"}]
    assert rows._purchases([sale]) == [{"date": "2026-01-02", "amount": "12.50",
                                        "description": "Bouquet"}]
    assert rows._facts([(1, "pet", "Biscuit", "", None)]) == [{"kind": "pet",
                                                               "value": "Biscuit"}]
