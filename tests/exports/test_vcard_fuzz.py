"""Fuzzing the vCard importer: any bytes give a report, never an exception or a half import."""

from __future__ import annotations

import logging
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports import vcard
from exports.vcard_read import read_vcards
from storage import customers

FIXTURES = Path(__file__).parent / "fixtures"
REAL = sorted(p.read_bytes() for p in FIXTURES.glob("*.vcf") if p.stat().st_size < 5000)
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw) -> bytes:
    """A real exporter's file with a few bytes or lines cut, doubled, swapped or replaced."""
    data = bytearray(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "flip", "lines"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b"\r\n", b"=", b"\\", b";", b":", b"\xff",
                                                b"\r\n ", b"BEGIN:VCARD\r\n", b"END:VCARD",
                                                b"=E1=BB", b"\x00", b"\xef\xbb\xbf"]))
        elif kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def _check_read(data: bytes, caplog) -> None:
    caplog.clear()
    result = read_vcards(data, "fuzz.vcf")
    for entry in result.entries:
        assert entry.broken == (entry.customer is None)
        assert entry.position.startswith("card ")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors[0].exc_text if errors else ""


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(caplog, data):
    _check_read(data, caplog)


@FUZZ
@given(mutated())
def test_mutated_real_files_never_raise(caplog, data):
    _check_read(data, caplog)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_mutated_imports_are_all_the_good_cards_or_nothing(notebook, tmp_path, data):
    path = tmp_path / "fuzz.vcf"
    path.write_bytes(data)
    good = sum(1 for e in read_vcards(data).entries if not e.broken)
    before = customers.count()
    report = vcard.import_file(path)
    assert report.added + report.merged == good
    assert customers.count() - before == report.added
