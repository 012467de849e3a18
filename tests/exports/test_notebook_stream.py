"""Issue 17: the notebook JSON export and import stream customer by customer.

The exported bytes stay those the whole-notebook code wrote (a golden made by it), an import
is still all or nothing, and neither holds the whole notebook or the whole file in memory.
"""

from __future__ import annotations

import json
import random
import tracemalloc
from datetime import date

import pytest

from exports import notebook_json
from exports.notebook_json import NotebookFileError
from storage import bulk, customer_rows, records
from storage.db import close_notebook, open_notebook
from tests.bench.generate import make_customer
from tests.exports.rich_notebook import GOLDEN, NAMES, rich_bytes
from tests.exports.test_notebook_json import snapshot

TODAY = date(2026, 3, 10)


def export_bytes(tmp_path, name: str = "out.json") -> bytes:
    notebook_json.export_file(tmp_path / name)
    return (tmp_path / name).read_bytes()


def generated_file(path, count: int, bad_at: int | None = None) -> None:
    """A notebook file of ``count`` generated customers, one per line as the export writes;
    customer number ``bad_at`` (from 0) has a date that is not one."""
    rng = random.Random(5)
    with path.open("wb") as out:
        out.write(b'{\n "format": "rapport-notebook",\n "version": 1,\n "customers": [')
        for n in range(count):
            item = notebook_json._customer(make_customer(n + 1, TODAY, rng), None)
            if n == bad_at:
                item["milestones"] = [{"kind": "birthday", "date": "1980-13-01"}]
            out.write((b"\n  " if n == 0 else b",\n  ")
                      + json.dumps(item, ensure_ascii=False).encode())
        out.write(b'\n ],\n "templates": [],\n "cards": []\n}\n')


# --- the same bytes as before ----------------------------------------------------------------

def test_export_of_a_rich_notebook_matches_the_golden(notebook, tmp_path):
    bulk.write_all(notebook_json.loads(rich_bytes()))  # the whole-notebook writer, unchanged
    assert export_bytes(tmp_path) == GOLDEN.read_bytes()


def test_export_in_tiny_chunks_matches_the_golden(notebook, tmp_path, monkeypatch):
    """Chunks of two customers: a snooze naming another customer's promise is found by a
    lookup outside the chunk, and still written as c12.p1."""
    bulk.write_all(notebook_json.loads(rich_bytes()))
    monkeypatch.setattr(customer_rows, "CHUNK", 2)
    assert export_bytes(tmp_path) == GOLDEN.read_bytes()


def test_the_streaming_export_writes_what_the_whole_notebook_writer_writes(notebook, tmp_path):
    """Two writers of a customer's line (from rows, streaming; from a Customer, dumps): held
    to the same bytes, so the format has one meaning."""
    bulk.write_all(notebook_json.loads(rich_bytes()))
    assert export_bytes(tmp_path) == notebook_json.dumps(bulk.read_all())


def test_import_then_export_gives_the_golden(notebook, tmp_path):
    source = tmp_path / "rich.json"
    source.write_bytes(rich_bytes())
    report = notebook_json.import_file(source)
    assert report.added == len(NAMES)
    assert export_bytes(tmp_path) == GOLDEN.read_bytes()
    close_notebook()
    open_notebook(tmp_path / "second.rapport")
    notebook_json.import_file(GOLDEN)
    assert export_bytes(tmp_path, "again.json") == GOLDEN.read_bytes()


def test_names_in_many_scripts_come_back_as_written(notebook, tmp_path):
    source = tmp_path / "rich.json"
    source.write_bytes(rich_bytes())
    notebook_json.import_file(source)
    found = {(c.given_name, c.family_name) for c in records.load_customers()}
    assert found == set(NAMES)


def test_import_into_a_notebook_with_customers_renumbers_like_before(notebook, tmp_path):
    """Taken numbers get new ones above every number the file wishes for, as before."""
    bulk.write_all(notebook_json.loads(rich_bytes()))
    before = records.load_customers()
    report = notebook_json.import_file(GOLDEN)
    after = records.load_customers()
    assert report.added == len(NAMES) and len(after) == 2 * len(NAMES)
    copies = after[len(before):]
    assert [c.id for c in copies] == list(range(35, 35 + len(NAMES)))
    by_id = {c.id: c for c in copies}
    assert all(by_id[c.referred_by].given_name for c in copies if c.referred_by)


# --- all or nothing --------------------------------------------------------------------------

def test_a_bad_customer_late_in_a_big_file_changes_nothing(notebook, tmp_path):
    bulk.write_all(notebook_json.loads(rich_bytes()))
    path = tmp_path / "big.json"
    generated_file(path, 3_000, bad_at=2_900)
    before = snapshot()
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(path)
    assert str(caught.value).startswith("customers[2900].milestones[0].date: '1980-13-01' is "
                                        "not a date")
    assert snapshot() == before


def test_a_truncated_file_says_so_and_writes_nothing(notebook, tmp_path):
    path = tmp_path / "big.json"
    generated_file(path, 2_000)
    data = path.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[:len(data) * 3 // 4])
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(cut)
    assert "is not valid JSON" in str(caught.value)
    assert "line " in str(caught.value) and "\n" not in str(caught.value)
    assert records.load_customers() == []


def test_a_dangling_referral_at_the_end_changes_nothing(notebook, tmp_path):
    path = tmp_path / "big.json"
    generated_file(path, 1_500)
    text = path.read_text(encoding="utf-8")
    last = text.rindex('{"id": "c1500"')
    path.write_text(text[:last + 15] + '"referred_by": "c9999", ' + text[last + 15:],
                    encoding="utf-8")
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(path)
    assert str(caught.value) == ("customers[1499].referred_by: 'c9999' is not the id of any "
                                 "customer in this file")
    assert records.load_customers() == []


# --- memory ----------------------------------------------------------------------------------

def _peak(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_import_does_not_hold_the_whole_file(notebook, tmp_path):
    """5,000 customers (a 7 MB file): the whole-file reader peaked at 54 MiB; streaming, a
    batch of customers and a window of the file (about 10 MiB, whatever the file's size)."""
    path = tmp_path / "big.json"
    generated_file(path, 5_000)
    size = path.stat().st_size
    peak = _peak(lambda: notebook_json.import_file(path))
    assert bulk.customer_count() == 5_000
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.1f} MiB file"


def test_export_does_not_hold_the_whole_notebook(notebook, tmp_path, monkeypatch):
    """The whole-notebook export peaked at 46 MiB for these 5,000 customers; streaming, one
    chunk of customers (about 7 MiB for 500, whatever the notebook's size). Chunks of 500
    here, to see a tenth of the notebook: the export reads 2,000 at a time (a fifth faster;
    ``make bench`` holds its peak at 200,000 customers)."""
    path = tmp_path / "big.json"
    generated_file(path, 5_000)
    notebook_json.import_file(path)
    monkeypatch.setattr(customer_rows, "CHUNK", 500)
    peak = _peak(lambda: notebook_json.export_file(tmp_path / "out.json"))
    size = (tmp_path / "out.json").stat().st_size
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.1f} MiB file"


def test_ids_big_small_and_written_twice_keep_their_meaning(notebook, tmp_path):
    """The lean id table (a bitmap for small numbers, a set above 2**26) says what the whole
    file's table said: a number is kept, one met twice is renumbered, an id twice refused."""
    big = 2**40
    people = [{"id": f"c{big}"}, {"id": "c3"}, {"id": "c003", "referred_by": f"c{big}"},
              {"id": "anna", "referred_by": "c3"}, {"id": "c70000000"}]
    path = tmp_path / "ids.json"
    path.write_text(json.dumps({"format": "rapport-notebook", "version": 1,
                                "customers": people}), encoding="utf-8")
    notebook_json.import_file(path)
    found = {c.id: c.referred_by for c in records.load_customers()}
    assert found == {3: None, 70_000_000: None, big: None, big + 1: big, big + 2: 3}
    people.append({"id": "c70000000"})
    path.write_text(json.dumps({"format": "rapport-notebook", "version": 1,
                                "customers": people}), encoding="utf-8")
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.import_file(path)
    assert str(caught.value) == "customers[5].id: 'c70000000' is also the id of customers[4]"


def _message(check, data: bytes) -> str | None:
    try:
        check(data)
    except NotebookFileError as exc:
        return str(exc)
    return None


def test_cut_or_damaged_files_get_the_whole_file_readers_message(notebook, tmp_path,
                                                                  monkeypatch):
    """Cut anywhere, or one byte changed anywhere, the streamed file is refused with the same
    message (line and column included) as when the whole file was read at once, even when
    the window is so small that every value crosses its edge."""
    from exports import json_stream
    from exports.notebook_parse import parse_notebook

    monkeypatch.setattr(json_stream, "READ", 64)
    data = GOLDEN.read_bytes()
    rng = random.Random(7)
    cases = [data[:n] for n in range(0, len(data), 197)]
    for _ in range(120):
        damaged = bytearray(data)
        damaged[rng.randrange(len(data))] = rng.choice(b'{}[],:"\\ x0\n\xff\xc3')
        cases.append(bytes(damaged))
    path = tmp_path / "case.json"

    def streamed(case: bytes) -> None:
        path.write_bytes(case)
        notebook_json.check_file(path)

    found = [(_message(parse_notebook, c), _message(streamed, c)) for c in cases]
    assert [pair for pair in found if pair[0] != pair[1]] == []
    assert sum(1 for old, _new in found if old) > 150  # nearly all are refused


def test_a_disk_filling_up_part_way_keeps_the_old_export(notebook, tmp_path):
    """A real 2 MB disk (tmpfs; root only): the export fails part way through its stream,
    the file there before is left whole, no temporary file remains, and the error names the
    file the owner chose."""
    import os
    import subprocess

    path = tmp_path / "big.json"
    generated_file(path, 3_000)
    notebook_json.import_file(path)
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs",
                                            str(disk)], capture_output=True).returncode:
        pytest.skip("needs root to mount a 2 MB tmpfs")
    try:
        target = disk / "out.json"
        target.write_text('{"old": true}')
        with pytest.raises(OSError) as caught:
            notebook_json.export_file(target)
        assert caught.value.filename == str(target)
        assert target.read_text() == '{"old": true}'
        assert [p.name for p in disk.iterdir()] == ["out.json"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)
