"""Fuzzing the CSV importer: any bytes give a report, never an exception or a half import."""

from __future__ import annotations

import logging
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports import csv_import
from storage import customers

FIXTURES = Path(__file__).parent / "fixtures"
REAL = sorted(p.read_bytes() for p in FIXTURES.glob("*.csv"))
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw) -> bytes:
    """A real export with a few bytes cut, inserted or replaced."""
    data = bytearray(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "flip"]))
        if kind == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from([b'"', b",", b";", b"\t", b"\r\n", b"\n",
                                                b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
                                                b"=cmd|' /C calc'!A0", b"0/0/00"]))
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


def _check_read(data: bytes, caplog) -> None:
    caplog.clear()
    result = csv_import.read_bytes(data, "fuzz.csv")
    assert bool(result.fatal) <= (result.entries == [])
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
def test_mutated_imports_are_all_the_good_rows_or_nothing(notebook, tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    good = sum(1 for e in csv_import.read_bytes(data).entries if not e.broken)
    before = customers.count()
    report = csv_import.import_file(path)
    assert report.added + report.merged == good
    assert customers.count() - before == report.added
