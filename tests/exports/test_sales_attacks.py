"""Sales files damaged every way a real file gets damaged (cut short, bytes flipped, lines
swapped, saved in another encoding) go through ``main.py import``: each either imports or says
why in one line, and the notebook never loses a purchase or a customer."""

from __future__ import annotations

import random

import pytest

import main
from tests.exports import sales_files as files
from tests.exports.test_sales_import import customers, purchases

TRIES = 40


def damaged(data: bytes, rng: random.Random) -> bytes:
    how = rng.randrange(5)
    if how == 0:  # cut short anywhere
        return data[:rng.randrange(len(data))]
    if how == 1:  # bytes flipped
        out = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if how == 2:  # lines shuffled (the header too)
        lines = data.split(b"\r\n")
        rng.shuffle(lines)
        return b"\r\n".join(lines)
    if how == 3:  # another encoding
        return data.decode("utf-8").encode(rng.choice(["utf-16", "cp1252", "utf-8-sig"]),
                                           errors="replace")
    cells = data.split(b",")  # cells moved one place
    cut = rng.randrange(1, len(cells))
    return b",".join([*cells[:cut], b"X", *cells[cut:]])


def test_damaged_sales_files_import_or_say_why_and_lose_nothing(tmp_path, capsys):
    book = tmp_path / "shop.rapport"
    good = files.write(tmp_path / "orders_export.csv", files.SHOPIFY, files.shopify_orders())
    assert main.main(["import", str(good), "--notebook", str(book)]) == 0
    rng = random.Random(15)
    refused = 0
    for n in range(TRIES):
        before_p, before_c = purchases(book), customers(book)
        bad = tmp_path / f"bad{n}.csv"
        bad.write_bytes(damaged(good.read_bytes(), rng))
        capsys.readouterr()
        code = main.main(["import", str(bad), "--notebook", str(book)])
        err = capsys.readouterr().err
        assert "Traceback" not in err and code in (0, 1), (n, err)
        if code == 1:
            refused += 1
            assert len(err.strip().splitlines()) == 1, err
        after_p = purchases(book)
        assert set(before_p) <= set(after_p), n  # nothing lost
        assert set(before_c) <= set(customers(book)), n
        assert len({p[6] for p in after_p}) == len(after_p)  # no order counted twice
    print(f"{TRIES} damaged files: {refused} refused with one line, {TRIES - refused} imported")


@pytest.mark.parametrize("data", [b"", b"\x00" * 100, bytes(range(256)) * 4,
                                  b"PK\x03\x04" + b"\x00" * 60])
def test_files_that_are_no_table_at_all(tmp_path, capsys, data):
    (tmp_path / "x.csv").write_bytes(data)
    code = main.main(["import", str(tmp_path / "x.csv"), "--notebook", str(tmp_path / "b")])
    err = capsys.readouterr().err
    assert "Traceback" not in err and code in (0, 1)
