"""Email drafts read back by the parsers mail programs follow, never by Rapport.

RFC 2047 readers (Thunderbird, Outlook; Python's ``decode_header``) drop the white space
between two adjacent encoded words, so a space the writer leaves *between* them is lost:
Python's own folding did that to Subjects mixing scripts (``عبد الله`` came back
``عبدالله``). Python's ``policy.default`` parser, in turn, reads white space between two
encoded words of a display name as a space (not RFC 2047, but what Python programs see), so a
name cut mid-word came back ``Αλέξα νδρος``. Each name and subject must come back whole from
both: exact from RFC 2047, and at worst with a space doubled from Python's display names.
"""

from __future__ import annotations

import email
import random
from email import policy
from email.header import decode_header, make_header
from email.utils import getaddresses

import pytest

from exports.eml import draft_bytes, file_name

WORDS = ["Zoë", "Nguyễn Thị Phương Thảo", "Αλέξανδρος", "Щербакова", "אברהם", "عبد الله",
         "प्रियंका", "สมชาย ใจดี", "王伟", "山田太郎", "김민준", "👩‍👩‍👧‍👦", "🇺🇸🇯🇵", 'O"Brien,',
         "Jr.", "Back\\slash", ";", ":", "<b>", "&", "=1+1", "@x", "O'Connor", "(c)", "x" * 30,
         "=?utf-8?q?no?="]


def texts(seed: int, count: int, most: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, most)))
            for _ in range(count)]


def rfc2047(value: str) -> str:
    return str(make_header(decode_header(value)))


def read(raw: bytes) -> tuple[email.message.EmailMessage, email.message.Message]:
    return (email.message_from_bytes(raw, policy=policy.default),
            email.message_from_bytes(raw))  # compat32: the raw header, for decode_header


@pytest.mark.parametrize("seed", range(3))
def test_names_and_subjects_in_every_script_come_back_whole(seed):
    lost = []
    for name, subject in zip(texts(seed, 300, 8), texts(seed + 10, 300, 14), strict=True):
        raw = draft_bytes(name, "a.b@example.com", subject, "Hello")
        assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
        modern, legacy = read(raw)
        (address,) = modern["To"].addresses
        ((legacy_name, legacy_addr),) = getaddresses([legacy["To"]])
        if (rfc2047(legacy_name) != name or legacy_addr != "a.b@example.com"
                or " ".join(address.display_name.split()) != " ".join(name.split())
                or address.addr_spec != "a.b@example.com"
                or str(modern["Subject"]) != subject or rfc2047(legacy["Subject"]) != subject):
            lost.append((name, address.display_name, subject, str(modern["Subject"])))
    assert lost == []


def test_a_name_with_commas_and_quotes_stays_one_recipient():
    raw = draft_bytes('O"Brien, Jr.; <x@evil.example>, Zoë', "a@example.com", "Hi", "Hello")
    modern, legacy = read(raw)
    assert [a.addr_spec for a in modern["To"].addresses] == ["a@example.com"]
    assert [a for _, a in getaddresses([legacy["To"]])] == ["a@example.com"]


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_long_name_with_commas_never_adds_a_recipient(sep):
    """The email package folded a display name longer than a line unquoted: a customer named
    ``xxx…x,evil@attacker.example,`` made the draft go to evil@attacker.example as well."""
    name = "x" * 75 + f"{sep}evil@attacker.example{sep}"
    modern, legacy = read(draft_bytes(name, "zoe@example.com", "Hi", "Hello"))
    assert [a.addr_spec for a in modern["To"].addresses] == ["zoe@example.com"]
    ((legacy_name, address),) = getaddresses([legacy["To"]])
    assert (rfc2047(legacy_name), address) == (name, "zoe@example.com")


def test_an_international_domain_is_written_as_its_ascii_form():
    modern, _ = read(draft_bytes("Zoë", "zoe@bücher.example", "Hi", "Hello"))
    assert modern["To"].addresses[0].domain == "xn--bcher-kva.example"
    assert b"=?" not in draft_bytes("Zoë", "zoe@bücher.example", "Hi", "Hello").split(b">")[0]\
        .split(b"<")[1]


def test_the_draft_is_a_draft_with_crlf_and_a_utf8_body():
    raw = draft_bytes("Zoë", "a@example.com", "Hi", "Line one\nLine two " + "ü" * 2000)
    assert b"\nX-Unsent: 1\r\n" in raw and b"\r\n\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    modern, _ = read(raw)
    assert modern.get_content_charset() == "utf-8"
    assert modern.get_content().replace("\r\n", "\n").startswith("Line one\nLine two üü")


@pytest.mark.parametrize("ctl", ["\x00", "\x1b", "\x7f", "\x9b", "\u2028", "\x85"])
def test_control_characters_never_reach_a_header(ctl):
    """A NUL or ESC pasted into a name is no text (Python's parser flags the header as
    defective); a line separator is a space."""
    modern, legacy = read(draft_bytes(f"Zoë{ctl}Ann", "a@example.com", f"Hi{ctl}there", "x"))
    assert modern["To"].defects == () and modern["Subject"].defects == ()
    assert modern["To"].addresses[0].display_name in ("ZoëAnn", "Zoë Ann")
    assert str(modern["Subject"]) in ("Hithere", "Hi there")
    assert rfc2047(legacy["Subject"]) == str(modern["Subject"])


@pytest.mark.parametrize(("name", "kept"), [("प्रियंका चोपड़ा", "प्रियंका-चोपड़ा"),
                                            ("สมชาย ใจดี", "สมชาย-ใจดี"),
                                            ("Nguyễn", "Nguyễn")])
def test_a_file_name_keeps_the_marks_of_a_name(name, kept):
    assert file_name(name, 7, "birthday") == f"{kept}-7-birthday.eml"
