"""``import`` on the command line takes a verified backup first when the notebook already
holds customers, as the window does, and prints where it is (issue 12, finding 7)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import main
from domain.model import Customer
from storage import backups, customers
from storage.db import close_notebook, open_notebook

CARD = "BEGIN:VCARD\nVERSION:3.0\nN:Mills;Bea;;;\nEMAIL:bea@example.com\nEND:VCARD\n"


def names_in(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT given_name FROM customer ORDER BY id")]
    finally:
        con.close()


def test_import_into_a_notebook_with_customers_backs_it_up_first(tmp_path, capsys):
    shop = tmp_path / "shop.rapport"
    open_notebook(shop)
    customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
    close_notebook()
    source = tmp_path / "new.vcf"
    source.write_text(CARD)
    assert main.main(["import", str(source), "--notebook", str(shop)]) == 0
    out = capsys.readouterr().out
    copies = backups.list_backups(shop)
    assert len(copies) == 1 and copies[0].reason == "before-import"
    assert str(copies[0].path) in out
    assert backups.verify_backup(copies[0].path) >= 1
    assert names_in(copies[0].path) == ["Peggy"]  # the notebook as it was before the import
    assert names_in(shop) == ["Peggy", "Bea"]


def test_import_into_a_new_notebook_needs_no_backup(tmp_path, capsys):
    shop = tmp_path / "shop.rapport"
    source = tmp_path / "new.vcf"
    source.write_text(CARD)
    assert main.main(["import", str(source), "--notebook", str(shop)]) == 0
    assert backups.list_backups(shop) == []
    assert "backup" not in capsys.readouterr().out.lower()


def test_a_backup_that_cannot_be_taken_says_nothing_was_imported(tmp_path, capsys):
    # On a full disk the copy before the import failed and the one line said only "The backup
    # could not be written: database or disk is full." — not whether anything was imported.
    from tests.storage.tiny_disk import fill, mounted

    with mounted(tmp_path / "disk", "2m") as disk:
        shop = disk / "shop.rapport"
        open_notebook(shop)
        customers.save_customer(Customer(given_name="Peggy", family_name="Shaw"))
        close_notebook()
        filler = fill(disk)
        filler.write_bytes(b"x" * (filler.stat().st_size - 200_000))  # room, not for a copy
        source = tmp_path / "new.vcf"
        source.write_text(CARD)
        assert main.main(["import", str(source), "--notebook", str(shop)]) == 1
        said = capsys.readouterr().err.strip()
        assert said.startswith("rapport: Nothing was imported") and "full" in said, said
        assert names_in(shop) == ["Peggy"] and backups.list_backups(shop) == []
