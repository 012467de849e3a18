"""print-cards and print-labels with customers named in every script: every name prints, and
a character no bundled font has stops the job with one line naming it, unless
``--skip-unprintable`` leaves it out."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from pypdf import PdfReader

import main
from domain.postal import person_name
from tests.exports.test_cards_scripts import PEOPLE

DAY = "2026-12-07"


def run(*argv) -> int:
    return main.main([str(a) for a in argv])


def customer(n: int, given: str, family: str, word: str) -> dict:
    return {"id": f"c{n}", "given_name": given, "family_name": family, "company": word,
            "addresses": [{"street": f"{n} Main St", "city": "Springfield", "region": "OR",
                           "postal_code": "97205", "country": "US", "mailing": True}],
            "purchases": [{"date": "2026-12-05", "amount": "20.00", "description": "roses"}]}


@pytest.fixture
def shop(tmp_path):
    people = [customer(n, *p) for n, p in enumerate(PEOPLE, start=1)]
    people.append(customer(99, "Ana", "Silva 🎉", "Bloom"))
    source = tmp_path / "people.json"
    source.write_text(json.dumps({"format": "rapport-notebook", "version": 1,
                                  "customers": people}), encoding="utf-8")
    path = tmp_path / "shop.rapport"
    assert run("import", source, "--notebook", path) == 0
    return path


def text_of(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in reader.pages))


@pytest.mark.parametrize("command", [
    ["print-cards", "{out}", "--date", DAY, "--envelopes", "{env}"],
    ["print-labels", "{out}"],
])
def test_an_unprintable_character_stops_the_job_with_one_line(shop, tmp_path, capsys,
                                                               command):
    out, env = tmp_path / "out.pdf", tmp_path / "env.pdf"
    argv = [a.format(out=out, env=env) for a in command] + ["--notebook", str(shop)]
    capsys.readouterr()
    assert run(*argv) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "the 🎉 (party popper) in Ana Silva's name" in err
    assert "--skip-unprintable" in err
    assert not out.exists() and not env.exists()
    assert run(*argv, "--skip-unprintable") == 0
    text = text_of(out)
    if command[0] == "print-cards":
        text += text_of(env)
    for given, family, _word in PEOPLE:
        assert unicodedata.normalize("NFC", person_name(given, family)) in text
    assert "Ana Silva" in text and "🎉" not in text
