"""Bad input through the command line: a clear one-line message, exit 1, nothing lost.

Each test here began as a defect found by feeding the commands odd files, paths and dates.
"""

from __future__ import annotations

import errno
import hashlib
import sqlite3
from pathlib import Path

import pytest

import main
from domain.model import Address, Customer
from storage import customers
from storage.db import CorruptNotebook, close_notebook, open_notebook


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


def one_error(capsys) -> str:
    """The single line written to stderr (and no traceback)."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("rapport: ")
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def count(path: Path) -> int:
    con = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM customer").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def shop(tmp_path) -> Path:
    """A small notebook whose customers have postal addresses and a posted card due."""
    path = tmp_path / "shop.rapport"
    assert run("demo", path) == 0
    return path


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "small.rapport"
    open_notebook(path)
    customers.save_customer(Customer(given_name="Peggy", family_name="Shaw", addresses=[
        Address(street="1 Main St", city="Portland", mailing=True)]))
    close_notebook()
    return path


# --- the notebook path ----------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["today"], ["backup"], ["export", "{tmp}/out.json"], ["import", "{tmp}/a.vcf"],
    ["print-labels", "{tmp}/labels.pdf"],
])
def test_a_notebook_path_that_is_a_folder(tmp_path, capsys, argv):
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n")
    folder = tmp_path / "folder.rapport"
    folder.mkdir()
    assert run(*(a.format(tmp=tmp_path) for a in argv), "--notebook", folder) == 1
    assert "folder.rapport is a folder, not a Rapport notebook" in one_error(capsys)
    assert list(folder.iterdir()) == []


def test_check_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    folder = tmp_path / "folder.rapport"
    folder.mkdir()
    assert run("check", "--notebook", folder) == 1
    assert "is a folder, not a Rapport notebook" in capsys.readouterr().out


def test_an_os_error_keeps_the_whole_file_name(monkeypatch, capsys):
    def fails(args):
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/shop (old).rapport")

    monkeypatch.setitem(main.COMMANDS, "formats", fails)
    assert run("formats") == 1
    assert one_error(capsys) == "rapport: Permission denied (/srv/shop (old).rapport)"


def _damage_customer_root(path: Path) -> None:
    con = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'customer'").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096:(root - 1) * 4096 + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


def test_a_damage_report_of_several_lines_is_told_in_one():
    exc = CorruptNotebook(Path("shop.rapport"), "*** in database main ***\n"
                          "Page 3: btreeInitPage() returns error code 11\n")
    assert "\n" not in str(exc)
    assert "Page 3: btreeInitPage() returns error code 11" in str(exc)


def test_importing_into_a_damaged_notebook_is_one_line(small, tmp_path, capsys):
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n")
    _damage_customer_root(small)
    before = digest(small)
    assert run("import", tmp_path / "a.vcf", "--notebook", small) == 1
    assert "small.rapport is damaged" in one_error(capsys)
    assert digest(small) == before


def test_a_damaged_header_names_the_notebook(small, capsys):
    data = bytearray(small.read_bytes())
    data[20:22] = b"\xff\xff"  # the page's reserved bytes: SQLite refuses the file
    small.write_bytes(bytes(data))
    assert run("today", "--notebook", small) == 1
    assert one_error(capsys).startswith("rapport: small.rapport is damaged")


# --- export and print targets ---------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["export", "{target}"],
    ["print-labels", "{target}"],
])
def test_writing_over_a_folder_names_the_folder(small, tmp_path, capsys, argv):
    target = tmp_path / "out.vcf"
    target.mkdir()
    assert run(*(a.format(target=target) for a in argv), "--notebook", small) == 1
    line = one_error(capsys)
    assert str(target) in line and ".part" not in line and line.endswith(")")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_leaves_a_read_only_file_alone(small, tmp_path, capsys):
    target = tmp_path / "keep.csv"
    target.write_text("precious\n")
    target.chmod(0o444)
    assert run("export", target, "--notebook", small) == 1
    assert "read-only" in one_error(capsys)
    assert target.read_text() == "precious\n"


def test_print_cards_refuses_envelopes_over_the_cards(shop, tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    assert run("print-cards", out, "--envelopes", tmp_path / "." / "cards.pdf",
               "--notebook", shop) == 1
    assert "same file" in one_error(capsys)
    assert not out.exists()


def test_print_cards_checks_the_envelope_folder_before_printing(shop, tmp_path, capsys):
    out = tmp_path / "cards.pdf"
    before = digest(shop)
    assert run("print-cards", out, "--envelopes", tmp_path / "nope" / "env.pdf",
               "--notebook", shop) == 1
    assert "does not exist" in one_error(capsys)
    assert not out.exists()
    close_notebook()
    assert digest(shop) == before  # no card was queued for a print that did not happen


@pytest.mark.parametrize("bad", ["", "9999-12-31", "2026-02-30"])
def test_print_cards_bad_dates_are_user_errors(shop, tmp_path, capsys, bad):
    assert run("print-cards", tmp_path / "cards.pdf", "--date", bad, "--notebook", shop) == 1
    assert "--date" in one_error(capsys)
    assert not (tmp_path / "cards.pdf").exists()


def test_print_cards_on_a_newer_notebook_says_why(shop, tmp_path, capsys):
    con = sqlite3.connect(shop)
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = digest(shop)
    assert run("print-cards", tmp_path / "cards.pdf", "--notebook", shop) == 1
    assert "newer version of Rapport" in one_error(capsys)
    assert digest(shop) == before


# --- files to import ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "why"), [
    ("binary.vcf", bytes(range(256)) * 8, "no vCards found"),
    ("empty.vcf", b"", "no vCards found"),
    ("empty.csv", b"", "no header row"),
    ("binary.csv", bytes(range(1, 256)) * 8, "no column is mapped"),
])
def test_a_file_with_nothing_to_import_exits_1(small, tmp_path, capsys, name, data, why):
    (tmp_path / name).write_bytes(data)
    assert run("import", tmp_path / name, "--notebook", small) == 1
    line = one_error(capsys)
    assert name in line and why in line and "nothing was imported" in line
    assert count(small) == 1


def test_a_header_only_csv_is_not_an_error(small, tmp_path, capsys):
    (tmp_path / "h.csv").write_text("First Name,Last Name,E-mail Address\n")
    assert run("import", tmp_path / "h.csv", "--notebook", small) == 0
    assert "h.csv: 0 added" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "why"), [
    ('{"format": "rapport-notebook", "version": 1' + "0" * 5000 + "}", "too long"),
    ('{"format": "rapport-notebook", "version": 1, "customers": '
     '[{"id": "c1", "given_name": "\\ud800x"}]}', "broken character"),
])
def test_json_that_python_reads_but_a_notebook_cannot_hold(small, tmp_path, capsys, text, why):
    (tmp_path / "odd.json").write_text(text, encoding="utf-8")
    assert run("import", tmp_path / "odd.json", "--notebook", small) == 1
    line = one_error(capsys)
    assert why in line and "sys." not in line and "codec" not in line
    assert count(small) == 1


def test_json_with_escaped_emoji_still_imports(small, tmp_path, capsys):
    (tmp_path / "ok.json").write_text('{"format": "rapport-notebook", "version": 1, "customers":'
                                      ' [{"id": "c1", "given_name": "Zo\\u00eb \\ud83c\\udf89"}]}',
                                      encoding="utf-8")
    assert run("import", tmp_path / "ok.json", "--notebook", small) == 0
    assert count(small) == 2


@pytest.mark.parametrize("argv", [
    ["today"], ["backup"], ["export", "{tmp}/out.json"], ["print-labels", "{tmp}/labels.pdf"],
])
def test_reading_an_empty_file_as_a_notebook(tmp_path, capsys, argv):
    empty = tmp_path / "new.rapport"
    empty.touch()
    assert run(*(a.format(tmp=tmp_path) for a in argv), "--notebook", empty) == 1
    assert "new.rapport is empty" in one_error(capsys)
    assert empty.read_bytes() == b""
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "labels.pdf").exists()


def test_control_characters_in_a_name_never_reach_the_terminal(tmp_path, capsys):
    """A hostile file can carry ESC and BEL in a name: printed raw, ``\\x1b[2K\\x1b[1A`` would
    erase lines of the erase preview (or recolour the terminal). The command line shows each
    as a visible mark; JSON escapes them as it always has."""
    source = tmp_path / "esc.csv"
    source.write_text('First name,Last name\n"Al\x1b[31mRED\x1b[0m","Bee\x07\x9b2J"\n',
                      encoding="utf-8")
    book = tmp_path / "x.rapport"
    said = ""
    for command in (["import", source], ["erase", "1"], ["today"], ["today", "--json"]):
        run("--notebook", book, *command)
        out = capsys.readouterr()
        said += out.out + out.err
        assert not any(ch in out.out + out.err for ch in "\x1b\x07\x9b"), command
    assert "Al\ufffd[31mRED\ufffd[0m Bee\ufffd\ufffd2J" in said


def test_text_that_is_no_longer_utf8_is_named_as_damage(tmp_path, capsys):
    """A flipped byte inside a name makes it invalid UTF-8, which SQLite's checks do not see:
    reading it said "something went wrong (OperationalError…)", exit 2."""
    book = tmp_path / "shop.rapport"
    run("demo", book)
    capsys.readouterr()
    data = bytearray(book.read_bytes())
    at = data.find("Wiśniewska".encode())
    assert at > 0
    data[at + 3] = 0xFF
    book.write_bytes(bytes(data))
    for command in (["today"], ["export", tmp_path / "out.csv"]):
        assert run("--notebook", book, *command) == 1
        said = one_error(capsys)
        assert "shop.rapport is damaged" in said and "not valid UTF-8" in said, said


def _damaged_demo(tmp_path, capsys, *statements: str, params: tuple = ()) -> Path:
    """The demo notebook, then ``statements`` run on it as another program would (each in its
    own connection: a schema edit is read afresh by the next)."""
    book = tmp_path / "shop.rapport"
    run("demo", book)
    capsys.readouterr()
    for sql in statements:
        con = sqlite3.connect(book)
        with con:
            con.execute(sql, params)
        con.close()
    return book


_READERS = ("today", "agenda", "search", "print-cards")


def _met_as_damage(book: Path, capsys, tmp_path, commands=_READERS) -> list[str]:
    """Run each of ``commands`` (a failure must be named as the notebook's damage, exit 1,
    never as a bug); what each that failed said."""
    argv = {"today": ["today"], "today --json": ["today", "--json"],
            "agenda": ["agenda", tmp_path / "week.pdf"], "search": ["search", "a"],
            "print-cards": ["print-cards", tmp_path / "cards.pdf", "--mark-printed"]}
    said = []
    for command in commands:
        code = run("--notebook", book, *argv[command])
        err = capsys.readouterr().err
        assert "went wrong" not in err, (command, err)
        if code:
            assert code == 1 and "shop.rapport is damaged" in err, (command, err)
            said.append(err)
    return said


@pytest.mark.parametrize("table, column, value", [
    ("interaction", "date", "2026-1x-05"),  # a flipped bit in a touch's date
    ("purchase", "date", "2026-02-31"),  # a day no month has
    ("promise", "due", "soon"),
])
def test_a_stored_value_that_is_not_a_date_is_named_as_damage(tmp_path, capsys, table, column,
                                                              value):
    """A value SQLite's checks pass but Rapport cannot read (a date that is not a date, from a
    flipped bit or another program's edit) made `today` and `print-cards` say "something went
    wrong (ValueError…)", exit 2, as if Rapport had a bug. It is damage to the notebook: named
    as `check` names it, with what to do, exit 1, and nothing lost."""
    book = _damaged_demo(tmp_path, capsys, f"UPDATE {table} SET {column} = ? "
                         f"WHERE id = (SELECT min(id) FROM {table})", params=(value,))
    said = _met_as_damage(book, capsys, tmp_path,
                          ("today", "today --json", "agenda", "print-cards"))
    assert said  # the damage was met, and named
    assert all("that is not a date" in err and "backup" in err for err in said), said
    con = sqlite3.connect(book)  # nothing lost: the damaged value is there for the owner to see
    assert con.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (value,)).fetchone()[0]
    con.close()


@pytest.mark.parametrize("damage", [
    "UPDATE purchase SET amount_cents = '12,50' WHERE id = (SELECT max(id) FROM purchase)",
    "UPDATE customer SET cadence_days = 'monthly' WHERE id = 1",
    "UPDATE agenda SET detail = 'garbage'",  # the stored Today agenda's JSON, cut short
    "UPDATE agenda SET every = 'x' WHERE kind = 'keep_in_touch'",
])
def test_other_stored_values_rapport_cannot_read_are_named_as_damage(tmp_path, capsys, damage):
    """An amount stored as text, a cadence that is not a number, a Today agenda whose JSON
    detail is not JSON: `today`, `agenda`, `search` and `export` said "something went wrong
    (InvalidOperation / TypeError / JSONDecodeError)", exit 2, as for a bug — `check` did not
    look at these columns. Now check names them, and so does every command that meets them."""
    book = _damaged_demo(tmp_path, capsys, damage)
    assert _met_as_damage(book, capsys, tmp_path)
    assert run("--notebook", book, "check") == 1


@pytest.mark.parametrize("table, column, where", [
    ("customer", "given_name", "id = 2"), ("interaction", "date", "id = 1"),
    ("template", "body", "1"),
])
def test_an_empty_value_where_rapport_needs_one_is_named_as_damage(tmp_path, capsys, table,
                                                                   column, where):
    """A NULL in a column Rapport declares NOT NULL (a table another program rebuilt without
    the constraint): today, search and print-cards said "something went wrong (AttributeError
    / TypeError)", exit 2. Check names it; so does the command that meets it, exit 1."""
    loosen = ("PRAGMA writable_schema = ON; "  # as a rebuild without the constraint leaves it
              "UPDATE sqlite_master SET sql = replace(replace(sql, '\"{c}\" TEXT NOT NULL', "
              "'\"{c}\" TEXT'), '{c} TEXT NOT NULL', '{c} TEXT') WHERE name = '{t}'")
    book = tmp_path / "shop.rapport"
    run("demo", book)
    capsys.readouterr()
    con = sqlite3.connect(book)
    with con:
        con.executescript(loosen.format(c=column, t=table))
    con.close()
    con = sqlite3.connect(book)
    with con:
        con.execute(f"UPDATE {table} SET {column} = NULL WHERE {where}")
    con.close()
    assert _met_as_damage(book, capsys, tmp_path)
    assert run("--notebook", book, "check") == 1
    assert "empty" in capsys.readouterr().out


@pytest.mark.parametrize("damage", [
    "UPDATE promise SET due = '2026-12-08 25:99' WHERE id = (SELECT min(id) FROM promise)",
    "UPDATE fact SET birthday = '--13-40' WHERE id = (SELECT min(id) FROM fact)",
])
def test_an_export_that_meets_damage_names_the_notebook_not_the_file(tmp_path, capsys, damage):
    """`export x.json` over a notebook with a time that is not a time said "rapport: x.json:
    hour must be in 0..23", as if the export file were at fault. It names the notebook's
    damage, as every other command does, exit 1, and writes no half file."""
    book = _damaged_demo(tmp_path, capsys, damage)
    for name in ("x.json", "x.csv", "x.vcf"):
        code = run("--notebook", book, "export", tmp_path / name)
        said = one_error(capsys)
        assert code == 1 and "shop.rapport is damaged" in said, said
        assert not (tmp_path / name).exists()


@pytest.mark.parametrize("damage", [
    "UPDATE phone SET number = x'00ff' WHERE id = (SELECT min(id) FROM phone)",  # a type flip
    "UPDATE setting SET value = '{\"business\": \"Wild' WHERE key = 'sender'",
])
def test_a_value_of_the_wrong_kind_is_named_as_damage_by_export(tmp_path, capsys, damage):
    """A phone number stored as bytes made `export x.json` say "something went wrong
    (TypeError: Object of type bytes is not JSON serializable)", exit 2; a setting that is not
    JSON "rapport: x.json: Unterminated string…", as if the file were at fault. Check names
    both; export says so, exit 1."""
    book = _damaged_demo(tmp_path, capsys, damage)
    code = run("--notebook", book, "export", tmp_path / "x.json")
    said = one_error(capsys)
    assert code == 1 and "shop.rapport is damaged" in said, said
    assert not (tmp_path / "x.json").exists()
