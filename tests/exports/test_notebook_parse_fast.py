"""Issue 17: a customer's touches and sales, a quarter of a million each at 50,000 customers,
stream in as the rows the notebook stores, checked straight from their JSON objects when they
are as the export writes them; any other goes through the field-by-field checks. Either way
the rows and the message are those the field-by-field checks and ``records`` give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exports import notebook_entries as parse
from exports.json_reader import NotebookFileError, Obj
from storage import records

ODD = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False),
                st.lists(st.integers(), max_size=1), st.dictionaries(st.text(max_size=2),
                                                                     st.integers(), max_size=1))
DATES = st.one_of(st.sampled_from(["2026-03-14", "2026-02-30", "2026-3-14", " 2026-03-14",
                                   "2026-03-14 ", "2026-03-14\n", "", "20260314",
                                   "2024-02-29", "0000-01-01"]),
                  st.dates().map(str), ODD, st.text(max_size=12))
WORDS = st.one_of(st.sampled_from(["call", "note", "visit", "email", "sms", "mail", "phone",
                                   "", "Call", " call"]), ODD, st.text(max_size=6))
AMOUNTS = st.one_of(st.sampled_from(["12.50", "0", "-0.05", " 3.10", "1e3", "12.345", "",
                                     "999999999999.99", "1234567890123", "٣.٥", "12.5\n",
                                     "-0"]), ODD,
                    st.text(max_size=8))


def entry(keys: dict) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional=keys)


INTERACTION = st.one_of(entry({"date": DATES, "kind": WORDS, "summary": st.one_of(
    st.text(max_size=5), ODD), "channel": WORDS, "extra": ODD}), ODD)
PURCHASE = st.one_of(entry({"date": DATES, "amount": AMOUNTS, **{k: st.one_of(
    st.text(max_size=4), ODD) for k in ("description", "currency", "source", "order_id")}}),
    ODD)


def outcome(run):
    try:
        return run()
    except NotebookFileError as exc:
        return ("refused", str(exc))


# Each list the export writes a customer's entries in: its fast reading, and each entry's own.
READERS = {"interactions": (parse.interaction_rows, parse.interaction, records.interaction_row),
           "purchases": (parse.purchase_rows, parse.purchase, records.purchase_row)}


def read_alike(o: Obj, key: str) -> bool:
    """Whether the fast reading of ``o``'s ``key`` list gives what reading it entry by entry
    gives: the same rows, or the same refusal."""
    fast, one, row = READERS[key]
    return outcome(lambda: fast(o)) == outcome(lambda: [row(one(x)) for x in o.objects(key)])


@settings(max_examples=400, deadline=None)
@given(st.lists(INTERACTION, max_size=4))
def test_touches_read_fast_as_field_by_field(items):
    assert read_alike(Obj({"interactions": items}, "customers[7]"), "interactions")


@settings(max_examples=400, deadline=None)
@given(st.lists(PURCHASE, max_size=4))
def test_sales_read_fast_as_field_by_field(items):
    assert read_alike(Obj({"purchases": items}, "customers[7]"), "purchases")


def test_a_list_that_is_not_one_is_refused_as_before():
    o = Obj({"interactions": "yesterday", "purchases": {"a": 1}}, "customers[0]")
    assert read_alike(o, "interactions")
    assert read_alike(o, "purchases")

PARTIAL = st.one_of(st.sampled_from(["1980-02-29", "1981-02-29", "--02-29", "--0229", "--13-01",
                                     " --03-14 ", "0000-01-01", "1980-3-4", "", "--02-30\n"]),
                    st.dates().map(str), ODD, st.text(max_size=10))


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional={"birthday": PARTIAL}))
def test_partial_dates_read_through_the_cache_as_field_by_field(data):
    o = Obj(data, "customers[3].facts[0]")
    assert outcome(lambda: parse.partial_date(o, "birthday")) == outcome(
        lambda: o.partial_date("birthday"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.dictionaries(st.text(max_size=3), st.one_of(st.text(max_size=3), ODD),
                                 max_size=3), ODD))
def test_labels_read_as_field_by_field(value):
    from exports.notebook_parse import _labels

    o = Obj({"email_labels": value}, "customers[1]")

    def field_by_field():
        labels = Obj(value, o.at("email_labels"))
        return {name: labels.text(name) for name in value}

    assert outcome(lambda: _labels(o, "email_labels")) == outcome(
        lambda: {} if value is None else field_by_field())
