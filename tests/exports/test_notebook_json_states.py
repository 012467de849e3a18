"""Issue 14, behaviour 7: snoozes and dismissals survive a JSON export and import (before, the
demo's queue grew back after a round trip: every snoozed or dismissed suggestion returned)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from domain import demo
from domain.model import Customer, Interaction, Problem, Promise
from exports import notebook_json
from exports.notebook_json import NotebookFileError
from storage import bulk, customers, outreach
from storage.db import close_notebook, db, open_notebook

TODAY = date(2026, 12, 7)


def queue() -> list[tuple[int, str]]:
    return [(s.customer_id, s.key) for s in outreach.today_queue(TODAY)]


def named_queue() -> list[tuple[str, str, str]]:
    return [(s.customer, s.kind, s.due.isoformat()) for s in outreach.today_queue(TODAY)]


@pytest.fixture
def demo_with_choices(notebook):
    """The demo notebook after a morning's work: snoozes, dismissals, Done on a promise."""
    bulk.write_all(bulk.NotebookContent(demo.build_demo(TODAY), demo.demo_templates(),
                                        demo.demo_cards(TODAY), demo.demo_settings(),
                                        demo.demo_tag_settings()))
    found = outreach.today_queue(TODAY)
    by_kind = {s.kind: s for s in reversed(found)}
    outreach.snooze(by_kind["keep_in_touch"], date(2026, 12, 20))
    outreach.dismiss(by_kind["milestone"], TODAY)
    outreach.dismiss(by_kind["lapsed"], TODAY)
    outreach.snooze(by_kind["problem_follow_up"], date(2026, 12, 9))
    outreach.act_on(by_kind["promise_due"], "phone", "", TODAY)
    outreach.dismiss(by_kind["thank_you_referral"], TODAY)  # its key names the friend
    return notebook


def round_trip(tmp_path, into: str = "empty.rapport") -> None:
    notebook_json.export_file(tmp_path / "out.json")
    close_notebook()
    open_notebook(tmp_path / into)
    notebook_json.import_file(tmp_path / "out.json")


def test_the_demo_queue_is_the_same_after_a_round_trip(demo_with_choices, tmp_path):
    before = queue()
    assert len(before) > 20
    round_trip(tmp_path)
    assert queue() == before  # same length, same keys, same order
    first = (tmp_path / "out.json").read_bytes()
    notebook_json.export_file(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == first


def test_states_follow_renumbered_customers_promises_and_problems(demo_with_choices,
                                                                  tmp_path):
    before = named_queue()
    notebook_json.export_file(tmp_path / "out.json")
    close_notebook()
    open_notebook(tmp_path / "busy.rapport")
    for n in range(3):  # their customer, promise and problem numbers are taken here
        customers.save_customer(Customer(
            given_name=f"Other{n}", family_name="Zed", interactions=[Interaction(TODAY, "call")],
            promises=[Promise(TODAY, datetime(2027, 1, 1), "x")],
            problems=[Problem(TODAY, "y", status="resolved", resolved=date(2026, 1, 1))]))
    notebook_json.import_file(tmp_path / "out.json")
    assert db.execute_sql("SELECT count(*) FROM customer").fetchone()[0] > 40
    assert named_queue() == before


def test_the_file_says_them_under_each_customer_in_plain_references(demo_with_choices,
                                                                     tmp_path):
    notebook_json.export_file(tmp_path / "out.json")
    document = json.loads((tmp_path / "out.json").read_bytes())
    said = [(c["id"], s) for c in document["customers"] for s in c.get("suggestions", [])]
    assert len(said) == 6
    keys = [s["key"] for _c, s in said]
    assert any(k.startswith("promise_due:c") and ".p" in k for k in keys)
    assert any(k.startswith("problem_follow_up:c") and ".q" in k for k in keys)
    assert all(set(s) <= {"key", "snoozed_until", "dismissed"} for _c, s in said)


def _file_with(suggestion) -> bytes:
    return json.dumps({"format": "rapport-notebook", "version": 1, "customers": [
        {"id": "c1", "given_name": "Ann", "promises": [{"due": "2026-12-01", "what": "x"}]},
        {"id": "c2", "given_name": "Bo", "suggestions": [suggestion]}]}).encode()


@pytest.mark.parametrize(("suggestion", "says"), [
    ({"key": "promise_due:c1.p0"}, "neither snoozed_until nor dismissed"),
    ({"key": "nagging:c2", "dismissed": True}, "not a kind of suggestion"),
    ({"key": "keep_in_touch:c9:2026-11-01:1", "dismissed": True}, "not the id of any"),
    ({"key": "promise_due:c1.p1", "dismissed": True}, "has no promise 1"),
    ({"key": "problem_follow_up:c1.q0:2026-12-01", "dismissed": True}, "has no problem 0"),
    ({"key": "promise_due:c1.x0", "dismissed": True}, "not a reference"),
    ({"key": "keep_in_touch:c2", "snoozed_until": "2026-02-30"}, "snoozed_until"),
    ({"key": "keep_in_touch:c2", "dismissed": "yes"}, "dismissed"),
    ({"key": 7, "dismissed": True}, "key"),
    ({"dismissed": True}, "key"),
])
def test_a_bad_state_refuses_the_file_and_changes_nothing(notebook, suggestion, says):
    with pytest.raises(NotebookFileError) as caught:
        notebook_json.loads(_file_with(suggestion))
    assert says in str(caught.value) and "customers[1].suggestions[0]" in str(caught.value)


def test_a_file_without_them_still_imports(notebook):
    content = notebook_json.loads(_file_with({"key": "x"}).replace(
        b', "suggestions": [{"key": "x"}]', b""))
    assert [c.given_name for c in content.customers] == ["Ann", "Bo"]


def test_random_damage_to_the_states_is_refused_in_plain_words_or_harmless(notebook):
    """600 damaged "suggestions" entries: each file either reads (the damage named nothing
    the file lacks) or is refused with a NotebookFileError naming the entry; nothing else
    escapes, and nothing is written by a refused file."""
    import random

    from storage.db import db

    rng = random.Random(14)
    pieces = ["promise_due", "problem_follow_up", "keep_in_touch", "milestone", "c1", "c2",
              "c1.p0", "c1.q0", "c2.p3", ".p", ".q", ":", "::", "c", "p0", "\x00", "é", "",
              "2026-12-01", "c1.p99999999", "thank_you_referral", "c1.p-1", " ", "c1.q"]
    values = [True, True, "2026-12-10", "2026-12-10", False, None, 0, 1, "", "2026-13-01",
              [], {}, 1e308, "yes"]
    refused = read = 0
    for _ in range(600):
        kind, ref = rng.choice(pieces[:4] + pieces[-4:]), rng.choice(pieces[4:8] + pieces[-4:])
        key = f"{kind}:{ref}" + rng.choice(["", ":" + rng.choice(pieces)]) \
            if rng.random() < 0.6 else "".join(rng.choices(pieces, k=rng.randint(0, 4)))
        entry = {"key": rng.choice([key, key, rng.choice(values)])}
        for field in ("snoozed_until", "dismissed"):
            if rng.random() < 0.7:
                entry[field] = rng.choice(values)
        data = json.dumps({"format": "rapport-notebook", "version": 1, "customers": [
            {"id": "c1", "promises": [{"due": "2026-12-01", "what": "x"}],
             "problems": [{"opened": "2026-11-01", "summary": "y"}]},
            {"id": "c2", "suggestions": [entry]}]}).encode()
        try:
            notebook_json.loads(data)
            read += 1
        except NotebookFileError as exc:
            assert "customers[1].suggestions[0]" in str(exc), str(exc)
            refused += 1
    assert refused > 300 and read > 0  # seed 14: 595 refused, 5 read
    assert db.execute_sql("SELECT count(*) FROM suggestion_state").fetchone()[0] == 0
