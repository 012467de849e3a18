"""vCard values split and unescaped (exports.vcard_props): the shortcut for values with no
backslash gives what reading them token by token gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.vcard_props import _ESCAPE, _ESCAPED, _split_tokens, parse_prop, split_unescaped

VALUES = st.text(alphabet=st.sampled_from(list("ab;,\\ nN:é\"=")), max_size=30)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from(";,"))
def test_splitting_is_the_same_with_or_without_the_shortcut(raw, sep):
    assert split_unescaped(raw, sep) == _split_tokens(raw, sep)


def _unescaped(text: str) -> str:
    """Escapes undone by the expression alone, as before the shortcut."""
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group()), text)


@settings(max_examples=200, deadline=None)
@given(VALUES)
def test_values_read_the_same_with_or_without_the_shortcut(raw):
    prop = parse_prop(1, f"ADR;TYPE=HOME:{raw}")
    assert prop.parts() == [_unescaped(p) for p in _split_tokens(prop.raw, ";")]
    assert prop.items() == [_unescaped(p) for p in _split_tokens(prop.raw, ",")]
    assert prop.text() == _unescaped(prop.raw)


def test_escaped_separators_stay_in_their_part():
    prop = parse_prop(1, r"ADR:;;1\; Elm St\, Flat 2;Portland\\;OR")
    assert prop.parts() == ["", "", "1; Elm St, Flat 2", "Portland\\", "OR"]
    assert parse_prop(2, "ADR:;;12 Elm St;Portland;OR").parts() == ["", "", "12 Elm St",
                                                                    "Portland", "OR"]
