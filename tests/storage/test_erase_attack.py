"""Erase, tried as an attacker would: after it reports done, grep every byte of every file.

A distinctive person (unique words in every field, Cyrillic and Japanese among them) is
backed up, named in other customers' notes, facts, touches and the referrer's thank-you card,
and left in a copy a recovery set aside as damaged. After the erase, no file under the
notebook's folder or the backup folders may hold any of their words, in UTF-8 or UTF-16,
as typed or as the search index folds them.
"""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from domain.model import Address, Customer, Fact, Interaction, Purchase
from domain.text import fold
from storage import backups, customers, timeline
from storage.db import db
from storage.erase import erase_customer, erase_from_backups, erase_preview

GIVEN, FAMILY = "Ксенофонтия", "Quillfeatherby"
FULL = f"{GIVEN} {FAMILY}"
THEIRS = {  # field: a string nobody else has
    "given": GIVEN, "family": FAMILY, "email": "xen.quill@wyvernmoor.example",
    "phone": "+44 20 7946 0958", "street": "17 Wyvernmoor Crescent", "city": "Thistlecombe",
    "notes": "Keeps 鶴見沢の秘密 and bees", "fact": "Ozymandrel the tortoise",
    "purchase": "Gildenbrook teapot", "touch": "Talked about Velmorrow gardens",
}
# What the scan looks for: each word of theirs that no other record holds.
WORDS = [GIVEN, FAMILY, "xen.quill@wyvernmoor.example", "7946 0958", "Wyvernmoor",
         "Thistlecombe", "鶴見沢の秘密", "Ozymandrel", "Gildenbrook", "Velmorrow"]


def add_person() -> tuple[int, int]:
    """Ottoline referred the person; Ottoline's records name them in full. (person, referrer)"""
    otto = customers.save_customer(Customer(
        given_name="Ottoline", family_name="Fairweather", notes="Hums a lapsang-ballad."))
    cid = customers.save_customer(Customer(
        given_name=GIVEN, family_name=FAMILY, emails=[THEIRS["email"]],
        phones=[THEIRS["phone"]], referred_by=otto,
        addresses=[Address(THEIRS["street"], THEIRS["city"], mailing=True)],
        notes=f"{THEIRS['notes']}. " * 60, facts=[Fact("pet", THEIRS["fact"])]))
    timeline.add(cid, Interaction(date(2026, 1, 2), "call", THEIRS["touch"]))
    timeline.add(cid, Purchase(date(2026, 1, 3), Decimal("9.99"), THEIRS["purchase"]))
    other = customers.get_customer(otto)
    other.notes += f" Sent us {FULL.upper()} in May; see also {THEIRS['email']}."
    other.facts.append(Fact("friend", FULL))
    customers.save_customer(other)
    timeline.add(otto, Interaction(date(2026, 2, 2), "visit", f"Lunch with {FULL}"))
    db.execute_sql("INSERT INTO card (customer_id, occasion, text) VALUES (?, 'thanks', ?)",
                   (otto, f"Dear Ottoline, thank you for sending {FULL} our way!"))
    return cid, otto


def variants(word: str) -> set[bytes]:
    out = set()
    for form in {word, word.lower(), word.upper(), fold(word)}:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            out.add(form.encode(encoding))
    return out


def leaks(root: Path, words=WORDS) -> list[tuple[str, str]]:
    """(file, word) for each word of theirs found anywhere under ``root``."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [(str(path.relative_to(root)), w) for w in words
                  if any(v in data for v in variants(w))]
    return found


def set_aside_damaged(notebook: Path, stamp: str, damage) -> Path:
    """What a recovery does: the notebook and its -wal renamed to ``<stem>_<stamp>_damaged``;
    here a copy, so the test's notebook stays open."""
    aside = notebook.with_name(f"{notebook.stem}_{stamp}_damaged{notebook.suffix}")
    for suffix in ("", "-wal"):
        if Path(f"{notebook}{suffix}").exists():
            shutil.copyfile(f"{notebook}{suffix}", f"{aside}{suffix}")
    damage(aside)
    return aside


def flip_index(path: Path) -> None:
    """Bit flips in an index page: SQLite still reads the tables."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'email_customer'"
                       ).fetchone()
    root = root[0] if root else con.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' LIMIT 1").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    for i in range((root - 1) * size + 8, (root - 1) * size + 40):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def wreck_header(path: Path) -> None:
    """The first page gone, and the log's header: SQLite cannot read the file at all."""
    for part in (path, Path(f"{path}-wal")):
        data = bytearray(part.read_bytes())
        data[0:4096] = b"\x00" * 4096
        part.write_bytes(bytes(data))


@pytest.fixture
def attacked(notebook, tmp_path):
    for n in range(25):  # others around, so pages are shared and reused
        customers.save_customer(Customer(given_name=f"Other{n}", notes="filler " * 40))
    cid, otto = add_person()
    db.execute_sql("PRAGMA secure_delete = OFF")  # as most builds of SQLite ship
    backups.backup_now("manual", datetime(2026, 3, 1, 9, 0, 0))
    backups.backup_now("manual", datetime(2026, 3, 2, 9, 0, 0))
    path = Path(notebook.path)
    readable = set_aside_damaged(path, "2026-03-03_090000", flip_index)
    wrecked = set_aside_damaged(path, "2026-03-04_090000", wreck_header)
    assert {w for _f, w in leaks(tmp_path)} == set(WORDS)  # the scan sees them all first
    return cid, otto, readable, wrecked


def erase_everything(cid: int):
    removed = erase_customer(cid)
    return removed, erase_from_backups(cid, removed.who)


def test_no_byte_of_them_remains_anywhere(attacked, tmp_path):
    cid, _otto, readable, wrecked = attacked
    removed, result = erase_everything(cid)
    assert removed.checkpointed
    assert leaks(tmp_path) == []
    assert result.failed == []
    assert (result.damaged_cleaned, result.damaged_deleted) == (1, 1)
    assert readable.exists() and not wrecked.exists()
    assert not Path(f"{readable}-wal").exists() and not Path(f"{wrecked}-wal").exists()


def test_the_damaged_copy_keeps_everyone_else(attacked):
    cid, _otto, readable, _wrecked = attacked
    erase_everything(cid)
    con = sqlite3.connect(f"{readable.as_uri()}?immutable=1", uri=True)
    names = [r[0] for r in con.execute("SELECT given_name FROM customer ORDER BY id")]
    assert "Ottoline" in names and "Other24" in names and GIVEN not in names
    assert con.execute("SELECT count(*) FROM customer WHERE id = ?", (cid,)).fetchone() == (0,)
    con.close()


def test_other_customers_text_is_shown_then_redacted(attacked):
    cid, otto, _readable, _wrecked = attacked
    preview = erase_preview(cid)
    assert [(m.customer_id, m.name) for m in preview.mentions] == [(otto, "Ottoline Fairweather")]
    assert preview.mentions[0].places == ("notes", "1 personal detail", "1 interaction",
                                          "1 card")
    message = preview.message()
    assert "Ottoline Fairweather (notes, 1 personal detail, 1 interaction, 1 card)" in message
    assert "[erased]" in message
    assert "damaged" in message and "2 damaged copies" in message
    erase_customer(cid)
    kept = customers.get_customer(otto)
    assert "Sent us [erased] in May; see also [erased]." in kept.notes
    assert "Hums a lapsang-ballad." in kept.notes
    assert [f.value for f in kept.facts] == ["[erased]"]
    cards = db.execute_sql("SELECT text FROM card WHERE customer_id = ?", (otto,)).fetchall()
    assert cards == [("Dear Ottoline, thank you for sending [erased] our way!",)]
    rows = db.execute_sql("SELECT summary FROM interaction WHERE customer_id = ?", (otto,))
    assert [r[0] for r in rows] == ["Lunch with [erased]"]
    assert customers.search_ids(FAMILY) == [] and customers.search_ids("ottoline") == [otto]


def test_a_lone_given_name_is_not_redacted(notebook):
    cid = customers.save_customer(Customer(given_name="Anna", family_name="Zolnierowicz"))
    other = customers.save_customer(Customer(given_name="Bea", notes="Anna came by; Anna-Maria"
                                             " too. Not annaZolnierowicz."))
    assert erase_preview(cid).mentions == ()
    erase_customer(cid)
    assert customers.get_customer(other).notes.startswith("Anna came by; Anna-Maria")


def test_a_backup_that_only_names_them_is_cleaned_too(notebook, tmp_path):
    """Ottoline's note named them before they were a customer: that backup holds no row of
    theirs, but their name all the same."""
    customers.save_customer(Customer(given_name="Ottoline", notes=f"Met {FULL} at the fair."))
    early = backups.backup_now("manual", datetime(2026, 3, 1, 9, 0, 0))
    cid = customers.save_customer(Customer(given_name=GIVEN, family_name=FAMILY))
    _removed, result = erase_everything(cid)
    assert leaks(tmp_path, [FULL, FAMILY]) == []
    assert result.cleaned == 1 and result.failed == []
    assert backups.verify_backup(early) >= 1


def test_an_email_they_had_when_a_backup_was_taken_is_redacted_there(notebook, tmp_path):
    otto = customers.save_customer(Customer(given_name="Ottoline",
                                            notes="Old contact: xen.old@example.org."))
    cid = customers.save_customer(Customer(given_name=GIVEN, family_name=FAMILY,
                                           emails=["xen.old@example.org"]))
    taken = backups.backup_now("manual", datetime(2026, 3, 1, 9, 0, 0))
    person = customers.get_customer(cid)
    person.emails = ["xen.new@example.org"]  # changed since: the notebook no longer knows it
    customers.save_customer(person)
    erase_everything(cid)
    # The notebook redacts what names them now; the backup also what named them then.
    assert leaks(tmp_path, ["xen.old@example.org"]) == [("test.rapport", "xen.old@example.org")]
    assert "xen.old" not in taken.read_bytes().decode("utf-8", "replace")
    assert customers.get_customer(otto).notes == "Old contact: xen.old@example.org."


def test_a_part_file_of_another_notebook_beside_it_is_left_alone(notebook, tmp_path):
    other = tmp_path / "other.rapport.part"
    other.write_bytes(b"someone else's copy in progress")
    cid = customers.save_customer(Customer(given_name=GIVEN, family_name=FAMILY))
    erase_everything(cid)
    assert other.exists()


def test_a_read_only_notebook_is_refused_without_a_mark(notebook):
    from storage import erase_pending
    from storage.db import NotebookReadOnly, close_notebook, open_notebook

    cid = customers.save_customer(Customer(given_name=GIVEN, family_name=FAMILY))
    close_notebook()
    open_notebook(notebook.path, read_only=True)
    with pytest.raises(NotebookReadOnly):
        erase_customer(cid)
    assert not erase_pending.is_pending(Path(notebook.path))


def random_damage(rng):
    """Random bit flips in a set-aside copy, sometimes in its log too."""
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        for _ in range(rng.choice([1, 4, 16, 64])):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size and rng.random() < 0.3:
            log = bytearray(wal.read_bytes())
            log[rng.randrange(len(log))] ^= 0xFF
            wal.write_bytes(bytes(log))
    return damage


# Seeds whose damage once left them behind: log frames SQLite ignores (0, 6), a schema page
# gone ("no such table", 8, 22), a flipped letter in a card naming them (41), text no longer
# UTF-8 (75); the rest a sample.
@pytest.mark.parametrize("seed", [0, 6, 8, 22, 41, 57, 75])
def test_randomly_damaged_copies_keep_nothing_of_them(notebook, tmp_path, seed):
    import random

    for n in range(25):
        customers.save_customer(Customer(given_name=f"Other{n}", notes="filler " * 40))
    cid, _otto = add_person()
    db.execute_sql("PRAGMA secure_delete = OFF")
    rng = random.Random(seed)
    damage = random_damage(rng)
    if rng.random() < 0.5:
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    set_aside_damaged(Path(notebook.path), "2026-03-03_090000", damage)
    _removed, result = erase_everything(cid)
    assert leaks(tmp_path) == []
    assert result.failed == []


@pytest.mark.parametrize("written", [
    "(503) 555-9876", "503-555-9876", "503.555.9876", "5035559876", "+1 503 555 9876",
    "1-503-555-9876"])
def test_their_phone_as_the_window_shows_it_is_redacted(notebook, written):
    """The window shows a home number in national form, ``(503) 555-9876``: an owner who copies
    it into another customer's note names the person there as surely as with ``+1503…``."""
    cid = customers.save_customer(Customer(given_name="Vera", family_name="Olmstead-Quaye",
                                           phones=["+15035559876"]))
    other = customers.save_customer(Customer(given_name="Bea", notes=f"Her cell: {written}."))
    assert [m.customer_id for m in erase_preview(cid).mentions] == [other]
    erase_customer(cid)
    assert customers.get_customer(other).notes == "Her cell: [erased]."


def test_a_number_abroad_in_its_own_national_form_is_redacted(notebook):
    cid = customers.save_customer(Customer(given_name="Vera", family_name="Olmstead-Quaye",
                                           phones=["+442079460958"]))
    other = customers.save_customer(Customer(given_name="Bea",
                                             notes="London: 020 7946 0958, not 0207946095."))
    erase_customer(cid)
    assert customers.get_customer(other).notes == "London: [erased], not 0207946095."


@pytest.mark.parametrize(("given", "family", "written"), [
    ("Zoë", "Hartley", unicodedata.normalize("NFD", "Zoë Hartley")),  # pasted from a Mac
    ("Йосиф", "Щербаков", unicodedata.normalize("NFD", "Йосиф Щербаков")),
    ("Siobhán", "O'Brien", "Siobhán O’Brien"),  # a typographic apostrophe, typed or pasted
    ("Siobhán", "O’Brien", "SIOBHAN O'BRIEN"),
])
def test_their_name_in_another_writing_of_the_same_letters_is_redacted(notebook, given,
                                                                       family, written):
    cid = customers.save_customer(Customer(given_name=given, family_name=family))
    other = customers.save_customer(Customer(given_name="Bea", notes=f"Sent us {written}."))
    assert [m.customer_id for m in erase_preview(cid).mentions] == [other]
    erase_customer(cid)
    assert customers.get_customer(other).notes == "Sent us [erased]."


def test_a_tag_that_names_them_is_shown_then_redacted(notebook):
    """A tag is text in another customer's record too ("Vera Olmstead's circle"), and its
    cadence setting keeps the tag's name; two tags that become one are merged."""
    cid = customers.save_customer(Customer(given_name="Vera", family_name="Olmstead"))
    other = customers.save_customer(Customer(
        given_name="Bea", tags=["Vera Olmstead's circle", "VERA OLMSTEAD's circle", "vip"]))
    db.execute_sql("INSERT INTO tag_setting (name, cadence_days) VALUES (?, 14)",
                   ("Vera Olmstead's circle",))
    [mention] = erase_preview(cid).mentions
    assert (mention.customer_id, mention.places) == (other, ("2 tags",))
    erase_customer(cid)
    assert sorted(customers.get_customer(other).tags) == ["[erased]'s circle", "vip"]
    names = [r[0] for r in db.execute_sql("SELECT name FROM tag_setting")]
    assert names == ["[erased]'s circle"]
