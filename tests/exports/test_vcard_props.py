"""vCard values split and unescaped (exports.vcard_props): the shortcut for values with no
backslash gives what reading them token by token gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.vcard_props import (
    _ESCAPE,
    _ESCAPED,
    CardError,
    _split_tokens,
    parse_prop,
    split_unescaped,
)

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


# --- the grammar read once per head (vobject's parseLine) --------------------------------------

HEADS = st.text(alphabet=st.sampled_from(list('aB1-_.;=,":é ')), max_size=24)


def _by_vobject(line: str) -> tuple | None:
    """What parse_prop read from ``line`` before heads were remembered: vobject on the
    whole line, every time (None when it is not a content line)."""
    from vobject.base import ParseError, parseLine

    try:
        name, params, raw, group = parseLine(line)
    except ParseError:
        return None
    types, named = set(), {}
    for key, *values in params:
        key = key.upper()
        if not values:  # vCard 2.1: TEL;CELL
            types.add(key)
        elif key == "TYPE":
            types.update(t.strip().upper() for v in values for t in v.split(",") if t)
        else:
            named.setdefault(key, []).extend(values)
            types.update({"PREF"} if key == "PREF" else ())
    return name.upper(), raw, (group or "").lower(), types, named


def _as_tuple(prop) -> tuple:
    return prop.name, prop.raw, prop.group, set(prop.types), \
        {key: list(values) for key, values in prop.params.items()}


@settings(max_examples=600, deadline=None)
@given(HEADS, st.text(alphabet=st.sampled_from(list('ab:;"\\ é')), max_size=12))
def test_a_remembered_head_reads_as_vobject_reads_the_whole_line(head, value):
    line = f"{head}:{value}"
    for _twice in range(2):  # the second time from what was remembered
        expected = _by_vobject(line)
        try:
            prop = parse_prop(7, line)
        except CardError:
            assert expected is None
            continue
        assert expected is not None and _as_tuple(prop) == expected
        again = parse_prop(8, "FN;X=1:x")  # another head between: nothing leaks across
        assert _as_tuple(again) == ("FN", "x", "", set(), {"X": ["1"]})


def test_a_long_value_is_not_handed_to_the_grammar(monkeypatch):
    """A photo's megabytes of base64 are stored, never searched by vobject's line regex."""
    from exports import vcard_props

    seen: list[int] = []
    real = vcard_props.parseLine

    def counting(line: str, number: int | None = None):
        seen.append(len(line))
        return real(line, number)

    monkeypatch.setattr(vcard_props, "parseLine", counting)
    payload = "QUJD" * 250_000
    prop = parse_prop(3, f"PHOTO;ENCODING=b;TYPE=JPEG:{payload}")
    assert prop.raw == payload and prop.base64 and prop.types == ("JPEG",)
    assert max(seen, default=0) < 100


PARAMS = st.lists(st.sampled_from([
    "QUOTED-PRINTABLE", "quoted-printable", "ENCODING=QUOTED-PRINTABLE",
    "encoding=quoted-printable", "BASE64", "ENCODING=b", "ENCODING=B", "Encoding=base64",
    "ENCODING=8bit", "TYPE=b", "TYPE=base64", "CHARSET=UTF-8", "CELL", "PREF",
    "ENCODING=b,QUOTED-PRINTABLE"]), max_size=4)


def _declared(prop) -> tuple[bool, bool]:
    """Quoted-printable and base64 as a property's parameters declare them (as ``Prop`` once
    worked them out on each asking)."""
    encodings = [v.upper() for v in prop.params.get("ENCODING", ())]
    return ("QUOTED-PRINTABLE" in prop.types or "QUOTED-PRINTABLE" in encodings,
            "BASE64" in prop.types or any(v in ("B", "BASE64") for v in encodings))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["NOTE", "item1.PHOTO", "N"]), PARAMS, st.booleans())
def test_the_encodings_read_once_per_head_are_those_its_parameters_declare(name, params,
                                                                          quoted):
    head = ";".join([name, *params]) + (';X-Q="a:b"' if quoted else "")  # read whole
    for number in (1, 2):  # the second time from what was remembered
        prop = parse_prop(number, head + ":x")
        assert (prop.quoted_printable, prop.base64) == _declared(prop)
