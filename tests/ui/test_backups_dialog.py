"""File ▸ Backups… (back up now, restore) and File ▸ Check notebook…, run on the worker."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoCommand

from storage import backups, customers
from storage.db import changed_since_mark, db
from tests.ui.helpers import add_customer, settle, shown_names
from ui.backups.service import reason_text, size_text


@pytest.fixture
def dialog(window, qtbot):
    with qtbot.waitSignal(window.backups.listed, timeout=5000):
        window.actions["backups"].trigger()
    return window.backups.dialog


def back_up(window, qtbot):
    with qtbot.waitSignal(window.backups.listed, timeout=5000):
        window.backups.dialog.backup_button.click()
    settle(window)


def test_back_up_now_lists_the_copy_by_date_with_size_and_reason(window, qtbot, dialog):
    assert dialog.list.topLevelItemCount() == 0
    assert "No backups yet" in dialog.status.text()
    assert not dialog.restore_button.isEnabled()
    back_up(window, qtbot)
    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item.text(0).startswith("Today, ")
    assert item.text(1) == "Backed up by hand"
    assert item.text(2).endswith("KB")
    assert dialog.restore_button.isEnabled()
    assert "Backed up to" in window.statusBar().currentMessage()
    assert not changed_since_mark()  # nothing to copy again on closing


def test_restore_brings_back_the_earlier_state(window, qtbot, dialog, monkeypatch):
    from ui import ask

    add_customer(given_name="Ann", family_name="Lee", emails=[])
    back_up(window, qtbot)
    kept = dialog.chosen()
    add_customer(given_name="Tom", family_name="Baker", emails=[])
    window.events.changed(None, customers=None)
    settle(window)
    assert len(shown_names(window.screens["customers"])) == 2
    window.undo_stack.push(QUndoCommand("an edit of the notebook before the restore"))
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    assert dialog.choose(kept)
    with qtbot.waitSignal(window.backups.restored, timeout=5000) as restored:
        dialog.restore_button.click()
    settle(window)
    assert asked and asked[0].startswith("Restore the notebook as it was today at ")
    assert [r.name for r in customers.list_rows()] == ["Ann Lee"]
    assert shown_names(window.screens["customers"]) == ["Ann Lee"]
    assert window.undo_stack.count() == 0
    safety = restored.args[0]
    assert safety.exists() and safety.name.endswith("_before-restore.rapport")
    reasons = [b.reason for b in backups.list_backups(window.notebook.path)]
    assert reasons.count("before-restore") == 1
    assert window.backups.message.windowTitle() == "Backup restored"
    assert changed_since_mark()  # the restored notebook is copied again on closing


def test_declining_the_restore_changes_nothing(window, qtbot, dialog):
    add_customer()
    back_up(window, qtbot)
    add_customer(given_name="Tom", family_name="Baker", emails=[])
    dialog.restore_button.click()  # the conftest answers every confirmation with No
    settle(window)
    assert customers.count() == 2


def test_a_read_only_notebook_lists_but_cannot_restore(people, make_window, notebook, qtbot):
    from storage.db import NotebookInfo

    window = make_window(NotebookInfo(notebook.path, notebook.version, True, "Read-only."))
    with qtbot.waitSignal(window.backups.listed, timeout=5000):
        window.actions["backups"].trigger()
    assert not window.backups.dialog.restore_button.isEnabled()


def test_check_notebook_reports_good_order_and_problems(people, window, qtbot):
    with qtbot.waitSignal(window.checker.checked, timeout=5000) as checked:
        window.actions["check_notebook"].trigger()
    assert checked.args[0] == []
    assert window.checker.message.text() == "The notebook is in good order."
    db.execute_sql("INSERT INTO interaction (customer_id, date, kind, summary) "
                   "VALUES (?, 'next week', 'call', '')", (people["tom"],))
    with qtbot.waitSignal(window.checker.checked, timeout=5000) as checked:
        window.actions["check_notebook"].trigger()
    assert checked.args[0] and "not a date" in checked.args[0][0]
    assert "not a date" in window.checker.message.informativeText()


def test_words_for_reasons_and_sizes():
    assert reason_text("before-import") == "Before an import"
    assert reason_text("before-v3") == "Before updating the notebook (version 3)"
    assert reason_text("something-new") == "Something new"
    assert size_text(2048) == "2 KB" and size_text(3 * 1024 * 1024) == "3.0 MB"
