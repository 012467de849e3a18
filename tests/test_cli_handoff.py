"""Every channel handed off on the command line: `today --json` names the phone or email to
use, and `write-emails DIR` writes one .eml draft per email suggestion, ready to send."""

from __future__ import annotations

import json
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

import main
from domain.dates import PartialDate
from domain.model import Customer, Interaction, Milestone, Purchase

DAY = "2026-11-23"


def _book(tmp_path: Path, *people: Customer) -> Path:
    from storage import customers
    from storage.db import close_notebook, open_notebook

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    for person in people:
        customers.save_customer(person)
    close_notebook()
    return path


def _maria(**extra) -> Customer:
    return Customer(given_name="Maria", family_name="Lopez",
                    phones=["+1 503 555 0101", "+1 503 555 0199"],
                    interactions=[Interaction(date(2026, 9, 20), "call")], **extra)


def _ann(given: str = "Ann", family: str = "Lee", email: str = "ann@example.com") -> Customer:
    return Customer(given_name=given, family_name=family, emails=[email, "other@example.com"],
                    milestones=[Milestone("birthday", PartialDate(11, 26))],
                    purchases=[Purchase(date(2026, 11, 19), 12)])


def _today_json(book: Path, capsys) -> list[dict]:
    assert main.main(["today", "--date", DAY, "--json", "--notebook", str(book)]) == 0
    return json.loads(capsys.readouterr().out)


def test_today_json_gives_the_phone_or_email_of_the_channel(tmp_path, capsys):
    items = _today_json(_book(tmp_path, _maria(), _ann()), capsys)
    got = [(i["customer"], i["channel"], i.get("phone"), i.get("email")) for i in items]
    assert got == [("Maria Lopez", "text", "+1 503 555 0101", None),
                   ("Ann Lee", "email", None, "ann@example.com"),
                   ("Ann Lee", "email", None, "ann@example.com")]


def test_today_json_gives_no_number_for_a_closed_channel(tmp_path, capsys):
    both = _maria(emails=["maria@example.com"], do_not_contact=["phone", "text"])
    items = _today_json(_book(tmp_path, both), capsys)
    assert [(i["channel"], i.get("phone"), i.get("email")) for i in items] == [
        ("email", None, "maria@example.com")]
    assert "+1 503" not in json.dumps(items)


def test_today_plain_text_shows_the_number(tmp_path, capsys):
    book = _book(tmp_path, _maria(), _ann())
    assert main.main(["today", "--date", DAY, "--notebook", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Text message (503) 555-0101" in out  # as written at home (shown_reach)
    assert "Email ann@example.com" in out


def _drafts(folder: Path) -> list:
    parse = BytesParser(policy=policy.default).parsebytes
    return [parse(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


def test_write_emails_writes_one_draft_per_email_suggestion(tmp_path, capsys):
    book = _book(tmp_path, _maria(), _ann())
    out = tmp_path / "drafts"
    out.mkdir()
    assert main.main(["write-emails", str(out), "--date", DAY, "--notebook", str(book)]) == 0
    said = capsys.readouterr().out
    drafts = _drafts(out)
    assert len(drafts) == 2 and len(set(out.iterdir())) == 2
    for d in drafts:
        assert d["X-Unsent"] == "1"
        assert d["To"].addresses[0].addr_spec == "ann@example.com"
        assert d["To"].addresses[0].display_name == "Ann Lee"
        assert d["Subject"]
        assert "Ann" in d.get_body(("plain",)).get_content()
    assert {d["Subject"] for d in drafts} == {"Happy birthday", "Thank you"} or \
        len({d["Subject"] for d in drafts}) == 2
    assert "2 email drafts" in said and str(out) in said


@pytest.mark.parametrize("given,family", [('Jo "JJ"', "O'Neil, Jr."), ("Ζωή", "Παπαδοπούλου"),
                                          ("美咲", "山田"), ("Anne-Marie", "Dupont/../x")])
def test_write_emails_is_safe_with_any_name(tmp_path, capsys, given, family):
    book = _book(tmp_path, _ann(given, family))
    out = tmp_path / "drafts"
    out.mkdir()
    assert main.main(["write-emails", str(out), "--date", DAY, "--notebook", str(book)]) == 0
    files = sorted(out.iterdir())
    assert len(files) == 2 and all(f.parent == out and f.suffix == ".eml" for f in files)
    for d in _drafts(out):
        to = d["To"].addresses
        assert len(to) == 1
        assert to[0].display_name == _ann(given, family).display_name
        assert to[0].addr_spec == "ann@example.com"
        assert given in d.get_body(("plain",)).get_content()


def test_write_emails_refuses_a_file_as_the_folder(tmp_path, capsys):
    book = _book(tmp_path, _ann())
    not_dir = tmp_path / "file.txt"
    not_dir.write_text("keep me")
    assert main.main(["write-emails", str(not_dir), "--date", DAY,
                      "--notebook", str(book)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a folder" in err
    assert not_dir.read_text() == "keep me"


def test_write_emails_refuses_a_missing_folder(tmp_path, capsys):
    book = _book(tmp_path, _ann())
    assert main.main(["write-emails", str(tmp_path / "none"), "--date", DAY,
                      "--notebook", str(book)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_write_emails_queues_no_card(tmp_path, capsys):
    from storage import templates
    from storage.db import close_notebook, open_notebook

    book = _book(tmp_path, _ann())
    assert main.main(["write-emails", str(tmp_path), "--date", DAY,
                      "--notebook", str(book)]) == 0
    open_notebook(book)
    try:
        assert templates.list_cards() == []
    finally:
        close_notebook()


def test_write_emails_never_replaces_the_notebook_under_a_draft_name(tmp_path, capsys):
    book = _book(tmp_path, _ann())
    out = tmp_path / "drafts"
    out.mkdir()
    before = book.read_bytes()
    (out / "Ann-Lee-1-birthday.eml").hardlink_to(book)
    assert main.main(["write-emails", str(out), "--date", DAY, "--notebook", str(book)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "notebook" in err
    assert book.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["Ann-Lee-1-birthday.eml"]  # nothing else written


def test_write_emails_keeps_a_file_of_another_kind(tmp_path, capsys):
    book = _book(tmp_path, _ann())
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "Ann-Lee-1-birthday.eml").write_bytes(b"%PDF-1.7 not an email")
    assert main.main(["write-emails", str(out), "--date", DAY, "--notebook", str(book)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert (out / "Ann-Lee-1-birthday.eml").read_bytes() == b"%PDF-1.7 not an email"


def test_a_promise_email_frames_the_owners_own_words(tmp_path, capsys):
    from datetime import datetime

    from domain.model import Promise

    ann = Customer(given_name="Ann", family_name="Lee", emails=["ann@example.com"],
                   promises=[Promise(date(2026, 11, 18), datetime(2026, 11, 23, 15, 0),
                                     "Email the quote for the wedding flowers")])
    book = _book(tmp_path, ann)
    assert main.main(["write-emails", str(tmp_path), "--date", DAY,
                      "--notebook", str(book)]) == 0
    (draft,) = _drafts(tmp_path)
    body = draft.get_body(("plain",)).get_content()
    assert body.startswith("Dear Ann,") and "sweet peas" not in body
    assert draft["Subject"]


def test_write_emails_never_imports_qt(tmp_path):
    import subprocess
    import sys

    book = _book(tmp_path, _ann())
    code = ("import sys, main; rc = main.main(['write-emails', sys.argv[2], '--date', "
            f"'{DAY}', '--notebook', sys.argv[1]]); "
            "loaded = {m.split('.')[0] for m in sys.modules} & {'PySide6', 'reportlab'}; "
            "assert rc == 0 and not loaded, (rc, loaded)")
    done = subprocess.run([sys.executable, "-c", code, str(book), str(tmp_path)],
                          cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(list(tmp_path.glob("*.eml"))) == 2


@pytest.mark.parametrize("region", ["UK", "uk", "XX", 42, "", "gb", "GB"])
def test_today_and_the_agenda_write_a_number_alike_whatever_the_region_setting(
        tmp_path, capsys, region):
    """One rule, one reading of the notebook's region: `today`'s text and the agenda on paper
    write Maria's number the same way, an odd region setting ("UK", which phone numbers call
    GB) read as the default by both (`today` read "UK" as a country and wrote the number
    abroad, "+1 503-555-0101", while the agenda wrote "(503) 555-0101")."""
    import json as json_module

    from exports.agenda import week
    from storage.db import close_notebook, db, open_notebook

    book = _book(tmp_path, _maria())
    open_notebook(book)
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('region', ?)",
                   (json_module.dumps(region),))
    [entry] = [e for entries in week(date(2026, 11, 23)).days.values() for e in entries]
    close_notebook()
    assert main.main(["today", "--date", DAY, "--notebook", str(book)]) == 0
    [line] = [x for x in capsys.readouterr().out.splitlines() if "Maria Lopez" in x]
    assert entry.reach and line.endswith(f"Text message {entry.reach}")
