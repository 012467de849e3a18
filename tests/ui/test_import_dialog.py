"""File ▸ Import: the CSV column mapping, the preview with its actions, and applying it."""

from __future__ import annotations

from storage import backups, customers
from storage.db import current_notebook
from tests.ui.helpers import add_customer, settle, shown_names
from ui.imports.mapping_dialog import MappingDialog
from ui.imports.preview_dialog import PreviewDialog
from ui.imports.preview_model import COL_ACTION, COL_CONTACT

PEGGY_AGAIN = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Shaw;Margaret;;;\r\nFN:Margaret Shaw\r\n"
               "EMAIL:peggy@example.com\r\nTEL:+1 503 555 0199\r\nEND:VCARD\r\n")
JANA = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Novak;Jana;;;\r\nFN:Jana Novak\r\n"
        "EMAIL:jana@example.com\r\nEND:VCARD\r\n")
NOBODY = "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name at all\r\nEND:VCARD\r\n"


def step(window, qtbot, kind):
    """Wait until the import shows a dialog of ``kind``; return it."""
    importer = window.importer
    qtbot.waitUntil(lambda: isinstance(importer.dialog, kind), timeout=5000)
    return importer.dialog


def apply(window, qtbot, dialog: PreviewDialog):
    with qtbot.waitSignal(window.importer.finished, timeout=5000) as finished:
        dialog.import_button.click()
    settle(window)
    return finished.args[0]


def test_a_duplicate_is_shown_as_such_and_merge_merges(window, qtbot, tmp_path):
    peggy = add_customer()
    window.events.changed(None, customers=None)
    path = tmp_path / "phone.vcf"
    path.write_text(PEGGY_AGAIN + JANA + NOBODY, encoding="utf-8")
    window.importer.import_file(path)
    dialog = step(window, qtbot, PreviewDialog)
    rows = dialog.row_texts()
    assert rows[0][1] == "Margaret Shaw"
    assert rows[0][2].startswith("Duplicate of Margaret Shaw") and "same email" in rows[0][2]
    assert rows[0][3].startswith("Merge")
    assert rows[1][2] == "New" and rows[1][3].startswith("Add")
    assert dialog.model.index(1, COL_CONTACT).data() == "jana@example.com"
    assert rows[2][0].startswith("card 3") and rows[2][2].startswith("Broken: no name")
    assert "1 duplicate" in dialog.found.text() and "1 broken" in dialog.found.text()
    assert dialog.plan_label.text() == "Import will add 1 customer, merge 1 into existing " \
                                       "ones and skip 1."
    report = apply(window, qtbot, dialog)
    assert (report.added, report.merged, report.skipped) == (1, 1, 1)
    merged = customers.get_customer(peggy)
    assert merged.phones == ["+15035550101", "+15035550199"]
    assert customers.count() == 2
    assert sorted(shown_names(window.screens["customers"])) == ["Jana Novak", "Margaret Shaw"]
    reasons = [b.reason for b in backups.list_backups(current_notebook().path)]
    assert "before-import" in reasons


def test_keep_both_and_the_bulk_buttons(window, qtbot, tmp_path):
    add_customer()
    path = tmp_path / "phone.vcf"
    path.write_text(PEGGY_AGAIN + JANA, encoding="utf-8")
    window.importer.import_file(path)
    dialog = step(window, qtbot, PreviewDialog)
    dialog.skip_all.click()
    assert dialog.choices() == {0: "skip", 1: "add"}
    dialog.merge_all.click()
    assert dialog.choices()[0] == "merge"
    dialog.filter.setCurrentIndex(2)  # duplicates only
    assert [r[1] for r in dialog.row_texts()] == ["Margaret Shaw"]
    model = dialog.model
    assert model.setData(model.index(0, COL_ACTION), "add")  # the drop-down's Keep both
    assert dialog.row_texts()[0][3].startswith("Keep both")
    apply(window, qtbot, dialog)
    assert [r.name for r in customers.list_rows()].count("Margaret Shaw") == 2


def test_cancelling_the_preview_changes_nothing(window, qtbot, tmp_path):
    path = tmp_path / "one.vcf"
    path.write_text(JANA, encoding="utf-8")
    window.importer.import_file(path)
    step(window, qtbot, PreviewDialog).reject()
    settle(window)
    assert customers.count() == 0


def test_a_broken_csv_is_explained_and_changes_nothing(people, window, qtbot, tmp_path, told):
    before = customers.count()
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\r\n \r\n")
    with qtbot.waitSignal(window.importer.failed, timeout=5000):
        window.importer.import_file(path)
    settle(window)
    assert told and told[0][0] == "Nothing was imported"
    assert "empty.csv cannot be imported" in told[0][1] and "header" in told[0][1]
    assert customers.count() == before
    assert backups.list_backups(current_notebook().path) == []


def test_a_file_without_contacts_is_explained(window, qtbot, tmp_path, told):
    path = tmp_path / "letter.vcf"
    path.write_text("Dear Peggy,\nthank you.\n", encoding="utf-8")
    with qtbot.waitSignal(window.importer.failed, timeout=5000):
        window.importer.import_file(path)
    assert "letter.vcf" in told[0][1]
    assert customers.count() == 0


def test_the_mapping_decides_which_field_a_column_fills(window, qtbot, tmp_path):
    path = tmp_path / "shop.csv"
    path.write_text("Name,Shop,E-mail\nJana Novak,Novak Flowers,jana@example.com\n"
                    "Tom Baker,Baker Bros,tom@example.com\n", encoding="utf-8")
    window.importer.import_file(path)
    mapping = step(window, qtbot, MappingDialog)
    targets = [c.currentData() for c in mapping.combos]
    assert targets == ["full_name", "", "email"]  # "Shop" means nothing to the guess
    samples = mapping.table.item(1, 2).text()
    assert "Novak Flowers" in samples and "Baker Bros" in samples
    mapping.combos[1].setCurrentIndex(mapping.combos[1].findData("company"))
    mapping.combos[2].setCurrentIndex(mapping.combos[2].findData(""))  # not imported
    mapping.next_button.click()
    dialog = step(window, qtbot, PreviewDialog)
    assert [r[1] for r in dialog.row_texts()] == ["Jana Novak", "Tom Baker"]
    apply(window, qtbot, dialog)
    jana = next(c for c in (customers.get_customer(r.id) for r in customers.list_rows())
                if c.given_name == "Jana")
    assert jana.company == "Novak Flowers" and jana.emails == []


def test_a_mapping_without_a_name_cannot_go_on(window, qtbot, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Colour,Size\nred,10\n", encoding="utf-8")
    window.importer.import_file(path)
    mapping = step(window, qtbot, MappingDialog)
    assert not mapping.next_button.isEnabled()
    assert "at least one column" in mapping.problem.text()
    mapping.set_target(0, "given_name")
    assert mapping.next_button.isEnabled()
    assert mapping.mapping().columns[0].target == "given_name"


def test_a_whole_notebook_is_confirmed_when_this_one_has_customers(
        people, window, qtbot, tmp_path, monkeypatch):
    from exports import notebook_json
    from ui import ask

    path = tmp_path / "other.json"
    notebook_json.export_file(path)
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    window.importer.import_file(path)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    settle(window)
    assert "Add the 4 customers of other.json" in asked[0]
    assert customers.count() == 4
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: True)
    with qtbot.waitSignal(window.importer.finished, timeout=5000):
        window.importer.import_file(path)
    settle(window)
    assert customers.count() == 8
    assert len(shown_names(window.screens["customers"])) == 8
