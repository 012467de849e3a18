"""Names in Korean, Chinese and Japanese are listed family first, whatever other letters they
hold; the look for those letters is one regular expression (issue 17) and must find exactly the
letters the per-letter ranges name."""

from __future__ import annotations

from domain.model import person_name

HANGUL = ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))
HAN_OR_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xF900, 0xFAFF), (0x20000, 0x2FFFF))


def _expected(given: str, family: str) -> str:
    def within(ranges) -> bool:
        return any(lo <= ord(ch) <= hi for ch in given + family for lo, hi in ranges)

    if within(HANGUL):
        return f"{family} {given}"
    if within(HAN_OR_KANA):
        return family + given
    return f"{given} {family}"


def test_every_range_edge_and_its_neighbours():
    edges = {cp + d for lo, hi in HANGUL + HAN_OR_KANA for cp in (lo, hi) for d in (-1, 0, 1)}
    for cp in sorted(edges):
        letter = chr(cp)
        for given, family in ((f"Zoë{letter}", "Łukasik"), ("Zoë", letter), (letter, "é")):
            assert person_name(given, family) == _expected(given, family), hex(cp)


def test_names_as_their_scripts_write_them():
    assert person_name("민준", "김") == "김 민준"
    assert person_name("小明", "王") == "王小明"
    assert person_name("Zoë", "Łukasik") == "Zoë Łukasik"
    assert person_name("Bo", "Li") == "Bo Li"
