"""The first start without a notebook: the demo, or an empty notebook, or nothing at all."""

from __future__ import annotations

import pytest

from storage import customers
from storage.db import close_notebook, current_notebook
from ui import app, first_start
from ui.first_start import DEMO, EMPTY, FirstStartDialog


@pytest.fixture
def answer(monkeypatch, qtbot):
    """Make the welcome dialog answer ``choice`` (None: the owner closed it)."""
    shown = []

    def set_answer(choice):
        def fake_exec(dialog):
            shown.append(dialog)
            qtbot.addWidget(dialog)
            button = {DEMO: dialog.demo_button, EMPTY: dialog.empty_button}.get(choice)
            if button is not None:
                button.click()
            return dialog.result()

        monkeypatch.setattr(FirstStartDialog, "exec", fake_exec)
        return shown

    yield set_answer
    close_notebook()


def test_start_empty_creates_the_default_notebook(tmp_path, answer):
    shown = answer(EMPTY)
    path = tmp_path / "Notebook.rapport"
    info = app.open_or_welcome(path, explicit=False)
    assert len(shown) == 1
    assert info.path == path and not info.read_only
    assert path.exists() and customers.count() == 0


def test_the_demo_opens_a_separate_demo_notebook(tmp_path, answer):
    if not first_start.demo_available():
        pytest.skip("no demo data in this build")
    answer(DEMO)
    path = tmp_path / "Notebook.rapport"
    info = app.open_or_welcome(path, explicit=False)
    assert info.path == tmp_path / "Demo.rapport"
    assert not path.exists()  # the owner's own notebook stays for their customers
    assert customers.count() >= 40
    close_notebook()
    answer(DEMO)  # asked again next time; the demo is reopened, not doubled
    again = app.open_or_welcome(path, explicit=False)
    assert again.path == info.path
    assert customers.count() == len(customers.list_rows()) >= 40


def test_closing_the_welcome_opens_nothing(tmp_path, answer):
    answer(None)
    assert app.open_or_welcome(tmp_path / "Notebook.rapport", explicit=False) is None
    assert current_notebook() is None
    assert list(tmp_path.iterdir()) == []


def test_no_welcome_when_the_notebook_is_named(tmp_path, answer):
    shown = answer(EMPTY)
    info = app.open_or_welcome(tmp_path / "Shop.rapport", explicit=True)
    assert shown == [] and info.name == "Shop"


def test_no_welcome_when_the_notebook_exists(tmp_path, answer):
    from storage.db import open_notebook

    open_notebook(tmp_path / "Notebook.rapport")
    close_notebook()
    shown = answer(EMPTY)
    assert app.open_or_welcome(tmp_path / "Notebook.rapport", explicit=False) is not None
    assert shown == []


def test_a_file_that_is_not_a_notebook_is_explained(tmp_path, answer, monkeypatch):
    from ui import ask

    told = []
    monkeypatch.setattr(ask, "inform", lambda *a, **k: told.append(a[2]))
    bad = tmp_path / "letter.rapport"
    bad.write_text("Dear Peggy, " * 20)
    assert app.open_or_welcome(bad, explicit=True) is None
    assert told and "not a Rapport notebook" in told[0]
    assert bad.read_text().startswith("Dear Peggy")


def test_the_dialog_offers_both_choices(qtbot, tmp_path):
    dialog = FirstStartDialog(tmp_path / "Notebook.rapport", tmp_path / "Demo.rapport")
    qtbot.addWidget(dialog)
    assert dialog.demo_button.text() == "Open the demo notebook"
    assert dialog.empty_button.text() == "Start empty"
    no_demo = FirstStartDialog(tmp_path / "N.rapport", tmp_path / "D.rapport", can_demo=False)
    qtbot.addWidget(no_demo)
    assert not no_demo.demo_button.isEnabled()
