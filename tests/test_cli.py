"""The command line: demo, import and export, headless, with one-line errors and exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> int:
    return main.main([str(a) for a in argv])


def error_lines(capsys) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "demo.rapport"
    assert run("demo", path) == 0
    return path


def test_demo_export_import_export_is_identical(tmp_path, capsys):
    demo_file = tmp_path / "shop.rapport"
    assert run("demo", demo_file) == 0
    assert "Created the demo notebook" in capsys.readouterr().out
    assert run("export", tmp_path / "a.json", "--notebook", demo_file) == 0
    assert run("--notebook", tmp_path / "new.rapport", "import", tmp_path / "a.json") == 0
    assert "a.json: 45 added" in capsys.readouterr().out
    assert run("export", tmp_path / "b.json", "--notebook", tmp_path / "new.rapport") == 0
    first = (tmp_path / "a.json").read_bytes()
    assert (tmp_path / "b.json").read_bytes() == first
    assert len(json.loads(first)["customers"]) >= 40


def test_subprocess_export_is_headless_and_identical(demo_file, tmp_path):
    assert run("export", tmp_path / "a.json", "--notebook", demo_file) == 0
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(ROOT / "main.py"), "export",
         str(tmp_path / "b.json"), "--notebook", str(demo_file)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Exported 45 customers" in done.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert not {m for m in imported if m.split(".")[0] == "PySide6"}
    assert "storage.bulk" in imported  # importtime did list the modules
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "a.json").read_bytes()


def test_demo_import_and_export_never_load_qt(tmp_path):
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import main
folder = {str(tmp_path)!r}
assert main.main(["demo", folder + "/d.rapport"]) == 0
assert main.main(["export", folder + "/d.json", "--notebook", folder + "/d.rapport"]) == 0
assert main.main(["import", folder + "/d.json", "--notebook", folder + "/e.rapport"]) == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
assert not loaded, loaded
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_demo_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "mine.rapport"
    path.write_bytes(b"precious")
    assert run("demo", path) == 1
    lines = error_lines(capsys)
    assert len(lines) == 1 and "already exists" in lines[0]
    assert path.read_bytes() == b"precious"


def test_demo_accepts_an_empty_file(tmp_path):
    path = tmp_path / "empty.rapport"
    path.touch()
    assert run("demo", path) == 0


def test_bad_json_exits_1_with_one_line_and_changes_nothing(demo_file, tmp_path, capsys):
    assert run("export", tmp_path / "before.json", "--notebook", demo_file) == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "rapport-notebook", "version": 1, "customers": '
                   '[{"id": "c1", "milestones": [{"kind": "birthday", "date": "1980-13-01"}]}]}',
                   encoding="utf-8")
    capsys.readouterr()
    assert run("import", bad, "--notebook", demo_file) == 1
    lines = error_lines(capsys)
    assert len(lines) == 1
    assert "bad.json: customers[0].milestones[0].date: '1980-13-01' is not a date" in lines[0]
    assert run("export", tmp_path / "after.json", "--notebook", demo_file) == 0
    assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()


def test_a_newer_format_is_refused_plainly(demo_file, tmp_path, capsys):
    newer = tmp_path / "newer.json"
    newer.write_text('{"format": "rapport-notebook", "version": 7}', encoding="utf-8")
    assert run("import", newer, "--notebook", demo_file) == 1
    lines = error_lines(capsys)
    assert len(lines) == 1 and "made by a newer Rapport" in lines[0]


@pytest.mark.parametrize(("argv", "expected"), [
    (["import", "{tmp}/missing.json"], "There is no file"),
    (["import", "{tmp}/notes.txt"], "cannot import notes.txt"),
    (["export", "{tmp}/out.txt"], "cannot export out.txt"),
    (["export", "{tmp}/no/such/folder/out.json"], "There is no folder"),
    (["export", "{tmp}/out.json", "--notebook", "{tmp}/absent.rapport"], "no notebook"),
    (["import", "{tmp}/notes.txt", "--notebook", "{tmp}/not-a-notebook.rapport"],
     "cannot import"),
])
def test_user_errors_are_one_line_and_exit_1(tmp_path, capsys, argv, expected):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert run(*(a.format(tmp=tmp_path) for a in argv)) == 1
    lines = error_lines(capsys)
    assert len(lines) == 1 and lines[0].startswith("rapport: ") and expected in lines[0]


def test_import_into_a_file_that_is_not_a_notebook(tmp_path, capsys, demo_file):
    assert run("export", tmp_path / "a.json", "--notebook", demo_file) == 0
    other = tmp_path / "other.rapport"
    other.write_bytes(b"just some text, not a database" * 10)
    assert run("import", tmp_path / "a.json", "--notebook", other) == 1
    lines = error_lines(capsys)
    assert len(lines) == 1 and "not a Rapport notebook" in lines[0]
