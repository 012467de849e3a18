"""``import`` says honestly what was lost (issue 15, finding 1).

Exit 0 when every card came in, even if some lines were left out: the customers are all
there and each line left out is listed. Exit 1 when a whole card (or file) could not be
imported: a script must learn that someone is missing. The good cards are imported anyway,
and stderr says so in one line.
"""

from __future__ import annotations

from pathlib import Path

import main
from storage import records
from storage.db import close_notebook, open_notebook

FIXTURES = Path(__file__).parent / "exports" / "fixtures"


def names(notebook: Path) -> list[str]:
    open_notebook(notebook)
    try:
        return sorted(c.given_name for c in records.load_customers())
    finally:
        close_notebook()


def test_a_line_left_out_keeps_the_card_exits_0_and_names_the_line(tmp_path, capsys):
    book = tmp_path / "shop.rapport"
    code = main.main(["import", str(FIXTURES / "one_bad_line.vcf"), "--notebook", str(book)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "one_bad_line.vcf: 1 added" in out
    assert "card 1 (line 5): cannot read 'this line is not a property' — line left out" in out
    assert names(book) == ["Ada"]


def test_a_card_lost_exits_1_and_says_the_rest_came_in(tmp_path, capsys):
    book = tmp_path / "shop.rapport"
    code = main.main(["import", str(FIXTURES / "broken_middle.vcf"), "--notebook", str(book)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "card 5 (line 21): no name, company, email or phone — skipped" in out
    assert err.strip().splitlines() == [
        "rapport: broken_middle.vcf: 2 skipped (listed above); the other 4 were imported"]
    assert names(book) == ["Alice", "Bob", "Dan", "Eve"]


def test_an_iphone_file_with_cr_cr_lf_imports_whole(tmp_path, capsys):
    book = tmp_path / "shop.rapport"
    code = main.main(["import", str(FIXTURES / "iphone_crcrlf_photo.vcf"),
                      "--notebook", str(book)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "iphone_crcrlf_photo.vcf: 2 added" in out and "cannot read" not in out
    assert names(book) == ["Chidi", "Lena"]


def test_export_writes_vcard_4_when_asked(tmp_path, capsys):
    book = tmp_path / "shop.rapport"
    main.main(["import", str(FIXTURES / "v40_related.vcf"), "--notebook", str(book)])
    out = tmp_path / "out.vcf"
    assert main.main(["export", str(out), "--vcard-version", "4.0", "--notebook", str(book)]) == 0
    text = out.read_bytes().decode()
    assert "VERSION:4.0\r\n" in text and "RELATED;TYPE=spouse;VALUE=text:Jordan Lee" in text
    assert main.main(["export", str(tmp_path / "x.csv"), "--vcard-version", "4.0",
                      "--notebook", str(book)]) == 1
    assert "only for .vcf" in capsys.readouterr().err
