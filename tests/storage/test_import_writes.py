"""How an import writes (storage.imports.apply): new customers in one go, not a card at a time;
an empty notebook's agendas worked out once for everyone; ids and agendas as before."""

from __future__ import annotations

from pathlib import Path

from exports import vcard
from storage import agenda, customers, imports
from storage.db import db
from tests.conftest import AGENDA_DAY


def cards(count: int, start: int = 0) -> str:
    """``count`` plain cards, each with a birthday soon (so Today has something to say)."""
    return "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nN:Family{i};Given{i};;;\nTEL;TYPE=CELL:+1 503 555 {i:04d}\n"
        f"EMAIL:c{i}@example.com\nBDAY:1980-{1 + i % 12:02d}-{1 + i % 27:02d}\n"
        f"CATEGORIES:regular\nEND:VCARD\n" for i in range(start, start + count))


def import_text(tmp_path: Path, text: str, name: str = "in.vcf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return vcard.import_file(path)


def statements_of(tmp_path: Path, monkeypatch, count: int, name: str) -> int:
    """How many statements ``db.execute_sql`` ran for importing ``count`` new cards."""
    seen = []
    real = db.execute_sql

    def counted(sql, params=None, *args, **kwargs):
        seen.append(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", counted)
    try:
        import_text(tmp_path, cards(count, start=1000 * len(name)), name)
    finally:
        monkeypatch.setattr(db, "execute_sql", real)
    return len(seen)


def test_new_customers_are_written_in_one_go_not_one_statement_per_card(notebook, tmp_path,
                                                                        monkeypatch):
    few = statements_of(tmp_path, monkeypatch, 10, "a.vcf")
    many = statements_of(tmp_path, monkeypatch, 300, "bb.vcf")
    assert customers.count() == 310
    assert many <= few + 5, f"{few} statements for 10 cards, {many} for 300"


def test_an_import_into_an_empty_notebook_works_everyone_out_at_once(notebook, tmp_path,
                                                                     monkeypatch):
    asked = []
    real = agenda.rebuild

    def rebuild(ids, *args, **kwargs):
        asked.append(None if ids is None else len(ids))
        return real(ids, *args, **kwargs)

    monkeypatch.setattr(agenda, "rebuild", rebuild)
    import_text(tmp_path, cards(50))
    assert asked == [None]  # everyone at once, the indexes built once
    import_text(tmp_path, cards(5, start=50), "more.vcf")
    assert asked == [None, 5]  # into a notebook with customers: just the new ones


def _agenda_rows() -> list[tuple]:
    """Every stored agenda row but its row id, in a fixed order."""
    rows = []
    for table in ("agenda", "agenda_customer"):
        found = db.execute_sql(f"SELECT * FROM {table}")
        columns = [d[0] for d in found.description]
        rows += sorted((table, *(v for c, v in zip(columns, row, strict=True) if c != "id"))
                       for row in found)
    return rows


def _same_as_worked_out_again() -> None:
    """The agendas the import stored are those working everyone out again gives."""
    stored = _agenda_rows()
    with db.atomic():
        agenda.rebuild(None, AGENDA_DAY)
    assert _agenda_rows() == stored
    assert len(stored) > customers.count()  # a birthday and a touch each, at least


def test_agendas_after_imports_are_those_everyone_worked_out_again_gives(notebook, tmp_path):
    import_text(tmp_path, cards(60))
    _same_as_worked_out_again()
    import_text(tmp_path, cards(30, start=45), "again.vcf")  # 15 merged, 15 new
    _same_as_worked_out_again()


def test_new_customers_take_the_ids_after_the_highest_as_before(notebook, tmp_path):
    import_text(tmp_path, cards(3))
    customers.delete_customer(3)
    report = import_text(tmp_path, cards(2, start=10), "two.vcf")
    assert report.added == 2
    found = {c.id: c.family_name for c in imports.records.load_customers()}
    assert found == {1: "Family0", 2: "Family1", 3: "Family10", 4: "Family11"}
    phones = db.execute_sql("SELECT customer_id, number FROM phone ORDER BY 1").fetchall()
    assert phones == [(1, "+15035550000"), (2, "+15035550001"), (3, "+15035550010"),
                      (4, "+15035550011")]


def test_an_import_filling_the_disk_writes_nothing_and_says_so_in_one_line(tmp_path, capsys):
    """The attack: 4,000 cards into an empty notebook on a 1 MB disk. The bulk insert or the
    agendas at the commit run out of room; nothing may stay half written."""
    import main
    from storage.db import close_notebook, open_notebook
    from tests.storage.tiny_disk import mounted

    source = tmp_path / "many.vcf"
    source.write_text(cards(4000), encoding="utf-8")
    with mounted(tmp_path / "disk", "1m") as disk:
        book = disk / "shop.rapport"
        code = main.main(["import", str(source), "--notebook", str(book)])
        _out, err = capsys.readouterr()
        assert code == 1
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        assert "disk is full" in err and "not saved" in err, err
        open_notebook(book)
        try:
            assert customers.count() == 0
            assert db.execute_sql("SELECT count(*) FROM agenda_dirty").fetchone() == (0,)
            triggers = db.execute_sql("SELECT count(*) FROM sqlite_master "
                                      "WHERE type = 'trigger'").fetchone()[0]
        finally:
            close_notebook()
    open_notebook(tmp_path / "fresh.rapport")
    try:
        assert triggers == db.execute_sql("SELECT count(*) FROM sqlite_master "
                                          "WHERE type = 'trigger'").fetchone()[0]
    finally:
        close_notebook()
