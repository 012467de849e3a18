"""The window starts SQLite's quick check on a thread while Qt starts (issue 17): a damaged
notebook is refused as before, a file changed since is checked again, and a verdict on a
healthy file spares the open its own check."""

from __future__ import annotations

import os
import random

import pytest

from domain.model import Customer
from storage import bulk, check_ahead, opening
from storage.db import CorruptNotebook, close_notebook, open_notebook
from tests.storage.flips import flip_in_table


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.rapport"
    open_notebook(path)
    bulk.write_all(bulk.NotebookContent([
        Customer(given_name=f"Customer{i}", family_name="Shaw", notes="Mornings. " * 20, id=i + 1)
        for i in range(300)]))
    close_notebook()
    return path


def test_a_damaged_notebook_checked_ahead_is_refused(shop):
    flip_in_table(shop, random.Random(3))
    before = shop.read_bytes()
    check_ahead.start(shop)
    with pytest.raises(CorruptNotebook):
        open_notebook(shop)
    assert shop.read_bytes() == before  # left untouched


def test_the_verdict_spares_the_open_its_own_check(shop, monkeypatch):
    check_ahead.start(shop)
    asked = []
    original = opening.read_file
    monkeypatch.setattr(opening, "read_file",
                        lambda path, query: asked.append(path) or original(path, query))
    open_notebook(shop)
    close_notebook()
    assert asked == []


def test_a_file_damaged_after_the_check_is_checked_again(shop):
    check_ahead.start(shop)
    assert check_ahead._pending[shop.resolve()][1].join() is None  # healthy: verdict "ok"
    flip_in_table(shop, random.Random(5))  # then damaged before the open
    with pytest.raises(CorruptNotebook):
        open_notebook(shop)


def test_nothing_is_started_for_what_is_not_a_notebook_file(tmp_path):
    fifo = tmp_path / "pipe.rapport"
    os.mkfifo(fifo)
    check_ahead.start(fifo)  # reading a FIFO would hang the thread
    check_ahead.start(tmp_path)  # a folder
    check_ahead.start(tmp_path / "missing.rapport")
    assert not {fifo, tmp_path, tmp_path / "missing.rapport"} & set(check_ahead._pending)
