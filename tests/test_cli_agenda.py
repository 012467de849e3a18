"""`agenda OUT.pdf`: the week's suggestions on paper, from the Today queue's own rules."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from domain.dates import PartialDate
from domain.model import Address, Customer, Fact, Milestone, Promise

ROOT = Path(__file__).resolve().parent.parent

DAY = date(2026, 11, 23)  # a Monday
LETTER = (612, 792)
A4 = (595, 842)


def _book(path: Path, region: str, people: list[Customer]) -> Path:
    from storage import customers
    from storage.db import close_notebook, db, open_notebook
    from storage.templates import load_sender, save_sender

    open_notebook(path)
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('region', ?)", (json.dumps(region),))
    sender = load_sender()
    sender.business = "Bloom & Co"
    save_sender(sender)
    for person in people:
        customers.save_customer(person)
    close_notebook()
    return path


def _people() -> list[Customer]:
    return [
        Customer(given_name="Maria", family_name="Lopez", phones=["+1 503 555 0101"],
                 facts=[Fact("pet", "Biscuit the beagle")],
                 promises=[Promise(date(2026, 11, 1), datetime(2026, 11, 25, 15, 0),
                                   "call back about the blue vase")]),
        Customer(given_name="Ann", family_name="Lee",
                 addresses=[Address("12 Elm Street", "Portland", "OR", "97201", mailing=True)],
                 milestones=[Milestone("birthday", PartialDate(11, 27))]),
        Customer(given_name="伟", family_name="王", phones=["+1 503 555 0199"],
                 promises=[Promise(date(2026, 11, 1), datetime(2026, 11, 24, 10, 0),
                                   "ring about the silk order")]),
        Customer(given_name="ليلى", family_name="حداد", phones=["+1 503 555 0142"],
                 promises=[Promise(date(2026, 11, 1), datetime(2026, 11, 26, 9, 0),
                                   "phone with the fitting date")]),
    ]


def _text(pdf: Path) -> tuple[str, list[tuple[int, int]]]:
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages]
    return text, sizes


def _run(book: Path, out: Path, day: date = DAY) -> int:
    return main.main(["agenda", str(out), "--date", day.isoformat(), "--notebook", str(book)])


def test_agenda_prints_each_suggestion_with_its_number_and_promise(tmp_path):
    book = _book(tmp_path / "us.rapport", "US", _people())
    out = tmp_path / "week.pdf"
    assert _run(book, out) == 0
    text, sizes = _text(out)
    for words in ("Maria Lopez", "Ann Lee", "503", "0101", "12 Elm Street",
                  "call back about the blue vase", "Biscuit the beagle", "Bloom & Co"):
        assert words in text, words
    assert set(sizes) == {LETTER}


def test_a_british_notebook_prints_on_a4(tmp_path):
    book = _book(tmp_path / "gb.rapport", "GB", _people())
    out = tmp_path / "week.pdf"
    assert _run(book, out) == 0
    assert set(_text(out)[1]) == {A4}


def test_chinese_and_arabic_names_print(tmp_path):
    book = _book(tmp_path / "us.rapport", "US", _people())
    out = tmp_path / "week.pdf"
    assert _run(book, out) == 0
    text = _text(out)[0]
    assert "王" in text and "伟" in text
    assert "ليلى" in text or "ﻟﻴﻠﻰ" in text or "حداد" in text or "ﺣﺪﺍﺩ" in text
    assert "ring about the silk order" in text


def test_a_week_with_nothing_due_prints_a_page_saying_so(tmp_path):
    book = _book(tmp_path / "empty.rapport", "US", [])
    out = tmp_path / "week.pdf"
    assert _run(book, out) == 0
    text, sizes = _text(out)
    assert len(sizes) == 1
    assert "Nothing is due" in text


@pytest.mark.parametrize("where", ["missing/week.pdf", "book", "letter.pdf", "folder"])
def test_a_bad_out_path_exits_1_with_one_line(tmp_path, capsys, where):
    book = _book(tmp_path / "us.rapport", "US", _people())
    (tmp_path / "letter.pdf").write_text("my letter, not a PDF")
    (tmp_path / "folder").mkdir()
    out = book if where == "book" else tmp_path / where
    before = book.read_bytes()
    assert _run(book, out) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("rapport: ") and "\n" not in err and "Traceback" not in err
    assert book.read_bytes() == before
    assert (tmp_path / "letter.pdf").read_text() == "my letter, not a PDF"


def test_a_bad_date_exits_1(tmp_path, capsys):
    book = _book(tmp_path / "us.rapport", "US", [])
    assert main.main(["agenda", str(tmp_path / "w.pdf"), "--date", "soon",
                      "--notebook", str(book)]) == 1
    assert "--date soon" in capsys.readouterr().err


def test_agenda_never_imports_qt(tmp_path):
    book = _book(tmp_path / "us.rapport", "US", _people())
    code = ("import sys, main; rc = main.main(['agenda', sys.argv[2], '--date', '2026-11-23', "
            "'--notebook', sys.argv[1]]); "
            "loaded = {m.split('.')[0] for m in sys.modules} & {'PySide6'}; "
            "assert rc == 0 and not loaded, (rc, loaded)")
    done = subprocess.run([sys.executable, "-c", code, str(book), str(tmp_path / "w.pdf")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "w.pdf").read_bytes().startswith(b"%PDF")


def test_a_full_week_flows_onto_numbered_pages_and_keeps_everyone(tmp_path):
    many = [Customer(given_name=f"Person{n:02d}", family_name="Long", phones=[f"+1503555{n:04d}"],
                     notes="Likes long stories. " * 30,
                     promises=[Promise(date(2026, 11, 1), datetime(2026, 11, 23 + n % 7, 12),
                                       f"promise number {n:02d}")]) for n in range(40)]
    book = _book(tmp_path / "many.rapport", "US", many)
    out = tmp_path / "week.pdf"
    assert _run(book, out) == 0
    text, sizes = _text(out)
    assert len(sizes) > 3
    assert f"Page 1 of {len(sizes)}" in text and f"Page {len(sizes)} of {len(sizes)}" in text
    for n in range(40):
        assert f"Person{n:02d} Long" in text and f"promise number {n:02d}" in text


def test_a_customer_longer_than_a_page_is_never_drawn_off_the_paper(tmp_path):
    notes = " ".join(f"word{n}" for n in range(4000)) + " THE-END"
    book = _book(tmp_path / "long.rapport", "US", [Customer(
        given_name="Wordy", family_name="Person", phones=["+15035550100"], notes=notes,
        promises=[Promise(date(2026, 11, 1), datetime(2026, 11, 24, 12), "call back")])])
    out = tmp_path / "week.pdf"
    assert _run(book, out) == 0
    low: list[float] = []
    reader = PdfReader(out)
    text = ""
    for page in reader.pages:
        def seen(chunk, cm, tm, font, size, low=low):
            if chunk.strip():
                low.append(tm[5] * cm[3] + cm[5])
        text += page.extract_text(visitor_text=seen)
    assert len(reader.pages) > 1 and "THE-END" in text and "word3999" in text
    assert min(low) > 20, "text below the foot of the page"


def test_the_demo_agenda_holds_every_suggestion_today_makes_for_the_week(tmp_path, capsys):
    from datetime import timedelta

    from domain import demo
    from storage import bulk
    from storage.db import close_notebook, open_notebook

    book, day = tmp_path / "demo.rapport", date(2026, 12, 7)
    open_notebook(book)
    bulk.write_all(bulk.NotebookContent(
        demo.build_demo(day), demo.demo_templates(), demo.demo_cards(day),
        demo.demo_settings(), demo.demo_tag_settings()))
    close_notebook()
    out = tmp_path / "week.pdf"
    assert _run(book, out, day) == 0
    capsys.readouterr()
    assert main.main(["today", "--date", day.isoformat(), "--json", "--notebook", str(book)]) == 0
    listed = json.loads(capsys.readouterr().out)
    week = [s for s in listed if date.fromisoformat(s["due"]) <= day + timedelta(days=6)]
    text = " ".join(_text(out)[0].split())
    assert len(week) > 10
    for s in week:
        assert " ".join(s["customer"].split()) in text, s["customer"]
