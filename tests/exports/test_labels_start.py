"""Issue 13, finding 7 (labels): whose labels (queued, chosen, a tag, everyone), the first free
label of a part-used sheet, and the customers without a postal address named as skipped, the
same through ``print-labels`` as through the window (tests/ui/test_labels_dialog.py).

Where each address landed is read back from the PDF with pypdf's text extraction.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import main
from domain.model import Address, Card, Customer
from exports import cards
from exports.cards.jobs import CardJob
from exports.cards.label_run import label_run
from storage import customers, mailing
from storage import templates as store


def placed(data: bytes, label_format: str = "avery-5160") -> list[tuple[int, int, str]]:
    """(page, label number from 1, the label's text) for every label with text on it."""
    sheet = cards.get(label_format, "label")()
    slots = sheet.slots()
    found: dict[tuple[int, int], list[str]] = {}
    for page_no, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        def visit(text, cm, tm, _font, _size, page_no=page_no):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            where = [i for i, s in enumerate(slots)
                     if s.x <= x <= s.right and s.y <= y <= s.top]
            assert len(where) == 1, (text, x, y)
            found.setdefault((page_no, where[0] + 1), []).append(text.strip())

        page.extract_text(visitor_text=visit)
    return [(p, n, " ".join(t)) for (p, n), t in sorted(found.items())]


def person(given: str, family: str = "Shaw", tags=(), address: bool = True) -> int:
    addresses = [Address(f"{len(given)} Elm St", "Portland", "OR", "97201", "US", True)] \
        if address else []
    return customers.save_customer(Customer(given_name=given, family_name=family,
                                            tags=list(tags), addresses=addresses))


def test_the_first_labels_of_a_used_sheet_stay_empty():
    sheet = cards.get("avery-5160", "label")(start=5)
    jobs = [CardJob(recipient=[f"Name {i}", "1 Elm St", "Portland OR 97201"]) for i in range(3)]
    where = placed(sheet.render(jobs))
    assert [(p, n) for p, n, _t in where] == [(0, 5), (0, 6), (0, 7)]
    assert [t.split()[:2] for _p, _n, t in where] == [["Name", "0"], ["Name", "1"],
                                                      ["Name", "2"]]


def test_labels_past_the_sheet_go_on_a_new_sheet_from_label_1():
    sheet = cards.get("avery-l7160", "label")(start=20)  # 21 a sheet
    jobs = [CardJob(recipient=[f"Name {i}"]) for i in range(4)]
    where = placed(sheet.render(jobs), "avery-l7160")
    assert [(p, n) for p, n, _t in where] == [(0, 20), (0, 21), (1, 1), (1, 2)]


@pytest.mark.parametrize("start", [0, -1, 31])
def test_a_label_not_on_the_sheet_is_refused(start):
    with pytest.raises(ValueError, match="numbered 1 to 30"):
        cards.get("avery-5160", "label")(start=start)


def test_whose_labels_and_who_is_skipped(notebook):
    ann, bo = person("Ann", tags=["VIP"]), person("Bo", tags=["vip"])
    cy = person("Cy", tags=["VIP"], address=False)
    dee = person("Dee", address=False)
    person("Eve")
    store.create_card(Card(bo, "birthday", "Happy birthday", status="queued"))
    store.create_card(Card(dee, "birthday", "Happy birthday", status="queued"))

    def who(choice):
        found = mailing.label_people(choice)
        return [c.given_name for c in found.people], found.skipped

    assert who(mailing.LabelChoice("tag", tag="vip")) == (["Ann", "Bo"], ["Cy Shaw"])
    assert who(mailing.LabelChoice("queued")) == (["Bo"], ["Dee Shaw"])
    assert who(mailing.LabelChoice("customers", ids=(ann, cy))) == (["Ann"], ["Cy Shaw"])
    assert who(mailing.LabelChoice("all")) == (["Ann", "Bo", "Eve"], ["Cy Shaw", "Dee Shaw"])
    assert mailing.tag_counts() == [("VIP", 3)]


def test_a_big_choice_is_one_query_parameter(notebook):
    """More ids than SQLite takes as separate parameters (32,766)."""
    ann = person("Ann")
    ids = (ann, *range(10**6, 10**6 + 40_000))
    assert [c.id for c in mailing.label_people(mailing.LabelChoice("customers",
                                                                   ids=ids)).people] == [ann]


def test_label_run_checks_the_start_before_reading(notebook):
    with pytest.raises(ValueError, match="no label 22 on the avery-l7160 sheet"):
        label_run(mailing.LabelChoice(), "avery-l7160", 22)


@pytest.fixture
def shop(tmp_path):
    from storage.db import close_notebook, open_notebook

    path = tmp_path / "shop.rapport"
    open_notebook(path)
    person("Ann", tags=["VIP"])
    person("Bo", tags=["VIP"])
    person("Cy", tags=["VIP"], address=False)
    person("Eve")
    close_notebook()
    return path


def test_cli_start_and_tag(shop, tmp_path, capsys):
    out = tmp_path / "labels.pdf"
    assert main.main(["print-labels", str(out), "--start", "5", "--tag", "vip",
                      "--notebook", str(shop)]) == 0
    said = capsys.readouterr().out
    assert "Printed 2 labels (avery-5160)" in said and "from label 5" in said
    assert "Skipped 1 customer without a postal address: Cy Shaw." in said
    where = placed(out.read_bytes())
    assert [(p, n) for p, n, _t in where] == [(0, 5), (0, 6)]
    assert where[0][2].startswith("Ann Shaw") and where[1][2].startswith("Bo Shaw")


@pytest.mark.parametrize("argv, message", [
    (["--start", "31"], "there is no label 31 on the avery-5160 sheet"),
    (["--start", "0"], "there is no label 0"),
    (["--format", "avery-l7160", "--start", "22"], "numbered 1 to 21"),
    (["--tag", "nobody"], "No customer is tagged “nobody”"),
    (["--tag", "vip", "--queued"], "not allowed with argument"),
    (["--start", "abc"], "--start abc is not a label number"),
    (["--start", "²"], "--start ² is not a label number"),
    (["--start", "-3"], "numbered 1 to 30"),
    (["--start", "9" * 30], "there is no label 999"),
    (["--tag", ""], "No customer is tagged “”"),
])
def test_cli_bad_label_options_are_one_line(shop, tmp_path, capsys, argv, message):
    out = tmp_path / "labels.pdf"
    with pytest.raises(SystemExit) if "--queued" in argv else _nothing():
        assert main.main(["print-labels", str(out), *argv, "--notebook", str(shop)]) == 1
    err = capsys.readouterr().err
    assert message in err and not out.exists()
    if "--queued" not in argv:
        assert err.count("\n") == 1


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_everyone_names_the_skipped_too_and_counts_past_twelve(shop, tmp_path, capsys):
    from exports.cards.label_run import skipped_sentence

    names = [f"Name {i}" for i in range(15)]
    assert skipped_sentence(names).endswith("Name 10, Name 11 and 3 more.")
    out = tmp_path / "labels.pdf"
    assert main.main(["print-labels", str(out), "--notebook", str(shop)]) == 0
    assert "Skipped 1 customer without a postal address: Cy Shaw." in capsys.readouterr().out


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(cards.names("label")), start=st.integers(1, 30),
       count=st.integers(1, 70))
def test_every_start_and_count_fills_the_labels_in_the_makers_order(name, start, count):
    sheet_cls = cards.get(name, "label")
    start = min(start, sheet_cls.per_sheet())
    jobs = [CardJob(recipient=[f"N{i}x"]) for i in range(count)]
    where = placed(sheet_cls(start=start).render(jobs), name)
    per = sheet_cls.per_sheet()
    expected = [divmod(start - 1 + i, per) for i in range(count)]
    assert [(p, n - 1) for p, n, _t in where] == expected
    assert [t for _p, _n, t in where] == [f"N{i}x" for i in range(count)]


def test_everyone_and_a_tag_leave_out_the_archived_and_the_deceased(notebook):
    """Labels for everyone (or a tag) went to customers who had died: a card addressed to the
    dead hurts the family. Chosen by name in the list, they still get one."""
    from storage import custom_fields

    ann, bo, cy = person("Ann", tags=["vip"]), person("Bo", tags=["vip"]), person("Cy")
    custom_fields.set_status(bo, "deceased")
    custom_fields.set_status(cy, "archived")

    def who(choice):
        return [c.given_name for c in mailing.label_people(choice).people]

    assert who(mailing.LabelChoice("all")) == ["Ann"]
    assert who(mailing.LabelChoice("tag", tag="vip")) == ["Ann"]
    assert who(mailing.LabelChoice("customers", ids=(ann, bo))) == ["Ann", "Bo"]
