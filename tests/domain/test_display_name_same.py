"""``display_name`` (50,000 calls each time the window lists everyone) gives, for every name,
what its plain first writing gave: the oracle below is that writing, kept as it was."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.model import display_name, person_name


def _oracle(given: str, family: str, preferred: str = "", company: str = "") -> str:
    full = person_name(given, family)
    preferred = preferred.strip()
    if preferred and preferred != given.strip():
        if given.strip():
            return f"{given.strip()} “{preferred}” {family.strip()}".strip()
        full = " ".join(p for p in (preferred, family.strip()) if p)
    return full or company.strip() or "(no name)"


_PART = st.one_of(
    st.sampled_from(["", " ", "Ann", " Ann ", "Bo", "Peggy", "O'Neil", "Zoë", "민준", "김",
                     "王", "小明", "\u3000", "\t"]),
    st.text(alphabet="ab \t\u00e9\uac00\u4e00\u3000", max_size=6))


@settings(max_examples=3000, deadline=None)
@given(_PART, _PART, _PART, _PART)
def test_display_name_as_first_written(given_name, family, preferred, company):
    assert display_name(given_name, family, preferred, company) == \
        _oracle(given_name, family, preferred, company)


def test_the_usual_names():
    assert display_name("Margaret", "Shaw", "Peggy") == "Margaret “Peggy” Shaw"
    assert display_name("", "Shaw", "Peggy") == "Peggy Shaw"
    assert display_name(" ", " ", "", " Ng Co ") == "Ng Co"
    assert display_name("", "", "", "") == "(no name)"
    assert display_name("민준", "김") == "김 민준"
